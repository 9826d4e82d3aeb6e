// What the IPC handlers need from the rest of the app, as small interfaces: the handlers are plain
// functions of these, so they run (and are tested) without Electron, and the UI tests drive them
// with the real engine, keychain and files behind each port.
import type { CredentialStore, Platform, Policy, Registrar } from '../../../mcp-server/for-the-app.ts';
import type { BackEndProfile } from '../../../mcp-server/contract/settings.ts';
import type { ToolName } from '../../../mcp-server/contract/tool-catalog.ts';
import type { SettingsStore } from '../../settings/settings-store.ts';
import type { TrackerFolders } from '../../settings/tracker-folders.ts';
import type { BackEndPlan } from '../../engine/timesheet.ts';
import type { ConnectionResult } from '../../../window-contract/account.ts';
import type { HolidayRegionOption } from '../../../window-contract/settings.ts';
import type { IdleAnswer, IdleQuestion, KeptWriteChoice, StatusView } from '../../../window-contract/status.ts';
import type { EntryFieldValues } from '../../../window-contract/request-parts.ts';
import type { Leave } from '../../engine/leave.ts';
import type { Team } from '../../engine/team.ts';
import type { Administration } from '../../engine/administration.ts';
import type { Approvals } from '../../engine/approvals.ts';
import type { Workday } from '../../engine/workday.ts';
import type { Drafts } from '../../engine/drafts.ts';
import type { WorkingTime } from '../../engine/working-time.ts';
import type { Updates } from '../../updates/updater.ts';

/** The app's updates (main/updates/updater.ts): a development build's say what they are. */
export type UpdatesPort = Pick<Updates, 'view' | 'check' | 'setMode' | 'install'>;

/** The engine client's view of the timesheet (main/engine): every answer comes from MCP tools. */
export interface TimesheetPort {
  getStatus(): Promise<StatusView>;
  /** `tracker`: the connection to clock in on (several trackers); the default's when not given. */
  clockIn(request: {
    project?: string;
    activity?: string;
    description?: string;
    start?: string;
    fields?: EntryFieldValues;
    tracker?: string;
  }): Promise<StatusView>;
  /** Stops the timer now, or at `end` (ISO 8601 or a local wall time); with several connections, `tracker`'s. */
  clockOut(request: { description?: string; end?: string; tracker?: string }): Promise<StatusView>;
  /** A break in the running shift, of the type named, else the back end's first; with several connections, in `tracker`'s shift. */
  startBreak(type?: string, tracker?: string): Promise<StatusView>;
  endBreak(tracker?: string): Promise<StatusView>;
  /** The person's choice for a kept write that was not sent: what came of it, and the status after. */
  decideKeptWrite(id: number, choice: KeptWriteChoice): Promise<{ outcome: string; status: StatusView }>;
  /** What the back end keeps of the person's plan (targets, holidays, leave), or null when the settings do. */
  backEndPlan(): Promise<BackEndPlan | null>;
  /** The tools the connected back end can serve. */
  supportedTools(): Promise<ReadonlySet<ToolName>>;
  /** Asks the engine to reach a back end; the token, when given, travels only in its environment. */
  testConnection(profile: BackEndProfile, token?: string, secondToken?: string): Promise<ConnectionResult>;
}

/** The window's timesheet, catalog and reports (main/engine/workday.ts), all through the engine's tools. */
export type WorkdayPort = Workday;

/** The Timesheet's drafts of a day from evidence (main/engine/drafts.ts), through the engine's tools. */
export type DraftsPort = Drafts;

/** Leave and the team calendar (main/engine/leave.ts), through the engine's tools. */
export type LeavePort = Leave;

/** The Team screen (main/engine/team.ts), through the engine's team tools. */
export type TeamPort = Team;

/** Working time (main/engine/working-time.ts), through the engine's `working_time`. */
export type WorkingTimePort = WorkingTime;

/** Timesheet approvals (main/engine/approvals.ts), through the engine's approvals tools. */
export type ApprovalsPort = Approvals;

/** The Administration screen (main/engine/administration.ts), through the engine's catalog and admin tools. */
export type AdminPort = Administration;

/** The tray's question about time away (main/idle/idle-tracker.ts). */
export interface IdlePort {
  question(): IdleQuestion | null;
  answer(id: number, answer: IdleAnswer): Promise<StatusView>;
}

/** The global clock-in/out shortcut (main/shortcut/global-shortcut.ts). */
export interface ShortcutPort {
  /** Takes `accelerator` ('' for none): the problem in words (another app holds it), or null. */
  set(accelerator: string): string | null;
  problem(): string | null;
}

export interface LoginItemPort {
  readonly supported: boolean;
  set(openAtLogin: boolean): void | Promise<void>;
}

export interface HandlerDeps {
  timesheet: TimesheetPort;
  settings: SettingsStore;
  credentials: Pick<CredentialStore, 'get' | 'set' | 'delete'>;
  registrar: Registrar;
  /** Why AI clients cannot be connected from this install at all (an AppImage), or null. */
  clientsUnavailable: string | null;
  platform: Platform;
  clipboard: { writeText(text: string): void };
  /** Opens a URL in the person's browser or the app registered for it; only called with URLs main chose. */
  openExternal(url: string): Promise<void>;
  loginItem: LoginItemPort;
  holidayRegions(country?: string): Promise<HolidayRegionOption[]>;
  /** Checks a holiday region against the holiday data: null when fine, else what is wrong. */
  checkHolidayRegion(region: { country: string; state?: string; region?: string }): Promise<string | null>;
  /** Each connection's own folder in the data folder, which follows its name (settings/tracker-folders.ts). */
  trackerFolders: TrackerFolders;
  /** The back end changed: the app's engine must start over with it. */
  restartEngine(): Promise<void>;
  /** Tells the tray (and other windows) about a timer change made here. */
  statusChanged(status: StatusView): void;
  /** The organisation's policy as it stands (mcp-server/policy); absent: none. */
  policy?(): Policy;
  workday: WorkdayPort;
  drafts: DraftsPort;
  leave: LeavePort;
  team: TeamPort;
  workingTime: WorkingTimePort;
  approvals: ApprovalsPort;
  admin: AdminPort;
  idle: IdlePort;
  /** Asks where to save a file and writes it there; null when the person cancelled. */
  saveTextFile(request: { fileName: string; contents: string; filterName: string; extension: string }): Promise<string | null>;
  /** Absent where no shortcut can be registered (the UI tests): every shortcut is taken as it is. */
  shortcut?: ShortcutPort;
  /** The app's preferences changed (the idle threshold, the shortcut): the tray and idle watch look again. */
  preferencesChanged?(): void;
  /** Punchcard's Claude Desktop extension; absent where the app has none to offer. */
  extension?: ExtensionPort;
  updates: UpdatesPort;
}

export interface ExtensionPort {
  /** The bundle's path when the file is there, else null. */
  bundle(): string | null;
  /** Opens a file with the application the system registers for it; rejects with the system's reason. */
  open(path: string): Promise<void>;
  /** Shows a file in the system's file manager. */
  show(path: string): void;
}
