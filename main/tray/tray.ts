// The tray icon and its menu: a thin adapter that applies tray-model.ts to Electron
// (docs/electron.md, "Tray per platform"). It rebuilds the menu only when the model's menu changed
// (an unchanged menu is not handed to the system again), ticks once a minute only while a timer
// runs, and stops ticking while the machine sleeps or the screen is locked. Everything it does goes
// through the functions it is given, which call the engine: the tray has no timer logic of its own.
import { Menu, Tray, nativeTheme, powerMonitor } from 'electron';
import type { DurationStyle } from '../../mcp-server/contract/durations.ts';
import type { Screen } from '../../window-contract/channels.ts';
import type { ClientCard } from '../../window-contract/registration.ts';
import type { IdleQuestion, StatusView } from '../../window-contract/status.ts';
import type { UpdateView } from '../../window-contract/updates.ts';
import type { ClockInRest } from '../notifications/working-time-ahead.ts';
import type { TrayIcons } from './icons.ts';
import { menuTemplate } from './menu-template.ts';
import { type TimerCalls, timerCall } from './timer-call.ts';
import { nextRefreshDelay, trayModel, type TrayAction, type TrayIconKind, type TrayInput, type TrayModel } from './tray-model.ts';

/** What the tray is given: the timer's calls (timer-call.ts) and the rest it shows and does. */
export interface TrayOptions extends TimerCalls {
  getStatus(): Promise<StatusView>;
  /** The back end's break types, asked once the status says it takes breaks. */
  breakTypes?(): Promise<string[]>;
  /** The open question about time away, if any (the tray is told of changes through refresh()). */
  idleQuestion?(): IdleQuestion | null;
  /** The global shortcut, to show beside the item it does; '' for none. */
  shortcut?(): string;
  /** How durations are written (Preferences); "1 h 23 min" when not given. */
  durations?(): DurationStyle;
  /** The app's updates as the tray shows them (the tray is told of changes through redraw()). */
  updates?(): UpdateView | null;
  /** Until when clocking in would start work inside the rest (main/notifications/working-time-notifier.ts); the tray is told of changes through redraw(). */
  clockInRest?(): ClockInRest | null;
  /** "Check for updates now". */
  checkUpdates?(): void;
  /** "Restart to update": quits and installs the downloaded update. */
  installUpdate?(): void;
  /** Show the settings window on a screen. */
  openScreen(screen: Screen): void;
  listClients(): Promise<ClientCard[]>;
  /** One-click registration; the tray lists the clients again afterwards. */
  registerClient(id: string): Promise<unknown>;
  quit(): void;
  icons: TrayIcons;
  platform?: NodeJS.Platform;
  /** The person's zone (preferences); the system's when it answers '' or undefined. */
  timeZone?: () => string | undefined;
  now?: () => number;
  /** Where failures go besides the tray's own error line; console.error by default. */
  onError?: (error: unknown) => void;
  /** Told the status each time the tray draws it (null while the engine has not answered): for parts set up before the tray. */
  shown?(status: StatusView | null): void;
}

export interface TrayHandle {
  /** Show this status (main pushes it after any change), or ask the engine again when none is given. */
  refresh(status?: StatusView): Promise<void>;
  /** Something else the menu shows changed (the idle question, the shortcut, another back end's break types). */
  redraw(options?: { breakTypes?: 'forget' }): void;
  /** What the tray shows now (for the E2E hook and diagnostics). */
  current(): TrayModel;
  /** The status the tray shows (what the global shortcut acts on). */
  currentStatus(): StatusView | null;
  /** Runs a menu action as a click would. */
  run(action: TrayAction): Promise<void>;
  destroy(): void;
}

/** What the tray last handed the system, so an unchanged part is not handed again. */
interface Shown {
  menu: string | null;
  tooltip: string | null;
  title: string | null;
  icon: TrayIconKind | null;
}

/** What the tray knows besides what its options answer when asked. */
interface TrayState {
  status: StatusView | null;
  clients: ClientCard[] | null;
  breakTypes: string[] | undefined;
  engineError: string | undefined;
}

export function setupTray(options: TrayOptions): TrayHandle {
  const platform = options.platform ?? process.platform;
  const now = options.now ?? Date.now;
  const report = options.onError ?? ((error: unknown) => console.error('Tray:', error));

  const state: TrayState = { status: null, clients: null, breakTypes: undefined, engineError: undefined };
  let model: TrayModel;
  let paused = false;
  let destroyed = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  // Bumped by every change of status, so an older answer that arrives late is dropped.
  let generation = 0;
  const shown: Shown = { menu: null, tooltip: null, title: null, icon: null };

  const tray = new Tray(options.icons.image('idle'));
  shown.icon = 'idle';
  // macOS opens the menu on click by itself; elsewhere a click opens the window, when the host
  // delivers clicks at all (many Linux hosts do not: everything is in the menu too).
  if (platform !== 'darwin') tray.on('click', () => options.openScreen('status'));

  function render(): void {
    if (destroyed) return;
    options.shown?.(state.status);
    clearTimeout(timer);
    timer = undefined;
    const zone = options.timeZone?.();
    const at = now();
    model = trayModel(trayInput(state, options, { now: at, platform, zone }));
    if (state.status?.breaksSupported && state.breakTypes === undefined) void loadBreakTypes();
    showModel(tray, shown, model, { platform, icons: options.icons, run: (action) => void run(action) });
    if (!paused) {
      const delay = nextRefreshDelay(state.status, at, zone);
      if (delay !== null) timer = setTimeout(render, delay);
    }
  }

  async function changeTimer(call: () => Promise<StatusView>): Promise<void> {
    const mine = ++generation;
    try {
      const next = await call();
      if (mine !== generation) return;
      state.status = next;
      state.engineError = undefined;
    } catch (error) {
      // Shown even when a newer status arrived meanwhile: the person asked for this and it failed.
      report(error);
      state.engineError = messageOf(error);
    }
    render();
  }

  const loadBreakTypes = breakTypesLoader(options, state, () => render(), report);

  async function reloadClients(): Promise<void> {
    try {
      state.clients = await options.listClients();
    } catch (error) {
      report(error);
    }
    render();
  }

  async function run(action: TrayAction): Promise<void> {
    if (destroyed) return;
    const call = timerCall(action, options);
    if (call) return changeTimer(call);
    if (action.kind !== 'registerClient') return runOther(action, options);
    try {
      await options.registerClient(action.id);
    } catch (error) {
      // The Connect screen says what went wrong and what to do about it.
      report(error);
      options.openScreen('connect');
    }
    return reloadClients();
  }

  async function refresh(next?: StatusView): Promise<void> {
    if (destroyed) return;
    const mine = ++generation;
    if (next !== undefined) {
      state.status = next;
      state.engineError = undefined;
      render();
      return;
    }
    const [statusResult, clientsResult] = await Promise.allSettled([options.getStatus(), options.listClients()]);
    if (destroyed) return;
    takeRefresh(state, { status: statusResult, clients: clientsResult }, mine === generation, report);
    render();
  }

  const stopWatching = watchPowerAndTheme({
    pause: () => {
      paused = true;
      clearTimeout(timer);
      timer = undefined;
    },
    resume: () => {
      paused = false;
      // Time passed and an AI client may have clocked in meanwhile: ask the engine again.
      void refresh();
    },
    themeChanged: () => {
      shown.icon = null;
      render();
    },
  });

  render();
  void refresh();

  return {
    refresh,
    redraw(change) {
      if (change?.breakTypes === 'forget') state.breakTypes = undefined;
      render();
    },
    current: () => model,
    currentStatus: () => state.status,
    run,
    destroy() {
      if (destroyed) return;
      destroyed = true;
      clearTimeout(timer);
      stopWatching();
      tray.destroy();
    },
  };
}

/** Asks the back end's break types once per back end: they rarely change, and the menu must not wait for them. */
function breakTypesLoader(options: TrayOptions, state: TrayState, render: () => void, report: (error: unknown) => void): () => Promise<void> {
  let asking = false;
  return async () => {
    if (asking || !options.breakTypes) return;
    asking = true;
    try {
      state.breakTypes = await options.breakTypes();
      render();
    } catch (error) {
      // The plain Start break (the default type) stays; the next status asks again.
      report(error);
    } finally {
      asking = false;
    }
  };
}

/** Takes in what a refresh asked: the clients always, the status only when no newer status came meanwhile. */
function takeRefresh(
  state: TrayState,
  answers: { status: PromiseSettledResult<StatusView>; clients: PromiseSettledResult<ClientCard[]> },
  latest: boolean,
  report: (error: unknown) => void,
): void {
  if (answers.clients.status === 'fulfilled') state.clients = answers.clients.value;
  else report(answers.clients.reason);
  if (!latest) return;
  if (answers.status.status === 'fulfilled') {
    state.status = answers.status.value;
    state.engineError = undefined;
  } else {
    report(answers.status.reason);
    state.status = null;
    state.engineError = messageOf(answers.status.reason);
  }
}

/** What the model is drawn from: the tray's state and what its options answer now. */
function trayInput(state: TrayState, options: TrayOptions, at: { now: number; platform: NodeJS.Platform; zone: string | undefined }): TrayInput {
  const shortcut = options.shortcut?.() ?? '';
  const durations = options.durations?.();
  return {
    status: state.status,
    now: at.now,
    platform: at.platform,
    clients: state.clients,
    ...(state.engineError ? { engineError: state.engineError } : {}),
    ...(at.zone ? { timeZone: at.zone } : {}),
    ...(state.breakTypes ? { breakTypes: state.breakTypes } : {}),
    idle: options.idleQuestion?.() ?? null,
    ...(shortcut ? { shortcut } : {}),
    ...(durations ? { durations } : {}),
    updates: options.updates?.() ?? null,
    clockInRest: options.clockInRest?.() ?? null,
  };
}

/** Hands the system only the parts of the model that changed since they were last shown. */
function showModel(
  tray: Tray,
  shown: Shown,
  model: TrayModel,
  how: { platform: NodeJS.Platform; icons: TrayOptions['icons']; run: (action: TrayAction) => void },
): void {
  const menuKey = JSON.stringify(model.menu);
  if (menuKey !== shown.menu) {
    tray.setContextMenu(Menu.buildFromTemplate(menuTemplate(model.menu, how.run)));
    shown.menu = menuKey;
  }
  if (model.tooltip !== shown.tooltip) {
    tray.setToolTip(model.tooltip);
    shown.tooltip = model.tooltip;
  }
  if (how.platform === 'darwin' && model.title !== shown.title) {
    tray.setTitle(model.title, { fontType: 'monospacedDigit' });
    shown.title = model.title;
  }
  if (model.icon !== shown.icon) {
    tray.setImage(how.icons.image(model.icon));
    shown.icon = model.icon;
  }
}

/** The actions that neither change the timer nor register a client: they only hand over to main. */
function runOther(action: TrayAction, options: TrayOptions): void {
  switch (action.kind) {
    case 'open':
      options.openScreen(action.screen);
      return;
    case 'checkUpdates':
      options.checkUpdates?.();
      return;
    case 'installUpdate':
      options.installUpdate?.();
      return;
    case 'quit':
      options.quit();
      return;
  }
}

/** Stops ticking while the machine sleeps or the screen is locked; redraws the icon for a new theme. Returns the undo. */
function watchPowerAndTheme(on: { pause: () => void; resume: () => void; themeChanged: () => void }): () => void {
  powerMonitor.on('suspend', on.pause);
  powerMonitor.on('lock-screen', on.pause);
  powerMonitor.on('resume', on.resume);
  powerMonitor.on('unlock-screen', on.resume);
  nativeTheme.on('updated', on.themeChanged);
  return () => {
    powerMonitor.off('suspend', on.pause);
    powerMonitor.off('lock-screen', on.pause);
    powerMonitor.off('resume', on.resume);
    powerMonitor.off('unlock-screen', on.resume);
    nativeTheme.off('updated', on.themeChanged);
  };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
