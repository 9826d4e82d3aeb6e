// A Calamari tracker with the organisation's API key from the credential store and the deadline from the
// environment: one factory for the engine and for --test-connection.
import { credentialAccount } from '../../contract/back-end-accounts.ts';
import type { CalamariProfile, WorkWeek } from '../../contract/settings.ts';
import { type CredentialStore, createCredentialStore } from '../../credentials/index.ts';
import type { Log } from '../../log.ts';
import { type CalamariTracker, createCalamariTracker } from './calamari-tracker.ts';

export interface CalamariFactoryOptions {
  profile: CalamariProfile;
  userDataDir: string;
  workWeek: () => WorkWeek;
  /** The settings' public holidays, where the key may not read the person's holiday calendar. */
  holidays?: (from: string, to: string) => Promise<ReadonlyMap<string, string>>;
  now: () => number;
  log: Log;
  /** PUNCHCARD_CALAMARI_TOKEN and PUNCHCARD_CALAMARI_TIMEOUT_MS are read from here. */
  env: NodeJS.ProcessEnv;
  credentials?: CredentialStore;
}

export function createCalamari(options: CalamariFactoryOptions): CalamariTracker {
  const { profile, env } = options;
  // Created here but opened on the first request: tools/list never waits for the keychain.
  const credentials = options.credentials ?? createCredentialStore({ env, log: options.log });
  const timeoutMs = Number(env.PUNCHCARD_CALAMARI_TIMEOUT_MS);
  return createCalamariTracker({
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
