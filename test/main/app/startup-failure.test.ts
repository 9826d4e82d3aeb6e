// A launch that fails after Electron is ready must end the app, not leave a process with no tray
// that holds the single-instance lock (every later launch would hand over to it and show nothing).
// The built main process against the shared Electron fake, with a data folder that cannot be made.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, expect, it, vi } from 'vitest';
import { app, resetElectronMock, Tray } from '../../support/electron-mock.ts';
import { SERVER_BUNDLE } from '../../support/engine.ts';
import { PATIENCE_MS } from '../../support/patience.ts';

const MAIN_BUNDLE = resolve(dirname(SERVER_BUNDLE), '..', 'main', 'main.js');
const home = mkdtempSync(join(tmpdir(), 'punchcard-startup-failure-'));
afterAll(() => {
  vi.unstubAllEnvs();
  rmSync(home, { recursive: true, force: true });
});

it('exits with status 1 and says why when starting fails after ready', async () => {
  vi.stubEnv('HOME', home);
  vi.stubEnv('XDG_CONFIG_HOME', join(home, '.config'));
  // A file where the data folder's parent should be: making the folder fails inside start().
  writeFileSync(join(home, 'blocked'), 'not a folder');
  resetElectronMock({ ready: false });
  app.setPath('userData', join(home, 'blocked', 'Punchcard'));
  const logged: string[] = [];
  const error = vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void logged.push(args.join(' ')));
  try {
    await import(MAIN_BUNDLE);
    app.emitReady();
    await vi.waitFor(() => expect(app.exitCalls).toEqual([1]), { timeout: PATIENCE_MS });
  } finally {
    error.mockRestore();
  }
  expect(logged.join('\n')).toMatch(/\[punchcard\] Could not start: Error: ENOTDIR/);
  expect(Tray.instances).toHaveLength(0);
});
