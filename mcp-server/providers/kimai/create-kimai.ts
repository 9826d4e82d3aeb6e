// A Kimai tracker with the token from the credential store and the timeout from the environment: one
// factory for the engine and for --test-connection.
import { credentialAccount } from '../../contract/back-end-accounts.ts';
import type { KimaiProfile, WorkWeek } from '../../contract/settings.ts';
import { type CredentialStore, createCredentialStore } from '../../credentials/index.ts';
import type { Log } from '../../log.ts';
import { createKimaiTracker, type KimaiTracker } from './kimai-tracker.ts';

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

export function createKimai(options: KimaiFactoryOptions): KimaiTracker {
  const { profile, env } = options;
  // Created here but opened on the first request: tools/list never waits for the keychain.
  const credentials = options.credentials ?? createCredentialStore({ env, log: options.log });
  const timeoutMs = Number(env.PUNCHCARD_KIMAI_TIMEOUT_MS);
  return createKimaiTracker({
    profile,
    token: () => credentials.get(credentialAccount({ type: 'kimai', url: profile.url })),
    userDataDir: options.userDataDir,
    workWeek: options.workWeek,
    holidays: options.holidays ?? (async () => new Set()),
    now: options.now,
    log: options.log,
    ...(Number.isFinite(timeoutMs) && timeoutMs > 0 ? { timeoutMs } : {}),
  });
}
