// The rules of a Monday-to-Sunday week: its work against the set's weekly maximum, and its longest rest
// against the weekly rest. Both are dated on the week's Monday.
import type { WorkingTimeFinding } from '../../contract/working-time.ts';
import { addDays, eachDate, startOfLocalDay } from '../time.ts';
import type { RuleSet } from './rule-sets.ts';
import { type Interval, MINUTE_MS, minutesOf, trackerList } from './spans.ts';
import type { Timeline } from './timeline.ts';

/** What the timeline was read over: a rest before its first work or after its last is known only that far. */
export interface ReadWindow {
  start: number;
  end: number;
}

/** The week's work over the set's maximum, counted as its days count it (the whole of each span to the day it began). */
export function weekOverMax(monday: string, timeline: Timeline, set: RuleSet): WorkingTimeFinding | null {
  if (set.weekMaxMinutes === null) return null;
  const days = eachDate(monday, addDays(monday, 6)).map((date) => timeline.day(date));
  const worked = minutesOf(days.reduce((sum, day) => sum + day.workedMs, 0));
  if (worked <= set.weekMaxMinutes) return null;
  const counted = days.flatMap((day) => [...day.stretches.flatMap((stretch) => stretch.intervals), ...day.untimed]);
  return {
    code: 'wt_week_over_max',
    date: monday,
    from: monday,
    to: addDays(monday, 6),
    worked_minutes: worked,
    max_minutes: set.weekMaxMinutes,
    ...trackerList(counted),
  };
}

/**
 * The week's longest rest, the rests that reach into it from the week before or out of it into the next
 * counted whole, against the set's weekly rest. A week not over yet is not checked: its rest may still come.
 */
export function weeklyRestShort(monday: string, timeline: Timeline, set: RuleSet, zone: string, now: number, read: ReadWindow): WorkingTimeFinding | null {
  const weekStart = startOfLocalDay(monday, zone);
  const weekEnd = startOfLocalDay(addDays(monday, 7), zone);
  if (now < weekEnd) return null;
  const longest = longestRestWithin(timeline.intervals, weekStart, weekEnd, { start: read.start, end: Math.min(now, read.end) });
  if (longest >= set.weeklyRestMinutes * MINUTE_MS) return null;
  const counted = timeline.intervals.filter((interval) => interval.end > weekStart && interval.start < weekEnd);
  return {
    code: 'wt_weekly_rest_short',
    date: monday,
    from: monday,
    to: addDays(monday, 6),
    longest_rest_minutes: Math.floor(longest / MINUTE_MS),
    required_minutes: set.weeklyRestMinutes,
    ...trackerList(counted),
  };
}

/** The longest gap between work that touches [from, to); the first and last gaps run to the ends of what was read. */
function longestRestWithin(intervals: readonly Interval[], from: number, to: number, known: ReadWindow): number {
  let longest = 0;
  let restStart = known.start;
  for (const interval of [...intervals, { start: known.end, end: known.end }]) {
    const restEnd = Math.min(interval.start, known.end);
    if (restEnd > from && restStart < to) longest = Math.max(longest, restEnd - restStart);
    restStart = Math.max(restStart, interval.end);
    if (restStart >= known.end) break;
  }
  return longest;
}
