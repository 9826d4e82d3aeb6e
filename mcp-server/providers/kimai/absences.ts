// Leave on Kimai's absence plugin (kimai.md §14, marked [T]: seen in third-party clients only).
// Pure: how a Punchcard leave request becomes absence records and back.
import { addDays } from '../../domain/time.ts';
import type { LeaveRequest, LeaveStatus, LeaveType, NewLeaveRequest } from '../time-tracker.ts';
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

export function kimaiAbsenceType(type: LeaveType): string {
  return TO_KIMAI[type];
}

export function leaveStatus(status: string | undefined): LeaveStatus {
  if (status === 'approved') return 'approved';
  if (status === 'rejected') return 'rejected';
  // 'new' (not yet sent to the supervisor), 'open' and 'requested' all still wait for a decision.
  return 'pending';
}

export interface AbsencePart {
  firstDay: string;
  lastDay: string;
  /** Only ever on a one-day part: the plugin's half day has no "which half". */
  halfDay: boolean;
}

/**
 * Splits a request into absences the plugin accepts: none spans New Year, none is longer than
 * MAX_ABSENCE_DAYS, and a half first or last day becomes a one-day half-day absence of its own.
 */
export function splitLeave(request: Pick<NewLeaveRequest, 'firstDay' | 'lastDay' | 'firstDayPart' | 'lastDayPart'>): [AbsencePart, ...AbsencePart[]] {
  const { firstDay, lastDay } = request;
  if (firstDay === lastDay) {
    return [{ firstDay, lastDay, halfDay: request.firstDayPart !== 'full' || request.lastDayPart !== 'full' }];
  }
  const to = request.lastDayPart === 'morning' ? addDays(lastDay, -1) : lastDay;
  const chunkFrom = (from: string): AbsencePart => {
    const lastOfChunk = [to, `${from.slice(0, 4)}-12-31`, addDays(from, MAX_ABSENCE_DAYS - 1)].sort()[0] as string;
    return { firstDay: from, lastDay: lastOfChunk, halfDay: false };
  };
  const first = request.firstDayPart === 'afternoon' ? { firstDay, lastDay: firstDay, halfDay: true } : chunkFrom(firstDay);
  const parts: [AbsencePart, ...AbsencePart[]] = [first];
  for (let from = addDays(first.lastDay, 1); from <= to; ) {
    const chunk = chunkFrom(from);
    parts.push(chunk);
    from = addDays(chunk.lastDay, 1);
  }
  if (request.lastDayPart === 'morning') parts.push({ firstDay: lastDay, lastDay, halfDay: true });
  return parts;
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
