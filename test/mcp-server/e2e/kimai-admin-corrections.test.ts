// correct_time_entries on Kimai, through the engine in process against the fake Kimai: an administrator
// (Ann, ROLE_ADMIN), a team lead (Tom, leading Ada) and a worker (Ada). Who is offered it, the preview
// and what is then changed, confirm_count, the lockdown from the settings, exported entries, unknown
// tags, the request bound, a failure midway, and the question in both protocol eras.
import type { ElicitRequestFormParams } from '@modelcontextprotocol/client';
import { describe, expect, it } from 'vitest';
import { readDetection } from '../../../mcp-server/providers/kimai/facts.ts';
import { type Era, refusalOf, textOf } from '../../support/engine.ts';
import { ADA, ANN, type KimaiSessionOptions, kimaiAdmin, ROOT, TOM } from '../../support/kimai-admin.ts';
import { DEFAULT_USERS, type FakeKimai, type FakeTimesheet, type FakeUser, seedCatalog } from '../providers/kimai/fake-kimai.ts';

const { startKimai, connect: connectWith, offered } = kimaiAdmin('correct_time_entries');
const LOCKDOWN = { period_start: 'first day of previous month 00:00:00', period_end: 'last day of previous month 23:59:59', timezone: 'Europe/Berlin' };
const at = (iso: string) => Date.parse(iso);
const HOUR = 3_600_000;

interface World {
  server: FakeKimai;
  /** Ada's: 30 October (inside the locked October), 3 and 4 November, and 5 November exported. */
  locked: FakeTimesheet;
  nov3: FakeTimesheet;
  nov4: FakeTimesheet;
  exported: FakeTimesheet;
  /** Root's, on 4 November: in nobody's team. */
  outsider: FakeTimesheet;
}

async function kimai(extraAda = 0): Promise<World> {
  const server = await startKimai({ users: [...DEFAULT_USERS, ANN] });
  const { website, design } = seedCatalog(server);
  server.addTeam('Web', [{ userId: TOM.id, teamlead: true }, { userId: ADA.id }]);
  server.state.tags.push({ id: 900, name: 'billing', visible: true });
  const sheet = (userId: number, iso: string, extra: Partial<FakeTimesheet> = {}) =>
    server.addTimesheet({ userId, begin: at(iso), end: at(iso) + 2 * HOUR, projectId: website.id, activityId: design.id, ...extra });
  const world = {
    server,
    locked: sheet(ADA.id, '2026-10-30T09:00:00+01:00'),
    nov3: sheet(ADA.id, '2026-11-03T09:00:00+01:00'),
    nov4: sheet(ADA.id, '2026-11-04T09:00:00+01:00'),
    exported: sheet(ADA.id, '2026-11-05T09:00:00+01:00', { exported: true }),
    outsider: sheet(ROOT.id, '2026-11-04T13:00:00+01:00'),
  };
  for (let index = 0; index < extraAda; index++)
    sheet(ADA.id, `2026-11-${String(6 + (index % 10)).padStart(2, '0')}T${String(8 + Math.floor(index / 10)).padStart(2, '0')}:00:00+01:00`);
  return world;
}

/** A session under the lockdown of LOCKDOWN unless the test names another, or none (null). */
async function connect(server: FakeKimai, user: FakeUser, options: KimaiSessionOptions & { lockdown?: object | null } = {}) {
  const { lockdown = LOCKDOWN, ...session } = options;
  return connectWith(server, user, { ...session, ...(lockdown ? { provider: { lockdown } } : {}) });
}

const patches = (server: FakeKimai) => server.requests.filter((request) => request.method === 'PATCH' && /^\/api\/timesheets\/\d+$/.test(request.path));
const NOVEMBER = { from: '2026-10-01', to: '2026-11-30' };

describe('correct_time_entries on Kimai', () => {
  it('is offered to an administrator and a team lead, not to a worker', async () => {
    const { server } = await kimai();
    const admin = await connect(server, ANN);
    await expect.poll(() => offered(admin)).toBe(true);
    await admin.close();
    const lead = await connect(server, TOM);
    await expect.poll(() => offered(lead)).toBe(true);
    await lead.close();
    const worker = await connect(server, ADA);
    expect(await offered(worker)).toBe(false);
  });

  it('previews without a confirmation, refuses a different count with the fresh preview, and changes exactly what it previewed', async () => {
    const world = await kimai();
    const { server } = world;
    const admin = await connect(server, ANN);
    const args = { ...NOVEMBER, set: { billable: false, add_tags: ['billing'] } };
    const preview = await admin.call('correct_time_entries', args);
    expect(preview.isError, textOf(preview)).toBeFalsy();
    const data = preview.structuredContent as {
      changed: boolean;
      count: number;
      hours: number;
      not_touched: Array<{ id: number; reason: string }>;
      entries: Array<{ id: number }>;
    };
    // The administrator edits exported entries (edit_exported_timesheet), but not the locked October.
    expect(data).toMatchObject({ changed: false, count: 4, hours: 8, locked_until: '2026-10-31T23:59:59+01:00' });
    expect(data.not_touched).toEqual([{ id: world.locked.id, start: '2026-10-30T09:00:00+01:00', person: 'Ada Lovelace', reason: 'locked' }]);
    expect(data.entries.map((entry) => entry.id)).toEqual([world.nov3.id, world.nov4.id, world.outsider.id, world.exported.id]);
    expect(data.entries[0]).toEqual({
      id: world.nov3.id,
      start: '2026-11-03T09:00:00+01:00',
      hours: 2,
      person: 'Ada Lovelace',
      project: 'Website',
      activity: 'Design',
    });
    expect(textOf(preview)).toMatch(
      /^Would change 4 entries \(8 h\) from 2026-10-01 to 2026-11-30 among everyone's entries: not billable, tags \+ "billing"\. Not touched, in the locked period: #\d+\. Locked up to 2026-10-31 23:59\./,
    );
    expect(textOf(preview)).toMatch(/call again with confirm_count 4 to change them\.$/);
    expect(patches(server)).toEqual([]);

    const wrong = await admin.call('correct_time_entries', { ...args, confirm_count: 3 });
    expect(wrong.isError).toBe(true);
    expect(textOf(wrong)).toMatch(/^confirm_count is 3 but the correction now covers 4 entries; nothing was changed\. Would change 4 entries/);
    // The refusal as data (contract/outcomes/admin.ts): the two counts, and the preview as it is now.
    expect(refusalOf(wrong)).toMatchObject({ code: 'corrections_count_moved', facts: { confirmed: 3, now: 4 } });
    expect(patches(server)).toEqual([]);

    const done = await admin.call('correct_time_entries', { ...args, confirm_count: 4 });
    expect(done.isError, textOf(done)).toBeFalsy();
    expect(done.structuredContent).toMatchObject({ changed: true, count: 4 });
    expect(patches(server).map((request) => Number(request.path.split('/').at(-1)))).toEqual(data.entries.map((entry) => entry.id));
    for (const sheet of [world.nov3, world.nov4, world.outsider, world.exported]) expect(sheet).toMatchObject({ billable: false, tags: ['billing'] });
    expect(world.locked).toMatchObject({ billable: true, tags: [] });
    expect(textOf(done)).toMatch(/^Changed 4 entries \(8 h\): not billable, tags \+ "billing"\. Not touched, in the locked period: #\d+\.$/);
  });

  it("keeps a team lead to their team's entries, leaves exported ones untouched and refuses un-exporting in words", async () => {
    const world = await kimai();
    const { server } = world;
    const lead = await connect(server, TOM);
    const preview = await lead.call('correct_time_entries', { ...NOVEMBER, set: { exported: true } });
    const data = preview.structuredContent as { count: number; not_touched: Array<{ id: number; reason: string }>; entries: Array<{ id: number }> };
    expect(data.entries.map((entry) => entry.id)).toEqual([world.nov3.id, world.nov4.id]);
    expect(data.not_touched.map((entry) => entry.reason)).toEqual(['locked']);
    const billable = await lead.call('correct_time_entries', { ...NOVEMBER, set: { billable: false } });
    expect((billable.structuredContent as { not_touched: Array<{ id: number; reason: string }> }).not_touched).toEqual([
      expect.objectContaining({ id: world.locked.id, reason: 'locked' }),
      expect.objectContaining({ id: world.exported.id, reason: 'exported' }),
    ]);
    expect(textOf(billable)).toMatch(/Not touched, exported \(changing them needs edit_exported_timesheet\): #\d+\./);
    const unexport = await lead.call('correct_time_entries', { ...NOVEMBER, set: { exported: false } });
    expect(textOf(unexport)).toBe(
      'Un-exporting entries needs the permission edit_exported_timesheet (Kimai gives it administrators); your account lacks it. Nothing was changed.',
    );
    const done = await lead.call('correct_time_entries', { ...NOVEMBER, set: { exported: true }, confirm_count: 2 });
    expect(done.isError, textOf(done)).toBeFalsy();
    expect([world.nov3.exported, world.nov4.exported, world.outsider.exported]).toEqual([true, true, false]);
    expect(patches(server)).toHaveLength(2);
  });

  it('says locked periods are unknown where the settings name none, and Kimai then refuses the locked one (403), which withdraws the tool', async () => {
    const world = await kimai();
    const { server } = world;
    server.config.lockdown = { start: at('2026-10-01T00:00:00+02:00'), end: at('2026-10-31T23:59:59+01:00') };
    const lead = await connect(server, TOM, { lockdown: null });
    const preview = await lead.call('correct_time_entries', { from: '2026-10-30', to: '2026-11-03', set: { billable: false } });
    expect(preview.structuredContent).toMatchObject({ count: 2, locked_until: null, not_touched: [] });
    expect(textOf(preview)).toMatch(/Locked periods are unknown: Kimai publishes none, and the settings name none \(provider\.lockdown\)\./);
    const refused = await lead.call('correct_time_entries', { from: '2026-10-30', to: '2026-11-03', set: { billable: false }, confirm_count: 2 });
    expect(textOf(refused)).toMatch(
      /Kimai did not let you change time entry #\d+ \(403 Forbidden\): your account lacks the permission edit_team_timesheet, or the entry lies in a period Kimai keeps locked\./,
    );
    expect(readDetection(lead.userDataDir, server.url)?.correctionsRefused).toBe(true);
    await expect.poll(() => offered(lead)).toBe(false);
  });

  it('filters by people and ids, refuses an unknown tag and an activity of another project, before anything is sent', async () => {
    const world = await kimai();
    const { server } = world;
    const other = server.addProject('Intranet', server.state.customers[0]?.id ?? 0);
    const admin = await connect(server, ANN);
    const byPerson = await admin.call('correct_time_entries', { ...NOVEMBER, people: ['root'], set: { billable: false } });
    expect((byPerson.structuredContent as { entries: Array<{ id: number }> }).entries.map((entry) => entry.id)).toEqual([world.outsider.id]);
    const byId = await admin.call('correct_time_entries', { ...NOVEMBER, ids: [world.nov4.id], set: { billable: false } });
    expect(byId.structuredContent).toMatchObject({ count: 1 });
    const tag = await admin.call('correct_time_entries', { ...NOVEMBER, set: { add_tags: ['travel'] } });
    expect(textOf(tag)).toBe('There is no tag "travel"; Kimai would drop it without a word. Create it first (manage_tags). Nothing was changed.');
    const move = await admin.call('correct_time_entries', { ...NOVEMBER, set: { project: 'Intranet' } });
    expect(textOf(move)).toMatch(/^Entries #\d+, #\d+, #\d+, #\d+ have an activity of another project, which the new project cannot take: name set\.activity/);
    const moved = await admin.call('correct_time_entries', {
      ...NOVEMBER,
      ids: [world.nov3.id],
      set: { project: 'Intranet', activity: 'Meeting' },
      confirm_count: 1,
    });
    expect(moved.isError, textOf(moved)).toBeFalsy();
    expect(world.nov3.projectId).toBe(other.id);
    expect(patches(server)).toHaveLength(1);
  });

  it('refuses a correction that needs more requests than one call may send, before sending any', async () => {
    const { server } = await kimai(45);
    const admin = await connect(server, ANN);
    const refused = await admin.call('correct_time_entries', { ...NOVEMBER, set: { billable: false }, confirm_count: 49 });
    expect(refused.isError).toBe(true);
    expect(textOf(refused)).toMatch(
      /^This would change 49 entries, one request each, and this call may send only \d+ more \(40 in all\)\. Nothing was changed\. Narrow it/,
    );
    expect(patches(server)).toEqual([]);
  });

  it('names the entries it changed and those it did not when Kimai fails midway', async () => {
    const world = await kimai();
    const { server } = world;
    const admin = await connect(server, ANN);
    server.failNext(
      { method: 'PATCH', path: `/api/timesheets/${world.outsider.id}` },
      { status: 500, body: { code: 500, message: 'Internal Server Error' }, times: 5 },
    );
    const failed = await admin.call('correct_time_entries', { ...NOVEMBER, set: { billable: false }, confirm_count: 4 });
    expect(failed.isError).toBe(true);
    expect(textOf(failed)).toMatch(
      new RegExp(`^Changed #${world.nov3.id}, #${world.nov4.id}; then: .+ Not changed: #${world.outsider.id}, #${world.exported.id}\\. Preview again`),
    );
    expect([world.nov3.billable, world.nov4.billable, world.outsider.billable, world.exported.billable]).toEqual([false, false, true, true]);
  });
});

describe.each<Era>(['legacy', 'modern'])('the question before a correction (%s era)', (era) => {
  it('shows the preview and changes the entries once accepted', async () => {
    const world = await kimai();
    const asked: ElicitRequestFormParams[] = [];
    const admin = await connect(world.server, ANN, { era, elicitation: (params) => (asked.push(params), { action: 'accept', content: {} }) });
    const done = await admin.call('correct_time_entries', { ...NOVEMBER, people: ['ada'], set: { billable: false } });
    expect(done.isError, textOf(done)).toBeFalsy();
    expect(asked.map((params) => params.message)).toEqual([
      `Change 3 entries (6 h) to not billable? Not touched, in the locked period: #${world.locked.id}. Locked up to 2026-10-31 23:59. Entries: #${world.nov3.id}, #${world.nov4.id}, #${world.exported.id}`,
    ]);
    expect([world.nov3.billable, world.nov4.billable, world.exported.billable, world.locked.billable]).toEqual([false, false, false, true]);
  });

  it.each([
    ['declined', { action: 'decline' } as const, /you said no when asked\. Nothing was changed\./],
    ['dismissed', { action: 'cancel' } as const, /the question was dismissed without an answer\. Nothing was changed\./],
  ])('%s, changes nothing and says so', async (_label, answer, words) => {
    const world = await kimai();
    const admin = await connect(world.server, ANN, { era, elicitation: () => answer });
    const refused = await admin.call('correct_time_entries', { ...NOVEMBER, set: { billable: false } });
    expect(refused.isError).toBe(true);
    expect(textOf(refused)).toMatch(/^No entry was changed: /);
    expect(textOf(refused)).toMatch(words);
    expect(patches(world.server)).toEqual([]);
  });
});
