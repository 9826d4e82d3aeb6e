// A Clockodo tracker with the API key from the credential store and the deadline from the
// environment: one factory for the engine and for --test-connection.
import { credentialAccount } from '../../contract/back-end-accounts.ts';
import type { ClockodoProfile, WorkWeek } from '../../contract/settings.ts';
import { type CredentialStore, createCredentialStore } from '../../credentials/index.ts';
import type { Log } from '../../log.ts';
import { type ClockodoTracker, createClockodoTracker } from './clockodo-tracker.ts';

export interface ClockodoFactoryOptions {
  profile: ClockodoProfile;
  userDataDir: string;
  workWeek: () => WorkWeek;
  /** The settings' public holidays, where Clockodo will not show its non-business days. */
  holidays?: (from: string, to: string) => Promise<ReadonlyMap<string, string>>;
  now: () => number;
  log: Log;
  /** PUNCHCARD_CLOCKODO_TOKEN and PUNCHCARD_CLOCKODO_TIMEOUT_MS are read from here. */
  env: NodeJS.ProcessEnv;
  credentials?: CredentialStore;
}

export function createClockodo(options: ClockodoFactoryOptions): ClockodoTracker {
  const { profile, env } = options;
  // Created here but opened on the first request: tools/list never waits for the keychain.
  const credentials = options.credentials ?? createCredentialStore({ env, log: options.log });
  const timeoutMs = Number(env.PUNCHCARD_CLOCKODO_TIMEOUT_MS);
  return createClockodoTracker({
    profile,
    apiKey: () => credentials.get(credentialAccount(profile)),
    userDataDir: options.userDataDir,
    workWeek: options.workWeek,
    holidays: options.holidays ?? (async () => new Map()),
    now: options.now,
    log: options.log,
    ...(Number.isFinite(timeoutMs) && timeoutMs > 0 ? { timeoutMs } : {}),
  });
}
