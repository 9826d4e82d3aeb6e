// Which back end the engine talks to: the profile from the settings, or from the command line
// (`--provider kimai --url …`), which wins. Each provider gets only what it needs, and each is its
// own chunk of the bundle, loaded when the engine first needs it: a Kimai user never loads SQLite,
// a local one never the HTTP client or the keychain.
import { join } from 'node:path';
import type { ProviderProfile, WorkWeek } from '../contract/settings.ts';
import type { CredentialStore } from '../credentials/index.ts';
import type { Log } from '../log.ts';
import type { TimeTracker } from './time-tracker.ts';

export interface TrackerFactoryOptions {
  profile: ProviderProfile;
  userDataDir: string;
  /** The person shown in the local absence calendar. */
  personName: () => string;
  workWeek: () => WorkWeek;
  /** Public holiday dates in [from, to] of the person's region, for counting leave days (Kimai). */
  holidays: (from: string, to: string) => Promise<ReadonlySet<string>>;
  now: () => number;
  log: Log;
  env?: NodeJS.ProcessEnv;
  /** Defaults to environment variables, then the OS keychain. */
  credentials?: CredentialStore;
}

export async function createTracker(options: TrackerFactoryOptions): Promise<TimeTracker> {
  const { profile } = options;
  if (profile.type === 'local') {
    const { createLocalTracker } = await import('./local/local-tracker.ts');
    return createLocalTracker({ databasePath: join(options.userDataDir, 'punchcard.db'), personName: options.personName, now: options.now });
  }
  const { createKimai } = await import('./kimai/create-kimai.ts');
  return createKimai({ ...options, profile, env: options.env ?? process.env });
}

