// Approved time stays approved, on Clockify, through the engine in process against the fake Clockify:
// Ada's week of 9 November is approved (the fake locks its entries for everyone, as Clockify does, and takes
// new time into it, as Clockify does too). Every tool that writes time (log_time, clock_in with a past start,
// clock_out of a timer begun there, record_agent_time, update_time_entry, delete_time_entry,
// correct_time_entries as Bob, the administrator Clockify would let through) refuses a write into it in
// words, naming the period and who can reopen it, before any write is sent; the week after stays open. The
// lock holds with the approvals tools switched off: it is the back end's, not a switch's. A write kept while
// Clockify was out of reach meets the lock when it is sent; one racing an approval is said after it.
import { describe, expect, it } from 'vitest';
import { ADMIN_NOW } from '../../support/admin-engine.ts';
import { closeAfterEach } from '../../support/close-after-each.ts';
import { type InProcessEngineHandle, makeUserDataDir, refusalOf, startInProcessEngine, textOf } from '../../support/engine.ts';
import { clockStartingAt } from '../../support/fake-clock.ts';
import { startNetworkSwitch } from '../../support/network-switch.ts';
import { noticedCut } from './outbox-harness.ts';
import { approvalRequestsOf } from '../providers/clockify/fake-clockify-approvals.ts';
import {
  ADA_KEY,
  addEntry,
  at,
  BOB_KEY,
  type FakeClockify,
  type FakeEntry,
  SEED,
  seedTeam,
  seedWorkspace,
  startFakeClockify,
} from '../providers/clockify/fake-clockify.ts';

const opened = closeAfterEach();

interface World {
  fake: FakeClockify;
  /** Ada's on Tuesday 10 November, in the approved week. */
  approved: FakeEntry;
  /** Ada's on Tuesday 17 November, in this week, not submitted. */
  open: FakeEntry;
}

/** Acme, with Ada's week of 9 to 15 November approved by her team manager. */
async function acme(): Promise<World> {
  const fake = opened(await startFakeClockify({ now: clockStartingAt(ADMIN_NOW) }));
  seedWorkspace(fake);
  seedTeam(fake);
  const entry = (day: string) =>
    addEntry(fake, { userId: SEED.users.ada, start: at(day, '09:00'), end: at(day, '12:00'), projectId: SEED.projects.website, taskId: SEED.tasks.design });
  const world = { fake, approved: entry('2026-11-10'), open: entry('2026-11-17') };
  approvalRequestsOf(fake.state).push({
    id: '6a1f00000000000000000001',
    workspaceId: SEED.workspaces.acme,
    ownerId: SEED.users.ada,
    creatorId: SEED.users.ada,
    start: '2026-11-09',
    end: '2026-11-15',
    state: 'APPROVED',
    note: '',
    updatedAt: Date.parse('2026-11-16T10:00:00Z'),
    updatedBy: SEED.users.ada,
  });
  return world;
}

/** A session of the person whose key it is, the entries' changes switched on; the approvals group stays off. */
async function session(
  fake: FakeClockify,
  key: string,
  groups: Record<string, boolean> = {},
  options: { url?: string; appEngine?: boolean } = {},
): Promise<InProcessEngineHandle> {
  const tools = { groups, enabled: { update_time_entry: true, delete_time_entry: true, record_agent_time: true } };
  const userDataDir = makeUserDataDir({ provider: { type: 'clockify', url: options.url ?? fake.url }, timezone: 'Europe/Berlin', tools });
  const env = { PUNCHCARD_NOW: ADMIN_NOW, PUNCHCARD_CLOCKIFY_TOKEN: key };
  const engine = opened(await startInProcessEngine({ userDataDir, env, ...(options.appEngine ? { appEngine: true, args: ['--all-tools'] } : {}) }));
  await engine.call('whoami');
  return engine;
}

/** The writes of time entries sent to Clockify, answered or not. */
const entryWrites = (fake: FakeClockify) =>
  fake.requests.filter((request) => request.method !== 'GET' && request.path.includes('/time-entries')).map((request) => `${request.method} ${request.path}`);

/** The refusal every write into the approved week gets: the week, approved, reopened by an approver. */
const LOCKED = {
  code: 'timesheet_period_locked',
  facts: { first_day: '2026-11-09', last_day: '2026-11-15', status: 'approved', reopened_by: 'an_approver', back_end: expect.stringMatching(/^Clockify/) },
};

describe('approved time on Clockify', () => {
  it('refuses log_time into the approved week before anything is sent, and logs into the open week', async () => {
    const { fake } = await acme();
    const ada = await session(fake, ADA_KEY);
    const refused = await ada.call('log_time', { start: '2026-11-11T09:00', end: '2026-11-11T10:00', project: 'Website', activity: 'Design' });
    expect(refusalOf(refused)).toEqual(LOCKED);
    expect(textOf(refused)).toMatch(/2026-11-09 to 2026-11-15 is approved.*Nothing was sent/);
    expect(entryWrites(fake)).toEqual([]);
    const logged = await ada.call('log_time', { start: '2026-11-18T09:00', end: '2026-11-18T10:00', project: 'Website', activity: 'Design' });
    expect(logged.isError, textOf(logged)).toBeFalsy();
    expect(entryWrites(fake)).toHaveLength(1);
  });

  it('refuses update_time_entry of an approved entry, and of an open one moved into the approved week', async () => {
    const { fake } = await acme();
    const ada = await session(fake, ADA_KEY);
    const ids = await entryNumbers(ada);
    const changed = await ada.call('update_time_entry', { id: ids.approved, description: 'Mock-ups, final' });
    expect(refusalOf(changed)).toEqual(LOCKED);
    const moved = await ada.call('update_time_entry', { id: ids.open, start: '2026-11-12T09:00', end: '2026-11-12T12:00' });
    expect(refusalOf(moved)).toEqual(LOCKED);
    expect(entryWrites(fake)).toEqual([]);
    const kept = await ada.call('update_time_entry', { id: ids.open, description: 'Mock-ups, round two' });
    expect(kept.isError, textOf(kept)).toBeFalsy();
  });

  it('refuses delete_time_entry of an approved entry before anything is sent, with no client question to rely on', async () => {
    const { fake, approved } = await acme();
    const ada = await session(fake, ADA_KEY);
    const ids = await entryNumbers(ada);
    const deleted = await ada.call('delete_time_entry', { id: ids.approved });
    expect(refusalOf(deleted)).toEqual(LOCKED);
    expect(entryWrites(fake)).toEqual([]);
    expect(fake.state.entries.some((entry) => entry.id === approved.id)).toBe(true);
  });

  it('refuses clock_in with a past start in the approved week, clock_out of a timer begun there, and record_agent_time there, before anything is sent', async () => {
    const { fake } = await acme();
    const ada = await session(fake, ADA_KEY, { agents: true });
    const booked = { project: 'Website', activity: 'Design' };
    expect(refusalOf(await ada.call('clock_in', { ...booked, start: '2026-11-13T16:00' }))).toEqual(LOCKED);
    const agent = await ada.call('record_agent_time', { ...booked, start: '2026-11-12T09:00', end: '2026-11-12T10:00', description: 'Drafted the specs' });
    expect(refusalOf(agent)).toEqual(LOCKED);
    expect(entryWrites(fake)).toEqual([]);
    // This week's timer starts and stops as ever.
    expect((await ada.call('clock_in', { ...booked, start: '2026-11-19T08:00' })).isError).toBeFalsy();
    expect((await ada.call('clock_out')).isError).toBeFalsy();
    expect(entryWrites(fake)).toHaveLength(2);
    // A timer forgotten since the Friday of the approved week: stopping it, or switching from it, would end it there.
    addEntry(fake, { userId: SEED.users.ada, start: at('2026-11-13', '16:00'), projectId: SEED.projects.website, taskId: SEED.tasks.design });
    const out = await ada.call('clock_out');
    expect(refusalOf(out)).toEqual(LOCKED);
    expect(textOf(out)).toMatch(/2026-11-09 to 2026-11-15 is approved.*withdraw the approval.*Nothing was sent/);
    expect(refusalOf(await ada.call('clock_in', { ...booked, switch: true }))).toEqual(LOCKED);
    expect(entryWrites(fake)).toHaveLength(2);
    expect(fake.state.entries.filter((entry) => entry.userId === SEED.users.ada && entry.end === null)).toHaveLength(1);
  });

  it("lets an administrator's correction change none of Ada's approved entries, although Clockify would let her through", async () => {
    const { fake, approved, open } = await acme();
    const bob = await session(fake, BOB_KEY, { admin: true });
    await expect.poll(async () => (await bob.client.listTools()).tools.some((tool) => tool.name === 'correct_time_entries')).toBe(true);
    const corrected = await bob.call('correct_time_entries', {
      from: '2026-11-09',
      to: '2026-11-19',
      people: ['Ada Lovelace'],
      set: { billable: true },
      confirm_count: 1,
    });
    expect(corrected.isError, textOf(corrected)).toBeFalsy();
    // Clockify marks the approved entry locked: the correction leaves it, and writes only the open week's.
    expect(entryWrites(fake)).toEqual([`PUT /api/v1/workspaces/${SEED.workspaces.acme}/time-entries/${open.id}`]);
    expect(fake.state.entries.find((entry) => entry.id === approved.id)?.billable).toBe(false);
  });
});

describe('approved time on Clockify, meanwhile', () => {
  it('says so where the week was approved while log_time wrote into it, and leaves the entry where Clockify took it', async () => {
    const { fake } = await acme();
    // Ada submitted this week; Bob approves it in Clockify just as her entry is on its way.
    const pending = {
      id: '6a1f00000000000000000002',
      workspaceId: SEED.workspaces.acme,
      ownerId: SEED.users.ada,
      creatorId: SEED.users.ada,
      start: '2026-11-16',
      end: '2026-11-22',
      state: 'PENDING' as const,
      note: '',
      updatedAt: Date.parse('2026-11-19T08:00:00Z'),
      updatedBy: SEED.users.ada,
    };
    approvalRequestsOf(fake.state).push(pending);
    const ada = await session(fake, ADA_KEY);
    fake.beforeNext({ method: 'POST', path: /\/time-entries$/ }, () => {
      Object.assign(pending, { state: 'APPROVED', updatedBy: SEED.users.bob });
    });
    const logged = await ada.call('log_time', { start: '2026-11-18T13:00', end: '2026-11-18T14:00', project: 'Website', activity: 'Design' });
    expect(logged.isError, textOf(logged)).toBeFalsy();
    const entry = (logged.structuredContent as { entry: { id: number } }).entry.id;
    expect(logged.structuredContent?.notices).toEqual([
      {
        code: 'timesheet_approved_meanwhile',
        facts: { first_day: '2026-11-16', last_day: '2026-11-22', status: 'approved', reopened_by: 'an_approver', back_end: LOCKED.facts.back_end, entry },
      },
    ]);
    expect(textOf(logged)).toMatch(/2026-11-16 to 2026-11-22 was approved while this was being saved/);
    // Clockify took it; Punchcard does not take it back (the approval holds the week's other entries, not this one).
    expect(entryWrites(fake)).toEqual([`POST /api/v1/workspaces/${SEED.workspaces.acme}/time-entries`]);
    expect(fake.state.entries.filter((item) => item.start === at('2026-11-18', '13:00'))).toHaveLength(1);
  });
});

describe('approved time on Clockify, and writes kept while it was out of reach', () => {
  it('sends no kept entry into the approved week: the next answer says why, the window keeps it to decide, and it goes once reopened', async () => {
    const { fake } = await acme();
    const network = noticedCut(opened(await startNetworkSwitch(fake.url)));
    const app = await session(fake, ADA_KEY, {}, { url: network.url, appEngine: true });
    expect((await app.call('list_catalog')).isError).toBeFalsy();
    await network.cut();
    const kept = await app.call('log_time', { start: '2026-11-11T09:00', end: '2026-11-11T10:00', project: 'Website', activity: 'Design' });
    expect(textOf(kept)).toMatch(/^Clockify is out of reach; logged 1 h on "Website" · "Design", 09:00–10:00 here, sent as soon as Clockify answers\./);
    const before = fake.state.entries.length;
    await network.restore();

    const told = await app.call('timer_status');
    const write = { kind: 'log_time', project: 'Website', activity: 'Design', start: '2026-11-11T09:00:00+01:00', end: '2026-11-11T10:00:00+01:00' };
    const { back_end: _backEnd, ...period } = LOCKED.facts;
    const locked = { code: 'kept_write_period_locked', facts: { service: 'Clockify', write, ...period } };
    expect(told.structuredContent?.notices).toEqual([{ code: 'kept_writes_to_decide', facts: { service: 'Clockify', writes: [locked] } }]);
    expect(textOf(told)).toMatch(/Your entry "Website" · "Design", 09:00–10:00 was not sent: your timesheet for 2026-11-09 to 2026-11-15 is approved/i);
    expect(entryWrites(fake)).toEqual([]);
    expect(fake.state.entries).toHaveLength(before);

    // The window keeps it for her, with what she can do: try again once the week is reopened, or dismiss it.
    const listed = await app.call('kept_write_decisions');
    const [decision, ...more] = (listed.structuredContent as { writes: Array<{ id: number; notice: unknown; choices: unknown }> }).writes;
    expect(more).toEqual([]);
    expect(decision?.notice).toEqual(locked);
    expect(decision?.choices).toEqual([
      { choice: 'send_again', label: 'Try again' },
      { choice: 'dismiss', label: 'Keep Clockify as it is' },
    ]);
    // Tried again while the week is still approved: held again, nothing sent.
    const again = await app.call('decide_kept_write', { id: decision?.id, choice: 'send_again' });
    expect((again.structuredContent as { notice: { code: string } }).notice.code).toBe('kept_write_period_locked');
    expect(entryWrites(fake)).toEqual([]);
    // Bob withdraws the approval in Clockify: now it goes.
    const request = approvalRequestsOf(fake.state)[0];
    if (request) request.state = 'WITHDRAWN_APPROVAL';
    const sent = await app.call('decide_kept_write', { id: decision?.id, choice: 'send_again' });
    expect((sent.structuredContent as { notice: { code: string } }).notice.code).toBe('kept_entry_sent');
    expect(entryWrites(fake)).toEqual([`POST /api/v1/workspaces/${SEED.workspaces.acme}/time-entries`]);
  });
});

describe('approved time on Clockify: a kept clock-in and clock-out', () => {
  it('sends no kept stop of a timer begun in the approved week', async () => {
    const { fake } = await acme();
    const network = noticedCut(opened(await startNetworkSwitch(fake.url)));
    const ada = await session(fake, ADA_KEY, {}, { url: network.url });
    expect((await ada.call('list_catalog')).isError).toBeFalsy();
    // A timer forgotten since the Friday of the approved week, as Punchcard last saw it.
    addEntry(fake, { userId: SEED.users.ada, start: at('2026-11-13', '16:00'), projectId: SEED.projects.website, taskId: SEED.tasks.design });
    expect((await ada.call('timer_status')).structuredContent?.running).toMatchObject({ project: 'Website' });
    await network.cut();
    expect(textOf(await ada.call('clock_out'))).toMatch(/^Clockify is out of reach; clocked out of "Website" · "Design"/);
    await network.restore();
    const told = await ada.call('timer_status');
    const [decide] = (told.structuredContent?.notices ?? []) as Array<{
      code: string;
      facts: { writes: Array<{ code: string; facts: Record<string, unknown> }> };
    }>;
    expect(decide?.code).toBe('kept_writes_to_decide');
    expect(decide?.facts.writes.map((write) => [write.code, write.facts.first_day, (write.facts.write as { kind: string }).kind])).toEqual([
      ['kept_write_period_locked', '2026-11-09', 'clock_out'],
    ]);
    expect(entryWrites(fake)).toEqual([]);
    expect(fake.state.entries.filter((entry) => entry.end === null)).toHaveLength(1);
  });

  it('sends no kept clock-in whose start is in the approved week', async () => {
    const { fake } = await acme();
    const network = noticedCut(opened(await startNetworkSwitch(fake.url)));
    const ada = await session(fake, ADA_KEY, {}, { url: network.url });
    expect((await ada.call('list_catalog')).isError).toBeFalsy();
    expect((await ada.call('timer_status')).structuredContent?.running).toBeNull();
    await network.cut();
    expect(textOf(await ada.call('clock_in', { project: 'Website', activity: 'Design', start: '2026-11-15T10:00' }))).toMatch(/out of reach; clocked in/);
    await network.restore();
    const after = (await ada.call('timer_status')).structuredContent?.notices as Array<{ facts: { writes: Array<{ code: string }> } }>;
    expect(after?.[0]?.facts.writes.map((write) => write.code)).toEqual(['kept_write_period_locked']);
    expect(entryWrites(fake)).toEqual([]);
  });
});

/** Punchcard's numbers of Ada's two entries (list_time_entries answers Punchcard's numbers, not Clockify's ids). */
async function entryNumbers(engine: InProcessEngineHandle): Promise<{ approved: number; open: number }> {
  const listed = await engine.call('list_time_entries', { from: '2026-11-09', to: '2026-11-19' });
  const entries = (listed.structuredContent as { entries: { id: number; start: string }[] }).entries;
  const numberAt = (day: string) => entries.find((entry) => Date.parse(entry.start) === at(day, '09:00'))?.id ?? 0;
  return { approved: numberAt('2026-11-10'), open: numberAt('2026-11-17') };
}
