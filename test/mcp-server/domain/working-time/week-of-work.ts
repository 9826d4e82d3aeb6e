// What the working-time tests share: spans written as a person's wall clock reads them, a work plan of
// eight hours Monday to Friday, and the engine asked over a range. 2026-11-09 is a Monday.
import type { LeaveType } from '../../../../mcp-server/contract/vocabulary.ts';
import type { WorkingTimeFinding, WorkingTimeFindingCode, WorkingTimeRules } from '../../../../mcp-server/contract/working-time.ts';
import { eachDate, isoWeekday, localDateTimeToEpoch } from '../../../../mcp-server/domain/time.ts';
import { weekPlan } from '../../../../mcp-server/domain/work-plan.ts';
import { type CountedSpan, type DayLeave, type WorkCalendar, type WorkingTimeAnswer, workingTime } from '../../../../mcp-server/domain/working-time/index.ts';

export const BERLIN = 'Europe/Berlin';
export const VIENNA = 'Europe/Vienna';
export const MINUTE = 60_000;

/** The instant a wall clock in the zone reads 'YYYY-MM-DD HH:mm'. */
export function at(local: string, zone = BERLIN): number {
  const [date, time] = local.split(' ') as [string, string];
  return localDateTimeToEpoch(date, time, zone);
}

/** A worked span from one wall-clock time to another (a bare 'HH:mm' end is on the start's day). */
export function span(from: string, to: string, extra: Partial<CountedSpan> = {}, zone = BERLIN): CountedSpan {
  const end = to.includes(' ') ? to : `${from.slice(0, 10)} ${to}`;
  return { start: at(from, zone), end: at(end, zone), ...extra };
}

/** A span of `minutes` from a wall-clock time. */
export function lasting(from: string, minutes: number, extra: Partial<CountedSpan> = {}, zone = BERLIN): CountedSpan {
  const start = at(from, zone);
  return { start, end: start + minutes * MINUTE, ...extra };
}

export const WORK_WEEK = { mon: 8, tue: 8, wed: 8, thu: 8, fri: 8, sat: 0, sun: 0 };

export function calendarOf(holidays: Record<string, string> = {}, leave: Record<string, LeaveType | DayLeave> = {}): WorkCalendar {
  return {
    plan: weekPlan(WORK_WEEK, new Map(Object.entries(holidays))),
    leave: new Map(Object.entries(leave).map(([date, taken]) => [date, typeof taken === 'string' ? { type: taken, days: 1 } : taken])),
  };
}

export interface Asked {
  now?: string;
  zone?: string;
  calendar?: WorkCalendar;
}

/** The engine over [from, to]; `now` long after the range unless given. */
export function check(rules: WorkingTimeRules, from: string, to: string, spans: readonly CountedSpan[], asked: Asked = {}): WorkingTimeAnswer {
  const zone = asked.zone ?? BERLIN;
  return workingTime({ rules, zone, from, to, now: at(asked.now ?? '2027-06-01 12:00', zone), spans, calendar: asked.calendar ?? calendarOf() });
}

/** The findings of one code. */
export function found<C extends WorkingTimeFindingCode>(answer: WorkingTimeAnswer, code: C): Array<Extract<WorkingTimeFinding, { code: C }>> {
  return answer.findings.filter((finding): finding is Extract<WorkingTimeFinding, { code: C }> => finding.code === code);
}

/** A span of `minutes` from `start` on every day of [from, to] whose ISO weekday (1 = Monday) is in `weekdays`. */
export function everyDay(from: string, to: string, weekdays: readonly number[], start: string, minutes: number, zone = BERLIN): CountedSpan[] {
  return eachDate(from, to)
    .filter((date) => weekdays.includes(isoWeekday(date)))
    .map((date) => lasting(`${date} ${start}`, minutes, {}, zone));
}
