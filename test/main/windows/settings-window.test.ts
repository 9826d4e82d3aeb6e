import { beforeEach, describe, expect, it } from 'vitest';
import { eventChannelOf } from '../../../window-contract/channels.ts';
import { BACKGROUND, setupSettingsWindow } from '../../../main/windows/settings-window.ts';
import { BrowserWindow, Menu, app, menuOutline, nativeTheme, resetElectronMock } from '../../support/electron-mock.ts';

const PRELOAD = '/opt/Punchcard/resources/app.asar/dist/preload/preload.cjs';

/** Lets the fake window finish loading (it loads on the next turn of the event loop). */
function loaded(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

function screensSent(window: BrowserWindow): unknown[] {
  return window.webContents.sent.filter((message) => message.channel === eventChannelOf('showScreen')).map((message) => message.args[0]);
}

beforeEach(() => resetElectronMock());

describe('the settings window', () => {
  it('is created hardened: isolated, sandboxed, no Node, web security, the preload', () => {
    setupSettingsWindow({ preload: PRELOAD, platform: 'linux' }).show();
    const [window] = BrowserWindow.instances;
    expect(window?.webPreferences).toMatchObject({
      preload: PRELOAD,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
    expect(window?.options).toMatchObject({ width: 900, height: 640, show: false, title: 'Punchcard' });
  });

  it('loads the app from app:// and shows itself once ready, on the asked screen', async () => {
    const windows = setupSettingsWindow({ preload: PRELOAD, platform: 'linux' });
    windows.show('connect');
    const [window] = BrowserWindow.instances;
    if (!window) throw new Error('no window');
    expect(window.loadedURLs).toEqual(['app://punchcard/index.html#connect']);
    expect(window.isVisible()).toBe(false);
    await loaded();
    expect(window.isVisible()).toBe(true);
    expect(screensSent(window)).toEqual(['connect']);
  });

  it('focuses the same window when opened again, and switches screen', async () => {
    const windows = setupSettingsWindow({ preload: PRELOAD, platform: 'win32' });
    windows.show();
    await loaded();
    const [window] = BrowserWindow.instances;
    if (!window) throw new Error('no window');
    window.minimize();
    window.blur();
    windows.show('tools');
    expect(BrowserWindow.instances).toHaveLength(1);
    expect(window.isMinimized()).toBe(false);
    expect(window.isFocused()).toBe(true);
    expect(screensSent(window)).toEqual(['status', 'tools']);
    expect(windows.current()).toBe(window);
  });

  it('takes the focus from other apps on macOS (no Dock icon to click)', async () => {
    setupSettingsWindow({ preload: PRELOAD, platform: 'darwin' }).show();
    await loaded();
    expect(app.focusCalls).toEqual([{ steal: true }]);
  });

  it('keeps the app running when closed, and opens a fresh window next time', async () => {
    const windows = setupSettingsWindow({ preload: PRELOAD, platform: 'linux' });
    windows.show();
    await loaded();
    BrowserWindow.instances[0]?.close();
    expect(app.quitCalls).toBe(0);
    expect(app.listenerCount('window-all-closed')).toBeGreaterThan(0);
    expect(windows.current()).toBeNull();
    windows.show('account');
    await loaded();
    expect(BrowserWindow.instances).toHaveLength(2);
    expect(screensSent(BrowserWindow.instances[1] as BrowserWindow)).toEqual(['account']);
  });

  it('knows its own webContents, for the IPC sender check', async () => {
    const windows = setupSettingsWindow({ preload: PRELOAD, platform: 'linux' });
    windows.show();
    const window = BrowserWindow.instances[0] as BrowserWindow;
    expect(windows.owns(window.webContents.id)).toBe(true);
    expect(windows.owns(window.webContents.id + 100)).toBe(false);
    await loaded();
    window.close();
    expect(windows.owns(window.webContents.id)).toBe(false);
  });

  it('pushes events only to a loaded window', async () => {
    const windows = setupSettingsWindow({ preload: PRELOAD, platform: 'linux' });
    windows.send('showScreen', 'tools');
    windows.show();
    const window = BrowserWindow.instances[0] as BrowserWindow;
    windows.send('showScreen', 'tools');
    expect(window.webContents.sent).toEqual([]);
    await loaded();
    windows.send('showScreen', 'preferences');
    expect(screensSent(window)).toEqual(['status', 'preferences']);
  });

  it('paints its background in the theme before the page arrives', () => {
    nativeTheme.shouldUseDarkColors = true;
    setupSettingsWindow({ preload: PRELOAD, platform: 'linux' }).show();
    expect(BrowserWindow.instances[0]?.backgroundColor).toBe(BACKGROUND.dark);
    nativeTheme.shouldUseDarkColors = false;
    BrowserWindow.instances[0]?.close();
    setupSettingsWindow({ preload: PRELOAD, platform: 'linux' }).show();
    expect(BrowserWindow.instances[1]?.backgroundColor).toBe(BACKGROUND.light);
  });

  it('sets a window icon on Linux only', () => {
    setupSettingsWindow({ preload: PRELOAD, platform: 'linux', icon: '/opt/Punchcard/resources/icon.png' }).show();
    expect(BrowserWindow.instances[0]?.options.icon).toBe('/opt/Punchcard/resources/icon.png');
    setupSettingsWindow({ preload: PRELOAD, platform: 'win32', icon: '/x/icon.png' }).show('tools');
    expect(BrowserWindow.instances.at(-1)?.options.icon).toBeUndefined();
  });

  it('has no menu bar on Windows and Linux, and the Edit menu for copy and paste on macOS', () => {
    setupSettingsWindow({ preload: PRELOAD, platform: 'linux' });
    expect(Menu.applicationMenu).toBeNull();
    setupSettingsWindow({ preload: PRELOAD, platform: 'darwin' });
    expect(Menu.applicationMenu?.items.map((item) => item.role)).toEqual(['appMenu', 'editMenu', 'windowMenu']);
    expect(menuOutline(Menu.applicationMenu ?? [])).toHaveLength(3);
  });
});
