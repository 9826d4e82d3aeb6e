// How the keychain store combines the library with the entries keytar left (keytar-entries.ts), around
// fakes; keychain.test.ts does the same against a real gnome-keyring.
import { describe, expect, it, vi } from 'vitest';
import { keytarAttributes, withKeytarEntries, type KeytarEntries } from '../../../mcp-server/credentials/keytar-entries.ts';
import { createFakeKeychain, storedKey } from './fake-keychain.ts';

const SERVICE = 'Punchcard';
const KIMAI = 'kimai:https://kimai.example.com';

function fakeKeytarEntries() {
  const entries = new Map<string, string>();
  const fake = {
    entries,
    failure: null as Error | null,
    read: vi.fn(async (service: string, account: string) => {
      if (fake.failure) throw fake.failure;
      return entries.get(storedKey(service, account)) ?? null;
    }),
    remove: vi.fn(async (service: string, account: string) => {
      if (fake.failure) throw fake.failure;
      return entries.delete(storedKey(service, account));
    }),
  };
  return fake satisfies KeytarEntries;
}

function setUp() {
  const library = createFakeKeychain();
  const keytar = fakeKeytarEntries();
  return { library, keytar, keychain: withKeytarEntries(library, keytar) };
}

describe('withKeytarEntries', () => {
  it('reads the library first and keytar’s entry only where the library has none', async () => {
    const { library, keytar, keychain } = setUp();
    keytar.entries.set(storedKey(SERVICE, KIMAI), 'from-keytar');
    expect(await keychain.getPassword(SERVICE, KIMAI)).toBe('from-keytar');

    library.entries.set(storedKey(SERVICE, KIMAI), 'from-library');
    keytar.read.mockClear();
    expect(await keychain.getPassword(SERVICE, KIMAI)).toBe('from-library');
    expect(keytar.read).not.toHaveBeenCalled();
    expect(await keychain.getPassword(SERVICE, 'clockodo:ada@example.com')).toBeNull();
  });

  it('saves in the library and removes keytar’s entry, which could only be stale from then on', async () => {
    const { library, keytar, keychain } = setUp();
    keytar.entries.set(storedKey(SERVICE, KIMAI), 'old');
    await keychain.setPassword(SERVICE, KIMAI, 'new');
    expect(library.entries.get(storedKey(SERVICE, KIMAI))).toBe('new');
    expect(keytar.entries.size).toBe(0);
  });

  it('keeps a save that keytar’s entry refused to leave: the new entry is read first', async () => {
    const { library, keytar, keychain } = setUp();
    keytar.failure = new Error('The Secret Service prompt to delete the old keychain entry was dismissed');
    await keychain.setPassword(SERVICE, KIMAI, 'new');
    keytar.failure = null;
    keytar.entries.set(storedKey(SERVICE, KIMAI), 'old');
    expect(library.entries.get(storedKey(SERVICE, KIMAI))).toBe('new');
    expect(await keychain.getPassword(SERVICE, KIMAI)).toBe('new');
  });

  it('deletes both entries and says whether either existed', async () => {
    const { library, keytar, keychain } = setUp();
    library.entries.set(storedKey(SERVICE, KIMAI), 'new');
    keytar.entries.set(storedKey(SERVICE, KIMAI), 'old');
    expect(await keychain.deletePassword(SERVICE, KIMAI)).toBe(true);
    expect(library.entries.size + keytar.entries.size).toBe(0);

    keytar.entries.set(storedKey(SERVICE, KIMAI), 'old');
    expect(await keychain.deletePassword(SERVICE, KIMAI)).toBe(true);
    expect(await keychain.deletePassword(SERVICE, KIMAI)).toBe(false);
  });

  it('fails a delete whose keytar entry stays, so no one is told a secret is gone that could come back', async () => {
    const { keytar, keychain } = setUp();
    keytar.entries.set(storedKey(SERVICE, KIMAI), 'old');
    keytar.failure = new Error('The Secret Service prompt to unlock the keyring was dismissed');
    await expect(keychain.deletePassword(SERVICE, KIMAI)).rejects.toThrow(/dismissed/);
  });

  it('leaves keytar’s entries alone when the library cannot answer', async () => {
    const { library, keytar, keychain } = setUp();
    library.failure = new Error('The name org.freedesktop.secrets was not provided by any .service files');
    await expect(keychain.getPassword(SERVICE, KIMAI)).rejects.toThrow(/org\.freedesktop\.secrets/);
    await expect(keychain.setPassword(SERVICE, KIMAI, 'new')).rejects.toThrow(/org\.freedesktop\.secrets/);
    await expect(keychain.deletePassword(SERVICE, KIMAI)).rejects.toThrow(/org\.freedesktop\.secrets/);
    expect(keytar.read).not.toHaveBeenCalled();
    expect(keytar.remove).not.toHaveBeenCalled();
  });

  it('looks entries up by the attributes keytar’s libsecret schema gave them', () => {
    expect(keytarAttributes(SERVICE, KIMAI)).toEqual([
      ['service', 'Punchcard'],
      ['account', KIMAI],
      ['xdg:schema', 'org.freedesktop.Secret.Generic'],
    ]);
  });
});
