// The composed store: environment first, keychain second, reads that survive a missing keychain.
import { describe, expect, it, vi } from 'vitest';
import { createCredentialStore, CredentialStoreError, KEYCHAIN_SERVICE } from '../../../mcp-server/credentials/index.ts';
import { createFakeKeychain, storedKey } from './fake-keychain.ts';

const KIMAI = 'kimai:https://kimai.example.com';
const SECRET = 'kimai-api-token-5d1c8e2b';
const NO_SECRET_SERVICE = 'The name org.freedesktop.secrets was not provided by any .service files';

function compose(env: NodeJS.ProcessEnv = {}) {
  const fake = createFakeKeychain();
  const loadKeychain = vi.fn(async () => fake);
  const log = vi.fn<(message: string) => void>();
  const store = createCredentialStore({ env, log, loadKeychain });
  return { fake, loadKeychain, log, store };
}

describe('createCredentialStore', () => {
  it('prefers the environment variable and then leaves the keychain alone', async () => {
    const { fake, loadKeychain, store } = compose({ PUNCHCARD_KIMAI_TOKEN: 'from-env' });
    fake.entries.set(storedKey(KEYCHAIN_SERVICE, KIMAI), 'from-keychain');
    expect(store.kind).toBe('environment+keychain');
    expect(await store.get(KIMAI)).toBe('from-env');
    expect(loadKeychain).not.toHaveBeenCalled();
  });

  it('falls back to the keychain when the variable is unset', async () => {
    const { fake, store } = compose({ PUNCHCARD_CLOCKODO_TOKEN: 'other provider' });
    expect(await store.get(KIMAI)).toBeNull();
    fake.entries.set(storedKey(KEYCHAIN_SERVICE, KIMAI), 'from-keychain');
    expect(await store.get(KIMAI)).toBe('from-keychain');
  });

  it('reads process.env when no env is given', async () => {
    process.env.PUNCHCARD_COMPOSETEST_TOKEN = 'from-process';
    try {
      const store = createCredentialStore({ log: () => {}, loadKeychain: async () => createFakeKeychain() });
      expect(await store.get('composetest:https://x')).toBe('from-process');
    } finally {
      delete process.env.PUNCHCARD_COMPOSETEST_TOKEN;
    }
  });

  it('writes and deletes in the keychain', async () => {
    const { fake, store } = compose();
    await store.set(KIMAI, SECRET);
    expect(fake.entries.get(storedKey(KEYCHAIN_SERVICE, KIMAI))).toBe(SECRET);
    expect(await store.get(KIMAI)).toBe(SECRET);
    expect(await store.delete(KIMAI)).toBe(true);
    expect(await store.get(KIMAI)).toBeNull();
    expect(await store.delete(KIMAI)).toBe(false);
  });

  it('says when a saved secret is shadowed by the environment', async () => {
    const { fake, log, store } = compose({ PUNCHCARD_KIMAI_TOKEN: 'from-env' });
    await store.set(KIMAI, SECRET);
    expect(fake.entries.get(storedKey(KEYCHAIN_SERVICE, KIMAI))).toBe(SECRET);
    expect(log).toHaveBeenCalledTimes(1);
    expect(log.mock.calls[0]?.[0]).toMatch(/PUNCHCARD_KIMAI_TOKEN .*takes precedence/);
    expect(log.mock.calls[0]?.[0]).not.toContain(SECRET);
    expect(log.mock.calls[0]?.[0]).not.toContain('from-env');
  });

  describe('without a keychain', () => {
    it('reads return null and the reason is logged once', async () => {
      const { fake, log, store } = compose();
      fake.failure = new Error(NO_SECRET_SERVICE);

      expect(await store.get(KIMAI)).toBeNull();
      expect(await store.get(KIMAI)).toBeNull();
      expect(await store.get('clockodo:https://my.clockodo.com')).toBeNull();

      expect(log).toHaveBeenCalledTimes(1);
      const line = log.mock.calls[0]?.[0] ?? '';
      expect(line).not.toContain('\n');
      expect(line).toContain('The system keychain is not available (no Secret Service on D-Bus).');
      expect(line).toContain('PUNCHCARD_KIMAI_TOKEN');
    });

    it('reads still come from the environment', async () => {
      const { fake, log, store } = compose({ PUNCHCARD_KIMAI_TOKEN: 'from-env' });
      fake.failure = new Error(NO_SECRET_SERVICE);
      expect(await store.get(KIMAI)).toBe('from-env');
      expect(await store.get('clockodo:https://my.clockodo.com')).toBeNull();
      expect(log).toHaveBeenCalledTimes(1);
    });

    it('reads survive the keychain library failing to load', async () => {
      const log = vi.fn<(message: string) => void>();
      const store = createCredentialStore({
        env: {},
        log,
        loadKeychain: async () => {
          throw new Error("Cannot find module '@napi-rs/keyring-linux-x64-gnu'");
        },
      });
      expect(await store.get(KIMAI)).toBeNull();
      expect(log).toHaveBeenCalledTimes(1);
      expect(log.mock.calls[0]?.[0]).toMatch(/@napi-rs\/keyring\) could not be loaded/);
    });

    it('writes and deletes reject with the keychain error, without the secret', async () => {
      const { fake, store } = compose();
      fake.failure = (_service, _account, password) => new Error(`${NO_SECRET_SERVICE} (while storing ${password})`);

      const setError = await store.set(KIMAI, SECRET).catch((error: unknown) => error);
      expect(setError).toBeInstanceOf(CredentialStoreError);
      expect(setError).toMatchObject({ reason: 'unavailable' });
      expect((setError as Error).message).not.toContain(SECRET);

      await expect(store.delete(KIMAI)).rejects.toMatchObject({ reason: 'unavailable' });
    });
  });

  it('propagates a refusal on read instead of hiding it', async () => {
    const { fake, log, store } = compose();
    fake.failure = new Error('The prompt was dismissed');
    await expect(store.get(KIMAI)).rejects.toMatchObject({ reason: 'denied' });
    fake.failure = new Error('disk on fire');
    await expect(store.get(KIMAI)).rejects.toMatchObject({ reason: 'failed' });
    expect(log).not.toHaveBeenCalled();
  });
});
