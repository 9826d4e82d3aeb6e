// The one test that starts the real app (docs/decisions.md, "Testing without the Electron binary";
// docs/electron.md, "Testing without the binary"): Playwright's _electron launches the built
// dist/main/main.js with an Electron binary in a temporary HOME. The tray is read through the
// test-only hook main installs under PUNCHCARD_E2E=1 (main/tray/e2e-hook.ts); the window is used as a
// person uses it: clock in and out on the local timesheet, register with Cursor, and the entry that
// registration wrote starts the engine with the app's own executable in Node mode; the real
// electron-updater looks at a feed on 127.0.0.1 (PUNCHCARD_E2E_UPDATE_FEED, honoured only by an
// unpackaged app under PUNCHCARD_E2E=1) and the tray and the window say what it found. Then the app
// quits and must exit cleanly. The CI workflow runs it on Linux (under Xvfb), macOS and Windows runners
// with PUNCHCARD_SMOKE_REQUIRED=1 (.github/workflows/ci.yml); where no Electron binary exists (the
// development machines cannot download one) it is skipped, and the run says so and how to run it.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ElectronApplication, Page } from 'playwright-core';
import { E2E_ENV, E2E_GLOBAL, E2E_UPDATE_FEED, type E2EHook } from '../../main/tray/e2e-hook.ts';
import type { TrayModel } from '../../main/tray/tray-model.ts';

const ROOT = resolve(import.meta.dirname, '..', '..');
const MAIN = join(ROOT, 'dist', 'main', 'main.js');
const ELECTRON_VERSION = (JSON.parse(readFileSync(join(ROOT, 'node_modules', 'electron', 'package.json'), 'utf8')) as { version: string }).version;

function binaryIn(distDir: string): string {
  if (process.platform === 'darwin') return join(distDir, 'Electron.app', 'Contents', 'MacOS', 'Electron');
  return join(distDir, process.platform === 'win32' ? 'electron.exe' : 'electron');
}

/** The Electron binary to launch, or why there is none. */
function findElectron(): { binary: string } | { skip: string } {
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const candidates = [...(override ? [binaryIn(override)] : []), binaryIn(join(ROOT, 'node_modules', 'electron', 'dist'))];
  const binary = candidates.find((candidate) => existsSync(candidate));
  if (!binary) {
    return {
      skip:
        `no Electron binary (looked in ${candidates.join(', ')}). To run it: point ELECTRON_OVERRIDE_DIST_PATH at an unpacked ` +
        `Electron ${ELECTRON_VERSION}, or run \`npx install-electron\` where downloads work; then \`npx vite build\` and ` +
        '`npx vitest run test/main/electron-smoke.test.ts`.',
    };
  }
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return { skip: 'no display (DISPLAY and WAYLAND_DISPLAY are unset); run it under `xvfb-run -a`.' };
  }
  return { binary };
}

const electron = findElectron();
// Where a binary must exist (the CI workflow downloads one), a missing one is a failure, not a skip.
const REQUIRED = process.env.PUNCHCARD_SMOKE_REQUIRED === '1';
const skipped = 'skip' in electron && !REQUIRED ? `Electron smoke test skipped: ${electron.skip}` : null;
if (skipped) console.warn(skipped);

async function until<T>(read: () => Promise<T | null | undefined | false>, what: string, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

function trayOf(app: ElectronApplication): Promise<TrayModel | null> {
  return app.evaluate((_electron, name) => (globalThis as unknown as Record<string, E2EHook | undefined>)[name]?.tray() ?? null, E2E_GLOBAL);
}

/** The tray menu's labels, nested menus flattened. */
function labels(tray: TrayModel): string[] {
  const all: string[] = [];
  const walk = (items: TrayModel['menu']) => {
    for (const item of items) {
      if (item.type === 'separator') continue;
      all.push(item.label);
      if (item.type === 'submenu') walk(item.submenu);
    }
  };
  walk(tray.menu);
  return all;
}

async function trayShows(app: ElectronApplication, pattern: RegExp, what: string): Promise<string[]> {
  return until(async () => {
    const tray = await trayOf(app);
    return tray && labels(tray).some((label) => pattern.test(label)) ? labels(tray) : null;
  }, what);
}

/**
 * An update feed on 127.0.0.1 for every system's updater (latest.yml, latest-mac.yml,
 * latest-linux.yml; on Linux the unpackaged app takes the .deb package's updater,
 * main/updates/app-updates.ts): a newer version whose files never match their checksum, or the
 * running app's own version.
 */
async function localFeed(): Promise<{ url: string; offer(version: string): void; close(): Promise<void> }> {
  let version = '99.0.0';
  const bytes = Buffer.alloc(64 * 1024, 7);
  const wrongSha512 = Buffer.alloc(64, 1).toString('base64');
  const files = () => [
    `Punchcard-${version}-mac-arm64.zip`,
    `Punchcard-${version}-mac-x64.zip`,
    `Punchcard-Setup-${version}.exe`,
    `punchcard_${version}_amd64.deb`,
    `punchcard_${version}_arm64.deb`,
  ];
  const server: Server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
    if (/^\/latest[\w-]*\.yml$/.test(path)) {
      const entries = files().map((file) => `  - url: ${file}\n    sha512: ${wrongSha512}\n    size: ${bytes.length}`);
      const first = files()[2] ?? '';
      response
        .writeHead(200, { 'content-type': 'text/yaml' })
        .end(`version: ${version}\nfiles:\n${entries.join('\n')}\npath: ${first}\nsha512: ${wrongSha512}\nreleaseDate: '2026-01-01T00:00:00.000Z'\n`);
      return;
    }
    if (files().some((file) => path === `/${file}`)) return void response.writeHead(200, { 'content-length': bytes.length }).end(bytes);
    response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}/`,
    offer: (next) => void (version = next),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** Starts the engine as the registered entry says, as an AI client would, and asks it to initialize. */
async function initializeThroughEntry(entry: { command: string; args: string[]; env?: Record<string, string> }, env: Record<string, string>): Promise<unknown> {
  const child = spawn(entry.command, entry.args, { env: { ...env, ...(entry.env ?? {}) }, stdio: ['pipe', 'pipe', 'pipe'] });
  try {
    const line = new Promise<string>((resolve, reject) => {
      let buffered = '';
      child.stdout.on('data', (chunk: Buffer) => {
        buffered += chunk.toString('utf8');
        const end = buffered.indexOf('\n');
        if (end >= 0) resolve(buffered.slice(0, end));
      });
      child.on('exit', (code) => reject(new Error(`the engine exited (${code}) before it answered`)));
      child.on('error', reject);
    });
    const initialize = {
      jsonrpc: '2.0',
      id: 1,
      method: 'initialize',
      params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'smoke', version: '1' } },
    };
    child.stdin.write(`${JSON.stringify(initialize)}\n`);
    return JSON.parse(await line);
  } finally {
    child.kill();
  }
}

describe('the Electron app', () => {
  it.skipIf(skipped !== null)(
    skipped ??
      'starts with a tray and a window; clocks in and out; registers with a client whose entry starts the engine; says what the updater found; quits cleanly',
    async () => {
      if (!('binary' in electron)) throw new Error(`PUNCHCARD_SMOKE_REQUIRED=1, but there is ${electron.skip}`);
      expect(existsSync(MAIN), `${MAIN} is missing: run \`npx vite build\` first`).toBe(true);
      const { _electron } = await import('playwright-core');
      // A throw-away home: the smoke test never touches a person's settings, data, clients or autostart.
      const home = mkdtempSync(join(tmpdir(), 'punchcard-smoke-'));
      // Cursor counts as installed when ~/.cursor exists (mcp-server/clients/catalog.ts).
      mkdirSync(join(home, '.cursor'));
      const env: Record<string, string> = {};
      for (const [key, value] of Object.entries(process.env)) if (value !== undefined && key !== 'ELECTRON_RUN_AS_NODE') env[key] = value;
      Object.assign(env, {
        HOME: home,
        USERPROFILE: home,
        XDG_CONFIG_HOME: join(home, '.config'),
        APPDATA: join(home, 'AppData', 'Roaming'),
        LOCALAPPDATA: join(home, 'AppData', 'Local'),
      });
      // The real electron-updater, inside real Electron, against a feed on this computer.
      const feed = await localFeed();
      const app = await _electron.launch({
        executablePath: electron.binary,
        args: [MAIN],
        cwd: ROOT,
        env: { ...env, [E2E_ENV]: '1', [E2E_UPDATE_FEED]: feed.url },
        timeout: 60_000,
      });
      let exited = false;
      try {
        const first = await until(() => trayOf(app), 'the tray (is the E2E hook installed under PUNCHCARD_E2E=1?)');
        expect(labels(first)).toEqual(expect.arrayContaining(['Open Punchcard', 'Quit Punchcard']));

        // A start by the person (not at login) shows the window on Status.
        const page: Page = await app.firstWindow({ timeout: 30_000 });
        expect(page.url()).toMatch(/^app:\/\/punchcard\/index\.html/);
        const status = page.locator('section.screen-status');
        await status.waitFor({ state: 'visible', timeout: 30_000 });
        expect(await page.title()).toMatch(/Punchcard/);

        // Clock in and out on the local timesheet, in the window; the tray follows.
        await status.getByRole('button', { name: 'Clock in' }).click();
        await status.getByRole('button', { name: 'Clock out' }).waitFor({ timeout: 30_000 });
        await trayShows(app, /^Clocked in since /, 'the tray to show the running timer');
        await status.getByRole('button', { name: 'Clock out' }).click();
        await status.getByRole('button', { name: 'Clock in' }).waitFor({ timeout: 30_000 });
        await trayShows(app, /^Not clocked in$/, 'the tray to show the timer stopped');

        // Register with Cursor on the Connect screen: the entry names this very executable.
        await app.evaluate((_electron, name) => (globalThis as unknown as Record<string, E2EHook>)[name]?.openScreen('connect'), E2E_GLOBAL);
        const cursor = page.locator('section.screen-connect li.client').filter({ has: page.getByRole('heading', { name: /Cursor/ }) });
        await cursor.getByRole('button', { name: 'Register' }).click();
        await cursor.getByRole('status').filter({ hasText: 'Registered with Cursor' }).waitFor({ timeout: 30_000 });
        const config = JSON.parse(readFileSync(join(home, '.cursor', 'mcp.json'), 'utf8')) as {
          mcpServers: Record<string, { command: string; args: string[]; env?: Record<string, string> }>;
        };
        const entry = config.mcpServers.punchcard;
        // The same file, however the system spells its path (a short name on Windows, a link on macOS).
        expect(realpathSync.native(entry?.command ?? '')).toBe(realpathSync.native(electron.binary));
        expect(entry?.env).toMatchObject({ ELECTRON_RUN_AS_NODE: '1' });
        // What an AI client does with it: the app's executable in Node mode runs the engine, which answers.
        const answer = await initializeThroughEntry(entry as NonNullable<typeof entry>, env);
        expect(answer).toMatchObject({ jsonrpc: '2.0', id: 1, result: { serverInfo: { name: expect.stringMatching(/punchcard/i) } } });

        // Updates: the look at start found a newer version whose download failed its checksum; the tray
        // and the window say so, and nothing was installed. Then the feed names this very version.
        await trayShows(app, /^Updates: download failed its checksum$/, 'the tray to say the update failed its checksum');
        await app.evaluate((_electron, name) => (globalThis as unknown as Record<string, E2EHook>)[name]?.openScreen('preferences'), E2E_GLOBAL);
        const updates = page.locator('section.screen-preferences section.updates');
        await updates
          .locator('.update-words')
          .filter({ hasText: 'The downloaded update did not match its checksum and was deleted; nothing was installed' })
          .waitFor({ timeout: 30_000 });
        // An unpackaged app reports Electron's version as its own (there is no package.json beside
        // dist/main/main.js), so the feed offers whatever the running app says it is.
        const running = await app.evaluate(({ app: electronApp }) => electronApp.getVersion());
        feed.offer(running);
        await updates.getByRole('button', { name: 'Check now' }).click();
        await updates
          .locator('.update-words')
          .filter({ hasText: `Punchcard ${running} is up to date` })
          .waitFor({ timeout: 30_000 });
        await trayShows(app, /^Updates: up to date$/, 'the tray to say Punchcard is up to date');

        // Quit as the tray's Quit does: the engine is stopped first, then the app exits with 0.
        const closed = app.waitForEvent('close', { timeout: 30_000 });
        await app.evaluate(({ app: electronApp }) => setTimeout(() => electronApp.quit(), 0)).catch(() => {});
        await closed;
        exited = true;
        expect(app.process().exitCode).toBe(0);
      } finally {
        if (!exited) await app.close();
        await feed.close();
        rmSync(home, { recursive: true, force: true });
      }
    },
    180_000,
  );
});
