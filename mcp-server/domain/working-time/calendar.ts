// The days as time_report knows them: each day's target, its public holiday and the leave it takes,
// from the person's work plan (work-plan.ts, the settings' or the back end's) and their leave.
import type { LeaveType } from '../../contract/vocabulary.ts';
import { targetMinutes } from '../leave-days.ts';
import type { DayPlan } from '../work-plan.ts';

/** The leave a day takes: its kind, and the days of leave it counts (0.5 for a half day). */
export interface DayLeave {
  type: LeaveType;
  days: number;
}

export interface WorkCalendar {
  plan: DayPlan;
  leave: ReadonlyMap<string, DayLeave>;
}

/**
 * The public holiday the law protects on the day, by name, or null. A half holiday (Christmas Eve's
 * afternoon in some calendars) lowers the day's target but is no public holiday of the law.
 */
export function publicHoliday(calendar: WorkCalendar, date: string): string | null {
  const day = calendar.plan(date);
  return day.holiday !== null && !day.halfHoliday ? day.holiday : null;
}

/** Whether the day is left out of averages: a day of leave (any part of it) or a public holiday. */
export function leftOutOfAverages(calendar: WorkCalendar, date: string): boolean {
  return (calendar.leave.get(date)?.days ?? 0) > 0 || publicHoliday(calendar, date) !== null;
}

/** The day's target as time_report counts it: the plan's, less the share of it taken as leave. */
export function dayTarget(calendar: WorkCalendar, date: string): number {
  const leave = calendar.leave.get(date);
  return targetMinutes(date, date, calendar.plan, new Map(leave ? [[date, leave.days]] : []));
}

/**
 * The one calendar of connections that share the settings' week (domain/shared-week.ts): the week and its holidays
 * are the same for each, and each day takes the most leave any of them records, so its target is the least of
 * theirs (a day off in one is a day off of the week they share).
 */
export function sharedCalendar(calendars: readonly WorkCalendar[]): WorkCalendar {
  const [first] = calendars;
  if (first === undefined) throw new Error('a shared calendar needs at least one');
  const leave = new Map<string, DayLeave>();
  for (const calendar of calendars) {
    for (const [date, taken] of calendar.leave) {
      if (taken.days > (leave.get(date)?.days ?? 0)) leave.set(date, taken);
    }
  }
  return { plan: first.plan, leave };
}
