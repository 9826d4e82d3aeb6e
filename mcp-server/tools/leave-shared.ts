// Leave arithmetic the leave, calendar and report tools share.
import { leaveDays, type LeaveRange } from '../domain/leave-days.ts';
import type { DayPlan } from '../domain/work-plan.ts';
import { takesTime } from '../domain/leave-tally.ts';
import type { LeaveRequest } from '../providers/time-tracker.ts';
import type { LeaveOutput } from '../contract/tools/outputs.ts';
import { outside, say, type Sentence } from '../contract/outcomes/sentence.ts';

export function presentLeave(request: LeaveRequest): LeaveOutput {
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

/** `#12 vacation 2026-12-21 to 2026-12-24 (4 days, pending)`; a kind of the back end's own (`"Sick day of a child"`) as its words. */
export function leaveLabel(request: LeaveRequest): Sentence {
  const span = request.firstDay === request.lastDay ? request.firstDay : `${request.firstDay} to ${request.lastDay}`;
  const kind = request.kind === undefined ? request.type : outside(request.kind);
  return say`#${request.id} ${kind} ${span} (${request.days} ${request.days === 1 ? 'day' : 'days'}, ${request.status})`;
}

/** The kind of leave each date takes, of the active requests (the first one's where several meet). */
export function leaveTypesByDay(requests: readonly LeaveRequest[], plan: DayPlan): Map<string, LeaveRequest['type']> {
  const types = new Map<string, LeaveRequest['type']>();
  for (const request of requests.filter(takesTime)) {
    for (const day of leaveDayList(request, plan)) if (day.counts > 0 && !types.has(day.date)) types.set(day.date, request.type);
  }
  return types;
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
