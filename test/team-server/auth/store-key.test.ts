// A store knows its server key (team-server/auth/key-rotation.ts, checkStoreKey): the first server on
// a new store tells it, an older Punchcard's store learns it from what it keeps, and from then on a
// server, an admin verb or the audit command given another key is refused in one sentence that names
// both keys by their ids, before anything is read, sealed or written. On SQLite and PostgreSQL.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sealCredentials } from '../../../team-server/auth/credentials.ts';
import { checkStoreKey, endedRotation, keysFromStore, startedRotation } from '../../../team-server/auth/key-rotation.ts';
import { keptKeysOf, keyIdOf, sealingKeyOf } from '../../../team-server/auth/server-keys.ts';
import { openStore } from '../../../team-server/store/open-store.ts';
import type { Store } from '../../../team-server/store/store.ts';
import { startPostgres, type TestPostgres } from '../../support/postgres.ts';

const RIGHT = randomBytes(32);
const WRONG = randomBytes(32);
const NEXT = randomBytes(32);
const now = () => 1_800_000_000_000;

let postgres: TestPostgres;
let folder: string;
beforeAll(async () => {
  postgres = await startPostgres();
  folder = mkdtempSync(join(tmpdir(), 'punchcard-store-key-'));
}, 60_000);
afterAll(() => {
  postgres?.remove();
  if (folder) rmSync(folder, { recursive: true, force: true });
});

/** A new, empty store of each kind; `open` opens it again, as another instance or command would. */
const kinds: Record<string, () => () => Promise<Store>> = {
  sqlite: () => {
    const spec = { store: `sqlite:${join(folder, `${Math.random()}.db`)}` };
    return () => openStore(spec, { now, env: {} });
  },
  postgres: () => {
    const name = `db${Math.random().toString(36).slice(2, 10)}`;
    postgres.psql(`CREATE DATABASE ${name}`);
    const spec = { store: postgres.url.replace(/\/punchcard$/, `/${name}`), postgres: { password_env: 'PGPW', tls: 'disable' as const, pool_size: 2 } };
    return () => openStore(spec, { now, env: { PGPW: postgres.password } });
  },
};

describe.each(Object.keys(kinds))('the key of a %s store', (kind) => {
  const opened: Store[] = [];
  const fresh = async () => {
    const open = (kinds[kind] as () => () => Promise<Store>)();
    const store = await open();
    opened.push(store);
    return { store, again: async () => opened[opened.push(await open()) - 1] as Store };
  };
  afterAll(async () => {
    for (const store of opened) await store.close();
  });

  it('is learned by the first server on a new store, and any other key is then refused in words naming both, with nothing changed', async () => {
    const { store, again } = await fresh();
    const first = await checkStoreKey(RIGHT, store, 'PUNCHCARD_SERVER_KEY', { learn: true });
    expect(first).toMatchObject({ ok: true, learned: true });
    const state = await store.keyRotation();
    expect(state).toContain(keyIdOf(RIGHT));
    expect(state).not.toContain(RIGHT.toString('base64'));
    const other = await again();
    expect(await checkStoreKey(WRONG, other, 'PUNCHCARD_SERVER_KEY', { learn: true })).toEqual({
      ok: false,
      problem: `The key in PUNCHCARD_SERVER_KEY (key_env), key ${keyIdOf(WRONG)}, is not this store's: this store opens with key ${keyIdOf(RIGHT)}. Nothing was changed.`,
    });
    expect(await keysFromStore(WRONG, other, 'PUNCHCARD_SERVER_KEY', { learn: true })).toMatch(/^The key in PUNCHCARD_SERVER_KEY/);
    expect(await other.keyRotation()).toBe(state);
    expect(await checkStoreKey(RIGHT, other, 'PUNCHCARD_SERVER_KEY', { learn: true })).toMatchObject({ ok: true, learned: false });
  });

  it('is the first instance’s where two with different keys start on a new store at once', async () => {
    const { store, again } = await fresh();
    const other = await again();
    const [a, b] = await Promise.all([checkStoreKey(RIGHT, store, 'K', { learn: true }), checkStoreKey(WRONG, other, 'K', { learn: true })]);
    // Exactly one of them is the store's now; the other is refused.
    expect([a.ok, b.ok].filter(Boolean)).toHaveLength(1);
    expect((await store.keyRotation()) ?? '').toContain(keyIdOf(a.ok ? RIGHT : WRONG));
  });

  it('is learned from what an older Punchcard’s store keeps: a key that opens none of it is refused and teaches nothing', async () => {
    const { store } = await fresh();
    // As an older Punchcard left it: sealed credentials, and no key state.
    await store.savePerson({ id: 'p1', identity: 'dev:ada', name: 'Ada', email: null, at: now() });
    await store.setCredentials('p1', sealCredentials(sealingKeyOf(RIGHT), 'p1', { secret: 'ada-token' }));
    expect(await store.keyRotation()).toBeUndefined();
    expect(await checkStoreKey(WRONG, store, 'PUNCHCARD_SERVER_KEY', { learn: true })).toEqual({
      ok: false,
      problem: `The key in PUNCHCARD_SERVER_KEY (key_env), key ${keyIdOf(WRONG)}, is not this store's: nothing the store keeps opens with it. Start with the key the store was made with; nothing was changed.`,
    });
    expect(await store.keyRotation()).toBeUndefined();
    // A check that only reads (admin check) accepts the right key without telling the store.
    expect(await checkStoreKey(RIGHT, store, 'K', { learn: false })).toMatchObject({ ok: true, learned: false });
    expect(await store.keyRotation()).toBeUndefined();
    expect(await checkStoreKey(RIGHT, store, 'K', { learn: true })).toMatchObject({ ok: true, learned: true });
    expect(await store.keyRotation()).toContain(keyIdOf(RIGHT));
  });

  it('names both keys of a rotation under way, and the one it ended on', async () => {
    const { store } = await fresh();
    await store.saveKeyRotation(startedRotation(RIGHT, NEXT, keptKeysOf(RIGHT), now()));
    const during = await checkStoreKey(WRONG, store, 'K', { learn: true });
    expect(during).toEqual({
      ok: false,
      problem: `The key in K (key_env), key ${keyIdOf(WRONG)}, is not this store's: this store opens with key ${keyIdOf(NEXT)} (or, until its rotation ends, key ${keyIdOf(RIGHT)}). Nothing was changed.`,
    });
    expect(await checkStoreKey(RIGHT, store, 'K', { learn: true })).toMatchObject({ ok: true });
    await store.saveKeyRotation(endedRotation(NEXT, keptKeysOf(RIGHT)));
    expect(await checkStoreKey(RIGHT, store, 'K', { learn: true })).toMatchObject({ ok: false });
  });
});
