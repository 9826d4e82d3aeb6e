// The one IPC contract between the settings window and the main process (docs/decisions.md, "One
// IPC contract"): each bridge function's name, the zod schema its argument must pass, and the type
// of its answer. The preload builds the bridge from these names, main registers a handler per name,
// and the renderer's `window.punchcard` type is derived from here, so a channel cannot drift
// between the three. Electron-free and Node-free: the renderer's type check reads it too.
import * as z from 'zod/v4';
import { ACCELERATOR_MAX } from '../../mcp-server/contract/accelerator.ts';
import { DURATION_STYLES, type DurationStyle } from '../../mcp-server/contract/durations.ts';
import { HolidayRegionSchema, WorkWeekSchema } from '../../mcp-server/contract/settings.ts';
import type { BackEndDescriptor, SecretDescriptor } from '../../mcp-server/contract/back-end-descriptor.ts';
import { BACK_ENDS, type BackEnd, type BackEndType, type ProfileView } from '../../mcp-server/contract/back-ends.ts';
import { TOOL_GROUPS, TOOL_NAMES, type ToolAccess, type ToolGroup, type ToolName } from '../../mcp-server/contract/tool-catalog.ts';
import type { ChannelName, EventName, Screen } from './channels.ts';
import type { KeptWriteChoice } from '../../mcp-server/contract/app-tools/kept-write-decisions.ts';
import type { BreakOutput, EntryOutput } from '../../mcp-server/contract/tools/outputs.ts';
import type { DraftOutput } from '../../mcp-server/contract/tools/suggest-entries.ts';
import { EvidenceSettingsSchema, type EvidenceSettings, type EvidenceSource } from '../../mcp-server/contract/evidence-settings.ts';
import type { LeaveStatus, LeaveType } from '../../mcp-server/contract/vocabulary.ts';
import { ProviderInput } from './provider-input.ts';
import type { AdminSection } from './admin-sections.ts';
import { BUDGET_PERIODS, type BudgetPeriod, CATALOG_KINDS, type CatalogKind, type InvoiceStatus } from '../../mcp-server/contract/vocabulary.ts';
import { UPDATE_MODES, type UpdateMode, type UpdateView } from '../updates/update-model.ts';

export type { ProviderRequest } from './provider-input.ts';

export { CHANNEL_NAMES, channelOf, EVENT_NAMES, eventChannelOf, SCREENS, type ChannelName, type EventName, type Screen } from './channels.ts';

// ---------------------------------------------------------------------------------------------
// What the handlers answer with (plain data: it crosses the process boundary by structured clone)

/** A time entry as the engine's tools answer with it (mcp-server/contract/tools/outputs.ts), handed on as it is. */
export type EntryView = EntryOutput;
export type BreakView = BreakOutput;

/** Why a day asks for less than its weekday does, as time_report names it. */
export interface DayReason {
  /** The public holiday on the day, by name ("Ascension Day"), or null. */
  holiday: string | null;
  /** The kind of leave the day takes (approved or pending), or null. */
  leave: LeaveTypeName | null;
}

export interface DayTotal extends DayReason {
  /** YYYY-MM-DD in the person's zone. */
  date: string;
  minutes: number;
  targetMinutes: number;
}

export interface StatusView {
  /** The person's date (YYYY-MM-DD in the engine's zone): which day of `week` is today. */
  today: string;
  running: EntryView | null;
  todayMinutes: number;
  weekMinutes: number;
  /** Today's entries, oldest first, the running one included. */
  todayEntries: EntryView[];
  /** Monday to Sunday of the current week. */
  week: DayTotal[];
  /** Project names of recent entries, most recent first, for quick clock-in. */
  recentProjects: string[];
  /**
   * Recent project and activity pairs, most recent first, each with the note of its latest entry: what
   * the tray offers to switch to, and what the window continues (project, activity and note together).
   */
  recentWork: Array<{ project: string; activity: string | null; description: string }>;
  /** Whether the back end takes breaks (the engine offers start_break and end_break): only then are they offered. */
  breaksSupported: boolean;
  /** When the engine answered (epoch ms): the window and tray tick elapsed time from here. */
  asOf: number;
  /**
   * Writes kept while the back end was out of reach that were not sent and wait for the person's
   * decision, oldest first (the engine's outbox); empty on the local timesheet.
   */
  keptWrites: KeptWriteView[];
  /** Whether the back end offers this person the team tools (the window then shows its Team screen). */
  teamAvailable: boolean;
  /**
   * The Administration screen's sections the engine offers this person, in order (main/ipc/admin-sections.ts);
   * empty for anyone the back end does not say administers something, and then the screen is not offered.
   */
  adminSections: AdminSection[];
  /**
   * Counts the statuses main reads, from when it began reading each: of two, the higher was read
   * later. Statuses arrive out of order (an announcement read before a load the window started
   * may land after it), and the older one must not replace the newer.
   */
  sequence: number;
}

export type { KeptWriteChoice, UpdateMode, UpdateView };

export interface KeptWriteView {
  id: number;
  kind: 'clock_in' | 'clock_out' | 'log_time';
  /** When the person made the write, ISO 8601 with its offset. */
  happenedAt: string;
  /** Why it was not sent, and what can be done, in the engine's sentence for people. */
  words: string;
  choices: Array<{ choice: KeptWriteChoice; label: string }>;
}

export interface ToolView {
  name: ToolName;
  title: string;
  description: string;
  access: ToolAccess;
  /** What the AI clients see now: the switches combined with read-only mode. */
  enabled: boolean;
  /** The tool's own switch, before read-only mode hides writing tools. */
  switchedOn: boolean;
  /** False when the connected back end cannot do this (the tool is then absent for AI clients). */
  supported: boolean;
  /** True when the organisation's policy never offers this tool to AI clients: its switch is locked. */
  lockedByOrganisation: boolean;
}

export interface ToolGroupView {
  group: ToolGroup;
  title: string;
  /** 'some' when the group's tools are switched differently. */
  state: 'on' | 'off' | 'some';
  tools: ToolView[];
}

export interface ToolsView {
  readOnly: boolean;
  /** Read-only mode is set by the organisation and cannot be switched off here. */
  readOnlyLocked: boolean;
  /** Why the organisation leaves AI clients only `whoami` (AI access off, a back end not allowed), or null. */
  organisation: string | null;
  groups: ToolGroupView[];
}

export type RegistrationState = 'registered' | 'missing' | 'stale' | 'outdated' | 'invalid' | 'manual';

export interface ClientCard {
  id: string;
  name: string;
  installed: boolean;
  /** True when Punchcard can edit the client's file itself (one-click register). */
  writable: boolean;
  status: RegistrationState;
  /** A person's words for the status, e.g. "Registered" or "The file has an error on line 3". */
  statusText: string;
  files: Array<{ path: string; status: RegistrationState; problem?: string }>;
  nextStep: string;
  /** Why the organisation does not allow registering this client; the register button is locked. */
  lockedByOrganisation?: string;
}

/** Punchcard's Claude Desktop extension (an MCP Bundle, `.mcpb`): installed by Claude Desktop itself. */
export interface ExtensionView {
  /** The bundle beside the app (in a checkout: dist/punchcard.mcpb), or null when there is none. */
  path: string | null;
  /** Why it cannot be installed from here, in words; null when it can. */
  problem: string | null;
  /** Claude Desktop was found on this computer. */
  claudeInstalled: boolean;
}

/** The organisation's team server, where its policy names one (for the clients that cannot start Punchcard here). */
export interface TeamServerView {
  /** What a person adds to Claude.ai, ChatGPT or Copilot Studio: https://…/mcp; null: no team server named. */
  endpoint: string | null;
}

export interface ClientChange {
  card: ClientCard;
  /** What happened, in words: which files changed, where the backup is, what to do next. */
  message: string;
}

export interface SnippetView {
  clientId: string;
  language: 'json' | 'toml' | 'yaml';
  text: string;
  command: string | null;
  /** Install links by label; opened through `openClientLink`, never by URL from the window. */
  links: string[];
  nextStep: string;
}

/** The back ends' types, for the window's imports of the contract. */
export type { BackEndType };

/**
 * A back end the Account screen offers: its descriptor (mcp-server/contract/back-end-descriptor.ts),
 * data the window renders the form from (its label, what it is, its fields, its secret's name, where to
 * find it by link id, and what to know before saving).
 */
export type BackEndChoice = BackEndDescriptor & {
  readonly type: BackEndType;
  readonly secret: (SecretDescriptor & { readonly help: { readonly id: LinkId; readonly url: string } }) | null;
};

/** A back end's account as the window shows it: everything but secrets, which a profile never holds. */
export type { ProfileView };

export interface AccountView {
  provider: ProfileView;
  /** Whether the keychain holds a secret for the configured account; the secret never leaves main. */
  hasCredential: boolean;
  /** Why the keychain could not be asked (locked, no Secret Service), or null. */
  credentialProblem: string | null;
  choices: readonly BackEndChoice[];
  /** What the organisation's policy sets here, or null: the controls it covers are locked. */
  organisation: { fixed: boolean; allowed: BackEndType[] | null; note: string } | null;
}

export interface ConnectionResult {
  ok: boolean;
  /** A sentence a person can act on: who is connected, or what is wrong and what to do. */
  message: string;
}

/**
 * What the back end keeps for the person instead of the settings (docs/decisions.md, "Back ends act
 * as the person and report their own truth"), as the engine's whoami and leave_balance report it:
 * shown read-only, never offered for local editing.
 */
export interface BackEndPlanView {
  state: 'kept';
  /** The back end's name: "Clockodo". */
  name: string;
  /** Target hours per weekday; null where the back end keeps none for the person (the settings' week counts, and stays editable). */
  workWeek: z.infer<typeof WorkWeekSchema> | null;
  /** Whether the back end keeps the person's public holidays; false where it shows none (the settings' region counts, and stays editable). */
  keepsHolidays: boolean;
  /** Where the public holidays come from, in the engine's words ("Clockodo's non-business days"), or null. */
  holidays: string | null;
  /** This year's vacation as the back end keeps it; null when the leave entitlement stays with the settings. */
  leave: {
    year: number;
    /** Days of the year, carry-over included; null where the back end says only what is left. */
    entitlement: number | null;
    /** Days carried over from the year before; null where the back end does not say. */
    carryOver: number | null;
    remaining: number;
    /** No limit on vacation: entitlement and remaining are then no limits. */
    unlimited: boolean;
  } | null;
}

/** The engine could not read what the back end keeps (it is unreachable): those fields stay locked, with this reason. */
export interface BackEndPlanUnknown {
  state: 'unknown';
  name: string;
  /** The engine's sentence: what went wrong. */
  problem: string;
}

export interface PreferencesView {
  /** Null when the settings keep the work week, holidays and leave (the local timesheet, Kimai). */
  backEnd: BackEndPlanView | BackEndPlanUnknown | null;
  workWeek: z.infer<typeof WorkWeekSchema>;
  holidays: z.infer<typeof HolidayRegionSchema> | null;
  annualLeaveDays: number;
  carryOverDays: number;
  /**
   * Whether the local timesheet, which approves leave as it is filed, may record leave beyond the
   * balance (asked about even then); null where the back end in use has someone who approves leave.
   */
  allowLeaveBeyondBalance: boolean | null;
  /** IANA zone; empty means the system's. */
  timezone: string;
  startAtLogin: boolean;
  /** Notify when a timer has run this many hours; 0 turns the reminder off. */
  reminderHours: number;
  /** Whether the operating system lets the app start at login (false for an AppImage, for example). */
  startAtLoginSupported: boolean;
  /** Minutes of idleness (while a timer runs) after which the tray asks what that time was; 0 is off. */
  idleMinutes: number;
  /** The global shortcut that clocks in and out (an Electron accelerator), or '' for none. */
  shortcut: string;
  /** Why the saved shortcut does not work now (another app holds it), or null. */
  shortcutProblem: string | null;
  /** How the window and the tray write durations: "3 h 45 min" or "3.75 h". */
  durations: DurationStyle;
}

export interface HolidayRegionOption {
  code: string;
  name: string;
}

// ---------------------------------------------------------------------------------------------
// The daily screens: timesheet, reports, leave, team calendar, and the tray's idle question

/** What the back end lets the person do with entries, from the tools the engine offers. */
export interface EntryRights {
  /** log_time: entries added afterwards. */
  add: boolean;
  /** update_time_entry and delete_time_entry. */
  edit: boolean;
  /** What the back end does not allow and where to do it instead, in words; null when everything is allowed. */
  note: string | null;
}

export interface TimesheetView {
  /** Monday and Sunday of the week shown, YYYY-MM-DD. */
  from: string;
  to: string;
  /** Each day of the week with its own target (holidays and approved leave already taken off), and why. */
  days: Array<DayReason & { date: string; targetMinutes: number }>;
  /** Every entry that starts in the week, oldest first; the running one too. */
  entries: EntryView[];
  rights: EntryRights;
  /** When the engine answered (epoch ms): a running entry's time is counted on from here. */
  asOf: number;
}

/** A new entry, or the changes to one. Times are local wall times ("2026-05-12T09:00") or ISO 8601 with an offset. */
export interface EntryFieldsInput {
  start?: string;
  end?: string;
  project?: string;
  activity?: string;
  description?: string;
}

export interface CatalogView {
  projects: string[];
  /** Activities with the project they belong to, or null for those every project may use. */
  activities: Array<{ name: string; project: string | null }>;
  /** The break types the person may take, the default first (back ends with breaks); empty elsewhere. */
  breakTypes: string[];
}

export interface ReportView {
  from: string;
  to: string;
  today: string;
  days: DayTotal[];
  /** Time per project, most first; "No project" for time without one. */
  projects: Array<{ name: string; minutes: number }>;
  totalMinutes: number;
  targetMinutes: number;
  /** The target of the days up to today: what overtime is counted against. */
  targetSoFarMinutes: number;
  /** Worked minus the target so far; negative is undertime. */
  overtimeMinutes: number;
  /** The back end's own account of overtime where it keeps one (Clockodo, Calamari), with what it covers. */
  backEndBalance: { minutes: number; covers: string } | null;
}

export interface ExportResult {
  /** Where the file went, or null when the person closed the dialog without saving. */
  path: string | null;
  entries: number;
}

export type LeaveTypeName = LeaveType;
export type LeaveStatusName = LeaveStatus;

export interface LeaveRequestView {
  id: number;
  type: LeaveTypeName;
  /** The back end's own name of the type ("Sick day of a child"), where it says more. */
  kind?: string;
  /** Work somewhere else (a home-office day): listed like leave, costs none. */
  workingElsewhere?: boolean;
  firstDay: string;
  lastDay: string;
  firstDayPart: 'full' | 'afternoon';
  lastDayPart: 'full' | 'morning';
  days: number;
  status: LeaveStatusName;
  comment: string;
}

/** Hours of the people the back end lets this person see over a week (the engine's team_report). */
export interface TeamHoursView {
  from: string;
  to: string;
  people: Array<{
    name: string;
    minutes: number;
    /** Null where the back end keeps no targets for the person. */
    targetMinutes: number | null;
    byProject: Array<{ project: string | null; activity: string | null; minutes: number }>;
    /** Working days before today with nothing recorded. */
    missingDays: string[];
    /** What their running timer is on, or null. */
    running: string | null;
  }>;
  /** Everyone the back end lets the person see; `people` is the window from `offset`. */
  total: number;
  offset: number;
  nextOffset: number | null;
  /** Whose time this is, in the back end's words. */
  covers: string;
}

export interface PendingLeaveView {
  requests: Array<Omit<LeaveRequestView, 'status' | 'workingElsewhere'> & { person: string; alsoAway: string[] }>;
  nextOffset: number | null;
  covers: string;
}

/** What the Team screen may show: each part null where the back end (or the policy) does not offer it, with why. */
export interface TeamAvailability {
  hours: boolean;
  leave: boolean;
  /** Why neither is offered, in words; null when one is. */
  unavailable: string | null;
}

export interface LeaveBalanceView {
  year: number;
  entitlement: number | null;
  carryOver: number | null;
  unlimited: boolean;
  taken: number;
  planned: number;
  remaining: number;
  /** Days of the other types the year has any of. */
  other: Array<{ type: Exclude<LeaveTypeName, 'vacation'>; days: number }>;
  /** Who keeps the entitlement: the back end, or Punchcard's settings. */
  source: 'back_end' | 'settings';
}

export interface LeaveView {
  year: number;
  /** Null where the back end has no leave at all: then `unavailable` says why. */
  balance: LeaveBalanceView | null;
  /** Requests that touch the year, cancelled ones included, by first day. */
  requests: LeaveRequestView[];
  rights: {
    request: boolean;
    cancel: boolean;
    /** The working days a request costs can be shown before it is sent (the engine's calendar). */
    preview: boolean;
    /** What the back end does not allow here and where to do it instead; null when everything is allowed. */
    note: string | null;
  };
  /** Why there is no leave here at all (Kimai without its absence plugin), or null. */
  unavailable: string | null;
}

export interface LeaveRequestInput {
  type: LeaveTypeName;
  firstDay: string;
  lastDay: string;
  firstDayPart?: 'full' | 'afternoon';
  lastDayPart?: 'full' | 'morning';
  comment?: string;
  /** The person confirmed, in the window, leave beyond the vacation balance (the engine's `beyond_balance`). */
  beyondBalance?: boolean;
}

export interface LeavePreview {
  /** Working days the request would cost, as the engine counts them when it is sent. */
  days: number;
  /** Days of the range that cost nothing, and why. */
  free: Array<{ date: string; reason: 'day off' | 'holiday'; holiday: string | null }>;
  /**
   * What the request would leave of the vacation balance, counted as the engine counts it before it
   * files: per year it costs days in, or once (year null) for a balance the back end keeps across
   * years; empty where it draws on none (another type) or the balance has no limit.
   */
  leaves: Array<{ year: number | null; days: number }>;
  /** Why the balance could not be read now (the engine then files without checking it), or null. */
  balanceProblem: string | null;
  /** Why leave beyond the balance cannot be recorded here whatever the person says (the local timesheet without the Preferences switch), or null. */
  beyondRefused: string | null;
  /**
   * Who else is away on the request's working days, with exactly what the engine's calendar shows
   * of them (the kind only where the back end shows it); null where the back end shows no colleagues.
   */
  away: Array<{ person: string; type: LeaveTypeName | null; kind?: string; firstDay: string; lastDay: string }> | null;
}

export interface LeaveFiled {
  request: LeaveRequestView;
  /** The engine's sentence: what was filed, holidays not counted, vacation days left. */
  message: string;
}

export interface CalendarView {
  /** YYYY-MM. */
  month: string;
  days: Array<{
    date: string;
    /** The person's own working day. */
    workingDay: boolean;
    holiday: string | null;
    /**
     * Who is away, with only what the back end lets the person see (type null: not shown); `own` marks
     * the person's own absence, `pending` one that waits for approval.
     */
    away: Array<{ person: string; type: LeaveTypeName | null; kind?: string; part: 'full' | 'morning' | 'afternoon'; own: boolean; pending: boolean }>;
  }>;
  /** Everyone away some day of the month, by name. */
  people: string[];
  /** Whose absences the back end shows: colleagues too, or only the person's own. */
  scope: string;
  /** Why there is no calendar here, or null. */
  unavailable: string | null;
}

export type IdleAnswer = 'keep' | 'keep-stop' | 'discard-stop' | 'discard-restart';

/** The tray noticed the person was away while a timer ran, and asks what that time was. */
export interface IdleQuestion {
  /** Identifies this question: an answer to an older one is refused. */
  id: number;
  /** When the idleness began and when the person came back (ISO 8601 with the person's offset). */
  since: string;
  until: string;
  minutes: number;
  /** Why the tray noticed: the computer was idle, asleep or locked. */
  cause: 'idle' | 'sleep' | 'lock';
  /** The running entry it is about. */
  entry: EntryView;
}

// ---------------------------------------------------------------------------------------------
// Administration: the sections of main/ipc/admin-sections.ts, each through the engine's own tools

export type { AdminSection, BudgetPeriod, CatalogKind, InvoiceStatus };

/** A customer, project or activity as list_catalog shows it, archived ones too. */
export interface AdminCatalogItem {
  id: number;
  name: string;
  archived: boolean;
  /** A project's customer, an activity's project; null for a customer and for an activity every project may use. */
  parent: string | null;
}

export interface AdminCatalogView {
  customers: AdminCatalogItem[];
  projects: AdminCatalogItem[];
  activities: AdminCatalogItem[];
  /** What the listing leaves out, in the engine's words, or null. */
  note: string | null;
  /** Whether the back end lets the person change what an item keeps (the engine offers update_catalog_item). */
  changeable: boolean;
}

/**
 * What a customer, project or activity keeps now, in the fields the back end lets the person change there
 * (the app's engine's catalog_item_fields); null where it keeps none. A field left out is one the back end
 * keeps not for this kind, or does not show the person: the window offers no change of it.
 */
export interface CatalogItemFieldsView {
  name: string;
  /** Hours. */
  budgetHours?: number | null;
  /** In the customer's currency. */
  budgetMoney?: number | null;
  budgetPeriod?: BudgetPeriod | null;
  billable?: boolean | null;
  /** '' where there is none. */
  comment?: string;
  /** A project's customer. */
  customer?: { id: number; name: string } | null;
  /** A project's first and last day, YYYY-MM-DD. */
  start?: string | null;
  end?: string | null;
}

export interface CatalogItemView {
  kind: CatalogKind;
  id: number;
  fields: CatalogItemFieldsView;
}

/** A change to the catalog, the tags or the rates: the engine's sentence about it, and the view after it. */
export interface AdminChange<View> {
  message: string;
  view: View;
}

export interface AdminTagView {
  id: number;
  name: string;
  /** "#RRGGBB", or null where the back end keeps none. */
  color: string | null;
  archived: boolean;
}

export interface InvoicesView {
  /** The days the invoices were made in (the engine's default: the last 90 days). */
  from: string;
  to: string;
  invoices: Array<{ id: number; number: string; customer: string; date: string; status: InvoiceStatus; total: number; currency: string }>;
  page: number;
  totalPages: number;
  total: number;
}

/** One person as manage_people lists them; `role` is the back end's own word, null where it shows none. */
export interface AdminPerson {
  id: number;
  name: string;
  email: string;
  role: string | null;
  active: boolean;
  teams: string[];
}

/** A page of the people the back end lets the person see (manage_people, list). */
export interface PeopleView {
  people: AdminPerson[];
  page: number;
  totalPages: number;
  total: number;
}

/** A change to a person: the engine's sentence about it, and the person as the back end keeps them now. */
export interface PersonChange {
  message: string;
  person: AdminPerson;
}

/** A team as manage_teams lists it. */
export interface AdminTeamSummary {
  id: number;
  name: string;
}

/** A team as manage_teams shows it: its members, leads marked. */
export interface AdminTeamView extends AdminTeamSummary {
  members: Array<{ id: number; name: string; lead: boolean }>;
}

/** A change to a team: the engine's sentence, the teams now, and the team as it is now (null once deleted). */
export interface TeamChange {
  message: string;
  teams: AdminTeamSummary[];
  team: AdminTeamView | null;
}

/** One rate as manage_rates lists it: per hour or fixed per time entry, in the item's currency; `person` null is everyone's. */
export interface RateView {
  id: number;
  person: { id: number; name: string } | null;
  hourly: number | null;
  fixed: number | null;
  internal: number | null;
}

/** A customer's, project's or activity's rates; `currency` null: that of the customer booked for (a global activity). */
export interface RatesView {
  kind: CatalogKind;
  item: { id: number; name: string };
  currency: string | null;
  rates: RateView[];
}

/** What a bulk correction changes, as correct_time_entries takes it; only what is given changes. */
export interface CorrectionSetView {
  project?: string;
  activity?: string;
  billable?: boolean;
  exported?: boolean;
  addTags?: string[];
}

/** correct_time_entries' answer: the preview (`changed` false) or what it changed, in the same shape. */
export interface CorrectionView {
  changed: boolean;
  count: number;
  hours: number;
  /** The locked period's end where the account's settings name one, or null: then locked periods are unknown. */
  lockedUntil: string | null;
  notTouched: Array<{ id: number; start: string; person: string; reason: 'locked' | 'exported' }>;
  /** The first 20 it changes or would change. */
  entries: Array<{ id: number; start: string; hours: number; person: string; project: string; activity: string }>;
  /** The engine's words about it. */
  message: string;
}

// ---------------------------------------------------------------------------------------------
// The day from evidence: drafts on the Timesheet, the sources in Preferences (docs/evidence.md)

/** A draft as suggest_entries answers with it (mcp-server/contract/tools/suggest-entries.ts), handed on as it is. */
export type DraftView = DraftOutput;
export type { EvidenceSettings, EvidenceSource };

export interface DraftsView {
  /** The day, YYYY-MM-DD. */
  date: string;
  /** The sources the settings switch on; none: the Timesheet shows no drafts and the engine is not asked. */
  sources: EvidenceSource[];
  /** Why the engine drafts nothing here (the tools switched off, the organisation's policy), in its words; or null. */
  unavailable: string | null;
  drafts: DraftView[];
  /** What the back end already holds that day: drafts never overlap it. */
  booked: Array<{ id: number; start: string; end: string | null; project: string | null }>;
  /** Evidence no rule and no past booking maps to a project (its draft has none). */
  unmapped: Array<{ source: EvidenceSource; text: string; minutes: number }>;
  /** A source that was off, unreadable or not what it claims, in a sentence. */
  skipped: Array<{ source: EvidenceSource; problem: string }>;
}

/** A draft the person accepted, with what they changed (book_suggested_entries' `entries`). */
export interface DraftChange {
  id: string;
  project?: string;
  activity?: string;
  description?: string;
  /** Local wall times ("2026-05-12T09:00") or ISO 8601 with an offset. */
  start?: string;
  end?: string;
}

export interface DraftsBooked {
  /** The entries booked, each with the id of the draft it came from. */
  booked: Array<EntryView & { draft: string }>;
  /** The engine's sentence about what it booked. */
  message: string;
}

export interface EvidenceView {
  /** As config.json holds it: a feed's secret part is `{secret}` there, never the secret. */
  evidence: EvidenceSettings;
  /** Each feed whose address has `{secret}`, and whether the keychain holds its secret (which never leaves main). */
  feeds: Array<{ name: string; hasSecret: boolean }>;
  /** Why the keychain could not be asked, or null. */
  credentialProblem: string | null;
}

// ---------------------------------------------------------------------------------------------
// Request schemas: the renderer is untrusted, every payload is parsed before a handler sees it.

const none = z.undefined();
const clientId = z.string().regex(/^[a-z0-9-]{1,40}$/, 'a client id such as claude-desktop');
const shortText = z.string().max(500);

export const PreferencesInput = z
  .object({
    workWeek: WorkWeekSchema,
    holidays: HolidayRegionSchema.nullable(),
    annualLeaveDays: z.number().min(0).max(366),
    carryOverDays: z.number().min(0).max(366),
    allowLeaveBeyondBalance: z.boolean(),
    timezone: z.string().max(100),
    startAtLogin: z.boolean(),
    reminderHours: z.number().min(0).max(24),
    idleMinutes: z.number().int('whole minutes').min(0).max(240),
    shortcut: z.string().max(ACCELERATOR_MAX),
    durations: z.enum(DURATION_STYLES),
  })
  .partial()
  .strict();

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a day as YYYY-MM-DD');
/** A local wall time or an ISO time with an offset, as the engine reads times. */
const time = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?(Z|[+-]\d{2}:\d{2})?$/, 'a time as YYYY-MM-DDTHH:MM');
const entryId = z.number().int().min(1);
const EntryFields = {
  start: time.optional(),
  end: time.optional(),
  project: shortText.optional(),
  activity: shortText.optional(),
  description: z.string().max(5000).optional(),
};
const leaveType = z.enum(['vacation', 'sick', 'personal', 'parental', 'unpaid', 'other']);
const leaveRequestFields = {
  type: leaveType,
  firstDay: day,
  lastDay: day,
  firstDayPart: z.enum(['full', 'afternoon']).optional(),
  lastDayPart: z.enum(['full', 'morning']).optional(),
  comment: z.string().max(2000).optional(),
};
const LeavePreviewSchema = z.object(leaveRequestFields).strict();
const LeaveRequestSchema = z.object({ ...leaveRequestFields, beyondBalance: z.boolean().optional() }).strict();

/**
 * The Evidence settings as the window sends them: the settings' own schema, except that a feed's
 * address may still hold its secret (main moves it to the keychain before anything is written).
 */
const calendarName = z.string().trim().min(1).max(60);
export const EvidenceInput = EvidenceSettingsSchema.extend({
  calendars: z
    .array(
      z.union([
        z.strictObject({ name: calendarName, file: z.string().trim().min(1).max(1000) }),
        z.strictObject({ name: calendarName, url: z.string().trim().min(1).max(2000) }),
      ]),
    )
    .max(20),
}).strict();
const draftChange = z
  .object({
    id: z.string().min(1).max(64),
    project: z.string().trim().min(1).max(200).optional(),
    activity: z.string().trim().min(1).max(200).optional(),
    description: z.string().max(5000).optional(),
    start: time.optional(),
    end: time.optional(),
  })
  .strict();

/** A catalog item's name as create_catalog_item takes it; a tag's as Kimai and Clockify take one (no comma: entries list tags with commas). */
const catalogName = z.string().trim().min(1, 'a name').max(150);
const tagName = z
  .string()
  .trim()
  .min(2, 'a tag name of at least 2 characters')
  .max(100)
  .refine((name) => !name.includes(','), 'a tag name without a comma');

/** A person as manage_people names one here: by the id its list showed. */
const personId = z.number().int().min(1);
const personName = z.string().trim().min(1, 'a name').max(200);
const email = z
  .string()
  .trim()
  .regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, 'an e-mail address like ada@example.com')
  .max(200);
const roleWord = z.string().trim().min(1).max(100);
const itemName = z.string().trim().min(1).max(100);
/** Which entries a bulk correction covers and what it sets; at least one thing set (correct_time_entries refuses none). */
const correctionRequest = {
  from: day,
  to: day,
  people: z.array(itemName).max(20).optional(),
  project: itemName.optional(),
  activity: itemName.optional(),
  set: z
    .object({
      project: itemName.optional(),
      activity: itemName.optional(),
      billable: z.boolean().optional(),
      exported: z.boolean().optional(),
      addTags: z.array(itemName).min(1).max(5).optional(),
    })
    .strict()
    .refine((set) => Object.values(set).some((value) => value !== undefined), 'something to change: a project, an activity, billable, exported or tags'),
};

/** A team by the id its list showed, and a change to it (manage_teams): one action per request, each with what it needs. */
const teamId = z.number().int().min(1);
/** A team's name as manage_teams takes it (Kimai: 2 to 100 characters). */
const teamName = z.string().trim().min(2, 'a team name of 2 to 100 characters').max(100);
/** People to add as manage_teams finds them: an id, an e-mail or a name each; at most the 20 one call may name. */
const teamPeople = z.array(z.string().trim().min(1).max(100)).min(1, 'someone to add').max(20);
const teamChange = z.discriminatedUnion('action', [
  z.object({ action: z.literal('create'), name: teamName }).strict(),
  z.object({ action: z.literal('rename'), id: teamId, name: teamName }).strict(),
  z.object({ action: z.literal('add_members'), id: teamId, people: teamPeople }).strict(),
  z.object({ action: z.literal('remove_members'), id: teamId, people: z.array(personId).min(1, 'someone to remove').max(20) }).strict(),
  z.object({ action: z.literal('set_lead'), id: teamId, person: personId }).strict(),
  z.object({ action: z.literal('delete'), id: teamId }).strict(),
]);

/**
 * A change of what a catalog item keeps, as update_catalog_item takes it: the item by its kind and the id the
 * catalog showed, and only the fields that change (at least one), within the bounds the tool holds them to;
 * a customer (a project's, by the id the catalog showed) and dates only for a project.
 */
const catalogChange = z
  .object({
    kind: z.enum(CATALOG_KINDS),
    id: entryId,
    name: z.string().trim().min(2, 'a name of 2 to 150 characters').max(150, 'a name of 2 to 150 characters').optional(),
    budgetHours: z.number().min(0, 'a budget of 0 or more').max(500_000, 'a time budget of at most 500,000 hours').optional(),
    budgetMoney: z.number().min(0, 'a budget of 0 or more').max(1_000_000_000, 'a money budget of at most 1,000,000,000').optional(),
    budgetPeriod: z.enum(BUDGET_PERIODS).optional(),
    billable: z.boolean().optional(),
    comment: z.string().max(5000).optional(),
    customer: entryId.optional(),
    start: day.optional(),
    end: day.optional(),
  })
  .strict()
  .refine((change) => Object.entries(change).some(([key, value]) => key !== 'kind' && key !== 'id' && value !== undefined), 'something to change')
  .refine(
    (change) => change.kind === 'project' || (change.customer === undefined && change.start === undefined && change.end === undefined),
    'a customer and dates only for a project',
  );

/** A rate's item by its kind and the id the catalog showed; an amount as manage_rates takes one. */
const rateItem = { kind: z.enum(CATALOG_KINDS), item: entryId };
const rateAmount = z.number().min(0, 'an amount of 0 or more').max(1_000_000, 'an amount up to 1,000,000');

/** The links the window may ask main to open; the URLs themselves live in main. */
/** The pages the window may ask main to open: where each back end's secret is made. */
export type LinkId = NonNullable<BackEnd['secret']>['help']['id'];
export const LINK_IDS = BACK_ENDS.flatMap((backEnd) => (backEnd.secret ? [backEnd.secret.help.id] : [])) as [LinkId, ...LinkId[]];

export const contract = {
  getStatus: { request: none, response: {} as StatusView },
  /**
   * Starts the timer, now or at `start` (a time the person forgot to clock in at); a timer that runs
   * is stopped where the new one starts (the engine's switch).
   */
  clockIn: {
    request: z
      .object({ project: shortText.optional(), activity: shortText.optional(), description: z.string().max(5000).optional(), start: time.optional() })
      .strict()
      .optional(),
    response: {} as StatusView,
  },
  clockOut: {
    request: z
      .object({ description: z.string().max(5000).optional() })
      .strict()
      .optional(),
    response: {} as StatusView,
  },
  /** A break in the running shift, of the type named (the back end's first when none is). */
  startBreak: { request: z.object({ type: shortText.optional() }).strict().optional(), response: {} as StatusView },
  endBreak: { request: none, response: {} as StatusView },

  getTools: { request: none, response: {} as ToolsView },
  setToolGroup: { request: z.object({ group: z.enum(TOOL_GROUPS), enabled: z.boolean() }).strict(), response: {} as ToolsView },
  setTool: { request: z.object({ name: z.enum(TOOL_NAMES), enabled: z.boolean() }).strict(), response: {} as ToolsView },
  setReadOnly: { request: z.object({ readOnly: z.boolean() }).strict(), response: {} as ToolsView },

  listClients: { request: none, response: [] as ClientCard[] },
  registerClient: { request: z.object({ id: clientId }).strict(), response: {} as ClientChange },
  unregisterClient: { request: z.object({ id: clientId }).strict(), response: {} as ClientChange },
  getSnippet: { request: z.object({ id: clientId }).strict(), response: {} as SnippetView },
  /** Copies through main: the renderer has no clipboard access. */
  copySnippet: { request: z.object({ id: clientId, part: z.enum(['text', 'command']) }).strict(), response: null },
  openClientLink: { request: z.object({ id: clientId, label: z.string().max(200) }).strict(), response: null },
  getTeamServer: { request: none, response: {} as TeamServerView },
  /** Copies the team server's address through main: the renderer has no clipboard access. */
  copyTeamServerUrl: { request: none, response: null },
  getExtension: { request: none, response: {} as ExtensionView },
  /** Opens the bundle with the system: Claude Desktop shows its own install dialog. */
  installExtension: { request: none, response: {} as { message: string } },
  /** Shows the bundle in the file manager, to drag into Claude Desktop or pick in its settings. */
  showExtension: { request: none, response: null },

  getAccount: { request: none, response: {} as AccountView },
  /** Saves the back end; a token, when given, goes to the keychain and nowhere else. */
  saveAccount: {
    request: z.object({ provider: ProviderInput, token: z.string().min(1).max(4000).optional() }).strict(),
    response: {} as AccountView,
  },
  /** Tests the given back end (or the saved one) through the engine, before or after saving. */
  testConnection: {
    request: z
      .object({ provider: ProviderInput, token: z.string().min(1).max(4000).optional() })
      .strict()
      .optional(),
    response: {} as ConnectionResult,
  },
  forgetCredential: { request: none, response: {} as AccountView },

  getPreferences: { request: none, response: {} as PreferencesView },
  savePreferences: { request: PreferencesInput, response: {} as PreferencesView },
  listHolidayRegions: {
    request: z
      .object({
        country: z
          .string()
          .regex(/^[A-Za-z]{2}$/)
          .optional(),
      })
      .strict()
      .optional(),
    response: [] as HolidayRegionOption[],
  },
  openLink: { request: z.object({ id: z.enum(LINK_IDS) }).strict(), response: null },

  /** The week of a day: its entries and each day's target. Another week costs one engine call once its targets are known. */
  getTimesheet: { request: z.object({ date: day }).strict(), response: {} as TimesheetView },
  /** What entries can be booked on, and the break types; kept a while, as it rarely changes. */
  getCatalog: { request: none, response: {} as CatalogView },
  logTime: { request: z.object({ ...EntryFields, start: time, end: time }).strict(), response: {} as EntryView },
  updateEntry: { request: z.object({ id: entryId, ...EntryFields }).strict(), response: {} as EntryView },
  deleteEntry: { request: z.object({ id: entryId }).strict(), response: {} as EntryView },
  /** Every entry of [from, to] as a CSV file, through a save dialog. */
  exportCsv: { request: z.object({ from: day, to: day }).strict(), response: {} as ExportResult },

  getReport: { request: z.object({ from: day, to: day }).strict(), response: {} as ReportView },

  /** The drafts of a day from the person's evidence (suggest_entries); without a source on, none and no engine call. */
  getDrafts: { request: z.object({ date: day }).strict(), response: {} as DraftsView },
  /** Books the accepted drafts of the day with their changes (book_suggested_entries): all, or none. */
  bookDrafts: { request: z.object({ date: day, entries: z.array(draftChange).min(1).max(100) }).strict(), response: {} as DraftsBooked },
  getEvidence: { request: none, response: {} as EvidenceView },
  /** Saves the Evidence settings; a feed's secret goes to the keychain (`secrets` by calendar name, or left in an address), never into config.json. */
  saveEvidence: {
    request: z
      .object({
        evidence: EvidenceInput,
        secrets: z
          .array(z.object({ calendar: calendarName, secret: z.string().trim().min(1).max(4000) }).strict())
          .max(20)
          .optional(),
      })
      .strict(),
    response: {} as EvidenceView,
  },

  getLeave: { request: z.object({ year: z.number().int().min(2000).max(2100) }).strict(), response: {} as LeaveView },
  previewLeave: { request: LeavePreviewSchema, response: {} as LeavePreview },
  requestLeave: { request: LeaveRequestSchema, response: {} as LeaveFiled },
  cancelLeave: { request: z.object({ id: entryId }).strict(), response: {} as LeaveRequestView },
  getCalendar: { request: z.object({ month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month as YYYY-MM') }).strict(), response: {} as CalendarView },

  /** A week of the team's hours, a window of 50 people from `offset`; `hours: null` where the back end offers none. */
  getTeamHours: {
    request: z.object({ date: day, offset: z.number().int().min(0).max(100_000).optional() }).strict(),
    response: {} as { availability: TeamAvailability; hours: TeamHoursView | null },
  },
  /** Leave requests waiting for the person's decision, a window of 30 from `offset`. */
  getPendingLeave: {
    request: z
      .object({ offset: z.number().int().min(0).max(100_000).optional() })
      .strict()
      .optional(),
    response: {} as PendingLeaveView,
  },
  /** Approves or rejects one; what the engine says it did, for the person. */
  decideLeave: {
    request: z.object({ id: entryId, decision: z.enum(['approve', 'reject']), reason: z.string().max(500).optional() }).strict(),
    response: {} as { outcome: string },
  },
  /** The person's choice for a kept write that was not sent: what came of it, and the status after. */
  decideKeptWrite: {
    request: z.object({ id: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER), choice: z.enum(['dismiss', 'send_again']) }).strict(),
    response: {} as { outcome: string; status: StatusView },
  },

  /** The question the tray asks after the person was away while a timer ran, or null. */
  getIdleQuestion: { request: none, response: null as IdleQuestion | null },
  answerIdle: {
    request: z.object({ id: z.number().int().min(0), answer: z.enum(['keep', 'keep-stop', 'discard-stop', 'discard-restart']) }).strict(),
    response: {} as StatusView,
  },

  /** The app's updates: what they are doing, in words, and what the person may do (main/updates/). */
  getUpdates: { request: none, response: {} as UpdateView },
  setUpdateMode: { request: z.object({ mode: z.enum(UPDATE_MODES) }).strict(), response: {} as UpdateView },
  checkForUpdates: { request: none, response: {} as UpdateView },
  /** Quits and installs the downloaded, verified update. */
  installUpdate: { request: none, response: null },

  /** Every customer, project and activity, archived ones too (list_catalog), for a person offered the catalog section. */
  getAdminCatalog: { request: none, response: {} as AdminCatalogView },
  /** Adds one (create_catalog_item); `parent` is a project's customer or an activity's project, by name. */
  addCatalogItem: {
    request: z.object({ kind: z.enum(CATALOG_KINDS), name: catalogName, parent: z.string().trim().min(1).max(200).optional() }).strict(),
    response: {} as AdminChange<AdminCatalogView>,
  },
  /** Archives one, or restores it with `archived: false` (archive_catalog_item). */
  setCatalogItemArchived: {
    request: z.object({ kind: z.enum(CATALOG_KINDS), id: entryId, archived: z.boolean() }).strict(),
    response: {} as AdminChange<AdminCatalogView>,
  },
  /** What an item keeps now, in the fields the back end lets the person change (the app's engine's catalog_item_fields). */
  getCatalogItem: { request: z.object({ kind: z.enum(CATALOG_KINDS), id: entryId }).strict(), response: {} as CatalogItemView },
  /** Changes what an item keeps, only the fields given (update_catalog_item); the engine's sentence and the catalog after it. */
  updateCatalogItem: { request: catalogChange, response: {} as AdminChange<AdminCatalogView> },
  /** The tag list (manage_tags, list). */
  getAdminTags: { request: none, response: [] as AdminTagView[] },
  /** Adds a tag (manage_tags, create), with a colour as "#RRGGBB" where given. */
  addTag: {
    request: z
      .object({
        name: tagName,
        color: z
          .string()
          .regex(/^#[0-9a-fA-F]{6}$/, 'a colour as #RRGGBB')
          .optional(),
      })
      .strict(),
    response: {} as AdminChange<AdminTagView[]>,
  },
  /** A page of the invoices of the last 90 days (list_invoices), read-only. */
  getInvoices: { request: z.object({ page: z.number().int().min(1).max(10_000) }).strict(), response: {} as InvoicesView },
  /** A page of the people (manage_people, list), the deactivated too where asked. */
  getAdminPeople: { request: z.object({ page: z.number().int().min(1).max(10_000), includeInactive: z.boolean() }).strict(), response: {} as PeopleView },
  /** Invites or creates a person (manage_people, invite), with the back end's role word where given. */
  invitePerson: { request: z.object({ name: personName, email, role: roleWord.optional() }).strict(), response: {} as PersonChange },
  /** Changes a person's name, e-mail or role (manage_people, update); at least one of them. */
  updatePerson: {
    request: z
      .object({ id: personId, name: personName.optional(), email: email.optional(), role: roleWord.optional() })
      .strict()
      .refine((change) => change.name !== undefined || change.email !== undefined || change.role !== undefined, 'a name, e-mail or role to change'),
    response: {} as PersonChange,
  },
  /** Deactivates a person, or reactivates them with `active: true` (manage_people). */
  setPersonActive: { request: z.object({ id: personId, active: z.boolean() }).strict(), response: {} as PersonChange },
  /** The preview of a bulk correction (correct_time_entries without confirm_count): nothing changes. */
  previewCorrection: { request: z.object(correctionRequest).strict(), response: {} as CorrectionView },
  /** The correction itself, with the count its preview showed: a different count is refused with the fresh preview. */
  applyCorrection: { request: z.object({ ...correctionRequest, confirmCount: z.number().int().min(0) }).strict(), response: {} as CorrectionView },
  /** The teams (manage_teams, list). */
  getAdminTeams: { request: none, response: [] as AdminTeamSummary[] },
  /** One team with its members and leads (manage_teams, show). */
  getAdminTeam: { request: z.object({ id: teamId }).strict(), response: {} as AdminTeamView },
  /** Creates, renames or deletes a team, adds or removes members, or makes one a lead (manage_teams). */
  changeTeam: { request: teamChange, response: {} as TeamChange },
  /** The whole catalog, archived items too (list_catalog), to pick whose rates to show, for a person offered rates. */
  getRateCatalog: { request: none, response: {} as AdminCatalogView },
  /** An item's rates (manage_rates, list). */
  getRates: { request: z.object(rateItem).strict(), response: {} as RatesView },
  /** Sets a rate, for everyone or one person (a name, e-mail or id), hourly or fixed per entry (manage_rates, set). */
  setRate: {
    request: z
      .object({
        ...rateItem,
        person: z.string().trim().min(1).max(200).optional(),
        hourly: rateAmount.optional(),
        fixed: rateAmount.optional(),
        internal: rateAmount.optional(),
      })
      .strict()
      .refine((rate) => (rate.hourly === undefined) !== (rate.fixed === undefined), 'an hourly or a fixed amount, one of them'),
    response: {} as AdminChange<RatesView>,
  },
  /** Removes the rate of one person (by the id its list showed) or everyone's with `person: null` (manage_rates, remove). */
  removeRate: { request: z.object({ ...rateItem, person: personId.nullable() }).strict(), response: {} as AdminChange<RatesView> },
} as const;

export type Contract = typeof contract;
// channels.ts lists the same names for the preload; a name missing on either side fails here.
type SameKeys<A, B> = [Exclude<A, B>, Exclude<B, A>] extends [never, never] ? true : false;
const channelsMatch: SameKeys<keyof Contract, ChannelName> = true;
void channelsMatch;
export type RequestOf<C extends ChannelName> = z.input<Contract[C]['request']>;
export type ParsedRequestOf<C extends ChannelName> = z.output<Contract[C]['request']>;
export type ResponseOf<C extends ChannelName> = Contract[C]['response'];

/** Events main pushes to the window. */
export const events = {
  /** The timer changed outside the window (tray, an AI client, the reminder); payload: the new status. */
  statusChanged: {} as StatusView,
  /** The tray's "Connect AI clients…" or "Open Punchcard" asked for a screen. */
  showScreen: '' as Screen,
  /** The tray has a question about time away (or none any more). */
  idleQuestion: null as IdleQuestion | null,
  /** The updates changed state (checking, downloaded, failed…). */
  updateChanged: {} as UpdateView,
} as const;

const eventsMatch: SameKeys<keyof typeof events, EventName> = true;
void eventsMatch;
export type EventPayload<E extends EventName> = (typeof events)[E];

/** The bridge the preload exposes as `window.punchcard`: one named function per channel. */
export type PunchcardApi = {
  [C in ChannelName]: undefined extends RequestOf<C> ? (request?: RequestOf<C>) => Promise<ResponseOf<C>> : (request: RequestOf<C>) => Promise<ResponseOf<C>>;
} & {
  /** Returns the function that stops listening. */
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
};

/** What crosses the wire: the preload turns `ok: false` back into a rejected promise with `message`. */
export type Envelope<T> = { ok: true; value: T } | { ok: false; message: string };

/** The handler side of the contract: plain async functions of an already-validated request. */
export type Handlers = {
  [C in ChannelName]: (request: ParsedRequestOf<C>) => Promise<ResponseOf<C>>;
};
