// The keychain store's own logic (lazy loading, error mapping, redaction) around a fake library.
import { describe, expect, it, vi } from 'vitest';
import { CredentialStoreError, KEYCHAIN_SERVICE } from '../../../mcp-server/credentials/credential-store.ts';
import { createKeychainStore } from '../../../mcp-server/credentials/keychain-store.ts';
import { createFakeKeychain, storedKey } from './fake-keychain.ts';

const KIMAI = 'kimai:https://kimai.example.com';
const SECRET = 'sk-live-7f3a9c0e-do-not-print';

function storeWithFake() {
  const fake = createFakeKeychain();
  const loadKeychain = vi.fn(async () => fake);
  return { fake, loadKeychain, store: createKeychainStore({ loadKeychain }) };
}

async function rejection(promise: Promise<unknown>): Promise<CredentialStoreError> {
  const error = await promise.then(
    () => null,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(CredentialStoreError);
  return error as CredentialStoreError;
}

describe('createKeychainStore', () => {
  it('files secrets under the Punchcard service, keyed by account', async () => {
    const { fake, store } = storeWithFake();
    expect(store.kind).toBe('keychain');

    await store.set(KIMAI, SECRET);
    expect(fake.entries.get(storedKey(KEYCHAIN_SERVICE, KIMAI))).toBe(SECRET);
    expect(KEYCHAIN_SERVICE).toBe('Punchcard');

    expect(await store.get(KIMAI)).toBe(SECRET);
    expect(await store.get('kimai:https://other.example.com')).toBeNull();
    expect(await store.delete(KIMAI)).toBe(true);
    expect(await store.delete(KIMAI)).toBe(false);
    expect(await store.get(KIMAI)).toBeNull();
  });

  it('loads the library on first use only, and only once', async () => {
    const { loadKeychain, store } = storeWithFake();
    expect(loadKeychain).not.toHaveBeenCalled();
    await Promise.all([store.get(KIMAI), store.get(KIMAI), store.set(KIMAI, SECRET)]);
    await store.delete(KIMAI);
    expect(loadKeychain).toHaveBeenCalledTimes(1);
  });

  it('reports a library that cannot be loaded as unavailable, once per process', async () => {
    const loadKeychain = vi.fn(async () => {
      throw new Error("Cannot find module '@napi-rs/keyring-linux-x64-gnu'.\nRequire stack:\n- /opt/x.js");
    });
    const store = createKeychainStore({ loadKeychain });

    const error = await rejection(store.get(KIMAI));
    expect(error.reason).toBe('unavailable');
    expect(error.message).toContain('@napi-rs/keyring');
    expect(error.message).toContain("could not be loaded: Cannot find module '@napi-rs/keyring-linux-x64-gnu'. Reinstall Punchcard");
    expect(error.message).not.toContain('\n');
    expect(error.message).toContain('PUNCHCARD_KIMAI_TOKEN');

    const setError = await rejection(store.set(KIMAI, SECRET));
    expect(setError.reason).toBe('unavailable');
    expect(setError.message).not.toContain(SECRET);
    expect(loadKeychain).toHaveBeenCalledTimes(1);
  });

  // Messages as @napi-rs/keyring words them (the first three, seen in keychain.test.ts's sessions),
  // and as libsecret, D-Bus and the macOS keychain do.
  it.each([
    [
      'Platform failure: DBus error: Using X11 for dbus-daemon autolaunch was disabled at compile time, set your DBUS_SESSION_BUS_ADDRESS instead',
      'unavailable',
      /no D-Bus session bus/,
    ],
    ['Platform failure: DBus error: The name org.freedesktop.secrets was not provided by any .service files', 'unavailable', /no Secret Service on D-Bus/],
    [
      "Couldn't access platform storage: Secret Service: unlock prompt was dismissed",
      'denied',
      /refused to save .*unlock prompt was dismissed\)\. Unlock the keychain/,
    ],
    ['Cannot autolaunch D-Bus without X11 $DISPLAY', 'unavailable', /no D-Bus session bus/],
    [
      'The name org.freedesktop.secrets was not provided by any .service files',
      'unavailable',
      /no Secret Service on D-Bus\)\. Install and unlock gnome-keyring, or set PUNCHCARD_KIMAI_TOKEN for headless use\./,
    ],
    ['Object does not exist at path “/org/freedesktop/secrets/collection/login”', 'unavailable', /no default keyring/],
    ['Cannot create an item in a locked collection', 'denied', /refused to save .*locked collection.*Unlock/],
    ['The prompt was dismissed', 'denied', /refused/],
    ['User canceled the operation.', 'denied', /refused/],
    ['Something nobody expected', 'failed', /could not save the credential for kimai:https:\/\/kimai\.example\.com: Something nobody expected\.$/],
  ] as const)('maps "%s" to %s', async (message, reason, wording) => {
    const { fake, store } = storeWithFake();
    fake.failure = new Error(message);
    const error = await rejection(store.set(KIMAI, SECRET));
    expect(error.reason).toBe(reason);
    expect(error.message).toMatch(wording);
    expect(error.message).not.toContain(SECRET);
  });

  it('maps failures of every operation, not only writes', async () => {
    const { fake, store } = storeWithFake();
    fake.failure = new Error('The name org.freedesktop.secrets was not provided by any .service files');
    expect((await rejection(store.get(KIMAI))).reason).toBe('unavailable');
    expect((await rejection(store.delete(KIMAI))).reason).toBe('unavailable');
    fake.failure = new Error('disk on fire');
    expect((await rejection(store.get(KIMAI))).message).toMatch(/could not read/);
    expect((await rejection(store.delete(KIMAI))).message).toMatch(/could not delete/);
  });

  it('cuts the secret out of a back-end message that echoes it', async () => {
    const { fake, store } = storeWithFake();
    fake.failure = (_service, _account, password) => new Error(`refusing to store "${password}": item is locked`);
    const error = await rejection(store.set(KIMAI, SECRET));
    expect(error.reason).toBe('denied');
    expect(error.message).not.toContain(SECRET);
    expect(error.message).toContain('***');
    expect(String(error)).not.toContain(SECRET);
    expect(JSON.stringify(error)).not.toContain(SECRET);
  });

  it('accepts non-Error rejections', async () => {
    const { fake, store } = storeWithFake();
    fake.failure = () => 'plain string failure' as unknown as Error;
    const error = await rejection(store.get(KIMAI));
    expect(error.reason).toBe('failed');
    expect(error.message).toContain('plain string failure');
  });

  it('refuses an empty secret without touching the keychain', async () => {
    const { fake, loadKeychain, store } = storeWithFake();
    const error = await rejection(store.set(KIMAI, ''));
    expect(error.reason).toBe('failed');
    expect(error.message).toMatch(/empty secret/);
    expect(loadKeychain).not.toHaveBeenCalled();
    expect(fake.calls).toBe(0);
  });
});
