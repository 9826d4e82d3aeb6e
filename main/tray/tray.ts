// The tray icon and its menu: a thin adapter that applies tray-model.ts to Electron
// (docs/electron.md, "Tray per platform"). It rebuilds the menu only when the model's menu changed
// (an unchanged menu is not handed to the system again), ticks once a minute only while a timer
// runs, and stops ticking while the machine sleeps or the screen is locked. Everything it does goes
// through the functions it is given, which call the engine: the tray has no timer logic of its own.
import { Menu, Tray, nativeTheme, powerMonitor, type MenuItemConstructorOptions } from 'electron';
import type { DurationStyle } from '../../mcp-server/contract/durations.ts';
import type { Screen } from '../../window-contract/channels.ts';
import type { ClientCard } from '../../window-contract/registration.ts';
import type { IdleAnswer, IdleQuestion, StatusView } from '../../window-contract/status.ts';
import type { UpdateView } from '../../window-contract/updates.ts';
import type { TrayIcons } from './icons.ts';
import { nextRefreshDelay, trayModel, type MenuItemSpec, type TrayAction, type TrayIconKind, type TrayModel } from './tray-model.ts';

export interface TrayOptions {
  getStatus(): Promise<StatusView>;
  clockIn(request: { project?: string; activity?: string }): Promise<StatusView>;
  clockOut(): Promise<StatusView>;
  /** A break in the running shift (of the type named, else the default); offered only where the status says the back end takes breaks. */
  startBreak(type?: string): Promise<StatusView>;
  endBreak(): Promise<StatusView>;
  /** The back end's break types, asked once the status says it takes breaks. */
  breakTypes?(): Promise<string[]>;
  /** The open question about time away, if any (the tray is told of changes through refresh()). */
  idleQuestion?(): IdleQuestion | null;
  answerIdle?(id: number, answer: IdleAnswer): Promise<StatusView>;
  /** The global shortcut, to show beside the item it does; '' for none. */
  shortcut?(): string;
  /** How durations are written (Preferences); "1 h 23 min" when not given. */
  durations?(): DurationStyle;
  /** The app's updates as the tray shows them (the tray is told of changes through redraw()). */
  updates?(): UpdateView | null;
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

export function setupTray(options: TrayOptions): TrayHandle {
  const platform = options.platform ?? process.platform;
  const now = options.now ?? Date.now;
  const report = options.onError ?? ((error: unknown) => console.error('Tray:', error));

  let status: StatusView | null = null;
  let clients: ClientCard[] | null = null;
  let breakTypes: string[] | undefined;
  let askingBreakTypes = false;
  let engineError: string | undefined;
  let model: TrayModel;
  let paused = false;
  let destroyed = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  // Bumped by every change of status, so an older answer that arrives late is dropped.
  let generation = 0;
  const shown: { menu: string | null; tooltip: string | null; title: string | null; icon: TrayIconKind | null } = {
    menu: null,
    tooltip: null,
    title: null,
    icon: null,
  };

  const tray = new Tray(options.icons.image('idle'));
  shown.icon = 'idle';
  // macOS opens the menu on click by itself; elsewhere a click opens the window, when the host
  // delivers clicks at all (many Linux hosts do not: everything is in the menu too).
  if (platform !== 'darwin') tray.on('click', () => options.openScreen('status'));

  function render(): void {
    if (destroyed) return;
    options.shown?.(status);
    clearTimeout(timer);
    timer = undefined;
    const zone = options.timeZone?.();
    const at = now();
    const shortcut = options.shortcut?.() ?? '';
    const durations = options.durations?.();
    model = trayModel({
      status,
      now: at,
      platform,
      clients,
      ...(engineError ? { engineError } : {}),
      ...(zone ? { timeZone: zone } : {}),
      ...(breakTypes ? { breakTypes } : {}),
      idle: options.idleQuestion?.() ?? null,
      ...(shortcut ? { shortcut } : {}),
      ...(durations ? { durations } : {}),
      updates: options.updates?.() ?? null,
    });
    if (status?.breaksSupported && breakTypes === undefined) void loadBreakTypes();
    const menuKey = JSON.stringify(model.menu);
    if (menuKey !== shown.menu) {
      tray.setContextMenu(Menu.buildFromTemplate(template(model.menu)));
      shown.menu = menuKey;
    }
    if (model.tooltip !== shown.tooltip) {
      tray.setToolTip(model.tooltip);
      shown.tooltip = model.tooltip;
    }
    if (platform === 'darwin' && model.title !== shown.title) {
      tray.setTitle(model.title, { fontType: 'monospacedDigit' });
      shown.title = model.title;
    }
    if (model.icon !== shown.icon) {
      tray.setImage(options.icons.image(model.icon));
      shown.icon = model.icon;
    }
    if (!paused) {
      const delay = nextRefreshDelay(status, at, zone);
      if (delay !== null) timer = setTimeout(render, delay);
    }
  }

  function template(spec: MenuItemSpec[]): MenuItemConstructorOptions[] {
    return spec.map((item): MenuItemConstructorOptions => {
      if (item.type === 'separator') return { type: 'separator' };
      if (item.type === 'submenu') return { label: item.label, enabled: item.enabled, submenu: template(item.submenu) };
      const action = item.action;
      // The shortcut is registered globally apart (shortcut/global-shortcut.ts); here it is only shown.
      const shown = item.accelerator ? { accelerator: item.accelerator, registerAccelerator: false } : {};
      return action
        ? { label: item.label, enabled: item.enabled, ...shown, click: () => void run(action) }
        : { label: item.label, enabled: item.enabled, ...shown };
    });
  }

  async function changeTimer(call: () => Promise<StatusView>): Promise<void> {
    const mine = ++generation;
    try {
      const next = await call();
      if (mine !== generation) return;
      status = next;
      engineError = undefined;
    } catch (error) {
      // Shown even when a newer status arrived meanwhile: the person asked for this and it failed.
      report(error);
      engineError = messageOf(error);
    }
    render();
  }

  /** Once per back end: the types rarely change, and the menu must not wait for them. */
  async function loadBreakTypes(): Promise<void> {
    if (askingBreakTypes || !options.breakTypes) return;
    askingBreakTypes = true;
    try {
      breakTypes = await options.breakTypes();
      render();
    } catch (error) {
      // The plain Start break (the default type) stays; the next status asks again.
      report(error);
    } finally {
      askingBreakTypes = false;
    }
  }

  async function reloadClients(): Promise<void> {
    try {
      clients = await options.listClients();
    } catch (error) {
      report(error);
    }
    render();
  }

  async function run(action: TrayAction): Promise<void> {
    if (destroyed) return;
    switch (action.kind) {
      case 'clockIn':
        return changeTimer(() =>
          options.clockIn({
            ...(action.project === undefined ? {} : { project: action.project }),
            ...(action.activity === undefined ? {} : { activity: action.activity }),
          }),
        );
      case 'clockOut':
        return changeTimer(() => options.clockOut());
      case 'startBreak':
        return changeTimer(() => (action.type === undefined ? options.startBreak() : options.startBreak(action.type)));
      case 'answerIdle': {
        const answer = options.answerIdle;
        if (!answer) return;
        return changeTimer(() => answer(action.id, action.answer));
      }
      case 'endBreak':
        return changeTimer(() => options.endBreak());
      case 'open':
        options.openScreen(action.screen);
        return;
      case 'registerClient':
        try {
          await options.registerClient(action.id);
        } catch (error) {
          // The Connect screen says what went wrong and what to do about it.
          report(error);
          options.openScreen('connect');
        }
        return reloadClients();
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

  async function refresh(next?: StatusView): Promise<void> {
    if (destroyed) return;
    const mine = ++generation;
    if (next !== undefined) {
      status = next;
      engineError = undefined;
      render();
      return;
    }
    const [statusResult, clientsResult] = await Promise.allSettled([options.getStatus(), options.listClients()]);
    if (destroyed) return;
    if (clientsResult.status === 'fulfilled') clients = clientsResult.value;
    else report(clientsResult.reason);
    if (mine === generation) {
      if (statusResult.status === 'fulfilled') {
        status = statusResult.value;
        engineError = undefined;
      } else {
        report(statusResult.reason);
        status = null;
        engineError = messageOf(statusResult.reason);
      }
    }
    render();
  }

  const pause = () => {
    paused = true;
    clearTimeout(timer);
    timer = undefined;
  };
  const resume = () => {
    paused = false;
    // Time passed and an AI client may have clocked in meanwhile: ask the engine again.
    void refresh();
  };
  const themeChanged = () => {
    shown.icon = null;
    render();
  };
  powerMonitor.on('suspend', pause);
  powerMonitor.on('lock-screen', pause);
  powerMonitor.on('resume', resume);
  powerMonitor.on('unlock-screen', resume);
  nativeTheme.on('updated', themeChanged);

  render();
  void refresh();

  return {
    refresh,
    redraw(change) {
      if (change?.breakTypes === 'forget') breakTypes = undefined;
      render();
    },
    current: () => model,
    currentStatus: () => status,
    run,
    destroy() {
      if (destroyed) return;
      destroyed = true;
      clearTimeout(timer);
      powerMonitor.off('suspend', pause);
      powerMonitor.off('lock-screen', pause);
      powerMonitor.off('resume', resume);
      powerMonitor.off('unlock-screen', resume);
      nativeTheme.off('updated', themeChanged);
      tray.destroy();
    },
  };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
