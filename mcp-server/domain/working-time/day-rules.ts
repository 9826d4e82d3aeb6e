// The rules of one day: the rest before it, its maximum, its breaks, its stretches of work in a row,
// and work on a Sunday or public holiday. Each applies a rule set's numbers (rule-sets.ts) to a day of
// the timeline (timeline.ts) and says what it found as a finding's facts.
import type { WorkingTimeFinding } from '../../contract/working-time.ts';
import { formatInstant, isoWeekday } from '../time.ts';
import { publicHoliday, type WorkCalendar } from './calendar.ts';
import type { RuleSet } from './rule-sets.ts';
import { MINUTE_MS, minutesOf, trackerList } from './spans.ts';
import type { CalendarDay, DayWork } from './timeline.ts';

/** The findings of the day's own work, in the order of WORKING_TIME_FINDING_CODES. */
export function dayFindings(day: DayWork, set: RuleSet, zone: string): WorkingTimeFinding[] {
  const findings: WorkingTimeFinding[] = [];
  const { date } = day;
  const rest = day.restBefore;
  // A rest is short by the millisecond; its minutes are whole ones gone by, so a short rest never shows 660.
  if (rest && rest.ms < set.restMinutes * MINUTE_MS) {
    findings.push({
      code: 'wt_rest_short',
      date,
      end: formatInstant(rest.end, zone),
      next_start: formatInstant(rest.nextStart, zone),
      rest_minutes: Math.floor(rest.ms / MINUTE_MS),
      required_minutes: set.restMinutes,
      ...trackerList(rest.counted),
    });
  }
  const worked = minutesOf(day.workedMs);
  const counted = [...day.stretches.flatMap((stretch) => stretch.intervals), ...day.untimed];
  if (set.dayMaxMinutes !== null && worked > set.dayMaxMinutes) {
    findings.push({ code: 'wt_day_over_max', date, worked_minutes: worked, max_minutes: set.dayMaxMinutes, ...trackerList(counted) });
  }
  const required = requiredBreak(set, worked);
  const taken = minutesOf(day.breakMs);
  // An entry without times shows no breaks: the day cannot be said to lack them.
  if (day.untimed.length === 0 && taken < required) {
    findings.push({ code: 'wt_break_short', date, worked_minutes: worked, break_minutes: taken, required_minutes: required, ...trackerList(counted) });
  }
  if (set.stretchMaxMinutes !== null) {
    for (const stretch of day.stretches) {
      const minutes = minutesOf(stretch.end - stretch.start);
      if (minutes <= set.stretchMaxMinutes) continue;
      const range = { start: formatInstant(stretch.start, zone), end: formatInstant(stretch.end, zone) };
      findings.push({ code: 'wt_stretch_over_max', date, ...range, minutes, ...trackerList(stretch.intervals) });
    }
  }
  return findings;
}

/** The break a day's work of `workedMinutes` requires under the set: the longest of those whose threshold it is over. */
export function requiredBreak(set: RuleSet, workedMinutes: number): number {
  return set.breaks.reduce((required, rule) => (workedMinutes > rule.overMinutes ? Math.max(required, rule.breakMinutes) : required), 0);
}

/** Work on a Sunday or public holiday, counted from 0 to 24 h of that calendar day; null where the set allows it or there is none. */
export function sundayOrHolidayFinding(date: string, work: CalendarDay, set: RuleSet, calendar: WorkCalendar): WorkingTimeFinding | null {
  if (!set.sundayAndHolidays) return null;
  const holiday = publicHoliday(calendar, date);
  const worked = minutesOf(work.ms);
  if ((holiday === null && isoWeekday(date) !== 7) || worked === 0) return null;
  return { code: 'wt_sunday_or_holiday', date, worked_minutes: worked, ...(holiday === null ? {} : { holiday }), ...trackerList(work.counted) };
}
