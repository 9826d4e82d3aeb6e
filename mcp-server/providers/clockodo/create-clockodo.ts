// A Clockodo tracker with the API key from the credential store and the deadline from the
// environment: one factory for the engine and for --test-connection.
import { credentialAccount } from '../../contract/back-end-accounts.ts';
import type { ClockodoProfile, WorkWeek } from '../../contract/settings.ts';
import { type RemoteAccessOptions, remoteAccess } from '../http/remote-access.ts';
import { type ClockodoTracker, createClockodoTracker } from './clockodo-tracker.ts';

export interface ClockodoFactoryOptions extends RemoteAccessOptions {
  profile: ClockodoProfile;
  userDataDir: string;
  workWeek: () => WorkWeek;
  /** The settings' public holidays, where Clockodo will not show its non-business days. */
  holidays?: (from: string, to: string) => Promise<ReadonlyMap<string, string>>;
  now: () => number;
}

export function createClockodo(options: ClockodoFactoryOptions): ClockodoTracker {
  const { secret, ...deadline } = remoteAccess(options, credentialAccount(options.profile), 'clockodo');
  return createClockodoTracker({
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
