// The engine's answers as the apps read them. A host passes answers on, and a host can be wrong (or
// hostile): each shape is checked before anything of it is drawn, and an answer that is not one the
// engine gives draws nothing.
import { PERIOD_LOCK_STATUSES, type PeriodLockStatus } from '../../mcp-server/contract/vocabulary.ts';
import type { Draft } from '../src/drafts.ts';

export interface Entry {
  id: number;
  start: string;
  end: string | null;
  minutes: number;
  project: string | null;
  activity: string | null;
  description: string;
  locked?: string;
  /** Kept in the engine's outbox while the back end was out of reach; the engine refuses to change it until it is sent. */
  waiting_to_send?: boolean;
  /** An AI agent's own time (record_agent_time): not the person's hours. */
  agent?: string;
  /** The back end keeps the entry's day and length only: `start` and `end` are a placement at the start of its day, no times. */
  span?: 'day';
}

export interface TimerState {
  running: Entry | null;
  on_break: { type: string; since: string } | null;
  today_minutes: number;
  week_minutes: number;
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const isText = (value: unknown): value is string => typeof value === 'string';
const isTextOrNull = (value: unknown) => value === null || isText(value);
const isCount = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);
export const isDay = (value: unknown): value is string => isText(value) && /^\d{4}-\d{2}-\d{2}$/.test(value);

export function asEntry(value: unknown): Entry | null {
  if (!isObject(value)) return null;
  const { id, start, end, minutes, project, activity, description, locked, waiting_to_send: waiting, agent } = value;
  if (
    !Number.isInteger(id) ||
    !isText(start) ||
    !isTextOrNull(end) ||
    !isCount(minutes) ||
    !isTextOrNull(project) ||
    !isTextOrNull(activity) ||
    !isText(description)
  )
    return null;
  if (locked !== undefined && !isText(locked)) return null;
  if (waiting !== undefined && typeof waiting !== 'boolean') return null;
  if (agent !== undefined && !isText(agent)) return null;
  if (value.span !== undefined && value.span !== 'day') return null;
  return value as unknown as Entry;
}

export function asTimerState(value: unknown): TimerState | null {
  if (!isObject(value) || !isCount(value.today_minutes) || !isCount(value.week_minutes)) return null;
  if (value.running !== null && !asEntry(value.running)) return null;
  const onBreak = value.on_break;
  if (onBreak !== null && !(isObject(onBreak) && isText(onBreak.type) && isText(onBreak.since))) return null;
  return value as unknown as TimerState;
}

export function asEntries(value: unknown): Entry[] | null {
  if (!isObject(value) || !Array.isArray(value.entries)) return null;
  const entries = value.entries.map(asEntry);
  return entries.every((entry) => entry !== null) ? (entries as Entry[]) : null;
}

export interface DayReport {
  from: string;
  to: string;
  today: string;
  groups: Array<{ key: string; minutes: number; target_minutes?: number }>;
}

export function asDayReport(value: unknown): DayReport | null {
  if (!isObject(value) || !isDay(value.from) || !isDay(value.to) || !isDay(value.today) || !Array.isArray(value.groups)) return null;
  const groups = value.groups.every(
    (group) => isObject(group) && isText(group.key) && isCount(group.minutes) && (group.target_minutes === undefined || isCount(group.target_minutes)),
  );
  return groups ? (value as unknown as DayReport) : null;
}

export interface CalendarDay {
  date: string;
  weekday: string;
  working_day: boolean;
  work_share: number;
  holiday: string | null;
  away: Array<{ person: string; type: string | null; kind?: string; part: 'full' | 'morning' | 'afternoon'; own?: boolean }>;
}

export function asCalendar(value: unknown): CalendarDay[] | null {
  if (!isObject(value) || !Array.isArray(value.days)) return null;
  const fine = value.days.every(
    (day) =>
      isObject(day) &&
      isDay(day.date) &&
      isText(day.weekday) &&
      typeof day.working_day === 'boolean' &&
      isCount(day.work_share) &&
      isTextOrNull(day.holiday) &&
      Array.isArray(day.away) &&
      day.away.every((away) => isObject(away) && isText(away.person) && isTextOrNull(away.type) && isText(away.part)),
  );
  return fine ? (value.days as CalendarDay[]) : null;
}

export interface Balance {
  year: number;
  entitlement: number | null;
  unlimited: boolean;
  taken: number;
  planned: number;
  remaining: number;
}

export function asBalance(value: unknown): Balance | null {
  if (!isObject(value) || !Number.isInteger(value.year) || !isCount(value.taken) || !isCount(value.planned) || !isCount(value.remaining)) return null;
  if (value.entitlement !== null && !isCount(value.entitlement)) return null;
  if (typeof value.unlimited !== 'boolean') return null;
  return value as unknown as Balance;
}

/** The entry a write answered with (`entry`, `started`, `stopped`, `deleted`). */
export function entryOf(value: unknown, key: string): Entry | null {
  return isObject(value) ? asEntry(value[key]) : null;
}

const SOURCES = new Set(['calendar', 'git', 'activity', 'ai']);
const isSource = (value: unknown) => isText(value) && SOURCES.has(value);
const isRef = (value: unknown) => value === null || (isObject(value) && Number.isInteger(value.id) && isText(value.name));

export interface Suggestion {
  from: string;
  to: string;
  drafts: Draft[];
  /** `span: 'day'` where the back end keeps the entry's day and length only (no times: it has no place on the day's line). */
  booked: Array<{ id: number; start: string; end: string | null; project: string | null; span?: 'day' }>;
  unmapped: Array<{ source: string; text: string; minutes: number }>;
  skipped: Array<{ source: string; problem: string }>;
}

function isDraft(value: unknown): value is Draft {
  if (!isObject(value)) return false;
  const { id, start, end, minutes, project, activity, description, evidence, confidence } = value;
  return (
    isText(id) &&
    isText(start) &&
    isText(end) &&
    isCount(minutes) &&
    isRef(project) &&
    isRef(activity) &&
    isText(description) &&
    Array.isArray(evidence) &&
    evidence.every((line) => isObject(line) && isSource(line.source) && isText(line.at) && isText(line.text)) &&
    (confidence === 'high' || confidence === 'medium' || confidence === 'low')
  );
}

/** suggest_entries' answer (mcp-server/contract/tools/suggest-entries.ts). */
export function asSuggestion(value: unknown): Suggestion | null {
  if (!isObject(value) || !isDay(value.from) || !isDay(value.to)) return null;
  const { drafts, booked, unmapped, skipped } = value;
  if (!Array.isArray(drafts) || !drafts.every(isDraft)) return null;
  if (!Array.isArray(booked) || !booked.every((entry) => isObject(entry) && Number.isInteger(entry.id) && isText(entry.start) && isTextOrNull(entry.end)))
    return null;
  if (!Array.isArray(unmapped) || !unmapped.every((item) => isObject(item) && isSource(item.source) && isText(item.text) && isCount(item.minutes))) return null;
  if (!Array.isArray(skipped) || !skipped.every((item) => isObject(item) && isSource(item.source) && isText(item.problem))) return null;
  return value as unknown as Suggestion;
}

const APPROVAL_STATUSES = new Set(['pending', 'approved', 'rejected', 'withdrawn']);
const APPROVAL_PERIODS = new Set(['week', 'semi_month', 'month']);
const LOCK_STATUSES: ReadonlySet<string> = new Set(PERIOD_LOCK_STATUSES);
const REOPENERS = new Set(['the_person', 'an_approver', 'an_administrator']);

export interface Submission {
  id: string;
  period: 'week' | 'semi_month' | 'month';
  first_day: string;
  last_day: string;
  status: 'pending' | 'approved' | 'rejected' | 'withdrawn';
  note: string | null;
  decided_by: string | null;
}

/** A period no write may reach, as list_timesheet_approvals answers it where the engine says so. */
export interface ApprovalLock {
  first_day: string;
  last_day: string;
  status: PeriodLockStatus;
  reopened_by: 'the_person' | 'an_approver' | 'an_administrator';
}

export interface OwnApprovals {
  submissions: Submission[];
  rejection_note_kept: boolean;
  /** Absent where the engine does not say which periods are locked. */
  locks?: ApprovalLock[];
}

function isSubmission(value: unknown): value is Submission {
  if (!isObject(value)) return false;
  const { id, period, first_day: firstDay, last_day: lastDay, status, note, decided_by: decidedBy } = value;
  return (
    isText(id) &&
    APPROVAL_PERIODS.has(period as string) &&
    isDay(firstDay) &&
    isDay(lastDay) &&
    firstDay <= lastDay &&
    APPROVAL_STATUSES.has(status as string) &&
    isTextOrNull(note) &&
    isTextOrNull(decidedBy)
  );
}

function isLock(value: unknown): value is ApprovalLock {
  return (
    isObject(value) &&
    isDay(value.first_day) &&
    isDay(value.last_day) &&
    value.first_day <= value.last_day &&
    LOCK_STATUSES.has(value.status as string) &&
    REOPENERS.has(value.reopened_by as string)
  );
}

/**
 * list_timesheet_approvals' answer about the person's own timesheets (mcp-server/contract/tools/list-timesheet-approvals.ts).
 * A list of the submissions someone may decide (`whose: 'to_decide'`) is not the person's week: it draws nothing.
 */
export function asOwnApprovals(value: unknown): OwnApprovals | null {
  if (!isObject(value) || value.whose !== 'mine' || !Array.isArray(value.submissions) || typeof value.rejection_note_kept !== 'boolean') return null;
  if (!value.submissions.every(isSubmission)) return null;
  if (value.locks !== undefined && !(Array.isArray(value.locks) && value.locks.every(isLock))) return null;
  return value as unknown as OwnApprovals;
}
