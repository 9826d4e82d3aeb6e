// Clockify's approval requests as Punchcard's submissions, pure (docs/back-ends/clockify.md, "Timesheet
// approvals"): the days a request's date range covers, the period those days make, a request's state in
// Punchcard's words, and its tracked time. Nothing here asks Clockify anything.
import type { ApprovalPeriod, ApprovalStatus, DaySpan, TimesheetSubmission } from '../../../domain/approvals.ts';
import { addDays } from '../../../domain/time.ts';
import type { ClockifyApprovalRequest } from '../wire.ts';
import type { ClockifyApprovalPeriod } from './endpoints.ts';

const DAY_MS = 86_400_000;

export const CLOCKIFY_PERIOD: Readonly<Record<ApprovalPeriod, ClockifyApprovalPeriod>> = { week: 'WEEKLY', semi_month: 'SEMI_MONTHLY', month: 'MONTHLY' };
export const PERIOD_OF: Readonly<Record<ClockifyApprovalPeriod, ApprovalPeriod>> = { WEEKLY: 'week', SEMI_MONTHLY: 'semi_month', MONTHLY: 'month' };
/** The order in which an unknown period is tried: Clockify's default first (docs/back-ends/clockify.md). */
export const PERIODS_TRIED: readonly ClockifyApprovalPeriod[] = ['WEEKLY', 'SEMI_MONTHLY', 'MONTHLY'];

const WEEKDAYS: Readonly<Record<string, number>> = { MONDAY: 1, TUESDAY: 2, WEDNESDAY: 3, THURSDAY: 4, FRIDAY: 5, SATURDAY: 6, SUNDAY: 7 };

/** 1 (Monday) … 7 (Sunday) for Clockify's day name; undefined for anything else. */
export function weekdayNumber(name: string | null | undefined): number | undefined {
  return name ? WEEKDAYS[name.trim().toUpperCase()] : undefined;
}

/**
 * The days a date range covers. Its instants are the period's first and last moment, in UTC or in the
 * owner's zone written in UTC (not documented: either is read alike), so each is taken to the nearest
 * midnight: the first day starts there, and the last day ends there.
 */
export function daysOfRange(range: ClockifyApprovalRequest['dateRange']): DaySpan | undefined {
  const start = Date.parse(range?.start ?? '');
  const end = Date.parse(range?.end ?? '');
  if (Number.isNaN(start) || Number.isNaN(end) || end < start) return undefined;
  const midnight = (ms: number) => Math.round(ms / DAY_MS) * DAY_MS;
  const firstDay = new Date(midnight(start)).toISOString().slice(0, 10);
  const lastDay = new Date(midnight(end + 1000) - DAY_MS).toISOString().slice(0, 10);
  return lastDay < firstDay ? undefined : { firstDay, lastDay };
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

/** A state Clockify names, in Punchcard's words: a withdrawn submission or approval alike is `withdrawn`. */
export function statusOf(state: string | null | undefined): ApprovalStatus | undefined {
  switch (state) {
    case 'PENDING':
      return 'pending';
    case 'APPROVED':
      return 'approved';
    case 'REJECTED':
      return 'rejected';
    case 'WITHDRAWN_APPROVAL':
    case 'WITHDRAWN_SUBMISSION':
      return 'withdrawn';
    default:
      return undefined;
  }
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
  const span = daysOfRange(request.dateRange);
  const status = statusOf(state ?? request.status?.state);
  const personId = request.owner?.userId;
  if (!span || !status || typeof request.id !== 'string' || request.id === '' || !personId) return undefined;
  const period = periodOfDays(span);
  const note = request.status?.note?.trim();
  const decided = status !== 'pending' && request.status?.updatedBy !== personId ? request.status?.updatedByUserName?.trim() : undefined;
  return {
    id: request.id,
    person: request.owner?.userName?.trim() || 'someone',
    personId,
    ...span,
    period: period ? PERIOD_OF[period] : 'week',
    status,
    trackedSeconds: durationSeconds(trackedTime),
    note: note ? note : null,
    decidedBy: decided ? decided : null,
  };
}
