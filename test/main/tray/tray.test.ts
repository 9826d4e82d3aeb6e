import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ClientCard } from '../../../window-contract/registration.ts';
import type { EntryView, StatusView } from '../../../window-contract/status.ts';
import { trayIcons } from '../../../main/tray/icons.ts';
import { setupTray, type TrayOptions } from '../../../main/tray/tray.ts';
import {
  Menu,
  type NativeImage,
  Tray,
  clickMenuItem,
  menuItem,
  menuOutline,
  nativeTheme,
  powerMonitor,
  resetElectronMock,
} from '../../support/electron-mock.ts';
import { ZONE, at, client, idle, running } from './fixtures.ts';
import { updateView, type UpdatePhase } from '../../../main/updates/update-model.ts';

const ICONS = join(import.meta.dirname, '..', '..', '..', 'build', 'tray');
const NOW = at('2026-03-02T10:25:00+01:00');

/** Lets the adapter's promise chains finish (fake timers leave microtasks alone). */
async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await Promise.resolve();
}

function start(fields: Partial<TrayOptions> & { status?: StatusView; clients?: ClientCard[] } = {}) {
  const { status = idle({ recentProjects: ['Website', 'Support'] }), clients = [client('claude-desktop')], ...rest } = fields;
  const platform = rest.platform ?? 'linux';
  const options = {
    getStatus: vi.fn(async () => status),
    clockIn: vi.fn(async (request: { project?: string }) =>
      running({ asOf: Date.now() }, { start: new Date(Date.now()).toISOString(), project: request.project ?? null, activity: null }),
    ),
    clockOut: vi.fn(async () => idle({ asOf: Date.now(), recentProjects: ['Support', 'Website'] })),
    startBreak: vi.fn(async () =>
      running({ asOf: Date.now(), breaksSupported: true }, { breaks: [{ type: 'Break', start: new Date(Date.now()).toISOString(), end: null, minutes: 0 }] }),
    ),
    endBreak: vi.fn(async () => running({ asOf: Date.now(), breaksSupported: true })),
    openScreen: vi.fn(),
    listClients: vi.fn(async () => clients),
    registerClient: vi.fn(async () => ({})),
    quit: vi.fn(),
    onError: vi.fn(),
    icons: trayIcons(ICONS, platform),
    platform,
    timeZone: () => ZONE,
    ...rest,
  };
  const handle = setupTray(options);
  const tray = Tray.instances.at(-1);
  if (!tray) throw new Error('no tray created');
  const menu = () => {
    if (!(tray.contextMenu instanceof Menu)) throw new Error('no context menu');
    return tray.contextMenu;
  };
  const imagePath = () => (tray.image as NativeImage).path ?? '';
  return { handle, tray, menu, imagePath, options };
}

beforeEach(() => {
  resetElectronMock();
  vi.useFakeTimers({ now: NOW });
});

afterEach(() => {
  vi.useRealTimers();
});

describe('setupTray', () => {
  it('uses the shared electron mock for the real module', async () => {
    const electron = await import('electron');
    expect(electron.Tray).toBe(Tray);
  });

  it('creates one tray, asks the engine and shows its answer in the menu', async () => {
    const { tray, menu, options } = start();
    expect(Tray.instances).toHaveLength(1);
    expect(menuOutline(menu())[0]).toBe('(Starting the timer…)');
    await settle();
    expect(options.getStatus).toHaveBeenCalledTimes(1);
    expect(options.listClients).toHaveBeenCalledTimes(1);
    expect(menuOutline(menu())).toEqual([
      '(Not clocked in)',
      ['Clock in', ['(Recent projects)', 'Website', 'Support', '---', 'No project']],
      '(Today: 5 h 10 min)',
      '---',
      'Open Punchcard',
      ['Connect AI clients', ['Claude Desktop — connect now', '---', 'All clients…']],
      '---',
      'Quit Punchcard',
    ]);
    expect(tray.tooltip).toBe('Punchcard — not clocked in · today 5 h 10 min');
  });

  it('rebuilds the menu only when it changed', async () => {
    const { handle, tray } = start();
    await settle();
    const builds = Menu.built.length;
    const sets = tray.calls.setContextMenu;
    await handle.refresh(idle({ recentProjects: ['Website', 'Support'] }));
    await handle.refresh();
    await settle();
    expect(Menu.built.length).toBe(builds);
    expect(tray.calls.setContextMenu).toBe(sets);
    await handle.refresh(idle({ recentProjects: ['Website', 'Support'], todayMinutes: 311 }));
    expect(Menu.built.length).toBe(builds + 1);
    expect(tray.calls.setContextMenu).toBe(sets + 1);
  });

  it('clocks in on a recent project, then out, with the right arguments', async () => {
    const { menu, options, imagePath } = start();
    await settle();
    expect(imagePath()).toMatch(/tray-idle-light-22\.png$/);

    clickMenuItem(menu(), 'Clock in', 'Support');
    await settle();
    expect(options.clockIn).toHaveBeenCalledWith({ project: 'Support' });
    expect(menuOutline(menu()).slice(0, 2)).toEqual(['(Working on Support since 10:25 — 0 min)', 'Clock out']);
    expect(imagePath()).toMatch(/tray-running-light-22\.png$/);

    clickMenuItem(menu(), 'Clock out');
    await settle();
    expect(options.clockOut).toHaveBeenCalledWith();
    expect(menuOutline(menu())[0]).toBe('(Not clocked in)');

    clickMenuItem(menu(), 'Clock in', 'No project');
    await settle();
    expect(options.clockIn).toHaveBeenLastCalledWith({});
  });

  it('starts and ends a break through the engine, offered only where the back end takes breaks', async () => {
    const { menu, options } = start({ status: running({ breaksSupported: true }, { project: 'General', activity: null }) });
    await settle();
    expect(menuOutline(menu()).slice(0, 4)).toEqual(['(Working on General since 09:02 — 1 h 23 min)', 'Clock out', 'Start break', '(Today: 5 h 10 min)']);

    clickMenuItem(menu(), 'Start break');
    await settle();
    expect(options.startBreak).toHaveBeenCalledWith();
    expect(menuOutline(menu()).slice(0, 3)).toEqual(['(On a break (Break) since 10:25 — shift on Website · Design since 09:02)', 'End break', 'Clock out']);

    clickMenuItem(menu(), 'End break');
    await settle();
    expect(options.endBreak).toHaveBeenCalledWith();
    expect(menuOutline(menu()).slice(0, 3)).toEqual(['(Working on Website · Design since 09:02 — 1 h 23 min)', 'Clock out', 'Start break']);

    // Kimai and the local timesheet take no breaks: nothing offers them.
    const other = start({ status: running() });
    await settle();
    expect(menuOutline(other.menu())).not.toContain('Start break');
  });

  it('shows a refused break in the menu', async () => {
    const { menu, options } = start({
      status: running({ breaksSupported: true }),
      startBreak: vi.fn(async () => Promise.reject(new Error('No break type "Siesta". You may take: "Break", "Lunch".'))),
    });
    await settle();
    clickMenuItem(menu(), 'Start break');
    await settle();
    expect(menuOutline(menu()).slice(0, 2)).toEqual([
      '(Working on Website · Design since 09:02 — 1 h 23 min)',
      '(⚠ No break type "Siesta". You may take: "Break", "Lunch".)',
    ]);
    expect(options.onError).toHaveBeenCalled();
  });

  it('clocks in without a submenu when there are no recent projects', async () => {
    const { menu, options } = start({ status: idle() });
    await settle();
    clickMenuItem(menu(), 'Clock in');
    await settle();
    expect(options.clockIn).toHaveBeenCalledWith({});
  });

  it('shows a failed action in the menu', async () => {
    const { menu, options } = start({ clockIn: vi.fn(async () => Promise.reject(new Error('No project named "Support"'))) });
    await settle();
    clickMenuItem(menu(), 'Clock in', 'Support');
    await settle();
    expect(menuOutline(menu()).slice(0, 2)).toEqual(['(Not clocked in)', '(⚠ No project named "Support")']);
    expect(options.onError).toHaveBeenCalled();
  });

  it('shows an unavailable engine', async () => {
    const { menu, options } = start({ getStatus: vi.fn(async () => Promise.reject(new Error('the engine exited with code 1'))) });
    await settle();
    expect(menuOutline(menu()).slice(0, 2)).toEqual(['(Timer unavailable: the engine exited with code 1)', '(Clock in)']);
    expect(options.onError).toHaveBeenCalledWith(expect.objectContaining({ message: 'the engine exited with code 1' }));
  });

  it('tells what status it shows, for the parts set up before it: none at first, then each new one', async () => {
    const shown = vi.fn();
    const { handle, menu } = start({ shown });
    expect(shown).toHaveBeenLastCalledWith(null);
    await settle();
    expect(shown).toHaveBeenLastCalledWith(handle.currentStatus());
    expect(handle.currentStatus()).toMatchObject({ running: null });
    clickMenuItem(menu(), 'Clock in', 'Support');
    await settle();
    expect(shown).toHaveBeenLastCalledWith(expect.objectContaining({ running: expect.objectContaining({ project: 'Support' }) }));
    const next = running({ asOf: Date.now() }, { project: 'Website' });
    await handle.refresh(next);
    expect(shown).toHaveBeenLastCalledWith(next);
  });

  it('tells it shows no status while the engine does not answer', async () => {
    const shown = vi.fn();
    start({ shown, getStatus: vi.fn(async () => Promise.reject(new Error('the engine exited with code 1'))) });
    await settle();
    expect(shown).toHaveBeenCalled();
    expect(shown.mock.calls.every(([status]) => status === null)).toBe(true);
  });

  it('opens the window, registers a client, and quits from the menu', async () => {
    const { menu, options } = start();
    await settle();
    clickMenuItem(menu(), 'Open Punchcard');
    expect(options.openScreen).toHaveBeenCalledWith('status');
    clickMenuItem(menu(), 'Connect AI clients', 'All clients…');
    expect(options.openScreen).toHaveBeenLastCalledWith('connect');

    vi.mocked(options.listClients).mockResolvedValue([client('claude-desktop', { status: 'registered' })]);
    clickMenuItem(menu(), 'Connect AI clients', 'Claude Desktop — connect now');
    await settle();
    expect(options.registerClient).toHaveBeenCalledWith('claude-desktop');
    expect(options.listClients).toHaveBeenCalledTimes(2);
    expect(menuOutline(menu())[5]).toEqual(['Connect AI clients', ['Claude Desktop — connected', '---', 'All clients…']]);

    clickMenuItem(menu(), 'Quit Punchcard');
    expect(options.quit).toHaveBeenCalledTimes(1);
  });

  it('opens the Connect screen when a registration fails', async () => {
    const { menu, options } = start({ registerClient: vi.fn(async () => Promise.reject(new Error('The file has an error on line 3'))) });
    await settle();
    clickMenuItem(menu(), 'Connect AI clients', 'Claude Desktop — connect now');
    await settle();
    expect(options.openScreen).toHaveBeenCalledWith('connect');
    expect(options.onError).toHaveBeenCalled();
  });

  it('ticks once a minute only while a timer runs', async () => {
    const { menu, handle } = start({ status: idle() });
    await settle();
    expect(vi.getTimerCount()).toBe(0);

    await handle.refresh(running({}, { start: '2026-03-02T09:02:30+01:00' }));
    expect(vi.getTimerCount()).toBe(1);
    expect(menuOutline(menu())[0]).toBe('(Working on Website · Design since 09:02 — 1 h 22 min)');
    const builds = Menu.built.length;
    vi.advanceTimersByTime(29_999);
    expect(Menu.built.length).toBe(builds);
    vi.advanceTimersByTime(1);
    expect(menuOutline(menu())[0]).toBe('(Working on Website · Design since 09:02 — 1 h 23 min)');
    expect(Menu.built.length).toBe(builds + 1);
    vi.advanceTimersByTime(60_000);
    expect(menuOutline(menu())[0]).toBe('(Working on Website · Design since 09:02 — 1 h 24 min)');
    expect(vi.getTimerCount()).toBe(1);

    await handle.refresh(idle());
    expect(vi.getTimerCount()).toBe(0);
  });

  it('stops ticking while the machine sleeps or the screen is locked, and asks again on wake', async () => {
    const status = running({}, { start: '2026-03-02T09:02:30+01:00' });
    const { menu, options } = start({ status });
    await settle();
    expect(vi.getTimerCount()).toBe(1);

    powerMonitor.emit('suspend');
    expect(vi.getTimerCount()).toBe(0);
    const builds = Menu.built.length;
    vi.advanceTimersByTime(3_600_000);
    expect(Menu.built.length).toBe(builds);

    powerMonitor.emit('resume');
    await settle();
    expect(options.getStatus).toHaveBeenCalledTimes(2);
    expect(menuOutline(menu())[0]).toBe('(Working on Website · Design since 09:02 — 2 h 22 min)');
    expect(vi.getTimerCount()).toBe(1);

    powerMonitor.emit('lock-screen');
    expect(vi.getTimerCount()).toBe(0);
    powerMonitor.emit('unlock-screen');
    await settle();
    expect(options.getStatus).toHaveBeenCalledTimes(3);
    expect(vi.getTimerCount()).toBe(1);
  });

  it('sets the title with monospaced digits on macOS, and never elsewhere', async () => {
    const mac = start({ status: running(), platform: 'darwin' });
    await settle();
    expect(mac.tray.title).toBe('1h 23m');
    expect(mac.tray.titleOptions).toEqual({ fontType: 'monospacedDigit' });
    await mac.handle.refresh(idle());
    expect(mac.tray.title).toBe('');
    mac.handle.destroy();

    // In decimal hours when the person chose them in Preferences, read again at each redraw.
    let style: 'units' | 'decimal' = 'decimal';
    const decimal = start({ status: running(), platform: 'darwin', durations: () => style });
    await settle();
    expect(decimal.tray.title).toBe('1.38h');
    style = 'units';
    decimal.handle.redraw();
    expect(decimal.tray.title).toBe('1h 23m');
    decimal.handle.destroy();

    for (const platform of ['linux', 'win32'] as const) {
      const other = start({ status: running(), platform });
      await settle();
      expect(other.tray.calls.setTitle).toBe(0);
      other.handle.destroy();
    }
  });

  it('labels Clock in with the rest while the working-time warnings say one runs, asked again at each redraw; a click still clocks in', async () => {
    let rest: { rules: 'de'; until: number } | null = { rules: 'de', until: at('2026-03-02T11:15:00+01:00') };
    const { handle, menu, options } = start({ status: idle(), clockInRest: () => rest });
    await settle();
    expect(menuOutline(menu())[1]).toBe('Clock in — rest until 11:15 (section 5 ArbZG)');
    clickMenuItem(menu(), 'Clock in — rest until 11:15 (section 5 ArbZG)');
    await settle();
    expect(options.clockIn).toHaveBeenCalledWith({});
    await handle.refresh(idle());
    rest = null;
    handle.redraw();
    expect(menuOutline(menu())[1]).toBe('Clock in');
    handle.destroy();
  });

  it('uses template images on macOS and the platform’s files elsewhere', async () => {
    const mac = start({ status: running(), platform: 'darwin' });
    await settle();
    expect(mac.imagePath()).toMatch(/trayRunningTemplate\.png$/);
    expect((mac.tray.image as NativeImage).isTemplateImage()).toBe(true);
    expect((mac.tray.image as NativeImage).isEmpty()).toBe(false);

    const windows = start({ status: idle(), platform: 'win32' });
    await settle();
    expect(windows.imagePath()).toMatch(/tray-idle-light\.ico$/);
    expect((windows.tray.image as NativeImage).isEmpty()).toBe(false);
  });

  it('follows the theme on Linux and Windows', async () => {
    const { tray, imagePath } = start({ status: idle() });
    await settle();
    const images = tray.calls.setImage;
    nativeTheme.setDark(true);
    expect(imagePath()).toMatch(/tray-idle-dark-22\.png$/);
    expect(tray.calls.setImage).toBe(images + 1);
  });

  it('opens the window on click except on macOS, where a click opens the menu', async () => {
    const linux = start({ platform: 'linux' });
    linux.tray.emit('click');
    expect(linux.options.openScreen).toHaveBeenCalledWith('status');
    const mac = start({ platform: 'darwin' });
    expect(mac.tray.listenerCount('click')).toBe(0);
  });

  it('lets go of everything on destroy', async () => {
    const { handle, tray } = start({ status: running() });
    await settle();
    handle.destroy();
    expect(tray.isDestroyed()).toBe(true);
    expect(vi.getTimerCount()).toBe(0);
    for (const event of ['suspend', 'resume', 'lock-screen', 'unlock-screen']) expect(powerMonitor.listenerCount(event)).toBe(0);
    expect(nativeTheme.listenerCount('updated')).toBe(0);
  });
});

describe('the tray’s break types, idle answers and shortcut', () => {
  it('asks for the break types once the back end takes breaks, and starts the one picked', async () => {
    const breakTypes = vi.fn(async () => ['Lunch', 'Coffee']);
    const { menu, options } = start({ status: running({ breaksSupported: true }), breakTypes });
    await settle();
    expect(menuOutline(menu()).slice(1, 3)).toEqual(['Clock out', ['Start break', ['Lunch', 'Coffee']]]);
    clickMenuItem(menu(), 'Start break', 'Coffee');
    await settle();
    expect(options.startBreak).toHaveBeenCalledWith('Coffee');
    expect(breakTypes).toHaveBeenCalledTimes(1);
    // Nothing asked where the back end takes no breaks.
    const other = vi.fn(async () => ['Lunch']);
    start({ status: running(), breakTypes: other });
    await settle();
    expect(other).not.toHaveBeenCalled();
  });

  it('answers the idle question from the menu, and draws it again when told', async () => {
    let question: ReturnType<NonNullable<TrayOptions['idleQuestion']>> = null;
    const answerIdle = vi.fn(async () => idle({ asOf: Date.now() }));
    const { menu, handle } = start({ status: running(), idleQuestion: () => question, answerIdle });
    await settle();
    expect(JSON.stringify(menuOutline(menu()))).not.toContain('Away');
    question = {
      id: 4,
      since: '2026-03-02T09:50:00+01:00',
      until: '2026-03-02T10:20:00+01:00',
      minutes: 30,
      cause: 'sleep',
      entry: running().running as EntryView,
    };
    handle.redraw();
    clickMenuItem(menu(), /^Away 30 min since 09:50/, 'Discard it: clock out at 09:50');
    await settle();
    expect(answerIdle).toHaveBeenCalledWith(4, 'discard-stop');
  });

  it('shows the shortcut beside Clock out without registering it there', async () => {
    const { menu } = start({ status: running(), shortcut: () => 'CommandOrControl+Alt+P' });
    await settle();
    expect(menuItem(menu(), 'Clock out')).toMatchObject({ accelerator: 'CommandOrControl+Alt+P', registerAccelerator: false });
  });
});

describe('the tray’s updates', () => {
  it('says what the updater says, checks and installs from the menu, and shows a change when told', async () => {
    let phase: UpdatePhase = { kind: 'current', latest: '1.2.0', checkedAt: NOW };
    const updates = () =>
      updateView({
        setup: { currentVersion: '1.2.0', packaged: true, mode: 'notify', policy: { enabled: true, pinned: null, problem: null } },
        phase,
        now: NOW,
        timeZone: ZONE,
      });
    const checkUpdates = vi.fn();
    const installUpdate = vi.fn();
    const { handle, menu } = start({ updates, checkUpdates, installUpdate });
    await settle();
    expect(menuOutline(menu())).toContainEqual(['Updates: up to date', ['(Punchcard 1.2.0 is up to date (checked at 10:25).)', 'Check for updates now']]);
    clickMenuItem(menu(), 'Updates: up to date', 'Check for updates now');
    expect(checkUpdates).toHaveBeenCalledTimes(1);

    phase = { kind: 'ready', version: '1.3.0' };
    handle.redraw();
    expect(menuOutline(menu())).toContain('Restart to update to 1.3.0');
    clickMenuItem(menu(), 'Restart to update to 1.3.0');
    expect(installUpdate).toHaveBeenCalledTimes(1);
  });
});
