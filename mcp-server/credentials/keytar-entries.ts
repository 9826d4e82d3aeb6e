// Secrets an earlier Punchcard saved on Linux through keytar (docs/decisions.md, "Secrets"). keytar
// filed them through libsecret under the attributes service, account and xdg:schema
// (org.freedesktop.Secret.Generic); @napi-rs/keyring files under service and username, so it
// cannot see them. The keychain store reads them here, over the Secret Service's D-Bus API, when
// the library finds nothing, and removes them when the secret is saved anew or forgotten, so a
// person upgrading keeps their tokens and a forgotten token cannot come back from the old entry.
import { connectSessionBus, type BusConnection } from './dbus/session-bus.ts';
import type { DBusValue } from './dbus/wire.ts';
import type { KeychainLike } from './keychain-store.ts';

export interface KeytarEntries {
  /** The secret keytar would have found, or null. */
  read(service: string, account: string): Promise<string | null>;
  /** Removes every entry keytar would have matched; false when there was none. */
  remove(service: string, account: string): Promise<boolean>;
}

/**
 * The library first; keytar's entries where it has none. A save replaces the old entry; a delete
 * removes both, and says true when either existed.
 */
export function withKeytarEntries(keychain: KeychainLike, entries: KeytarEntries): KeychainLike {
  return {
    async getPassword(service, account) {
      return (await keychain.getPassword(service, account)) ?? entries.read(service, account);
    },
    async setPassword(service, account, password) {
      await keychain.setPassword(service, account, password);
      // The new entry is read first from now on, so an old one left behind (its removal refused)
      // can only be stale; deletePassword removes it, and says so when it cannot.
      await entries.remove(service, account).catch(() => false);
    },
    async deletePassword(service, account) {
      const deleted = await keychain.deletePassword(service, account);
      const removed = await entries.remove(service, account);
      return deleted || removed;
    },
  };
}

const SECRETS = 'org.freedesktop.secrets';
const SERVICE = { destination: SECRETS, path: '/org/freedesktop/secrets', interface: 'org.freedesktop.Secret.Service' };
const ITEM = 'org.freedesktop.Secret.Item';
const PROMPT = 'org.freedesktop.Secret.Prompt';
/** "/" is the Secret Service's way of saying no prompt is needed. */
const NO_PROMPT = '/';
/** Long enough for a person to type the keyring's password into the unlock prompt. */
const PROMPT_TIMEOUT_MS = 120_000;

/** The attributes keytar's libsecret schema gives an entry and looks it up by. */
export function keytarAttributes(service: string, account: string): Array<[string, string]> {
  return [
    ['service', service],
    ['account', account],
    ['xdg:schema', 'org.freedesktop.Secret.Generic'],
  ];
}

/** keytar's entries on the session bus of `env`; each call opens its own connection and closes it. */
export function keytarEntries(env: NodeJS.ProcessEnv = process.env): KeytarEntries {
  async function onBus<T>(work: (bus: BusConnection) => Promise<T>): Promise<T> {
    const bus = await connectSessionBus(env);
    try {
      return await work(bus);
    } finally {
      bus.close();
    }
  }

  return {
    read: (service, account) =>
      onBus(async (bus) => {
        const { unlocked, locked } = await search(bus, service, account);
        // As libsecret looked up: an unlocked match first, else the first locked one, unlocked.
        const item = unlocked[0] ?? locked[0];
        if (item === undefined) return null;
        if (unlocked.length === 0) await unlock(bus, [item]);
        // The plain algorithm: the secret crosses the session bus unencrypted, which only this
        // user's processes can reach, and they can ask the Secret Service for it themselves.
        const [, session] = (await bus.call({ ...SERVICE, member: 'OpenSession', signature: 'sv', body: ['plain', { signature: 's', value: '' }], reply: 'vo' })) as [
          unknown,
          string,
        ];
        // The secret: its session, the algorithm's parameters (none for plain), the value, its type.
        const [[, , value]] = (await bus.call({ destination: SECRETS, path: item, interface: ITEM, member: 'GetSecret', signature: 'o', body: [session], reply: '(oayays)' })) as [
          [string, Buffer, Buffer, string],
        ];
        return value.toString('utf8');
      }),
    remove: (service, account) =>
      onBus(async (bus) => {
        const { unlocked, locked } = await search(bus, service, account);
        if (locked.length > 0) await unlock(bus, locked);
        // libsecret's clear removed every match; so does this.
        for (const item of [...unlocked, ...locked]) {
          const [prompt] = (await bus.call({ destination: SECRETS, path: item, interface: ITEM, member: 'Delete', reply: 'o' })) as [string];
          await complete(bus, prompt, 'delete the old keychain entry');
        }
        return unlocked.length + locked.length > 0;
      }),
  };
}

async function search(bus: BusConnection, service: string, account: string): Promise<{ unlocked: string[]; locked: string[] }> {
  const attributes = keytarAttributes(service, account) as DBusValue[];
  const [unlocked, locked] = (await bus.call({ ...SERVICE, member: 'SearchItems', signature: 'a{ss}', body: [attributes], reply: 'aoao' })) as [
    string[],
    string[],
  ];
  return { unlocked, locked };
}

async function unlock(bus: BusConnection, items: string[]): Promise<void> {
  const [, prompt] = (await bus.call({ ...SERVICE, member: 'Unlock', signature: 'ao', body: [items], reply: 'aoo' })) as [string[], string];
  await complete(bus, prompt, 'unlock the keyring');
}

/** Shows the Secret Service's prompt, if it needs one, and waits for the person to answer it. */
async function complete(bus: BusConnection, prompt: string, purpose: string): Promise<void> {
  if (prompt === NO_PROMPT) return;
  const { next } = await bus.watchSignal({ path: prompt, interface: PROMPT, member: 'Completed', signature: 'bv' }, PROMPT_TIMEOUT_MS);
  // No parent window: the engine has none, and the prompt is the keyring's own.
  await bus.call({ destination: SECRETS, path: prompt, interface: PROMPT, member: 'Prompt', signature: 's', body: [''] });
  const [dismissed] = (await next) as [boolean];
  if (dismissed) throw new Error(`The Secret Service prompt to ${purpose} was dismissed`);
}
