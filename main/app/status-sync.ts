// AI clients change the timer from their own engine processes, which tell the app nothing. For the
// local timesheet a change shows up as a write to punchcard.db (or its WAL), so watching the data
// folder costs nothing while nobody writes; a remote back end is asked again now and then instead,
// as often as its limits allow. A write kept while a remote back end was out of reach and settled
// later, in the background or by another engine, is signalled in the same folder
// (mcp-server/contract/outbox-signal.ts) and read at once on any back end.
import { type FSWatcher, readdirSync, watch } from 'node:fs';
import { join } from 'node:path';
import { OUTBOX_SETTLED_FILE } from '../../mcp-server/contract/outbox-signal.ts';
import { backEndOf, DEFAULT_BACK_END, type BackEndProfile } from '../../mcp-server/contract/back-ends.ts';
import type { StatusView } from '../../window-contract/status.ts';
import { type ConnectionSettings, connectionsOf } from '../../mcp-server/contract/connections.ts';
import type { AppServices } from './services.ts';

export interface StatusSyncOptions {
  userDataDir: string;
  /** The back end in use, read at every decision (the person may switch it). */
  backEnd(): BackEndProfile['type'];
  /** Asks the engine for the status and publishes it. */
  refresh(): Promise<void>;
  log(message: string): void;
  /** How often a remote back end is asked; pollInterval() when left out. */
  remoteIntervalMs?: number;
}

const DATABASE_FILE = /^punchcard\.db(-wal)?$/;
/** Writes come in bursts (the row, the WAL, a checkpoint): one refresh per burst. */
const SETTLE_MS = 250;

/**
 * How often the app asks a remote back end about timers started elsewhere: as its descriptor says
 * (Calamari, which counts requests per hour for the whole organisation, every five minutes).
 */
export function pollInterval(type: BackEndProfile['type']): number {
  return backEndOf(type).app.pollMs;
}

export function startStatusSync(options: StatusSyncOptions): { stop(): void } {
  let settle: NodeJS.Timeout | undefined;
  let poll: NodeJS.Timeout | undefined;
  let watcher: FSWatcher | undefined;
  let stopped = false;
  const refresh = () => {
    options.refresh().catch((error: unknown) => options.log(`Could not refresh the timer status: ${(error as Error).message}`));
  };
  const changed = (file: string | null) => {
    if (file === null || !(DATABASE_FILE.test(file) || file === OUTBOX_SETTLED_FILE)) return;
    clearTimeout(settle);
    settle = setTimeout(refresh, SETTLE_MS);
  };
  try {
    watcher = watch(options.userDataDir, { persistent: false }, (_event, file) => changed(file));
    watcher.on('error', (error) => options.log(`Stopped watching ${options.userDataDir}: ${error.message}`));
  } catch (error) {
    options.log(`Cannot watch ${options.userDataDir} (${(error as Error).message}); the tray updates on its own clicks and every few minutes.`);
  }
  // With several trackers a local timesheet may be in trackers/<name>/: each such folder is watched too (not the
  // data folder recursively: Node's recursive watch on Linux missed the outbox's signal, written by a rename).
  const trackerWatchers = watchTrackerFolders(options.userDataDir, changed);
  // The next poll is planned after each one, at the interval of the back end in use then.
  const plan = () => {
    if (stopped) return;
    const type = options.backEnd();
    poll = setTimeout(() => {
      if (backEndOf(type).remote || watcher === undefined) refresh();
      plan();
    }, options.remoteIntervalMs ?? pollInterval(type));
    poll.unref();
  };
  plan();
  return {
    stop() {
      stopped = true;
      clearTimeout(settle);
      clearTimeout(poll);
      watcher?.close();
      trackerWatchers.close();
    },
  };
}

/**
 * The app's own status kept current: the back end in use read from its settings, each refresh asked
 * of its engine and published. main/index.ts runs it, and so does the real-app harness the UI tests
 * use in its place (test/renderer/real-app.script.ts).
 */
export function syncAppStatus(options: {
  services: Pick<AppServices, 'settings' | 'timesheet'>;
  publish(status: StatusView): void;
  userDataDir: string;
  log(message: string): void;
}): { stop(): void } {
  const { services, publish, userDataDir, log } = options;
  return startStatusSync({
    userDataDir,
    backEnd: () => {
      try {
        return pacedType(services.settings.read());
      } catch {
        // Settings that cannot be read name no remote back end: only the folder is watched meanwhile.
        return DEFAULT_BACK_END.type;
      }
    },
    refresh: async () => publish(await services.timesheet.getStatus()),
    log,
  });
}

/**
 * The back end whose pace the poll keeps: with several trackers, the remote one asked least often (Calamari's
 * limit is the whole organisation's, and one poll asks every connection), else the default's.
 */
export function pacedType(settings: ConnectionSettings): BackEndProfile['type'] {
  const remote = connectionsOf(settings)
    .map((connection) => connection.profile.type)
    .filter((type) => backEndOf(type).remote);
  if (remote.length === 0) return settings.provider.type;
  return remote.reduce((slowest, type) => (pollInterval(type) > pollInterval(slowest) ? type : slowest));
}

/**
 * The folders of several trackers (trackers/<name>/, docs/several-trackers.md) watched for their timesheets: those
 * there now, and each made later (the trackers folder itself is watched for new ones). Best effort: a folder that
 * cannot be watched is polled with the rest.
 */
function watchTrackerFolders(userDataDir: string, changed: (file: string | null) => void): { close(): void } {
  const root = join(userDataDir, 'trackers');
  const watched = new Map<string, FSWatcher>();
  const follow = (name: string) => {
    // A removed tracker's folder is renamed with a dot in it: nobody writes there.
    if (watched.has(name) || name.includes('.')) return;
    try {
      const each = watch(join(root, name), { persistent: false }, (_event, file) => changed(file));
      each.on('error', () => watched.delete(name));
      watched.set(name, each);
    } catch {
      // Not a folder, or gone again: nothing to watch.
    }
  };
  let parent: FSWatcher | undefined;
  try {
    for (const name of readdirSync(root)) follow(name);
    parent = watch(root, { persistent: false }, (_event, name) => {
      if (name !== null) follow(name);
    });
    parent.on('error', () => {});
  } catch {
    // No trackers folder: one tracker, or none made yet.
  }
  return {
    close() {
      parent?.close();
      for (const each of watched.values()) each.close();
    },
  };
}
