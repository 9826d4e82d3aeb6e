// Both stores keep the same promises (mcp-server/store/store.ts): one suite, run against SQLite on a
// real file and against a real PostgreSQL started for the test.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../../mcp-server/store/store.ts';
import { startPostgres, type TestPostgres } from '../../support/postgres.ts';

let postgres: TestPostgres;
let folder: string;
let clock = 1_800_000_000_000;
const now = () => clock;

beforeAll(async () => {
  postgres = await startPostgres();
  folder = mkdtempSync(join(tmpdir(), 'punchcard-store-'));
}, 60_000);
afterAll(() => {
  postgres?.remove();
  if (folder) rmSync(folder, { recursive: true, force: true });
});

const stores: Record<string, () => Promise<Store>> = {
  sqlite: () => openStore({ store: `sqlite:${join(folder, `${Math.random()}.db`)}` }, { now, env: {} }),
  postgres: async () => {
    const database = `db${Math.random().toString(36).slice(2, 10)}`;
    postgres.psql(`CREATE DATABASE ${database}`);
    return openStore({ store: postgres.url.replace(/\/punchcard$/, `/${database}`), postgres: { password_env: 'PGPW', tls: 'disable', pool_size: 4 } }, { now, env: { PGPW: postgres.password } });
  },
};

describe.each(Object.keys(stores))('the %s store', (kind) => {
  let store: Store;
  beforeAll(async () => {
    store = await (stores[kind] as () => Promise<Store>)();
  });
  afterAll(() => store?.close());

  it('keeps authorization records until they expire, finds them by uid, and forgets a revoked grant', async () => {
    await store.upsertOAuth({ model: 'AccessToken', id: 'a1', payload: 'sealed-1', expiresAt: clock + 1000, grantId: 'g1', uid: null, accountId: null });
    await store.upsertOAuth({ model: 'Session', id: 's1', payload: 'sealed-2', expiresAt: clock + 1000, grantId: null, uid: 'u1', accountId: null });
    await store.upsertOAuth({ model: 'Grant', id: 'g1', payload: 'sealed-3', expiresAt: clock + 5000, grantId: 'g1', uid: null, accountId: 'p1' });
    expect((await store.findOAuth('AccessToken', 'a1'))?.payload).toBe('sealed-1');
    expect((await store.findOAuthByUid('Session', 'u1'))?.id).toBe('s1');
    expect((await store.grantsOf('p1')).map((grant) => grant.id)).toEqual(['g1']);
    await store.consumeOAuth('AccessToken', 'a1', clock);
    expect((await store.findOAuth('AccessToken', 'a1'))?.consumedAt).toBe(clock);
    clock += 2000;
    expect(await store.findOAuth('AccessToken', 'a1')).toBeUndefined();
    await store.revokeGrant('g1');
    expect(await store.grantsOf('p1')).toEqual([]);
    await store.sweep(clock);
    expect(await store.findOAuthByUid('Session', 'u1')).toBeUndefined();
  });

  it('keeps people by identity, refreshes their name, and their sealed credentials', async () => {
    const first = await store.savePerson({ id: 'p1', identity: 'kimai:https://k:1', name: 'Ada', email: null, at: clock });
    const again = await store.savePerson({ id: 'other-id', identity: 'kimai:https://k:1', name: 'Ada L.', email: 'ada@example.com', at: clock + 1 });
    expect(again.id).toBe(first.id);
    expect(again.name).toBe('Ada L.');
    await store.setCredentials('p1', 'sealed-secret');
    expect((await store.person('p1'))?.credentials).toBe('sealed-secret');
    expect((await store.personByIdentity('kimai:https://k:1'))?.email).toBe('ada@example.com');
  });

  it('counts hits per window, several at once, and reads a count without counting', async () => {
    expect(await store.hit('person:p1', 60_000)).toBe(1);
    expect(await store.hit('person:p1', 60_000, 5)).toBe(6);
    expect(await store.count('person:p1', 60_000)).toBe(6);
    expect(await store.count('person:p1', 120_000)).toBe(0);
    const together = await Promise.all(Array.from({ length: 20 }, () => store.hit('address:x', 0)));
    expect(Math.max(...together)).toBe(20);
  });

  it('appends the audit log in order and reads it from a day on', async () => {
    const record = { personId: 'p1', person: 'Ada <ada@example.com>', clientId: 'c', clientName: 'Claude', tool: 'clock_in', outcome: 'done' as const, change: { arguments: { project: 'Website' } } };
    await store.appendAudit({ ...record, at: 1000 });
    await store.appendAudit({ ...record, at: 2000, tool: 'clock_out' });
    expect((await store.readAudit({ limit: 10 })).map((entry) => entry.tool)).toEqual(['clock_in', 'clock_out']);
    expect((await store.readAudit({ since: 1500, limit: 10 })).map((entry) => entry.tool)).toEqual(['clock_out']);
  });
});
