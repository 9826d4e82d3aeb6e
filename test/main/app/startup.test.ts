// The built main process (dist/main/main.js) started for real against the shared Electron fake: the
// wiring of main/index.ts with the real engine bundle over stdio, real settings file and a
// temporary HOME. What only a real Electron can show (pixels, the OS tray) is the smoke test's job.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CHANNEL_NAMES, channelOf, eventChannelOf } from '../../../window-contract/channels.ts';
import type { Menu } from '../../support/electron-mock.ts';
import {
  BrowserWindow,
  Tray,
  app,
  clickMenuItem,
  globalShortcut,
  ipcEvent,
  ipcMain,
  menuItem,
  menuOutline,
  Notification,
  protocol,
  resetElectronMock,
  session,
} from '../../support/electron-mock.ts';
import { SERVER_BUNDLE } from '../../support/engine.ts';

// The main bundle that sits beside the engine bundle the tests use (dist/ unless redirected).
const MAIN_BUNDLE = resolve(dirname(SERVER_BUNDLE), '..', 'main', 'main.js');

let home: string;

async function until<T>(probe: () => T | undefined | null | false, what: string, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((done) => setTimeout(done, 20));
  }
}

function trayMenu(): Menu {
  const tray = Tray.instances.at(-1);
  if (!tray?.contextMenu) throw new Error('no tray menu');
  return tray.contextMenu;
}

function menuText(): string {
  return JSON.stringify(menuOutline(trayMenu()));
}

function window(): BrowserWindow {
  const found = BrowserWindow.instances.at(-1);
  if (!found) throw new Error('no window');
  return found;
}

beforeAll(async () => {
  home = mkdtempSync(join(tmpdir(), 'punchcard-startup-'));
  vi.stubEnv('HOME', home);
  vi.stubEnv('XDG_CONFIG_HOME', join(home, '.config'));
  resetElectronMock({ ready: false });
  app.setPath('userData', join(home, '.config', 'Punchcard'));
  await import(MAIN_BUNDLE);
  // Before ready: the scheme is privileged and the single-instance lock was asked for.
  expect(protocol.privilegedSchemes.map((entry) => entry.scheme)).toEqual(['app']);
  app.emitReady();
  await until(() => Tray.instances.length > 0 && Tray.instances.at(-1)?.contextMenu, 'the tray menu');
});

afterAll(async () => {
  // Quitting stops the engine child; the app then really quits.
  app.quit();
  await until(() => app.quitCalls >= 2, 'the second quit after the engine stopped');
  vi.unstubAllEnvs();
  rmSync(home, { recursive: true, force: true });
});

describe('the built main process', () => {
  it('serves the window from app:// with the hardened preferences and denies permissions', async () => {
    const win = window();
    expect(win.loadedURLs[0]).toMatch(/^app:\/\/punchcard\/index\.html(#status)?$/);
    expect(win.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false });
    expect(String(win.webPreferences.preload)).toMatch(/[\\/]preload[\\/]preload\.cjs$/);
    const index = await protocol.fetch('app://punchcard/index.html');
    expect(index.status).toBe(200);
    expect(index.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect((await protocol.fetch('app://punchcard/../../package.json')).status).toBeGreaterThanOrEqual(400);
    expect(await session.defaultSession.requestPermission('notifications', win.webContents)).toBe(false);
    expect(await session.defaultSession.requestPermission('media', win.webContents)).toBe(false);
  });

  it('registers a handler for every contract channel, refusing senders that are not its window', async () => {
    for (const name of CHANNEL_NAMES) expect(ipcMain.handlers.has(channelOf(name)), name).toBe(true);
    const stranger = await ipcMain.invoke(channelOf('getTools'), ipcEvent({ sender: { id: 9999 } }));
    expect(stranger).toMatchObject({ ok: false, message: expect.stringContaining('Refused') });
    const own = window().webContents;
    const framed = await ipcMain.invoke(channelOf('getTools'), ipcEvent({ sender: own, mainFrame: false }));
    expect(framed).toMatchObject({ ok: false });
    const tools = await ipcMain.invoke(channelOf('getTools'), ipcEvent({ sender: own }));
    expect(tools).toMatchObject({ ok: true, value: { readOnly: false } });
    const invalid = await ipcMain.invoke(channelOf('setTool'), ipcEvent({ sender: own }), { name: 'clock_in' });
    expect(invalid).toMatchObject({ ok: false, message: expect.stringContaining('enabled') });
  });

  it('clocks in from the tray through the engine, and the window hears about it', async () => {
    // The first status comes from the engine the tray started on demand.
    await until(() => !menuText().includes('Starting'), 'the engine to answer the tray');
    expect(menuText()).toContain('Clock in');
    clickMenuItem(trayMenu(), /^Clock in/);
    await until(() => menuText().includes('Clock out'), 'the tray to show the running timer');
    const sent = window().webContents.sent.filter((message) => message.channel === eventChannelOf('statusChanged'));
    expect(sent.at(-1)?.args[0]).toMatchObject({ running: { project: null } });

    const status = await ipcMain.invoke(channelOf('getStatus'), ipcEvent({ sender: window().webContents }));
    expect(status).toMatchObject({ ok: true, value: { running: { end: null } } });

    clickMenuItem(trayMenu(), /^Clock out/);
    await until(() => !menuText().includes('Clock out'), 'the tray to show the timer stopped');
  });

  it('takes a shortcut from Preferences: the tray shows it at once, and a press clocks in and out', async () => {
    await until(() => !menuText().includes('Starting'), 'the engine to answer the tray');
    const own = window().webContents;
    const saved = await ipcMain.invoke(channelOf('savePreferences'), ipcEvent({ sender: own }), { shortcut: 'CommandOrControl+Alt+P' });
    expect(saved).toMatchObject({ ok: true, value: { shortcut: 'CommandOrControl+Alt+P' } });
    // The preferences changed: the tray draws again, the shortcut beside the item it does.
    expect(menuItem(trayMenu(), /^Clock in/)).toMatchObject({ accelerator: 'CommandOrControl+Alt+P' });
    expect(globalShortcut.press('CommandOrControl+Alt+P')).toBe(true);
    await until(() => menuText().includes('Clock out'), 'the shortcut to clock in');
    expect(menuItem(trayMenu(), /^Clock out/)).toMatchObject({ accelerator: 'CommandOrControl+Alt+P' });
    globalShortcut.press('CommandOrControl+Alt+P');
    await until(() => !menuText().includes('Clock out'), 'the shortcut to clock out');
    await ipcMain.invoke(channelOf('savePreferences'), ipcEvent({ sender: own }), { shortcut: '' });
    expect(globalShortcut.registered.size).toBe(0);
  });

  it('shows the tray and the window the same updater', async () => {
    const own = window().webContents;
    const view = await ipcMain.invoke(channelOf('getUpdates'), ipcEvent({ sender: own }));
    expect(view).toMatchObject({ ok: true, value: { brief: expect.any(String) } });
    const { brief, words } = (view as { value: { brief: string; words: string } }).value;
    expect(menuItem(trayMenu(), `Updates: ${brief}`, `${words}`)).toMatchObject({ enabled: false });
    // A development build refuses to check, in the updater's words, and changes nothing.
    const refused = await ipcMain.invoke(channelOf('checkForUpdates'), ipcEvent({ sender: own }));
    expect(refused).toMatchObject({ ok: false, message: words });
  });

  it('writes settings the engine reads, through the window', async () => {
    const own = window().webContents;
    await ipcMain.invoke(channelOf('setTool'), ipcEvent({ sender: own }), { name: 'delete_time_entry', enabled: true });
    const config = JSON.parse(readFileSync(join(home, '.config', 'Punchcard', 'config.json'), 'utf8'));
    expect(config.tools.enabled).toEqual({ delete_time_entry: true });
  });

  it('warns before six hours in a row once the working-time rules are on, once, naming the law (issue 92)', async () => {
    await until(() => !menuText().includes('Starting'), 'the engine to answer the tray');
    const folder = join(home, '.config', 'Punchcard');
    const file = join(folder, 'config.json');
    const config = JSON.parse(readFileSync(file, 'utf8'));
    writeFileSync(file, JSON.stringify({ ...config, workingTime: { rules: 'de', notify: true } }));
    const own = window().webContents;
    // Clocked in 5 h 50 min ago (a forgotten clock-in): six hours in a row are 10 minutes away.
    const start = `${new Date(Date.now() - 350 * 60_000).toISOString().slice(0, 19)}Z`;
    const answer = await ipcMain.invoke(channelOf('clockIn'), ipcEvent({ sender: own }), { start });
    expect(answer).toMatchObject({ ok: true });
    const warning = await until(() => Notification.instances.find((shown) => shown.body.includes('without a break')), 'the warning');
    expect(warning.body).toMatch(/^In (9|10|11) minutes you will have worked 6 h in a row without a break, the most section 4 ArbZG allows\.$/);
    const given = Notification.instances.length;
    // Kept in its own file, so a restart does not give it again; a new status of the same work does not either.
    expect(existsSync(join(folder, 'working-time-warnings.json'))).toBe(true);
    await ipcMain.invoke(channelOf('getStatus'), ipcEvent({ sender: own }));
    clickMenuItem(trayMenu(), /^Clock out/);
    await until(() => !menuText().includes('Clock out'), 'the tray to show the timer stopped');
    expect(Notification.instances).toHaveLength(given);
    writeFileSync(file, JSON.stringify(config));
  });

  it('brings the window forward on a second launch and keeps running when it closes', async () => {
    const win = window();
    const before = win.showCalls + win.focusCalls;
    app.emit('second-instance', {}, [], '/');
    expect(win.showCalls + win.focusCalls).toBeGreaterThan(before);
    // macOS: opening the app again (Finder, Spotlight, the Dock) reaches this process as 'activate'.
    win.hide();
    const beforeActivate = win.showCalls + win.focusCalls;
    app.emit('activate', {}, false);
    expect(win.showCalls + win.focusCalls).toBeGreaterThan(beforeActivate);
    expect(app.listenerCount('window-all-closed')).toBeGreaterThan(0);
  });
});
