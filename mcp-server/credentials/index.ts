// The credential store the engine uses: environment variables first, then the OS keychain.
// An explicit variable is a deliberate headless configuration, so it wins over whatever the app
// once saved. Reads survive a missing keychain (the server keeps working headless); writes come
// from the app, which must hear why they failed.
import { CredentialStoreError, type CredentialStore } from './credential-store.ts';
import { createEnvStore, envVariableFor } from './env-store.ts';
import { createKeychainStore, type KeychainLike } from './keychain-store.ts';

export { CredentialStoreError, KEYCHAIN_SERVICE, type CredentialStore, type CredentialStoreErrorReason } from './credential-store.ts';
export { createEnvStore, envVariableFor } from './env-store.ts';
export { createKeychainStore, type KeychainLike, type KeychainStoreOptions } from './keychain-store.ts';

export interface CredentialStoreOptions {
  env?: NodeJS.ProcessEnv;
  /** Receives operational notes; point it at stderr, never stdout (the MCP protocol). */
  log: (message: string) => void;
  loadKeychain?: () => Promise<KeychainLike>;
}

export function createCredentialStore(options: CredentialStoreOptions): CredentialStore {
  const { log } = options;
  const env = createEnvStore(options.env);
  const keychain = createKeychainStore({ loadKeychain: options.loadKeychain });
  // Every read would hit the same missing keychain; one line says it, repeats would bury the log.
  let reportedUnavailable = false;

  return {
    kind: 'environment+keychain',
    async get(account) {
      const fromEnv = await env.get(account);
      if (fromEnv !== null) return fromEnv;
      try {
        return await keychain.get(account);
      } catch (error) {
        if (!(error instanceof CredentialStoreError) || error.reason !== 'unavailable') throw error;
        if (!reportedUnavailable) {
          reportedUnavailable = true;
          log(`Reading credentials from environment variables only. ${error.message}`);
        }
        return null;
      }
    },
    async set(account, secret) {
      await keychain.set(account, secret);
      // Saving works, but reads would keep returning the variable; say so rather than puzzle anyone.
      if ((await env.get(account)) !== null) {
        log(`${envVariableFor(account)} is set in the environment and takes precedence over the secret just saved in the keychain.`);
      }
    },
    async delete(account) {
      return keychain.delete(account);
    },
  };
}
