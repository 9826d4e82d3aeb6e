// The average over a reference period: the set's weeks ending with the day checked, per Mon–Sat working
// day (de) or per seven days (eu, at). Days of leave and public holidays are left out day by day,
// neither counted nor divided by (for public holidays under eu this errs toward saying: Article 16(b)
// of the Directive leaves out only leave and sick leave).
import type { WorkingTimeFinding } from '../../contract/working-time.ts';
import { addDays, eachDate, isoWeekday } from '../time.ts';
import { leftOutOfAverages, type WorkCalendar } from './calendar.ts';
import type { RuleSet } from './rule-sets.ts';
import { minutesOf, trackerList } from './spans.ts';
import type { Timeline } from './timeline.ts';

/** The first day of the set's reference period that ends with `last`, or null where the set has no average. */
export function referenceStart(set: RuleSet, last: string): string | null {
  return set.average === null ? null : addDays(last, 1 - set.average.weeks * 7);
}

/** The set's average over the period ending with `last`, where it is over the limit; null otherwise. */
export function averageOver(last: string, timeline: Timeline, set: RuleSet, calendar: WorkCalendar): WorkingTimeFinding | null {
  const first = referenceStart(set, last);
  if (set.average === null || first === null) return null;
  const counted = eachDate(first, last)
    .filter((date) => !leftOutOfAverages(calendar, date))
    .map((date) => ({ date, work: timeline.day(date) }));
  // de divides by the working days (Werktage, Monday to Saturday), though a Sunday's work counts toward
  // the total (section 11(2) ArbZG applies section 3 to it); eu and at by the weeks the counted days make.
  const divisor = set.average.per === 'working_day' ? counted.filter(({ date }) => isoWeekday(date) !== 7).length : counted.length / 7;
  if (divisor === 0) return null;
  const total = counted.reduce((sum, { work }) => sum + work.workedMs, 0);
  const average = minutesOf(total / divisor);
  if (average <= set.average.limitMinutes) return null;
  return {
    code: 'wt_average_over',
    date: last,
    average_minutes: average,
    limit_minutes: set.average.limitMinutes,
    from: first,
    to: last,
    per: set.average.per,
    ...trackerList(counted.flatMap(({ work }) => [...work.stretches.flatMap((stretch) => stretch.intervals), ...work.untimed])),
  };
}
