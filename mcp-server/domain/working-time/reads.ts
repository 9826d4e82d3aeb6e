// What must be read to check a range, so a tool asks each back end once: the spans from before the range
// (the rest that ends on its first day, the weekly rest that reaches into its first week, the reference
// period of an average) to after it (a span that begins on its last day and runs past midnight, the
// last week begun in it, and the rest that reaches out of that week).
import type { WorkingTimeRules } from '../../contract/working-time.ts';
import { addDays, isoWeekday, localDate, startOfLocalDay } from '../time.ts';
import { referenceStart } from './averages.ts';
import { RULE_SETS } from './rule-sets.ts';

export interface WorkingTimeReads {
  /** Read every connection's worked spans over [start, end) (the tracker's workSpans). */
  spans: { start: number; end: number };
  /** Read the work plan and the leave of these days, both included (what time_report reads for its targets). */
  calendar: { from: string; to: string };
}

/**
 * Two days cover what any rule looks back on from a range's first day: the day before's work, whose end
 * begins the first day's rest, and the 36 hours of weekly rest the longest set asks for, which may begin
 * before the range's first Monday.
 */
const DAYS_BEFORE = 2;
/** Two days after the range's last week hold the end of a weekly rest that begins on its Sunday. */
const DAYS_AFTER_WEEK = 2;

/** The reads `workingTime` needs for [from, to] under the rules, today being `now`'s day in the zone. */
export function workingTimeReads(rules: WorkingTimeRules, from: string, to: string, zone: string, now: number): WorkingTimeReads {
  if (rules === 'off') {
    // The days' lines alone: the day before gives the first day its rest, the day after the last day's span across midnight.
    return { spans: { start: startOfLocalDay(addDays(from, -1), zone), end: startOfLocalDay(addDays(to, 2), zone) }, calendar: { from, to } };
  }
  const averageFrom = averageChecked(rules, from, to, zone, now);
  const calendarFrom = averageFrom !== null && averageFrom < from ? averageFrom : from;
  // The day before the reference period too: a stretch that began then and runs into it is that day's.
  const spansFrom = averageFrom !== null && addDays(averageFrom, -1) < addDays(from, -DAYS_BEFORE) ? addDays(averageFrom, -1) : addDays(from, -DAYS_BEFORE);
  const lastSunday = addDays(to, 7 - isoWeekday(to));
  return {
    spans: { start: startOfLocalDay(spansFrom, zone), end: startOfLocalDay(addDays(lastSunday, DAYS_AFTER_WEEK + 1), zone) },
    calendar: { from: calendarFrom, to },
  };
}

/** The day an average is checked on: the range's last day, or today where the range runs on past it; null when that is before the range. */
export function averageDay(from: string, to: string, today: string): string | null {
  const last = to < today ? to : today;
  return last < from ? null : last;
}

/** The first day of the reference period checked for [from, to], or null where none is. */
function averageChecked(rules: Exclude<WorkingTimeRules, 'off'>, from: string, to: string, zone: string, now: number): string | null {
  const last = averageDay(from, to, localDate(now, zone));
  return last === null ? null : referenceStart(RULE_SETS[rules], last);
}
