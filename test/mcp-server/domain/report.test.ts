import { describe, expect, it } from 'vitest';
import { weekPlan } from '../../../mcp-server/domain/work-plan.ts';
import { dayTargets, groupSpans, sumSpans, withTargets } from '../../../mcp-server/domain/report.ts';
import type { WorkWeek } from '../../../mcp-server/domain/leave-days.ts';
import type { WorkSpan } from '../../../mcp-server/providers/time-tracker.ts';

const BERLIN = 'Europe/Berlin';
const HOUR = 3_600_000;
const at = (iso: string) => Date.parse(iso);
const span = (start: string, end: string, project: string | null = null, activity: string | null = null): WorkSpan => ({
  start: at(start),
  end: at(end),
  project: project === null ? null : { id: 1, name: project },
  activity: activity === null ? null : { id: 1, name: activity },
});
const hours = (groups: Array<{ key: string; ms: number }>) => groups.map((group) => [group.key, group.ms / HOUR]);

describe('groupSpans', () => {
  it('splits a night shift at local midnight', () => {
    const groups = groupSpans([span('2026-11-17T22:00:00+01:00', '2026-11-18T02:00:00+01:00')], 'day', BERLIN);
    expect(hours(groups)).toEqual([
      ['2026-11-17', 2],
      ['2026-11-18', 2],
    ]);
  });

  it('counts the real length of the day clocks go back (25 hours) and forward (23 hours)', () => {
    const autumn = groupSpans([span('2026-10-25T00:00:00+02:00', '2026-10-26T00:00:00+01:00')], 'day', BERLIN);
    expect(hours(autumn)).toEqual([['2026-10-25', 25]]);
    const spring = groupSpans([span('2026-03-29T00:00:00+01:00', '2026-03-30T00:00:00+02:00')], 'day', BERLIN);
    expect(hours(spring)).toEqual([['2026-03-29', 23]]);
  });

  it('uses the zone of the user, not of the machine', () => {
    const late = span('2026-11-18T23:30:00-05:00', '2026-11-19T00:30:00-05:00');
    expect(hours(groupSpans([late], 'day', 'America/New_York'))).toEqual([
      ['2026-11-18', 0.5],
      ['2026-11-19', 0.5],
    ]);
    expect(hours(groupSpans([late], 'day', BERLIN))).toEqual([['2026-11-19', 1]]);
  });

  it('groups by ISO week, across a year boundary, in calendar order', () => {
    const groups = groupSpans(
      [span('2027-01-04T09:00:00+01:00', '2027-01-04T10:00:00+01:00'), span('2026-12-31T09:00:00+01:00', '2026-12-31T11:00:00+01:00')],
      'week',
      BERLIN,
    );
    expect(hours(groups)).toEqual([
      ['2026-W53', 2],
      ['2027-W01', 1],
    ]);
  });

  it('groups by project and activity, largest first, naming the unassigned', () => {
    const spans = [
      span('2026-11-18T08:00:00Z', '2026-11-18T09:00:00Z', 'Website', 'Design'),
      span('2026-11-18T09:00:00Z', '2026-11-18T12:00:00Z', 'Intranet', null),
      span('2026-11-18T12:00:00Z', '2026-11-18T13:00:00Z', null, 'Design'),
    ];
    expect(hours(groupSpans(spans, 'project', BERLIN))).toEqual([
      ['Intranet', 3],
      ['(no project)', 1],
      ['Website', 1],
    ]);
    expect(hours(groupSpans(spans, 'activity', BERLIN))).toEqual([
      ['(no activity)', 3],
      ['Design', 2],
    ]);
  });

  it('has nothing to say about no spans', () => {
    expect(groupSpans([], 'day', BERLIN)).toEqual([]);
  });
});

describe('sumSpans', () => {
  it('adds only the part inside the window', () => {
    const spans = [span('2026-11-18T08:00:00Z', '2026-11-18T10:00:00Z'), span('2026-11-18T11:00:00Z', '2026-11-18T12:00:00Z')];
    expect(sumSpans(spans, at('2026-11-18T09:00:00Z'), at('2026-11-18T11:30:00Z')) / HOUR).toBe(1.5);
  });

  it("counts nothing of an impossible entry's span, whatever its start and end say", () => {
    const impossible: WorkSpan = {
      ...span('2026-11-18T08:00:00Z', '2026-11-18T12:00:00Z', 'Website'),
      impossible: { entry: 7, start: at('2026-11-18T08:00:00Z'), end: at('2036-11-18T08:00:00Z'), why: 'too_long', longestHours: 999, limit: 'back_end' },
    };
    const spans = [impossible, span('2026-11-18T09:00:00Z', '2026-11-18T10:00:00Z', 'Internal')];
    expect(sumSpans(spans, at('2026-11-18T00:00:00Z'), at('2026-11-19T00:00:00Z')) / HOUR).toBe(1);
    expect(hours(groupSpans(spans, 'project', BERLIN))).toEqual([['Internal', 1]]);
    expect(hours(groupSpans(spans, 'day', BERLIN))).toEqual([['2026-11-18', 1]]);
  });
});

const FULL_TIME: WorkWeek = { mon: 8, tue: 8, wed: 8, thu: 8, fri: 8, sat: 0, sun: 0 };

describe('dayTargets', () => {
  it('gives every day its own target: weekday hours, none on holidays, less by the leave taken', () => {
    const targets = dayTargets(
      '2026-11-16',
      '2026-11-22',
      weekPlan(FULL_TIME, new Set(['2026-11-18'])),
      new Map([
        ['2026-11-17', 0.5],
        ['2026-11-20', 1],
      ]),
    );
    expect(targets).toEqual([
      { date: '2026-11-16', minutes: 480 },
      { date: '2026-11-17', minutes: 240 },
      { date: '2026-11-18', minutes: 0 },
      { date: '2026-11-19', minutes: 480 },
      { date: '2026-11-20', minutes: 0 },
      { date: '2026-11-21', minutes: 0 },
      { date: '2026-11-22', minutes: 0 },
    ]);
  });

  it('rounds each day, so the days add up to the total a person adds up', () => {
    // 7.77 h is 466.2 minutes: five days read 466 each, 2330 together (not 2331).
    const odd: WorkWeek = { ...FULL_TIME, mon: 7.77, tue: 7.77, wed: 7.77, thu: 7.77, fri: 7.77 };
    const targets = dayTargets('2026-11-16', '2026-11-22', weekPlan(odd, new Set()), new Map());
    expect(targets.map((day) => day.minutes)).toEqual([466, 466, 466, 466, 466, 0, 0]);
  });
});

describe('withTargets', () => {
  const targets = dayTargets('2026-12-28', '2027-01-10', weekPlan(FULL_TIME, new Set(['2027-01-01'])), new Map());

  it('lists every day of the range, worked or not, each with its target', () => {
    const worked = groupSpans([span('2026-12-29T09:00:00+01:00', '2026-12-29T11:00:00+01:00')], 'day', BERLIN);
    const days = withTargets(worked, targets.slice(0, 3), 'day');
    expect(days).toEqual([
      { key: '2026-12-28', ms: 0, targetMinutes: 480 },
      { key: '2026-12-29', ms: 2 * HOUR, targetMinutes: 480 },
      { key: '2026-12-30', ms: 0, targetMinutes: 480 },
    ]);
  });

  it('adds the days of each ISO week, across the year boundary', () => {
    const worked = groupSpans([span('2027-01-05T09:00:00+01:00', '2027-01-05T10:00:00+01:00')], 'week', BERLIN);
    expect(withTargets(worked, targets, 'week')).toEqual([
      { key: '2026-W53', ms: 0, targetMinutes: 4 * 480 },
      { key: '2027-W01', ms: HOUR, targetMinutes: 5 * 480 },
    ]);
  });
});
