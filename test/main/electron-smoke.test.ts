// The one test that starts the real app (docs/decisions.md, "Testing without the Electron binary";
// docs/electron.md, "Testing without the binary"): Playwright's _electron launches the built
// dist/main/main.js with an Electron binary, the tray is read through the test-only hook main
// installs under PUNCHCARD_E2E=1 (main/tray/e2e-hook.ts), and opening the window must show the
// Status screen. Where no Electron binary exists (the development and CI machines cannot download
// one) it is skipped, and the run says so and how to run it.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { E2E_ENV, E2E_GLOBAL, type E2EHook } from '../../main/tray/e2e-hook.ts';

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
const skipped = 'skip' in electron ? `Electron smoke test skipped: ${electron.skip}` : null;
if (skipped) console.warn(skipped);

async function until<T>(read: () => Promise<T | null | undefined>, what: string, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('the Electron app', () => {
  it.skipIf(skipped !== null)(skipped ?? 'starts with a tray, and opening the window shows the Status screen', async () => {
    if (!('binary' in electron)) return;
    expect(existsSync(MAIN), `${MAIN} is missing: run \`npx vite build\` first`).toBe(true);
    const { _electron } = await import('playwright-core');
    // A throw-away home: the smoke test never touches a person's settings, data or autostart.
    const home = mkdtempSync(join(tmpdir(), 'punchcard-smoke-'));
    const env: Record<string, string> = {};
    for (const [key, value] of Object.entries(process.env)) if (value !== undefined && key !== 'ELECTRON_RUN_AS_NODE') env[key] = value;
    Object.assign(env, { [E2E_ENV]: '1', HOME: home, XDG_CONFIG_HOME: join(home, '.config'), APPDATA: join(home, 'AppData') });
    const app = await _electron.launch({ executablePath: electron.binary, args: [MAIN], cwd: ROOT, env, timeout: 60_000 });
    try {
      const tray = await until(
        () => app.evaluate((_electron, name) => (globalThis as unknown as Record<string, E2EHook | undefined>)[name]?.tray() ?? null, E2E_GLOBAL),
        'the tray (is the E2E hook installed under PUNCHCARD_E2E=1?)',
      );
      const labels = JSON.stringify(tray.menu);
      expect(labels).toContain('Open Punchcard');
      expect(labels).toContain('Quit Punchcard');

      const opened = app.waitForEvent('window', { timeout: 30_000 });
      await app.evaluate((_electron, name) => (globalThis as unknown as Record<string, E2EHook>)[name]?.openScreen('status'), E2E_GLOBAL);
      const page = await opened;
      expect(page.url()).toMatch(/^app:\/\/punchcard\/index\.html/);
      await page.locator('section.screen-status').waitFor({ state: 'visible', timeout: 30_000 });
      expect(await page.title()).toMatch(/Punchcard/);
    } finally {
      await app.close();
      rmSync(home, { recursive: true, force: true });
    }
  }, 120_000);
});
