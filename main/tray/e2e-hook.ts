// A test-only window into the running app for the Electron smoke test (test/main/electron-smoke.test.ts).
// The tray has no DOM, so Playwright reads it from the main process through this global, which
// exists only when the app was started with PUNCHCARD_E2E=1 (Heroic gates its test hooks the same
// way). It exposes what the tray shows and a way to open the window; nothing that touches data.
import type { Screen } from '../../window-contract/channels.ts';
import type { TrayHandle } from './tray.ts';
import type { TrayModel } from './tray-model.ts';

export const E2E_ENV = 'PUNCHCARD_E2E';
export const E2E_GLOBAL = '__punchcardE2E';
/**
 * With PUNCHCARD_E2E=1, an unpackaged app looks for updates at this feed on 127.0.0.1
 * (main/updates/app-updates.ts), so the smoke test runs the real electron-updater inside real
 * Electron. A packaged app never reads it.
 */
export const E2E_UPDATE_FEED = 'PUNCHCARD_E2E_UPDATE_FEED';

export interface E2EHook {
  tray(): TrayModel;
  openScreen(screen: Screen): void;
}

export function installE2EHook(parts: { tray: TrayHandle; openScreen(screen: Screen): void }, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env[E2E_ENV] !== '1') return false;
  const hook: E2EHook = { tray: () => parts.tray.current(), openScreen: (screen) => parts.openScreen(screen) };
  Object.defineProperty(globalThis, E2E_GLOBAL, { value: hook, configurable: true });
  return true;
}
