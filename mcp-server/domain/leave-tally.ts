// How a range's leave adds up on the person's plan: which requests still take time, a request cut to
// a range, and the days of vacation taken (before today) and planned (today on) with the days of every
// other type. One count for the local timesheet and for the back ends that say only part of it
// (Clockodo the entitlement, Calamari what is left). Pure.
import type { LeaveRequest, LeaveStatus, LeaveType } from './records.ts';
import { leaveDays, type LeaveRange } from './leave-days.ts';
import type { DayPlan } from './work-plan.ts';

/** Requests that still stand: cancelled and rejected ones take no days. */
export function isActive(request: { status: LeaveStatus }): boolean {
  return request.status === 'approved' || request.status === 'pending';
}

/** Requests that take working time: standing ones, but not work somewhere else (a home-office day). */
export function takesTime(request: { status: LeaveStatus; workingElsewhere?: boolean | undefined }): boolean {
  return isActive(request) && request.workingElsewhere !== true;
}

/**
 * The part of a request inside [from, to], or undefined when none is: a day cut off at either end
 * leaves a whole day there (the half belonged to the day outside).
 */
export function clipLeave<T extends LeaveRange>(request: T, from: string, to: string): T | undefined {
  if (request.lastDay < from || request.firstDay > to) return undefined;
  return {
    ...request,
    ...(request.firstDay < from ? { firstDay: from, firstDayPart: 'full' } : {}),
    ...(request.lastDay > to ? { lastDay: to, lastDayPart: 'full' } : {}),
  };
}

export interface LeaveTally {
  /** Vacation days before `today`, and from `today` on. */
  taken: number;
  planned: number;
  /** Days per leave type other than vacation. */
  other: Partial<Record<Exclude<LeaveType, 'vacation'>, number>>;
}

/** The working days the requests that take time cost inside [from, to] (the plan must cover it). */
export function tallyLeave(
  requests: ReadonlyArray<Pick<LeaveRequest, 'type' | 'status' | 'workingElsewhere'> & LeaveRange>,
  plan: DayPlan,
  range: { from: string; to: string; today: string },
): LeaveTally {
  const tally: LeaveTally = { taken: 0, planned: 0, other: {} };
  for (const request of requests.filter(takesTime)) {
    const inside = clipLeave(request, range.from, range.to);
    const counted = inside && leaveDays(inside, plan);
    if (!counted?.ok) continue;
    for (const day of counted.days) {
      if (day.counts === 0) continue;
      if (request.type !== 'vacation') tally.other[request.type] = (tally.other[request.type] ?? 0) + day.counts;
      else if (day.date < range.today) tally.taken += day.counts;
      else tally.planned += day.counts;
    }
  }
  return tally;
}
