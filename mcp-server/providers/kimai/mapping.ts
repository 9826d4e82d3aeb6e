// Kimai's records and answers ⇄ Punchcard's provider types. Pure: times are converted with the zone handed in,
// names come from the expanded relations or, for plain responses that carry ids only, from the
// catalog (docs/back-ends/kimai.md, "Relations"); a leave request becomes absence records of the absence plugin and
// back (docs/back-ends/kimai.md, "Absences": seen in third-party clients only); and the ApprovalBundle plugin's weeks
// (docs/back-ends/kimai.md, "Timesheet approvals"): the id Punchcard gives a person's week (the plugin has none), the
// status words its API answers, and the Mondays of a span. No HTTP here.
import { agentOfTags } from '../../domain/agents.ts';
import type { ApprovalStatus, DaySpan } from '../../domain/approvals.ts';
import { yearProblem } from '../../domain/call-limits.ts';
import { type LeavePart, splitLeave as splitLeaveParts } from '../../domain/leave-parts.ts';
import { addDays, formatInstant, formatWallClock, isoWeekday, localDateTimeToEpoch, parseOffsetDateTime } from '../../domain/time.ts';
import {
  BackEndError,
  type Catalog,
  type CatalogItem,
  type LeaveRequest,
  type LeaveStatus,
  type LeaveType,
  type NewLeaveRequest,
  type Ref,
  type TimeEntry,
  checkedEntry,
} from '../time-tracker.ts';
import { remoteRefusal } from '../remote/remote-error.ts';
import { KimaiError } from './errors.ts';
import type { KimaiAbsence, KimaiActivity, KimaiCustomer, KimaiNamed, KimaiProject, KimaiTimesheet } from './wire.ts';
import { relationId } from './wire.ts';

/** Names by id, for responses whose relations are bare ids. */
export interface NameIndex {
  project(id: number): string | undefined;
  activity(id: number): string | undefined;
}

export const NO_NAMES: NameIndex = { project: () => undefined, activity: () => undefined };

export function nameIndex(catalog: Catalog): NameIndex {
  const projects = new Map(catalog.projects.map((item) => [item.id, item.name]));
  const activities = new Map(catalog.activities.map((item) => [item.id, item.name]));
  return { project: (id) => projects.get(id), activity: (id) => activities.get(id) };
}

/** Kimai's '2026-05-04T09:00:00+0200' as epoch ms; a reply in another shape is an error, not a guess. */
export function readKimaiTime(text: string): number {
  const epochMs = parseOffsetDateTime(text);
  // The HTTP layer's error, whose failure says the answer is not Kimai's.
  if (epochMs === undefined) throw new KimaiError('wrong_service', remoteRefusal('kimai_time_unreadable', { text: text.slice(0, 40) }));
  return epochMs;
}

/**
 * A time for a request body. Kimai reads wall-clock times only, so the second pass through the hour
 * that repeats when clocks go back cannot be said; rather than have Kimai store the first pass (an
 * hour off), such a time is refused with a reason.
 */
export function kimaiBodyTime(epochMs: number, kimaiZone: string, field: string): string {
  const wall = formatWallClock(epochMs, kimaiZone);
  const readBack = localDateTimeToEpoch(wall.slice(0, 10), wall.slice(11), kimaiZone);
  if (readBack !== Math.floor(epochMs / 1000) * 1000) {
    throw new BackEndError('kimai_time_repeats', { field, time: formatInstant(epochMs, kimaiZone), timezone: kimaiZone });
  }
  return wall;
}

/**
 * Kimai's timesheet as Punchcard's. Kimai's longest record is an instance's setting its API does not show (off by
 * default: docs/back-ends/kimai.md), so one that ends before it begins or lasts longer than any stretch of work is
 * marked impossible by the general bound (checkedEntry).
 */
export function toTimeEntry(sheet: KimaiTimesheet, names: NameIndex): TimeEntry {
  return checkedEntry({
    id: sheet.id,
    start: readKimaiTime(sheet.begin),
    end: sheet.end === null || sheet.end === undefined ? null : readKimaiTime(sheet.end),
    project: ref(sheet.project, names.project),
    activity: ref(sheet.activity, names.activity),
    description: sheet.description ?? '',
    ...agentOf(sheet),
    ...metaFieldsOf(sheet),
  });
}

/** The meta fields Kimai shows on the record (its visible ones), those with a value; Kimai casts some back to numbers and booleans. */
function metaFieldsOf(sheet: KimaiTimesheet): Pick<TimeEntry, 'fields'> {
  const fields = (Array.isArray(sheet.metaFields) ? sheet.metaFields : []).flatMap((field) => {
    const value = field?.value;
    if (typeof field?.name !== 'string' || value === null || value === undefined || value === '') return [];
    if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') return [];
    return [{ id: field.name, name: field.name, value }];
  });
  return fields.length > 0 ? { fields } : {};
}

/** The agent whose own time the record is, by its tag `ai-<agent>` (record_agent_time). */
function agentOf(sheet: KimaiTimesheet): { agent?: string } {
  const agent = Array.isArray(sheet.tags) ? agentOfTags(sheet.tags.filter((tag): tag is string => typeof tag === 'string')) : undefined;
  return agent ? { agent } : {};
}

/**
 * Roles that hold Kimai's edit_exported_timesheet permission by default: everyone else gets 403 for a
 * change to an exported record (docs/back-ends/kimai.md, "Roles and permissions").
 */
const MAY_EDIT_EXPORTED = new Set(['ROLE_ADMIN', 'ROLE_SUPER_ADMIN']);

/** The entry with the reason it is locked for this person, when Kimai keeps it exported. */
export function withExportLock(entry: TimeEntry, sheet: KimaiTimesheet, roles: readonly string[] | undefined): TimeEntry {
  if (sheet.exported !== true || (roles ?? []).some((role) => MAY_EDIT_EXPORTED.has(role))) return entry;
  return { ...entry, locked: 'It is exported in Kimai, and only an administrator may change exported records.' };
}

function ref(value: number | KimaiNamed | null | undefined, lookup: (id: number) => string | undefined): Ref | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'object') return { id: value.id, name: value.name };
  return { id: value, name: lookup(value) ?? `#${value}` };
}

/**
 * Kimai's three lists as one catalog. Kimai hides things rather than archiving them: a hidden
 * customer hides its projects, and a hidden project its activities, so those count as archived too.
 */
export function toCatalog(customers: KimaiCustomer[], projects: KimaiProject[], activities: KimaiActivity[]): Catalog {
  const customerItems = customers.map(customerItem);
  const customerById = new Map(customerItems.map((item) => [item.id, item]));
  const projectItems = projects.map((project) => projectItem(project, customerById));
  const projectById = new Map(projectItems.map((item) => [item.id, item]));
  const activityItems = activities.map((activity) => activityItem(activity, projectById));
  const byName = (a: CatalogItem, b: CatalogItem) => a.name.localeCompare(b.name, undefined, { sensitivity: 'base' }) || a.id - b.id;
  return { customers: customerItems.sort(byName), projects: projectItems.sort(byName), activities: activityItems.sort(byName) };
}

export function customerItem(customer: KimaiCustomer): CatalogItem {
  return { kind: 'customer', id: customer.id, name: customer.name, archived: !customer.visible };
}

/** A project; `customers` (the catalog's, when loading it) supplies the customer's name and whether it is archived. */
export function projectItem(project: KimaiProject, customers: ReadonlyMap<number, CatalogItem> = new Map()): CatalogItem {
  const { ref, parent } = parentOf(project.customer, project.parentTitle, customers);
  return { kind: 'project', id: project.id, name: project.name, archived: !project.visible || parent?.archived === true, customer: ref };
}

/** An activity; `projects` supplies the project's name and whether it is archived. */
export function activityItem(activity: KimaiActivity, projects: ReadonlyMap<number, CatalogItem> = new Map()): CatalogItem {
  const { ref, parent } = parentOf(activity.project, activity.parentTitle, projects);
  return { kind: 'activity', id: activity.id, name: activity.name, archived: !activity.visible || parent?.archived === true, project: ref };
}

/**
 * The parent a project or activity points at, named from the known items, else from the expanded
 * relation, else from Kimai's `parentTitle` (create and update answers carry only that).
 */
function parentOf(relation: number | KimaiNamed | null, parentTitle: string | null | undefined, known: ReadonlyMap<number, CatalogItem>) {
  const id = relationId(relation);
  if (id === null) return { ref: null, parent: undefined };
  const parent = known.get(id);
  const name = parent?.name ?? (typeof relation === 'object' && relation ? relation.name : parentTitle);
  return { ref: { id, name: name ?? `#${id}` }, parent };
}

export function withoutArchived(catalog: Catalog): Catalog {
  const keep = (items: CatalogItem[]) => items.filter((item) => !item.archived);
  return { customers: keep(catalog.customers), projects: keep(catalog.projects), activities: keep(catalog.activities) };
}

// --- Leave on the absence plugin

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

// --- The ApprovalBundle plugin's weeks

/** The plugin approves Monday-based weeks (its README: a Sunday start is not supported). */
export const KIMAI_APPROVAL_RULE = { period: 'week', weekStart: 1 } as const;

/** A week's state as the plugin keeps it (its ApprovalStatus; `granted` is an old name of approved). */
export type KimaiWeekStatus = 'not_submitted' | 'submitted' | 'approved' | 'denied';

/**
 * The id of a person's week: `user-<Kimai user id>-week-<its Monday>`, e.g. `user-7-week-2026-11-16`.
 * The plugin keys a submission by the person and the week's Monday and shows no number of its own, so
 * the id is those two, stable across calls and servers' restarts.
 */
export function weekId(userId: number, monday: string): string {
  return `user-${userId}-week-${monday}`;
}

const WEEK_ID = /^user-([1-9]\d{0,9})-week-(\d{4}-\d{2}-\d{2})$/;

/** The person and the Monday an id names, or undefined for anything else: another form, a day that is no Monday, a year out of range. */
export function parseWeekId(id: string): { userId: number; monday: string } | undefined {
  const match = WEEK_ID.exec(id);
  if (!match) return undefined;
  const userId = Number(match[1]);
  const monday = match[2] as string;
  if (!Number.isSafeInteger(userId) || yearProblem(monday) || !isRealDay(monday) || isoWeekday(monday) !== 1) return undefined;
  return { userId, monday };
}

function isRealDay(day: string): boolean {
  const date = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === day;
}

/**
 * The plugin answers a week's status translated into the caller's language (its week-status runs the
 * status through Kimai's translator): its own keys, and the words of the languages it ships (English,
 * German, Croatian), compared without case. Anything else is undefined: the caller says so rather than guess.
 */
const STATUS_WORDS: ReadonlyMap<string, KimaiWeekStatus> = new Map([
  ['not_submitted', 'not_submitted'],
  ['submitted', 'submitted'],
  ['approved', 'approved'],
  ['granted', 'approved'],
  ['denied', 'denied'],
  ['rejected', 'denied'],
  ['not submitted', 'not_submitted'],
  ['nicht abgeschickt', 'not_submitted'],
  ['abgeschickt', 'submitted'],
  ['angenommen', 'approved'],
  ['abgelehnt', 'denied'],
  ['nepodneseno', 'not_submitted'],
  ['podneseno', 'submitted'],
  ['odobreno', 'approved'],
  ['odbijeno', 'denied'],
]);

export function readWeekStatus(answer: unknown): KimaiWeekStatus | undefined {
  return typeof answer === 'string' ? STATUS_WORDS.get(answer.trim().toLowerCase()) : undefined;
}

/** Punchcard's word for a week's state; a week not submitted is no submission at all. */
export function submissionStatus(status: KimaiWeekStatus): ApprovalStatus | undefined {
  if (status === 'submitted') return 'pending';
  if (status === 'approved') return 'approved';
  if (status === 'denied') return 'rejected';
  return undefined;
}

/** A Monday as the plugin's next-week answers it, or undefined. */
export function readMonday(answer: unknown): string | undefined {
  if (typeof answer !== 'string') return undefined;
  const day = answer.trim().slice(0, 10);
  return /^\d{4}-\d{2}-\d{2}$/.test(day) && isRealDay(day) && isoWeekday(day) === 1 ? day : undefined;
}

/** The Mondays of the weeks that share a day with the span, earliest first. */
export function mondaysTouching(span: DaySpan): string[] {
  const first = addDays(span.firstDay, 1 - isoWeekday(span.firstDay));
  const mondays: string[] = [];
  for (let monday = first; monday <= span.lastDay; monday = addDays(monday, 7)) mondays.push(monday);
  return mondays;
}

/** The week a Monday starts, as a span. */
export function weekOf(monday: string): DaySpan {
  return { firstDay: monday, lastDay: addDays(monday, 6) };
}
