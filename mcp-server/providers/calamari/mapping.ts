// Calamari's records as Punchcard's and back. Pure: no requests, no clock.
import { splitAgentPrefix } from '../../domain/agents.ts';
import { leaveTypeOfName } from '../../domain/leave-type-names.ts';
import { eachDate, isoWeekday, parseOffsetDateTime } from '../../domain/time.ts';
import type { PlannedDay } from '../../domain/work-plan.ts';
import { RemoteError, remoteRefusal } from '../remote/remote-error.ts';
import { type BreakSpan, checkedEntry, type LeaveRequest, type LeaveStatus, type LeaveType, BackEndError, type Ref, type TimeEntry } from '../time-tracker.ts';
import type { CalamariAbsenceType, CalamariHoliday, CalamariRequest, CalamariShift, CalamariWorkingWeek } from './wire.ts';

export function instantOf(text: string): number {
  const epoch = parseOffsetDateTime(text) ?? (/[zZ]$|[+-]\d\d:?\d\d$/.test(text) ? Date.parse(text) : Number.NaN);
  if (Number.isNaN(epoch)) throw new RemoteError('wrong_service', remoteRefusal('calamari_time_unreadable', { text: text.slice(0, 40) }));
  return epoch;
}

// ---------------------------------------------------------------------------------------------
// Shifts

/** A shift as an entry: its first project, its breaks, its description; one that ends before it starts or lasts longer than any stretch of work marked impossible (checkedEntry). */
export function toTimeEntry(shift: CalamariShift): TimeEntry {
  const project = projectOf(shift);
  const breaks: BreakSpan[] = (shift.breaks ?? []).map((span) => ({
    type: span.breakType ? { id: span.breakType.id, name: span.breakType.name } : { id: 0, name: 'Break' },
    start: instantOf(span.from),
    end: span.to === null ? null : instantOf(span.to),
  }));
  // An AI agent's own time names its agent in a prefix (`[ai:claude-code] `): shown as the agent, not in the description.
  const { agent, description } = splitAgentPrefix(shift.description ?? '');
  return checkedEntry({
    id: shift.id,
    start: instantOf(shift.started),
    end: shift.finished === null ? null : instantOf(shift.finished),
    project,
    activity: null,
    description,
    breaks,
    ...(agent ? { agent } : {}),
  });
}

function projectOf(shift: CalamariShift): Ref | null {
  for (const entry of shift.projects ?? []) {
    const named = entry.project ?? (typeof entry.id === 'number' && typeof entry.name === 'string' ? { id: entry.id, name: entry.name } : null);
    if (named) return { id: named.id, name: named.name };
  }
  return null;
}

/** Worked pieces of an entry: its span less its breaks (a running break ends at `now`). */
export function workedPieces(entry: TimeEntry, now: number): Array<{ start: number; end: number }> {
  const end = entry.end ?? now;
  const pauses = (entry.breaks ?? []).map((span) => ({ start: span.start, end: span.end ?? now })).sort((a, b) => a.start - b.start);
  const pieces: Array<{ start: number; end: number }> = [];
  let cursor = entry.start;
  for (const pause of pauses) {
    if (pause.start > cursor) pieces.push({ start: cursor, end: Math.min(pause.start, end) });
    cursor = Math.max(cursor, pause.end);
  }
  if (end > cursor) pieces.push({ start: cursor, end });
  return pieces.filter((piece) => piece.end > piece.start);
}

// ---------------------------------------------------------------------------------------------
// Leave

/**
 * The organisation's absence type a request means: one named by Calamari's own name (any case), or
 * the first day-counted time-off type whose name says Punchcard's type ("Annual leave" for vacation).
 */
export function absenceTypeFor(types: readonly CalamariAbsenceType[], type: LeaveType, kind: string | undefined): CalamariAbsenceType {
  const usable = types.filter((item) => item.durationUnit !== 'HOURS');
  if (kind !== undefined) {
    const wanted = kind.trim().toLowerCase();
    const found = types.find((item) => item.name.toLowerCase() === wanted || item.externalId?.toLowerCase() === wanted);
    if (!found) throw new BackEndError('calamari_absence_type_unknown', { type: kind, types: typeList(usable) });
    if (found.durationUnit === 'HOURS') throw new BackEndError('calamari_absence_type_in_hours', { type: found.name });
    return found;
  }
  const found = usable.find((item) => leaveTypeOfName(item.name) === type);
  if (!found) throw new BackEndError('calamari_absence_type_none', { type, types: typeList(usable) });
  return found;
}

function typeList(types: readonly CalamariAbsenceType[]): string[] {
  return types.map((item) => item.name);
}

/**
 * Calamari's request statuses (help centre: pending, approved, rejected, cancellation pending,
 * canceled, revoked; the API strings seen are PENDING, ACCEPTED, CANCELED). A cancellation that
 * waits for approval still stands until it is approved.
 */
export function leaveStatusOf(status: string): LeaveStatus {
  const upper = status.toUpperCase();
  if (upper === 'ACCEPTED' || upper === 'APPROVED' || upper === 'CANCELLATION_PENDING') return 'approved';
  if (upper === 'REJECTED' || upper === 'DECLINED') return 'rejected';
  if (upper === 'CANCELED' || upper === 'CANCELLED' || upper === 'REVOKED') return 'cancelled';
  return 'pending';
}

/** Work somewhere else (a remote day) is not leave: its category says so. */
export function isWorkElsewhere(request: CalamariRequest): boolean {
  return request.absenceCategory === 'WORK';
}

/**
 * A request as Punchcard's: half a first or last day where Calamari counts only part of it. Which
 * half Calamari does not say in a listing; a partial first day reads as its afternoon and a partial
 * last day as its morning, as the request parts were sent.
 */
export function toLeaveRequest(request: CalamariRequest, person: string): LeaveRequest {
  const partial = (amount: number | null | undefined) => typeof amount === 'number' && amount > 0 && amount < 1;
  const firstHalf = partial(request.amountFirstDay);
  const lastHalf = request.to !== request.from && partial(request.amountLastDay);
  return {
    id: request.id,
    person,
    type: leaveTypeOfName(request.absenceTypeName),
    // The organisation's own name for its type always says more than Punchcard's word for it.
    ...(request.absenceTypeName ? { kind: request.absenceTypeName } : {}),
    ...(isWorkElsewhere(request) ? { workingElsewhere: true } : {}),
    firstDay: request.from,
    lastDay: request.to,
    firstDayPart: firstHalf && request.from !== request.to ? 'afternoon' : 'full',
    lastDayPart: lastHalf || (firstHalf && request.from === request.to) ? 'morning' : 'full',
    days: request.entitlementAmount ?? 0,
    status: leaveStatusOf(request.status),
    comment: request.comment ?? request.reason ?? '',
  };
}

/**
 * The parts of the day a request starts and ends at, in Calamari's terms
 * (docs/back-ends/calamari.md, "Leave requests").
 */
export function requestParts(request: Pick<LeaveRequest, 'firstDay' | 'lastDay' | 'firstDayPart' | 'lastDayPart'>): { fromPart: string; toPart: string } {
  return {
    fromPart: request.firstDayPart === 'afternoon' ? 'AFTERNOON' : 'MORNING',
    // Ending at midday is ending where the afternoon begins.
    toPart: request.lastDayPart === 'morning' ? 'AFTERNOON' : 'END_OF_DAY',
  };
}

// ---------------------------------------------------------------------------------------------
// The plan

const DAY_NAMES = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'] as const;

/**
 * Every holiday day of [from, to] by date; one spanning several days is each of them. Clipped to the
 * range asked for: a holiday Calamari says lasts for years is still only the days that were asked.
 */
export function holidayDays(holidays: readonly CalamariHoliday[], from: string, to: string): Map<string, { name: string; halfDay: boolean }> {
  const days = new Map<string, { name: string; halfDay: boolean }>();
  for (const holiday of holidays) {
    const end = holiday.end && holiday.end >= holiday.start ? holiday.end : holiday.start;
    const first = holiday.start > from ? holiday.start : from;
    const last = end < to ? end : to;
    for (const date of eachDate(first, last)) days.set(date, { name: holiday.name, halfDay: holiday.halfDay === true });
  }
  return days;
}

/** The person's days by their working week (seconds per weekday) and their holiday calendar. */
export function calamariPlan(
  from: string,
  to: string,
  week: CalamariWorkingWeek | undefined,
  holidays: ReadonlyMap<string, { name: string; halfDay: boolean }>,
): PlannedDay[] {
  return eachDate(from, to).map((date) => {
    const day = week?.workingDays.find((item) => item.dayName.toUpperCase() === DAY_NAMES[isoWeekday(date) - 1]);
    const minutes = day && day.isWorkingDay !== false ? Math.max(0, (day.duration ?? 0) / 60) : 0;
    const holiday = holidays.get(date);
    return {
      date,
      targetMinutes: holiday ? (holiday.halfDay ? minutes / 2 : 0) : minutes,
      dayOff: minutes === 0,
      holiday: holiday?.name ?? null,
      halfHoliday: holiday?.halfDay ?? false,
    };
  });
}

/** Hours per weekday of a working week. */
export function workWeekOf(week: CalamariWorkingWeek): Record<'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun', number> {
  const hours = DAY_NAMES.map((name) => {
    const day = week.workingDays.find((item) => item.dayName.toUpperCase() === name);
    return day && day.isWorkingDay !== false ? Math.round(((day.duration ?? 0) / 3_600) * 100) / 100 : 0;
  }) as [number, number, number, number, number, number, number];
  const [mon, tue, wed, thu, fri, sat, sun] = hours;
  return { mon, tue, wed, thu, fri, sat, sun };
}
