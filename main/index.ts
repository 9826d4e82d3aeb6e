// Punchcard's main process, as a table of contents (docs/decisions.md, "Main process as a table of
// contents"). Each step is a small module; the order matters where noted. Everything with logic
// lives in pure modules tested without Electron; this file only wires them.
import { existsSync } from 'node:fs';
import { app, clipboard, nativeTheme, shell } from 'electron';
import ElectronStore from 'electron-store';
import { makePrivateFolder, PRIVATE_FILE_MODE } from '../mcp-server/for-the-app.ts';
import { createAppServices, type AppServices, type UpdatesParts } from './app/services.ts';
import { createSignal, type Signal } from './app/signal.ts';
import { createStatusBroadcast, type StatusBroadcast } from './app/status-broadcast.ts';
import { syncAppStatus } from './app/status-sync.ts';
import type { Screen } from '../window-contract/channels.ts';
import { registerIpc } from './ipc/register.ts';
import { loginItem, startedAtLogin } from './login-item/login-item.ts';
import { setupReminders } from './notifications/notifier.ts';
import { warningSettings } from './notifications/working-time-ahead.ts';
import { setupWorkingTimeWarnings, type WorkingTimeWarnings } from './notifications/working-time-notifier.ts';
import { dayEntries } from './engine/day-entries.ts';
import { installE2EHook } from './tray/e2e-hook.ts';
import { trayIcons } from './tray/icons.ts';
import { createShownStatus, type ShownStatus } from './tray/shown-status.ts';
import { setupTray, type TrayHandle } from './tray/tray.ts';
import { shortcutAction } from './tray/tray-model.ts';
import { saveTextFileWithDialog } from './export/save-dialog.ts';
import { watchActivity, watchIdle, type IdleWatch } from './idle/idle-watch.ts';
import { setupGlobalShortcut, type GlobalShortcut } from './shortcut/global-shortcut.ts';
import { isOpenableUrl, setupHardening } from './windows/hardening.ts';
import { appPaths, type AppPaths } from './windows/paths.ts';
import { registerAppScheme, serveAppProtocol } from './windows/protocol.ts';
import { setupSettingsWindow, type SettingsWindow } from './windows/settings-window.ts';
import { startAppUpdates } from './updates/app-updates.ts';
import { workInFlight } from './updates/update-model.ts';
import type { UpdateView } from '../window-contract/updates.ts';
import type { Updates } from './updates/updater.ts';

const APP_ID = 'app.punchcard.desktop';
const log = (message: string) => console.error(`[punchcard] ${message}`);

// Before anything else: a custom scheme can only be made privileged before the app is ready, and a
// second launch must hand over to the first before it builds any UI.
registerAppScheme();
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  // A failure anywhere in start(), not only in getting ready, ends the app: a process left without
  // a tray would hold the single-instance lock, and every later launch would hand over to it.
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => fatal(error));
}

async function start(): Promise<void> {
  app.setAppUserModelId(APP_ID);
  hideFromDock();
  const paths = appPaths({ mainDir: import.meta.dirname, isPackaged: app.isPackaged, resourcesPath: process.resourcesPath });
  setupHardening();
  serveAppProtocol(paths.rendererRoot);

  const status = createStatusBroadcast();
  const window = setupSettingsWindow({ preload: paths.preload, icon: paths.appIcon });
  const shortcut = setupGlobalShortcut();
  // Told by parts set up early, heard by the tray and the window, which are set up after the services.
  const preferencesChanged = createSignal();
  const updateChanged = createSignal<UpdateView>();
  const shown = createShownStatus();
  const restChanged = createSignal();
  const services = setupServices(paths, status, window, shortcut, preferencesChanged, (parts) => setupUpdates(parts, window, shown, updateChanged));
  setupIpc(services, window);
  const warnings = setupWarnings(services, window, restChanged);
  const tray = setupAppTray(paths, services, window, shown, warnings);
  restChanged.subscribe(() => tray.redraw());
  shortcut.onPress(() => {
    const action = shortcutAction(tray.currentStatus());
    if (action) void tray.run(action);
  });
  updateChanged.subscribe((view) => {
    tray.redraw();
    window.send('updateChanged', view);
  });
  const idle = setupIdleQuestion(services, window, tray);
  setupActivityJournal(services);
  preferencesChanged.subscribe(() => {
    tray.redraw();
    idle.reconsider();
    warnings.update();
  });
  setupShortcut(services, shortcut);
  setupStatusListeners(status, services, window, tray, idle, warnings);
  setupStatusSync(services, status);
  setupRelaunch(window);
  setupQuit(services);
  repairClientRegistrations(services);
  installE2EHook({ tray, openScreen: (screen) => window.show(screen) });

  // Started by the person (not at login): show what they came for.
  if (!startedAtLogin()) window.show('status');
}

function hideFromDock(): void {
  // A tray app has no Dock icon (LSUIElement in the packaged app; this covers development runs).
  if (process.platform === 'darwin') app.dock?.hide();
}

function setupServices(
  paths: AppPaths,
  status: StatusBroadcast,
  window: SettingsWindow,
  shortcut: GlobalShortcut,
  preferencesChanged: Signal,
  startUpdates: (parts: UpdatesParts) => Updates,
): AppServices {
  const userDataDir = app.getPath('userData');
  makePrivateFolder(userDataDir, log);
  const login = loginItem();
  return createAppServices({
    userDataDir,
    serverScript: paths.engineScript,
    executable: process.execPath,
    // The AI clients and the app's own engine run this executable as Node (runAsNode fuse on).
    runAsNode: true,
    platform: process.platform === 'darwin' || process.platform === 'win32' ? process.platform : 'linux',
    env: process.env,
    // Written 0600 whatever the umask, also over a file that had wider modes (mcp-server/private-files.ts).
    settingsFile: new ElectronStore<Record<string, unknown>>({ cwd: userDataDir, name: 'config', configFileMode: PRIVATE_FILE_MODE }),
    log,
    version: app.getVersion(),
    clipboard: { writeText: (text) => clipboard.writeText(text) },
    openExternal: async (url) => {
      // Main only opens URLs it built; this is the last check before the operating system.
      if (!isOpenableUrl(url)) throw new Error(`Punchcard does not open ${url}.`);
      await shell.openExternal(url);
    },
    loginItem: login,
    statusChanged: (next) => status.publish(next),
    saveTextFile: saveTextFileWithDialog(() => window.current()),
    shortcut,
    preferencesChanged: () => preferencesChanged.publish(),
    extension: {
      bundle: () => (existsSync(paths.extensionBundle) ? paths.extensionBundle : null),
      // Only ever the app's own bundle (paths.extensionBundle); the window never names a file.
      open: async (path) => {
        const problem = await shell.openPath(path);
        if (problem) throw new Error(problem);
      },
      show: (path) => shell.showItemInFolder(path),
    },
    startUpdates,
  });
}

/**
 * Updates (main/updates/): checked at start and daily, downloaded in the background, installed when
 * the person restarts, or by itself in "install automatically" when no timer runs, nothing waits in
 * the outbox and the window is closed. The tray and the window say each state: they hear of changes
 * through `changed`, as they are set up after the services that start the updates.
 */
function setupUpdates(parts: UpdatesParts, window: SettingsWindow, shown: ShownStatus, changed: Signal<UpdateView>): Updates {
  return startAppUpdates({
    ...parts,
    userDataDir: app.getPath('userData'),
    work: () => workInFlight(shown.current(), window.current()?.isVisible() ?? false),
    changed: (view) => changed.publish(view),
    log,
  });
}

function setupIpc(services: AppServices, window: SettingsWindow): void {
  registerIpc(services.dispatch, { has: (id) => window.owns(id) }, log);
}

function setupAppTray(paths: AppPaths, services: AppServices, window: SettingsWindow, shown: ShownStatus, warnings: WorkingTimeWarnings) {
  return setupTray({
    clockInRest: () => warnings.rest(),
    updates: () => services.updates.view(),
    checkUpdates: () => {
      try {
        services.updates.check();
      } catch (error) {
        log(`Updates: ${(error as Error).message}`);
      }
    },
    installUpdate: () => {
      try {
        services.updates.install();
      } catch (error) {
        log(`Updates: ${(error as Error).message}`);
      }
    },
    shown: (status) => shown.show(status),
    getStatus: () => services.timesheet.getStatus(),
    clockIn: (request) => services.handlers.clockIn(request),
    clockOut: (request) => services.handlers.clockOut(request),
    startBreak: (type, tracker) =>
      services.handlers.startBreak(
        type === undefined && tracker === undefined ? undefined : { ...(type === undefined ? {} : { type }), ...(tracker ? { tracker } : {}) },
      ),
    endBreak: (tracker) => services.handlers.endBreak(tracker === undefined ? undefined : { tracker }),
    breakTypes: async () => (await services.workday.catalog()).breakTypes,
    idleQuestion: () => services.idle.question(),
    answerIdle: (id, answer) => services.handlers.answerIdle({ id, answer }),
    shortcut: () => safeSetting(services, (settings) => settings.app.shortcut, ''),
    durations: () => safeSetting(services, (settings) => settings.app.durations, 'units'),
    openScreen: (screen: Screen) => window.show(screen),
    listClients: () => services.handlers.listClients(undefined),
    registerClient: (id) => services.handlers.registerClient({ id }),
    quit: () => app.quit(),
    icons: trayIcons(paths.trayIcons),
    timeZone: () => safeTimezone(services),
    onError: (error) => log(`Tray: ${error instanceof Error ? error.message : String(error)}`),
  });
}

/**
 * Away while a timer ran (idle, asleep, locked): on return the window opens on the question, and the
 * tray offers the same answers; nothing changes until the person picks one.
 */
function setupIdleQuestion(services: AppServices, window: SettingsWindow, tray: TrayHandle): IdleWatch {
  const watch = watchIdle(services.idle);
  services.idle.onQuestion((question) => {
    window.send('idleQuestion', question);
    tray.redraw();
    if (question) window.show('status');
  });
  app.on('will-quit', () => watch.stop());
  return watch;
}

/** While the person switched `evidence.activity` on, the minutes they are at the computer go into the evidence journal. */
function setupActivityJournal(services: AppServices): void {
  const watch = watchActivity(services.activity);
  app.on('will-quit', () => watch.stop());
}

function setupShortcut(services: AppServices, shortcut: GlobalShortcut): void {
  // The saved shortcut; one another app took meanwhile is said on the Preferences screen.
  const saved = safeSetting(services, (settings) => settings.app.shortcut, '');
  const problem = shortcut.set(saved);
  if (problem) log(`Shortcut: ${problem}`);
  app.on('will-quit', () => shortcut.stop());
}

/**
 * The working-time warnings before a limit (docs/working-time.md, "Before it happens"): with the rules in force
 * on (the organisation's win) and `notify` on, a notification once each, and the Clock in item's rest. The
 * warnings given are kept in a file of their own, so a restart does not give them again.
 */
function setupWarnings(services: AppServices, window: SettingsWindow, restChanged: Signal): WorkingTimeWarnings {
  const store = new ElectronStore<Record<string, unknown>>({ cwd: app.getPath('userData'), name: 'working-time-warnings', configFileMode: PRIVATE_FILE_MODE });
  const warnings = setupWorkingTimeWarnings({
    settings: () => safeSetting(services, (settings) => warningSettings(settings, services.policy().workingTimeRules), { rules: 'off', notify: false }),
    entriesOf: dayEntries(services.engine),
    warned: {
      read: () => {
        const kept = store.get('warned');
        return Array.isArray(kept) ? kept.filter((key): key is string => typeof key === 'string') : [];
      },
      write: (keys) => store.set('warned', keys),
    },
    openScreen: (screen) => window.show(screen),
    restChanged: () => restChanged.publish(),
    timeZone: () => safeTimezone(services),
    log: (message) => log(message),
  });
  app.on('will-quit', () => warnings.destroy());
  return warnings;
}

function setupStatusListeners(
  status: StatusBroadcast,
  services: AppServices,
  window: SettingsWindow,
  tray: TrayHandle,
  idle: IdleWatch,
  warnings: WorkingTimeWarnings,
): void {
  const reminders = setupReminders({
    reminderHours: () => {
      try {
        return services.settings.read().app.reminderHours;
      } catch {
        return 0;
      }
    },
    openScreen: (screen) => window.show(screen),
    timeZone: () => safeTimezone(services),
  });
  status.subscribe((next) => {
    services.idle.status(next);
    idle.reconsider();
    void tray.refresh(next);
    reminders.update(next);
    warnings.update(next);
    window.send('statusChanged', next);
    // A timer stopped, a kept write sent: an update that waited for that may install now.
    services.updates.reconsider();
  });
  // The panel's colours changed: the tray picks the icon variant for the new theme.
  nativeTheme.on('updated', () => void tray.refresh());
}

function setupStatusSync(services: AppServices, status: StatusBroadcast): void {
  const sync = syncAppStatus({ services, publish: (next) => status.publish(next), userDataDir: app.getPath('userData'), log });
  app.on('will-quit', () => sync.stop());
}

function setupRelaunch(window: SettingsWindow): void {
  // Starting Punchcard again shows its window: elsewhere a second process hands over to this one;
  // on macOS reopening the app (Finder, Spotlight, the Dock) reaches the running one as 'activate'.
  app.on('second-instance', () => window.show());
  app.on('activate', () => window.show());
}

function setupQuit(services: AppServices): void {
  // The engine is a child process: stop it before the app goes, once.
  let closed = false;
  app.on('before-quit', (event) => {
    if (closed) return;
    event.preventDefault();
    closed = true;
    services.close().finally(() => app.quit());
  });
}

function repairClientRegistrations(services: AppServices): void {
  // A moved or reinstalled app leaves AI clients pointing at a program that is gone; fix only
  // entries that are broken, never ones that work (they may be another install's), and only of
  // clients the organisation's policy allows.
  services.repairClients().then(
    (reports) => {
      for (const report of reports) {
        if (report.changed.length > 0) log(`Repaired the Punchcard entry of ${report.name}: ${report.changed.map((file) => file.path).join(', ')}`);
      }
    },
    (error: unknown) => log(`Could not check AI-client registrations: ${(error as Error).message}`),
  );
}

function safeSetting<T>(services: AppServices, read: (settings: ReturnType<AppServices['settings']['read']>) => T, fallback: T): T {
  try {
    return read(services.settings.read());
  } catch {
    return fallback;
  }
}

function safeTimezone(services: AppServices): string | undefined {
  try {
    return services.settings.read().timezone || undefined;
  } catch {
    return undefined;
  }
}

function fatal(error: unknown): void {
  log(`Could not start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  app.exit(1);
}
