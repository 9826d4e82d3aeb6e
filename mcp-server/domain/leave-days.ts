// How much leave a request costs and how much work a period asks for. Both depend on the person's
// working days (work-plan.ts: target hours, public holidays, half holidays) and on half days of
// leave, and on nothing else.
import { MAX_LEAVE_DAYS } from './call-limits.ts';
import { daysBetween, eachDate, isValidDate } from './time.ts';
import type { LeaveRangeProblem } from '../contract/outcomes/leave.ts';
import type { WorkWeek } from '../contract/settings.ts';
import { type DayPlan, workShare } from './work-plan.ts';

/** Target hours per weekday; a day with 0 hours is not a working day. */
export type { WorkWeek };
import type { DayPart } from '../contract/vocabulary.ts';

export { DAY_PARTS, type DayPart } from '../contract/vocabulary.ts';

export type LeaveRange = {
  firstDay: string;
  lastDay: string;
  /** A request may start at midday... */
  firstDayPart: 'full' | 'afternoon';
  /** ...and end at midday. */
  lastDayPart: 'full' | 'morning';
};
export type LeaveDay = { date: string; part: DayPart; counts: number; reason?: 'weekend' | 'holiday' };
/** The days counted, or what keeps them from being counted: a refusal's code and facts (contract/outcomes/leave.ts words it). */
export type LeaveDays = { ok: true; workingDays: number; days: LeaveDay[] } | { ok: false; problem: LeaveRangeProblem };
export type { LeaveRangeProblem };

/**
 * Every calendar day of a leave request with what it costs: 1 for a working day, 0.5 for a half
 * day at either end or a half holiday, 0 for days off (reason 'weekend', meaning any day with no
 * target hours) and public holidays. A day that is both off and a holiday is reported as 'weekend':
 * it would cost nothing even without the holiday.
 */
export function leaveDays(input: LeaveRange, plan: DayPlan): LeaveDays {
  const problem = leaveRangeProblem(input);
  if (problem) return { ok: false, problem };

  const days = eachDate(input.firstDay, input.lastDay).map((date): LeaveDay => {
    const part = partOn(input, date);
    const planned = plan(date);
    const share = workShare(planned);
    if (planned.dayOff) return { date, part, counts: 0, reason: 'weekend' };
    if (share === 0) return { date, part, counts: 0, reason: 'holiday' };
    return { date, part, counts: Math.min(share, part === 'full' ? 1 : 0.5) };
  });
  const workingDays = days.reduce((sum, day) => sum + day.counts, 0);
  return { ok: true, workingDays, days };
}

/** Whether two requests share time: any common day, unless one takes its morning and the other its afternoon. */
export function rangesOverlap(a: LeaveRange, b: LeaveRange): boolean {
  const from = a.firstDay > b.firstDay ? a.firstDay : b.firstDay;
  const to = a.lastDay < b.lastDay ? a.lastDay : b.lastDay;
  if (from > to) return false;
  if (from < to) return true;
  return partsOverlap(partOn(a, from), partOn(b, from));
}

/** Whether two bookings of the same day collide: only a morning and an afternoon fit together. */
export function partsOverlap(a: DayPart, b: DayPart): boolean {
  return !((a === 'morning' && b === 'afternoon') || (a === 'afternoon' && b === 'morning'));
}

/**
 * Minutes of work expected over [from, to] (both included; 0 when to is before from): each day's
 * target (holidays already out), less by the share of the day's work taken as leave. `leave` holds
 * the days counted of leave per date (a half day on a half holiday takes all of what is left).
 */
export function targetMinutes(from: string, to: string, plan: DayPlan, leave: ReadonlyMap<string, number>): number {
  let minutes = 0;
  for (const date of eachDate(from, to)) {
    const planned = plan(date);
    const share = workShare(planned);
    if (share === 0) continue;
    const onLeave = Math.min(1, Math.max(0, (leave.get(date) ?? 0) / share));
    minutes += planned.targetMinutes * (1 - onLeave);
  }
  // Hours such as 7.7 are not exact in binary; the total is what people compare, so round once.
  return Math.round(minutes);
}

/**
 * What keeps a request's days from being counted at all (not a real date, the wrong order, too long,
 * a day that ends before it starts), as a refusal's code and facts, or undefined. Cheap, so callers
 * check it before fetching a plan that grows with the range.
 */
export function leaveRangeProblem(input: LeaveRange): LeaveRangeProblem | undefined {
  for (const [which, date] of [
    ['first', input.firstDay],
    ['last', input.lastDay],
  ] as const) {
    if (!isValidDate(date)) return { code: 'leave_day_not_real', facts: { which, date } };
  }
  if (input.lastDay < input.firstDay) return { code: 'leave_days_reversed', facts: { first_day: input.firstDay, last_day: input.lastDay } };
  const length = daysBetween(input.firstDay, input.lastDay) + 1;
  if (length > MAX_LEAVE_DAYS) return { code: 'leave_range_too_long', facts: { days: length, limit: MAX_LEAVE_DAYS } };
  if (input.firstDay === input.lastDay && input.firstDayPart === 'afternoon' && input.lastDayPart === 'morning') {
    return { code: 'leave_half_day_both_parts', facts: {} };
  }
  return undefined;
}

function partOn(input: LeaveRange, date: string): DayPart {
  if (date === input.firstDay && input.firstDayPart === 'afternoon') return 'afternoon';
  if (date === input.lastDay && input.lastDayPart === 'morning') return 'morning';
  return 'full';
}
