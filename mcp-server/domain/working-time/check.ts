// A range's working time as the law counts it: the days, what the set's rules find, and the totals.
// Pure: the tool reads the spans, plan and leave that workingTimeReads names (every connection's spans
// together, or one connection's for one employer's view) and hands them here. A finding never changes
// a record or stops a write; it is the person's and their lead's to act on.
import {
  WORKING_TIME_FINDING_CODES,
  type WorkingTimeDay,
  type WorkingTimeFinding,
  type WorkingTimeRules,
  type WorkingTimeTotals,
} from '../../contract/working-time.ts';
import { eachDate, formatInstant, isoWeekday, localDate } from '../time.ts';
import { averageOver } from './averages.ts';
import { dayTarget, publicHoliday, type WorkCalendar } from './calendar.ts';
import { dayFindings, sundayOrHolidayFinding } from './day-rules.ts';
import { averageDay, workingTimeReads } from './reads.ts';
import { breakBlockMinutes, RULE_SETS } from './rule-sets.ts';
import { type CountedSpan, MINUTE_MS, minutesOf } from './spans.ts';
import { type Timeline, timelineOf } from './timeline.ts';
import { weeklyRestShort, weekOverMax } from './week-rules.ts';

export interface WorkingTimeInput {
  rules: WorkingTimeRules;
  /** The person's zone: days, Sundays and nights are its wall clock's. */
  zone: string;
  /** The range asked, both days included. */
  from: string;
  to: string;
  now: number;
  /** The worked spans over workingTimeReads' `spans`, a running one ending now; agents' own are left out here. */
  spans: readonly CountedSpan[];
  /** The plan and leave over workingTimeReads' `calendar`. */
  calendar: WorkCalendar;
}

export interface WorkingTimeAnswer {
  rules: WorkingTimeRules;
  from: string;
  to: string;
  days: WorkingTimeDay[];
  findings: WorkingTimeFinding[];
  totals: WorkingTimeTotals;
}

export function workingTime(input: WorkingTimeInput): WorkingTimeAnswer {
  const { rules, zone, from, to, now, calendar } = input;
  const timeline = timelineOf(input.spans, zone, breakBlockMinutes(rules));
  const today = localDate(now, zone);
  const findings = rules === 'off' ? [] : findingsOf(input, timeline, today);
  const days = eachDate(from, to).map((date) => dayLine(date, timeline, calendar, zone, findings));
  return { rules, from, to, days, findings, totals: totalsOf(days, timeline, calendar, today) };
}

function findingsOf(input: WorkingTimeInput, timeline: Timeline, today: string): WorkingTimeFinding[] {
  const { zone, from, to, now, calendar } = input;
  const set = RULE_SETS[input.rules as Exclude<WorkingTimeRules, 'off'>];
  const read = workingTimeReads(input.rules, from, to, zone, now).spans;
  const findings: WorkingTimeFinding[] = [];
  for (const date of eachDate(from, to)) {
    findings.push(...dayFindings(timeline.day(date), set, zone));
    const holidayWork = sundayOrHolidayFinding(date, timeline.calendarDay(date), set, calendar);
    if (holidayWork) findings.push(holidayWork);
    if (isoWeekday(date) !== 1) continue;
    for (const found of [weekOverMax(date, timeline, set), weeklyRestShort(date, timeline, set, zone, now, read)]) if (found) findings.push(found);
  }
  const last = averageDay(from, to, today);
  const average = last === null ? null : averageOver(last, timeline, set, calendar);
  if (average) findings.push(average);
  return findings.sort(inOrder);
}

const CODE_ORDER = new Map(WORKING_TIME_FINDING_CODES.map((code, index) => [code, index]));

/** By date, then in the codes' order, then (two stretches of a day) by start. */
function inOrder(a: WorkingTimeFinding, b: WorkingTimeFinding): number {
  if (a.date !== b.date) return a.date < b.date ? -1 : 1;
  const byCode = (CODE_ORDER.get(a.code) ?? 0) - (CODE_ORDER.get(b.code) ?? 0);
  if (byCode !== 0) return byCode;
  return 'start' in a && 'start' in b ? Date.parse(a.start) - Date.parse(b.start) : 0;
}

function dayLine(date: string, timeline: Timeline, calendar: WorkCalendar, zone: string, findings: readonly WorkingTimeFinding[]): WorkingTimeDay {
  const work = timeline.day(date);
  const first = work.stretches[0];
  const last = work.stretches.at(-1);
  const holiday = calendar.plan(date).holiday;
  const leave = calendar.leave.get(date);
  return {
    date,
    start: first ? formatInstant(first.start, zone) : null,
    end: last ? formatInstant(last.end, zone) : null,
    worked_minutes: minutesOf(work.workedMs),
    break_minutes: minutesOf(work.breakMs),
    rest_before_minutes: work.restBefore ? Math.floor(work.restBefore.ms / MINUTE_MS) : null,
    target_minutes: dayTarget(calendar, date),
    ...(holiday === null ? {} : { holiday }),
    ...(leave && leave.days > 0 ? { leave: leave.type } : {}),
    findings: [...new Set(findings.filter((finding) => finding.date === date).map((finding) => finding.code))],
  };
}

/**
 * The range's totals: its days' minutes added up as the days show them; Sunday, holiday and night
 * minutes by the calendar day they fall on; overtime against the target of the days up to today.
 */
function totalsOf(days: readonly WorkingTimeDay[], timeline: Timeline, calendar: WorkCalendar, today: string): WorkingTimeTotals {
  let worked = 0;
  let target = 0;
  let targetSoFar = 0;
  let sundayHoliday = 0;
  let night = 0;
  for (const day of days) {
    const onCalendar = timeline.calendarDay(day.date);
    worked += day.worked_minutes;
    target += day.target_minutes;
    if (day.date <= today) targetSoFar += day.target_minutes;
    if (isoWeekday(day.date) === 7 || publicHoliday(calendar, day.date) !== null) sundayHoliday += minutesOf(onCalendar.ms);
    night += minutesOf(onCalendar.nightMs);
  }
  return {
    worked_minutes: worked,
    target_minutes: target,
    overtime_minutes: worked - targetSoFar,
    sunday_holiday_minutes: sundayHoliday,
    night_minutes: night,
  };
}
