// The one interface every back end implements (DESIGN.md §4). Instants are epoch milliseconds and
// days are 'YYYY-MM-DD' strings in the user's zone; the tools turn them into ISO text with offsets.
// A provider declares what it can do; a tool whose capability is missing is registered but disabled,
// so it stays out of tools/list until the back end gains the capability.
import type { PlannedDay } from '../domain/work-plan.ts';

/**
 * - `account`: whoami; every back end has it.
 * - `entries` lists and logs time, `entries_edit` changes and deletes it (Calamari's shifts cannot be).
 * - `breaks`: start and end a break within the running shift (Calamari).
 * - `leave_cancel`: withdraw a leave request (not every API can).
 */
export const CAPABILITIES = [
  'account',
  'timer',
  'breaks',
  'entries',
  'entries_edit',
  'reports',
  'catalog',
  'catalog_write',
  'leave',
  'leave_cancel',
  'calendar',
] as const;
export type Capability = (typeof CAPABILITIES)[number];

export interface Ref {
  id: number;
  name: string;
}

export interface TimeEntry {
  id: number;
  start: number;
  /** `null` while the timer runs. */
  end: number | null;
  project: Ref | null;
  activity: Ref | null;
  description: string;
  /** Breaks taken inside the entry (a Calamari shift); their time is not worked time. */
  breaks?: BreakSpan[];
}

/** A break inside a shift; `end` is null while it runs. */
export interface BreakSpan {
  type: Ref;
  start: number;
  end: number | null;
}

export interface EntryFields {
  start: number;
  end: number | null;
  projectId: number | null;
  activityId: number | null;
  description: string;
}

export interface EntryQuery {
  /** Entries that start in [from, to). */
  from: number;
  to: number;
  projectId?: number;
  limit: number;
  offset: number;
}

/** A worked interval, all a report needs; the running timer ends "now". */
export interface WorkSpan {
  start: number;
  end: number;
  project: Ref | null;
  activity: Ref | null;
}

export const CATALOG_KINDS = ['customer', 'project', 'activity'] as const;
export type CatalogKind = (typeof CATALOG_KINDS)[number];

export interface CatalogItem {
  kind: CatalogKind;
  id: number;
  name: string;
  archived: boolean;
  /** Projects belong to an optional customer. */
  customer?: Ref | null;
  /** Activities may belong to one project; `null` means usable with every project. */
  project?: Ref | null;
}

export interface Catalog {
  customers: CatalogItem[];
  projects: CatalogItem[];
  activities: CatalogItem[];
}

export const LEAVE_TYPES = ['vacation', 'sick', 'personal', 'parental', 'unpaid', 'other'] as const;
export type LeaveType = (typeof LEAVE_TYPES)[number];
export const LEAVE_STATUSES = ['pending', 'approved', 'rejected', 'cancelled'] as const;
export type LeaveStatus = (typeof LEAVE_STATUSES)[number];

export interface LeaveRequest {
  id: number;
  person: string;
  type: LeaveType;
  /** The back end's own name of the type when it says more than `type` ("Sick day of a child"). */
  kind?: string;
  /**
   * Work somewhere else (Clockodo's home office, Calamari's remote days): filed and listed like
   * leave, but the day keeps its target hours, costs no leave and nobody is away.
   */
  workingElsewhere?: boolean;
  firstDay: string;
  lastDay: string;
  firstDayPart: 'full' | 'afternoon';
  lastDayPart: 'full' | 'morning';
  /** Working days the request costs, after weekends and public holidays. */
  days: number;
  status: LeaveStatus;
  comment: string;
  /**
   * Set when the back end stored the request as several records (Kimai's absences may not span New
   * Year or more than 30 days); `id` is then the first part's.
   */
  parts?: Array<{ id: number; firstDay: string; lastDay: string }>;
}

/**
 * What a person asks for; the back end assigns the id, the person and the status. `kind`, when
 * given, is a type by the back end's own name, which the back end resolves (or refuses in words).
 */
export type NewLeaveRequest = Omit<LeaveRequest, 'id' | 'person' | 'status' | 'parts'>;

/** One person's absence as the calendar shows it: colleagues' details stay with the back end. */
export interface TeamAbsence {
  person: string;
  /** Whether it is the person's own absence. */
  own: boolean;
  /** `null` where the back end does not show the kind of a colleague's absence. */
  type: LeaveType | null;
  kind?: string;
  workingElsewhere?: boolean;
  firstDay: string;
  lastDay: string;
  firstDayPart: 'full' | 'afternoon';
  lastDayPart: 'full' | 'morning';
  status: LeaveStatus;
}

/** A year's leave as the back end accounts it (its entitlements, not the local settings). */
export interface LeaveBalance {
  /** Vacation entitlement of the year, carry-over included; null where the back end gives only what is left (Calamari). */
  entitlement: number | null;
  /** Days carried over from the year before, or null where the back end does not say. */
  carryOver: number | null;
  /** The back end sets no limit on vacation (Calamari); the numbers then say what was used. */
  unlimited?: boolean;
  /** Vacation days before today, and from today on, of the requests that stand. */
  taken: number;
  planned: number;
  remaining: number;
  /** Days per leave type other than vacation. */
  other: Partial<Record<Exclude<LeaveType, 'vacation'>, number>>;
}

/** The person's worked-time account as the back end keeps it (overtime, or shortfall when negative). */
export interface TimeAccount {
  /** Worked minus target over the range the back end was asked about. */
  balanceMinutes: number;
  /** What the balance covers, in words ("Clockodo's time account for 2026, carry-over included"). */
  label: string;
}

export interface Person {
  name: string;
  /** One line about the connection (server, version, mode) for remote back ends. */
  connection?: string;
  /**
   * Target hours per weekday as the back end keeps them for the person, where it keeps them
   * (Clockodo, Calamari); the settings' work week otherwise.
   */
  workWeek?: Record<'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun', number>;
  /** Where public holidays come from when the back end keeps them ("Clockodo's non-business days"). */
  holidays?: string;
}

export interface TimeTracker {
  readonly type: string;
  readonly label: string;
  /** May grow or shrink while the server runs; see `onCapabilitiesChange`. */
  readonly capabilities: ReadonlySet<Capability>;
  /**
   * Remote back ends learn some capabilities (an optional server plugin) only after start; the
   * engine subscribes here to switch those tools on or off. Returns the unsubscribe function.
   */
  onCapabilitiesChange?(listener: () => void): () => void;
  /** Asks the back end what it offers now; the engine calls it once, in the background, after start. */
  detectFeatures?(): Promise<void>;
  /**
   * The person's zone in the back end (Kimai's profile zone), used for days and displayed times
   * when the settings name none; a failure to learn it fails the tool call with its reason.
   * Trackers without such a zone leave this out.
   */
  timeZone?(): Promise<string | null>;

  whoami(): Promise<Person>;

  /**
   * The person's working days as the back end keeps them (target hours per day, its public holidays
   * or non-business days), for reports, leave counting and the calendar. Without it, the settings'
   * work week and holiday region are the plan. Must cover every day of [from, to].
   */
  workPlan?(from: string, to: string): Promise<PlannedDay[]>;
  /** Leave entitlements as the back end keeps them; without it, leave_balance counts from the settings. */
  leaveBalance?(year: number): Promise<LeaveBalance>;
  /** The person's and visible colleagues' absences over [from, to]; without it, the calendar shows the person's own leave. */
  teamAbsences?(from: string, to: string): Promise<TeamAbsence[]>;
  /**
   * The back end's own worked-time balance for a report of [from, to] (up to today), or null where the
   * back end keeps one but will not show it to this person.
   */
  timeAccount?(from: string, to: string): Promise<TimeAccount | null>;

  runningEntry(): Promise<TimeEntry | null>;
  /**
   * Starts a timer at `start`, or at the moment the back end commits when it is left out (so a
   * request that waited for another process never starts before what that process did). With
   * `switchRunning`, a running timer is stopped where the new one starts; without it, a running
   * timer is refused with TimerRunningError.
   */
  startTimer(
    fields: Omit<EntryFields, 'end' | 'start'> & { start?: number },
    switchRunning: boolean,
  ): Promise<{ started: TimeEntry; stopped: TimeEntry | null }>;
  /** Stops the running timer at `end`, or at the moment the back end commits when it is left out. */
  stopTimer(end?: number, note?: string): Promise<TimeEntry>;
  /**
   * Back ends with the `breaks` capability: the break types the person may use, and starting and
   * ending a break inside the running shift (the shift with its breaks comes back).
   */
  breakTypes?(): Promise<Ref[]>;
  startBreak?(typeId: number | null): Promise<TimeEntry>;
  endBreak?(): Promise<TimeEntry>;

  listEntries(query: EntryQuery): Promise<{ entries: TimeEntry[]; total: number }>;
  getEntry(id: number): Promise<TimeEntry>;
  createEntry(fields: EntryFields & { end: number }): Promise<TimeEntry>;
  updateEntry(id: number, patch: Partial<EntryFields>): Promise<TimeEntry>;
  deleteEntry(id: number): Promise<TimeEntry>;
  /** Worked spans overlapping [from, to), clipped to it; for reports. */
  workSpans(from: number, to: number, now: number, projectId?: number): Promise<WorkSpan[]>;
  /** Entries that end inside [from, to), newest first: what "the day so far" needs. */
  lastEntryEndingBetween(from: number, to: number): Promise<TimeEntry | null>;

  /**
   * The customers, projects and activities. `kinds` names the ones the caller needs, so a remote back
   * end may skip the others (they come back empty); without it, all three.
   */
  catalog(includeArchived: boolean, kinds?: readonly CatalogKind[]): Promise<Catalog>;
  createCatalogItem(item: { kind: CatalogKind; name: string; customerId?: number; projectId?: number }): Promise<CatalogItem>;
  setArchived(kind: CatalogKind, id: number, archived: boolean): Promise<CatalogItem>;

  listLeave(query: { from: string; to: string }): Promise<LeaveRequest[]>;
  createLeave(request: NewLeaveRequest): Promise<LeaveRequest>;
  cancelLeave(id: number): Promise<LeaveRequest>;

  close(): void;
}

/** A failure the user can act on; tools turn it into an `isError` result with this message. */
export class ProviderError extends Error {
  /** `denied`: the back end refused the credentials or the permission for this action. */
  readonly code: 'not_found' | 'conflict' | 'invalid' | 'unavailable' | 'denied';
  constructor(code: ProviderError['code'], message: string) {
    super(message);
    this.name = 'ProviderError';
    this.code = code;
  }
}

/** Thrown by `startTimer` without `stopRunningAt` while another timer runs. */
export class TimerRunningError extends ProviderError {
  readonly running: TimeEntry;
  constructor(running: TimeEntry) {
    super('conflict', 'A timer is already running.');
    this.name = 'TimerRunningError';
    this.running = running;
  }
}
