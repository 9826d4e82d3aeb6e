// Renderer tests without Electron (docs/decisions.md, "Testing without the Electron binary";
// docs/electron.md, "Testing without the binary"): the built window served over HTTP on 127.0.0.1
// with the production CSP, Debian's Chromium through playwright-core, and a `window.punchcard`
// defined before the app's scripts run that forwards to a bridge server (bridge-server.ts). The
// page reaches the bridge through the same origin it was served from (the static server proxies
// /ipc/ and /events), so the strict CSP stays exactly as in the app.
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve, sep } from 'node:path';
import { chromium, type Browser, type BrowserContext, type ConsoleMessage, type Locator, type Page, type Response as PageResponse } from 'playwright-core';
import type { Screen } from '../../window-contract/channels.ts';
import { CONTENT_SECURITY_POLICY, contentTypeOf } from '../../main/windows/app-files.ts';
import { CHANNELS, EVENTS, TOKEN_HEADER } from './bridge-server.ts';
import { PATIENCE_MS } from '../support/patience.ts';

const REPO = resolve(import.meta.dirname, '../..');

/** The app's own policy (main/windows/app-files.ts), sent as a header like the app:// handler does. */
export const RENDERER_CSP = CONTENT_SECURITY_POLICY;

/** Where a test window opens: the size of the settings window. */
export const WINDOW_SIZE = { width: 900, height: 640 };

/** The name of the mark the app sets when its first screen shows data (renderer/src/hooks.ts). */
export const FIRST_DATA_MARK = 'punchcard:first-data';

/**
 * The built renderer folder: $PUNCHCARD_UI_DIST, else dist/renderer. Throws (never skips) when it
 * is not there, saying how to build it.
 */
export function rendererDist(): string {
  const folder = resolve(REPO, process.env.PUNCHCARD_UI_DIST ?? 'dist/renderer');
  if (!existsSync(resolve(folder, 'index.html'))) {
    throw new Error(
      `No built renderer at ${folder} (index.html is missing). Build it first: \`npx vite build\`, or ` +
        '`PUNCHCARD_OUT=dist-ui npx vite build` and PUNCHCARD_UI_DIST=$PWD/dist-ui/renderer.',
    );
  }
  return folder;
}

/**
 * Debian's Chromium headless shell (package chromium-headless-shell), or $CHROMIUM_PATH. The shell is
 * the same Blink without the browser around it: the UI project's CPU fell by about a quarter against
 * the full browser in headless mode (a page's load and first draw 0.74 core-seconds instead of 1.22),
 * and the suite is CPU-bound on CI's two cores. Throws (never skips) when it is missing.
 */
export function chromiumPath(): string {
  const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium-headless-shell';
  if (!existsSync(path)) {
    throw new Error(
      `Chromium is not installed at ${path}. Install Debian's \`chromium-headless-shell\` package (scripts/setup.sh does), or set CHROMIUM_PATH to a Chromium binary.`,
    );
  }
  return path;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), headless: true, args: ['--no-sandbox'] });
}

export interface RendererServer {
  /** http://127.0.0.1:<port>/ — index.html of the built window. */
  url: string;
  origin: string;
  /** Paths requested so far (without the proxied bridge calls). */
  requests: string[];
  close(): Promise<void>;
}

export interface ServeOptions {
  /** A bridge server's URL: /ipc/* and /events are proxied to it (same origin for the page). */
  bridge?: string;
  /** The policy header; defaults to RENDERER_CSP. */
  csp?: string;
}

/** Resolves a URL path inside `root`; null for anything that would leave it. */
export function resolveInside(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  if (decoded.split('/').some((segment) => segment === '..')) return null;
  const relative = decoded.replace(/^\/+/, '') || 'index.html';
  const path = resolve(root, relative);
  return path === root || path.startsWith(root + sep) ? path : null;
}

/** A tiny static server for the built renderer, loopback only, with the CSP header. */
export async function serveRenderer(root: string, options: ServeOptions = {}): Promise<RendererServer> {
  const folder = resolve(root);
  const csp = options.csp ?? RENDERER_CSP;
  const requests: string[] = [];
  const bridge = options.bridge ? new URL(options.bridge) : null;

  const refuse = (response: ServerResponse, status: number, text: string) => {
    response.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff' });
    response.end(text);
  };

  const proxy = (request: IncomingMessage, response: ServerResponse, target: URL) => {
    const upstream = httpRequest(
      { host: target.hostname, port: target.port, method: request.method, path: request.url, headers: { ...request.headers, host: target.host } },
      (answer) => {
        response.writeHead(answer.statusCode ?? 502, answer.headers);
        response.flushHeaders();
        answer.pipe(response);
      },
    );
    upstream.on('error', (error) => {
      if (!response.headersSent) refuse(response, 502, `The bridge did not answer: ${error.message}`);
      else response.destroy();
    });
    response.on('close', () => upstream.destroy());
    request.pipe(upstream);
  };

  const server = createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0] ?? '/';
    if (bridge && (path.startsWith('/ipc/') || path === '/events')) return proxy(request, response, bridge);
    if (request.method !== 'GET' && request.method !== 'HEAD') return refuse(response, 405, 'Method not allowed');
    requests.push(path);
    const file = resolveInside(folder, path);
    if (!file) return refuse(response, 403, 'Forbidden');
    if (!existsSync(file) || !statSync(file).isFile()) return refuse(response, 404, 'Not found');
    const body = readFileSync(file);
    response.writeHead(200, {
      'content-type': contentTypeOf(file),
      'content-length': body.length,
      'content-security-policy': csp,
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-store',
    });
    response.end(request.method === 'HEAD' ? undefined : body);
  });
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => done());
  });
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: `${origin}/`,
    origin,
    requests,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
    },
  };
}

export interface PageBridgeConfig {
  /** Origin of the bridge endpoints; empty means the page's own (the static server's proxy). */
  base: string;
  token: string;
  tokenHeader: string;
  channels: readonly string[];
  events: readonly string[];
}

/**
 * Runs in the page before its scripts: defines `window.punchcard` as the preload would, one
 * function per channel resolving with its envelope, plus `on(event, listener)`. Self-contained: Playwright sends its source.
 */
export function installPageBridge(config: PageBridgeConfig): void {
  if (location.protocol !== 'http:' && location.protocol !== 'https:') return;
  const base = config.base || location.origin;
  const call = async (name: string, request: unknown): Promise<unknown> => {
    let response: Response;
    try {
      response = await fetch(`${base}/ipc/${name}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [config.tokenHeader]: config.token },
        body: JSON.stringify(request === undefined ? {} : { request }),
      });
    } catch (error) {
      throw new Error(`The test bridge did not answer (${String(error)}).`, { cause: error });
    }
    // An envelope, as the preload resolves with (main/ipc/bridge.ts): the window unwraps it.
    const body = (await response.json().catch(() => ({}))) as { result?: unknown; error?: string; refusal?: unknown };
    if (response.ok) return { ok: true, value: body.result };
    const message = body.error ?? `The test bridge answered HTTP ${response.status}.`;
    return body.refusal === undefined ? { ok: false, message } : { ok: false, message, refusal: body.refusal };
  };
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const source = new EventSource(`${base}/events?token=${encodeURIComponent(config.token)}`);
  for (const event of config.events) {
    source.addEventListener(event, (message) => {
      const payload: unknown = JSON.parse((message as MessageEvent<string>).data);
      for (const listener of listeners.get(event) ?? []) listener(payload);
    });
  }
  const api: Record<string, unknown> = {};
  for (const name of config.channels) api[name] = (request?: unknown) => call(name, request);
  api.on = (event: string, listener: (payload: unknown) => void) => {
    const set = listeners.get(event) ?? new Set();
    listeners.set(event, set);
    set.add(listener);
    return () => set.delete(listener);
  };
  Object.defineProperty(window, 'punchcard', { value: Object.freeze(api), enumerable: true });
}

/** Defines `window.punchcard` in every page of `target`, talking to the bridge with `token`. */
export async function injectBridge(target: Page | BrowserContext, bridge: { token: string; base?: string }): Promise<void> {
  const config: PageBridgeConfig = { base: bridge.base ?? '', token: bridge.token, tokenHeader: TOKEN_HEADER, channels: CHANNELS, events: EVENTS };
  await target.addInitScript(installPageBridge, config);
}

export interface PageProblems {
  /** Console errors, uncaught exceptions and CSP violations, in order. */
  all: string[];
  /**
   * Requests Chromium dropped because the machine's network changed under it (net::ERR_NETWORK_CHANGED), and what
   * failed with them: podman making its networks for the deployment suite, which runs beside these tests, is such a
   * change. The machine's doing, never the window's (the app loads from its own files): kept apart from `all`, and
   * screenReady opens the window again once after one.
   */
  networkChanged: string[];
  csp: string[];
  /** Bridge calls main's contract refused (HTTP 400): the window must never send one. */
  refused: string[];
}

/** Collects what should never happen in a page: console errors, page errors, CSP violations, refused bridge calls. */
export function watchProblems(page: Page): PageProblems {
  return watchProblemsUntil(page).problems;
}

/**
 * page.goto, again when Chromium gave the navigation up because the machine's network changed under it
 * (podman making and removing its networks for the deployment suite beside these tests: the address is
 * loopback, but Chromium abandons every navigation in flight on any interface's change). Any other
 * failure, and a change on every try, still fails.
 */
export async function gotoThroughNetworkChanges(page: Pick<Page, 'goto'>, url: string, tries = 3): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      await page.goto(url);
      return;
    } catch (error) {
      if (attempt >= tries || !/net::ERR_NETWORK_CHANGED/.test(String(error))) throw error;
    }
  }
}

/** watchProblems, with a way to stop: a kept page (WindowPool) watches each window's document apart. */
function watchProblemsUntil(page: Page): { problems: PageProblems; stop(): void } {
  const problems: PageProblems = { all: [], networkChanged: [], csp: [], refused: [] };
  PROBLEMS.set(page, problems);
  const onConsole = (message: ConsoleMessage) => {
    if (message.type() !== 'error' && message.type() !== 'warning') return;
    const text = message.text();
    // The request dropped, and the module whose fetch it was (Chromium logs the first, then the import's failure).
    if (/net::ERR_NETWORK_CHANGED/.test(text) || (problems.networkChanged.length > 0 && /^TypeError: Failed to fetch dynamically imported module/.test(text))) {
      problems.networkChanged.push(text);
      return;
    }
    // A bridge call that fails on purpose answers 400/500, and Chromium logs every such response.
    if (/^Failed to load resource/.test(text) && message.location().url.includes('/ipc/')) return;
    if (/Content Security Policy/i.test(text)) problems.csp.push(text);
    if (message.type() === 'error') problems.all.push(`console: ${text}`);
  };
  const onPageError = (error: Error) => problems.all.push(`page error: ${error.message}`);
  const onResponse = (response: PageResponse) => {
    if (response.status() === 400 && new URL(response.url()).pathname.startsWith('/ipc/')) problems.refused.push(response.url());
  };
  page.on('console', onConsole);
  page.on('pageerror', onPageError);
  page.on('response', onResponse);
  return {
    problems,
    stop: () => {
      page.off('console', onConsole);
      page.off('pageerror', onPageError);
      page.off('response', onResponse);
    },
  };
}

export interface OpenOptions {
  /** The static server's URL (serveRenderer). */
  url: string;
  token: string;
  hash?: string;
  colorScheme?: 'light' | 'dark';
  /** Fixes the page's Date.now (timers keep running), e.g. to the fake's clock. */
  fixedTime?: number;
  timezoneId?: string;
  reducedMotion?: 'reduce' | 'no-preference';
  /** Playwright's wait for each action (default 5 s). */
  actionTimeoutMs?: number;
  /** The window's size (default WINDOW_SIZE, the settings window's own). */
  viewport?: { width: number; height: number };
  /** The system's language and formats (default en-US). */
  locale?: string;
}

export interface OpenWindow {
  context: BrowserContext;
  page: Page;
  problems: PageProblems;
  close(): Promise<void>;
}

/** A fresh context (cold cache) the size of the settings window, with the bridge, opened at `hash`. */
export async function openWindow(browser: Browser, options: OpenOptions): Promise<OpenWindow> {
  const context = await browser.newContext({
    viewport: options.viewport ?? WINDOW_SIZE,
    colorScheme: options.colorScheme ?? 'light',
    locale: options.locale ?? 'en-US',
    timezoneId: options.timezoneId ?? 'Europe/Berlin',
    reducedMotion: options.reducedMotion ?? 'reduce',
  });
  // Fail fast and say where: a missing element is a failure, not a 30-second wait.
  context.setDefaultTimeout(options.actionTimeoutMs ?? PATIENCE_MS);
  await injectBridge(context, { token: options.token });
  const page = await context.newPage();
  const problems = watchProblems(page);
  if (options.fixedTime !== undefined) await page.clock.setFixedTime(options.fixedTime);
  await gotoThroughNetworkChanges(page, `${options.url}${options.hash ? `#${options.hash}` : ''}`);
  return { context, page, problems, close: () => context.close() };
}

/**
 * Windows opened in pages kept for the next, rather than each in a page of its own: Chromium starts a
 * renderer process for every new page, and the app's script and axe-core are then compiled cold in
 * it. Measured over twelve of the screenshots' states on this two-core machine, a window and its axe
 * runs cost 5.6 CPU-seconds in a fresh page and 1.8 in a kept one.
 *
 * Each window is still a document of its own: it is served from its own static server (another port,
 * so another origin: no storage or cache entry of an earlier window's is its; the app keeps none
 * anyway), its size, theme, motion and clock are set afresh, and a closed window is unloaded
 * (about:blank, which also ends its event stream) before its page is given out again. Pages are kept
 * per language and zone, which a page cannot change, and apart for windows on a fixed clock and on the
 * real one, since a clock Playwright installed in a page stays. Windows open at once get pages (and
 * contexts) of their own. Over all 67 screenshot states, no window showed an element hovered that its own state did
 * not touch.
 */
export interface WindowPool {
  /** The bridge token every window of the pool sends: its bridge server is started with it. */
  readonly token: string;
  open(options: Omit<OpenOptions, 'token'>): Promise<OpenWindow>;
  close(): Promise<void>;
}

export function windowPool(browser: Browser, options: { token?: string } = {}): WindowPool {
  const token = options.token ?? randomBytes(32).toString('hex');
  type Kept = { context: BrowserContext; page: Page };
  const all: Kept[] = [];
  const free = new Map<string, Kept[]>();
  // Each page in a context of its own, as a fresh window has: two pages of one context take turns
  // at being the focused one, and a window opened beside another then lost its focus to it.
  const keep = async (locale: string, timezoneId: string): Promise<Kept> => {
    const context = await browser.newContext({ viewport: WINDOW_SIZE, locale, timezoneId });
    await injectBridge(context, { token });
    const kept = { context, page: await context.newPage() };
    all.push(kept);
    return kept;
  };
  return {
    token,
    async open(options) {
      const locale = options.locale ?? 'en-US';
      const timezoneId = options.timezoneId ?? 'Europe/Berlin';
      const key = `${locale} ${timezoneId} ${options.fixedTime === undefined ? 'real clock' : 'fixed clock'}`;
      const kept = free.get(key)?.pop() ?? (await keep(locale, timezoneId));
      const { context, page } = kept;
      page.setDefaultTimeout(options.actionTimeoutMs ?? PATIENCE_MS);
      await page.setViewportSize(options.viewport ?? WINDOW_SIZE);
      await page.emulateMedia({ colorScheme: options.colorScheme ?? 'light', reducedMotion: options.reducedMotion ?? 'reduce' });
      if (options.fixedTime !== undefined) await page.clock.setFixedTime(options.fixedTime);
      const watch = watchProblemsUntil(page);
      await gotoThroughNetworkChanges(page, `${options.url}${options.hash ? `#${options.hash}` : ''}`);
      let closed = false;
      return {
        context,
        page,
        problems: watch.problems,
        close: async () => {
          if (closed) return;
          closed = true;
          watch.stop();
          await page.goto('about:blank');
          free.set(key, [...(free.get(key) ?? []), kept]);
        },
      };
    },
    async close() {
      await Promise.all(all.splice(0).map((kept) => kept.context.close()));
      free.clear();
    },
  };
}

/** Waits for the app's first-data mark and returns its time since navigation start (ms). */
export async function firstDataTime(page: Page, timeoutMs = PATIENCE_MS): Promise<number> {
  await page.waitForFunction((name) => performance.getEntriesByName(name).length > 0, FIRST_DATA_MARK, { timeout: timeoutMs });
  return page.evaluate((name) => performance.getEntriesByName(name)[0]?.startTime ?? Number.NaN, FIRST_DATA_MARK);
}

/** Resolves once the page has drawn what was just changed (two frames: the layout, then the paint). */
export async function drawn(page: Page): Promise<void> {
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
}

/** The system's theme switched under an open window, as a person's system switches it; throws where the page did not follow. */
export async function switchTheme(page: Page, colorScheme: 'light' | 'dark'): Promise<void> {
  await page.emulateMedia({ colorScheme });
  await drawn(page);
  if ((await page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches)) !== (colorScheme === 'dark'))
    throw new Error(`The window did not turn ${colorScheme}`);
}

/** A screen of the window (each is a `section.screen-<name>`). */
export function screenOf(page: Page, name: Screen): Locator {
  return page.locator(`section.screen-${name}`);
}

/** What shows that a screen has its data (works with a fixed clock, which stubs performance marks). */
const LOADED: Record<Screen, string> = {
  status: '.timer:not([aria-busy])',
  timesheet: '.week-summary',
  reports: '.summary-cards',
  leave: '.requests, .message.note',
  calendar: '.month-grid, .message.note',
  team: '.team-hours, .pending-leave, .message.note',
  approvals: '.approvals-waiting, .message.note',
  admin: '.admin-section table, .admin-section .tag-list, .message.note',
  tools: '.group',
  connect: '.client',
  // One connection: today's form; several: their list.
  account: '.account-form, .connections',
  preferences: '.preferences-form',
};

/** The problems each watched page collects, for screenReady to tell a network change from the window's own failure. */
const PROBLEMS = new WeakMap<Page, PageProblems>();

/**
 * Waits until a screen shows its data. Where Chromium dropped one of the window's requests because the
 * machine's network changed meanwhile (PageProblems.networkChanged), the window is opened again, once, and
 * waited for afresh: that is the machine's doing, and a window that still does not show fails as ever.
 */
export async function screenReady(page: Page, name: Screen, timeoutMs: number): Promise<void> {
  const shown = () => screenOf(page, name).locator(LOADED[name]).first().waitFor({ state: 'visible', timeout: timeoutMs });
  try {
    await shown();
  } catch (error) {
    if ((PROBLEMS.get(page)?.networkChanged.length ?? 0) === 0) throw error;
    await page.reload();
    await shown();
  }
}

/** An AI client's card on the Connect screen, by its name. */
export function clientCard(page: Page, client: string): Locator {
  return screenOf(page, 'connect')
    .locator('li.client')
    .filter({ has: page.getByRole('heading', { name: client }) });
}

export interface LayoutProblems {
  /** Pieces of text drawn over each other ("Projectivity"), each pair as "first ⟷ second". */
  overlaps: string[];
  /** Elements whose text is cut off or must be scrolled sideways to be read. */
  cut: string[];
  /** The screen is wider than the window: the page scrolls sideways. */
  sideways: boolean;
}

/**
 * What a person would see is wrong with a screen's layout at the window's size: text over text, text
 * cut off (an ellipsis, a hidden overflow, a sideways scroll), a screen wider than its window. Text a
 * screen reader alone reads (.sr-only) is left out.
 */
export async function layoutProblems(page: Page, screen: Screen): Promise<LayoutProblems> {
  return screenOf(page, screen).evaluate((root) => {
    const hiddenFromSight = (element: Element | null): boolean => {
      for (let at = element; at; at = at.parentElement) {
        if (at.classList.contains('sr-only')) return true;
        const style = getComputedStyle(at);
        if (style.display === 'none' || style.visibility === 'hidden' || style.clipPath === 'inset(50%)') return true;
      }
      return false;
    };
    const boxes: Array<{ rect: DOMRect; text: string; owner: Element }> = [];
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent?.trim() ?? '';
      const owner = node.parentElement;
      if (!text || !owner || owner.closest('option, datalist, title, style, script') || hiddenFromSight(owner)) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      for (const rect of range.getClientRects()) if (rect.width > 0 && rect.height > 0) boxes.push({ rect, text, owner });
    }
    const overlaps: string[] = [];
    for (let i = 0; i < boxes.length; i++) {
      const a = boxes[i] as (typeof boxes)[number];
      for (let j = i + 1; j < boxes.length; j++) {
        const b = boxes[j] as (typeof boxes)[number];
        if (a.owner === b.owner && a.text === b.text) continue;
        const width = Math.min(a.rect.right, b.rect.right) - Math.max(a.rect.left, b.rect.left);
        const height = Math.min(a.rect.bottom, b.rect.bottom) - Math.max(a.rect.top, b.rect.top);
        // Lines of one paragraph touch; drawn over each other, they share more than a sliver.
        if (width > 2 && height > 3) overlaps.push(`${a.text.slice(0, 40)} ⟷ ${b.text.slice(0, 40)}`);
      }
    }
    const cut: string[] = [];
    for (const element of [root, ...root.querySelectorAll('*')]) {
      if (element.closest('svg, input, select, textarea') || hiddenFromSight(element)) continue;
      const style = getComputedStyle(element);
      const clips = style.overflowX !== 'visible' || style.textOverflow === 'ellipsis';
      if (clips && element.scrollWidth > element.clientWidth + 1 && (element.textContent?.trim() ?? '') !== '') {
        cut.push(`${element.tagName.toLowerCase()}.${[...element.classList].join('.')}: ${element.textContent?.trim().slice(0, 50)}`);
      }
    }
    const content = root.closest('.content');
    const sideways = content !== null && content.scrollWidth > content.clientWidth + 1;
    return { overlaps: [...new Set(overlaps)], cut, sideways };
  });
}
