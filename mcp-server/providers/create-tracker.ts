// Which back end the engine talks to: the profile from the settings, or from the command line
// (`--provider kimai --url …`), which wins. Each back end's tracker is its own chunk of the bundle,
// loaded when the engine first needs it (providers/back-ends.ts), and every remote one is made from the
// same options, its secret and deadline read the same way (remote/remote-access.ts).
import { join } from 'node:path';
import {
  backEndAt,
  backEndOf,
  credentialAccount,
  isRemote,
  sameBackEnd,
  secondCredentialAccount,
  type BackEndProfile,
  type RemoteProfile,
} from '../contract/back-ends.ts';
import { trackerTokenVariable } from '../contract/connections.ts';
import type { CredentialStore } from '../credentials/index.ts';
import { connectionEnv, type ConnectionOf, typeVariableShared } from '../credentials/connection-secret.ts';
import { bindFormSecret, type FormSecretOrigin } from '../credentials/form-secret.ts';
import { pacedPerKey } from './remote/key-pace.ts';
import { remoteAccess, type AccessFor } from './remote/remote-access.ts';
import { RemoteError, remoteRefusal } from './remote/remote-error.ts';
import { ENGINE_SIDES, remoteSideOf } from './back-ends.ts';
import type { RemoteTracker, RemoteTrackerOptions } from './remote-tracker.ts';
import type { TimeTracker } from './time-tracker.ts';
import type { OrganisationAccount } from './acting-for.ts';

/**
 * What the engine makes its back end from: what every remote back end is made from (remote-tracker.ts)
 * but the secret and the deadline, which are found here, and what the local one needs.
 */
export interface TrackerFactoryOptions extends Omit<RemoteTrackerOptions<BackEndProfile>, 'secret' | 'secondSecret' | 'timeoutMs' | 'keyPace'> {
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
  /**
   * The connection this tracker is, among the several the engine serves (docs/several-trackers.md): its
   * secret is then found in a connection's order (credentials/connection-secret.ts). Absent with one.
   */
  connection?: ConnectionOf;
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
  const { connection } = options;
  const scoped = connection ? connectionEnv(options.env ?? process.env, connection, profile.type) : { env: options.env ?? process.env, ignored: null };
  const form = options.formSecret ?? { backEnd: undefined, policyFixes: false };
  const bound = bindFormSecret(scoped.env, form, profile);
  // Among several trackers, the extension's secret given for another of them is in use there: nothing was withheld from this one.
  const withheld =
    connection && form.backEnd && connection.connections.some((other) => sameBackEnd(other.profile, form.backEnd as BackEndProfile)) ? null : bound.withheld;
  if (withheld) options.log(withheld);
  const access = remoteAccess(
    { env: bound.env, log: options.log, ...(options.credentials ? { credentials: options.credentials } : {}) },
    credentialAccount(profile),
    profile.type,
    connection ? accessFor(connection, profile, scoped.ignored) : undefined,
    secondCredentialAccount(profile),
  );
  const found = withheld
    ? async () => (await access.secret()) ?? Promise.reject(new RemoteError('no_token', remoteRefusal('remote_secret_withheld', { reason: withheld })))
    : access.secret;
  // Trackers that may share a key (several connections) keep one pace per key where the back end counts per key.
  const perKey = connection ? pacedPerKey(found) : undefined;
  const secret = perKey ? perKey.secret : found;
  const tracker = await create({
    profile,
    userDataDir: options.userDataDir,
    ...(options.sharedDataDir ? { sharedDataDir: options.sharedDataDir } : {}),
    ...(perKey ? { keyPace: perKey.pace } : {}),
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
 * A connection's own secret, and where its back end's variable is not used for it (`ignored`: connections of
 * its back end at different accounts), the refusal that names the variable to set instead of the back end's own.
 */
function accessFor({ name, connections }: ConnectionOf, profile: RemoteProfile, ignored: string | null): AccessFor {
  if (typeVariableShared(connections, profile.type)) return { name };
  const { label, secret } = backEndOf(profile.type);
  return {
    name,
    missing: () =>
      new RemoteError(
        'no_token',
        remoteRefusal('remote_tracker_secret_missing', {
          tracker: name,
          service: label,
          secret: secret?.name ?? 'secret',
          address: backEndAt(profile),
          variable: trackerTokenVariable(name),
          ignored,
        }),
      ),
  };
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
    undefined,
    secondCredentialAccount(profile),
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
