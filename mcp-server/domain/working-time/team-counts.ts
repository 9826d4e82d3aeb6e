// What a lead sees of a colleague's working time (team_report): the findings of the range counted by code, from
// the spans the report already read for it and nothing more. So only the rules that range's own entries can
// decide are counted: a day's (its maximum, breaks, work in a row, the rest between two of its days, Sunday and
// holiday work) and a week's maximum. The weekly rest needs the rests that reach in from the week before and out
// into the next, and the averages 17 or 24 weeks of history: neither is counted here (docs/working-time.md).
import type { RuleSetName, WorkingTimeFinding, WorkingTimeFindingCode } from '../../contract/working-time.ts';
import { eachDate, isoWeekday } from '../time.ts';
import type { WorkCalendar } from './calendar.ts';
import { dayFindings, sundayOrHolidayFinding } from './day-rules.ts';
import { breakBlockMinutes, RULE_SETS } from './rule-sets.ts';
import type { CountedSpan } from './spans.ts';
import { timelineOf } from './timeline.ts';
import { weekOverMax } from './week-rules.ts';

export type FindingCounts = Partial<Record<WorkingTimeFindingCode, number>>;

export interface TeamCountsInput {
  rules: RuleSetName;
  zone: string;
  /** The range, both days included. */
  from: string;
  to: string;
  /** The colleague's spans that start or run inside the range, a running one ending now. */
  spans: readonly CountedSpan[];
  /** The plan of the range (its public holidays); no leave, which the report does not read. */
  calendar: WorkCalendar;
}

/** The findings the range's own spans support, counted by code; `{}` where there are none. */
export function teamFindingCounts(input: TeamCountsInput): FindingCounts {
  const set = RULE_SETS[input.rules];
  const timeline = timelineOf(input.spans, input.zone, breakBlockMinutes(input.rules));
  const findings: WorkingTimeFinding[] = [];
  for (const date of eachDate(input.from, input.to)) {
    // The rest before the range's first work is not known (no work before it was read), and so never found short.
    findings.push(...dayFindings(timeline.day(date), set, input.zone));
    const holidayWork = sundayOrHolidayFinding(date, timeline.calendarDay(date), set, input.calendar);
    if (holidayWork) findings.push(holidayWork);
    // A week's maximum from the work of its days in the range: a week the range cuts short counts less, never more.
    const week = isoWeekday(date) === 1 ? weekOverMax(date, timeline, set) : null;
    if (week) findings.push(week);
  }
  const counts: FindingCounts = {};
  for (const { code } of findings) counts[code] = (counts[code] ?? 0) + 1;
  return counts;
}
