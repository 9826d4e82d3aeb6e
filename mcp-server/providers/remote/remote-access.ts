// What every remote back end's factory reads from the environment: the secret (a variable first, the
// OS keychain second; the store is made here but opened on the first request, so tools/list never
// waits for the keychain), the request deadline, PUNCHCARD_<BACK END>_TIMEOUT_MS, and the pace kept to
// where the back end counts requests a second, PUNCHCARD_<BACK END>_PER_SECOND.
import { type CredentialStore, createCredentialStore } from '../../credentials/index.ts';
import type { RemoteProfile } from '../../contract/settings.ts';
import type { Log } from '../../log.ts';

export interface RemoteAccessOptions {
  env: NodeJS.ProcessEnv;
  log: Log;
  /** Defaults to environment variables, then the OS keychain. */
  credentials?: CredentialStore;
}

export function remoteAccess(
  options: RemoteAccessOptions,
  account: string,
  type: RemoteProfile['type'],
): { secret: () => Promise<string | null>; timeoutMs?: number; perSecond?: number } {
  const credentials = options.credentials ?? createCredentialStore({ env: options.env, log: options.log });
  const timeoutMs = Number(options.env[`PUNCHCARD_${type.toUpperCase()}_TIMEOUT_MS`]);
  const perSecond = Number(options.env[`PUNCHCARD_${type.toUpperCase()}_PER_SECOND`]);
  return {
    secret: () => credentials.get(account),
    ...(Number.isFinite(timeoutMs) && timeoutMs > 0 ? { timeoutMs } : {}),
    ...(Number.isSafeInteger(perSecond) && perSecond > 0 ? { perSecond } : {}),
  };
}
