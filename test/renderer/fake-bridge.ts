// An in-memory stand-in for main's IPC handlers, with state that behaves plausibly: clocking in and
// out changes the status, switches change the tool views, registering changes a client's card, the
// account and preferences are stored. Tests steer it: a fixed clock, failures on demand, calls held
// open to look at pending states, events from "outside" (the tray, an AI client).
import type { UpdatePhase } from '../../main/updates/update-model.ts';
import { fakeUpdates, type FakeUpdatesOptions } from './fake-updates.ts';
import type { AccountView, BackEndChoice, ConnectionResult, WorkspaceChoice } from '../../window-contract/account.ts';
import type { EventName } from '../../window-contract/channels.ts';
import type { EventPayload, PunchcardApi, RequestOf } from '../../window-contract/index.ts';
import type { ClientCard, ClientChange, ExtensionView, RegistrationState, SnippetView } from '../../window-contract/registration.ts';
import type { BackEndPlanView, HolidayRegionOption, PreferencesView, ToolGroupView, ToolsView, ToolView } from '../../window-contract/settings.ts';
import type { EntryView, KeptWriteView, StatusView } from '../../window-contract/status.ts';
import type { PendingLeaveView, TeamHoursView } from '../../window-contract/team.ts';
import { UserFacingError } from '../../main/ipc/dispatch.ts';
import { refuse } from './fake-refusal.ts';
import { checkFakeFields, FAKE_FIELDS, FAKE_REQUIRED_FIELDS } from './fake-fields.ts';
import { isDefaultEnabled, TOOL_CATALOG, TOOL_GROUPS, type ToolName } from '../../mcp-server/contract/tool-catalog.ts';
import { credentialAccount, secondCredentialAccount } from '../../mcp-server/contract/back-ends.ts';
import { addDays, startOfIsoWeek } from '../../mcp-server/domain/time.ts';
import { accountHandlers, profileFrom, backEndLabel, providerView } from '../../main/ipc/handlers/account.ts';
import { connectionHandlers } from '../../main/ipc/handlers/connections.ts';
import { createSettingsStore } from '../../main/settings/settings-store.ts';
import type { TrackerFolders } from '../../main/settings/tracker-folders.ts';
import { connectionsOf, type TrackerProfile } from '../../mcp-server/contract/connections.ts';
import type { BackEndProfile } from '../../mcp-server/contract/settings.ts';
import { PLAN_KEEPERS } from '../../main/ipc/handlers/preferences.ts';
import { GROUP_TITLES } from '../../main/ipc/handlers/tools.ts';
import { createFakeDaily, LONG_NAMES, type FakeEntryRecord } from './fake-daily.ts';
import { createFakeEvidence, SAMPLE_EVIDENCE } from './fake-evidence.ts';
import { createFakeWorkingTime, type FakeWorkingTimeOptions } from './fake-working-time.ts';
import { createFakeAdmin, type FakeAdministrator, type FakeAdminWorld } from './fake-admin.ts';
import { createFakeApprovals, type FakeApprovalsOptions } from './fake-approvals.ts';
import { feedSecretAccount } from '../../mcp-server/contract/evidence-settings.ts';
import { fakeTrackerOf, spanningReport, spanningStatus, spanningWeek, type TrackerWorld } from './fake-trackers.ts';

/** Wednesday 13 May 2026, 14:25 in Berlin (+02:00): the default "now" of a fake. */
export const FAKE_NOW = Date.parse('2026-05-13T14:25:00+02:00');

/** The week of a Kimai team lead's team, as the engine's team_report gives it (Monday May 11 to Wednesday May 13). */
export const SAMPLE_TEAM: TeamHoursView['people'] = [
  {
    name: 'Ada Lovelace',
    minutes: 1230,
    targetMinutes: 1440,
    byProject: [
      { project: 'Website', activity: 'Design', minutes: 900 },
      { project: 'Internal', activity: 'Meetings', minutes: 330 },
    ],
    missingDays: [],
    running: 'Website · Design',
  },
  {
    name: 'Bob Baker',
    minutes: 480,
    targetMinutes: 1440,
    byProject: [{ project: 'Beta Corp', activity: 'Support', minutes: 480 }],
    missingDays: ['2026-05-11', '2026-05-12'],
    running: null,
  },
  {
    name: 'Cleo Chen',
    minutes: 1500,
    targetMinutes: 1440,
    byProject: [
      { project: 'Website', activity: 'Development', minutes: 1200 },
      { project: 'Website', activity: 'Review', minutes: 120 },
      { project: 'Internal', activity: 'Meetings', minutes: 120 },
      { project: 'Internal', activity: 'Hiring', minutes: 60 },
    ],
    missingDays: [],
    running: null,
  },
  { name: 'Dan Dorsey', minutes: 0, targetMinutes: null, byProject: [], missingDays: ['2026-05-11', '2026-05-12'], running: null },
];

/** The week's working-time findings of SAMPLE_TEAM by code, in its order, as team_report counts them under the organisation's rules. */
export const SAMPLE_TEAM_WORKING_TIME: ReadonlyArray<NonNullable<TeamHoursView['people'][number]['workingTime']>> = [
  { wt_day_over_max: 2, wt_rest_short: 1 },
  {},
  { wt_break_short: 1 },
  {},
];

/** Requests waiting for a team lead's decision, as list_pending_leave gives them. */
export const SAMPLE_PENDING: PendingLeaveView['requests'] = [
  {
    id: 31,
    person: 'Bob Baker',
    type: 'vacation',
    firstDay: '2026-05-25',
    lastDay: '2026-05-29',
    firstDayPart: 'full',
    lastDayPart: 'full',
    days: 4,
    comment: 'Family trip',
    alsoAway: ['Cleo Chen'],
  },
  {
    id: 32,
    person: 'Dan Dorsey',
    type: 'other',
    kind: 'Training',
    firstDay: '2026-06-03',
    lastDay: '2026-06-03',
    firstDayPart: 'afternoon',
    lastDayPart: 'full',
    days: 0.5,
    comment: '',
    alsoAway: [],
  },
];

/** Two writes kept while Kimai was out of reach that met something added meanwhile, as the engine lists them. */
export const SAMPLE_KEPT_WRITES: KeptWriteView[] = [
  {
    id: 4,
    kind: 'clock_in',
    happenedAt: '2026-05-13T08:02:00+02:00',
    words:
      'Your clock-in at 08:02 on Website · Design was not sent: a timer on Beta Corp · Support has been running in Kimai since 07:55 (started on the web or another device).',
    choices: [
      { choice: 'send_again', label: 'Try again' },
      { choice: 'dismiss', label: 'Keep Kimai as it is' },
    ],
  },
  {
    id: 7,
    kind: 'log_time',
    happenedAt: '2026-05-12T13:00:00+02:00',
    words: 'Your entry Internal · Meetings, 13:00–14:00, was not sent: Kimai has Internal · Meetings from 13:15 to 14:15, which overlaps it.',
    choices: [
      { choice: 'send_again', label: 'Send anyway' },
      { choice: 'dismiss', label: 'Keep Kimai as it is' },
    ],
  },
];

const TOOL_TEXT: Record<ToolName, { title: string; description: string }> = {
  clock_in: { title: 'Clock in', description: 'Starts the timer, now or at a past time.' },
  clock_out: { title: 'Clock out', description: 'Stops the running timer.' },
  timer_status: { title: 'Timer status', description: 'Tells whether a timer runs, and for how long.' },
  start_break: { title: 'Start break', description: 'Pauses the running shift for a break.' },
  end_break: { title: 'End break', description: 'Ends the running break.' },
  list_time_entries: { title: 'List time entries', description: 'Lists entries in a date range.' },
  working_time: { title: 'Working time', description: 'Rest, breaks and limits under the law.' },
  log_time: { title: 'Log time', description: 'Adds a finished entry, e.g. for a meeting you forgot to track.' },
  update_time_entry: { title: 'Update time entry', description: 'Changes the times, project or note of an entry.' },
  delete_time_entry: { title: 'Delete time entry', description: 'Deletes an entry.' },
  time_report: { title: 'Time report', description: 'Sums hours by day, week, project or activity.' },
  list_catalog: { title: 'List catalog', description: 'Lists customers, projects and activities.' },
  create_catalog_item: { title: 'Add to catalog', description: 'Adds a customer, project or activity.' },
  archive_catalog_item: { title: 'Archive catalog item', description: 'Archives a customer, project or activity.' },
  request_leave: { title: 'Request leave', description: 'Files a leave request.' },
  list_leave_requests: { title: 'List leave requests', description: 'Lists your leave requests and their state.' },
  cancel_leave_request: { title: 'Cancel leave request', description: 'Withdraws a leave request.' },
  leave_balance: { title: 'Leave balance', description: 'Days of leave taken, planned and left this year.' },
  absence_calendar: { title: 'Absence calendar', description: 'Who is away when, including public holidays.' },
  whoami: { title: 'Who am I', description: 'The account Punchcard is connected as.' },
  team_report: { title: 'Team hours', description: 'Hours per person of the people you lead.' },
  project_status: { title: 'Project status', description: "A project's hours against its budget." },
  list_pending_leave: { title: 'Leave awaiting your decision', description: 'Requests waiting for you to decide.' },
  decide_leave_request: { title: 'Decide leave request', description: 'Approves or rejects a request.' },
  manage_tags: { title: 'Manage tags', description: 'Lists and creates tags.' },
  list_invoices: { title: 'Invoices', description: 'Invoices by date, status and customer.' },
  manage_rates: { title: 'Manage rates', description: 'Rates per customer, project and activity.' },
  manage_teams: { title: 'Manage teams', description: 'Teams, their members and leads, and their access.' },
  update_catalog_item: { title: 'Change catalog item', description: "Changes a catalog item's name, budget, billable, comment or dates." },
  manage_people: { title: 'Manage people', description: 'Lists, invites, changes and deactivates people.' },
  suggest_entries: { title: 'Suggest entries', description: 'Drafts entries from your calendar, commits and sessions.' },
  book_suggested_entries: { title: 'Book suggested entries', description: 'Books the drafts you confirmed.' },
  record_agent_time: { title: 'Record agent time', description: "Books an AI agent's own work, labelled as its time." },
  correct_time_entries: { title: 'Correct time entries', description: 'Moves, flags and tags a set of entries, after a preview.' },
  submit_timesheet: { title: 'Submit timesheet', description: 'Submits your timesheet period for approval.' },
  withdraw_timesheet: { title: 'Withdraw timesheet', description: 'Withdraws a submission, or an approval as approver.' },
  list_timesheet_approvals: { title: 'Timesheet approvals', description: 'Your submissions, or those you may decide.' },
  decide_timesheet: { title: 'Decide timesheet', description: 'Approves or rejects a submitted timesheet.' },
};

/** The team group: the local timesheet, Calamari and Clockify do not serve it (yet); Kimai's and Clockodo's fake accounts lead a team. */
const TEAM_TOOLS: ToolName[] = ['team_report', 'project_status', 'list_pending_leave', 'decide_leave_request'];
/** The admin group: Kimai's, and Calamari's employee list. */
const ADMIN_TOOLS: ToolName[] = [
  'manage_tags',
  'list_invoices',
  'correct_time_entries',
  'manage_rates',
  'manage_teams',
  'update_catalog_item',
  'manage_people',
];
/** What each back end of the fake cannot do. */
const UNSUPPORTED: Record<BackEndChoice['type'], ReadonlySet<ToolName>> = {
  local: new Set(['start_break', 'end_break', ...TEAM_TOOLS, ...ADMIN_TOOLS]),
  kimai: new Set(['start_break', 'end_break', 'request_leave', 'list_leave_requests', 'cancel_leave_request', 'leave_balance', 'absence_calendar']),
  clockodo: new Set(['start_break', 'end_break', 'create_catalog_item', 'archive_catalog_item', ...ADMIN_TOOLS]),
  calamari: new Set([
    'update_time_entry',
    'delete_time_entry',
    'create_catalog_item',
    'archive_catalog_item',
    'cancel_leave_request',
    ...TEAM_TOOLS,
    ...ADMIN_TOOLS.filter((name) => name !== 'manage_people'),
  ]),
  clockify: new Set(['start_break', 'end_break', 'create_catalog_item', 'archive_catalog_item', ...TEAM_TOOLS, ...ADMIN_TOOLS]),
  harvest: new Set([
    'start_break',
    'end_break',
    'request_leave',
    'list_leave_requests',
    'cancel_leave_request',
    'leave_balance',
    'absence_calendar',
    'create_catalog_item',
    'archive_catalog_item',
    ...TEAM_TOOLS,
    ...ADMIN_TOOLS,
  ]),
  toggl: new Set([
    'start_break',
    'end_break',
    'request_leave',
    'list_leave_requests',
    'cancel_leave_request',
    'leave_balance',
    'create_catalog_item',
    'archive_catalog_item',
    ...TEAM_TOOLS,
    ...ADMIN_TOOLS,
  ]),
  // Tempo keeps no leave (the calendar shows its schedule's holidays) and no breaks; a lead has the team report.
  tempo: new Set([
    'start_break',
    'end_break',
    'request_leave',
    'list_leave_requests',
    'cancel_leave_request',
    'leave_balance',
    'create_catalog_item',
    'archive_catalog_item',
    ...TEAM_TOOLS,
    ...ADMIN_TOOLS,
  ]),
};

/** What Clockodo and Calamari keep for the person, as main's preferences handler reports it from the engine. */
const PLANS: Partial<Record<BackEndChoice['type'], BackEndPlanView>> = {
  clockodo: {
    state: 'kept',
    name: 'Clockodo',
    workWeek: { mon: 8, tue: 8, wed: 8, thu: 8, fri: 8, sat: 0, sun: 0 },
    keepsHolidays: true,
    holidays: "Clockodo's non-business days",
    leave: { year: 2026, entitlement: 32, carryOver: 2, remaining: 25, unlimited: false },
  },
  calamari: {
    state: 'kept',
    name: 'Calamari',
    workWeek: { mon: 8, tue: 8, wed: 8, thu: 8, fri: 6, sat: 0, sun: 0 },
    keepsHolidays: true,
    holidays: "Calamari's holiday calendar",
    // Calamari says what is left, not the year's entitlement.
    leave: { year: 2026, entitlement: null, carryOver: null, remaining: 30, unlimited: false },
  },
  clockify: {
    state: 'kept',
    name: 'Clockify',
    workWeek: { mon: 8, tue: 8, wed: 8, thu: 8, fri: 8, sat: 0, sun: 0 },
    keepsHolidays: true,
    holidays: "Clockify's holidays",
    leave: { year: 2026, entitlement: 25, carryOver: null, remaining: 23, unlimited: false },
  },
  tempo: {
    state: 'kept',
    name: 'Tempo Timesheets',
    workWeek: { mon: 8, tue: 8, wed: 8, thu: 8, fri: 8, sat: 0, sun: 0 },
    keepsHolidays: true,
    holidays: "your Tempo schedule's holidays",
    leave: null,
  },
};

const COUNTRIES: HolidayRegionOption[] = [
  { code: 'AT', name: 'Austria' },
  { code: 'FR', name: 'France' },
  { code: 'DE', name: 'Germany' },
  { code: 'NL', name: 'Netherlands' },
  { code: 'CH', name: 'Switzerland' },
  { code: 'GB', name: 'United Kingdom' },
  { code: 'US', name: 'United States' },
];

const STATES: Record<string, HolidayRegionOption[]> = {
  DE: [
    { code: 'BW', name: 'Baden-Württemberg' },
    { code: 'BY', name: 'Bavaria' },
    { code: 'BE', name: 'Berlin' },
    { code: 'HH', name: 'Hamburg' },
    { code: 'NW', name: 'North Rhine-Westphalia' },
    { code: 'SN', name: 'Saxony' },
  ],
  AT: [
    { code: '9', name: 'Vienna' },
    { code: '6', name: 'Styria' },
  ],
  CH: [
    { code: 'ZH', name: 'Zurich' },
    { code: 'BE', name: 'Bern' },
  ],
  GB: [
    { code: 'ENG', name: 'England' },
    { code: 'SCT', name: 'Scotland' },
    { code: 'WLS', name: 'Wales' },
    { code: 'NIR', name: 'Northern Ireland' },
  ],
  US: [
    { code: 'CA', name: 'California' },
    { code: 'NY', name: 'New York' },
    { code: 'TX', name: 'Texas' },
  ],
};

/** The status sentences main's clients handler writes (main/ipc/handlers/clients.ts). */
function statusText(status: RegistrationState, installed: boolean, problem: string | undefined): string {
  switch (status) {
    case 'registered':
      return 'Registered';
    case 'missing':
      return installed ? 'Not registered' : 'Not installed';
    case 'stale':
      return `Registered, but broken: ${problem ?? 'the entry no longer starts Punchcard'}. Register again to repair it.`;
    case 'outdated':
      return 'Registered with another Punchcard installation or data folder. Register to use this one.';
    case 'invalid':
      return `Cannot read the configuration: ${problem ?? 'the file is not valid'}`;
    case 'manual':
      return 'Set up by copy and paste';
  }
}

type FakeEntry = FakeEntryRecord;

interface FakeClient {
  card: ClientCard;
  language: SnippetView['language'];
  command: string | null;
  links: string[];
}

export interface FakeBridgeOptions {
  /** Epoch ms; the fake's clock starts here (default FAKE_NOW). */
  now?: number;
  /** The person's zone as a fixed UTC offset in minutes (default +120, Berlin in summer). */
  offsetMinutes?: number;
  /** Whether a timer runs at the start (default true). */
  running?: boolean;
  /** The running timer's clock-in was kept in the engine's outbox while the tracker was out of reach. */
  waitingToSend?: boolean;
  /** Monday evening holds an AI agent's own time (record_agent_time), 18:00–19:30. */
  agentEntry?: boolean;
  /** Kept writes that were not sent and wait for the person's decision (the engine's outbox). */
  keptWrites?: KeptWriteView[];
  /**
   * The back end keeps a stopped entry's day and length only (Harvest on a duration account): the entries there at the
   * start are placed at the start of their day for their length and marked `span: 'day'`, as the engine shows them.
   */
  daysOnly?: boolean;
  /**
   * The back end offers the team tools: 'lead' hours and leave decisions (a Kimai team lead),
   * 'hours' hours only (Calamari); `teamSize` people in all (default the four of SAMPLE_TEAM).
   */
  team?: 'lead' | 'hours';
  teamSize?: number;
  /** The organisation's working-time rules are on: each person of the team carries the week's findings counted by code (SAMPLE_TEAM_WORKING_TIME). */
  teamWorkingTime?: boolean;
  /**
   * The back end says the person administers something: a Kimai super administrator (everything, people
   * too), administrator (catalog, tags, invoices, bulk corrections) or team lead (catalog, invoices, bulk corrections).
   */
  admin?: FakeAdministrator;
  startAtLoginSupported?: boolean;
  /** The back end at the start (default the local timesheet); its secret counts as saved. */
  account?: AccountView['provider'];
  /** The default connection's name, where it has one (several trackers). */
  connectionName?: string;
  /** The connections besides the default (the settings' `trackers`); their secrets count as saved. */
  trackers?: TrackerProfile[];
  /** The workspaces a Clockify key sees, as a connection test lists them (default Acme, Side project and Beta Corp). */
  clockifyWorkspaces?: WorkspaceChoice[];
  /** The engine cannot say what the back end keeps: preferences report this problem. */
  planProblem?: string;
  /** What the back end keeps differs from the usual (Clockify without a work capacity: `workWeek: null`). */
  plan?: Partial<Pick<BackEndPlanView, 'workWeek' | 'keepsHolidays' | 'holidays'>>;
  /** Where the export's save dialog "saves"; null: the person cancels it. */
  saveAs?: string | null;
  /** A question about time away (35 minutes) is waiting when the window opens. */
  idleQuestion?: boolean;
  /**
   * This week holds about 200 entries (a busy team lead's), for the bench and the smoothness tests:
   * on the days before today, or on all five working days of the week ('whole', for a bench run on
   * any day, when some of them are still ahead).
   */
  busyWeek?: boolean | 'whole';
  /** The saved shortcut, and why it does not work (another app holds it). */
  shortcut?: { accelerator: string; problem?: string };
  /** The Claude Desktop extension as main reports it (default: the bundle is there, Claude Desktop installed). */
  extension?: ExtensionView;
  /** The team server the organisation's policy names (its MCP endpoint); default none. */
  teamServer?: string;
  /** How durations are written (Preferences); default hours and minutes. */
  durations?: PreferencesView['durations'];
  /** Projects, activities, notes and colleagues with the long names of a German team (LONG_NAMES). */
  longNames?: boolean;
  /** The app's updates as main's updater would report them (default: up to date, "tell me"). */
  updates?: FakeUpdatesOptions;
  /** Evidence sources are on (SAMPLE_EVIDENCE, its feed's secret in the keychain): the Timesheet shows drafts. */
  evidence?: boolean;
  /** Working time (issue 92): config.json's rules, the organisation's, a month without findings (fake-working-time.ts). */
  workingTime?: FakeWorkingTimeOptions;
  /**
   * The back end has timesheet approvals (Clockify's, Kimai's plugin): the Timesheet shows each week's
   * status with "Submit week" and keeps locked weeks as they are; a lead decides others' weeks. Absent: none.
   */
  approvals?: FakeApprovalsOptions;
  /**
   * The back end keeps custom fields on entries as a Clockify workspace does (FAKE_FIELDS): Acme Website
   * requires a ticket and a cost centre, and a write without them is refused before it is made; its
   * entries carry a ticket and the teams (a multiple choice) they were for.
   */
  customFields?: boolean;
  /**
   * Two connections (issue 86, fake-trackers.ts): acme (the default) and beta, which holds Beta Corp's work;
   * every answer names them as main shapes the engine's spanning answers.
   */
  twoConnections?: boolean;
  /**
   * With `twoConnections`: one timer per connection (the settings' `timers: per_tracker`), acme's
   * Internal · Meetings running since 13:10 beside beta's. A clock-in stops only its own connection's
   * timer; clock_out and the breaks without `tracker` while two run are refused `tracker_required`.
   */
  perTrackerTimers?: boolean;
  /**
   * With `twoConnections`: neither has a week of its own and neither's back end keeps targets, so they share the
   * settings' week (issue 91, docs/several-trackers.md, "A week per connection"): one target for both together.
   */
  sharedWeek?: boolean;
}

/** The workspaces the fake Clockify key sees. */
export const CLOCKIFY_WORKSPACES: WorkspaceChoice[] = [
  { id: '64a687e29ae1f428e7ebe303', name: 'Acme GmbH' },
  { id: '64a687e29ae1f428e7ebe404', name: 'Side Project' },
  { id: '64a687e29ae1f428e7ebe505', name: 'Beta Corp' },
];

export interface FakeBridge extends PunchcardApi {
  /** Every call the window made, in order. */
  readonly calls: Array<{ name: string; request: unknown }>;
  /** copySnippet calls: what the clipboard would have received. */
  readonly copied: Array<{ id: string; part: 'text' | 'command'; text: string }>;
  /** openLink and openClientLink calls. */
  readonly opened: string[];
  /** The token main would have put in the keychain (tests check it never comes back). */
  readonly keychain: Map<string, string>;
  /** The settings main would have written. */
  readonly state: {
    readOnly: boolean;
    switchedOn: Record<ToolName, boolean>;
    /** The default connection's back end, as main's settings hold it. */
    readonly account: AccountView['provider'];
    /** config.json as main's handlers wrote it (the Account screen runs main's own handlers). */
    readonly config: Record<string, unknown>;
    /** Every folder move main made for a renamed or removed connection. */
    readonly folderMoves: string[];
    /** How often main restarted the engine for a change of connections or back end. */
    restarts: number;
    preferences: Omit<PreferencesView, 'startAtLoginSupported' | 'backEnd' | 'shortcutProblem'>;
    keptWrites: KeptWriteView[];
  };
  now(): number;
  advance(minutes: number): void;
  /** The next call of `name` rejects with `message`. */
  failNext(name: keyof PunchcardApi, message: string): void;
  /** Calls of `name` wait until the returned function is called. */
  hold(name: keyof PunchcardApi): () => void;
  /** Pushes an event to the window, as main does. */
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
  /** The updater moved on (checking, downloaded, failed): updateChanged goes out, as main sends it. */
  setUpdatePhase(phase: UpdatePhase): void;
  /** How often the window asked to restart into an update. */
  readonly installs: { count: number };
  /** The tray noticed `minutes` away while the timer ran: the question goes to the window. */
  askIdle(minutes: number, cause?: 'idle' | 'sleep' | 'lock'): void;
  /** Every export, with its range and the entries it held. */
  readonly exports: Array<{ from: string; to: string; entries: number }>;
  /** Every working-time CSV saved, as its contents. */
  readonly workingTimeExports: string[];
  /** The tray or an AI client started a timer: state changes and statusChanged goes out. */
  clockInElsewhere(project: string, activity?: string): StatusView;
  status(): StatusView;
  clientCard(id: string): ClientCard | undefined;
  /** The Administration screen's back end: someone else books an entry there (a bulk correction's count moves). */
  readonly adminWorld: FakeAdminWorld;
  /** The decisions of timesheets made through the window, in order. */
  readonly timesheetDecisions: Array<{ id: string; decision: 'approve' | 'reject'; note: string | undefined }>;
  /** Someone decided a waiting week meanwhile, in the tracker's own pages. */
  decideTimesheetElsewhere(id: string, status: 'approved' | 'rejected'): void;
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

export function createFakeBridge(options: FakeBridgeOptions = {}): FakeBridge {
  let now = options.now ?? FAKE_NOW;
  const offset = options.offsetMinutes ?? 120;
  const startAtLoginSupported = options.startAtLoginSupported ?? true;

  // --- time in the person's zone
  const wall = (ms: number) => new Date(ms + offset * 60_000);
  const dateOf = (ms: number) => {
    const d = wall(ms);
    return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  };
  const iso = (ms: number) => {
    const d = wall(ms);
    const sign = offset < 0 ? '-' : '+';
    const abs = Math.abs(offset);
    return `${dateOf(ms)}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
  };
  /** Epoch ms of hh:mm on the day `daysBack` before today, in the person's zone. */
  const at = (daysBack: number, hhmm: string) => {
    const [h = 0, m = 0] = hhmm.split(':').map(Number);
    const today = Date.parse(`${dateOf(now)}T00:00:00Z`) - offset * 60_000;
    return today - daysBack * 86_400_000 + (h * 60 + m) * 60_000;
  };
  const weekday = (ms: number) => (wall(ms).getUTCDay() + 6) % 7; // Monday 0

  // --- timesheet
  let nextId = 1;
  const entries: FakeEntry[] = [];
  const named = (name: string) => (options.longNames ? (LONG_NAMES[name] ?? name) : name);
  const add = (start: number, end: number | null, project: string | null, activity: string | null, description = '') => {
    const entry: FakeEntry = {
      id: nextId++,
      start,
      end,
      project: project && named(project),
      activity: activity && named(activity),
      description: named(description),
      ...(options.twoConnections ? { tracker: fakeTrackerOf(project) } : {}),
    };
    entries.push(entry);
    return entry;
  };
  for (let back = options.busyWeek ? 0 : weekday(now); back > 0; back--) {
    add(at(back, '08:30'), at(back, '12:15'), 'Acme Website', 'Development', 'Checkout flow');
    add(at(back, '13:00'), at(back, '14:00'), 'Internal', 'Meetings', 'Sprint planning');
    add(at(back, '14:10'), at(back, '17:05'), 'Beta Corp', 'Support', '');
  }
  add(at(0, '08:45'), at(0, '12:00'), 'Acme Website', 'Development', 'Payment provider webhooks');
  add(at(0, '12:30'), at(0, '13:05'), 'Internal', 'Meetings', 'Design review');
  if (options.approvals) {
    // The two weeks before, whose approvals the Timesheet shows: their working days filled.
    for (let back = weekday(now) + 14; back > weekday(now); back--) {
      if (weekday(at(back, '12:00')) > 4) continue;
      add(at(back, '08:30'), at(back, '12:30'), 'Acme Website', 'Development', 'Checkout flow');
      add(at(back, '13:15'), at(back, '17:15'), 'Beta Corp', 'Support', '');
    }
  }
  if (options.busyWeek) {
    // Five-minute tickets all day, every day of the week so far: about 200 in the week.
    const projects = ['Acme Website', 'Beta Corp', 'Internal'];
    const whole = options.busyWeek === 'whole';
    for (let back = weekday(now); back > (whole ? weekday(now) - 5 : 0); back--) {
      for (let slot = 0; slot < (whole ? 42 : 102); slot++) {
        const start = at(back, '07:00') + slot * 5 * 60_000;
        add(start, start + 4 * 60_000, projects[slot % 3] ?? null, 'Support', `Ticket #${4000 + back * 100 + slot}`);
      }
    }
  }
  if (options.running ?? true) {
    const running = add(at(0, '13:05'), null, 'Beta Corp', 'Support', 'Ticket #4711: export fails');
    // As the engine's outbox numbers a kept write until the back end gives it its own.
    if (options.waitingToSend) Object.assign(running, { id: -1, waitingToSend: true });
    if (options.twoConnections && options.perTrackerTimers) add(at(0, '13:10'), null, 'Internal', 'Meetings', 'Roadmap');
  }
  // On a workspace with custom fields, the work on Acme Website carries a ticket and the teams it was for.
  if (options.customFields) {
    for (const entry of entries) if (entry.project === 'Acme Website') entry.fields = { Ticket: 'WEB-140', Teams: ['Web'] };
  }
  if (options.agentEntry) add(at(weekday(now), '18:00'), at(weekday(now), '19:30'), 'Acme Website', 'Development', 'Ran the test suite').agent = 'claude-code';
  if (options.daysOnly) {
    for (const entry of entries) {
      if (entry.end === null) continue;
      const midnight = Date.parse(`${dateOf(entry.start)}T00:00:00Z`) - offset * 60_000;
      Object.assign(entry, { start: midnight, end: midnight + entry.end - entry.start, span: 'day' });
    }
  }
  // Kimai keeps exported records locked for a plain user: Monday's first entry is one.
  const exported = entries.find((entry) => weekday(entry.start) === 0);
  if ((options.account?.type ?? 'local') === 'kimai' && exported)
    exported.locked = 'It is exported in Kimai, and only an administrator may change exported records.';

  const breakMs = (entry: FakeEntry) => (entry.breaks ?? []).reduce((sum, span) => sum + ((span.end ?? now) - span.start), 0);
  const minutesOf = (entry: FakeEntry) => Math.max(0, Math.floor(((entry.end ?? now) - entry.start - breakMs(entry)) / 60_000));
  const view = (entry: FakeEntry): EntryView => ({
    id: entry.id,
    start: iso(entry.start),
    end: entry.end === null ? null : iso(entry.end),
    minutes: minutesOf(entry),
    project: entry.project,
    activity: entry.activity,
    description: entry.description,
    ...(entry.locked ? { locked: entry.locked } : {}),
    ...(entry.waitingToSend ? { waiting_to_send: true } : {}),
    ...(entry.agent ? { agent: entry.agent } : {}),
    ...(entry.span ? { span: entry.span } : {}),
    ...(entry.fields ? { fields: entry.fields } : {}),
    ...(entry.tracker ? { tracker: entry.tracker } : {}),
    ...(entry.breaks
      ? {
          breaks: entry.breaks.map((span) => ({
            type: span.type,
            start: iso(span.start),
            end: span.end === null ? null : iso(span.end),
            minutes: Math.floor(((span.end ?? now) - span.start) / 60_000),
          })),
        }
      : {}),
  });

  // --- settings
  // As the engine decides (contract/tool-policy.ts): the evidence tools are off for AI clients until a source is named.
  const evidenceOn = options.evidence === true;
  const switchedOn = Object.fromEntries(
    Object.values(TOOL_CATALOG).map((tool) => [tool.name, isDefaultEnabled(tool) && (tool.group !== 'evidence' || evidenceOn)]),
  ) as Record<ToolName, boolean>;
  // The Account screen runs main's own handlers (main/ipc/handlers/account.ts, connections.ts) over an
  // in-memory config.json and this keychain; only the engine's connection test is the fake's.
  const startProfile = profileFrom((options.account ?? { type: 'local' }) as Parameters<typeof profileFrom>[0]);
  let configDocument: Record<string, unknown> = {
    schemaVersion: 1,
    provider: options.connectionName ? { ...startProfile, name: options.connectionName } : startProfile,
    ...(options.trackers?.length ? { trackers: structuredClone(options.trackers) } : {}),
    // Working time's states: the holidays' country Preferences suggests a rule set from.
    ...(options.workingTime ? { holidays: { country: 'DE', state: 'BE' }, workingTime: { rules: options.workingTime.rules, notify: true } } : {}),
  };
  const settings = createSettingsStore({
    get store() {
      return configDocument;
    },
    set store(value) {
      configDocument = structuredClone(value);
    },
    path: '/home/ada/.config/Punchcard/config.json',
  });
  const folderMoves: string[] = [];
  const folders: TrackerFolders = {
    renameProblem: () => null,
    rename: (from, to) => void folderMoves.push(`${from} → ${to}`),
    retire: (name) => {
      folderMoves.push(`${name} set aside`);
      return null;
    },
  };
  const state: FakeBridge['state'] = {
    readOnly: false,
    switchedOn,
    get account() {
      return providerView(settings.read().provider);
    },
    get config() {
      return structuredClone(configDocument);
    },
    folderMoves,
    restarts: 0,
    preferences: {
      workWeek: { mon: 8, tue: 8, wed: 8, thu: 8, fri: 6, sat: 0, sun: 0 },
      holidays: { country: 'DE', state: 'BE' },
      annualLeaveDays: 28,
      carryOverDays: 2.5,
      allowLeaveBeyondBalance: false,
      timezone: '',
      startAtLogin: false,
      reminderHours: 10,
      idleMinutes: 10,
      shortcut: options.shortcut?.accelerator ?? '',
      durations: options.durations ?? 'units',
    },
    keptWrites: structuredClone(options.keptWrites ?? []),
  };
  let shortcutProblem = options.shortcut?.problem ?? null;
  const keychain = new Map<string, string>();
  // Where main files a back end's secret (none for the local timesheet).
  const secretAccount = (provider: AccountView['provider']): string | null => (provider.type === 'local' ? null : credentialAccount(provider));
  for (const connection of connectionsOf(settings.read())) {
    const startAccount = secretAccount(providerView(connection.profile));
    if (startAccount) keychain.set(startAccount, 'saved-before-this-test');
    // A second secret (Tempo's Jira API token) is filed under its own login, saved alike.
    const secondAccount = secondCredentialAccount(connection.profile);
    if (secondAccount) keychain.set(secondAccount, 'saved-before-this-test');
  }
  const planOf = (): PreferencesView['backEnd'] => {
    const type = state.account.type;
    const plan = PLANS[type];
    if (options.planProblem && PLAN_KEEPERS.has(type)) return { state: 'unknown', name: backEndLabel(type), problem: options.planProblem };
    return plan ? { ...structuredClone(plan), ...options.plan } : null;
  };
  /** The week targets count with: the back end's where it keeps one. */
  const targetWeek = () => {
    const plan = planOf();
    return plan?.state === 'kept' && plan.workWeek ? plan.workWeek : state.preferences.workWeek;
  };
  const breaksSupported = () => !UNSUPPORTED[state.account.type].has('start_break');

  // As main numbers them: every status the fake builds is newer than the one before.
  let statusesRead = 0;
  const trackerWorld: TrackerWorld = {
    entries: () => [...entries].sort((a, b) => a.start - b.start).map(view),
    dateOf: (text) => dateOf(Date.parse(text)),
    plan: (date) => daily.dayPlan(date),
    sharesWeek: options.sharedWeek === true,
  };
  const perTracker = options.twoConnections === true && options.perTrackerTimers === true;
  const status = (): StatusView =>
    options.twoConnections ? spanningStatus(trackerWorld, oneStatus(), perTracker ? 'per_tracker' : 'one_overall') : oneStatus();
  /**
   * The timer a write acts on, as the engine resolves it: with one timer per connection, the one of the
   * connection named; none named while two run is refused, nothing stopped (docs/several-trackers.md, "Timers").
   */
  const runningTimer = (tracker: string | undefined, tool: string): FakeEntry | undefined => {
    const open = entries.filter((entry) => entry.end === null);
    if (!perTracker) return open[0];
    if (tracker !== undefined) return open.find((entry) => entry.tracker === tracker);
    if (open.length > 1) refuse('tracker_required', { tool, why: 'several_timers', trackers: open.map((entry) => entry.tracker ?? 'acme').sort() });
    return open[0];
  };
  /** In a connection's name, with two: the entry must be in the connection the window names, as the engine resolves it. */
  const inTracker = (id: number, tracker: string | undefined) => {
    const entry = entries.find((candidate) => candidate.id === id);
    if (options.twoConnections && entry && entry.tracker !== tracker)
      reject(`Entry #${id} is in ${entry.tracker}, not in ${tracker ?? 'the default'}; nothing was changed.`);
  };
  const oneStatus = (): StatusView => {
    const today = dateOf(now);
    // The latest started, where one runs in each connection.
    const running =
      entries
        .filter((entry) => entry.end === null)
        .sort((a, b) => a.start - b.start)
        .at(-1) ?? null;
    const todayEntries = entries.filter((entry) => dateOf(entry.start) === today).sort((a, b) => a.start - b.start);
    const monday = at(weekday(now), '00:00');
    // Each day's target as the Timesheet and Reports count it (holidays and leave taken off), as the
    // engine's one time_report gives both.
    const week = Array.from({ length: 7 }, (_, index) => {
      const date = dateOf(monday + index * 86_400_000 + 12 * 3_600_000);
      const minutes = entries.filter((entry) => dateOf(entry.start) === date).reduce((sum, entry) => sum + minutesOf(entry), 0);
      return { date, minutes, ...daily.dayPlan(date) };
    });
    const recentProjects = [...new Set([...entries].sort((a, b) => b.start - a.start).flatMap((entry) => (entry.project ? [entry.project] : [])))];
    const recentWork: StatusView['recentWork'] = [];
    for (const entry of [...entries].sort((a, b) => b.start - a.start)) {
      if (entry.project && !recentWork.some((pair) => pair.project === entry.project && pair.activity === entry.activity)) {
        recentWork.push({ project: entry.project, activity: entry.activity, description: entry.description });
      }
    }
    return {
      today,
      running: running && view(running),
      todayMinutes: todayEntries.reduce((sum, entry) => sum + minutesOf(entry), 0),
      weekMinutes: week.reduce((sum, day) => sum + day.minutes, 0),
      todayEntries: todayEntries.map(view),
      week,
      recentProjects,
      recentWork: recentWork.slice(0, 8),
      breaksSupported: breaksSupported(),
      asOf: now,
      keptWrites: structuredClone(state.keptWrites),
      teamAvailable: options.team !== undefined,
      adminSections: admin.sections(),
      decidesTimesheets: approvals?.decides() ?? false,
      sequence: ++statusesRead,
    };
  };

  // --- team
  const teamPeople = (): TeamHoursView['people'] => {
    const size = options.teamSize ?? SAMPLE_TEAM.length;
    return Array.from({ length: size }, (_, index) => {
      const sample = structuredClone(SAMPLE_TEAM[index % SAMPLE_TEAM.length] as TeamHoursView['people'][number]);
      if (options.teamWorkingTime) sample.workingTime = structuredClone(SAMPLE_TEAM_WORKING_TIME[index % SAMPLE_TEAM.length] ?? {});
      return index < SAMPLE_TEAM.length ? sample : { ...sample, name: `Colleague ${String(index + 1).padStart(3, '0')}` };
    });
  };
  let pending = structuredClone(options.team === 'lead' ? SAMPLE_PENDING : []);

  const tools = (): ToolsView => {
    const unsupported = UNSUPPORTED[state.account.type];
    const groups: ToolGroupView[] = TOOL_GROUPS.map((group) => {
      const toolViews: ToolView[] = (Object.keys(TOOL_CATALOG) as ToolName[])
        .filter((name) => TOOL_CATALOG[name].group === group)
        .map((name) => {
          const supported = !unsupported.has(name);
          const access = TOOL_CATALOG[name].access;
          const on = state.switchedOn[name];
          return {
            name,
            ...TOOL_TEXT[name],
            access,
            switchedOn: on,
            supported,
            enabled: on && supported && (!state.readOnly || access === 'read'),
            lockedByOrganisation: false,
          };
        });
      const onCount = toolViews.filter((tool) => tool.switchedOn).length;
      const groupState = onCount === 0 ? 'off' : onCount === toolViews.length ? 'on' : 'some';
      return { group, title: GROUP_TITLES[group], state: groupState, tools: toolViews };
    });
    return { readOnly: state.readOnly, readOnlyLocked: false, organisation: null, groups };
  };

  // --- clients
  const home = '/home/ada';
  const client = (
    id: string,
    name: string,
    init: {
      installed: boolean;
      writable: boolean;
      status: RegistrationState;
      path?: string;
      language?: SnippetView['language'];
      command?: string;
      links?: string[];
      nextStep: string;
    },
  ): FakeClient => {
    const problem = init.status === 'invalid' ? `${init.path} line 3, column 5: a comma is missing` : undefined;
    return {
      card: {
        id,
        name,
        installed: init.installed,
        writable: init.writable,
        status: init.status,
        statusText: statusText(init.status, init.installed, problem),
        files: init.path ? [{ path: init.path, status: init.status, ...(problem ? { problem } : {}) }] : [],
        nextStep: init.nextStep,
      },
      language: init.language ?? 'json',
      command: init.command ?? null,
      links: init.links ?? [],
    };
  };
  const clients: FakeClient[] = [
    client('claude-desktop', 'Claude Desktop', {
      installed: true,
      writable: true,
      status: 'missing',
      path: `${home}/.config/Claude/claude_desktop_config.json`,
      nextStep: 'Quit Claude Desktop completely (not just its window) and open it again.',
    }),
    client('vscode', 'VS Code', {
      installed: true,
      writable: true,
      status: 'registered',
      path: `${home}/.config/Code/User/mcp.json`,
      command: `code --add-mcp '{"name":"punchcard","type":"stdio","command":"/opt/Punchcard/punchcard","args":["/opt/Punchcard/resources/punchcard-mcp.mjs"]}'`,
      links: ['Install in VS Code'],
      nextStep: 'In VS Code, start "punchcard" from the MCP server list (or the code lens in mcp.json) and confirm that you trust it.',
    }),
    client('cursor', 'Cursor', {
      installed: false,
      writable: true,
      status: 'missing',
      path: `${home}/.cursor/mcp.json`,
      links: ['Install in Cursor'],
      nextStep: 'Open Cursor Settings → MCP and switch "punchcard" on.',
    }),
    client('codex', 'Codex', {
      installed: true,
      writable: true,
      status: 'outdated',
      path: `${home}/.codex/config.toml`,
      language: 'toml',
      command: "codex mcp add punchcard --env 'ELECTRON_RUN_AS_NODE=1' -- /opt/Punchcard/punchcard /opt/Punchcard/resources/punchcard-mcp.mjs",
      nextStep: 'Start a new Codex session (CLI, IDE extension or app); /mcp lists "punchcard".',
    }),
    client('zed', 'Zed', {
      installed: true,
      writable: true,
      status: 'invalid',
      path: `${home}/.config/zed/settings.json`,
      nextStep: 'Zed reloads its settings by itself; the agent panel lists "punchcard" under context servers.',
    }),
    client('goose', 'Goose', {
      installed: true,
      writable: false,
      status: 'manual',
      language: 'yaml',
      nextStep: "Paste the snippet under `extensions:` in Goose's config.yaml (~/.config/goose/), then restart Goose.",
    }),
  ];
  const findClient = (id: string) => {
    const found = clients.find((candidate) => candidate.card.id === id);
    if (!found) throw new Error(`Punchcard does not know a client called ${id}.`);
    return found;
  };
  const launch = { command: '/opt/Punchcard/punchcard', args: ['/opt/Punchcard/resources/punchcard-mcp.mjs'], env: { ELECTRON_RUN_AS_NODE: '1' } };
  const snippetText = (entry: FakeClient): string => {
    if (entry.language === 'toml') {
      return `[mcp_servers.punchcard]\ncommand = "${launch.command}"\nargs = ["${launch.args[0]}"]\n\n[mcp_servers.punchcard.env]\nELECTRON_RUN_AS_NODE = "1"\n`;
    }
    if (entry.language === 'yaml') {
      return `extensions:\n  punchcard:\n    type: "stdio"\n    name: "punchcard"\n    enabled: true\n    cmd: "${launch.command}"\n    args: ["${launch.args[0]}"]\n    envs: {"ELECTRON_RUN_AS_NODE": "1"}\n    timeout: 300\n`;
    }
    const container = entry.card.id === 'vscode' ? 'servers' : entry.card.id === 'zed' ? 'context_servers' : 'mcpServers';
    return `${JSON.stringify({ [container]: { punchcard: launch } }, null, 2)}\n`;
  };
  const setClientStatus = (entry: FakeClient, status: RegistrationState) => {
    entry.card = {
      ...entry.card,
      status,
      statusText: statusText(status, entry.card.installed, undefined),
      files: entry.card.files.map((file) => ({ path: file.path, status })),
    };
  };

  // --- the API
  const listeners = new Map<EventName, Set<(payload: never) => void>>();
  const failures = new Map<string, string[]>();
  const holds = new Map<string, Promise<void>>();
  const calls: FakeBridge['calls'] = [];
  const copied: FakeBridge['copied'] = [];
  const opened: string[] = [];
  const extension: ExtensionView = options.extension ?? {
    path: '/Applications/Punchcard.app/Contents/Resources/punchcard.mcpb',
    problem: null,
    claudeInstalled: true,
  };

  // main's status handler tells the tray and every window about a timer change, this one included.
  const announce = (next: StatusView) => {
    for (const listener of listeners.get('statusChanged') ?? []) (listener as (value: unknown) => void)(structuredClone(next));
    return next;
  };
  // Sentences for the person, as main's handlers throw them (dispatch passes their message through);
  // an engine's refusal without a code as main passes it on: as the engine wrote it.
  const reject = (message: string): never => {
    throw new UserFacingError(message);
  };

  /** Epoch ms of a wall time "YYYY-MM-DDTHH:MM" in the person's zone. */
  const instantOf = (wallTime: string) => Date.parse(`${wallTime.length === 16 ? `${wallTime}:00` : wallTime.slice(0, 19)}Z`) - offset * 60_000;
  const daily = createFakeDaily(
    {
      now: () => now,
      dateOf,
      iso,
      instantOf,
      entries,
      add,
      view,
      workWeek: targetWeek,
      backEnd: () => state.account.type,
      allowLeaveBeyondBalance: () => state.preferences.allowLeaveBeyondBalance === true,
      unsupported: () => UNSUPPORTED[state.account.type],
      announce: () => announce(status()),
      named,
    },
    { ...(options.saveAs === undefined ? {} : { saveAs: options.saveAs }), ...(options.idleQuestion ? { idleQuestion: true } : {}) },
  );
  if (options.idleQuestion) daily.askIdle(35, 'lock');

  const admin = createFakeAdmin(options.admin, () => backEndLabel(state.account.type), reject);
  const approvals = options.approvals
    ? createFakeApprovals(options.approvals, {
        today: () => dateOf(now),
        backEnd: () => backEndLabel(state.account.type),
        hoursOf: (monday) => {
          const sunday = addDays(monday, 6);
          const minutes = entries
            .filter((entry) => dateOf(entry.start) >= monday && dateOf(entry.start) <= sunday && !entry.agent)
            .reduce((sum, entry) => sum + minutesOf(entry), 0);
          return Math.round((minutes / 60) * 100) / 100;
        },
        reject,
      })
    : undefined;
  const noApprovals = (): never => reject(`${backEndLabel(state.account.type)} has no timesheet approvals that Punchcard can use for you.`);
  /** A write into a locked period is refused before anything is sent, as the engine's write tools do. */
  const unlocked = (start: number | string | undefined) => {
    if (approvals && start !== undefined) approvals.lockOn(typeof start === 'number' ? dateOf(start) : start.slice(0, 10));
  };
  const updater = fakeUpdates(options.updates ?? {}, () => now, status, reject);
  if (options.evidence) keychain.set(feedSecretAccount('Work'), 'https://calendar.example.com/ada/private-5f2a/basic.ics');
  const workingTime = createFakeWorkingTime(settings, () => dateOf(now), options.workingTime);
  const evidence = createFakeEvidence(
    { now: () => now, iso, instantOf, entries, add, view, announce: () => announce(status()) },
    keychain,
    options.evidence ? SAMPLE_EVIDENCE : undefined,
  );

  /** The engine's connection test, as the fake back ends would answer it: `token` typed, or the keychain's. */
  const testedConnection = (profile: BackEndProfile, token: string | undefined): ConnectionResult => {
    const provider = providerView(profile);
    if (provider.type === 'local') return { ok: true, message: 'The timesheet on this computer is ready (412 entries).' };
    const secret = token ?? keychain.get(secretAccount(provider) ?? '');
    if (provider.type === 'calamari') {
      if (!secret) return { ok: false, message: `Punchcard has no Calamari API key for ${provider.url}. Paste it and test again.` };
      return { ok: true, message: `Connected to Calamari as Ada Lovelace (${provider.email}); Time & Attendance in use; Time Off in use.` };
    }
    if (provider.type === 'clockify') {
      if (!secret) return { ok: false, message: `Punchcard has no Clockify API key for ${provider.url}. Paste it and test again.` };
      return {
        ok: true,
        message: `Connected to Clockify at ${new URL(provider.url).host} as Ada Lovelace (ada@acme.example) in the workspace "${provider.workspace ?? 'Acme'}" (STANDARD plan); time off available.`,
        workspaces: structuredClone(options.clockifyWorkspaces ?? CLOCKIFY_WORKSPACES),
      };
    }
    if (provider.type === 'harvest') {
      if (!secret) return { ok: false, message: `Punchcard has no Harvest Personal Access Token for ${provider.url}. Paste it and test again.` };
      return {
        ok: true,
        message: `Connected to Harvest at ${new URL(provider.url).host} as Ada Lovelace, account Acme (${provider.account_id ?? '1234567'}), tracking durations.`,
      };
    }
    if (provider.type === 'tempo') {
      const site = new URL(provider.url).host;
      if (!secret) return { ok: false, message: `Punchcard has no Tempo API token for ${site}. Paste it and test again.` };
      // As the engine says it: who, on which site and Tempo host, and the scope the token lacks.
      return {
        ok: true,
        message: `Connected to Tempo Timesheets on "Acme" (${site}) as "Ada Lovelace", with Tempo at ${new URL(provider.tempoUrl).host}. Your Tempo API token lacks the Teams scope, so Punchcard cannot read your team's report; a token's scopes are chosen when it is made.`,
      };
    }
    if (provider.type === 'toggl') {
      if (!secret) return { ok: false, message: `Punchcard has no Toggl Track API token for ${provider.url}. Paste it and test again.` };
      return {
        ok: true,
        message: `Connected to Toggl Track at ${new URL(provider.url).host} as Ada Lovelace (ada@acme.example) in the workspace "${provider.workspace ?? 'Acme'}" (Starter plan).`,
      };
    }
    if (provider.type === 'clockodo') {
      if (!secret) return { ok: false, message: `Punchcard has no Clockodo API key for ${provider.email}. Paste it and test again.` };
      return { ok: true, message: `Connected to Clockodo at my.clockodo.com as Ada Lovelace (worker) of Acme GmbH.` };
    }
    if (!secret) return { ok: false, message: `Punchcard has no API token for ${provider.url}. Paste one and test again.` };
    if (secret === 'wrong')
      return { ok: false, message: `Kimai at ${provider.url} refused the API token (401). Create a new one in Kimai under your profile → API access.` };
    return { ok: true, message: `Connected to Kimai 2.32 at ${provider.url} as Ada Lovelace.` };
  };
  const handlerPorts = {
    settings,
    credentials: {
      get: async (item: string) => keychain.get(item) ?? null,
      set: async (item: string, secret: string) => void keychain.set(item, secret),
      delete: async (item: string) => keychain.delete(item),
    },
    trackerFolders: folders,
    restartEngine: async () => {
      state.restarts += 1;
    },
    // The fake's report reads the settings each time (fake-trackers.ts): there are no targets to forget.
    workday: { forget: () => {} },
    timesheet: { testConnection: async (profile: BackEndProfile, token?: string) => testedConnection(profile, token) },
  };
  const accountAndConnections = {
    ...accountHandlers(handlerPorts as unknown as Parameters<typeof accountHandlers>[0]),
    ...connectionHandlers(handlerPorts),
  };

  const handlers: { [C in keyof Omit<PunchcardApi, 'on'>]: (request: RequestOf<C>) => unknown } = {
    ...updater.handlers,
    ...admin.handlers,
    ...evidence.handlers,
    ...workingTime.handlers,
    getStatus: () => status(),
    // As main's clock_in with switch: true: a running timer stops where the new one starts, which
    // is now or the start given (never in the future, never before the running one began).
    clockIn: (request) => {
      if (options.customFields) checkFakeFields(request?.project, request?.fields, true, 'not_started');
      // One timer per connection: only the one in the connection clocked in on stops.
      const running = perTracker ? runningTimer(request?.tracker ?? 'acme', 'clock_in') : entries.find((entry) => entry.end === null);
      const start = request?.start === undefined ? now : instantOf(request.start);
      if (start > now + 60_000) refuse('time_in_future', { field: 'start', time: iso(start) });
      if (running && start < running.start) refuse('timer_starts_before_running');
      if (running) {
        running.end = Math.min(start, now);
        for (const span of running.breaks ?? []) span.end ??= running.end;
      }
      const started = add(Math.min(start, now), null, request?.project ?? null, request?.activity ?? null, request?.description ?? '');
      if (options.twoConnections) started.tracker = request?.tracker ?? 'acme';
      return announce(status());
    },
    clockOut: (request) => {
      const running = runningTimer(request?.tracker, 'clock_out') ?? reject('No timer is running.');
      running.end = now;
      for (const span of running.breaks ?? []) span.end ??= now;
      if (request?.description) running.description = request.description;
      return announce(status());
    },
    startBreak: (request) => {
      if (!breaksSupported()) reject('Start break is not available with this back end.');
      const running = runningTimer(request?.tracker, 'start_break') ?? reject('No shift is running: clock in first.');
      const open = running.breaks?.find((span) => span.end === null);
      if (open) reject(`A break (${open.type}) is already running; end it first.`);
      const type = request?.type ?? 'Break';
      if (!['Break', 'Lunch'].includes(type)) reject(`No break type "${type}". You may take: "Break", "Lunch".`);
      // The type named, else the back end's first, as the engine takes it.
      running.breaks = [...(running.breaks ?? []), { type, start: now, end: null }];
      return announce(status());
    },
    endBreak: (request) => {
      const open = runningTimer(request?.tracker, 'end_break')?.breaks?.find((span) => span.end === null) ?? reject('No break is running.');
      open.end = now;
      return announce(status());
    },
    getTeamHours: ({ date, offset }) => {
      const label = backEndLabel(state.account.type);
      if (!options.team) {
        const unavailable =
          state.account.type === 'local'
            ? 'The timesheet on this computer has one person, so there is no team to show.'
            : `${label} shows Punchcard nobody's time but yours: your account there leads no team.`;
        return { availability: { hours: false, leave: false, unavailable }, hours: null };
      }
      const monday = startOfIsoWeek(date);
      const people = teamPeople();
      const from = offset ?? 0;
      const window = people.slice(from, from + 50);
      const next = from + window.length < people.length ? from + window.length : null;
      const covers = `the members of the teams you lead in ${label}`;
      return {
        availability: { hours: true, leave: options.team === 'lead', unavailable: null },
        hours: { from: monday, to: addDays(monday, 6), people: window, total: people.length, offset: from, nextOffset: next, covers },
      };
    },
    getPendingLeave: () => {
      if (options.team !== 'lead') reject(`${backEndLabel(state.account.type)} leaves nobody's leave to your decision through Punchcard.`);
      return { requests: structuredClone(pending), nextOffset: null, covers: `the members of the teams you lead in ${backEndLabel(state.account.type)}` };
    },
    decideLeave: ({ id, decision, reason }) => {
      const request = pending.find((waiting) => waiting.id === id) ?? reject('That leave request no longer waits for your decision.');
      pending = pending.filter((waiting) => waiting !== request);
      const done = decision === 'approve' ? 'Approved' : 'Rejected';
      // As the engine says it: Kimai's absence plugin keeps no reason with a decision.
      const kept = reason ? ` ${backEndLabel(state.account.type)} keeps no reason with a decision; tell ${request.person} yourself.` : '';
      return {
        outcome: `${done} ${request.person}'s ${request.kind ?? request.type} ${request.firstDay === request.lastDay ? request.firstDay : `${request.firstDay} to ${request.lastDay}`} (${request.days} working ${request.days === 1 ? 'day' : 'days'}).${kept}`,
      };
    },
    decideKeptWrite: ({ id, choice }) => {
      const write =
        state.keptWrites.find((kept) => kept.id === id) ??
        reject('That write no longer waits for your decision: it was sent or decided meanwhile (in another window or by an AI client).');
      state.keptWrites = state.keptWrites.filter((kept) => kept !== write);
      // As the engine: a dismissed write leaves things as they are; one sent again is sent (the fake's back end answers).
      const outcome = choice === 'dismiss' ? 'Dismissed your kept write: Kimai stays as it is.' : 'Sent to Kimai as you kept it.';
      return { outcome, status: announce(status()) };
    },
    getTools: () => tools(),
    setToolGroup: ({ group, enabled }) => {
      for (const name of Object.keys(TOOL_CATALOG) as ToolName[]) if (TOOL_CATALOG[name].group === group) state.switchedOn[name] = enabled;
      return tools();
    },
    setTool: ({ name, enabled }) => {
      if (UNSUPPORTED[state.account.type].has(name)) reject(`${TOOL_TEXT[name].title} is not available with this back end.`);
      state.switchedOn[name] = enabled;
      return tools();
    },
    setReadOnly: ({ readOnly }) => {
      state.readOnly = readOnly;
      return tools();
    },
    listClients: () => clients.map((entry) => entry.card),
    registerClient: ({ id }): ClientChange => {
      const entry = findClient(id);
      if (!entry.card.writable) reject(`Punchcard cannot edit ${entry.card.name}'s settings; copy the snippet instead.`);
      const file = entry.card.files[0];
      if (entry.card.status === 'invalid') {
        reject(
          `${file?.path ?? 'The file'} is not valid JSON (line 3, column 5: a comma is missing). Punchcard changed nothing; fix the file, then try again.`,
        );
      }
      setClientStatus(entry, 'registered');
      return {
        card: entry.card,
        message: `Registered with ${entry.card.name}: ${file?.path} (previous version saved as ${file?.path}.punchcard-backup). ${entry.card.nextStep}`,
      };
    },
    unregisterClient: ({ id }): ClientChange => {
      const entry = findClient(id);
      if (!entry.card.writable) reject(`Punchcard cannot edit ${entry.card.name}'s settings.`);
      const file = entry.card.files[0];
      setClientStatus(entry, 'missing');
      return { card: entry.card, message: `Removed from ${entry.card.name}: ${file?.path} (previous version saved as ${file?.path}.punchcard-backup).` };
    },
    getSnippet: ({ id }): SnippetView => {
      const entry = findClient(id);
      return { clientId: id, language: entry.language, text: snippetText(entry), command: entry.command, links: entry.links, nextStep: entry.card.nextStep };
    },
    copySnippet: ({ id, part }) => {
      const entry = findClient(id);
      const text = part === 'text' ? snippetText(entry) : (entry.command ?? reject(`${entry.card.name} has no command to copy.`));
      copied.push({ id, part, text });
      return null;
    },
    openClientLink: ({ id, label }) => {
      const entry = findClient(id);
      if (!entry.links.includes(label)) reject(`${entry.card.name} has no link called “${label}”.`);
      opened.push(`${id}:${label}`);
      return null;
    },
    getTeamServer: () => ({ endpoint: options.teamServer ?? null }),
    copyTeamServerUrl: () => {
      if (!options.teamServer) reject("Your organisation's policy names no team server.");
      copied.push({ id: 'team-server', part: 'text', text: options.teamServer as string });
      return null;
    },
    getExtension: () => extension,
    installExtension: () => {
      if (extension.problem || !extension.path) reject(extension.problem ?? 'There is no extension file.');
      opened.push(`extension:${extension.path}`);
      return {
        message: 'Claude Desktop shows the extension: choose Install, then fill in your back end, or leave it empty to use what Punchcard is set to here.',
      };
    },
    showExtension: () => {
      opened.push(`shown:${extension.path}`);
      return null;
    },
    ...accountAndConnections,
    getPreferences: () => preferences(),
    savePreferences: (request) => {
      if (request.timezone) {
        try {
          new Intl.DateTimeFormat('en-US', { timeZone: request.timezone });
        } catch {
          reject(`Unknown time zone “${request.timezone}”.`);
        }
      }
      if (request.holidays && !COUNTRIES.some((country) => country.code === request.holidays?.country.toUpperCase())) {
        reject(`No public holidays are known for ${request.holidays.country}.`);
      }
      const plan = planOf();
      const keepsWeek = plan?.state === 'unknown' || (plan?.state === 'kept' && plan.workWeek !== null);
      const keepsHolidays = plan?.state === 'unknown' || (plan?.state === 'kept' && plan.keepsHolidays);
      if (plan && ((request.workWeek && keepsWeek) || (request.holidays !== undefined && keepsHolidays)))
        reject(`${plan.name} keeps your work week and public holidays: change them in ${plan.name}. Nothing was saved.`);
      if ((plan?.state === 'unknown' || plan?.leave) && (request.annualLeaveDays !== undefined || request.carryOverDays !== undefined)) {
        reject(`${plan.name} keeps your leave entitlement: change it in ${plan.name}. Nothing was saved.`);
      }
      const { startAtLogin, ...rest } = request;
      if (startAtLogin !== undefined && !startAtLoginSupported) reject('This installation cannot start at login.');
      if (request.shortcut === 'CommandOrControl+Shift+K') {
        reject('Ctrl+Shift+K is already in use by another app or by the system, so Punchcard cannot use it. Choose another shortcut. Nothing was saved.');
      }
      if (request.shortcut !== undefined) shortcutProblem = null;
      state.preferences = { ...state.preferences, ...rest, ...(startAtLogin === undefined ? {} : { startAtLogin }) };
      return preferences();
    },
    listHolidayRegions: (request) => (request?.country ? (STATES[request.country.toUpperCase()] ?? []) : COUNTRIES),
    ...daily.handlers,
    getTimesheet: (request) => {
      const week = { ...daily.handlers.getTimesheet(request), approval: approvals ? approvals.week(startOfIsoWeek(request.date)) : null };
      return options.twoConnections ? spanningWeek(trackerWorld, week) : week;
    },
    getReport: (request) => (options.twoConnections ? spanningReport(trackerWorld, daily.handlers.getReport(request)) : daily.handlers.getReport(request)),
    getCatalog: () =>
      options.customFields ? { ...daily.handlers.getCatalog(), fields: FAKE_FIELDS, requiredFields: FAKE_REQUIRED_FIELDS } : daily.handlers.getCatalog(),
    logTime: (request) => {
      unlocked(request.start);
      if (options.customFields) checkFakeFields(request.project, request.fields, true);
      const { tracker, ...rest } = request;
      const logged = daily.handlers.logTime(rest);
      const record = entries.find((entry) => entry.id === logged.id);
      // Where the window said; the default where it named none (the engine's rule 4).
      if (options.twoConnections && record) record.tracker = tracker ?? 'acme';
      return record ? view(record) : logged;
    },
    updateEntry: (request) => {
      unlocked(entries.find((entry) => entry.id === request.id)?.start);
      unlocked(request.start);
      inTracker(request.id, request.tracker);
      if (options.customFields) checkFakeFields(request.project, request.fields, request.project !== undefined);
      const { tracker: _tracker, ...rest } = request;
      return daily.handlers.updateEntry(rest);
    },
    deleteEntry: (request) => {
      unlocked(entries.find((entry) => entry.id === request.id)?.start);
      inTracker(request.id, request.tracker);
      return daily.handlers.deleteEntry({ id: request.id });
    },
    submitWeek: (request) => (approvals ?? noApprovals()).handlers.submitWeek(request),
    getApprovalsToDecide: () => (approvals ?? noApprovals()).handlers.getApprovalsToDecide(),
    getSubmissionEntries: (request) => (approvals ?? noApprovals()).handlers.getSubmissionEntries(request),
    decideTimesheet: (request) => (approvals ?? noApprovals()).handlers.decideTimesheet(request),
    answerIdle: (request) => {
      daily.handlers.answerIdle(request);
      return status();
    },
    openLink: ({ id }) => {
      opened.push(id);
      return null;
    },
  };

  const preferences = (): PreferencesView => ({
    ...structuredClone(state.preferences),
    // As main says it: a switch only where nobody approves leave (the local timesheet).
    allowLeaveBeyondBalance: state.account.type === 'local' ? state.preferences.allowLeaveBeyondBalance === true : null,
    backEnd: planOf(),
    startAtLoginSupported,
    shortcutProblem: state.preferences.shortcut ? shortcutProblem : null,
  });

  const api = {} as Record<string, unknown>;
  for (const [name, handler] of Object.entries(handlers) as Array<[string, (request: unknown) => unknown]>) {
    api[name] = async (request?: unknown) => {
      calls.push({ name, request: structuredClone(request) });
      await holds.get(name);
      const failure = failures.get(name)?.shift();
      if (failure !== undefined) throw new UserFacingError(failure);
      return structuredClone(await handler(request));
    };
  }

  const fake: Omit<FakeBridge, keyof Omit<PunchcardApi, 'on'>> = {
    calls,
    copied,
    opened,
    keychain,
    state,
    now: () => now,
    advance(minutes) {
      now += minutes * 60_000;
    },
    failNext(name, message) {
      failures.set(name, [...(failures.get(name) ?? []), message]);
    },
    hold(name) {
      let release = () => {};
      holds.set(
        name,
        new Promise<void>((resolve) => {
          release = () => {
            holds.delete(name);
            resolve();
          };
        }),
      );
      return release;
    },
    on(event, listener) {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      set.add(listener as (payload: never) => void);
      return () => set.delete(listener as (payload: never) => void);
    },
    emit(event, payload) {
      for (const listener of listeners.get(event) ?? []) (listener as (value: unknown) => void)(structuredClone(payload));
    },
    setUpdatePhase(phase) {
      fake.emit('updateChanged', updater.enter(phase));
    },
    installs: updater.installs,
    askIdle(minutes, cause = 'idle') {
      fake.emit('idleQuestion', daily.askIdle(minutes, cause));
    },
    exports: daily.saved,
    workingTimeExports: workingTime.exports,
    clockInElsewhere(project, activity) {
      const running = entries.find((entry) => entry.end === null);
      if (running) running.end = now;
      add(now, null, project, activity ?? null, '');
      const next = status();
      fake.emit('statusChanged', next);
      return next;
    },
    status,
    clientCard: (id) => clients.find((entry) => entry.card.id === id)?.card,
    adminWorld: admin.world,
    timesheetDecisions: approvals?.decisions ?? [],
    decideTimesheetElsewhere(id, status) {
      approvals?.decideElsewhere(id, status);
    },
  };
  return Object.assign(api, fake) as unknown as FakeBridge;
}
