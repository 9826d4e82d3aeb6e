// What the IPC handlers need from the rest of the app, as small interfaces: the handlers are plain
// functions of these, so they run (and are tested) without Electron, and the UI tests drive them
// with the real engine, keychain and files behind each port.
import type { Policy } from '../../../mcp-server/policy/policy.ts';
import type { ProviderProfile } from '../../../mcp-server/contract/settings.ts';
import type { ToolName } from '../../../mcp-server/contract/tool-catalog.ts';
import type { CredentialStore } from '../../../mcp-server/credentials/credential-store.ts';
import type { Platform, Registrar } from '../../../mcp-server/clients/index.ts';
import type { SettingsStore } from '../../settings/settings-store.ts';
import type { BackEndPlan } from '../../engine/timesheet.ts';
import type { ConnectionResult, HolidayRegionOption, StatusView } from '../contract.ts';

/** The engine client's view of the timesheet (main/engine): every answer comes from MCP tools. */
export interface TimesheetPort {
  getStatus(): Promise<StatusView>;
  clockIn(request: { project?: string; activity?: string; description?: string }): Promise<StatusView>;
  clockOut(request: { description?: string }): Promise<StatusView>;
  /** A break in the running shift, of the back end's first break type. */
  startBreak(): Promise<StatusView>;
  endBreak(): Promise<StatusView>;
  /** What the back end keeps of the person's plan (targets, holidays, leave), or null when the settings do. */
  backEndPlan(): Promise<BackEndPlan | null>;
  /** The tools the connected back end can serve. */
  supportedTools(): Promise<ReadonlySet<ToolName>>;
  /** Asks the engine to reach a back end; the token, when given, travels only in its environment. */
  testConnection(profile: ProviderProfile, token?: string): Promise<ConnectionResult>;
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
  /** The back end changed: the app's engine must start over with it. */
  restartEngine(): Promise<void>;
  /** Tells the tray (and other windows) about a timer change made here. */
  statusChanged(status: StatusView): void;
  /** The organisation's policy as it stands (mcp-server/policy); absent: none. */
  policy?(): Policy;
  /** Punchcard's Claude Desktop extension; absent where the app has none to offer. */
  extension?: ExtensionPort;
}

export interface ExtensionPort {
  /** The bundle's path when the file is there, else null. */
  bundle(): string | null;
  /** Opens a file with the application the system registers for it; rejects with the system's reason. */
  open(path: string): Promise<void>;
  /** Shows a file in the system's file manager. */
  show(path: string): void;
}
