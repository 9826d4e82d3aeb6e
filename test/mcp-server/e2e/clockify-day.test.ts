// The built server configured for Clockify, driven over real stdio by the SDK client through a working
// day against the fake Clockify, in both protocol eras: the timer on a project's task, a switch, a
// clock-out with a note, past work logged, entries listed, changed and deleted, the catalog with
// clients and tasks, time off on the right policy (a half day, a withdrawal, balances), the absence
// calendar with a colleague's approved time off and the workspace's holidays, and a week's report
// against the member profile's work capacity. Nothing of a colleague's is ever written.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EngineHandle, type Era, makeUserDataDir, startEngine, textOf } from '../../support/engine.ts';
import { clockStartingAt } from '../../support/fake-clock.ts';
import { ADA, addEntry, at, type FakeClockify, SEED, seedWorkspace, startFakeClockify } from '../providers/clockify/fake-clockify.ts';

// Wednesday morning, 08:00 in Berlin. Both clocks start here and run in real time.
const NOW = '2026-11-18T08:00:00+01:00';

describe.each<Era>(['legacy', 'modern'])('a realistic day on Clockify (%s era)', (era) => {
  let fake: FakeClockify;
  let engine: EngineHandle;

  beforeAll(async () => {
    fake = await startFakeClockify({ now: clockStartingAt(NOW), teamTimeOffForEveryone: true });
    seedWorkspace(fake);
    // Bob's entry this morning: reachable with an admin's key, never Punchcard's to touch.
    addEntry(fake, {
      userId: SEED.users.bob,
      start: at('2026-11-18', '07:00'),
      end: at('2026-11-18', '07:45'),
      projectId: SEED.projects.website,
      description: "Bob's work",
    });
    const userDataDir = makeUserDataDir({
      provider: { type: 'clockify', url: `${fake.url}/api` },
      tools: { readOnly: false, groups: {}, enabled: { update_time_entry: true, delete_time_entry: true, cancel_leave_request: true } },
    });
    // The machine runs in New York; Clockify says Berlin, and no zone is set in Punchcard.
    engine = await startEngine({ era, userDataDir, env: { PUNCHCARD_NOW: NOW, PUNCHCARD_CLOCKIFY_TOKEN: ADA.key, TZ: 'America/New_York' } });
  });
  afterAll(async () => {
    await engine?.close();
    await fake?.close();
  });

  it('lists the timer, entry, catalog-reading and leave tools, and none to change the catalog', async () => {
    const names = (await engine.client.listTools()).tools.map((tool) => tool.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'clock_in',
        'clock_out',
        'timer_status',
        'list_time_entries',
        'log_time',
        'update_time_entry',
        'delete_time_entry',
        'time_report',
        'list_catalog',
        'request_leave',
        'list_leave_requests',
        'cancel_leave_request',
        'leave_balance',
        'absence_calendar',
        'whoami',
      ]),
    );
    for (const absent of ['start_break', 'end_break', 'create_catalog_item', 'archive_catalog_item']) expect(names).not.toContain(absent);
  });

  it('says who the key belongs to, the workspace, its plan, time off, and where the targets come from', async () => {
    const result = await engine.call('whoami');
    expect(result.structuredContent).toMatchObject({
      name: 'Ada Lovelace',
      timezone: 'Europe/Berlin',
      plan_source: 'back_end',
      work_week: { mon: 8, tue: 8, wed: 8, thu: 8, fri: 8, sat: 0, sun: 0 },
      holiday_region: "Clockify's holidays",
    });
    expect(result.structuredContent?.connection).toMatch(
      /^Clockify at 127\.0\.0\.1:\d+ as "Ada Lovelace" \(ada@acme\.example\) in the workspace "Acme" \(STANDARD plan\); time off (available|not checked yet)\. Targets from your Clockify member profile/,
    );
  });

  it('lists the projects the person sees, with their client or none, and a done task only when asked', async () => {
    const active = (await engine.call('list_catalog')).structuredContent as Record<string, Array<{ name: string; parent: string | null; archived: boolean }>>;
    expect(active.projects?.map((item) => [item.name, item.parent])).toEqual([
      ['Website', 'Acme Corp'],
      ['Internal', null],
    ]);
    const all = (await engine.call('list_catalog', { include_archived: true })).structuredContent as typeof active;
    expect(all.activities?.find((item) => item.name === 'Old task')).toMatchObject({ archived: true });
  });

  it("clocks in on a project's task at a past time, billable as the project is, and refuses a second timer in words", async () => {
    const started = await engine.call('clock_in', { project: 'website', activity: 'design', description: 'Landing page', start: '06:30' });
    expect(started.structuredContent).toMatchObject({
      started: { start: '2026-11-18T06:30:00+01:00', end: null, project: 'Website', activity: 'Design', description: 'Landing page' },
      stopped: null,
    });
    const created = fake.requests.findLast((request) => request.method === 'POST' && request.path.endsWith('/time-entries'));
    expect(JSON.parse(created?.body ?? '{}')).toEqual({
      start: '2026-11-18T05:30:00Z',
      billable: true,
      description: 'Landing page',
      projectId: SEED.projects.website,
      taskId: SEED.tasks.design,
    });
    const again = await engine.call('clock_in', { project: 'Internal' });
    expect(textOf(again)).toMatch(/already running: "Website" · "Design" — "Landing page" since 06:30/);
  });

  it('shows the running timer and the day so far', async () => {
    const status = await engine.call('timer_status');
    expect(status.structuredContent).toMatchObject({ running: { project: 'Website', activity: 'Design' }, on_break: null });
    expect(status.structuredContent?.today_minutes).toBeGreaterThanOrEqual(30);
  });

  it('switches to another project, the old entry ending where the new one starts', async () => {
    const switched = await engine.call('clock_in', { project: 'Internal', activity: 'Meeting', switch: true, start: '07:00' });
    expect(switched.structuredContent).toMatchObject({
      started: { project: 'Internal', activity: 'Meeting', start: '2026-11-18T07:00:00+01:00' },
      stopped: { project: 'Website', end: '2026-11-18T07:00:00+01:00', minutes: 30 },
    });
    const meeting = fake.state.entries.find((entry) => entry.userId === ADA.id && entry.end === null);
    expect(meeting).toMatchObject({ projectId: SEED.projects.internal, taskId: SEED.tasks.meeting, billable: false });
  });

  it('clocks out with a note added to the description, keeping the project and task', async () => {
    const stopped = await engine.call('clock_out', { end: '07:30', note: 'Planning done' });
    expect(stopped.structuredContent).toMatchObject({
      stopped: { project: 'Internal', activity: 'Meeting', description: 'Planning done', end: '2026-11-18T07:30:00+01:00', minutes: 30 },
    });
  });

  it("logs past work by date and duration after the day so far, on a project's task", async () => {
    const logged = await engine.call('log_time', { date: 'today', duration: '15m', project: 'Website', activity: 'Development' });
    expect(logged.structuredContent).toMatchObject({
      entry: { start: '2026-11-18T07:30:00+01:00', end: '2026-11-18T07:45:00+01:00', project: 'Website', activity: 'Development' },
    });
  });

  it('changes an entry by its number, another project dropping the old task, and deletes one', async () => {
    const listed = (await engine.call('list_time_entries', { from: 'today' })).structuredContent?.entries as Array<{ id: number; activity: string | null }>;
    const last = listed.at(-1) as { id: number };
    const changed = await engine.call('update_time_entry', { id: last.id, project: 'Internal', description: 'Moved' });
    expect(changed.structuredContent).toMatchObject({ entry: { id: last.id, project: 'Internal', activity: null, description: 'Moved' } });
    const stored = fake.state.entries.find((entry) => entry.userId === ADA.id && entry.description === 'Moved');
    expect(stored).toMatchObject({ projectId: SEED.projects.internal, taskId: null, billable: false });
    // Deleted, the day's report counts it no more.
    await engine.call('delete_time_entry', { id: last.id });
  });

  it('refuses an archived project by name, and a task without its project', async () => {
    const archived = await engine.call('log_time', { date: 'yesterday', duration: '1h', project: 'Legacy' });
    expect(textOf(archived)).toMatch(/The project "Legacy" is archived, so no time can be booked on it\. Ask whoever manages Clockify/);
    const taskAlone = await engine.call('log_time', { date: 'yesterday', duration: '1h', activity: 'Design' });
    expect(taskAlone.isError).toBe(true);
    expect(textOf(taskAlone)).toMatch(/an activity is one of a project's tasks: name the project too/);
  });

  it('files vacation on the Vacation policy with a half last day as requests Clockify takes, lists and withdraws one', async () => {
    const filed = await engine.call('request_leave', {
      type: 'vacation',
      first_day: '2026-12-07',
      last_day: '2026-12-09',
      last_day_part: 'morning',
      comment: 'Family',
    });
    expect(filed.isError, textOf(filed)).toBeFalsy();
    expect(filed.structuredContent).toMatchObject({
      request: { type: 'vacation', kind: 'Vacation', first_day: '2026-12-07', last_day: '2026-12-09', last_day_part: 'morning', days: 2.5, status: 'pending' },
    });
    expect(filed.structuredContent?.parts).toHaveLength(2);
    const half = fake.state.timeOff.find((request) => request.userId === ADA.id && request.halfDay);
    expect(half).toMatchObject({ start: '2026-12-09', end: '2026-12-09', halfDayPeriod: 'FIRST_HALF', policyId: SEED.policies.vacation, note: 'Family' });
    const listed = (await engine.call('list_leave_requests')).structuredContent?.requests as Array<{ id: number; first_day: string; status: string }>;
    expect(listed.map((request) => [request.first_day, request.status])).toEqual([
      ['2026-12-07', 'pending'],
      ['2026-12-09', 'pending'],
    ]);
    await engine.call('cancel_leave_request', { id: (listed[1] as { id: number }).id });
    expect(fake.state.timeOff.filter((request) => request.userId === ADA.id)).toHaveLength(1);
  });

  it('files sick leave, which Clockify approves at once, and refuses to withdraw it in words', async () => {
    const sick = await engine.call('request_leave', { type: 'sick', first_day: '2026-11-16' });
    expect(sick.structuredContent).toMatchObject({ request: { kind: 'Sick leave', status: 'approved', days: 1 } });
    const refused = await engine.call('cancel_leave_request', { id: (sick.structuredContent?.request as { id: number }).id });
    expect(refused.isError).toBe(true);
    expect(textOf(refused)).toMatch(/already approved; Clockify lets you withdraw only pending requests/);
  });

  it("gives the Vacation policy's balance as Clockify keeps it, and the year's days", async () => {
    const balance = await engine.call('leave_balance');
    expect(balance.structuredContent).toMatchObject({
      year: 2026,
      entitlement: 25,
      remaining: 23,
      planned: 2,
      source: 'back_end',
      other_leave_days: { sick: 1 },
    });
  });

  it("shows a colleague's approved time off and the workspace's holidays, not pending requests or notes", async () => {
    const calendar = await engine.call('absence_calendar', { from: '2026-11-23', to: '2026-12-31' });
    const text = textOf(calendar);
    expect(text).toMatch(/Bob Builder/);
    expect(text).toMatch(/Christmas Day/);
    expect(text).not.toMatch(/private note/);
    // Cleo's pending day of 2026-11-24 is not shown; her approved days in December are.
    expect(JSON.stringify(calendar.structuredContent)).not.toMatch(/"2026-11-24"[^}]*Cleo/);
    expect(text).toMatch(/Cleo Patra/);
  });

  it('reports the week against the member profile, Wednesday with its work so far', async () => {
    const report = await engine.call('time_report');
    expect(report.structuredContent).toMatchObject({ from: '2026-11-16', to: '2026-11-22', today: '2026-11-18' });
    const groups = report.structuredContent?.groups as Array<{ key: string; minutes: number; target_minutes: number }>;
    // Monday's sick day takes its target; the weekend has none.
    expect(groups.map((group) => group.target_minutes)).toEqual([0, 480, 480, 480, 480, 0, 0]);
    expect(groups.find((group) => group.key === '2026-11-18')?.minutes).toBe(60);
  });

  it("refuses a colleague's entry by its number, in words, and writes nothing of anyone else's", async () => {
    expect(fake.writes.every((write) => write.userId === ADA.id)).toBe(true);
    const bobs = fake.state.entries.find((entry) => entry.userId === SEED.users.bob);
    expect(bobs?.description).toBe("Bob's work");
  });
});
