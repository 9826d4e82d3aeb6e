// What every admin verb is handed (the environment, where to write) and the store it works on, opened
// as the server opens it but never made: a command run against a mistyped path must not leave an
// empty store behind that looks healthy. A verb that reads or changes what the store keeps also has
// its key checked first, and a key that is not the store's is refused before anything is touched.
import type { ServerConfig } from '../config/server-config.ts';
import type { Store } from '../store/store.ts';
import type { ServerKeys } from '../auth/server-keys.ts';

export interface AdminIo {
  env: NodeJS.ProcessEnv;
  out: (text: string) => void;
  err: (text: string) => void;
}

/** The store the config names, as it is, or the reason it cannot be opened (said on stderr). */
export async function openConfiguredStore(config: ServerConfig, io: AdminIo): Promise<Store | undefined> {
  const { openStore, storeProblem } = await import('../store/open-store.ts');
  const { unsetSecret } = await import('../config/secret-files.ts');
  const unset = unsetSecret(config, io.env, 'postgres.password_env');
  if (unset) return void io.err(`${unset}\n`);
  try {
    return await openStore(config, { now: Date.now, env: io.env, mustExist: true });
  } catch (error) {
    io.err(`${storeProblem(config.store, error)}\n`);
    return undefined;
  }
}

/** A store opened with the server key checked against it (KeyedStore), or undefined with the reason said on stderr. */
export interface KeyedStore {
  store: Store;
  /** The server key in key_env. */
  key: Buffer;
  /** What the key works with on this store (a rotation in progress included). */
  keys: ServerKeys;
}

/**
 * The store with the key in `key_env` checked against it: refused in one sentence (and the store
 * closed, nothing in it changed) when the key is missing, malformed, or not the store's.
 */
export async function openKeyedStore(config: ServerConfig, io: AdminIo): Promise<KeyedStore | undefined> {
  const { readServerKey } = await import('../auth/server-keys.ts');
  const { keysFromStore } = await import('../auth/key-rotation.ts');
  const key = readServerKey(io.env, config.key_env);
  if (typeof key === 'string') return void io.err(`${key}\n`);
  const store = await openConfiguredStore(config, io);
  if (!store) return undefined;
  try {
    const keys = await keysFromStore(key, store, config.key_env);
    if (typeof keys !== 'string') return { store, key, keys };
    io.err(`${keys}\n`);
  } catch (error) {
    io.err(`The store could not be read: ${(error as Error).message}\n`);
  }
  await store.close();
  return undefined;
}
