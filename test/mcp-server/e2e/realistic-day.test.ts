// A working day through the built server over real stdio, as an AI client drives it, in both
// protocol eras.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EngineHandle, type Era, makeUserDataDir, startEngine, textOf } from '../../support/engine.ts';

// Wednesday morning, 08:00 in Berlin. The clock starts here and runs in real time.
const NOW = '2026-11-18T08:00:00+01:00';

describe.each<Era>(['legacy', 'modern'])('a realistic day (%s era)', (era) => {
  let engine: EngineHandle;

  beforeAll(async () => {
    const userDataDir = makeUserDataDir({
      timezone: 'Europe/Berlin',
      holidays: { country: 'DE', state: 'BY' },
      user: { name: 'Ada' },
    });
    engine = await startEngine({ era, userDataDir, env: { PUNCHCARD_NOW: NOW } });
  });
  afterAll(async () => engine?.close());

  it('negotiated the era it was asked for', () => {
    expect(engine.client.getProtocolEra()).toBe(era);
  });

  it('says who and where the user is', async () => {
    const result = await engine.call('whoami');
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toMatchObject({
      name: 'Ada',
      provider: 'Local timesheet',
      timezone: 'Europe/Berlin',
      week_target_hours: 40,
      holiday_region: 'DE-BY',
    });
  });

  it('sets up a project and an activity', async () => {
    expect((await engine.call('create_catalog_item', { kind: 'project', name: 'Website' })).isError).toBeFalsy();
    const activity = await engine.call('create_catalog_item', { kind: 'activity', name: 'Design', parent: 'website' });
    expect(activity.structuredContent).toMatchObject({ kind: 'activity', name: 'Design', parent: 'Website' });
  });

  it('clocks in with a start time in the past, and refuses a second timer', async () => {
    const started = await engine.call('clock_in', { project: 'Website', activity: 'Design', description: 'Landing page', start: '06:30' });
    expect(started.structuredContent).toMatchObject({
      started: { start: '2026-11-18T06:30:00+01:00', end: null, project: 'Website', activity: 'Design', description: 'Landing page' },
      stopped: null,
    });
    expect(textOf(started)).toMatch(/Clocked in on "Website" · "Design"/);

    const again = await engine.call('clock_in', { project: 'Website' });
    expect(textOf(again)).toMatch(/already running: "Website" · "Design" — "Landing page" since 06:30 \(1 h 30 min\)/);
  });

  it('shows the running timer with today and week totals', async () => {
    const status = await engine.call('timer_status');
    expect(status.structuredContent).toMatchObject({ running: { project: 'Website', minutes: 90 }, today_minutes: 90, week_minutes: 90 });
    expect(textOf(status)).toMatch(/^Working on "Website" · "Design"/);
  });

  it('clocks out with a note', async () => {
    const stopped = await engine.call('clock_out', { note: 'hero section done' });
    expect(stopped.structuredContent).toMatchObject({ stopped: { minutes: 90, description: 'Landing page\nhero section done' } });
  });

  it('logs yesterday by duration, and today by start and end on no project', async () => {
    await engine.call('log_time', { date: 'yesterday', duration: '1h30m', project: 'Website' });
    const today = await engine.call('log_time', { start: '2026-11-18T05:00:00+01:00', end: '2026-11-18T05:45:00+01:00' });
    expect(today.structuredContent).toMatchObject({ entry: { minutes: 45, project: null } });
  });

  it('reports the whole week by day, each day against its own target, overtime only up to today', async () => {
    const report = await engine.call('time_report', { group_by: 'day' });
    const day = (date: string, minutes: number, target: number) => ({ key: `2026-11-${date}`, minutes, target_minutes: target });
    expect(report.structuredContent).toEqual({
      from: '2026-11-16',
      to: '2026-11-22',
      today: '2026-11-18',
      groups: [day('16', 0, 480), day('17', 90, 480), day('18', 135, 480), day('19', 0, 480), day('20', 0, 480), day('21', 0, 0), day('22', 0, 0)],
      total_minutes: 225,
      target_minutes: 5 * 8 * 60,
      target_so_far_minutes: 3 * 8 * 60,
      overtime_minutes: 225 - 3 * 8 * 60,
      // The local timesheet keeps no account of its own: the settings' targets are all there is.
      back_end_balance: null,
      // No AI agent booked time of its own here.
      agent_minutes_left_out: 0,
    });
    expect(textOf(report)).toMatch(
      /^Total 3 h 45 min from 2026-11-16 to 2026-11-22; target 40 h, 24 h of it up to today \(2026-11-18\); shortfall 20 h 15 min\.\n2026-11-16: 0 min of 8 h\n/,
    );

    const soFar = await engine.call('time_report', { to: 'today', group_by: 'week' });
    expect(soFar.structuredContent).toMatchObject({
      from: '2026-11-16',
      to: '2026-11-18',
      groups: [{ key: '2026-W47', minutes: 225, target_minutes: 3 * 8 * 60 }],
      target_minutes: 3 * 8 * 60,
      target_so_far_minutes: 3 * 8 * 60,
    });
    expect(textOf(soFar)).toMatch(/^Total 3 h 45 min from 2026-11-16 to 2026-11-18; target 24 h; shortfall 20 h 15 min\./);

    const byProject = await engine.call('time_report', { group_by: 'project' });
    expect(byProject.structuredContent?.groups).toEqual([
      { key: 'Website', minutes: 180 },
      { key: '(no project)', minutes: 45 },
    ]);
    const oneProject = await engine.call('time_report', { project: 'Website', group_by: 'week' });
    expect(oneProject.structuredContent).toMatchObject({
      groups: [{ key: '2026-W47', minutes: 180 }],
      total_minutes: 180,
      target_minutes: null,
      target_so_far_minutes: null,
      overtime_minutes: null,
    });
  });

  it('requests Christmas leave, skipping the weekend and public holidays', async () => {
    const leave = await engine.call('request_leave', { type: 'vacation', first_day: '2026-12-21', last_day: '2026-12-31', comment: 'family' });
    // Mon 21 – Thu 24, then Fri 25 and Sat 26 (holidays), Sun 27, Mon 28 – Thu 31.
    expect(leave.structuredContent).toMatchObject({ request: { days: 8, status: 'approved' }, vacation_days_remaining: 17 });

    const overlap = await engine.call('request_leave', { type: 'personal', first_day: '2026-12-31' });
    expect(textOf(overlap)).toMatch(/overlaps your vacation request/);
  });

  it('shows who is away in the absence calendar', async () => {
    const calendar = await engine.call('absence_calendar', { from: '2026-12-24', to: '2026-12-27' });
    const days = calendar.structuredContent?.days as Array<{ date: string; working_day: boolean; holiday: string | null; away: unknown[] }>;
    expect(days.map((day) => [day.date, day.working_day, day.holiday !== null, day.away.length])).toEqual([
      ['2026-12-24', true, false, 1],
      ['2026-12-25', false, true, 0],
      ['2026-12-26', false, true, 0],
      ['2026-12-27', false, false, 0],
    ]);
  });

  it('counts the balance', async () => {
    const balance = await engine.call('leave_balance');
    expect(balance.structuredContent).toMatchObject({ year: 2026, entitlement: 25, taken: 0, planned: 8, remaining: 17 });
  });

  it('plans the weeks ahead: leave and public holidays take their days off the target', async () => {
    const weeks = await engine.call('time_report', { from: '2026-12-14', to: '2027-01-03', group_by: 'week' });
    // W52 and W53: leave from Monday to Thursday, then Christmas Day and New Year's Day.
    expect(weeks.structuredContent).toMatchObject({
      groups: [
        { key: '2026-W51', minutes: 0, target_minutes: 5 * 8 * 60 },
        { key: '2026-W52', minutes: 0, target_minutes: 0 },
        { key: '2026-W53', minutes: 0, target_minutes: 0 },
      ],
      total_minutes: 0,
      target_minutes: 5 * 8 * 60,
      target_so_far_minutes: 0,
      overtime_minutes: 0,
    });
    const days = await engine.call('time_report', { from: '2027-01-04', to: '2027-01-08' });
    // Epiphany is a holiday in Bavaria.
    expect((days.structuredContent?.groups as Array<{ target_minutes: number }>).map((group) => group.target_minutes)).toEqual([480, 480, 0, 480, 480]);
  });

  it('names why a day asks for less: its public holiday, the leave it takes (so the window need not say "day off"), also for a range that begins inside a leave request', async () => {
    const days = await engine.call('time_report', { from: '2026-12-23', to: '2027-01-06', group_by: 'day' });
    expect(days.isError, textOf(days)).toBeFalsy();
    const named = (days.structuredContent?.groups as Array<{ key: string; holiday?: string; leave?: string }>).filter((group) => group.holiday || group.leave);
    expect(named.map(({ key, holiday, leave }) => [key, holiday ?? null, leave ?? null])).toEqual([
      ['2026-12-23', null, 'vacation'],
      ['2026-12-24', null, 'vacation'],
      ['2026-12-25', 'Christmas Day', null],
      ['2026-12-26', 'Boxing Day', null],
      ['2026-12-28', null, 'vacation'],
      ['2026-12-29', null, 'vacation'],
      ['2026-12-30', null, 'vacation'],
      ['2026-12-31', null, 'vacation'],
      ['2027-01-01', "New Year's Day", null],
      ['2027-01-06', 'Epiphany', null],
    ]);
    // A week or a project has no single day to name.
    const weeks = await engine.call('time_report', { from: '2026-12-21', to: '2026-12-27', group_by: 'week' });
    expect(weeks.structuredContent?.groups).toEqual([{ key: '2026-W52', minutes: 0, target_minutes: 0 }]);
  });

  it('kept stdout clean: nothing but protocol reached the client, and the log went to stderr', () => {
    expect(engine.stderr()).toMatch(/serving on stdio/);
  });
});
