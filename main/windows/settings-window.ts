// The one Punchcard window (status, tools, connect, account, preferences screens). Opening it again
// brings the same window forward; closing it leaves the app running in the tray. The page is the
// sandboxed renderer from app://, talking to main only through the preload's bridge.
import { BrowserWindow, Menu, app, nativeTheme } from 'electron';
import { eventChannelOf, type EventName, type Screen } from '../../window-contract/channels.ts';
import type { EventPayload } from '../../window-contract/index.ts';
import { APP_ENTRY_URL } from './protocol.ts';

export interface SettingsWindowOptions {
  /** Absolute path of the bundled preload (AppPaths.preload). */
  preload: string;
  /** The page to load; app://punchcard/index.html by default. */
  url?: string;
  /** Window icon for Linux (AppPaths.appIcon); macOS and Windows take it from the app bundle. */
  icon?: string;
  platform?: NodeJS.Platform;
}

export interface SettingsWindow {
  /** Opens the window (or brings it forward) on a screen. */
  show(screen?: Screen): void;
  /** Pushes an event to the window when it is open and loaded; dropped otherwise. */
  send<E extends EventName>(event: E, payload: EventPayload<E>): void;
  /** True for the webContents of this window: the IPC sender check trusts only these. */
  owns(webContentsId: number): boolean;
  /** The window, while it is open. */
  current(): BrowserWindow | null;
}

export const WINDOW_SIZE = { width: 900, height: 640, minWidth: 640, minHeight: 480 } as const;
export const BACKGROUND = { light: '#f5f5f7', dark: '#1c1c1e' } as const;

export function setupSettingsWindow(options: SettingsWindowOptions): SettingsWindow {
  const platform = options.platform ?? process.platform;
  const url = options.url ?? APP_ENTRY_URL;
  let window: BrowserWindow | null = null;
  let loaded = false;
  let pendingScreen: Screen | null = null;

  // A tray app lives on without windows: without a listener Electron would quit here.
  app.on('window-all-closed', () => {});
  // macOS: no visible menu (LSUIElement), but its Edit roles are what make ⌘C/⌘V work in the
  // window's text fields. Elsewhere the window needs no menu bar at all.
  Menu.setApplicationMenu(platform === 'darwin' ? Menu.buildFromTemplate([{ role: 'appMenu' }, { role: 'editMenu' }, { role: 'windowMenu' }]) : null);

  function sendScreen(screen: Screen): void {
    if (window && !window.isDestroyed() && loaded) window.webContents.send(eventChannelOf('showScreen'), screen);
    else pendingScreen = screen;
  }

  function create(screen: Screen): BrowserWindow {
    // One literal, so reviewers and Electronegativity see every security setting where it applies.
    const created = new BrowserWindow({
      ...WINDOW_SIZE,
      title: 'Punchcard',
      show: false,
      backgroundColor: nativeTheme.shouldUseDarkColors ? BACKGROUND.dark : BACKGROUND.light,
      autoHideMenuBar: true,
      ...(platform === 'linux' && options.icon ? { icon: options.icon } : {}),
      webPreferences: {
        preload: options.preload,
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        nodeIntegrationInWorker: false,
        nodeIntegrationInSubFrames: false,
        webSecurity: true,
        allowRunningInsecureContent: false,
        webviewTag: false,
        navigateOnDragDrop: false,
        safeDialogs: true,
        spellcheck: false,
      },
    });
    loaded = false;
    pendingScreen = screen;
    created.once('ready-to-show', () => {
      created.show();
      if (platform === 'darwin') app.focus({ steal: true });
    });
    created.webContents.on('did-finish-load', () => {
      loaded = true;
      if (pendingScreen) {
        const next = pendingScreen;
        pendingScreen = null;
        created.webContents.send(eventChannelOf('showScreen'), next);
      }
    });
    created.on('closed', () => {
      if (window === created) {
        window = null;
        loaded = false;
        pendingScreen = null;
      }
    });
    // The first screen also travels in the address, for a page that reads it before it listens.
    created.loadURL(`${url}#${screen}`).catch((error: unknown) => console.error('Could not load the window:', error));
    return created;
  }

  return {
    show(screen = 'status') {
      if (!window || window.isDestroyed()) {
        window = create(screen);
        return;
      }
      if (window.isMinimized()) window.restore();
      window.show();
      window.focus();
      if (platform === 'darwin') app.focus({ steal: true });
      sendScreen(screen);
    },
    send(event, payload) {
      if (window && !window.isDestroyed() && loaded) window.webContents.send(eventChannelOf(event), payload);
    },
    owns(webContentsId) {
      return window !== null && !window.isDestroyed() && window.webContents.id === webContentsId;
    },
    current() {
      return window && !window.isDestroyed() ? window : null;
    },
  };
}
