// A Kimai tracker with the token from the credential store and the timeout from the environment: one
// factory for the engine and for --test-connection.
import { credentialAccount } from '../../contract/back-end-accounts.ts';
import type { KimaiProfile, WorkWeek } from '../../contract/settings.ts';
import { type RemoteAccessOptions, remoteAccess } from '../http/remote-access.ts';
import { createKimaiTracker, type KimaiTracker } from './kimai-tracker.ts';

export interface KimaiFactoryOptions extends RemoteAccessOptions {
  profile: KimaiProfile;
  userDataDir: string;
  workWeek: () => WorkWeek;
  /** Without it leave days are counted without public holidays (the connection test counts none). */
  holidays?: (from: string, to: string) => Promise<ReadonlySet<string>>;
  now: () => number;
}

export function createKimai(options: KimaiFactoryOptions): KimaiTracker {
  const { secret, ...deadline } = remoteAccess(options, credentialAccount(options.profile), 'kimai');
  return createKimaiTracker({
    profile: options.profile,
    token: secret,
    userDataDir: options.userDataDir,
    workWeek: options.workWeek,
    holidays: options.holidays ?? (async () => new Set()),
    now: options.now,
    log: options.log,
    ...deadline,
  });
}
