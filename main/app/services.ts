// The app's services, wired together without Electron: the engine client and its timesheet, the
// settings file, the keychain, the client registrar and the IPC handlers over them. main/index.ts
// hands in the Electron adapters (clipboard, browser, login item, events); the UI tests hand in
// recording ones and drive the very same handlers through the loopback bridge.
import { join } from 'node:path';
import { isRemote } from '../../mcp-server/contract/back-ends.ts';
import { type Connection, connectionsOf, timerModeOf } from '../../mcp-server/contract/connections.ts';
import {
  type ChangeReport,
  clientRefusal,
  createCredentialStore,
  createKeychainStore,
  createRegistrar,
  type CredentialStore,
  currentEnvironment,
  describeRegion,
  evidenceJournalOf,
  holidayRegionChoices,
  keepFilesPrivate,
  launchSpec,
  loadPolicy,
  makePrivateFolder,
  NO_POLICY,
  type Platform,
  type Policy,
  policyPaths,
  type Registrar,
  SETTINGS_FILE_NAME,
  watchPolicyFiles,
} from '../../mcp-server/for-the-app.ts';
import { createEngineClient, createTimesheet, serveArguments, type EngineClient, type EngineLaunch, type Timesheet } from '../engine/index.ts';
import { createLeave } from '../engine/leave.ts';
import { createTeam } from '../engine/team.ts';
import { createApprovals } from '../engine/approvals.ts';
import { createAdministration } from '../engine/administration.ts';
import { createWorkday, type Workday } from '../engine/workday.ts';
import { createWorkingTime } from '../engine/working-time.ts';
import { createDrafts } from '../engine/drafts.ts';
import { type ActivitySource, activitySourceOf } from '../idle/activity-journal.ts';
import { createIdleTracker, type IdleTracker } from '../idle/idle-tracker.ts';
import type { Handlers } from '../../window-contract/index.ts';
import type { StatusView } from '../../window-contract/status.ts';
import { createDispatch, type Dispatch } from '../ipc/dispatch.ts';
import { createHandlers, type HandlerDeps } from '../ipc/handlers/index.ts';
import { createSettingsStore, type DocumentFile, type SettingsStore } from '../settings/settings-store.ts';
import { trackerFolders } from '../settings/tracker-folders.ts';
import { DEFAULT_UPDATE_PREFERENCES } from '../updates/update-preferences.ts';
import { workInFlight } from '../updates/update-model.ts';
import { createUpdates, type Updates, type UpdatesOptions } from '../updates/updater.ts';
import { appImageRefusal } from './app-image.ts';

export interface AppServicesOptions {
  userDataDir: string;
  /** The built engine, dist/mcp-server/punchcard-mcp.mjs (inside app.asar when packaged). */
  serverScript: string;
  /** `process.execPath`: Electron's binary in the app, Node in tests. */
  executable: string;
  /** True inside Electron: the executable must be told to act as Node (the runAsNode fuse stays on). */
  runAsNode: boolean;
  platform: Platform;
  env: NodeJS.ProcessEnv;
  /** electron-store in the app, conf in tests: the same class underneath. */
  settingsFile: DocumentFile;
  log: (message: string) => void;
  version: string;
  clipboard: HandlerDeps['clipboard'];
  openExternal: HandlerDeps['openExternal'];
  loginItem: HandlerDeps['loginItem'];
  statusChanged: (status: StatusView) => void;
  /** The save dialog and the file write (Electron's dialog in the app, a recorder in tests). */
  saveTextFile: HandlerDeps['saveTextFile'];
  /** The global shortcut; absent where none can be registered. */
  shortcut?: HandlerDeps['shortcut'];
  /** The app's preferences changed (the tray and the idle watch look again). */
  preferencesChanged?: () => void;
  /** Punchcard's Claude Desktop extension, when the app has one to offer. */
  extension?: HandlerDeps['extension'];
  /**
   * Starts the app's updates (main/updates/app-updates.ts) from what the services know: the
   * organisation's policy and the person's zone. Without it, what a development build says.
   */
  startUpdates?: (parts: UpdatesParts) => Updates;
}

/** What the services hand the updates they start. */
export type UpdatesParts = Required<Pick<UpdatesOptions, 'policy' | 'timeZone'>>;

export interface AppServices {
  engine: EngineClient;
  timesheet: Timesheet;
  workday: Workday;
  /** The question about time away; main feeds it power events and every status. */
  idle: IdleTracker;
  /** Where main's minute looks record the person's activity, while `evidence.activity` is on (idle/activity-journal.ts). */
  activity: ActivitySource;
  settings: SettingsStore;
  registrar: Registrar;
  /**
   * Repairs broken AI-client entries (the app does at each launch), once the organisation's policy
   * is read: before that, every client would look allowed.
   */
  repairClients(): Promise<ChangeReport[]>;
  /** The app's updates, which the window, the tray and the status listeners share. */
  updates: Updates;
  handlers: Handlers;
  dispatch: Dispatch;
  /** The organisation's policy of the moment (followed live). */
  policy(): Policy;
  close(): Promise<void>;
}

export function createAppServices(options: AppServicesOptions): AppServices {
  // The data folder and the settings are the person's alone (mcp-server/private-files.ts); the
  // settings file keeps that mode on every write (main/index.ts gives the store its mode).
  makePrivateFolder(options.userDataDir, options.log);
  keepFilesPrivate([join(options.userDataDir, SETTINGS_FILE_NAME)], options.log);
  const launch = engineLaunch(options);
  // The back end's offer changed (Kimai's profile said the person leads a team, a plugin was found):
  // the window's navigation and the tray follow at once, not at the next poll.
  const engine = startEngine(options, launch, () => void timesheet.getStatus().then(options.statusChanged, () => {}));
  const settings = createSettingsStore(options.settingsFile);
  // The connections the settings name (several trackers, issue 86): the window labels rows and offers them; none while the file cannot be read.
  const connections = (): Connection[] => settingOrFallback(settings, (read) => connectionsOf(read), []);
  const timesheet = createTimesheet(engine, {
    connections,
    timerMode: () => settingOrFallback(settings, (read) => timerModeOf(read), 'one_overall'),
    launch,
    log: options.log,
    parentEnv: options.env,
    // The connection clocked in on (the default when none is named) is the one whose back end decides.
    createsMissingCatalogItems: (tracker) => {
      try {
        const read = settings.read();
        const profile = tracker === undefined ? read.provider : connectionsOf(read).find((one) => one.name === tracker)?.profile;
        return profile !== undefined && !isRemote(profile);
      } catch {
        return false;
      }
    },
  });
  const workday = createWorkday(engine, { connections });
  const leave = createLeave(engine);
  const team = createTeam(engine);
  const settingOr = <T>(read: (settings: ReturnType<SettingsStore['read']>) => T, fallback: T): T => settingOrFallback(settings, read, fallback);
  const idle = createIdleTracker({
    thresholdMinutes: () => settingOr((read) => read.app.idleMinutes, 0),
    timeZone: () => settingOr((read) => read.timezone, ''),
    getStatus: () => timesheet.getStatus(),
    clockOut: (request) => timesheet.clockOut(request),
    clockIn: (request) => timesheet.clockIn(request),
  });
  // Opened at the first span recorded: nothing is written while the switch is off.
  const journal = evidenceJournalOf(options.userDataDir, options.log);
  const activity = activitySourceOf(
    () => settings.read(),
    (start, end) => journal.recordActive(start, end),
  );
  const followed = followPolicy(options);
  const policy = followed.current;
  const registrar = createRegistrar({
    refusal: (clientId) => clientRefusal(policy(), clientId),
    environment: { ...currentEnvironment(options.env), platform: options.platform },
    launch: launchSpec({ executable: options.executable, serverScript: options.serverScript, userDataDir: options.userDataDir, runAsNode: options.runAsNode }),
  });
  const clientsUnavailable = appImageRefusal(options.executable, options.env);
  // The app writes secrets to the keychain; reading prefers it too, so "saved" means saved there.
  const credentials = appCredentials(options);
  const updatesParts: UpdatesParts = {
    policy: () => ({ ...policy().updates, problem: policy().problem }),
    timeZone: () => settingOr((read) => read.timezone, '') || undefined,
  };
  const updates = options.startUpdates ? options.startUpdates(updatesParts) : developmentUpdates(options.version, updatesParts);

  const handlers = createHandlers({
    timesheet,
    settings,
    credentials,
    registrar,
    clientsUnavailable,
    platform: options.platform,
    clipboard: options.clipboard,
    openExternal: options.openExternal,
    loginItem: options.loginItem,
    holidayRegions: (country) => holidayRegionChoices(country),
    checkHolidayRegion: async (region) => {
      const check = await describeRegion(region);
      return check.ok ? null : check.message;
    },
    trackerFolders: trackerFolders(options.userDataDir),
    // Another back end: another plan and catalog.
    restartEngine: () => {
      workday.forget();
      return engine.restart();
    },
    policy,
    statusChanged: options.statusChanged,
    workday,
    drafts: createDrafts(engine),
    leave,
    team,
    workingTime: createWorkingTime(engine),
    approvals: createApprovals(engine),
    admin: createAdministration(engine),
    idle,
    saveTextFile: options.saveTextFile,
    ...(options.shortcut ? { shortcut: options.shortcut } : {}),
    ...(options.preferencesChanged ? { preferencesChanged: options.preferencesChanged } : {}),
    ...(options.extension ? { extension: options.extension } : {}),
    updates,
  });

  return {
    engine,
    timesheet,
    workday,
    idle,
    activity,
    settings,
    registrar,
    updates,
    repairClients: async () => {
      await followed.read;
      // Repairing from an AppImage would point entries into a mount that goes with the app.
      if (clientsUnavailable) return [];
      return registrar.repair();
    },
    handlers,
    dispatch: createDispatch(handlers, options.log),
    policy,
    close: () => {
      followed.stop();
      journal.close();
      return engine.close();
    },
  };
}

/** How the engine is started: the built script, run by the app's own executable. */
export function engineLaunch(options: Pick<AppServicesOptions, 'executable' | 'serverScript' | 'userDataDir' | 'runAsNode'>): EngineLaunch {
  return {
    command: options.executable,
    script: options.serverScript,
    userDataDir: options.userDataDir,
    // The engine client hands the engine the app's proof on a pipe of its own (engine-transport.ts):
    // with an organisation's policy in place, only the app's engine may see every tool.
    ...(options.runAsNode ? { env: { ELECTRON_RUN_AS_NODE: '1' } } : {}),
  };
}

function startEngine(options: AppServicesOptions, launch: EngineLaunch, onToolsChanged: () => void): EngineClient {
  return createEngineClient({
    command: launch.command,
    args: serveArguments(launch),
    ...(launch.env ? { env: launch.env } : {}),
    parentEnv: options.env,
    requiredFiles: [launch.script],
    log: options.log,
    clientInfo: { name: 'punchcard-app', version: options.version },
    onToolsChanged,
  });
}

/** A setting, or the fallback while the settings file cannot be read. */
function settingOrFallback<T>(settings: SettingsStore, read: (settings: ReturnType<SettingsStore['read']>) => T, fallback: T): T {
  try {
    return read(settings.read());
  } catch {
    return fallback;
  }
}

/**
 * The organisation's policy, read at start and again when an administrator changes it, as the
 * engine does; the screens show the new locks the next time they load.
 */
function followPolicy(options: Pick<AppServicesOptions, 'env' | 'log'>): { current: () => Policy; read: Promise<void>; stop: () => void } {
  let policy = NO_POLICY;
  const policyFiles = policyPaths(options.env);
  const reloadPolicy = () => loadPolicy(policyFiles).then((loaded) => void (policy = loaded));
  const read = reloadPolicy();
  const stop = watchPolicyFiles(policyFiles, () => void reloadPolicy(), options.log);
  return { current: () => policy, read, stop };
}

/** What a build without electron-updater (a checkout, the UI tests) says about updates. */
function developmentUpdates(version: string, parts: UpdatesParts): Updates {
  const preferences = { read: () => DEFAULT_UPDATE_PREFERENCES, write: () => DEFAULT_UPDATE_PREFERENCES };
  return createUpdates({
    load: null,
    currentVersion: version,
    preferences,
    policy: parts.policy,
    work: () => workInFlight(null, false),
    changed: () => {},
    log: () => {},
  });
}

function appCredentials(options: AppServicesOptions): CredentialStore {
  const keychain = createKeychainStore({});
  // Writes must reach the keychain (or fail loudly); reads also honour the documented variables,
  // exactly as the engine does, so the window says "saved" when the engine will find a token.
  const reader = createCredentialStore({ env: options.env, log: options.log });
  return {
    kind: 'keychain',
    get: (account) => reader.get(account),
    set: (account, secret) => keychain.set(account, secret),
    delete: (account) => keychain.delete(account),
  };
}
