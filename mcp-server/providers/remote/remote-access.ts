// What every remote back end's factory reads from the environment: the secret (a variable first, the
// OS keychain second; the store is made here but opened on the first request, so tools/list never
// waits for the keychain), the request deadline, PUNCHCARD_<BACK END>_TIMEOUT_MS, and the pace kept to
// where the back end counts requests a second, PUNCHCARD_<BACK END>_PER_SECOND. A connection among
// several finds its secret in its own order (credentials/connection-secret.ts). A back end with a second secret
// (Tempo Timesheets' Jira API token) has it found the same way under its own account and variable.
import { type CredentialStore, createCredentialStore } from '../../credentials/index.ts';
import { connectionSecondSecret, connectionSecret } from '../../credentials/connection-secret.ts';
import { envVariableFor } from '../../credentials/env-store.ts';
import type { RemoteProfile } from '../../contract/settings.ts';
import type { Log } from '../../log.ts';

export interface RemoteAccessOptions {
  env: NodeJS.ProcessEnv;
  log: Log;
  /** Defaults to environment variables, then the OS keychain (for a connection among several: the keychain alone). */
  credentials?: CredentialStore;
}

/** The connection among several a back end is opened for: its name, and what to say where it has no secret. */
export interface AccessFor {
  name: string;
  /** The refusal where no secret is found (its variable named); without it the back end's own words say so. */
  missing?: () => Error;
}

export function remoteAccess(
  options: RemoteAccessOptions,
  account: string,
  type: RemoteProfile['type'],
  connection?: AccessFor,
  secondAccount: string | null = null,
): { secret: () => Promise<string | null>; secondSecret?: () => Promise<string | null>; timeoutMs?: number; perSecond?: number } {
  const timeoutMs = Number(options.env[`PUNCHCARD_${type.toUpperCase()}_TIMEOUT_MS`]);
  const perSecond = Number(options.env[`PUNCHCARD_${type.toUpperCase()}_PER_SECOND`]);
  const second = secondAccount === null ? undefined : connection ? connectionSecondOf(options, secondAccount, connection) : storeSecret(options, secondAccount);
  return {
    secret: connection ? connectionSecretOf(options, account, type, connection) : storeSecret(options, account),
    ...(second ? { secondSecret: second } : {}),
    ...(Number.isFinite(timeoutMs) && timeoutMs > 0 ? { timeoutMs } : {}),
    ...(Number.isSafeInteger(perSecond) && perSecond > 0 ? { perSecond } : {}),
  };
}

function storeSecret(options: RemoteAccessOptions, account: string): () => Promise<string | null> {
  const credentials = options.credentials ?? createCredentialStore({ env: options.env, log: options.log });
  return () => credentials.get(account);
}

/** A connection's second secret: its own keychain item, the service's variable, the account's item (connection-secret.ts). */
function connectionSecondOf(options: RemoteAccessOptions, account: string, connection: AccessFor): () => Promise<string | null> {
  const keychain = options.credentials ?? createCredentialStore({ env: {}, log: options.log });
  return () => connectionSecondSecret(options.env, keychain, account, envVariableFor(account), connection.name);
}

function connectionSecretOf(options: RemoteAccessOptions, account: string, type: string, connection: AccessFor): () => Promise<string | null> {
  // The variables are read in the connection's own order, so the store is asked for its keychain alone:
  // the environment store would answer `<account>#<name>` with the back end's variable.
  const keychain = options.credentials ?? createCredentialStore({ env: {}, log: options.log });
  return async () => {
    const found = await connectionSecret(options.env, keychain, account, type, connection.name);
    if (found || !connection.missing) return found;
    throw connection.missing();
  };
}
