// A person's working days: what each day asks for, before any leave. The settings make one from a
// work week and a holiday region; a back end that keeps the person's targets and non-business days
// (Clockodo, Calamari) hands in its own. Reports, leave counting and the calendar read only this, so
// they agree with whichever side keeps the truth.
import type { WorkWeek } from '../contract/settings.ts';
import { eachDate, isoWeekday } from './time.ts';

export interface PlannedDay {
  date: string;
  /** Minutes of work the day asks for, a holiday already taken off (a half holiday halves them); leave is not. */
  targetMinutes: number;
  /** Not a working day by the person's week: a weekend, or any weekday with no target hours. */
  dayOff: boolean;
  /** The public holiday, or the back end's non-business day, on this date, by name. */
  holiday: string | null;
  /** The holiday takes only half the day (Christmas Eve in some calendars). */
  halfHoliday: boolean;
}

/** Looks a date up; it covers the range it was made for and throws outside it (a caller's mistake). */
export type DayPlan = (date: string) => PlannedDay;

const WEEKDAY_KEYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

/** The target hours of a date's weekday; 0 marks a day off. */
export function hoursOn(date: string, workWeek: WorkWeek): number {
  const key = WEEKDAY_KEYS[isoWeekday(date) - 1] ?? 'mon';
  return workWeek[key];
}

/** The days of [from, to] by the settings: the work week, less the public holidays named in `holidays`. */
export function weekPlanDays(from: string, to: string, workWeek: WorkWeek, holidays: ReadonlyMap<string, string>): PlannedDay[] {
  return eachDate(from, to).map((date) => {
    const hours = Math.max(0, hoursOn(date, workWeek));
    const holiday = holidays.get(date) ?? null;
    return { date, targetMinutes: holiday === null ? hours * 60 : 0, dayOff: hours === 0, holiday, halfHoliday: false };
  });
}

/** A plan over any date from a work week and holiday dates (names unknown): for pure counting. */
export function weekPlan(workWeek: WorkWeek, holidays: ReadonlySet<string> | ReadonlyMap<string, string> = new Set()): DayPlan {
  const named = holidays instanceof Map ? holidays : new Map([...holidays].map((date) => [date, 'public holiday']));
  return (date) => weekPlanDays(date, date, workWeek, named)[0] as PlannedDay;
}

/** The plan of the given days; asking for another date is a mistake in the caller, said loudly. */
export function planOf(days: readonly PlannedDay[]): DayPlan {
  const byDate = new Map(days.map((day) => [day.date, day]));
  return (date) => {
    const day = byDate.get(date);
    if (!day) throw new Error(`The work plan was not fetched for ${date}.`);
    return day;
  };
}

/** How much of a working day the date is: 1, 0.5 on a half holiday, 0 on days off and holidays. */
export function workShare(day: PlannedDay): number {
  if (day.dayOff || (day.holiday !== null && !day.halfHoliday)) return 0;
  return day.holiday === null ? 1 : 0.5;
}

/** Whether the person is expected to work at all that day. */
export function isWorkingDay(day: PlannedDay): boolean {
  return workShare(day) > 0;
}

/** Target hours per weekday, read off a plan's days (the first of each weekday that is not a holiday). */
export function workWeekOf(days: readonly PlannedDay[]): WorkWeek | undefined {
  const week: Partial<WorkWeek> = {};
  for (const day of days) {
    const key = WEEKDAY_KEYS[isoWeekday(day.date) - 1] ?? 'mon';
    if (day.holiday === null && week[key] === undefined) week[key] = day.targetMinutes / 60;
  }
  return WEEKDAY_KEYS.every((key) => week[key] !== undefined) ? (week as WorkWeek) : undefined;
}
