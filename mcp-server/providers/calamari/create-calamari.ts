// A Calamari tracker with the organisation's API key from the credential store and the deadline from
// the environment: one factory for the engine and for --test-connection.
import { credentialAccount } from '../../contract/back-end-accounts.ts';
import type { CalamariProfile, WorkWeek } from '../../contract/settings.ts';
import { type RemoteAccessOptions, remoteAccess } from '../http/remote-access.ts';
import { type CalamariTracker, createCalamariTracker } from './calamari-tracker.ts';

export interface CalamariFactoryOptions extends RemoteAccessOptions {
  profile: CalamariProfile;
  userDataDir: string;
  workWeek: () => WorkWeek;
  /** The settings' public holidays, where the key may not read the person's holiday calendar. */
  holidays?: (from: string, to: string) => Promise<ReadonlyMap<string, string>>;
  now: () => number;
}

export function createCalamari(options: CalamariFactoryOptions): CalamariTracker {
  const { secret, ...deadline } = remoteAccess(options, credentialAccount(options.profile), 'calamari');
  return createCalamariTracker({
    profile: options.profile,
    apiKey: secret,
    userDataDir: options.userDataDir,
    workWeek: options.workWeek,
    holidays: options.holidays ?? (async () => new Map()),
    now: options.now,
    log: options.log,
    ...deadline,
  });
}
