// Which back end the engine talks to: the profile from the settings, or from the command line
// (`--provider kimai --url …`), which wins. Each back end's tracker is its own chunk of the bundle,
// loaded when the engine first needs it (providers/back-ends.ts), and every remote one is made from the
// same options, its secret and deadline read the same way (remote/remote-access.ts).
import { join } from 'node:path';
import { credentialAccount, isRemote, type BackEndProfile, type RemoteProfile } from '../contract/back-ends.ts';
import type { CredentialStore } from '../credentials/index.ts';
import { bindFormSecret, type FormSecretOrigin } from '../credentials/form-secret.ts';
import { remoteAccess } from './remote/remote-access.ts';
import { RemoteError, remoteRefusal } from './remote/remote-error.ts';
import { ENGINE_SIDES, remoteSideOf } from './back-ends.ts';
import type { RemoteTracker, RemoteTrackerOptions } from './remote-tracker.ts';
import type { TimeTracker } from './time-tracker.ts';
import type { OrganisationAccount } from './acting-for.ts';

/**
 * What the engine makes its back end from: what every remote back end is made from (remote-tracker.ts)
 * but the secret and the deadline, which are found here, and what the local one needs.
 */
export interface TrackerFactoryOptions extends Omit<RemoteTrackerOptions<BackEndProfile>, 'secret' | 'timeoutMs'> {
  /** The person shown in the local absence calendar. */
  personName: () => string;
  env?: NodeJS.ProcessEnv;
  /** Defaults to environment variables, then the OS keychain. */
  credentials?: CredentialStore;
  /**
   * The back end the Claude Desktop extension's secret was given for (credentials/form-secret.ts);
   * without it, that secret is used for no back end.
   */
  formSecret?: FormSecretOrigin;
}

export type { RemoteProfile } from '../contract/back-ends.ts';

export async function createTracker(options: TrackerFactoryOptions): Promise<TimeTracker> {
  const { profile } = options;
  if (isRemote(profile)) return createRemoteTracker({ ...options, profile });
  const create = await ENGINE_SIDES[profile.type].tracker();
  return create({ databasePath: join(options.userDataDir, 'punchcard.db'), personName: options.personName, now: options.now, log: options.log });
}

/**
 * A remote back end's tracker, its secret from the keychain (or variable) and its deadline from the
 * environment. The extension's one secret reaches it only where it was given for this back end; where
 * it was not and no other secret is found, the request fails with the reason in words.
 */
export async function createRemoteTracker(options: Omit<TrackerFactoryOptions, 'profile' | 'personName'> & { profile: RemoteProfile }): Promise<RemoteTracker> {
  const { profile } = options;
  // Acting for a person with an organisation's credential is safe only where the back end narrows it
  // to them (providers/acting-for.ts); one that would ignore actingFor would act as the organisation.
  if (options.actingFor && !remoteSideOf(profile).organisation) throw new Error(`${profile.type} cannot act for one person with an organisation's credential.`);
  const create = await remoteSideOf(profile).tracker();
  const bound = bindFormSecret(options.env ?? process.env, options.formSecret ?? { backEnd: undefined, policyFixes: false }, profile);
  if (bound.withheld) options.log(bound.withheld);
  const access = remoteAccess(
    { env: bound.env, log: options.log, ...(options.credentials ? { credentials: options.credentials } : {}) },
    credentialAccount(profile),
    profile.type,
  );
  const { withheld } = bound;
  const secret = withheld
    ? async () => (await access.secret()) ?? Promise.reject(new RemoteError('no_token', remoteRefusal('remote_secret_withheld', { reason: withheld })))
    : access.secret;
  const tracker = await create({
    profile,
    userDataDir: options.userDataDir,
    ...(options.factsShelf ? { factsShelf: options.factsShelf } : {}),
    ...(options.idNumbers ? { idNumbers: options.idNumbers } : {}),
    workWeek: options.workWeek,
    holidays: options.holidays,
    timezone: options.timezone,
    ...(options.teamToolsWanted ? { teamToolsWanted: options.teamToolsWanted } : {}),
    ...(options.adminToolsWanted ? { adminToolsWanted: options.adminToolsWanted } : {}),
    ...(options.approvalToolsWanted ? { approvalToolsWanted: options.approvalToolsWanted } : {}),
    now: options.now,
    log: options.log,
    ...access,
    secret,
    ...(options.requestGate ? { requestGate: options.requestGate } : {}),
    ...(options.wallClock ? { wallClock: options.wallClock } : {}),
    ...(options.actingFor ? { actingFor: options.actingFor } : {}),
  });
  // Whom it acts for, said on the tracker itself for the engine (a tool it does not offer is then the
  // organisation account's limit, not the back end's): every back end's tracker gets it here, none has to remember to.
  return options.actingFor ? Object.assign(tracker, { actingFor: options.actingFor }) : tracker;
}

/**
 * The organisation account of a remote back end (providers/acting-for.ts), its secret found as a
 * tracker's is; null where the back end cannot act for people with one.
 */
export async function createOrganisationAccount(
  options: Omit<TrackerFactoryOptions, 'profile' | 'personName' | 'actingFor'> & { profile: RemoteProfile },
): Promise<OrganisationAccount | null> {
  const { profile } = options;
  const side = remoteSideOf(profile);
  if (!side.organisation) return null;
  const create = (await side.organisation()) as (options: RemoteTrackerOptions<RemoteProfile>) => OrganisationAccount;
  const access = remoteAccess(
    { env: options.env ?? process.env, log: options.log, ...(options.credentials ? { credentials: options.credentials } : {}) },
    credentialAccount(profile),
    profile.type,
  );
  return create({
    profile,
    userDataDir: options.userDataDir,
    workWeek: options.workWeek,
    holidays: options.holidays,
    timezone: options.timezone,
    now: options.now,
    log: options.log,
    ...access,
    ...(options.requestGate ? { requestGate: options.requestGate } : {}),
  });
}
