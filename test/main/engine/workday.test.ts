// The window's timesheet, reports and leave against the real bundle on a SQLite file: a week with
// each day's target, the next week of the same month for one engine call, entries changed and their
// refusals in the engine's words, a month's report, and the cost of a leave request shown before it
// is sent equal to what the engine files.
import { afterEach, describe, expect, it } from 'vitest';
import type { EngineClient } from '../../../main/engine/engine-client.ts';
import { createLeave } from '../../../main/engine/leave.ts';
import { createWorkday } from '../../../main/engine/workday.ts';
import { cleanUp, startTestEngine, type TestEngine } from './engine-setup.ts';

afterEach(cleanUp);

/** Forwards to the engine and remembers every tool called. */
function recording(engine: EngineClient): { engine: EngineClient; calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    engine: { ...engine, callTool: (name, args) => (calls.push(name), engine.callTool(name, args)), tools: () => engine.tools() },
  };
}

async function seed(test: TestEngine): Promise<void> {
  for (const name of ['Website', 'Internal']) await test.engine.callTool('create_catalog_item', { kind: 'project', name });
  await test.engine.callTool('create_catalog_item', { kind: 'activity', name: 'Design', parent: 'Website' });
  await test.engine.callTool('log_time', {
    start: '2026-11-16T09:00:00+01:00',
    end: '2026-11-16T12:30:00+01:00',
    project: 'Website',
    activity: 'Design',
    description: 'Mock-ups',
  });
  await test.engine.callTool('log_time', { start: '2026-11-17T13:00:00+01:00', end: '2026-11-17T14:00:00+01:00', project: 'Internal' });
  await test.engine.callTool('log_time', { start: '2026-11-10T09:00:00+01:00', end: '2026-11-10T10:00:00+01:00', project: 'Internal' });
}

const SETTINGS = { timezone: 'Europe/Berlin', holidays: { country: 'DE', state: 'BE' }, workWeek: { mon: 8, tue: 8, wed: 8, thu: 8, fri: 6, sat: 0, sun: 0 } };

describe('the timesheet week', () => {
  it('lists the week’s entries with each day’s target, and the next week of the month costs one call', async () => {
    const test = startTestEngine({ settings: SETTINGS });
    await seed(test);
    const record = recording(test.engine);
    const workday = createWorkday(record.engine);
    const week = await workday.week('2026-11-18');
    expect(week.from).toBe('2026-11-16');
    expect(week.to).toBe('2026-11-22');
    expect(week.days.map((day) => day.targetMinutes)).toEqual([480, 480, 480, 480, 360, 0, 0]);
    expect(week.entries.map((entry) => [entry.project, entry.activity, entry.minutes])).toEqual([
      ['Website', 'Design', 210],
      ['Internal', null, 60],
    ]);
    expect(record.calls.sort()).toEqual(['list_time_entries', 'time_report']);

    record.calls.length = 0;
    const before = await workday.week('2026-11-11');
    expect(before.entries).toHaveLength(1);
    expect(record.calls).toEqual(['list_time_entries']);
  });

  it('logs, changes and deletes entries, and passes the engine’s refusals on in its words', async () => {
    const test = startTestEngine({ settings: SETTINGS });
    await seed(test);
    const workday = createWorkday(test.engine);
    const logged = await workday.log({ start: '2026-11-18T08:00', end: '2026-11-18T09:15', project: 'website', description: 'Stand-up' });
    expect(logged).toMatchObject({ start: '2026-11-18T08:00:00+01:00', end: '2026-11-18T09:15:00+01:00', minutes: 75, project: 'Website' });
    const changed = await workday.update(logged.id, { end: '2026-11-18T09:30', activity: 'Design' });
    expect(changed).toMatchObject({ minutes: 90, activity: 'Design' });
    await expect(workday.update(logged.id, { end: '2026-11-18T07:00' })).rejects.toThrow(/end/i);
    await expect(workday.update(logged.id, { project: 'Nowhere' })).rejects.toThrow(/Nowhere/);
    expect(await workday.remove(logged.id)).toMatchObject({ id: logged.id });
    expect((await workday.entriesBetween('2026-11-01', '2026-11-30')).map((entry) => entry.project)).toEqual(['Internal', 'Website', 'Internal']);
  });

  it('names each day’s holiday and leave, also in a week whose leave began the month before', async () => {
    const test = startTestEngine({ settings: SETTINGS });
    // Leave from the last days of November into December: December's targets are asked alone.
    await test.engine.callTool('request_leave', { type: 'vacation', first_day: '2026-11-30', last_day: '2026-12-23' });
    const workday = createWorkday(test.engine);
    const week = await workday.week('2026-12-21');
    expect(week.days.map((day) => [day.date, day.targetMinutes, day.holiday, day.leave])).toEqual([
      ['2026-12-21', 0, null, 'vacation'],
      ['2026-12-22', 0, null, 'vacation'],
      ['2026-12-23', 0, null, 'vacation'],
      ['2026-12-24', 480, null, null],
      ['2026-12-25', 0, 'Christmas Day', null],
      ['2026-12-26', 0, 'Boxing Day', null],
      ['2026-12-27', 0, null, null],
    ]);
    const report = await workday.report('2026-12-01', '2026-12-31');
    expect(report.days.find((day) => day.date === '2026-12-25')).toMatchObject({ targetMinutes: 0, holiday: 'Christmas Day', leave: null });
  });

  it('knows what entries can be booked on', async () => {
    const test = startTestEngine({ settings: SETTINGS });
    await seed(test);
    expect(await createWorkday(test.engine).catalog()).toEqual({
      projects: ['Internal', 'Website'],
      activities: [{ name: 'Design', project: 'Website' }],
      breakTypes: [],
      fields: [],
      requiredFields: [],
    });
  });

  it('gives the custom fields entries take and those each project requires, and sends fields as given (issue 78)', async () => {
    const calls: Array<[string, unknown]> = [];
    const item = (id: number, name: string, extra: object = {}) => ({ id, name, archived: false, parent: null, ...extra });
    const entry = {
      id: 9,
      start: '2026-11-18T09:00:00+01:00',
      end: '2026-11-18T10:00:00+01:00',
      duration_minutes: 60,
      project: 'Website',
      activity: null,
      description: '',
    };
    const engine = {
      callTool: async (name: string, args: Record<string, unknown> = {}) => {
        calls.push([name, args]);
        if (name !== 'list_catalog') return { structured: { entry, sentence: 'ok' }, text: '' };
        return {
          structured: {
            customers: [],
            projects: [
              item(1, 'Website', { required_fields: ['Ticket', 'Cost centre'] }),
              item(2, 'Internal'),
              item(3, 'Old', { archived: true, required_fields: ['Ticket'] }),
            ],
            activities: [],
            fields: [
              { name: 'Ticket', type: 'text', required: false },
              { name: 'Cost centre', type: 'choice', required: true, choices: ['Sales', 'R&D'] },
            ],
          },
          text: '',
        };
      },
    } as unknown as Parameters<typeof createWorkday>[0];
    const workday = createWorkday(engine);
    expect(await workday.catalog()).toMatchObject({
      fields: [
        { name: 'Ticket', type: 'text', required: false },
        { name: 'Cost centre', type: 'choice', required: true, choices: ['Sales', 'R&D'] },
      ],
      requiredFields: [{ project: 'Website', fields: ['Ticket', 'Cost centre'] }],
    });
    const fields = { Ticket: 'WEB-1', 'Cost centre': 'Sales' };
    await workday.log({ start: '2026-11-18T09:00', end: '2026-11-18T10:00', project: 'Website', fields }).catch(() => undefined);
    await workday.update(9, { fields: { Ticket: null } }).catch(() => undefined);
    expect(calls.slice(1)).toEqual([
      ['log_time', { start: '2026-11-18T09:00', end: '2026-11-18T10:00', project: 'Website', fields }],
      ['update_time_entry', { id: 9, fields: { Ticket: null } }],
    ]);
  });
});

describe('the report', () => {
  it('gives a month by day against the targets, the projects, and the overtime so far', async () => {
    const test = startTestEngine({ settings: SETTINGS });
    await seed(test);
    const report = await createWorkday(test.engine).report('2026-11-01', '2026-11-30');
    expect(report.days).toHaveLength(30);
    expect(report.today).toBe('2026-11-18');
    expect(report.totalMinutes).toBe(330);
    expect(report.projects).toEqual([
      { name: 'Website', minutes: 210 },
      { name: 'Internal', minutes: 120 },
    ]);
    expect(report.overtimeMinutes).toBe(report.totalMinutes - report.targetSoFarMinutes);
    expect(report.backEndBalance).toBeNull();
  });
});

describe('leave', () => {
  it('shows what a request costs before it is sent: the number the engine then files', async () => {
    const test = startTestEngine({ settings: SETTINGS });
    const leave = createLeave(test.engine);
    // Christmas in Berlin: the 25th and 26th are holidays, the 26th a Saturday, the 27th a Sunday.
    const request = { type: 'vacation' as const, firstDay: '2026-12-21', lastDay: '2026-12-31', lastDayPart: 'morning' as const };
    const preview = await leave.preview(request);
    expect(preview.free).toEqual([
      { date: '2026-12-25', reason: 'holiday', holiday: expect.stringMatching(/Christmas/) },
      // A holiday on a Saturday is named as the holiday: the person recognises it.
      { date: '2026-12-26', reason: 'holiday', holiday: expect.any(String) },
      { date: '2026-12-27', reason: 'day off', holiday: null },
    ]);
    const filed = await leave.request({ ...request, comment: 'Family' });
    expect(filed.request.days).toBe(preview.days);
    expect(preview.days).toBe(7.5);
    expect(filed.message).toMatch(/^Requested vacation Dec 21, 2026 to Dec 31, 2026 /);
    expect((await leave.requests(2026)).map((item) => item.status)).toEqual(['approved']);
    await expect(leave.preview({ type: 'vacation', firstDay: '2026-12-31', lastDay: '2026-12-01' })).rejects.toThrow(
      // The range's refusal by its code (leave_days_reversed), in a person's words: days as the calendar writes them.
      'The last day (Dec 1, 2026) is before the first day (Dec 31, 2026). Swap them or correct one of them.',
    );
  });

  it('shows what vacation leaves of the balance before it is sent, as the engine counts it; beyond it, sends only what the person confirmed', async () => {
    const test = startTestEngine({ settings: { ...SETTINGS, leave: { annualDays: 25, carryOverDays: 0, allowBeyondBalance: true } } });
    const leave = createLeave(test.engine);
    const within = await leave.preview({ type: 'vacation', firstDay: '2026-12-21', lastDay: '2026-12-31', lastDayPart: 'morning' });
    expect(within).toMatchObject({ days: 7.5, leaves: [{ year: 2026, days: 17.5 }], balanceProblem: null, away: [] });
    // Over New Year: each year's balance with its own days (the 1st of January is a holiday).
    expect((await leave.preview({ type: 'vacation', firstDay: '2026-12-30', lastDay: '2027-01-05' })).leaves).toEqual([
      { year: 2026, days: 23 },
      { year: 2027, days: 23 },
    ]);
    // Other leave draws on no balance.
    expect((await leave.preview({ type: 'sick', firstDay: '2027-03-01', lastDay: '2027-05-31' })).leaves).toEqual([]);
    const beyond = { type: 'vacation' as const, firstDay: '2027-03-01', lastDay: '2027-05-31' };
    // Three months less Berlin's five holidays in them: 61 days.
    expect(await leave.preview(beyond)).toMatchObject({ days: 61, leaves: [{ year: 2027, days: -36 }] });
    await expect(leave.request(beyond)).rejects.toThrow(
      // The refusal as it came where the engine gives it no code; in refusal-words.ts' words where it does.
      /^That goes beyond your vacation balance: vacation from (?:2027-03-01 to 2027-05-31|Mar 1, 2027 to May 31, 2027) costs 61 days and would leave -36 days of 2027 \(25 left\)\. Nothing was filed\./,
    );
    const filed = await leave.request({ ...beyond, beyondBalance: true });
    expect(filed.message).toMatch(/ 36 days over the 2027 vacation entitlement\.$/);
  });

  it('counts a long request over calendars of at most 92 days, and lists a month of who is away', async () => {
    const test = startTestEngine({ settings: SETTINGS });
    const leave = createLeave(test.engine);
    const long = await leave.preview({ type: 'unpaid', firstDay: '2027-01-04', lastDay: '2027-06-30' });
    expect(long.days).toBeGreaterThan(100);
    await leave.request({ type: 'vacation', firstDay: '2026-11-19', lastDay: '2026-11-20' });
    const calendar = await leave.calendar('2026-11');
    expect(calendar.days).toHaveLength(30);
    expect(calendar.days.find((day) => day.date === '2026-11-19')?.away).toEqual([
      { person: expect.any(String), type: 'vacation', part: 'full', own: true, pending: false },
    ]);
    expect(calendar.people).toHaveLength(1);
  });
});
