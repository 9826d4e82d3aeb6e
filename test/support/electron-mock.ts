// The shared fake of the `electron` package (docs/decisions.md, "Testing without the Electron
// binary"). Every test file gets it in place of the real package through vitest's setupFiles
// (setup-electron-mock.ts), because importing the real package outside Electron tries to download a
// binary. It imitates what the app's thin adapters touch and records what they did, so a test can
// read it back:
//
//   import { Tray, Menu, app, resetElectronMock, clickMenuItem } from '../../support/electron-mock.ts';
//   beforeEach(() => resetElectronMock());
//   …code under test imports 'electron' and gets these same objects…
//   expect(Tray.instances[0]?.tooltip).toBe('Punchcard');
//
// Importing this file directly and importing 'electron' give the same module instance. It stays one
// file, typed loosely: the code under test is typed against the real `electron` typings.
import { EventEmitter } from 'node:events';
import { existsSync, readFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { basename, join } from 'node:path';

// ---------------------------------------------------------------------------------------------
// Helpers

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyFunction = (...args: any[]) => any;

/** An Electron-style event: `preventDefault()` records that the listener refused. */
export interface FakeEvent {
  defaultPrevented: boolean;
  preventDefault(): void;
  [key: string]: unknown;
}

export function fakeEvent<T extends object>(fields?: T): FakeEvent & T {
  const event = {
    defaultPrevented: false,
    preventDefault() {
      event.defaultPrevented = true;
    },
    ...(fields ?? {}),
  } as FakeEvent & T;
  return event;
}

function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

// Everything reset between tests registers itself here.
const resetters: Array<() => void> = [];

// ---------------------------------------------------------------------------------------------
// app

interface LoginItemRecord {
  openAtLogin: boolean;
  args?: string[];
  path?: string;
  type?: string;
  [key: string]: unknown;
}

class FakeApp extends EventEmitter {
  isPackaged = false;
  name = 'Punchcard';
  /** Set false (or reset with `{ ready: false }`) to test code that must run before `ready`. */
  ready = true;
  singleInstanceLock = true;
  quitCalls = 0;
  exitCalls: number[] = [];
  focusCalls: Array<{ steal?: boolean } | undefined> = [];
  appUserModelId: string | null = null;
  loginItemSettings: LoginItemRecord = { openAtLogin: false };
  loginItemCalls: LoginItemRecord[] = [];
  /** What getLoginItemSettings reports beyond openAtLogin (macOS: 'requires-approval' …). */
  loginItemStatus: 'not-registered' | 'enabled' | 'requires-approval' | 'not-found' = 'not-registered';
  wasOpenedAtLogin = false;
  paths = new Map<string, string>();
  readonly dock = {
    hidden: false,
    hide: () => {
      this.dock.hidden = true;
    },
    show: () => {
      this.dock.hidden = false;
      return Promise.resolve();
    },
    setIcon: (_image: unknown) => undefined,
    setBadge: (_text: string) => undefined,
  };
  #readyWaiters: Array<() => void> = [];

  whenReady(): Promise<void> {
    if (this.ready) return Promise.resolve();
    return new Promise((resolve) => this.#readyWaiters.push(resolve));
  }

  isReady(): boolean {
    return this.ready;
  }

  /** Test helper: become ready, emit 'ready', settle whenReady() promises. */
  emitReady(): void {
    this.ready = true;
    this.emit('ready', fakeEvent(), {});
    for (const resolve of this.#readyWaiters.splice(0)) resolve();
  }

  requestSingleInstanceLock(): boolean {
    return this.singleInstanceLock;
  }

  releaseSingleInstanceLock(): void {}

  getPath(name: string): string {
    const set = this.paths.get(name);
    if (set) return set;
    const home = process.env.HOME ?? homedir();
    const root = join(tmpdir(), 'punchcard-electron-mock');
    switch (name) {
      case 'home':
        return home;
      case 'appData':
        return join(root, 'appData');
      case 'userData':
        return join(root, 'appData', 'Punchcard');
      case 'exe':
        return '/opt/Punchcard/punchcard';
      case 'temp':
        return tmpdir();
      default:
        return join(root, name);
    }
  }

  setPath(name: string, value: string): void {
    this.paths.set(name, value);
  }

  getAppPath(): string {
    return process.cwd();
  }

  getVersion(): string {
    return '0.1.0';
  }

  getName(): string {
    return this.name;
  }

  getLocale(): string {
    return 'en-US';
  }

  quit(): void {
    this.quitCalls += 1;
    const event = fakeEvent();
    this.emit('before-quit', event);
    if (!event.defaultPrevented) this.emit('will-quit', fakeEvent());
  }

  exit(code = 0): void {
    this.exitCalls.push(code);
  }

  relaunch(): void {}

  focus(options?: { steal?: boolean }): void {
    this.focusCalls.push(options);
  }

  setAppUserModelId(id: string): void {
    this.appUserModelId = id;
  }

  setLoginItemSettings(settings: LoginItemRecord): void {
    this.loginItemCalls.push({ ...settings });
    this.loginItemSettings = { ...this.loginItemSettings, ...settings };
    if (settings.openAtLogin === false) this.loginItemStatus = 'not-registered';
    else if (settings.openAtLogin === true && this.loginItemStatus === 'not-registered') this.loginItemStatus = 'enabled';
  }

  getLoginItemSettings(_options?: { args?: string[]; path?: string; type?: string }): {
    openAtLogin: boolean;
    wasOpenedAtLogin: boolean;
    status: string;
    executableWillLaunchAtLogin: boolean;
    launchItems: unknown[];
  } {
    return {
      openAtLogin: this.loginItemSettings.openAtLogin,
      wasOpenedAtLogin: this.wasOpenedAtLogin,
      status: this.loginItemStatus,
      executableWillLaunchAtLogin: this.loginItemSettings.openAtLogin,
      launchItems: [],
    };
  }

  resetFake(ready: boolean): void {
    this.removeAllListeners();
    this.isPackaged = false;
    this.name = 'Punchcard';
    this.ready = ready;
    this.singleInstanceLock = true;
    this.quitCalls = 0;
    this.exitCalls = [];
    this.focusCalls = [];
    this.appUserModelId = null;
    this.loginItemSettings = { openAtLogin: false };
    this.loginItemCalls = [];
    this.loginItemStatus = 'not-registered';
    this.wasOpenedAtLogin = false;
    this.paths.clear();
    this.dock.hidden = false;
    this.#readyWaiters = [];
  }
}

export const app = new FakeApp();

// ---------------------------------------------------------------------------------------------
// session

type PermissionRequestHandler = (webContents: unknown, permission: string, callback: (granted: boolean) => void, details: unknown) => void;
type PermissionCheckHandler = (webContents: unknown, permission: string, requestingOrigin: string, details: unknown) => boolean;

class FakeSession extends EventEmitter {
  permissionRequestHandler: PermissionRequestHandler | null = null;
  permissionCheckHandler: PermissionCheckHandler | null = null;
  devicePermissionHandler: AnyFunction | null = null;
  displayMediaRequestHandler: AnyFunction | null = null;

  setPermissionRequestHandler(handler: PermissionRequestHandler | null): void {
    this.permissionRequestHandler = handler;
  }

  setPermissionCheckHandler(handler: PermissionCheckHandler | null): void {
    this.permissionCheckHandler = handler;
  }

  setDevicePermissionHandler(handler: AnyFunction | null): void {
    this.devicePermissionHandler = handler;
  }

  setDisplayMediaRequestHandler(handler: AnyFunction | null): void {
    this.displayMediaRequestHandler = handler;
  }

  /** Test helper: what the request handler answers for a permission (null: no handler set). */
  requestPermission(permission: string, webContents: unknown = null): Promise<boolean | null> {
    const handler = this.permissionRequestHandler;
    if (!handler) return Promise.resolve(null);
    return new Promise((resolve) => handler(webContents, permission, resolve, { requestingUrl: 'app://punchcard/index.html' }));
  }

  resetFake(): void {
    this.removeAllListeners();
    this.permissionRequestHandler = null;
    this.permissionCheckHandler = null;
    this.devicePermissionHandler = null;
    this.displayMediaRequestHandler = null;
  }
}

const defaultSession = new FakeSession();
export const session = {
  defaultSession,
  fromPartition: (_partition: string) => defaultSession,
};

// ---------------------------------------------------------------------------------------------
// webContents and BrowserWindow

type WindowOpenHandler = (details: { url: string; frameName: string; features: string; disposition: string }) => { action: 'allow' | 'deny' };

export class WebContents extends EventEmitter {
  static #nextId = 1;
  static all: WebContents[] = [];
  readonly id: number;
  readonly session = defaultSession;
  /** Every `send(channel, …args)`, in order. */
  sent: Array<{ channel: string; args: unknown[] }> = [];
  windowOpenHandler: WindowOpenHandler | null = null;
  url = '';
  loading = false;
  destroyed = false;
  devToolsOpened = false;

  constructor() {
    super();
    this.id = WebContents.#nextId++;
    WebContents.all.push(this);
  }

  send(channel: string, ...args: unknown[]): void {
    if (this.destroyed) throw new Error('Object has been destroyed');
    this.sent.push({ channel, args });
  }

  setWindowOpenHandler(handler: WindowOpenHandler): void {
    this.windowOpenHandler = handler;
  }

  getURL(): string {
    return this.url;
  }

  isLoading(): boolean {
    return this.loading;
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }

  openDevTools(): void {
    this.devToolsOpened = true;
  }

  loadURL(url: string): Promise<void> {
    this.url = url;
    this.loading = true;
    return Promise.resolve();
  }

  /** Test helper: a window.open() from the page; answers what the handler decided ('deny' without one). */
  simulateWindowOpen(url: string): 'allow' | 'deny' {
    const result = this.windowOpenHandler?.({ url, frameName: '', features: '', disposition: 'foreground-tab' });
    return result?.action ?? 'deny';
  }

  /** Test helper: a navigation; answers whether a listener prevented it. */
  simulateNavigation(url: string, kind: 'will-navigate' | 'will-frame-navigate' | 'will-redirect' = 'will-navigate', isMainFrame = true): boolean {
    const event = fakeEvent({ url, isMainFrame, isSameDocument: false, frame: null });
    if (kind === 'will-navigate') this.emit(kind, event, url, false, isMainFrame, 0, 0);
    else this.emit(kind, event);
    return event.defaultPrevented;
  }

  /** Test helper: a page tries to attach a <webview>; answers whether a listener prevented it. */
  simulateAttachWebview(webPreferences: Record<string, unknown> = {}, params: Record<string, string> = { src: 'https://example.com' }): boolean {
    const event = fakeEvent();
    this.emit('will-attach-webview', event, webPreferences, params);
    return event.defaultPrevented;
  }

  /** Test helper: the page finished loading. */
  finishLoad(): void {
    this.loading = false;
    this.emit('did-finish-load', fakeEvent());
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.emit('destroyed', fakeEvent());
  }
}

export const webContents = {
  getAllWebContents: () => WebContents.all.filter((contents) => !contents.destroyed),
  fromId: (id: number) => WebContents.all.find((contents) => contents.id === id),
  getFocusedWebContents: () => null,
};

export class BrowserWindow extends EventEmitter {
  static #nextId = 1;
  /** Every window created since the last reset, in order. */
  static instances: BrowserWindow[] = [];
  /**
   * When true (the default), `loadURL` finishes loading on the next turn: 'did-finish-load' on the
   * webContents, then 'ready-to-show' on the window. Set false to drive those events by hand.
   * It waits on setImmediate, so under vi.useFakeTimers() advance the timers to let it finish.
   */
  static autoLoad = true;

  static getAllWindows(): BrowserWindow[] {
    return BrowserWindow.instances.filter((window) => !window.destroyed);
  }

  static fromWebContents(contents: WebContents): BrowserWindow | null {
    return BrowserWindow.instances.find((window) => window.webContents === contents) ?? null;
  }

  static getFocusedWindow(): BrowserWindow | null {
    return BrowserWindow.getAllWindows().find((window) => window.focused) ?? null;
  }

  readonly id: number;
  readonly options: Record<string, unknown>;
  readonly webContents = new WebContents();
  visible = false;
  focused = false;
  minimized = false;
  destroyed = false;
  showCalls = 0;
  focusCalls = 0;
  loadedURLs: string[] = [];
  title: string;
  menuBarVisible = true;
  backgroundColor: string | undefined;

  constructor(options: Record<string, unknown> = {}) {
    super();
    this.id = BrowserWindow.#nextId++;
    this.options = options;
    this.title = typeof options.title === 'string' ? options.title : 'Electron';
    this.backgroundColor = typeof options.backgroundColor === 'string' ? options.backgroundColor : undefined;
    this.visible = options.show !== false;
    BrowserWindow.instances.push(this);
    app.emit('web-contents-created', fakeEvent(), this.webContents);
    app.emit('browser-window-created', fakeEvent(), this);
  }

  /** The webPreferences the window was created with. */
  get webPreferences(): Record<string, unknown> {
    return (this.options.webPreferences as Record<string, unknown> | undefined) ?? {};
  }

  loadURL(url: string): Promise<void> {
    this.loadedURLs.push(url);
    const loading = this.webContents.loadURL(url);
    if (BrowserWindow.autoLoad) {
      return settle().then(() => {
        if (this.destroyed) return;
        this.webContents.finishLoad();
        this.emit('ready-to-show', fakeEvent());
      });
    }
    return loading;
  }

  loadFile(path: string): Promise<void> {
    return this.loadURL(`file://${path}`);
  }

  show(): void {
    this.showCalls += 1;
    this.visible = true;
    this.focused = true;
    this.emit('show', fakeEvent());
  }

  showInactive(): void {
    this.visible = true;
  }

  hide(): void {
    this.visible = false;
    this.focused = false;
    this.emit('hide', fakeEvent());
  }

  focus(): void {
    this.focusCalls += 1;
    this.focused = true;
    this.emit('focus', fakeEvent());
  }

  blur(): void {
    this.focused = false;
  }

  isVisible(): boolean {
    return this.visible;
  }

  isFocused(): boolean {
    return this.focused;
  }

  isMinimized(): boolean {
    return this.minimized;
  }

  minimize(): void {
    this.minimized = true;
  }

  restore(): void {
    this.minimized = false;
  }

  moveTop(): void {}

  center(): void {}

  setTitle(title: string): void {
    this.title = title;
  }

  getTitle(): string {
    return this.title;
  }

  setMenuBarVisibility(visible: boolean): void {
    this.menuBarVisible = visible;
  }

  setBackgroundColor(color: string): void {
    this.backgroundColor = color;
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }

  /** Like Electron: 'close' (preventable), then 'closed' and the window is gone. */
  close(): void {
    if (this.destroyed) return;
    const event = fakeEvent();
    this.emit('close', event);
    if (event.defaultPrevented) return;
    this.destroy();
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.visible = false;
    this.focused = false;
    this.webContents.destroy();
    this.emit('closed');
    if (BrowserWindow.getAllWindows().length === 0) app.emit('window-all-closed', fakeEvent());
  }
}

// ---------------------------------------------------------------------------------------------
// Menu

export interface FakeMenuItem {
  label?: string;
  type?: string;
  enabled?: boolean;
  visible?: boolean;
  checked?: boolean;
  id?: string;
  role?: string;
  submenu?: FakeMenuItem[] | Menu;
  click?: AnyFunction;
  [key: string]: unknown;
}

export class Menu extends EventEmitter {
  /** Every menu built by buildFromTemplate since the last reset. */
  static built: Menu[] = [];
  static applicationMenu: Menu | null = null;

  static buildFromTemplate(template: FakeMenuItem[]): Menu {
    const menu = new Menu(template);
    Menu.built.push(menu);
    return menu;
  }

  static setApplicationMenu(menu: Menu | null): void {
    Menu.applicationMenu = menu;
  }

  static getApplicationMenu(): Menu | null {
    return Menu.applicationMenu;
  }

  /** The template items as given: click them with `clickMenuItem`. */
  readonly items: FakeMenuItem[];
  popups = 0;

  constructor(template: FakeMenuItem[] = []) {
    super();
    this.items = template;
  }

  /** The same template, under the name tests use for it. */
  get template(): FakeMenuItem[] {
    return this.items;
  }

  append(item: FakeMenuItem): void {
    this.items.push(item);
  }

  popup(): void {
    this.popups += 1;
  }

  closePopup(): void {}

  getMenuItemById(id: string): FakeMenuItem | null {
    return findMenuItem(this, (item) => item.id === id);
  }
}

export class MenuItem {
  label?: string;
  type?: string;
  enabled?: boolean;

  constructor(options: FakeMenuItem) {
    Object.assign(this, options);
  }
}

function itemsOf(menu: Menu | FakeMenuItem[] | undefined): FakeMenuItem[] {
  if (!menu) return [];
  return Array.isArray(menu) ? menu : menu.items;
}

function findMenuItem(menu: Menu | FakeMenuItem[], predicate: (item: FakeMenuItem) => boolean): FakeMenuItem | null {
  for (const item of itemsOf(menu)) {
    if (predicate(item)) return item;
    const inner = findMenuItem(itemsOf(item.submenu), predicate);
    if (inner) return inner;
  }
  return null;
}

/**
 * The item reached by a path of labels (a label or a RegExp per level), e.g.
 * `menuItem(menu, 'Clock in', 'Website')`. Throws with the labels on offer when a step is missing.
 */
export function menuItem(menu: Menu | FakeMenuItem[], ...path: Array<string | RegExp>): FakeMenuItem {
  let items = itemsOf(menu);
  let found: FakeMenuItem | undefined;
  for (const step of path) {
    found = items.find((item) => (typeof step === 'string' ? item.label === step : step.test(item.label ?? '')));
    if (!found) {
      throw new Error(`No menu item ${String(step)} among: ${items.map((item) => JSON.stringify(item.label ?? item.type)).join(', ')}`);
    }
    items = itemsOf(found.submenu);
  }
  if (!found) throw new Error('menuItem needs at least one label');
  return found;
}

/** Clicks the item at a path of labels, like a person would (disabled items refuse). */
export function clickMenuItem(menu: Menu | FakeMenuItem[], ...path: Array<string | RegExp>): unknown {
  const item = menuItem(menu, ...path);
  if (item.enabled === false) throw new Error(`Menu item ${JSON.stringify(item.label)} is disabled`);
  if (!item.click) throw new Error(`Menu item ${JSON.stringify(item.label)} has no click handler`);
  return item.click(item, undefined, {});
}

/** The labels of a menu as an outline: nested arrays for submenus, '---' for separators. */
export function menuOutline(menu: Menu | FakeMenuItem[]): unknown[] {
  return itemsOf(menu).map((item) => {
    if (item.type === 'separator') return '---';
    const label = item.enabled === false ? `(${item.label ?? ''})` : (item.label ?? '');
    return item.submenu ? [label, menuOutline(itemsOf(item.submenu))] : label;
  });
}

// ---------------------------------------------------------------------------------------------
// nativeImage and nativeTheme

export class NativeImage {
  readonly path: string | null;
  templateImage: boolean;
  readonly buffer: Buffer | null;

  constructor(path: string | null, buffer: Buffer | null = null) {
    this.path = path;
    this.buffer = buffer ?? (path && existsSync(path) ? readFileSync(path) : null);
    // Like Electron on macOS: a file name ending in "Template" makes a template image.
    this.templateImage = path !== null && /Template(@\dx)?\.(png|jpg)$/.test(basename(path));
  }

  isEmpty(): boolean {
    return this.buffer === null || this.buffer.length === 0;
  }

  setTemplateImage(option: boolean): void {
    this.templateImage = option;
  }

  isTemplateImage(): boolean {
    return this.templateImage;
  }

  getSize(): { width: number; height: number } {
    // Reads the PNG header when there is one; enough for the icons the app ships.
    const png = this.buffer;
    if (png && png.length >= 24 && png.readUInt32BE(12) === 0x49484452) return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
    return { width: 0, height: 0 };
  }

  toPNG(): Buffer {
    return this.buffer ?? Buffer.alloc(0);
  }

  resize(_options: { width?: number; height?: number }): NativeImage {
    return this;
  }
}

export const nativeImage = {
  createFromPath: (path: string) => new NativeImage(path),
  createFromBuffer: (buffer: Buffer) => new NativeImage(null, buffer),
  createFromDataURL: (url: string) => new NativeImage(null, Buffer.from(url.split(',')[1] ?? '', 'base64')),
  createEmpty: () => new NativeImage(null, Buffer.alloc(0)),
};

class FakeNativeTheme extends EventEmitter {
  shouldUseDarkColors = false;
  shouldUseHighContrastColors = false;
  shouldUseInvertedColorScheme = false;
  themeSource: 'system' | 'light' | 'dark' = 'system';

  /** Test helper: switch the system theme and emit 'updated' like Electron does. */
  setDark(dark: boolean): void {
    this.shouldUseDarkColors = dark;
    this.emit('updated');
  }

  resetFake(): void {
    this.removeAllListeners();
    this.shouldUseDarkColors = false;
    this.shouldUseHighContrastColors = false;
    this.shouldUseInvertedColorScheme = false;
    this.themeSource = 'system';
  }
}

export const nativeTheme = new FakeNativeTheme();

// ---------------------------------------------------------------------------------------------
// Tray

export class Tray extends EventEmitter {
  static instances: Tray[] = [];

  image: unknown;
  pressedImage: unknown = null;
  readonly guid: string | undefined;
  title = '';
  titleOptions: unknown = undefined;
  tooltip = '';
  contextMenu: Menu | null = null;
  /** How many times setContextMenu / setImage / setTitle / setToolTip were called. */
  calls = { setContextMenu: 0, setImage: 0, setTitle: 0, setToolTip: 0 };
  destroyed = false;
  popUps = 0;

  constructor(image: unknown, guid?: string) {
    super();
    this.image = image;
    this.guid = guid;
    Tray.instances.push(this);
  }

  setImage(image: unknown): void {
    this.calls.setImage += 1;
    this.image = image;
  }

  setPressedImage(image: unknown): void {
    this.pressedImage = image;
  }

  setTitle(title: string, options?: unknown): void {
    this.calls.setTitle += 1;
    this.title = title;
    this.titleOptions = options;
  }

  getTitle(): string {
    return this.title;
  }

  setToolTip(tooltip: string): void {
    this.calls.setToolTip += 1;
    this.tooltip = tooltip;
  }

  setContextMenu(menu: Menu | null): void {
    this.calls.setContextMenu += 1;
    this.contextMenu = menu;
  }

  popUpContextMenu(): void {
    this.popUps += 1;
  }

  closeContextMenu(): void {}

  setIgnoreDoubleClickEvents(_ignore: boolean): void {}

  destroy(): void {
    this.destroyed = true;
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }
}

// ---------------------------------------------------------------------------------------------
// Notification

export class Notification extends EventEmitter {
  static instances: Notification[] = [];
  static supported = true;

  static isSupported(): boolean {
    return Notification.supported;
  }

  readonly options: Record<string, unknown>;
  shown = false;
  closed = false;

  constructor(options: Record<string, unknown> = {}) {
    super();
    this.options = options;
    Notification.instances.push(this);
  }

  get title(): string {
    return String(this.options.title ?? '');
  }

  get body(): string {
    return String(this.options.body ?? '');
  }

  show(): void {
    this.shown = true;
    this.emit('show', fakeEvent());
  }

  close(): void {
    this.closed = true;
    this.emit('close', fakeEvent());
  }

  /** Test helper: the person clicks the notification. */
  click(): void {
    this.emit('click', fakeEvent());
  }
}

// ---------------------------------------------------------------------------------------------
// IPC and the bridge

/** What a handler sees as `event` when a test invokes it without giving one. */
export function ipcEvent(fields: { sender?: WebContents | { id: number }; url?: string; mainFrame?: boolean } = {}): Record<string, unknown> {
  const url = fields.url ?? 'app://punchcard/index.html';
  const sender = fields.sender ?? { id: 1 };
  const frame = { url, origin: originOf(url), routingId: 1, processId: 1, parent: null as unknown, top: null as unknown };
  const mainFrame = fields.mainFrame ?? true;
  // Like WebFrameMain: the top frame has no parent; a sub-frame's parent (here also its top) is the page.
  const top = mainFrame ? frame : { url, origin: originOf(url), parent: null };
  frame.top = top;
  frame.parent = mainFrame ? null : top;
  return { sender, senderFrame: frame, frameId: 1, processId: 1 };
}

// Like Chromium for a standard scheme (Node's URL says 'null' for any scheme it does not know).
function originOf(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}`;
  } catch {
    return 'null';
  }
}

class FakeIpcMain extends EventEmitter {
  readonly handlers = new Map<string, AnyFunction>();

  handle(channel: string, handler: AnyFunction): void {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, handler);
  }

  handleOnce(channel: string, handler: AnyFunction): void {
    this.handle(channel, (...args: unknown[]) => {
      this.handlers.delete(channel);
      return handler(...args);
    });
  }

  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }

  /** Test helper: calls the handler of a channel as Electron would; rejects when there is none. */
  async invoke(channel: string, event: unknown = ipcEvent(), ...args: unknown[]): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    return handler(event, ...args);
  }

  resetFake(): void {
    this.removeAllListeners();
    this.handlers.clear();
  }
}

export const ipcMain = new FakeIpcMain();

class FakeIpcRenderer extends EventEmitter {
  invocations: Array<{ channel: string; args: unknown[] }> = [];
  sent: Array<{ channel: string; args: unknown[] }> = [];
  /** The event ipcMain handlers see for calls routed from here. */
  senderEvent: () => unknown = () => ipcEvent();

  /** Routed to the ipcMain handler of the channel, like a window talking to main. */
  invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    this.invocations.push({ channel, args });
    return ipcMain.invoke(channel, this.senderEvent(), ...args);
  }

  send(channel: string, ...args: unknown[]): void {
    this.sent.push({ channel, args });
  }

  /** Test helper: main pushes an event to the window. */
  emitFromMain(channel: string, ...args: unknown[]): void {
    this.emit(channel, fakeEvent(), ...args);
  }

  resetFake(): void {
    this.removeAllListeners();
    this.invocations = [];
    this.sent = [];
    this.senderEvent = () => ipcEvent();
  }
}

export const ipcRenderer = new FakeIpcRenderer();

export const contextBridge = {
  /** What the preload exposed, by key. */
  exposed: {} as Record<string, unknown>,
  exposeInMainWorld(key: string, api: unknown): void {
    if (key in contextBridge.exposed) throw new Error(`Cannot bind an API on top of an existing property on the window object: ${key}`);
    contextBridge.exposed[key] = api;
  },
};

// ---------------------------------------------------------------------------------------------
// protocol

type ProtocolHandler = (request: Request) => Response | Promise<Response>;

export const protocol = {
  privilegedSchemes: [] as Array<{ scheme: string; privileges?: Record<string, boolean> }>,
  handlers: new Map<string, ProtocolHandler>(),
  registerSchemesAsPrivileged(schemes: Array<{ scheme: string; privileges?: Record<string, boolean> }>): void {
    if (app.ready) throw new Error('protocol.registerSchemesAsPrivileged should be called before app is ready');
    protocol.privilegedSchemes.push(...schemes);
  },
  handle(scheme: string, handler: ProtocolHandler): void {
    if (protocol.handlers.has(scheme)) throw new Error(`Failed to register protocol: ${scheme}`);
    protocol.handlers.set(scheme, handler);
  },
  unhandle(scheme: string): void {
    protocol.handlers.delete(scheme);
  },
  isProtocolHandled(scheme: string): boolean {
    return protocol.handlers.has(scheme);
  },
  /** Test helper: fetch a URL through the registered handler of its scheme. */
  async fetch(url: string, init?: RequestInit): Promise<Response> {
    const scheme = url.slice(0, url.indexOf(':'));
    const handler = protocol.handlers.get(scheme);
    if (!handler) throw new Error(`No handler for ${scheme}:`);
    return handler(new Request(url, init));
  },
};

// ---------------------------------------------------------------------------------------------
// shell, clipboard, dialog

export const shell = {
  opened: [] as string[],
  openedPaths: [] as string[],
  shownInFolder: [] as string[],
  openExternal(url: string, _options?: unknown): Promise<void> {
    shell.opened.push(url);
    return Promise.resolve();
  },
  openPath(path: string): Promise<string> {
    shell.openedPaths.push(path);
    return Promise.resolve('');
  },
  showItemInFolder(path: string): void {
    shell.shownInFolder.push(path);
  },
  beep(): void {},
};

export const clipboard = {
  written: [] as string[],
  writeText(text: string): void {
    clipboard.written.push(text);
  },
  readText(): string {
    return clipboard.written.at(-1) ?? '';
  },
  clear(): void {
    clipboard.written.push('');
  },
};

export const dialog = {
  /** What the next showOpenDialog answers; canceled by default. */
  openDialogResult: { canceled: true, filePaths: [] as string[] },
  /** What the next showSaveDialog answers; canceled by default. */
  saveDialogResult: { canceled: true, filePath: '' } as { canceled: boolean; filePath: string },
  saveDialogs: [] as unknown[],
  /** What the next showMessageBox answers. */
  messageBoxResult: { response: 0, checkboxChecked: false },
  openDialogs: [] as unknown[],
  messageBoxes: [] as unknown[],
  errorBoxes: [] as Array<{ title: string; content: string }>,
  showOpenDialog(...args: unknown[]): Promise<{ canceled: boolean; filePaths: string[] }> {
    dialog.openDialogs.push(args.at(-1));
    return Promise.resolve(dialog.openDialogResult);
  },
  showSaveDialog(...args: unknown[]): Promise<{ canceled: boolean; filePath: string }> {
    dialog.saveDialogs.push(args.at(-1));
    return Promise.resolve(dialog.saveDialogResult);
  },
  showMessageBox(...args: unknown[]): Promise<{ response: number; checkboxChecked: boolean }> {
    dialog.messageBoxes.push(args.at(-1));
    return Promise.resolve(dialog.messageBoxResult);
  },
  showErrorBox(title: string, content: string): void {
    dialog.errorBoxes.push({ title, content });
  },
};

// ---------------------------------------------------------------------------------------------
// globalShortcut

export const globalShortcut = {
  /** Accelerators registered, with what they call. */
  registered: new Map<string, () => void>(),
  /** Accelerators another app holds: registering one answers false, as Electron does. */
  taken: new Set<string>(),
  register(accelerator: string, callback: () => void): boolean {
    if (globalShortcut.taken.has(accelerator) || globalShortcut.registered.has(accelerator)) return false;
    globalShortcut.registered.set(accelerator, callback);
    return true;
  },
  unregister(accelerator: string): void {
    globalShortcut.registered.delete(accelerator);
  },
  unregisterAll(): void {
    globalShortcut.registered.clear();
  },
  isRegistered(accelerator: string): boolean {
    return globalShortcut.registered.has(accelerator);
  },
  /** Test helper: the person pressed the keys. */
  press(accelerator: string): boolean {
    const callback = globalShortcut.registered.get(accelerator);
    callback?.();
    return callback !== undefined;
  },
};

// ---------------------------------------------------------------------------------------------
// powerMonitor and screen

class FakePowerMonitor extends EventEmitter {
  idleSeconds = 0;
  onBattery = false;

  getSystemIdleTime(): number {
    return this.idleSeconds;
  }

  getSystemIdleState(_threshold: number): 'active' | 'idle' | 'locked' | 'unknown' {
    return 'active';
  }

  isOnBatteryPower(): boolean {
    return this.onBattery;
  }

  resetFake(): void {
    this.removeAllListeners();
    this.idleSeconds = 0;
    this.onBattery = false;
  }
}

export const powerMonitor = new FakePowerMonitor();

const primaryDisplay = {
  id: 1,
  scaleFactor: 1,
  bounds: { x: 0, y: 0, width: 1920, height: 1080 },
  workArea: { x: 0, y: 0, width: 1920, height: 1050 },
  size: { width: 1920, height: 1080 },
  workAreaSize: { width: 1920, height: 1050 },
};

class FakeScreen extends EventEmitter {
  getPrimaryDisplay() {
    return primaryDisplay;
  }

  getAllDisplays() {
    return [primaryDisplay];
  }

  getDisplayNearestPoint(_point: { x: number; y: number }) {
    return primaryDisplay;
  }

  getDisplayMatching(_rect: unknown) {
    return primaryDisplay;
  }

  getCursorScreenPoint() {
    return { x: 0, y: 0 };
  }
}

export const screen = new FakeScreen();

// ---------------------------------------------------------------------------------------------
// Reset

resetters.push(
  () => defaultSession.resetFake(),
  () => {
    BrowserWindow.instances = [];
    BrowserWindow.autoLoad = true;
    WebContents.all = [];
  },
  () => {
    Menu.built = [];
    Menu.applicationMenu = null;
  },
  () => nativeTheme.resetFake(),
  () => {
    Tray.instances = [];
  },
  () => {
    Notification.instances = [];
    Notification.supported = true;
  },
  () => ipcMain.resetFake(),
  () => ipcRenderer.resetFake(),
  () => {
    contextBridge.exposed = {};
  },
  () => {
    protocol.privilegedSchemes = [];
    protocol.handlers.clear();
  },
  () => {
    shell.opened = [];
    shell.openedPaths = [];
    shell.shownInFolder = [];
  },
  () => {
    clipboard.written = [];
  },
  () => {
    dialog.openDialogResult = { canceled: true, filePaths: [] };
    dialog.saveDialogResult = { canceled: true, filePath: '' };
    dialog.saveDialogs = [];
    dialog.messageBoxResult = { response: 0, checkboxChecked: false };
    dialog.openDialogs = [];
    dialog.messageBoxes = [];
    dialog.errorBoxes = [];
  },
  () => powerMonitor.resetFake(),
  () => {
    globalShortcut.registered.clear();
    globalShortcut.taken.clear();
  },
  () => screen.removeAllListeners(),
);

/**
 * Forgets everything recorded and every listener, so each test starts from a fresh Electron.
 * `ready: false` starts before the 'ready' event (for code that must run before it); emit it with
 * `app.emitReady()`.
 */
export function resetElectronMock(options: { ready?: boolean } = {}): void {
  app.resetFake(options.ready ?? true);
  for (const reset of resetters) reset();
}

const electron = {
  app,
  BrowserWindow,
  clipboard,
  contextBridge,
  dialog,
  globalShortcut,
  ipcMain,
  ipcRenderer,
  Menu,
  MenuItem,
  nativeImage,
  nativeTheme,
  Notification,
  powerMonitor,
  protocol,
  screen,
  session,
  shell,
  Tray,
  webContents,
};

export default electron;
