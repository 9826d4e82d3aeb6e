// Leave arithmetic the leave, calendar and report tools share.
import * as z from 'zod/v4';
import { leaveDays, type LeaveRange } from '../domain/leave-days.ts';
import type { DayPlan } from '../domain/work-plan.ts';
import { takesTime } from '../domain/leave-tally.ts';
import { LEAVE_STATUSES, LEAVE_TYPES, type LeaveRequest } from '../providers/time-tracker.ts';

export const leaveOutput = z.object({
  id: z.int(),
  type: z.enum(LEAVE_TYPES),
  /** The back end's own name of the type, where it says more than `type`. */
  kind: z.string().optional(),
  /** Work somewhere else (a home-office day): the day keeps its target hours and costs no leave. */
  working_elsewhere: z.boolean().optional(),
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
    ...(request.kind ? { kind: request.kind } : {}),
    ...(request.workingElsewhere ? { working_elsewhere: true } : {}),
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
  return `#${request.id} ${request.kind ?? request.type} ${span} (${request.days} ${request.days === 1 ? 'day' : 'days'}, ${request.status})`;
}

/** The days of leave counted per date across the active requests (at most a day's worth each). */
export function leaveFractions(requests: readonly LeaveRequest[], plan: DayPlan): Map<string, number> {
  const fractions = new Map<string, number>();
  for (const request of requests.filter(takesTime)) {
    for (const day of leaveDayList(request, plan)) {
      fractions.set(day.date, Math.min(1, (fractions.get(day.date) ?? 0) + day.counts));
    }
  }
  return fractions;
}

/** Every calendar day of a request with the working-day share it costs. */
export function leaveDayList(request: LeaveRange, plan: DayPlan) {
  const result = leaveDays(
    { firstDay: request.firstDay, lastDay: request.lastDay, firstDayPart: request.firstDayPart, lastDayPart: request.lastDayPart },
    plan,
  );
  return result.ok ? result.days : [];
}
