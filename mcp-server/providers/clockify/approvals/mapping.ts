// Clockify's approval requests as Punchcard's submissions, pure (docs/back-ends/clockify.md, "Timesheet
// approvals"): the period a request's days make, and its tracked time; its days and its state are read as the
// person's approved periods are (../mapping.ts). Nothing here asks Clockify anything.
import type { ApprovalPeriod, DaySpan, TimesheetSubmission } from '../../../domain/approvals.ts';
import { addDays } from '../../../domain/time.ts';
import { requestPeriod } from '../mapping.ts';
import type { ClockifyApprovalRequest } from '../wire.ts';
import type { ClockifyApprovalPeriod } from './endpoints.ts';

export const CLOCKIFY_PERIOD: Readonly<Record<ApprovalPeriod, ClockifyApprovalPeriod>> = { week: 'WEEKLY', semi_month: 'SEMI_MONTHLY', month: 'MONTHLY' };
export const PERIOD_OF: Readonly<Record<ClockifyApprovalPeriod, ApprovalPeriod>> = { WEEKLY: 'week', SEMI_MONTHLY: 'semi_month', MONTHLY: 'month' };
/** The order in which an unknown period is tried: Clockify's default first (docs/back-ends/clockify.md). */
export const PERIODS_TRIED: readonly ClockifyApprovalPeriod[] = ['WEEKLY', 'SEMI_MONTHLY', 'MONTHLY'];

const WEEKDAYS: Readonly<Record<string, number>> = { MONDAY: 1, TUESDAY: 2, WEDNESDAY: 3, THURSDAY: 4, FRIDAY: 5, SATURDAY: 6, SUNDAY: 7 };

/** 1 (Monday) … 7 (Sunday) for Clockify's day name; undefined for anything else. */
export function weekdayNumber(name: string | null | undefined): number | undefined {
  return name ? WEEKDAYS[name.trim().toUpperCase()] : undefined;
}

/** The period a span of days is: seven days a week, the 1st to the 15th or the 16th to the month's end a half-month, a whole month a month. */
export function periodOfDays(span: DaySpan): ClockifyApprovalPeriod | undefined {
  const first = Number(span.firstDay.slice(8, 10));
  const last = Number(span.lastDay.slice(8, 10));
  const sameMonth = span.firstDay.slice(0, 7) === span.lastDay.slice(0, 7);
  const monthEnds = addDays(span.lastDay, 1).slice(8, 10) === '01';
  if (addDays(span.firstDay, 6) === span.lastDay) return 'WEEKLY';
  if (sameMonth && first === 1 && monthEnds) return 'MONTHLY';
  if (sameMonth && ((first === 1 && last === 15) || (first === 16 && monthEnds))) return 'SEMI_MONTHLY';
  return undefined;
}

/** Seconds of an ISO 8601 duration ('PT7H30M', 'P1DT2H'); null for anything else. */
export function durationSeconds(text: string | null | undefined): number | null {
  if (typeof text !== 'string') return null;
  const match = /^P(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/i.exec(text.trim());
  if (!match || match.slice(1).every((part) => part === undefined)) return null;
  return Math.round(Number(match[1] ?? 0) * 86_400 + Number(match[2] ?? 0) * 3600 + Number(match[3] ?? 0) * 60 + Number(match[4] ?? 0));
}

/**
 * A request as a submission, its state as Clockify answered it (or `state` where an answer showed it
 * otherwise); undefined where it lacks what a submission needs (an id, an owner, its days, a state).
 */
export function submissionOf(request: ClockifyApprovalRequest, trackedTime?: string | null, state?: string): TimesheetSubmission | undefined {
  const known = requestPeriod(request, state);
  if (!known) return undefined;
  const { personId, status, firstDay, lastDay } = known;
  const period = periodOfDays({ firstDay, lastDay });
  const note = request.status?.note?.trim();
  const decided = status !== 'pending' && request.status?.updatedBy !== personId ? request.status?.updatedByUserName?.trim() : undefined;
  return {
    id: request.id as string,
    person: request.owner?.userName?.trim() || 'someone',
    personId,
    firstDay,
    lastDay,
    period: period ? PERIOD_OF[period] : 'week',
    status,
    trackedSeconds: durationSeconds(trackedTime),
    note: note ? note : null,
    decidedBy: decided ? decided : null,
  };
}
