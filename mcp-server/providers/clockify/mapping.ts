// Clockify's records as Punchcard's and back (docs/back-ends/clockify.md), and the workspace Punchcard works in.
// Pure: no requests, no clock. Clockify's ids are strings; the numbers Punchcard shows for them come in from the
// caller (id-aliases.ts), so nothing here decides them.
import type { WorkWeek } from '../../contract/settings.ts';
import type { LeavePart } from '../../domain/leave-parts.ts';
import { leaveTypeOfName } from '../../domain/leave-type-names.ts';
import { eachDate, formatUtcSeconds, localDate, parseOffsetDateTime } from '../../domain/time.ts';
import { checkedEntry, type LeaveRequest, type LeaveStatus, type LeaveType, type Ref, type TimeEntry } from '../time-tracker.ts';
import { BackEndError } from '../time-tracker.ts';
import { remoteRefusal } from '../remote/remote-error.ts';
import { ClockifyError, unreadable } from './errors.ts';
import type {
  ClockifyApprovalRequest,
  ClockifyFieldValue,
  ClockifyHoliday,
  ClockifyMemberProfile,
  ClockifyProject,
  ClockifyTimeEntry,
  ClockifyTimeOffRequest,
  ClockifyWorkspace,
} from './wire.ts';
import type { FieldWrite } from '../../domain/entry-fields.ts';
import type { ApprovalStatus, DaySpan } from '../../domain/approvals.ts';
import { quotedLine } from '../../contract/outcomes/quoted-line.ts';

/** How Clockify takes instants: UTC, whole seconds ('yyyy-MM-ddThh:mm:ssZ' in its OpenAPI). */
export function clockifyTime(epochMs: number): string {
  return formatUtcSeconds(epochMs);
}

export function instantOf(text: string | null | undefined): number {
  const epoch = typeof text === 'string' ? parseOffsetDateTime(text) : undefined;
  if (epoch === undefined) throw unreadable(`a time (${quotedLine(String(text).slice(0, 40))})`);
  return epoch;
}

// ---------------------------------------------------------------------------------------------
// Entries

/**
 * Work, as Punchcard counts it: a REGULAR entry (or one without a type). Breaks, and the holiday and
 * time-off entries Clockify can make by itself, are not work: the plan and the leave already take
 * those days off the target, and counting them would count them twice.
 */
export function isWork(entry: Pick<ClockifyTimeEntry, 'type'>): boolean {
  return !entry.type || entry.type === 'REGULAR';
}

/**
 * The entry with its project, task and tag ids as fields, wherever the answer put them: a hydrated
 * answer may carry them only inside its `project`, `task` and `tags` objects (docs/back-ends/clockify.md,
 * "Time entries"). Everything that reads ids reads these, so a replacement never drops one.
 */
export function withIds(entry: ClockifyTimeEntry): ClockifyTimeEntry {
  const tagIds = entry.tagIds ?? entry.tags?.map((tag) => tag.id).filter((id): id is string => typeof id === 'string' && id !== '') ?? null;
  return { ...entry, projectId: entry.projectId || entry.project?.id || null, taskId: entry.taskId || entry.task?.id || null, tagIds };
}

export function entryStart(entry: ClockifyTimeEntry): number {
  return instantOf(entry.timeInterval?.start);
}

/** The end, or null while the timer runs. */
export function entryEnd(entry: ClockifyTimeEntry): number | null {
  const end = entry.timeInterval?.end;
  return end === null || end === undefined ? null : instantOf(end);
}

/** What an entry's numbers and names are, looked up by the caller. */
export interface EntryRefs {
  number: number;
  project: Ref | null;
  task: Ref | null;
}

/** Clockify's entry as Punchcard's; one that ends before it starts or lasts longer than any stretch of work is marked impossible (checkedEntry). */
export function toTimeEntry(entry: ClockifyTimeEntry, refs: EntryRefs, agent?: string): TimeEntry {
  return checkedEntry({
    id: refs.number,
    start: entryStart(entry),
    end: entryEnd(entry),
    project: refs.project,
    activity: refs.task,
    description: entry.description ?? '',
    ...(agent ? { agent } : {}),
    ...fieldsOf(entry.customFieldValues),
  });
}

/** The values an entry carries (the read key `customFieldValues`), those with a value only. */
function fieldsOf(values: readonly ClockifyFieldValue[] | null | undefined): Pick<TimeEntry, 'fields'> {
  const fields = (values ?? []).flatMap((item) => {
    const value = fieldValueOf(item?.value);
    return item && typeof item.customFieldId === 'string' && value !== null ? [{ id: item.customFieldId, name: item.name ?? item.customFieldId, value }] : [];
  });
  return fields.length > 0 ? { fields } : {};
}

/** A value as Clockify answers it: text, a number, true or false, a list of texts; anything else (and an empty text or list) none. */
function fieldValueOf(value: unknown): string | number | boolean | string[] | null {
  if (typeof value === 'string') return value === '' ? null : value;
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'boolean') return value;
  if (Array.isArray(value)) {
    const texts = value.filter((item): item is string => typeof item === 'string');
    return texts.length > 0 ? texts : null;
  }
  return null;
}

/**
 * Where a value written for an entry comes from, in Clockify's words (UpdateCustomFieldRequest.sourceType:
 * WORKSPACE, PROJECT or TIMEENTRY). The live probe the reference cites stored a value sent as WORKSPACE
 * (docs/back-ends/clockify.md, "Custom fields"); what the others change is not documented.
 */
export const FIELD_SOURCE = 'WORKSPACE';

/** A value to write, as Clockify's write key takes it. */
export interface ClockifyFieldWrite {
  customFieldId: string;
  sourceType: string;
  value: unknown;
}

/** The values an entry carries, to send again with a replacement (a PUT replaces them all). */
function carriedFields(values: readonly ClockifyFieldValue[] | null | undefined): ClockifyFieldWrite[] {
  return (values ?? []).flatMap((item) =>
    item && typeof item.customFieldId === 'string' && fieldValueOf(item.value) !== null
      ? [{ customFieldId: item.customFieldId, sourceType: FIELD_SOURCE, value: item.value }]
      : [],
  );
}

/** The values of `body` with `writes` laid over them: a value named replaces the one kept, the others stay. */
export function withFieldWrites(body: EntryBody, writes: readonly FieldWrite[] | undefined): EntryBody {
  if (!writes || writes.length === 0) return body;
  const named = new Set(writes.map((write) => write.id));
  const kept = body.customFields.filter((field) => !named.has(field.customFieldId));
  return {
    ...body,
    customFields: [
      ...kept,
      ...writes.map((write) => ({ customFieldId: write.id, sourceType: FIELD_SOURCE, value: Array.isArray(write.value) ? [...write.value] : write.value })),
    ],
  };
}

/** The fields a time entry is made of, as Punchcard changes them. */
export interface EntryBody {
  start: number;
  end: number | null;
  projectId: string | null;
  taskId: string | null;
  description: string;
  billable: boolean;
  tagIds: readonly string[];
  /** Custom field values, in Clockify's write form (`customFields`); empty where none. */
  customFields: readonly ClockifyFieldWrite[];
}

/** The entry as it is, in the fields Punchcard keeps when it replaces it. */
export function bodyOf(entry: ClockifyTimeEntry): EntryBody {
  return {
    start: entryStart(entry),
    end: entryEnd(entry),
    projectId: entry.projectId || null,
    taskId: entry.taskId || null,
    description: entry.description ?? '',
    billable: entry.billable === true,
    tagIds: entry.tagIds ?? [],
    customFields: carriedFields(entry.customFieldValues),
  };
}

/** The longest description Clockify keeps on a time entry (its OpenAPI: maxLength 3000). */
export const MAX_DESCRIPTION = 3_000;

/**
 * The JSON of a new or replaced entry. Clockify's PUT replaces the whole entry (its start is
 * required), so every field to keep is sent: a field left out would be cleared. No end keeps a timer
 * running. A description longer than Clockify keeps is refused here, in words, before anything is sent.
 */
export function entryJson(body: EntryBody): Record<string, unknown> {
  if (body.description.length > MAX_DESCRIPTION) {
    throw new BackEndError('clockify_description_too_long', { limit: MAX_DESCRIPTION, length: body.description.length });
  }
  return {
    start: clockifyTime(body.start),
    ...(body.end === null ? {} : { end: clockifyTime(body.end) }),
    billable: body.billable,
    description: body.description,
    ...(body.projectId ? { projectId: body.projectId } : {}),
    ...(body.taskId ? { taskId: body.taskId } : {}),
    ...(body.tagIds.length > 0 ? { tagIds: [...body.tagIds] } : {}),
    // The write key: the read key `customFieldValues` would be taken and its values dropped.
    ...(body.customFields.length > 0 ? { customFields: body.customFields.map((field) => ({ ...field })) } : {}),
  };
}

/** A note added to what an entry already says, on a line of its own. */
export function withNote(description: string, note: string | undefined): string {
  if (!note) return description;
  return description ? `${description}\n${note}` : note;
}

// ---------------------------------------------------------------------------------------------
// The person's plan

const DAY_KEYS: Record<string, keyof WorkWeek> = {
  MONDAY: 'mon',
  TUESDAY: 'tue',
  WEDNESDAY: 'wed',
  THURSDAY: 'thu',
  FRIDAY: 'fri',
  SATURDAY: 'sat',
  SUNDAY: 'sun',
};

/** Hours of an ISO 8601 duration of hours and minutes ('PT8H', 'PT7H30M'); undefined for anything else. */
export function durationHours(text: string | null | undefined): number | undefined {
  const match = typeof text === 'string' ? /^PT(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?$/i.exec(text.trim()) : null;
  if (!match || (match[1] === undefined && match[2] === undefined && match[3] === undefined)) return undefined;
  const hours = Number(match[1] ?? 0) + Number(match[2] ?? 0) / 60 + Number(match[3] ?? 0) / 3600;
  return hours <= 24 ? Math.round(hours * 100) / 100 : undefined;
}

/** The working days of a member profile: an array of day names, or that array as JSON text. */
export function workingDaysOf(value: ClockifyMemberProfile['workingDays']): Array<keyof WorkWeek> | undefined {
  let days: unknown = value;
  if (typeof value === 'string') {
    try {
      days = JSON.parse(value);
    } catch {
      days = value.split(',');
    }
  }
  if (!Array.isArray(days)) return undefined;
  const keys = days.map((day) => (typeof day === 'string' ? DAY_KEYS[day.trim().toUpperCase()] : undefined));
  return keys.every((key): key is keyof WorkWeek => key !== undefined) ? [...new Set(keys)] : undefined;
}

/**
 * The person's week as their Clockify member profile has it: the work capacity on each working day,
 * nothing on the others; undefined where the profile lacks either, or sets no hours or no days (a
 * week of nothing is a profile nobody filled in, not a plan).
 */
export function workWeekOf(profile: ClockifyMemberProfile | null): WorkWeek | undefined {
  const hours = durationHours(profile?.workCapacity);
  const days = workingDaysOf(profile?.workingDays);
  if (hours === undefined || hours === 0 || days === undefined || days.length === 0) return undefined;
  const week: WorkWeek = { mon: 0, tue: 0, wed: 0, thu: 0, fri: 0, sat: 0, sun: 0 };
  for (const day of days) week[day] = hours;
  return week;
}

/** The holidays of [from, to] by date (a holiday may span days). */
export function holidayNames(holidays: readonly ClockifyHoliday[], from: string, to: string): Map<string, string> {
  const names = new Map<string, string>();
  for (const holiday of holidays) {
    const first = holiday.datePeriod?.startDate?.slice(0, 10);
    if (!first) continue;
    const last = holiday.datePeriod.endDate?.slice(0, 10) ?? first;
    const start = first < from ? from : first;
    const end = last > to ? to : last;
    if (start > end) continue;
    for (const date of eachDate(start, end)) if (!names.has(date)) names.set(date, holiday.name);
  }
  return names;
}

// ---------------------------------------------------------------------------------------------
// Time off

/** Clockify's request statuses: pending, approved, rejected; a withdrawn or otherwise ended one is cancelled. */
export function leaveStatusOf(statusType: string | null | undefined): LeaveStatus {
  const status = (statusType ?? '').toUpperCase();
  if (status === 'PENDING') return 'pending';
  if (status === 'APPROVED') return 'approved';
  if (status === 'REJECTED') return 'rejected';
  return 'cancelled';
}

/**
 * The days of a request's period. Clockify answers with instants; they are read as days in the
 * requester's zone, the end inclusive to its last instant (the end less a millisecond names the
 * last day, whether Clockify gives the end of that day or the start of the next).
 */
export function periodDays(request: ClockifyTimeOffRequest, zone: string): { firstDay: string; lastDay: string } {
  const period = request.timeOffPeriod?.period;
  const start = instantOf(period?.start);
  const end = period?.end ? instantOf(period.end) : start;
  const firstDay = localDate(start, zone);
  const lastDay = end > start ? localDate(end - 1, zone) : firstDay;
  return { firstDay, lastDay: lastDay < firstDay ? firstDay : lastDay };
}

/** A request as Punchcard's; `days` counts its working days where Clockify's balance difference does not say. */
export function toLeaveRequest(
  request: ClockifyTimeOffRequest,
  number: number,
  person: string,
  zone: string,
  countDays: (range: Pick<LeaveRequest, 'firstDay' | 'lastDay' | 'firstDayPart' | 'lastDayPart'>) => number,
): LeaveRequest {
  const { firstDay, lastDay } = periodDays(request, zone);
  const halfDay = request.timeOffPeriod?.halfDay === true && firstDay === lastDay;
  const half = (request.timeOffPeriod?.halfDayPeriod ?? '').toUpperCase();
  const range = {
    firstDay,
    lastDay,
    firstDayPart: halfDay && half === 'SECOND_HALF' ? ('afternoon' as const) : ('full' as const),
    lastDayPart: halfDay && half !== 'SECOND_HALF' ? ('morning' as const) : ('full' as const),
  };
  const diff = request.balanceDiff;
  const days = typeof diff === 'number' && Number.isFinite(diff) && (request.timeUnit ?? 'DAYS').toUpperCase() === 'DAYS' ? Math.abs(diff) : countDays(range);
  return {
    id: number,
    person,
    type: leaveTypeOfName(request.policyName ?? undefined),
    ...(request.policyName ? { kind: request.policyName } : {}),
    ...range,
    days,
    status: leaveStatusOf(request.status?.statusType),
    comment: request.note ?? '',
  };
}

/** A time-off policy as Punchcard chooses among them. */
export interface PolicyChoice {
  id: string;
  name: string;
  /** Whether the policy allows half days; undefined where Punchcard could not read the policy (Clockify then decides). */
  halfDay: boolean | undefined;
  /** 'DAYS' or 'HOURS'. */
  unit: string;
}

/**
 * The policy a request means: the one named by its Clockify name (any case), or the person's one
 * policy whose name says Punchcard's type ("Annual leave" for vacation). Hours-counted policies are
 * not Punchcard's to file.
 */
export function policyFor(policies: readonly PolicyChoice[], type: LeaveType, kind: string | undefined): PolicyChoice {
  const usable = policies.filter((policy) => policy.unit !== 'HOURS');
  const names = (list: readonly PolicyChoice[]) => list.map((policy) => policy.name);
  if (kind !== undefined) {
    const wanted = kind.trim().toLowerCase();
    const found = policies.find((policy) => policy.name.toLowerCase() === wanted);
    if (!found) throw new BackEndError('clockify_policy_unknown', { policy: kind, policies: names(usable) });
    if (found.unit === 'HOURS') throw new BackEndError('clockify_policy_in_hours', { policy: found.name });
    return found;
  }
  const matching = usable.filter((policy) => leaveTypeOfName(policy.name) === type);
  if (matching.length === 1) return matching[0] as PolicyChoice;
  if (matching.length > 1) throw new BackEndError('clockify_policy_ambiguous', { type, policies: names(matching) });
  throw new BackEndError('clockify_policy_none', { type, policies: names(usable) });
}

/** The body of a new request for one part: its days, and which half where it is a half day. */
export function timeOffBody(part: LeavePart, note: string): Record<string, unknown> {
  return {
    timeOffPeriod: {
      period: { start: part.firstDay, end: part.lastDay },
      isHalfDay: part.halfDay,
      ...(part.half ? { halfDayPeriod: part.half === 'morning' ? 'FIRST_HALF' : 'SECOND_HALF' } : {}),
    },
    ...(note ? { note } : {}),
  };
}

/** The workspace's plan name, where Clockify gives one as text. */
export function planName(value: unknown): string | undefined {
  if (typeof value === 'string' && value.trim() !== '') return value.trim();
  if (value && typeof value === 'object') {
    const named = (value as Record<string, unknown>).addonSubscriptionPlan ?? (value as Record<string, unknown>).name;
    if (typeof named === 'string' && named.trim() !== '') return named.trim();
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Project estimates

/** Hours of an estimate: milliseconds (as a number or digits, as TimeEstimateDto says) or an ISO 8601 duration of any length. */
export function estimateHours(value: string | number | null | undefined): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value > 0 ? value / 3_600_000 : undefined;
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return estimateHours(Number(text));
  const match = /^P(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/i.exec(text);
  if (!match || match.slice(1).every((part) => part === undefined)) return undefined;
  const hours = Number(match[1] ?? 0) * 24 + Number(match[2] ?? 0) + Number(match[3] ?? 0) / 60 + Number(match[4] ?? 0) / 3600;
  return hours > 0 ? Math.round(hours * 100) / 100 : undefined;
}

/** A project's budget as Punchcard reports it, and what it leaves out in words. */
export interface ProjectBudget {
  hours: number | null;
  money: number | null;
  monthly: boolean;
  note?: string;
}

const RESETS: Record<string, string> = { WEEKLY: 'every week', YEARLY: 'every year' };

/**
 * The project's active time estimate (or its older manual estimate) in hours, and its active budget
 * estimate as money (an amount in cents, as Clockify keeps its rates: assumed). An estimate that
 * resets monthly is this month's; one that resets weekly or yearly is said in words and not
 * compared, as Punchcard sums weeks and months only.
 */
export function projectBudget(project: ClockifyProject): ProjectBudget {
  const time = project.timeEstimate;
  const timeActive = time && time.active !== false ? estimateHours(time.estimate) : undefined;
  const hours = timeActive ?? estimateHours(project.estimate?.estimate);
  const money =
    project.budgetEstimate &&
    project.budgetEstimate.active !== false &&
    typeof project.budgetEstimate.estimate === 'number' &&
    project.budgetEstimate.estimate > 0
      ? project.budgetEstimate.estimate / 100
      : undefined;
  const reset =
    (timeActive === undefined ? undefined : time?.resetOption?.toUpperCase()) ??
    (hours === undefined ? project.budgetEstimate?.resetOption?.toUpperCase() : undefined);
  const every = reset ? RESETS[reset] : undefined;
  if (every) {
    const what = hours === undefined ? `budget of ${money}` : `estimate of ${hours} h`;
    return {
      hours: null,
      money: hours === undefined ? null : (money ?? null),
      monthly: false,
      note: `Clockify resets this project's ${what} ${every}; Punchcard compares only one-off and monthly estimates, so no share is given.`,
    };
  }
  return { hours: hours ?? null, money: money ?? null, monthly: reset === 'MONTHLY' };
}

// ---------------------------------------------------------------------------------------------
// Money

/** Whether an amount in currency units is whole cents, as Clockify keeps rates and budgets (to within float error: 10.1 * 100 is not 1010). */
export function wholeCents(amount: number): boolean {
  return Math.abs(Math.round(amount * 100) - amount * 100) < 1e-6;
}

// The Clockify workspace Punchcard works in: the one the settings name, else the key's user's active one, and what
// of it matters here (its plan's features, the fields it requires on every entry), for the context, the person acted
// for and the organisation account alike.

/** The workspace Punchcard works in, as far as it matters here. */
export interface Workspace {
  id: string;
  name: string;
  plan: string | undefined;
  /** Whether the plan includes time off; undefined where Clockify did not say. */
  timeOffInPlan: boolean | undefined;
  /** Whether the plan includes timesheet approvals (APPROVAL); undefined where Clockify did not say. */
  approvalInPlan: boolean | undefined;
  /** Whether the plan includes custom fields (CUSTOM_FIELDS); undefined where Clockify did not say. */
  customFieldsInPlan: boolean | undefined;
  /** Fields the workspace requires on every entry ('project', 'task', 'description'). */
  requires: ReadonlySet<string>;
}

/** The workspace as Punchcard uses it. */
export function workspaceOf(workspace: ClockifyWorkspace): Workspace {
  const settings = workspace.workspaceSettings ?? {};
  const requires = new Set<string>();
  if (settings.forceProjects) requires.add('project');
  if (settings.forceTasks) requires.add('task');
  if (settings.forceDescription) requires.add('description');
  const inPlan = (feature: string) => (Array.isArray(workspace.features) ? workspace.features.includes(feature) : undefined);
  return {
    id: workspace.id,
    name: workspace.name,
    plan: planName(workspace.featureSubscriptionType),
    timeOffInPlan: inPlan('TIME_OFF'),
    approvalInPlan: inPlan('APPROVAL'),
    customFieldsInPlan: inPlan('CUSTOM_FIELDS'),
    requires,
  };
}

/**
 * The workspace the settings name (its id, or its name in any case), else the person's active one;
 * one that matches none is refused with the workspaces the key sees.
 */
export function chooseWorkspace(workspaces: readonly ClockifyWorkspace[], wanted: string | undefined, active: string | undefined): ClockifyWorkspace {
  const seen = workspaces.map((workspace) => ({ name: workspace.name, id: workspace.id }));
  if (wanted !== undefined) {
    const byId = workspaces.find((workspace) => workspace.id === wanted);
    if (byId) return byId;
    const byName = workspaces.filter((workspace) => workspace.name.trim().toLowerCase() === wanted.trim().toLowerCase());
    if (byName.length === 1) return byName[0] as ClockifyWorkspace;
    if (byName.length > 1) throw new ClockifyError('config', remoteRefusal('clockify_workspace_ambiguous', { wanted, seen }));
    throw new ClockifyError('config', remoteRefusal('clockify_workspace_unknown', { wanted, seen }));
  }
  const found = workspaces.find((workspace) => workspace.id === active) ?? (workspaces.length === 1 ? workspaces[0] : undefined);
  if (found) return found;
  if (workspaces.length === 0) throw new ClockifyError('config', remoteRefusal('clockify_no_workspace', {}));
  if (active !== undefined) throw new ClockifyError('config', remoteRefusal('clockify_active_workspace_unseen', { seen }));
  throw new ClockifyError('config', remoteRefusal('clockify_workspace_unnamed', { seen }));
}

/** What the person's approved periods and the approvals both read of an approval request (approvals/mapping.ts, acting.ts). */
const DAY_MS = 86_400_000;

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

/**
 * A well-formed request's owner, days and state (an id, an owner, its days and a state Punchcard knows), or undefined:
 * the one reading the approvals (approvals/mapping.ts) and the person's approved periods (acting.ts) share.
 */
export function requestPeriod(request: ClockifyApprovalRequest, state?: string): (DaySpan & { personId: string; status: ApprovalStatus }) | undefined {
  const span = daysOfRange(request.dateRange);
  const status = statusOf(state ?? request.status?.state);
  const personId = request.owner?.userId;
  if (!span || !status || typeof request.id !== 'string' || request.id === '' || !personId) return undefined;
  return { ...span, personId, status };
}
