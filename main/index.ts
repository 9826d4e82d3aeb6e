// Punchcard's main process, as a table of contents (docs/decisions.md, "Main process as a table of
// contents"). Each step is a small module; the order matters where noted. Everything with logic
// lives in pure modules tested without Electron; this file only wires them.
import { existsSync, mkdirSync } from 'node:fs';
import { app, clipboard, nativeTheme, shell } from 'electron';
import ElectronStore from 'electron-store';
import { createAppServices, type AppServices } from './app/services.ts';
import { createStatusBroadcast, type StatusBroadcast } from './app/status-broadcast.ts';
import { startStatusSync } from './app/status-sync.ts';
import type { Screen } from './ipc/contract.ts';
import { registerIpc } from './ipc/register.ts';
import { loginItem, startedAtLogin } from './login-item/login-item.ts';
import { setupReminders } from './notifications/notifier.ts';
import { installE2EHook } from './tray/e2e-hook.ts';
import { trayIcons } from './tray/icons.ts';
import { setupTray } from './tray/tray.ts';
import { isOpenableUrl, setupHardening } from './windows/hardening.ts';
import { appPaths, type AppPaths } from './windows/paths.ts';
import { registerAppScheme, serveAppProtocol } from './windows/protocol.ts';
import { setupSettingsWindow, type SettingsWindow } from './windows/settings-window.ts';

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
  app.whenReady()
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
  const services = setupServices(paths, status);
  const window = setupSettingsWindow({ preload: paths.preload, icon: paths.appIcon });
  setupIpc(services, window);
  const tray = setupAppTray(paths, services, window);
  setupStatusListeners(status, services, window, tray);
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

function setupServices(paths: AppPaths, status: StatusBroadcast): AppServices {
  const userDataDir = app.getPath('userData');
  mkdirSync(userDataDir, { recursive: true });
  const login = loginItem();
  return createAppServices({
    userDataDir,
    serverScript: paths.engineScript,
    executable: process.execPath,
    // The AI clients and the app's own engine run this executable as Node (runAsNode fuse on).
    runAsNode: true,
    platform: process.platform === 'darwin' || process.platform === 'win32' ? process.platform : 'linux',
    env: process.env,
    settingsFile: new ElectronStore<Record<string, unknown>>({ cwd: userDataDir, name: 'config' }),
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
    extension: {
      bundle: () => (existsSync(paths.extensionBundle) ? paths.extensionBundle : null),
      // Only ever the app's own bundle (paths.extensionBundle); the window never names a file.
      open: async (path) => {
        const problem = await shell.openPath(path);
        if (problem) throw new Error(problem);
      },
      show: (path) => shell.showItemInFolder(path),
    },
  });
}

function setupIpc(services: AppServices, window: SettingsWindow): void {
  registerIpc(services.dispatch, { has: (id) => window.owns(id) }, log);
}

function setupAppTray(paths: AppPaths, services: AppServices, window: SettingsWindow) {
  return setupTray({
    getStatus: () => services.timesheet.getStatus(),
    clockIn: (request) => services.handlers.clockIn(request),
    clockOut: () => services.handlers.clockOut(undefined),
    startBreak: () => services.handlers.startBreak(undefined),
    endBreak: () => services.handlers.endBreak(undefined),
    openScreen: (screen: Screen) => window.show(screen),
    listClients: () => services.handlers.listClients(undefined),
    registerClient: (id) => services.handlers.registerClient({ id }),
    quit: () => app.quit(),
    icons: trayIcons(paths.trayIcons),
    timeZone: () => safeTimezone(services),
    onError: (error) => log(`Tray: ${error instanceof Error ? error.message : String(error)}`),
  });
}

function setupStatusListeners(status: StatusBroadcast, services: AppServices, window: SettingsWindow, tray: ReturnType<typeof setupTray>): void {
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
    void tray.refresh(next);
    reminders.update(next);
    window.send('statusChanged', next);
  });
  // The panel's colours changed: the tray picks the icon variant for the new theme.
  nativeTheme.on('updated', () => void tray.refresh());
}

function setupStatusSync(services: AppServices, status: StatusBroadcast): void {
  const sync = startStatusSync({
    userDataDir: app.getPath('userData'),
    backEnd: () => {
      try {
        return services.settings.read().provider.type;
      } catch {
        return 'local';
      }
    },
    refresh: async () => status.publish(await services.timesheet.getStatus()),
    log,
  });
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
