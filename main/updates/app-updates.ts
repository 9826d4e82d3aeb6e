// The Electron edge of updates: electron-updater's autoUpdater (loaded only in a packaged app, and
// only after start-up), the facts about this install, the feed's owner and repository from the
// packaged app-update.yml, and the moments to look again (waking up, the window closing). The
// decisions are update-model.ts's; updater.ts applies them.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { app, powerMonitor } from 'electron';
import ElectronStore from 'electron-store';
import { PRIVATE_FILE_MODE } from '../../mcp-server/for-the-app.ts';
import { E2E_ENV, E2E_UPDATE_FEED } from '../tray/e2e-hook.ts';
import { installProblem } from './install-kind.ts';
import { createUpdatePreferences } from './update-preferences.ts';
import { createUpdates, type Updates, type UpdaterLike } from './updater.ts';
import type { WorkInFlight } from './update-model.ts';
import type { UpdateView } from '../../window-contract/updates.ts';

export interface AppUpdatesParts {
  userDataDir: string;
  policy(): { enabled: boolean; pinned: string | null; problem: string | null };
  work(): WorkInFlight;
  timeZone(): string | undefined;
  changed(view: UpdateView): void;
  log(message: string): void;
}

export function startAppUpdates(parts: AppUpdatesParts): Updates {
  const resources = process.resourcesPath;
  const testFeed = !app.isPackaged && process.env[E2E_ENV] === '1' ? loopbackFeed(process.env[E2E_UPDATE_FEED]) : null;
  const updates = createUpdates({
    // A development build has no app-update.yml and nothing to update from.
    load: app.isPackaged ? loadAutoUpdater : testFeed ? () => loadForTestFeed(testFeed, parts.userDataDir) : null,
    currentVersion: app.getVersion(),
    packageProblem: app.isPackaged
      ? installProblem({ platform: process.platform, executable: process.execPath, env: process.env, packageType: readPackageType(resources) })
      : null,
    preferences: createUpdatePreferences(
      new ElectronStore<Record<string, unknown>>({ cwd: parts.userDataDir, name: 'updates', configFileMode: PRIVATE_FILE_MODE }),
    ),
    policy: parts.policy,
    publishedAt: () => publishedAt(join(resources, 'app-update.yml')),
    work: parts.work,
    timeZone: parts.timeZone,
    changed: parts.changed,
    log: parts.log,
  });
  // Timers do not run while the machine sleeps: a day may have passed.
  powerMonitor.on('resume', () => updates.resumed());
  // The person closed the window: an update waiting for that may install now.
  app.on('browser-window-created', (_event, window) => window.on('closed', () => setImmediate(() => updates.reconsider())));
  app.on('will-quit', () => updates.stop());
  return updates;
}

async function loadAutoUpdater(): Promise<UpdaterLike> {
  // CommonJS, kept out of the main bundle (vite.config.ts) and loaded after start-up.
  const module = (await import('electron-updater')) as unknown as { default: { autoUpdater: UpdaterLike } };
  return module.default.autoUpdater;
}

/** The smoke test's feed, only ever on this computer's loopback address. */
function loopbackFeed(value: string | undefined): string | null {
  if (!value) return null;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' && url.hostname === '127.0.0.1' ? url.href : null;
  } catch {
    return null;
  }
}

type DevUpdater = UpdaterLike & { forceDevUpdateConfig: boolean; updateConfigPath: string | null };

async function loadForTestFeed(feed: string, folder: string): Promise<UpdaterLike> {
  // On Linux electron-updater's default is the AppImage updater, which needs $APPIMAGE (the file it
  // replaces) before it downloads anything; an unpackaged app has none, so the smoke test takes the
  // .deb package's updater, which downloads and verifies the same way.
  const module = (await import('electron-updater')) as unknown as { default: { autoUpdater: UpdaterLike; DebUpdater: new () => DevUpdater } };
  const updater = process.platform === 'linux' ? new module.default.DebUpdater() : (module.default.autoUpdater as DevUpdater);
  const config = join(folder, 'e2e-app-update.yml');
  writeFileSync(config, `provider: generic\nurl: ${JSON.stringify(feed)}\nupdaterCacheDirName: punchcard-e2e-updater\n`);
  updater.updateConfigPath = config;
  // An unpackaged app's updater is off unless forced (electron-updater's isUpdaterActive).
  updater.forceDevUpdateConfig = true;
  return updater;
}

function readPackageType(resources: string): string | null {
  try {
    return readFileSync(join(resources, 'package-type'), 'utf8').trim() || null;
  } catch {
    return null;
  }
}

/** The GitHub owner and repository electron-builder wrote into app-update.yml, or null. */
async function publishedAt(file: string): Promise<{ owner: string; repo: string } | null> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return null;
  }
  const { parse } = await import('yaml');
  const config = parse(text) as { provider?: unknown; owner?: unknown; repo?: unknown } | null;
  if (config?.provider !== 'github' || typeof config.owner !== 'string' || typeof config.repo !== 'string') return null;
  return { owner: config.owner, repo: config.repo };
}
