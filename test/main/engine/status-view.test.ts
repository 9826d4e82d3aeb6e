// The pure shaping of a status: which days make the week, where the running entry goes, which
// projects count as recent.
import { describe, expect, it } from 'vitest';
import { breaksSupported, buildStatusView, recentProjects, recentWork, weekDates, weekTotals, withRunning } from '../../../main/engine/status-view.ts';
import type { DayTotal, EntryView } from '../../../window-contract/status.ts';

function entry(id: number, start: string, project: string | null, end: string | null = null): EntryView {
  return { id, start, end, minutes: 0, project, activity: null, description: '' };
}

describe('the week', () => {
  it('runs Monday to Sunday around any day, across months and years', () => {
    expect(weekDates('2026-11-18')).toEqual(['2026-11-16', '2026-11-17', '2026-11-18', '2026-11-19', '2026-11-20', '2026-11-21', '2026-11-22']);
    expect(weekDates('2026-11-16')[0]).toBe('2026-11-16');
    expect(weekDates('2026-11-22')[6]).toBe('2026-11-22');
    expect(weekDates('2027-01-01')).toEqual(['2026-12-28', '2026-12-29', '2026-12-30', '2026-12-31', '2027-01-01', '2027-01-02', '2027-01-03']);
  });

  it('keeps each day’s own target, the days ahead too, Monday first, with the holiday and leave that explain it', () => {
    const none = { holiday: null, leave: null };
    const reported = new Map<string, Omit<DayTotal, 'date'>>(
      weekDates('2026-11-18').map((date, index) => [date, { minutes: index < 2 ? 60 : 0, targetMinutes: index < 5 ? 480 : 0, ...none }]),
    );
    reported.set('2026-11-18', { minutes: 0, targetMinutes: 0, holiday: 'Day of Prayer and Repentance', leave: null });
    reported.set('2026-11-20', { minutes: 0, targetMinutes: 240, holiday: null, leave: 'vacation' });
    expect(weekTotals('2026-11-18', new Map([...reported].reverse()))).toEqual([
      { date: '2026-11-16', minutes: 60, targetMinutes: 480, ...none },
      { date: '2026-11-17', minutes: 60, targetMinutes: 480, ...none },
      { date: '2026-11-18', minutes: 0, targetMinutes: 0, holiday: 'Day of Prayer and Repentance', leave: null },
      { date: '2026-11-19', minutes: 0, targetMinutes: 480, ...none },
      { date: '2026-11-20', minutes: 0, targetMinutes: 240, holiday: null, leave: 'vacation' },
      { date: '2026-11-21', minutes: 0, targetMinutes: 0, ...none },
      { date: '2026-11-22', minutes: 0, targetMinutes: 0, ...none },
    ]);
  });

  it('refuses a week with a day missing, ahead or behind: the report was of another week', () => {
    const lastWeek = new Map(weekDates('2026-11-11').map((date) => [date, { minutes: 0, targetMinutes: 480, holiday: null, leave: null }]));
    expect(() => weekTotals('2026-11-18', lastWeek)).toThrow(/No report for 2026-11-16, a day of the week of 2026-11-18/);
    const noSunday = new Map(
      weekDates('2026-11-18')
        .slice(0, 6)
        .map((date) => [date, { minutes: 0, targetMinutes: 480, holiday: null, leave: null }]),
    );
    expect(() => weekTotals('2026-11-18', noSunday)).toThrow(/No report for 2026-11-22/);
  });
});

describe("today's entries", () => {
  it('add a timer started before midnight in its place, oldest first, once', () => {
    const logged = entry(2, '2026-11-18T07:00:00+01:00', 'Support', '2026-11-18T08:00:00+01:00');
    const running = entry(1, '2026-11-17T22:00:00+01:00', 'Night');
    expect(withRunning([logged], running)).toEqual([running, logged]);
    expect(withRunning([logged, running], running)).toEqual([running, logged]);
    expect(withRunning([logged], null)).toEqual([logged]);
  });

  it('order by the instant, not the text, across an offset change', () => {
    // 02:30+02:00 is 00:30 UTC; 01:45+01:00 is 00:45 UTC, later though it reads earlier.
    const summer = entry(1, '2026-10-25T02:30:00+02:00', 'A', '2026-10-25T02:40:00+02:00');
    const winter = entry(2, '2026-10-25T01:45:00+01:00', 'B');
    expect(withRunning([summer], winter).map((item) => item.id)).toEqual([1, 2]);
  });
});

describe('recent projects', () => {
  const entries = [
    entry(1, '2026-11-02T09:00:00+01:00', 'Old'),
    entry(2, '2026-11-10T09:00:00+01:00', 'Website'),
    entry(3, '2026-11-11T09:00:00+01:00', null),
    entry(4, '2026-11-12T09:00:00+01:00', 'Internal'),
    entry(5, '2026-11-13T09:00:00+01:00', 'Website'),
  ];

  it('are distinct, most recent first, without entries that have none', () => {
    expect(recentProjects(entries, null)).toEqual(['Website', 'Internal', 'Old']);
  });

  it('start with the running timer’s project, and stop at the maximum', () => {
    expect(recentProjects(entries, entry(9, '2026-10-01T09:00:00+02:00', 'Ancient'))).toEqual(['Ancient', 'Website', 'Internal', 'Old']);
    expect(recentProjects(entries, null, 2)).toEqual(['Website', 'Internal']);
  });
});

describe('the whole view', () => {
  it('puts the parts together as the window reads them', () => {
    const running = entry(7, '2026-11-18T09:00:00+01:00', 'Website');
    const days = new Map(
      weekDates('2026-11-16').map((date) => [
        date,
        { minutes: date === '2026-11-16' ? 60 : 0, targetMinutes: date < '2026-11-21' ? 480 : 0, holiday: null, leave: null },
      ]),
    );
    const view = buildStatusView({
      today: '2026-11-16',
      running,
      todayMinutes: 60,
      weekMinutes: 60,
      todayEntries: [],
      days,
      recentEntries: [running],
      supported: new Set(['clock_in', 'timer_status']),
      asOf: 42,
      keptWrites: [],
      sequence: 3,
    });
    expect(view).toEqual({
      today: '2026-11-16',
      running,
      todayMinutes: 60,
      weekMinutes: 60,
      todayEntries: [running],
      week: [
        { date: '2026-11-16', minutes: 60, targetMinutes: 480, holiday: null, leave: null },
        ...['17', '18', '19', '20'].map((day) => ({ date: `2026-11-${day}`, minutes: 0, targetMinutes: 480, holiday: null, leave: null })),
        ...['21', '22'].map((day) => ({ date: `2026-11-${day}`, minutes: 0, targetMinutes: 0, holiday: null, leave: null })),
      ],
      recentProjects: ['Website'],
      recentWork: [{ project: 'Website', activity: running.activity, description: '' }],
      breaksSupported: false,
      asOf: 42,
      keptWrites: [],
      teamAvailable: false,
      adminSections: [],
      decidesTimesheets: false,
      sequence: 3,
    });
  });

  it('offers Approvals only where the engine offers both the list and the decision of timesheets', () => {
    const days = new Map(weekDates('2026-11-16').map((date) => [date, { minutes: 0, targetMinutes: 0, holiday: null, leave: null }]));
    const view = (supported: string[]) =>
      buildStatusView({
        today: '2026-11-16',
        running: null,
        todayMinutes: 0,
        weekMinutes: 0,
        todayEntries: [],
        days,
        recentEntries: [],
        supported: new Set(supported),
        asOf: 0,
        keptWrites: [],
        sequence: 1,
      }).decidesTimesheets;
    expect(view(['list_timesheet_approvals', 'decide_timesheet'])).toBe(true);
    expect(view(['list_timesheet_approvals', 'submit_timesheet'])).toBe(false);
    expect(view(['decide_timesheet'])).toBe(false);
  });

  it('offers recent work as project and activity pairs, most recent first, each once with its latest note, none without a project', () => {
    const at = (id: number, start: string, project: string | null, activity: string | null, description = '') => ({
      ...entry(id, start, project),
      activity,
      description,
    });
    const entries = [
      at(1, '2026-11-16T08:00:00+01:00', 'Website', 'Design', 'Mock-ups'),
      at(2, '2026-11-16T09:00:00+01:00', 'Website', 'Meeting'),
      at(3, '2026-11-16T10:00:00+01:00', null, null),
      at(4, '2026-11-16T11:00:00+01:00', 'Website', 'Design', 'Landing page'),
    ];
    expect(recentWork(entries, at(5, '2026-11-16T12:00:00+01:00', 'Support', null))).toEqual([
      { project: 'Support', activity: null, description: '' },
      { project: 'Website', activity: 'Design', description: 'Landing page' },
      { project: 'Website', activity: 'Meeting', description: '' },
    ]);
    expect(recentWork(entries, null, 1)).toEqual([{ project: 'Website', activity: 'Design', description: 'Landing page' }]);
  });

  it('carries the running shift with its breaks, and breaks as supported only with both of their tools', () => {
    const shift = {
      ...entry(9, '2026-11-16T08:00:00+01:00', 'General'),
      breaks: [{ type: 'Lunch', start: '2026-11-16T12:01:00+01:00', end: null, minutes: 9 }],
    };
    const days = new Map(weekDates('2026-11-16').map((date) => [date, { minutes: 0, targetMinutes: 0, holiday: null, leave: null }]));
    const parts = { today: '2026-11-16', todayMinutes: 240, weekMinutes: 240, todayEntries: [], days, recentEntries: [], asOf: 1, keptWrites: [], sequence: 1 };
    const both = new Set(['start_break', 'end_break']);
    expect(buildStatusView({ ...parts, running: shift, supported: both })).toMatchObject({ running: shift, breaksSupported: true });
    expect(breaksSupported(new Set(['start_break']))).toBe(false);
    expect(breaksSupported(new Set(['end_break', 'clock_in']))).toBe(false);
    expect(breaksSupported(both)).toBe(true);
  });
});
