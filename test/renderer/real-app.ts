// The real app in a sandbox, for the UI tests that drive it (ui-real.test.ts, ui-real-trackers.test.ts;
// docs/decisions.md, "Testing without the Electron binary"): a temporary HOME with its XDG folders, a
// private D-Bus session with an unlocked throwaway keyring, the app's services behind the loopback bridge
// (real-app.script.ts), and the built window opened on it in headless Chromium.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import type { Browser, Page } from 'playwright-core';
import { expect } from 'vitest';
import type { Screen } from '../../window-contract/channels.ts';
import { SERVER_BUNDLE } from '../support/engine.ts';
import { expectNoDaemonLeft, keyringSandboxEnv, requireKeyringTools, WITH_UNLOCKED_KEYRING } from '../support/keyring.ts';
import { launchChromium, rendererDist, screenReady, serveRenderer, windowPool, type OpenWindow, type RendererServer, type WindowPool } from './harness.ts';
import { testPace } from '../support/test-pace.ts';
import { PATIENCE_MS } from '../support/patience.ts';

const SCRIPT = resolve(import.meta.dirname, 'real-app.script.ts');
export const SCREENSHOTS = resolve(import.meta.dirname, '../../test-output/screenshots');
const START_TIMEOUT_MS = 20_000;
/** How long a screen may take to show its data (the tests' own patience per action). */
const SCREEN_READY_MS = 15_000;
const STOP_TIMEOUT_MS = 10_000;

/**
 * A whole-hour zone in which it is about noon now, for the child, its engines and the page: a
 * clock-in and clock-out a few seconds apart always fall on the same "today", whenever the test runs.
 */
export function zoneAtNoon(): string {
  const offset = 12 - new Date().getUTCHours(); // -11 … +12, all of which exist as Etc/GMT zones
  // The Etc zones' signs are inverted: Etc/GMT-5 is UTC+5.
  return offset === 0 ? 'Etc/GMT' : `Etc/GMT${offset > 0 ? '-' : '+'}${Math.abs(offset)}`;
}

/** One zone for the whole file, so a fake back end's account can live in the zone the app does. */
export const TEST_ZONE = zoneAtNoon();

export function requireBuilds(): string {
  const dist = rendererDist();
  if (!existsSync(SERVER_BUNDLE)) {
    throw new Error(
      `No engine bundle at ${SERVER_BUNDLE}. Build it first: \`npx vite build\`, or \`PUNCHCARD_OUT=dist-real npx vite build\` and ` +
        'PUNCHCARD_TEST_BUNDLE=$PWD/dist-real/mcp-server/punchcard-mcp.mjs.',
    );
  }
  return dist;
}

// ---------------------------------------------------------------------------------------------
// The real app in a sandbox: temporary HOME with its XDG folders, a private D-Bus session with an
// unlocked throwaway keyring, and the app's services behind the bridge.

export interface RealApp {
  root: string;
  home: string;
  userData: string;
  configFile: string;
  recordFile: string;
  /** The file an export writes (the save dialog's choice). */
  exportFile: string;
  zone: string;
  /** The bridge (from the child's first stdout line). */
  url: string;
  token: string;
  stdout(): string;
  stderr(): string;
  /** The JSON lines the child recorded for clipboard writes, opened links and login items. */
  records(): Array<Record<string, unknown>>;
  /** Sends the script a command line (an idle event for the idle tracker). */
  send(command: object): void;
  /** Closes stdin (the script stops), waits for the session to end, checks no keyring daemon is left. Idempotent. */
  stop(): Promise<void>;
  /** Deletes the sandbox (after `stop`). */
  remove(): void;
}

export interface SandboxSetup {
  /** Runs before the child starts, with the folders in place (seed files, the timesheet, …). */
  prepare?: (paths: { home: string; userData: string; zone: string }) => void | Promise<void>;
  /** Added to the child's environment (the test-only policy file). */
  env?: Record<string, string>;
}

export async function startRealApp(setup: SandboxSetup = {}): Promise<RealApp> {
  requireKeyringTools();
  const root = mkdtempSync(join(tmpdir(), 'punchcard-ui-real-'));
  const home = join(root, 'home');
  const runtime = join(root, 'run');
  // The user-data folder sits in HOME where the app keeps it, so the secret search covers it too.
  const userData = join(home, '.config', 'Punchcard');
  const recordFile = join(root, 'record.jsonl');
  mkdirSync(userData, { recursive: true });
  mkdirSync(runtime, { mode: 0o700 });
  writeFileSync(recordFile, '');
  const zone = TEST_ZONE;
  await setup.prepare?.({ home, userData, zone });

  const env: NodeJS.ProcessEnv = {
    ...keyringSandboxEnv(home, runtime),
    TZ: zone,
    KEYRING_PASSWORD: 'punchcard-ui-test-keyring',
    PUNCHCARD_USER_DATA: userData,
    PUNCHCARD_SERVER_SCRIPT: SERVER_BUNDLE,
    PUNCHCARD_RECORD: recordFile,
    // Where the export's save dialog "chooses" to save.
    PUNCHCARD_SAVE_AS: join(root, 'export.csv'),
    ...testPace(),
    ...setup.env,
  };
  // Its own process group, so a hung session can be stopped with everything it started.
  const child = spawn('dbus-run-session', ['--', 'sh', '-c', WITH_UNLOCKED_KEYRING, 'sh', process.execPath, SCRIPT], {
    env,
    detached: true,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) => child.once('close', (code, signal) => done({ code, signal })));

  const stopChild = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      child.stdin.end();
      const timer = setTimeout(() => killGroup(child), STOP_TIMEOUT_MS);
      await exited;
      clearTimeout(timer);
    }
  };

  let first: { url: string; token: string };
  try {
    first = await firstLine(child, exited, () => `--- stderr\n${stderr}`);
  } catch (error) {
    killGroup(child);
    await exited;
    rmSync(root, { recursive: true, force: true });
    throw error;
  }

  return {
    root,
    home,
    userData,
    configFile: join(userData, 'config.json'),
    recordFile,
    exportFile: join(root, 'export.csv'),
    zone,
    url: first.url,
    token: first.token,
    stdout: () => stdout,
    stderr: () => stderr,
    records: () =>
      readFileSync(recordFile, 'utf8')
        .split('\n')
        .filter((line) => line.trim() !== '')
        .map((line) => JSON.parse(line) as Record<string, unknown>),
    send: (command) => void child.stdin.write(`${JSON.stringify(command)}\n`),
    async stop() {
      await stopChild();
      await expectNoDaemonLeft(home);
    },
    remove: () => rmSync(root, { recursive: true, force: true }),
  };
}

function killGroup(child: ChildProcess): void {
  try {
    if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}

/** The child's first stdout line: `{url, token, pid}`; an early exit or a long silence is an error with its stderr. */
function firstLine(
  child: ChildProcess & { stdout: NodeJS.ReadableStream },
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>,
  diagnostics: () => string,
): Promise<{ url: string; token: string }> {
  return new Promise((resolveLine, reject) => {
    const lines = createInterface({ input: child.stdout });
    const timer = setTimeout(() => {
      lines.close();
      reject(new Error(`The real app did not say its address within ${START_TIMEOUT_MS / 1000} s.\n${diagnostics()}`));
    }, START_TIMEOUT_MS);
    lines.once('line', (line) => {
      clearTimeout(timer);
      lines.close();
      try {
        const parsed = JSON.parse(line) as { url?: unknown; token?: unknown };
        if (typeof parsed.url !== 'string' || typeof parsed.token !== 'string') throw new Error('no url or token');
        resolveLine({ url: parsed.url, token: parsed.token });
      } catch (error) {
        reject(new Error(`The real app's first line is not its address (${String(error)}): ${line}\n${diagnostics()}`));
      }
    });
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`The real app exited before saying its address (${code ?? signal}).\n${diagnostics()}`));
    });
  });
}

/** The dispatcher's log of unexpected failures (a bug, not a sentence for the person). */
export function dispatcherFailures(stderr: string): string[] {
  return stderr.split('\n').filter((line) => /^Request \w+ failed:/.test(line));
}

/** Every regular file under `folder`, skipping the given folders (and sockets, FIFOs, links). */
export function filesUnder(folder: string, skip: readonly string[]): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (skip.includes(path)) continue;
    if (entry.isDirectory()) found.push(...filesUnder(path, skip));
    else if (lstatSync(path).isFile()) found.push(path);
  }
  return found;
}

export function readJson(path: string): Record<string, unknown> {
  return JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
}

export function readConfig(app: RealApp): Record<string, unknown> | null {
  return existsSync(app.configFile) ? readJson(app.configFile) : null;
}

/**
 * Stops the app (so its output and files are complete), then looks for each secret in every file in
 * the sandbox's HOME but the keyring's own folder, in the child's output and in the record file.
 */
export async function expectOnlyInKeyring(app: RealApp, secrets: readonly string[]): Promise<void> {
  await app.stop();
  const keyrings = join(app.home, '.local', 'share', 'keyrings');
  // The keyring was really used, in the sandbox.
  expect(readdirSync(keyrings)).toContain('login.keyring');
  const files = filesUnder(app.home, [keyrings]);
  // What must be among them: the settings, at least.
  expect(files).toContain(app.configFile);
  const places: Array<[string, string]> = [
    ...files.map((file): [string, string] => [`~/${relative(app.home, file)}`, readFileSync(file).toString('latin1')]),
    ['the child’s stdout', app.stdout()],
    ['the child’s stderr', app.stderr()],
    ['the record file', readFileSync(app.recordFile, 'utf8')],
  ];
  for (const secret of secrets) {
    expect(
      places.filter(([, content]) => content.includes(secret)).map(([where]) => where),
      `places holding ${secret.slice(0, 20)}…`,
    ).toEqual([]);
  }
}

// ---------------------------------------------------------------------------------------------
// Windows: opened in the describe's kept pages (harness.ts, windowPool), checked when the test ends.

export interface Session {
  app: RealApp;
  browser: Browser;
  server: RendererServer;
  windows: WindowPool;
  /** The current test's windows. */
  opened: OpenWindow[];
  /** Where the child's stderr stood when the current test began. */
  stderrMark: number;
}

export async function openSession(app: RealApp): Promise<Session> {
  const dist = requireBuilds();
  mkdirSync(SCREENSHOTS, { recursive: true });
  const server = await serveRenderer(dist, { bridge: app.url });
  try {
    const browser = await launchChromium();
    return { app, browser, server, windows: windowPool(browser, { token: app.token }), opened: [], stderrMark: 0 };
  } catch (error) {
    await server.close();
    throw error;
  }
}

/** A window at `hash` in the child's zone, once its screen shows its data. */
export async function open(session: Session, hash: Screen): Promise<Page> {
  // The real engine answers in its own time: a generous wait per action, never a timing assertion.
  const window = await session.windows.open({ url: session.server.url, hash, timezoneId: session.app.zone, actionTimeoutMs: PATIENCE_MS });
  session.opened.push(window);
  await screenReady(window.page, hash, SCREEN_READY_MS);
  return window.page;
}

/** Closes the test's windows and asserts nothing went wrong in them or behind the bridge. */
export async function endTest(session: Session | undefined): Promise<void> {
  if (!session) return;
  const windows = session.opened.splice(0);
  for (const window of windows) await window.close();
  for (const window of windows) {
    expect(window.problems.all, 'console errors, page errors').toEqual([]);
    expect(window.problems.csp, 'CSP violations').toEqual([]);
    expect(window.problems.refused, 'requests the contract refused').toEqual([]);
  }
  const stderr = session.app.stderr();
  expect(dispatcherFailures(stderr.slice(session.stderrMark)), 'unexpected failures behind the bridge').toEqual([]);
  session.stderrMark = stderr.length;
}

export async function closeSession(session: Session | undefined, app: RealApp | undefined): Promise<void> {
  try {
    await session?.server.close();
    await session?.browser.close();
  } finally {
    try {
      await app?.stop();
    } finally {
      app?.remove();
    }
  }
}
