// Which back end the engine talks to: the profile from the settings, or from the command line
// (`--provider kimai --url …`), which wins. Each provider gets only what it needs, and each is its
// own chunk of the bundle, loaded when the engine first needs it: a Kimai user never loads SQLite or
// Clockodo's client, a local one never the HTTP client or the keychain.
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
  /** Public holidays in [from, to] of the settings' region by date, where the back end keeps none of its own. */
  holidays: (from: string, to: string) => Promise<ReadonlyMap<string, string>>;
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
  const env = options.env ?? process.env;
  if (profile.type === 'clockodo') {
    const { createClockodo } = await import('./clockodo/create-clockodo.ts');
    return createClockodo({ ...options, profile, env });
  }
  if (profile.type === 'calamari') {
    const { createCalamari } = await import('./calamari/create-calamari.ts');
    return createCalamari({ ...options, profile, env });
  }
  const { createKimai } = await import('./kimai/create-kimai.ts');
  // Kimai keeps no calendar of its own: leave days are counted on the settings' holidays.
  return createKimai({ ...options, holidays: async (from, to) => new Set((await options.holidays(from, to)).keys()), profile, env });
}

