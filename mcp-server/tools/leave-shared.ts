// Leave arithmetic the leave, calendar and report tools share.
import * as z from 'zod/v4';
import { leaveDays } from '../domain/leave-days.ts';
import type { WorkWeek } from '../contract/settings.ts';
import { LEAVE_STATUSES, LEAVE_TYPES, type LeaveRequest } from '../providers/time-tracker.ts';

export const leaveOutput = z.object({
  id: z.int(),
  type: z.enum(LEAVE_TYPES),
  first_day: z.string(),
  last_day: z.string(),
  first_day_part: z.enum(['full', 'afternoon']),
  last_day_part: z.enum(['full', 'morning']),
  days: z.number(),
  status: z.enum(LEAVE_STATUSES),
  comment: z.string(),
});

export function presentLeave(request: LeaveRequest): z.infer<typeof leaveOutput> {
  return {
    id: request.id,
    type: request.type,
    first_day: request.firstDay,
    last_day: request.lastDay,
    first_day_part: request.firstDayPart,
    last_day_part: request.lastDayPart,
    days: request.days,
    status: request.status,
    comment: request.comment,
  };
}

export function leaveLabel(request: LeaveRequest): string {
  const span = request.firstDay === request.lastDay ? request.firstDay : `${request.firstDay} to ${request.lastDay}`;
  return `#${request.id} ${request.type} ${span} (${request.days} ${request.days === 1 ? 'day' : 'days'}, ${request.status})`;
}

/** Requests that still stand: cancelled and rejected ones take no days. */
export function isActive(request: LeaveRequest): boolean {
  return request.status === 'approved' || request.status === 'pending';
}

/** Each day's share spent on leave (1 or 0.5) across the active requests. */
export function leaveFractions(requests: readonly LeaveRequest[], workWeek: WorkWeek, holidays: ReadonlySet<string>): Map<string, number> {
  const fractions = new Map<string, number>();
  for (const request of requests.filter(isActive)) {
    for (const day of leaveDayList(request, workWeek, holidays)) {
      fractions.set(day.date, Math.min(1, (fractions.get(day.date) ?? 0) + (day.part === 'full' ? 1 : 0.5)));
    }
  }
  return fractions;
}

/** Every calendar day of a request with the working-day share it costs. */
export function leaveDayList(request: LeaveRequest, workWeek: WorkWeek, holidays: ReadonlySet<string>) {
  const result = leaveDays(
    { firstDay: request.firstDay, lastDay: request.lastDay, firstDayPart: request.firstDayPart, lastDayPart: request.lastDayPart },
    workWeek,
    holidays,
  );
  return result.ok ? result.days : [];
}
