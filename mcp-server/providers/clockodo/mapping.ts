// Clockodo's records as Punchcard's and back. Pure: no requests, no clock.
import { splitAgentPrefix } from '../../domain/agents.ts';
import { addDays, eachDate, formatUtcSeconds, isoWeekday, startOfIsoWeek } from '../../domain/time.ts';
import type { PlannedDay } from '../../domain/work-plan.ts';
import { RemoteError, remoteRefusal } from '../remote/remote-error.ts';
import {
  type CatalogItem,
  checkedEntry,
  type LeaveRequest,
  type LeaveStatus,
  type LeaveType,
  BackEndError,
  type Ref,
  type TimeEntry,
} from '../time-tracker.ts';
import type { AccessMap, ClockodoAbsence, ClockodoEntry, ClockodoProject, ClockodoTargetHours } from './wire.ts';

/** 'YYYY-MM-DDTHH:MM:SSZ': Clockodo refuses milliseconds (docs/back-ends/clockodo.md, "Times and dates"). */
export function clockodoTime(epochMs: number): string {
  return formatUtcSeconds(epochMs);
}

export function instantOf(text: string): number {
  const epoch = Date.parse(text);
  // The HTTP layer's error, whose failure says the answer is not Clockodo's.
  if (Number.isNaN(epoch)) throw new RemoteError('wrong_service', remoteRefusal('clockodo_time_unreadable', { text: text.slice(0, 40) }));
  return epoch;
}

// ---------------------------------------------------------------------------------------------
// Entries

/** Entry types (docs/back-ends/clockodo.md, "Entries"): 1 time, 2 lump-sum value, 3 lump-sum service. */
const TIME_ENTRY = 1;

export interface NameBook {
  project(id: number): string | undefined;
  service(id: number): string | undefined;
}

/** Names for no ids at all: an empty list needs none. */
export const NO_NAMES: NameBook = { project: () => undefined, service: () => undefined };

/** Clockodo's entry as Punchcard's; one that ends before it starts or lasts longer than any stretch of work is marked impossible (checkedEntry). */
export function toTimeEntry(entry: ClockodoEntry, names: NameBook): TimeEntry {
  const start = instantOf(entry.time_since);
  const lumpSum = isLumpSum(entry);
  // A lump sum has a date, not a span: it is shown where it was booked, taking no time.
  const end = lumpSum ? start : entry.time_until === null ? null : instantOf(entry.time_until);
  const project: Ref | null = entry.projects_id
    ? { id: entry.projects_id, name: names.project(entry.projects_id) ?? entry.projects_name ?? `project #${entry.projects_id}` }
    : null;
  const service = entry.services_id ? { id: entry.services_id, name: names.service(entry.services_id) ?? `service #${entry.services_id}` } : null;
  // An AI agent's own time names its agent in a prefix (`[ai:claude-code] `): shown as the agent, not in the text.
  const { agent, description: text } = splitAgentPrefix(entry.text ?? '');
  const description = lumpSum
    ? [text, `(lump sum${typeof entry.lumpsum === 'number' ? ` ${entry.lumpsum}` : ''}; edit it in Clockodo)`].filter(Boolean).join(' ')
    : text;
  return checkedEntry({
    id: entry.id,
    start,
    end,
    project,
    activity: service,
    description,
    ...(agent && !lumpSum ? { agent } : {}),
    // Punchcard changes and deletes time entries only (timesheets.ts refuses lump sums in these words).
    ...(lumpSum ? { locked: 'It is a lump sum, which Punchcard lists but does not change; change it in Clockodo.' } : {}),
  });
}

export function isLumpSum(entry: ClockodoEntry): boolean {
  return (entry.type ?? TIME_ENTRY) !== TIME_ENTRY;
}

// ---------------------------------------------------------------------------------------------
// Catalog and access

/** Whether an access map (`add` of /access/customers-projects) lets the person book on a customer or one of its projects. */
export function mayBook(access: AccessMap | undefined, customerId: number, projectId: number | null): boolean {
  if (access === true) return true;
  if (!access) return false;
  const grant = access[String(customerId)];
  if (grant === true) return true;
  if (!grant || typeof grant !== 'object') return false;
  // A grant for some projects only: the customer without a project is not among them.
  return projectId !== null && grant.projects?.[String(projectId)] === true;
}

export function mayUseService(access: boolean | Record<string, boolean> | undefined, serviceId: number): boolean {
  if (access === true) return true;
  if (!access) return false;
  return access[String(serviceId)] === true;
}

export function projectItem(project: ClockodoProject, customerName: string | undefined): CatalogItem {
  return {
    kind: 'project',
    id: project.id,
    name: project.name,
    // A completed project takes no more time: as archived as an inactive one.
    archived: !project.active || project.completed === true,
    customer: { id: project.customers_id, name: customerName ?? `customer #${project.customers_id}` },
  };
}

// ---------------------------------------------------------------------------------------------
// Absences

interface AbsenceType {
  code: number;
  /** Clockodo's own name, accepted as a type in request_leave and shown as the kind. */
  name: string;
  type: LeaveType;
}

/** Clockodo's absence types (docs/back-ends/clockodo.md, "Absences"). */
const ABSENCE_TYPES: readonly AbsenceType[] = [
  { code: 1, name: 'Regular holiday', type: 'vacation' },
  { code: 2, name: 'Special leave', type: 'personal' },
  { code: 3, name: 'Reduction of overtime', type: 'other' },
  { code: 4, name: 'Sick day', type: 'sick' },
  { code: 5, name: 'Sick day of a child', type: 'sick' },
  { code: 6, name: 'School', type: 'other' },
  { code: 7, name: 'Maternity protection', type: 'parental' },
  { code: 8, name: 'Home office', type: 'other' },
  { code: 9, name: 'Work out of office', type: 'other' },
  { code: 10, name: 'Special leave, unpaid', type: 'unpaid' },
  { code: 11, name: 'Sick day, unpaid', type: 'sick' },
  { code: 12, name: 'Sick day of a child, unpaid', type: 'sick' },
  { code: 13, name: 'Quarantine', type: 'other' },
  { code: 14, name: 'Military service', type: 'other' },
  { code: 15, name: 'Sick day with sickness benefit', type: 'sick' },
];

/** Home office (8) and work out of office (9) keep their target hours: work somewhere else, not leave. */
export const WORKING_ELSEWHERE = new Set([8, 9]);

/** Punchcard's types as Clockodo's; 'other' has no single counterpart and must be named. */
const TO_CLOCKODO: Partial<Record<LeaveType, number>> = { vacation: 1, personal: 2, sick: 4, parental: 7, unpaid: 10 };

/** The type code for a request: Clockodo's own name (any case), or Punchcard's type. */
export function absenceTypeCode(type: LeaveType, kind: string | undefined): number {
  if (kind !== undefined) {
    const wanted = kind.trim().toLowerCase();
    const found = ABSENCE_TYPES.find((item) => item.name.toLowerCase() === wanted);
    if (found) return found.code;
    throw new BackEndError('clockodo_leave_type_unknown', { kind, types: typeNames() });
  }
  const code = TO_CLOCKODO[type];
  if (code === undefined) throw new BackEndError('clockodo_leave_type_other', { types: typeNames() });
  return code;
}

/** Reduction of overtime is booked in hours: Punchcard files leave in days, so it is refused up front. */
export const HOURS_BASED = 3;

/** Clockodo's types a request may name: all but the one booked in hours. */
function typeNames(): string[] {
  return ABSENCE_TYPES.filter((item) => item.code !== HOURS_BASED).map((item) => item.name);
}

export function leaveTypeOf(code: number | null | undefined): { type: LeaveType; kind?: string; workingElsewhere?: true } {
  const found = ABSENCE_TYPES.find((item) => item.code === code);
  if (!found) return { type: 'other' };
  const elsewhere = WORKING_ELSEWHERE.has(found.code) ? { workingElsewhere: true as const } : {};
  // The kind is said where Clockodo's name says more than Punchcard's type.
  const plain = TO_CLOCKODO[found.type] === found.code;
  return plain ? { type: found.type, ...elsewhere } : { type: found.type, kind: found.name, ...elsewhere };
}

/**
 * 0 enquired, 1 approved, 2 declined, 3 approval cancelled, 4 request cancelled
 * (docs/back-ends/clockodo.md, "Absences").
 */
export function leaveStatusOf(status: number): LeaveStatus {
  if (status === 1) return 'approved';
  if (status === 2) return 'rejected';
  if (status === 3 || status === 4) return 'cancelled';
  return 'pending';
}

export function absenceLastDay(absence: ClockodoAbsence): string {
  return absence.date_until && absence.date_until >= absence.date_since ? absence.date_until : absence.date_since;
}

/**
 * A one-day absence of half a day counts 0.5 (Clockodo's record has no half-day flag, only the count);
 * which half it does not say, so it reads as the morning, as on Kimai.
 */
export function toLeaveRequest(absence: ClockodoAbsence, person: string): LeaveRequest {
  const lastDay = absenceLastDay(absence);
  const half = absence.date_since === lastDay && absence.count_days === 0.5;
  return {
    id: absence.id,
    person,
    ...leaveTypeOf(absence.type),
    firstDay: absence.date_since,
    lastDay,
    firstDayPart: 'full',
    lastDayPart: half ? 'morning' : 'full',
    days: absence.count_days ?? 0,
    status: leaveStatusOf(absence.status),
    comment: absence.note ?? absence.public_note ?? '',
  };
}

// ---------------------------------------------------------------------------------------------
// Target hours and non-business days

/** A non-business day as Punchcard reads it: its name, and whether only half the day is off. */
export interface NonbusinessDay {
  name: string;
  halfDay: boolean;
}

const WEEKDAY_FIELDS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;

/** The target-hours row in force on a date (rows are periods; the latest start wins an overlap). */
export function rowOn(rows: readonly ClockodoTargetHours[], date: string): ClockodoTargetHours | undefined {
  return rows
    .filter((row) => row.date_since <= date && (row.date_until === null || row.date_until >= date))
    .sort((a, b) => b.date_since.localeCompare(a.date_since))[0];
}

/** A date's target hours by its row: the weekday's hours, or a monthly target spread over the month's workdays. */
export function hoursOnDate(row: ClockodoTargetHours | undefined, date: string): number {
  if (!row) return 0;
  const weekday = WEEKDAY_FIELDS[isoWeekday(date) - 1] ?? 'monday';
  if (row.type === 'weekly') return Math.max(0, row[weekday] ?? 0);
  if (row[`workday_${weekday}`] !== true) return 0;
  const month = date.slice(0, 7);
  const [year, monthNumber] = month.split('-').map(Number) as [number, number];
  const lastDay = new Date(Date.UTC(year, monthNumber, 0)).getUTCDate();
  const workdays = eachDate(`${month}-01`, `${month}-${String(lastDay).padStart(2, '0')}`).filter(
    (day) => row[`workday_${WEEKDAY_FIELDS[isoWeekday(day) - 1] ?? 'monday'}`] === true,
  ).length;
  return workdays === 0 ? 0 : (row.monthly_target ?? 0) / workdays;
}

/** The person's days by Clockodo: target hours per date, its non-business days (half ones halve the day). */
export function clockodoPlan(from: string, to: string, rows: readonly ClockodoTargetHours[], nonbusiness: ReadonlyMap<string, NonbusinessDay>): PlannedDay[] {
  return eachDate(from, to).map((date) => {
    const hours = hoursOnDate(rowOn(rows, date), date);
    const holiday = nonbusiness.get(date);
    const minutes = hours * 60;
    return {
      date,
      targetMinutes: holiday ? (holiday.halfDay ? minutes / 2 : 0) : minutes,
      dayOff: hours === 0,
      holiday: holiday?.name ?? null,
      halfHoliday: holiday?.halfDay ?? false,
    };
  });
}

/** The weekly hours of the row in force on a date, for whoami and the settings window. */
export function workWeekOn(
  rows: readonly ClockodoTargetHours[],
  date: string,
): Record<'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun', number> | undefined {
  const row = rowOn(rows, date);
  if (!row) return undefined;
  // A monthly row's day hours depend on the month: the week of `date` stands for it.
  const monday = startOfIsoWeek(date);
  const days = eachDate(monday, addDays(monday, 6));
  const [mon, tue, wed, thu, fri, sat, sun] = days.map((day) => Math.round(hoursOnDate(row, day) * 100) / 100) as [
    number,
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  return { mon, tue, wed, thu, fri, sat, sun };
}
