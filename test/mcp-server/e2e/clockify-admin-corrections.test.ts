// correct_time_entries on Clockify, through the engine in process against the fake Clockify: a workspace
// admin (Bob), the owner (Olga), a team manager (Mia) and a worker (Wes). Who is offered it (from the
// role Clockify names), the preview and what is then changed (each entry sent back whole: description,
// tags, task), confirm_count, the workspace's lock and an entry Clockify marks locked left untouched,
// the invoiced mark and a mark that failed after its entry was replaced, unknown tags, the request bound
// (people read one by one, and two requests an entry), the question in both protocol eras, and
// Clockify's 403 withdrawing the tool.
import type { ElicitRequestFormParams } from '@modelcontextprotocol/client';
import { describe, expect, it } from 'vitest';
import type { SessionOptions } from '../../support/admin-engine.ts';
import { clockifyAdmin } from '../../support/clockify-admin.ts';
import { type Era, refusalOf, textOf } from '../../support/engine.ts';
import {
  addEntry,
  addMembers,
  BOB_KEY,
  type FakeClockify,
  type FakeClockifyOptions,
  type FakeEntry,
  MIA_KEY,
  OLGA_KEY,
  SEED,
  TEAM,
  WES_KEY,
} from '../providers/clockify/fake-clockify.ts';
import { invoicedOf } from '../providers/clockify/fake-clockify-corrections.ts';

// A session declares elicitation only where a test answers: a client that cannot be asked confirms a correction by its confirm_count.
const { acmeWithTeam, connect, offered, session } = clockifyAdmin({ tool: 'correct_time_entries' });

const { ada, cleo } = SEED.users;
const { website, internal } = SEED.projects;
const { design, development, meeting } = SEED.tasks;
const at = (iso: string) => Date.parse(iso);
const HOUR = 3_600_000;
const NOVEMBER = { from: '2026-10-01', to: '2026-11-30' };
const CLIENT_A = '74c777ddd3fcab07cfbb9001';
const BILLING = '74c777ddd3fcab07cfbb9002';

interface World {
  fake: FakeClockify;
  /** Ada's on 30 October, before the workspace's lock (1 November). */
  locked: FakeEntry;
  /** Cleo's on 2 November, which Clockify itself marks locked (an approved timesheet's). */
  approved: FakeEntry;
  /** Ada's on 3 November: Website / Design, "Homepage mockups", tagged client-a, billable. */
  nov3: FakeEntry;
  /** Ada's on 4 November: Website / Development, "API". */
  nov4: FakeEntry;
  /** Cleo's on 4 November: Internal / Meeting. */
  cleo4: FakeEntry;
  /** Wes's on 5 November: Website without a task. */
  wes5: FakeEntry;
}

/** Acme, locked before 1 November (Berlin), with the entries above and the tags client-a and billing. */
async function workspace(options: FakeClockifyOptions = {}): Promise<World> {
  const fake = await acmeWithTeam(options);
  const acme = fake.state.workspaces.find((item) => item.id === SEED.workspaces.acme);
  if (acme) acme.settings.lockTimeEntries = '2026-10-31T23:00:00Z';
  fake.state.tags.push(
    { id: CLIENT_A, workspaceId: SEED.workspaces.acme, name: 'client-a', archived: false },
    { id: BILLING, workspaceId: SEED.workspaces.acme, name: 'billing', archived: false },
  );
  const entry = (userId: string, iso: string, extra: Partial<FakeEntry> = {}) =>
    addEntry(fake, { userId, start: at(iso), end: at(iso) + 2 * HOUR, projectId: website, taskId: design, billable: true, ...extra });
  return {
    fake,
    // Not marked isLocked here: the workspace's lock date alone must keep it untouched.
    locked: entry(ada, '2026-10-30T09:00:00+01:00'),
    approved: entry(cleo, '2026-11-02T09:00:00+01:00', { isLocked: true }),
    nov3: entry(ada, '2026-11-03T09:00:00+01:00', { description: 'Homepage mockups', tagIds: [CLIENT_A] }),
    nov4: entry(ada, '2026-11-04T09:00:00+01:00', { taskId: development, description: 'API' }),
    cleo4: entry(cleo, '2026-11-04T13:00:00+01:00', { projectId: internal, taskId: meeting, billable: false, description: 'Weekly' }),
    wes5: entry(TEAM.users.wes, '2026-11-05T09:00:00+01:00', { taskId: null, description: 'Copy' }),
  };
}

/** Bob's session, the workspace admin's, once the tool is offered. */
const admin = (fake: FakeClockify, options: SessionOptions = {}) => session(fake, BOB_KEY, options);

const entryWrites = (fake: FakeClockify) => fake.writes.filter((write) => write.path.includes('/time-entries'));
const puts = (fake: FakeClockify) => entryWrites(fake).filter((write) => write.method === 'PUT');
type Preview = {
  changed: boolean;
  count: number;
  hours: number;
  locked_until: string | null;
  not_touched: Array<{ id: number; start: string; person: string; reason: string }>;
  entries: Array<{ id: number; start: string; hours: number; person: string; project: string; activity: string }>;
};

describe('correct_time_entries on Clockify', () => {
  it('is offered to a workspace admin and the owner, never to a team manager or a worker', async () => {
    const { fake } = await workspace();
    for (const key of [BOB_KEY, OLGA_KEY]) {
      const engine = await connect(fake, key);
      await expect.poll(() => offered(engine)).toBe(true);
    }
    for (const key of [MIA_KEY, WES_KEY]) {
      const engine = await connect(fake, key);
      // The role is learned in the background; give it the time to offer the tool, which it must not.
      await expect.poll(() => fake.requests.filter((request) => /[?&]roles=/.test(request.query)).length).toBeGreaterThan(0);
      expect(await offered(engine)).toBe(false);
      expect(refusalOf(await engine.call('correct_time_entries', { ...NOVEMBER, set: { billable: false } }))).toMatchObject({
        code: 'tool_withheld',
        facts: { tool: 'correct_time_entries', why: 'back_end' },
      });
    }
    expect(entryWrites(fake)).toEqual([]);
  });

  it('previews, refuses a different count with the fresh preview, and changes exactly what it previewed, each entry sent back whole', async () => {
    const world = await workspace();
    const { fake } = world;
    const bob = await admin(fake);
    const args = { ...NOVEMBER, set: { billable: false, add_tags: ['Billing'] } };
    const preview = await bob.call('correct_time_entries', args);
    expect(preview.isError, textOf(preview)).toBeFalsy();
    const data = preview.structuredContent as Preview;
    // The entry before the workspace's lock and the one Clockify marks locked are left alone, though Bob could change them in Clockify.
    expect(data).toMatchObject({ changed: false, count: 4, hours: 8, locked_until: '2026-10-31T23:59:59+01:00' });
    expect(data.not_touched).toEqual([
      { id: expect.any(Number), start: '2026-10-30T09:00:00+01:00', person: 'Ada Lovelace', reason: 'locked' },
      { id: expect.any(Number), start: '2026-11-02T09:00:00+01:00', person: 'Cleo Patra', reason: 'locked' },
    ]);
    expect(data.entries.map((entry) => [entry.start, entry.person, entry.project, entry.activity])).toEqual([
      ['2026-11-03T09:00:00+01:00', 'Ada Lovelace', 'Website', 'Design'],
      ['2026-11-04T09:00:00+01:00', 'Ada Lovelace', 'Website', 'Development'],
      ['2026-11-04T13:00:00+01:00', 'Cleo Patra', 'Internal', 'Meeting'],
      ['2026-11-05T09:00:00+01:00', 'Wes Worker', 'Website', ''],
    ]);
    expect(textOf(preview)).toMatch(
      /^Would change 4 entries \(8 h\) from 2026-10-01 to 2026-11-30 among everyone's time entries: not billable, tags \+ "billing"\. Not touched, in the locked period: #\d+, #\d+\. Clockify locks the workspace's entries before 2026-11-01 00:00 \(its admins may still change them; Punchcard does not\); an entry Clockify marks locked is left alone too\./,
    );
    expect(textOf(preview)).toMatch(/call again with confirm_count 4 to change them\.$/);
    expect(entryWrites(fake)).toEqual([]);

    const wrong = await bob.call('correct_time_entries', { ...args, confirm_count: 5 });
    expect(wrong.isError).toBe(true);
    expect(textOf(wrong)).toMatch(/^confirm_count is 5 but the correction now covers 4 entries; nothing was changed\. Would change 4 entries/);
    expect(entryWrites(fake)).toEqual([]);

    const done = await bob.call('correct_time_entries', { ...args, confirm_count: 4 });
    expect(done.isError, textOf(done)).toBeFalsy();
    expect(done.structuredContent).toMatchObject({ changed: true, count: 4 });
    expect(textOf(done)).toMatch(/^Changed 4 entries \(8 h\): not billable, tags \+ "billing"\. Not touched, in the locked period: #\d+, #\d+\.$/);
    // One replacement each, in the preview's order, and nothing else written.
    expect(entryWrites(fake).map((write) => `${write.method} ${write.path.split('/').at(-1)}`)).toEqual(
      [world.nov3, world.nov4, world.cleo4, world.wes5].map((entry) => `PUT ${entry.id}`),
    );
    expect(world.nov3).toMatchObject({
      billable: false,
      description: 'Homepage mockups',
      projectId: website,
      taskId: design,
      tagIds: [CLIENT_A, BILLING],
      start: at('2026-11-03T09:00:00+01:00'),
      end: at('2026-11-03T11:00:00+01:00'),
    });
    expect(world.nov4).toMatchObject({ billable: false, description: 'API', taskId: development, tagIds: [BILLING] });
    expect(world.cleo4).toMatchObject({ billable: false, description: 'Weekly', projectId: internal, taskId: meeting, tagIds: [BILLING] });
    expect(world.wes5).toMatchObject({ billable: false, description: 'Copy', projectId: website, taskId: null, tagIds: [BILLING] });
    for (const untouched of [world.locked, world.approved]) expect(untouched).toMatchObject({ billable: true, tagIds: [] });

    // Already as asked: nothing left to change.
    const again = await bob.call('correct_time_entries', args);
    expect(again.structuredContent).toMatchObject({ changed: false, count: 0 });
    expect(textOf(again)).toMatch(/ 4 already as asked\./);
  });

  it("marks entries invoiced with Clockify's own request (every entry, as Clockify shows no mark), and moves one keeping the rest of it", async () => {
    // Two items a page: the members and each person's entries are read across pages.
    const world = await workspace({ maxPageSize: 2 });
    const { fake } = world;
    const bob = await admin(fake);
    const mark = await bob.call('correct_time_entries', { ...NOVEMBER, people: ['ada@acme.example'], set: { exported: true } });
    expect(mark.structuredContent).toMatchObject({ count: 2, not_touched: [expect.objectContaining({ reason: 'locked', person: 'Ada Lovelace' })] });
    const ids = (mark.structuredContent as Preview).entries.map((entry) => entry.id);
    const marked = await bob.call('correct_time_entries', { ...NOVEMBER, people: ['ada@acme.example'], set: { exported: true }, confirm_count: 2 });
    expect(marked.isError, textOf(marked)).toBeFalsy();
    expect(textOf(marked)).toMatch(/^Changed 2 entries \(4 h\): exported\./);
    expect(entryWrites(fake).map((write) => `${write.method} ${write.path.split('/').at(-1)}`)).toEqual(['PATCH invoiced', 'PATCH invoiced']);
    expect([...invoicedOf(fake)].sort()).toEqual([world.nov3.id, world.nov4.id].sort());
    expect(world.nov3).toMatchObject({ billable: true, description: 'Homepage mockups', tagIds: [CLIENT_A] });

    const unmark = await bob.call('correct_time_entries', { ...NOVEMBER, ids: [ids[1] as number], set: { exported: false }, confirm_count: 1 });
    expect(unmark.isError, textOf(unmark)).toBeFalsy();
    expect([...invoicedOf(fake)]).toEqual([world.nov3.id]);

    const moved = await bob.call('correct_time_entries', {
      ...NOVEMBER,
      ids: [ids[1] as number],
      set: { project: 'Internal', activity: 'Meeting' },
      confirm_count: 1,
    });
    expect(moved.isError, textOf(moved)).toBeFalsy();
    expect(world.nov4).toMatchObject({ projectId: internal, taskId: meeting, description: 'API', billable: true, start: at('2026-11-04T09:00:00+01:00') });
    expect(puts(fake)).toHaveLength(1);
  });

  it('says an entry was changed but not marked invoiced when the mark failed after its replacement, and the fake holds exactly that', async () => {
    const world = await workspace();
    const { fake } = world;
    const bob = await admin(fake);
    const args = { ...NOVEMBER, people: ['Cleo Patra'], set: { add_tags: ['billing'], exported: true } };
    const preview = (await bob.call('correct_time_entries', args)).structuredContent as Preview;
    const id = preview.entries[0]?.id;
    fake.failNext(
      { method: 'PATCH', path: `/api/v1/workspaces/${SEED.workspaces.acme}/time-entries/invoiced` },
      { status: 500, body: { message: 'Internal server error', code: 500 } },
    );
    const failed = await bob.call('correct_time_entries', { ...args, confirm_count: 1 });
    expect(failed.isError).toBe(true);
    expect(textOf(failed)).toBe(
      `Time entry #${id} was changed but not marked invoiced: Clockify had an internal error (500) trying to mark time entry #${id} invoiced. Try again later.`,
    );
    // Its replacement went through whole; the mark, which Clockify keeps apart, did not.
    expect(world.cleo4).toMatchObject({ tagIds: [BILLING], description: 'Weekly', billable: false, projectId: internal, taskId: meeting });
    expect(invoicedOf(fake).has(world.cleo4.id)).toBe(false);
  });

  it('in a batch, counts an entry whose mark failed after its replacement as changed, and names the ones not reached', async () => {
    const world = await workspace();
    const { fake } = world;
    const bob = await admin(fake);
    const args = { ...NOVEMBER, people: ['ada@acme.example'], set: { add_tags: ['billing'], exported: true } };
    const [first, second] = ((await bob.call('correct_time_entries', args)).structuredContent as Preview).entries.map((entry) => entry.id);
    const mark = { method: 'PATCH', path: `/api/v1/workspaces/${SEED.workspaces.acme}/time-entries/invoiced` };
    const internalError = { status: 500, body: { message: 'Internal server error', code: 500 } };
    const failedMark = (id: number | undefined) =>
      `Time entry #${id} was changed but not marked invoiced: Clockify had an internal error (500) trying to mark time entry #${id} invoiced. Try again later.`;

    // The first entry's mark fails: it was changed, and the second was not reached.
    fake.failNext(mark, internalError);
    const atFirst = await bob.call('correct_time_entries', { ...args, confirm_count: 2 });
    expect(atFirst.isError).toBe(true);
    expect(textOf(atFirst)).toBe(`${failedMark(first)} Not changed: #${second}. Preview again for what is still to change.`);
    expect(world.nov3.tagIds).toEqual([CLIENT_A, BILLING]);
    expect(world.nov4.tagIds).toEqual([]);
    expect(invoicedOf(fake).size).toBe(0);

    // The second entry's mark fails: both were changed, the first marked too, and no entry is said to be unchanged.
    fake.failNext(mark, { ...internalError, skip: 1 });
    const atSecond = await bob.call('correct_time_entries', { ...args, confirm_count: 2 });
    expect(atSecond.isError).toBe(true);
    expect(textOf(atSecond)).toBe(`Changed #${first}; then: ${failedMark(second)} Preview again for what is still to change.`);
    expect(world.nov4.tagIds).toEqual([BILLING]);
    expect([...invoicedOf(fake)]).toEqual([world.nov3.id]);
  });

  it('refuses an unknown tag in words, before anything is written', async () => {
    const { fake } = await workspace();
    const bob = await admin(fake);
    const tag = await bob.call('correct_time_entries', { ...NOVEMBER, set: { add_tags: ['billing', 'travel'] } });
    expect(tag.isError).toBe(true);
    expect(textOf(tag)).toBe(
      'There is no tag "travel"; Clockify tags an entry by the id of a tag the workspace has. Create it first (manage_tags). Nothing was changed.',
    );
    expect(entryWrites(fake)).toEqual([]);
  });

  it("moves entries to another project clearing the old project's task, said per entry, and keeps the rest of each entry whole", async () => {
    const world = await workspace();
    const { fake } = world;
    const bob = await admin(fake);
    const args = { ...NOVEMBER, people: ['Ada Lovelace'], set: { project: 'Internal' } };
    const preview = await bob.call('correct_time_entries', args);
    expect(preview.isError, textOf(preview)).toBeFalsy();
    const [nov3, nov4] = (preview.structuredContent as Preview).entries.map((entry) => entry.id);
    expect(textOf(preview).split('\n')).toEqual([
      expect.stringMatching(
        /^Would change 2 entries \(4 h\) from 2026-10-01 to 2026-11-30 among everyone's time entries: project "Internal"; task cleared on #\d+ \("Design"\), #\d+ \("Development"\)\. /,
      ),
      `#${nov3} 2026-11-03 09:00 "Ada Lovelace": "Website" / "Design" (task "Design" cleared)`,
      `#${nov4} 2026-11-04 09:00 "Ada Lovelace": "Website" / "Development" (task "Development" cleared)`,
      'Nothing was changed: call again with confirm_count 2 to change them.',
    ]);
    expect(entryWrites(fake)).toEqual([]);
    const done = await bob.call('correct_time_entries', { ...args, confirm_count: 2 });
    expect(done.isError, textOf(done)).toBeFalsy();
    expect(textOf(done)).toBe(
      `Changed 2 entries (4 h): project "Internal"; task cleared on #${nov3} ("Design"), #${nov4} ("Development"). Not touched, in the locked period: #${
        (done.structuredContent as Preview).not_touched[0]?.id
      }.`,
    );
    // Clockify's PUT replaces the entry: everything but the project and the task is sent back as it was.
    expect(world.nov3).toMatchObject({
      projectId: internal,
      taskId: null,
      description: 'Homepage mockups',
      billable: true,
      tagIds: [CLIENT_A],
      start: at('2026-11-03T09:00:00+01:00'),
      end: at('2026-11-03T11:00:00+01:00'),
    });
    expect(world.nov4).toMatchObject({ projectId: internal, taskId: null, description: 'API', billable: true, tagIds: [] });
    expect(puts(fake)).toHaveLength(2);
  });

  it("takes set.activity among the new project's tasks, and refuses a move that clears a task where the workspace requires one", async () => {
    const world = await workspace();
    const { fake } = world;
    const bob = await admin(fake);
    const onto = await bob.call('correct_time_entries', { ...NOVEMBER, people: ['Ada Lovelace'], set: { project: 'Internal', activity: 'Meeting' } });
    expect(textOf(onto)).not.toMatch(/cleared/);
    expect(onto.structuredContent).toMatchObject({ count: 2 });
    const acme = fake.state.workspaces.find((item) => item.id === SEED.workspaces.acme);
    if (acme) acme.settings.forceTasks = true;
    const cleared = await bob.call('correct_time_entries', { ...NOVEMBER, people: ['Ada Lovelace'], set: { project: 'Internal' } });
    expect(cleared.isError).toBe(true);
    expect(textOf(cleared)).toMatch(
      /^This workspace requires a task on every time entry, and the move would clear the task of #\d+, #\d+: name set\.activity, one of the new project's tasks\. Nothing was changed\.$/,
    );
    const moved = await bob.call('correct_time_entries', {
      ...NOVEMBER,
      people: ['Ada Lovelace'],
      set: { project: 'Internal', activity: 'Meeting' },
      confirm_count: 2,
    });
    expect(moved.isError, textOf(moved)).toBeFalsy();
    expect([world.nov3, world.nov4].map((entry) => [entry.projectId, entry.taskId, entry.description])).toEqual([
      [internal, meeting, 'Homepage mockups'],
      [internal, meeting, 'API'],
    ]);
  });

  it('refuses a confirm_count other than 0 where nothing would change, as any other count', async () => {
    const { fake } = await workspace();
    const bob = await admin(fake);
    const none = { from: '2026-11-20', to: '2026-11-30', set: { billable: false } };
    for (const count of [1, 3]) {
      const refused = await bob.call('correct_time_entries', { ...none, confirm_count: count });
      expect(refused.isError).toBe(true);
      expect(textOf(refused)).toMatch(
        new RegExp(`^confirm_count is ${count} but the correction now covers 0 entries; nothing was changed\\. No entry from 2026-11-20 to 2026-11-30 among`),
      );
    }
    const zero = await bob.call('correct_time_entries', { ...none, confirm_count: 0 });
    expect(zero.isError, textOf(zero)).toBeFalsy();
    expect(zero.structuredContent).toMatchObject({ changed: false, count: 0 });
    expect(entryWrites(fake)).toEqual([]);
  });

  it('counts a running entry up to now in its hours, and says it runs', async () => {
    const world = await workspace();
    const { fake } = world;
    // Ada's timer, running since 13:00 (the admin tests run at 15:00).
    const running = addEntry(fake, { userId: ada, start: at('2026-11-19T13:00:00+01:00'), end: null, projectId: website, taskId: design, billable: true });
    const bob = await admin(fake);
    const args = { from: '2026-11-19', to: '2026-11-19', set: { billable: false } };
    const preview = await bob.call('correct_time_entries', args);
    const data = preview.structuredContent as Preview;
    expect(data.count).toBe(1);
    expect(data.hours).toBeCloseTo(2, 1);
    expect(data.entries[0]?.hours).toBeCloseTo(2, 1);
    const id = data.entries[0]?.id;
    expect(textOf(preview)).toMatch(new RegExp(`^Would change 1 entry \\(2(\\.\\d+)? h, #${id} still running\\) from 2026-11-19 to 2026-11-19 `));
    expect(textOf(preview)).toMatch(new RegExp(`\\n#${id} 2026-11-19 13:00 "Ada Lovelace": "Website" / "Design" \\(running\\)\\n`));
    const done = await bob.call('correct_time_entries', { ...args, confirm_count: 1 });
    expect(done.isError, textOf(done)).toBeFalsy();
    expect(textOf(done)).toMatch(new RegExp(`^Changed 1 entry \\(2(\\.\\d+)? h, #${id} still running\\): not billable\\.$`));
    expect(running).toMatchObject({ billable: false, end: null, taskId: design });
  });

  it("refuses before sending when the people's lists or the changes would need more requests than one call may send, saying how to narrow it", async () => {
    const world = await workspace();
    const { fake } = world;
    addMembers(fake, 40);
    const bob = await admin(fake);
    const everyone = await bob.call('correct_time_entries', { ...NOVEMBER, set: { billable: false } });
    expect(everyone.isError).toBe(true);
    expect(textOf(everyone)).toMatch(
      /^Clockify lists time entries one person at a time: this would read 47 people's, at least 48 requests, and this call may send only \d+ more \(40 in all\)\. Nothing was changed\. Narrow it: name the people \(people\)/,
    );
    expect(fake.requests.filter((request) => /\/user\/[^/]+\/time-entries/.test(request.path))).toEqual([]);

    for (let index = 0; index < 20; index++)
      addEntry(fake, { userId: ada, start: at('2026-11-09T08:00:00+01:00') + index * HOUR, end: null, projectId: website });
    const both = await bob.call('correct_time_entries', { ...NOVEMBER, people: ['Ada Lovelace'], set: { billable: false, exported: true }, confirm_count: 22 });
    expect(both.isError).toBe(true);
    expect(textOf(both)).toMatch(
      /^This would change 22 entries, 2 requests each, and this call may send only \d+ more \(40 in all\)\. Nothing was changed\. Narrow it/,
    );
    expect(entryWrites(fake)).toEqual([]);
  });

  it('withdraws correct_time_entries at once when Clockify refuses it (403), saying which right is missing', async () => {
    const { fake } = await workspace();
    const bob = await admin(fake);
    const user = fake.state.users.find((item) => item.key === BOB_KEY);
    if (user) user.roles = {};
    const refused = await bob.call('correct_time_entries', { ...NOVEMBER, set: { billable: false } });
    expect(refused.isError).toBe(true);
    expect(textOf(refused)).toBe(
      "Clockify did not let you read the workspace's people (403): only a workspace's admins and its owner change colleagues' time entries and their invoiced mark, and your account is not one now. correct_time_entries is switched off.",
    );
    await expect.poll(() => offered(bob)).toBe(false);
    expect(entryWrites(fake)).toEqual([]);
  });
});

describe.each<Era>(['legacy', 'modern'])('the question before a Clockify correction (%s era)', (era) => {
  it('shows the preview and changes the entries once accepted', async () => {
    const world = await workspace();
    const asked: ElicitRequestFormParams[] = [];
    const bob = await admin(world.fake, { era, elicitation: (params) => (asked.push(params), { action: 'accept', content: {} }) });
    const done = await bob.call('correct_time_entries', { ...NOVEMBER, people: ['Cleo Patra'], set: { add_tags: ['billing'] } });
    expect(done.isError, textOf(done)).toBeFalsy();
    expect(asked.map((params) => params.message)).toEqual([
      expect.stringMatching(
        /^Change 1 entry \(2 h\) to tags \+ "billing"\? Not touched, in the locked period: #\d+\. Clockify locks the workspace's entries before 2026-11-01 00:00 .* Entries: #\d+$/,
      ),
    ]);
    expect([world.cleo4.tagIds, world.cleo4.description, world.approved.tagIds]).toEqual([[BILLING], 'Weekly', []]);
    expect(puts(world.fake)).toHaveLength(1);
    // A move names the tasks it clears in the question too.
    const moved = await bob.call('correct_time_entries', { ...NOVEMBER, people: ['Cleo Patra'], set: { project: 'Website' } });
    expect(moved.isError, textOf(moved)).toBeFalsy();
    expect(asked[1]?.message).toMatch(/^Change 1 entry \(2 h\) to project "Website"; task cleared on #\d+ \("Meeting"\)\? /);
    expect(world.cleo4).toMatchObject({ projectId: website, taskId: null, description: 'Weekly', tagIds: [BILLING] });
  });

  it.each([
    ['declined', { action: 'decline' } as const, /you said no when asked\. Nothing was changed\./],
    ['dismissed', { action: 'cancel' } as const, /the question was dismissed without an answer\. Nothing was changed\./],
  ])('%s, changes nothing and says so', async (_label, answer, words) => {
    const world = await workspace();
    const bob = await admin(world.fake, { era, elicitation: () => answer });
    const refused = await bob.call('correct_time_entries', { ...NOVEMBER, set: { billable: false } });
    expect(refused.isError).toBe(true);
    expect(textOf(refused)).toMatch(/^No entry was changed: /);
    expect(textOf(refused)).toMatch(words);
    expect(entryWrites(world.fake)).toEqual([]);
  });
});
