import { describe, expect, it } from 'vitest';
import { groupSpans, sumSpans } from '../../../mcp-server/domain/report.ts';
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
});
