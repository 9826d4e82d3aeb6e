// Which back end the engine talks to: the profile from the settings, or from the command line
// (`--provider kimai --url …`), which wins. Each provider gets only what it needs.
import { join } from 'node:path';
import { type KimaiProfile, kimaiCredentialAccount, type ProviderProfile, type WorkWeek } from '../contract/settings.ts';
import { type CredentialStore, createCredentialStore } from '../credentials/index.ts';
import type { Log } from '../log.ts';
import { createKimaiTracker, type KimaiTracker } from './kimai/kimai-tracker.ts';
import { createLocalTracker } from './local/local-tracker.ts';
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

export function createTracker(options: TrackerFactoryOptions): TimeTracker {
  const { profile } = options;
  if (profile.type === 'local') {
    return createLocalTracker({ databasePath: join(options.userDataDir, 'punchcard.db'), personName: options.personName, now: options.now });
  }
  return createKimai({ ...options, profile, env: options.env ?? process.env });
}

export interface KimaiFactoryOptions {
  profile: KimaiProfile;
  userDataDir: string;
  workWeek: () => WorkWeek;
  /** Without it leave days are counted without public holidays (the connection test counts none). */
  holidays?: (from: string, to: string) => Promise<ReadonlySet<string>>;
  now: () => number;
  log: Log;
  /** PUNCHCARD_KIMAI_TOKEN and PUNCHCARD_KIMAI_TIMEOUT_MS are read from here. */
  env: NodeJS.ProcessEnv;
  /** Defaults to environment variables, then the OS keychain. */
  credentials?: CredentialStore;
}

/** A Kimai tracker with the token from the credential store and the timeout from the environment (the engine and --test-connection). */
export function createKimai(options: KimaiFactoryOptions): KimaiTracker {
  const { profile, env } = options;
  // Created here but opened on the first request: tools/list never waits for the keychain.
  const credentials = options.credentials ?? createCredentialStore({ env, log: options.log });
  const timeoutMs = Number(env.PUNCHCARD_KIMAI_TIMEOUT_MS);
  return createKimaiTracker({
    profile,
    token: () => credentials.get(kimaiCredentialAccount(profile.url)),
    userDataDir: options.userDataDir,
    workWeek: options.workWeek,
    holidays: options.holidays ?? (async () => new Set()),
    now: options.now,
    log: options.log,
    ...(Number.isFinite(timeoutMs) && timeoutMs > 0 ? { timeoutMs } : {}),
  });
}
