// Leave on Kimai's absence plugin (docs/back-ends/kimai.md, "Absences": seen in third-party clients
// only). Pure: how a Punchcard leave request becomes absence records and back.
import { type LeavePart, splitLeave as splitLeaveParts } from '../../domain/leave-parts.ts';
import { type LeaveRequest, type LeaveStatus, type LeaveType, type NewLeaveRequest, BackEndError } from '../time-tracker.ts';
import type { KimaiAbsence } from './wire.ts';

/** The plugin refuses an absence longer than this many calendar days (kimai-mcp splits at 30). */
export const MAX_ABSENCE_DAYS = 30;

const TO_KIMAI: Record<LeaveType, string> = {
  vacation: 'holiday',
  sick: 'sickness',
  personal: 'time_off',
  parental: 'parental',
  unpaid: 'unpaid_vacation',
  other: 'other',
};

const FROM_KIMAI: Record<string, LeaveType> = {
  holiday: 'vacation',
  sickness: 'sick',
  sickness_child: 'sick',
  time_off: 'personal',
  parental: 'parental',
  unpaid_vacation: 'unpaid',
  other: 'other',
};

/** Kimai's type for a request: one of its own names (holiday, sickness_child, …, any case), or Punchcard's type. */
export function kimaiAbsenceType(type: LeaveType, kind?: string): string {
  if (kind === undefined) return TO_KIMAI[type];
  const wanted = kind
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
  if (wanted in FROM_KIMAI) return wanted;
  throw new BackEndError('kimai_absence_type_unknown', { kind, types: Object.keys(FROM_KIMAI) });
}

export function leaveStatus(status: string | undefined): LeaveStatus {
  if (status === 'approved') return 'approved';
  if (status === 'rejected') return 'rejected';
  // 'new' (not yet sent to the supervisor), 'open' and 'requested' all still wait for a decision.
  return 'pending';
}

/** A part of a request as one absence record: only ever half a day when it is one day. */
export type AbsencePart = LeavePart;

/**
 * Splits a request into absences the plugin accepts: none spans New Year, none is longer than
 * MAX_ABSENCE_DAYS, and a half first or last day becomes a one-day half-day absence of its own.
 */
export function splitLeave(request: Pick<NewLeaveRequest, 'firstDay' | 'lastDay' | 'firstDayPart' | 'lastDayPart'>): [AbsencePart, ...AbsencePart[]] {
  return splitLeaveParts(request, MAX_ABSENCE_DAYS);
}

/** The last day of an absence record; single-day records may carry no end. */
export function absenceLastDay(absence: KimaiAbsence): string {
  const end = absence.endDate?.slice(0, 10);
  return end && end >= absence.date.slice(0, 10) ? end : absence.date.slice(0, 10);
}

export function toLeaveRequest(absence: KimaiAbsence, person: string, countDays: (request: Omit<LeaveRequest, 'days'>) => number): LeaveRequest {
  const firstDay = absence.date.slice(0, 10);
  const lastDay = absenceLastDay(absence);
  const shape: Omit<LeaveRequest, 'days'> = {
    id: absence.id,
    person,
    type: FROM_KIMAI[absence.type] ?? 'other',
    firstDay,
    lastDay,
    // A half-day absence is one day; which half the plugin does not say, so it reads as the morning.
    firstDayPart: 'full',
    lastDayPart: absence.halfDay ? 'morning' : 'full',
    status: leaveStatus(absence.status),
    comment: absence.comment ?? '',
  };
  return { ...shape, days: countDays(shape) };
}
