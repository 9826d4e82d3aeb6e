// AI clients change the timer from their own engine processes, which tell the app nothing. For the
// local timesheet a change shows up as a write to punchcard.db (or its WAL), so watching the data
// folder costs nothing while nobody writes; a remote back end is asked again now and then instead.
import { watch, type FSWatcher } from 'node:fs';

export interface StatusSyncOptions {
  userDataDir: string;
  /** Whether the back end is the local timesheet, read at every decision. */
  isLocal(): boolean;
  /** Asks the engine for the status and publishes it. */
  refresh(): Promise<void>;
  log(message: string): void;
  /** How often a remote back end is asked (default 2 minutes). */
  remoteIntervalMs?: number;
}

const DATABASE_FILE = /^punchcard\.db(-wal)?$/;
/** Writes come in bursts (the row, the WAL, a checkpoint): one refresh per burst. */
const SETTLE_MS = 250;

export function startStatusSync(options: StatusSyncOptions): { stop(): void } {
  let settle: NodeJS.Timeout | undefined;
  let watcher: FSWatcher | undefined;
  const refresh = () => {
    options.refresh().catch((error: unknown) => options.log(`Could not refresh the timer status: ${(error as Error).message}`));
  };
  try {
    watcher = watch(options.userDataDir, { persistent: false }, (_event, file) => {
      if (file === null || !DATABASE_FILE.test(file)) return;
      clearTimeout(settle);
      settle = setTimeout(refresh, SETTLE_MS);
    });
    watcher.on('error', (error) => options.log(`Stopped watching ${options.userDataDir}: ${error.message}`));
  } catch (error) {
    options.log(`Cannot watch ${options.userDataDir} (${(error as Error).message}); the tray updates on its own clicks and every few minutes.`);
  }
  const poll = setInterval(() => {
    if (!options.isLocal() || watcher === undefined) refresh();
  }, options.remoteIntervalMs ?? 120_000);
  poll.unref();
  return {
    stop() {
      clearTimeout(settle);
      clearInterval(poll);
      watcher?.close();
    },
  };
}
