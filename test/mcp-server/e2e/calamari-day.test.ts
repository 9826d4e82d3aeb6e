// The built server configured for Calamari, driven over real stdio by the SDK client through a working
// day against the fake Calamari, in both protocol eras: a shift on a project with breaks, past shifts
// and Calamari's own balance, leave with the organisation's types, working week and holidays, and
// the team's absences. Over the whole day, every request that names a person names the configured
// one, and colleagues show up only as who is away, when and the kind of absence.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CALAMARI_FACTS_FILE } from '../../../mcp-server/providers/calamari/facts.ts';
import { type EngineHandle, type Era, makeUserDataDir, startEngine, textOf } from '../../support/engine.ts';
import { clockStartingAt } from '../../support/fake-clock.ts';
import { filesText } from '../../support/files-text.ts';
import { DEFAULT_KEY, type FakeCalamari, SEED, seedOrganisation, startFakeCalamari } from '../providers/calamari/fake-calamari.ts';

// Wednesday morning, 08:00 in Berlin. Both clocks start here and run in real time.
const NOW = '2026-11-18T08:00:00+01:00';
const ADA = 'ada@acme.example';

describe.each<Era>(['legacy', 'modern'])('a realistic day on Calamari (%s era)', (era) => {
  let fake: FakeCalamari;
  let engine: EngineHandle;
  const results: string[] = [];
  const call = async (tool: string, args: Record<string, unknown> = {}) => {
    const result = await engine.call(tool, args);
    results.push(JSON.stringify(result));
    return result;
  };

  beforeAll(async () => {
    fake = await startFakeCalamari({ now: clockStartingAt(NOW) });
    seedOrganisation(fake);
    // Bob, in Ada's team, is away Thursday and Friday with a private comment; Cleo, in another team, too.
    fake.state.requests.push(
      {
        id: 950,
        employeeId: 2,
        absenceTypeId: SEED.absenceTypes.sickLeave,
        from: '2026-11-19',
        to: '2026-11-20',
        fromPart: 'MORNING',
        toPart: 'END_OF_DAY',
        status: 'ACCEPTED',
        reason: 'flu, doctor said rest',
        comment: 'private: flu',
        amount: 2,
      },
      {
        id: 951,
        employeeId: 3,
        absenceTypeId: SEED.absenceTypes.annualLeave,
        from: '2026-11-19',
        to: '2026-11-19',
        fromPart: 'MORNING',
        toPart: 'END_OF_DAY',
        status: 'ACCEPTED',
        reason: null,
        comment: null,
        amount: 1,
      },
    );
    const userDataDir = makeUserDataDir({ provider: { type: 'calamari', url: `${fake.url}/api`, email: 'Ada@ACME.example' } });
    // The machine runs in New York; Calamari says Berlin, and no zone is set in Punchcard.
    engine = await startEngine({ era, userDataDir, env: { PUNCHCARD_NOW: NOW, PUNCHCARD_CALAMARI_TOKEN: DEFAULT_KEY, TZ: 'America/New_York' } });
  });
  afterAll(async () => {
    await engine?.close();
    await fake?.close();
  });

  it('lists the tools of both modules, breaks among them, and none the API has no operation for', async () => {
    const names = (await engine.client.listTools()).tools.map((tool) => tool.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'clock_in',
        'clock_out',
        'timer_status',
        'start_break',
        'end_break',
        'list_time_entries',
        'log_time',
        'time_report',
        'list_catalog',
        'request_leave',
        'list_leave_requests',
        'leave_balance',
        'absence_calendar',
        'whoami',
      ]),
    );
    for (const absent of ['update_time_entry', 'delete_time_entry', 'create_catalog_item', 'archive_catalog_item', 'cancel_leave_request'])
      expect(names).not.toContain(absent);
  });

  it("says who the person is, for whom the organisation's key is used, and the modules in use", async () => {
    const result = await call('whoami');
    expect(result.structuredContent).toMatchObject({
      name: 'Ada Lovelace',
      timezone: 'Europe/Berlin',
      plan_source: 'back_end',
      work_week: { mon: 8, tue: 8, wed: 8, thu: 8, fri: 8, sat: 0, sun: 0 },
      capabilities: expect.arrayContaining(['timer', 'breaks', 'leave', 'calendar']),
    });
    expect(result.structuredContent?.connection).toMatch(
      /^Calamari at 127\.0\.0\.1:\d+ as "Ada Lovelace" \(ada@acme\.example\); Time & Attendance in use; Time Off in use\. The API key is the organisation's; Punchcard acts for ada@acme\.example only\.$/,
    );
  });

  it("clocks in on one of the person's projects at a past time, sent as Berlin wall time, and refuses a second shift in words", async () => {
    const catalog = await call('list_catalog');
    // The person's break types come with what they book on: the app's break picker reads them here.
    expect(catalog.structuredContent).toMatchObject({
      projects: [{ name: 'General' }, { name: 'Website relaunch' }],
      activities: [],
      break_types: [{ name: 'Break' }, { name: 'Lunch' }],
    });
    expect(textOf(catalog)).toMatch(/\nBreak types: "Break" \(#\d+\), "Lunch" \(#\d+\)$/);
    await call('clock_in', { project: 'website relaunch', start: '07:30' });
    const sent = fake.requests.findLast((request) => request.path === '/api/clockin/terminal/v1/clock-in');
    expect(JSON.parse(sent?.body ?? '{}')).toEqual({ person: ADA, time: '2026-11-18T07:30:00', projectId: SEED.projects.websiteRelaunch });
    const again = await call('clock_in', { project: 'General' });
    expect(textOf(again)).toMatch(/already running: "Website relaunch" since 07:30/);
  });

  it("takes a break of the person's own type and ends it; the status shows both", async () => {
    const paused = await call('start_break', { type: 'lunch' });
    expect(paused.structuredContent).toMatchObject({ break_type: 'Lunch' });
    const status = await call('timer_status');
    expect(status.structuredContent).toMatchObject({ running: { project: 'Website relaunch' }, on_break: { type: 'Lunch' } });
    expect(textOf(status)).toMatch(/On a break \("Lunch"\) since 08:00\./);
    expect(textOf(await call('start_break'))).toMatch(/A break \(Lunch\) is already running; end it first\./);
    const unknown = await call('start_break', { type: 'Siesta' });
    expect(textOf(unknown)).toBe('No break type "Siesta". You may take: "Break", "Lunch".');
    expect((await call('end_break')).isError).toBeFalsy();
    expect(textOf(await call('end_break'))).toBe('No break is running.');
    expect((await call('timer_status')).structuredContent).toMatchObject({ on_break: null });
  });

  it('clocks out, refuses a note Calamari cannot keep, and logs a past shift', async () => {
    expect(textOf(await call('clock_out', { note: 'done' }))).toMatch(/^Calamari keeps no note when a shift ends/);
    const out = await call('clock_out');
    expect(out.structuredContent).toMatchObject({ stopped: { project: 'Website relaunch', breaks: [{ type: 'Lunch' }] } });
    expect(textOf(await call('clock_out'))).toMatch(/No timer is running/);
    await call('log_time', { date: 'yesterday', duration: '2h', project: 'General', description: 'Planning' });
    // Calamari has no activities, and none can be added there: the word is one to leave out.
    const activity = await call('log_time', { date: 'yesterday', duration: '1h', activity: 'Design' });
    expect(textOf(activity)).toMatch(/^No activity "Design": Calamari \(127\.0\.0\.1:\d+, ada@acme\.example\) has no activities; leave activity out\.$/);
  });

  it("reports against the working week and holidays Calamari keeps, with Calamari's own balance", async () => {
    const report = await call('time_report');
    const data = report.structuredContent as { back_end_balance: { minutes: number; covers: string } };
    expect(data.back_end_balance.covers).toBe("Calamari's balance from 2026-11-16 to 2026-11-18");
    const christmas = await call('time_report', { from: '2026-12-24', to: '2026-12-25' });
    expect((christmas.structuredContent?.groups as Array<{ target_minutes: number }>).map((group) => group.target_minutes)).toEqual([240, 0]);
  });

  it("files leave with the organisation's type, counted on its calendar, and refuses an overlap in words", async () => {
    const leave = await call('request_leave', { type: 'vacation', first_day: '2026-12-21', last_day: '2026-12-31' });
    // What is left after it: Calamari's 30 less these 7, counted before filing (Calamari's own figure
    // waits for the approval; leave_balance says it, with the 7 as planned).
    expect(leave.structuredContent).toMatchObject({
      request: { type: 'vacation', kind: 'Annual leave', days: 7, status: 'pending' },
      vacation_days_remaining: 23,
    });
    const body = JSON.parse(fake.requests.findLast((request) => request.path === '/api/leave/request/v1/create')?.body ?? '{}');
    expect(body).toMatchObject({
      employee: ADA,
      absenceTypeId: String(SEED.absenceTypes.annualLeave),
      dateFrom: '2026-12-21',
      dateTo: '2026-12-31',
      fromPart: 'MORNING',
      toPart: 'END_OF_DAY',
    });
    expect(fake.state.requests.findLast((request) => request.employeeId === 1)?.amount).toBe(7);
    const overlap = await call('request_leave', { type: 'Sick leave', first_day: '2026-12-28' });
    expect(textOf(overlap)).toMatch(/^That overlaps your Annual leave request #\d+ \(2026-12-21 to 2026-12-31, pending\)\. Nothing was filed\.$/);
    const half = await call('request_leave', { type: 'unpaid', first_day: '2026-11-27', first_day_part: 'afternoon' });
    expect(half.structuredContent).toMatchObject({ request: { days: 0.5, kind: 'Unpaid leave' } });
    const hours = await call('request_leave', { type: 'Overtime pickup', first_day: '2026-11-30' });
    expect(textOf(hours)).toMatch(/counted in hours in Calamari/);
    const remote = await call('request_leave', { type: 'Remote work', first_day: '2026-12-02' });
    expect(remote.isError).toBeFalsy();
  });

  it('lists the requests with statuses, remote days marked as work elsewhere, and the balance from Calamari', async () => {
    const listed = await call('list_leave_requests');
    const requests = listed.structuredContent?.requests as Array<{ kind: string; working_elsewhere?: boolean }>;
    expect(requests.map((request) => request.kind)).toEqual(['Unpaid leave', 'Remote work', 'Annual leave']);
    expect(requests[1]?.working_elsewhere).toBe(true);
    const balance = await call('leave_balance');
    expect(balance.structuredContent).toMatchObject({
      year: 2026,
      entitlement: null,
      carry_over: null,
      taken: 0,
      planned: 7,
      remaining: 30,
      other_leave_days: { unpaid: 0.5 },
      source: 'back_end',
    });
    expect(textOf(balance)).toMatch(/^2026: 30 vacation days left; 0 taken, 7 planned\./);
  });

  it("shows the team's absences: who, when and what kind, never a colleague's comment, nor other teams", async () => {
    const calendar = await call('absence_calendar', { from: '2026-11-19', to: '2026-11-20' });
    const days = calendar.structuredContent?.days as Array<{ away: Array<{ person: string; kind: string }> }>;
    expect(days.map((day) => day.away)).toEqual([
      [{ person: 'Bob Builder', type: 'sick', kind: 'Sick leave', part: 'full' }],
      [{ person: 'Bob Builder', type: 'sick', kind: 'Sick leave', part: 'full' }],
    ]);
    expect(JSON.stringify(calendar)).not.toMatch(/flu|Cleo/);
    // The person's own request, still waiting for approval, is marked as theirs and as pending.
    const own = await call('absence_calendar', { from: '2026-12-21', to: '2026-12-21' });
    expect((own.structuredContent?.days as Array<{ away: unknown[] }>)[0]?.away).toEqual([
      expect.objectContaining({ kind: 'Annual leave', own: true, pending: true }),
    ]);
    // Christmas Eve is half a holiday in Ada's calendar; her own leave is marked as hers.
    const christmas = await call('absence_calendar', { from: '2026-12-24', to: '2026-12-24' });
    expect(christmas.structuredContent).toMatchObject({
      days: [{ working_day: true, work_share: 0.5, holiday: 'Christmas Eve', away: [{ person: 'Ada Lovelace', kind: 'Annual leave', own: true }] }],
    });
  });

  it('never named anyone but the configured person, and never wrote for anyone else', () => {
    const named = new Set(fake.requests.flatMap((request) => request.persons.map((person) => person.toLowerCase())));
    expect([...named]).toEqual([ADA]);
    const writes = fake.requests.filter((request) => /\/(clock-in|clock-out|break-start|break-stop|create)$/.test(request.path));
    expect(writes.length).toBeGreaterThan(5);
    for (const write of writes) expect(write.persons).toEqual([ADA]);
  });

  it('keeps the key out of every result, the log and every file', () => {
    for (const result of results) expect(result).not.toContain(DEFAULT_KEY);
    expect(engine.stderr()).not.toContain(DEFAULT_KEY);
    for (const file of filesText(engine.userDataDir)) expect(file.text, file.path).not.toContain(DEFAULT_KEY);
    expect(filesText(engine.userDataDir).some((file) => file.path.endsWith(CALAMARI_FACTS_FILE))).toBe(true);
  });
});
