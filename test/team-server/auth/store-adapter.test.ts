// The authorization server's storage writes a refresh token's rotation whole or not at all: the calls
// the library makes for one refresh (mark the old token used, save its successor, save the new access
// token) are held and written in one transaction. A store that goes away in the middle leaves the old
// token usable (the client's retry then works, instead of looking like a stolen token's reuse), and
// two instances rotating the same token at once issue one successor, not two.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deriveServerKeys } from '../../../team-server/auth/server-keys.ts';
import { storeAdapter, withinTokenRequest } from '../../../team-server/auth/store-adapter.ts';
import { type Store, StoreUnavailable } from '../../../team-server/store/store.ts';
import { openStore } from '../../../team-server/store/open-store.ts';

const keys = deriveServerKeys(Buffer.from(Array.from({ length: 32 }, (_, index) => index + 7)));
const now = () => 1_800_000_000_000;
let folder: string;
let store: Store;

beforeEach(async () => {
  folder = mkdtempSync(join(tmpdir(), 'punchcard-adapter-'));
  store = await openStore({ store: `sqlite:${join(folder, 'server.db')}` }, { now, env: {} });
});
afterEach(async () => {
  await store.close();
  rmSync(folder, { recursive: true, force: true });
});

/** The library's calls for one refresh, in its order. */
async function refresh(on: Store, old: string, next: string, access: string): Promise<void> {
  const Adapter = storeAdapter(on, keys, now);
  await withinTokenRequest(async () => {
    await new Adapter('RefreshToken').consume(old);
    await new Adapter('RefreshToken').upsert(next, { grantId: 'grant-1', kind: 'RefreshToken' }, 3600);
    await new Adapter('AccessToken').upsert(access, { grantId: 'grant-1', kind: 'AccessToken' }, 3600);
  });
}

describe("a refresh token's rotation in the store", () => {
  it('is written at once when the new access token is saved', async () => {
    const Adapter = storeAdapter(store, keys, now);
    await new Adapter('RefreshToken').upsert('rt-1', { grantId: 'grant-1', kind: 'RefreshToken' }, 3600);
    await refresh(store, 'rt-1', 'rt-2', 'at-2');
    expect((await new Adapter('RefreshToken').find('rt-1'))?.consumed).toBe(Math.floor(now() / 1000));
    expect(await new Adapter('RefreshToken').find('rt-2')).toMatchObject({ grantId: 'grant-1' });
    expect(await new Adapter('AccessToken').find('at-2')).toMatchObject({ grantId: 'grant-1' });
  });

  it('leaves the old token unused when the store goes away before the rotation is written', async () => {
    const Adapter = storeAdapter(store, keys, now);
    await new Adapter('RefreshToken').upsert('rt-1', { grantId: 'grant-1', kind: 'RefreshToken' }, 3600);
    // The database stops answering after the old token was marked used (where that is written at once).
    const away = new Proxy(store, {
      get: (target, name) =>
        name === 'rotateOAuth' || name === 'upsertOAuth'
          ? () => Promise.reject(new StoreUnavailable('The PostgreSQL store does not answer (Connection terminated).'))
          : boundTo(target, name),
    });
    await expect(refresh(away, 'rt-1', 'rt-2', 'at-2')).rejects.toThrow(StoreUnavailable);
    expect((await new Adapter('RefreshToken').find('rt-1'))?.consumed).toBeUndefined();
    expect(await new Adapter('RefreshToken').find('rt-2')).toBeUndefined();
    // The client's retry with the same token, once the store is back, works.
    await refresh(store, 'rt-1', 'rt-3', 'at-3');
    expect(await new Adapter('RefreshToken').find('rt-3')).toBeDefined();
  });

  it('issues one successor when two instances rotate the same token at once', async () => {
    const other = await openStore({ store: `sqlite:${join(folder, 'server.db')}` }, { now, env: {} });
    try {
      const Adapter = storeAdapter(store, keys, now);
      await new Adapter('RefreshToken').upsert('rt-1', { grantId: 'grant-1', kind: 'RefreshToken' }, 3600);
      const outcomes = await Promise.allSettled([refresh(store, 'rt-1', 'rt-a', 'at-a'), refresh(other, 'rt-1', 'rt-b', 'at-b')]);
      expect(outcomes.map((outcome) => outcome.status).sort()).toEqual(['fulfilled', 'rejected']);
      expect((outcomes.find((outcome) => outcome.status === 'rejected') as PromiseRejectedResult).reason).toMatchObject({
        error: 'invalid_grant',
        error_detail: 'refresh token already used',
      });
      const successors = await Promise.all(['rt-a', 'rt-b'].map((id) => new Adapter('RefreshToken').find(id)));
      expect(successors.filter(Boolean)).toHaveLength(1);
    } finally {
      await other.close();
    }
  });

  it('writes other records at once, outside a token request as inside one', async () => {
    const Adapter = storeAdapter(store, keys, now);
    await new Adapter('Grant').upsert('grant-2', { accountId: 'p1', kind: 'Grant' }, 3600);
    await withinTokenRequest(() => new Adapter('AuthorizationCode').consume('code-1'));
    expect(await new Adapter('Grant').find('grant-2')).toMatchObject({ accountId: 'p1' });
  });
});

/** The store's own member, its methods bound to it (they use the store's private fields). */
function boundTo(target: Store, name: string | symbol): unknown {
  const value: unknown = Reflect.get(target, name, target);
  return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
}
