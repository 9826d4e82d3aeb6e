// An in-memory stand-in for the keychain library, for testing what the stores do around it. The
// real keychain is exercised in keychain.test.ts.
import type { KeychainLike } from '../../../mcp-server/credentials/keychain-store.ts';

export interface FakeKeychain extends KeychainLike {
  readonly entries: Map<string, string>;
  /** When set, every call rejects with this (a function builds it from the call's arguments). */
  failure: Error | ((service: string, account: string, password?: string) => Error) | null;
  calls: number;
}

export function storedKey(service: string, account: string): string {
  return `${service}\u0000${account}`;
}

export function createFakeKeychain(): FakeKeychain {
  const entries = new Map<string, string>();
  const fake: FakeKeychain = {
    entries,
    failure: null,
    calls: 0,
    async getPassword(service, account) {
      enter(service, account);
      return entries.get(storedKey(service, account)) ?? null;
    },
    async setPassword(service, account, password) {
      enter(service, account, password);
      entries.set(storedKey(service, account), password);
    },
    async deletePassword(service, account) {
      enter(service, account);
      return entries.delete(storedKey(service, account));
    },
  };

  function enter(service: string, account: string, password?: string): void {
    fake.calls++;
    const failure = fake.failure;
    if (failure) throw typeof failure === 'function' ? failure(service, account, password) : failure;
  }

  return fake;
}
