// Several trackers in main's pure parts (issue 86): the status's days and totals per connection, the
// running timers of two connections with the same id, recent work per connection, the report's
// sections, the reminder per running timer and the idle answer acting on each timer.
import { describe, expect, it } from 'vitest';
import { dayTotalsOf, recentWork, trackerTotals, withRunning } from '../../../main/engine/status-view.ts';
import { reportView, trackerTags } from '../../../main/engine/workday.ts';
import { idlePlan } from '../../../main/idle/idle-answers.ts';
import { reminderDelay, reminderDue } from '../../../main/notifications/reminder.ts';
import type { EntryView } from '../../../window-contract/status.ts';
import { ZONE, at, idle } from '../tray/fixtures.ts';

const none = { holiday: null, leave: null };
const acmeAndBeta = [
  { name: 'acme', isDefault: true },
  { name: 'beta', isDefault: false },
];

function entry(id: number, start: string, fields: Partial<EntryView> = {}): EntryView {
  return { id, start, end: null, minutes: 0, project: 'Website', activity: null, description: '', ...fields };
}

describe('the status with several connections', () => {
  it('adds up a day’s minutes over the connections and keeps each one’s target apart, never added up', () => {
    const days = dayTotalsOf([
      { key: '2026-03-02', tracker: 'acme', minutes: 300, targetMinutes: 480, ...none },
      { key: '2026-03-02', tracker: 'beta', minutes: 60, targetMinutes: 120, holiday: 'Carnival', leave: null },
    ]);
    expect(days.get('2026-03-02')).toEqual({
      minutes: 360,
      targetMinutes: 0,
      ...none,
      byTracker: [
        { tracker: 'acme', minutes: 300, targetMinutes: 480, ...none },
        { tracker: 'beta', minutes: 60, targetMinutes: 120, holiday: 'Carnival', leave: null },
      ],
    });
    // One connection: the day as it always was.
    expect(dayTotalsOf([{ key: '2026-03-02', minutes: 300, targetMinutes: 480, ...none }]).get('2026-03-02')).toEqual({
      minutes: 300,
      targetMinutes: 480,
      ...none,
    });
  });

  it('lists each connection in the settings’ order with its totals; one that did not answer shows none; nothing with one connection', () => {
    expect(trackerTotals(acmeAndBeta, [{ tracker: 'beta', today_minutes: 30, week_minutes: 90 }])).toEqual([
      { name: 'acme', isDefault: true, todayMinutes: 0, weekMinutes: 0 },
      { name: 'beta', isDefault: false, todayMinutes: 30, weekMinutes: 90 },
    ]);
    expect(trackerTotals(acmeAndBeta, undefined)).toBeUndefined();
    expect(trackerTotals([{ name: 'kimai', isDefault: true }], [{ tracker: 'kimai', today_minutes: 1, week_minutes: 1 }])).toBeUndefined();
    // Without the settings' list the engine's order says which is first, and so the default.
    expect(
      trackerTotals(
        [],
        [
          { tracker: 'acme', today_minutes: 1, week_minutes: 2 },
          { tracker: 'beta', today_minutes: 3, week_minutes: 4 },
        ],
      )?.map((one) => [one.name, one.isDefault]),
    ).toEqual([
      ['acme', true],
      ['beta', false],
    ]);
  });

  it('puts every running timer among today’s entries, the same id in two connections being two entries', () => {
    const acme = entry(12, '2026-03-02T09:00:00+01:00', { tracker: 'acme' });
    const beta = entry(12, '2026-03-02T08:00:00+01:00', { tracker: 'beta', end: '2026-03-02T08:30:00+01:00' });
    const betaNow = entry(13, '2026-03-01T23:00:00+01:00', { tracker: 'beta' });
    expect(withRunning([beta, acme], [betaNow, acme])).toEqual([betaNow, beta, acme]);
  });

  it('keeps the same work in two connections as two pieces of recent work, each with its connection', () => {
    const entries = [entry(1, '2026-03-02T08:00:00+01:00', { tracker: 'acme' }), entry(1, '2026-03-02T09:00:00+01:00', { tracker: 'beta' })];
    expect(recentWork(entries, null)).toEqual([
      { project: 'Website', activity: null, description: '', tracker: 'beta' },
      { project: 'Website', activity: null, description: '', tracker: 'acme' },
    ]);
  });
});

describe('the report with several connections', () => {
  const base = { from: '2026-03-02', to: '2026-03-02', today: '2026-03-02' };
  it('sums the hours, keeps each connection’s targets in its own section, and labels each project row', () => {
    const days = {
      ...base,
      groups: [
        { key: '2026-03-02', minutes: 300, target_minutes: 480, tracker: 'acme' },
        { key: '2026-03-02', minutes: 60, target_minutes: 120, tracker: 'beta' },
      ],
      total_minutes: 360,
      target_minutes: null,
      target_so_far_minutes: null,
      overtime_minutes: null,
      back_end_balance: null,
      trackers: [
        {
          tracker: 'beta',
          total_minutes: 60,
          target_minutes: 120,
          target_so_far_minutes: 120,
          overtime_minutes: -60,
          back_end_balance: { minutes: 90, covers: 'all time' },
        },
        { tracker: 'acme', total_minutes: 300, target_minutes: 480, target_so_far_minutes: 480, overtime_minutes: -180, back_end_balance: null },
      ],
    };
    const projects = {
      ...days,
      groups: [
        { key: 'Website', minutes: 300, tracker: 'acme' },
        { key: 'Website', minutes: 60, tracker: 'beta' },
      ],
    };
    const view = reportView(days, projects, acmeAndBeta);
    expect(view.totalMinutes).toBe(360);
    expect(view.targetMinutes).toBe(0);
    expect(view.projects).toEqual([
      { name: 'Website', minutes: 300, tracker: 'acme' },
      { name: 'Website', minutes: 60, tracker: 'beta' },
    ]);
    expect(view.trackers?.map((one) => [one.name, one.isDefault, one.totalMinutes, one.targetMinutes, one.overtimeMinutes])).toEqual([
      ['acme', true, 300, 480, -180],
      ['beta', false, 60, 120, -60],
    ]);
    expect(view.trackers?.[1]).toMatchObject({
      days: [{ date: '2026-03-02', minutes: 60, targetMinutes: 120, ...none }],
      projects: [{ name: 'Website', minutes: 60 }],
      backEndBalance: { minutes: 90, covers: 'all time' },
    });
    expect(trackerTags(acmeAndBeta)).toEqual(acmeAndBeta);
    expect(trackerTags([{ name: 'kimai', isDefault: true }])).toBeUndefined();
  });

  it('lists the connections that share the settings’ week once, with their one target, and marks each of them', () => {
    const none_ = { target_minutes: null, target_so_far_minutes: null, overtime_minutes: null, back_end_balance: null };
    const days = {
      ...base,
      groups: [
        { key: '2026-03-02', minutes: 300, tracker: 'acme' },
        { key: '2026-03-02', minutes: 60, tracker: 'beta' },
      ],
      total_minutes: 360,
      ...none_,
      trackers: [
        { tracker: 'acme', total_minutes: 300, ...none_ },
        { tracker: 'beta', total_minutes: 60, ...none_ },
      ],
      target_groups: [
        {
          trackers: ['acme', 'beta'],
          total_minutes: 360,
          target_minutes: 480,
          target_so_far_minutes: 480,
          overtime_minutes: -120,
          groups: [{ key: '2026-03-02', minutes: 360, target_minutes: 480 }],
        },
      ],
    };
    const view = reportView(days, { ...days, groups: [] }, acmeAndBeta);
    expect(view.together).toEqual([{ trackers: ['acme', 'beta'], totalMinutes: 360, targetMinutes: 480, targetSoFarMinutes: 480, overtimeMinutes: -120 }]);
    expect(view.trackers?.map((one) => [one.name, one.targetMinutes, one.sharesWeekWith])).toEqual([
      ['acme', 0, ['beta']],
      ['beta', 0, ['acme']],
    ]);
    // The day: each one's time without a target of its own, and the one target they share.
    const together = [{ trackers: ['acme', 'beta'], minutes: 360, targetMinutes: 480 }];
    expect(view.days).toEqual([
      {
        date: '2026-03-02',
        minutes: 360,
        targetMinutes: 0,
        ...none,
        byTracker: [
          { tracker: 'acme', minutes: 300, targetMinutes: 0, ...none },
          { tracker: 'beta', minutes: 60, targetMinutes: 0, ...none },
        ],
        together,
      },
    ]);
    expect(view.trackers?.[1]?.days).toEqual([{ date: '2026-03-02', minutes: 60, targetMinutes: 0, ...none, together }]);
  });
});

describe('the reminder and the idle answer per running timer', () => {
  const acme = entry(12, '2026-03-02T09:02:00+01:00', { tracker: 'acme' });
  const beta = entry(12, '2026-03-02T10:02:00+01:00', { tracker: 'beta', project: 'Support' });
  const status = idle({ running: beta, timers: [acme, beta], trackers: [] });

  it('reminds of each connection’s timer once, named with its connection', () => {
    // Eight hours of acme's timer; beta's started an hour later.
    const eight = at('2026-03-02T17:02:00+01:00');
    expect(reminderDue(status, eight, 8, null, ZONE)).toMatchObject({
      notify: true,
      entryId: 12,
      tracker: 'acme',
      title: 'Your timer in acme is still running',
    });
    // acme's reminded: beta's (same id, another connection) falls due an hour later.
    expect(reminderDue(status, eight, 8, ['acme#12'], ZONE)).toEqual({ notify: false });
    expect(reminderDelay(status, eight, 8, ['acme#12'])).toBe(3_600_000);
    expect(reminderDue(status, eight + 3_600_000, 8, ['acme#12'], ZONE)).toMatchObject({
      notify: true,
      tracker: 'beta',
      body: expect.stringContaining('Support'),
    });
    expect(reminderDelay(status, eight, 8, ['acme#12', 'beta#12'])).toBeNull();
  });

  it('acts on every timer the question was about, each in its own connection', () => {
    const question = { id: 1, since: 100, until: 200, cause: 'idle' as const, entryId: 12 };
    expect(idlePlan(question, 'discard-restart', beta, [acme])).toEqual({
      ok: true,
      actions: [
        { kind: 'clockOut', end: 100, tracker: 'beta' },
        { kind: 'clockOut', end: 100, tracker: 'acme' },
        { kind: 'clockIn', project: 'Support', tracker: 'beta' },
        { kind: 'clockIn', project: 'Website', tracker: 'acme' },
      ],
    });
    expect(idlePlan(question, 'keep-stop', beta, [acme])).toEqual({
      ok: true,
      actions: [
        { kind: 'clockOut', tracker: 'beta' },
        { kind: 'clockOut', tracker: 'acme' },
      ],
    });
  });
});
