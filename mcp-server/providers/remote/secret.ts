// The secret a remote back end is called with (a token, an API key), read from the credential store
// on the first request and kept for the process; forgotten after the back end refused it, so a secret
// the app saved meanwhile is picked up by the next call. A store that fails, or holds none, is said
// in the back end's own words; a store that already said why in them (a secret that belongs to
// another back end: credentials/form-secret.ts) is passed on as it is.
import { RemoteError } from './remote-error.ts';

export interface SecretWords {
  /** What the back end calls it, in words ('token', 'API key'). */
  name: string;
  /** The store could not be read (a locked keychain). */
  unreadable(reason: string): Error;
  /** Nothing is stored; `action` completes "so Punchcard could not …". */
  missing(action: string): Error;
}

export interface CachedSecret {
  get(action: string): Promise<string>;
  /** Call after the back end refused the secret (401). */
  forget(): void;
}

export function cachedSecret(read: () => Promise<string | null>, words: SecretWords): CachedSecret {
  let secret: Promise<string | null> | undefined;
  return {
    async get(action) {
      secret ??= read();
      let value: string | null;
      try {
        value = await secret;
      } catch (error) {
        secret = undefined;
        if (error instanceof RemoteError) throw error;
        throw words.unreadable((error as Error).message);
      }
      if (!value) {
        secret = undefined;
        throw words.missing(action);
      }
      return value;
    },
    forget() {
      secret = undefined;
    },
  };
}
