// The embedded store (team-server/store/sqlite-store.ts): one SQLite file, migrated by its user_version, refused
// in words when a newer Punchcard migrated it, private to the server's account (0600 in a 0700
// folder), and the records the team server keeps in it: the authorization server's, people, the
// audit log and the rate-limit counters.
import { chmodSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqliteStore, SQLITE_STORE_VERSION } from '../../../team-server/store/sqlite-store.ts';
import { StoreUnavailable, StoreVersionError } from '../../../team-server/store/store-errors.ts';
import type { Store } from '../../../team-server/store/store.ts';

let dir: string;
let clock: number;
const now = () => clock;
const opened: Store[] = [];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'punchcard-store-'));
  clock = Date.parse('2026-11-18T08:00:00Z');
});
afterEach(async () => {
  for (const store of opened.splice(0)) await store.close();
  rmSync(dir, { recursive: true, force: true });
});

async function open(path = join(dir, 'data', 'server.db')): Promise<Store> {
  const store = await openSqliteStore(path, { now });
  opened.push(store);
  return store;
}

const mode = (path: string) => statSync(path).mode & 0o777;

function record(
  model: string,
  id: string,
  extra: Partial<{ expiresAt: number | null; grantId: string | null; uid: string | null; accountId: string | null }> = {},
) {
  return { model, id, payload: `sealed:${id}`, expiresAt: null, grantId: null, uid: null, accountId: null, ...extra };
}

describe('opening the store', () => {
  it('makes the file 0600 in a 0700 folder, whatever the umask, and migrates it to the current version', async () => {
    const previous = process.umask(0o000);
    try {
      const store = await open();
      await store.upsertOAuth(record('Client', 'c1'));
    } finally {
      process.umask(previous);
    }
    const path = join(dir, 'data', 'server.db');
    expect(mode(path)).toBe(0o600);
    expect(mode(join(dir, 'data'))).toBe(0o700);
    expect(mode(`${path}-wal`)).toBe(0o600);
    const db = new DatabaseSync(path, { readOnly: true });
    expect(db.prepare('PRAGMA user_version').get()).toEqual({ user_version: SQLITE_STORE_VERSION });
    expect((db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((row) => row.name)).toEqual(
      expect.arrayContaining(['audit', 'counters', 'facts', 'holds', 'id_numbers', 'instances', 'oauth', 'people', 'sign_outs']),
    );
    db.close();
  });

  it('tightens a file another program left readable by others', async () => {
    const path = join(dir, 'server.db');
    writeFileSync(path, '');
    chmodSync(path, 0o644);
    await open(path);
    expect(mode(path)).toBe(0o600);
  });

  it('opens again what it wrote, migrating nothing twice', async () => {
    const path = join(dir, 'server.db');
    const first = await open(path);
    await first.savePerson({ id: 'p1', identity: 'dev:ada', name: 'Ada', email: null, at: clock });
    await first.close();
    opened.splice(opened.indexOf(first), 1);
    const again = await open(path);
    expect((await again.person('p1'))?.name).toBe('Ada');
  });

  it('refuses a file a newer Punchcard migrated, in words, and leaves it as it was', async () => {
    const path = join(dir, 'server.db');
    const db = new DatabaseSync(path);
    db.exec(`PRAGMA user_version = ${SQLITE_STORE_VERSION + 1}`);
    db.close();
    const refusal = await openSqliteStore(path, { now }).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(refusal).toBeInstanceOf(StoreVersionError);
    expect((refusal as Error).name).toBe('StoreVersionError');
    expect((refusal as Error).message).toBe(
      `${path} was written by a newer Punchcard (store version ${SQLITE_STORE_VERSION + 1}; this one knows up to ${SQLITE_STORE_VERSION}). Run the newer version, or restore a backup made with this one.`,
    );
    const after = new DatabaseSync(path, { readOnly: true });
    expect(after.prepare('PRAGMA user_version').get()).toEqual({ user_version: SQLITE_STORE_VERSION + 1 });
    expect(after.prepare("SELECT count(*) AS count FROM sqlite_master WHERE type = 'table'").get()).toEqual({ count: 0 });
    after.close();
  });
});

describe('the authorization server records', () => {
  it('are found by id and by uid until they expire, and marked consumed once', async () => {
    const store = await open();
    await store.upsertOAuth(record('AuthorizationCode', 'code1', { expiresAt: clock + 60_000, grantId: 'g1', uid: 'u1' }));
    expect(await store.findOAuth('AuthorizationCode', 'code1')).toMatchObject({ payload: 'sealed:code1', grantId: 'g1', consumedAt: null });
    expect(await store.findOAuthByUid('AuthorizationCode', 'u1')).toMatchObject({ id: 'code1' });
    expect(await store.findOAuth('AccessToken', 'code1')).toBeUndefined();
    await store.consumeOAuth('AuthorizationCode', 'code1', clock + 1_000);
    await store.consumeOAuth('AuthorizationCode', 'code1', clock + 2_000);
    expect((await store.findOAuth('AuthorizationCode', 'code1'))?.consumedAt).toBe(clock + 1_000);
    clock += 60_000;
    expect(await store.findOAuth('AuthorizationCode', 'code1')).toBeUndefined();
    expect(await store.findOAuthByUid('AuthorizationCode', 'u1')).toBeUndefined();
  });

  it("revokes a grant's records model by model, or all of them with the grant", async () => {
    const store = await open();
    await store.upsertOAuth(record('Grant', 'g1', { grantId: 'g1', accountId: 'p1' }));
    await store.upsertOAuth(record('AccessToken', 'at1', { grantId: 'g1' }));
    await store.upsertOAuth(record('RefreshToken', 'rt1', { grantId: 'g1' }));
    await store.upsertOAuth(record('AccessToken', 'at2', { grantId: 'g2' }));
    await store.revokeGrant('g1', 'AccessToken');
    expect(await store.findOAuth('AccessToken', 'at1')).toBeUndefined();
    expect(await store.findOAuth('RefreshToken', 'rt1')).toBeDefined();
    expect(await store.findOAuth('Grant', 'g1')).toBeDefined();
    await store.revokeGrant('g1');
    expect(await store.findOAuth('RefreshToken', 'rt1')).toBeUndefined();
    expect(await store.findOAuth('Grant', 'g1')).toBeUndefined();
    expect(await store.findOAuth('AccessToken', 'at2')).toBeDefined();
  });

  it("lists a person's grants, newest first, not another's and not expired ones", async () => {
    const store = await open();
    await store.upsertOAuth(record('Grant', 'old', { grantId: 'old', accountId: 'p1' }));
    await store.upsertOAuth(record('Grant', 'new', { grantId: 'new', accountId: 'p1' }));
    await store.upsertOAuth(record('Grant', 'gone', { grantId: 'gone', accountId: 'p1', expiresAt: clock - 1 }));
    await store.upsertOAuth(record('Grant', 'toms', { grantId: 'toms', accountId: 'p2' }));
    expect((await store.grantsOf('p1')).map((grant) => grant.id)).toEqual(['new', 'old']);
  });
});

describe('people, the audit log and the counters', () => {
  it('keeps a person under one id across sign-ins, their name and e-mail refreshed', async () => {
    const store = await open();
    const first = await store.savePerson({ id: 'p1', identity: 'kimai:https://k:1', name: 'Ada', email: null, at: clock });
    const again = await store.savePerson({ id: 'other', identity: 'kimai:https://k:1', name: 'Ada Lovelace', email: 'ada@example.com', at: clock + 1 });
    expect(again).toMatchObject({ id: 'p1', name: 'Ada Lovelace', email: 'ada@example.com', createdAt: first.createdAt, lastSeenAt: clock + 1 });
    await store.setCredentials('p1', 'v1.sealed');
    expect((await store.personByIdentity('kimai:https://k:1'))?.credentials).toBe('v1.sealed');
    await store.setCredentials('p1', null);
    expect((await store.person('p1'))?.credentials).toBeNull();
  });

  it('reads the audit log in the order it was written, from a day on, to a limit', async () => {
    const store = await open();
    const entry = (at: number, tool: string) => ({
      at,
      personId: 'p1',
      person: 'Ada <ada@example.com>',
      clientId: 'c',
      clientName: 'Claude',
      tool,
      outcome: 'done' as const,
      change: { arguments: { id: 1 } },
    });
    await store.appendAudit(entry(clock, 'clock_in'));
    await store.appendAudit(entry(clock + 1_000, 'clock_out'));
    await store.appendAudit(entry(clock + 2_000, 'log_time'));
    expect((await store.readAudit({ limit: 10 })).map((line) => line.tool)).toEqual(['clock_in', 'clock_out', 'log_time']);
    expect((await store.readAudit({ since: clock + 1_000, limit: 10 })).map((line) => line.tool)).toEqual(['clock_out', 'log_time']);
    expect(await store.readAudit({ limit: 1 })).toEqual([entry(clock, 'clock_in')]);
  });

  it('counts hits per key and window, and sweeps out what expired', async () => {
    const store = await open();
    expect(await store.hit('address:1', 0)).toBe(1);
    expect(await store.hit('address:1', 0)).toBe(2);
    expect(await store.hit('address:1', 60_000)).toBe(1);
    expect(await store.count('address:1', 0)).toBe(2);
    // A hit given back (a sign-in that succeeded).
    expect(await store.hit('address:1', 0, -1)).toBe(1);
    expect(await store.count('address:2', 0)).toBe(0);
    await store.upsertOAuth(record('AccessToken', 'old', { expiresAt: clock - 1 }));
    await store.upsertOAuth(record('AccessToken', 'live', { expiresAt: clock + 1 }));
    await store.sweep(clock);
    expect(await store.count('address:1', 0)).toBe(0);
    const db = new DatabaseSync(join(dir, 'data', 'server.db'), { readOnly: true });
    expect((db.prepare('SELECT id FROM oauth').all() as { id: string }[]).map((row) => row.id)).toEqual(['live']);
    db.close();
  });
});

describe('another program holding the file locked', () => {
  it('makes a write wait, then fail as a store that does not answer (StoreUnavailable, in words), and the store serves again once it lets go', {
    timeout: 20_000,
  }, async () => {
    const store = await open();
    const path = join(dir, 'data', 'server.db');
    const entry = { at: clock, personId: 'p1', person: 'Ada', clientId: 'c', clientName: 'Claude', tool: 'clock_in', outcome: 'done' as const, change: {} };
    // A backup tool or an sqlite3 session in a write transaction.
    const other = new DatabaseSync(path);
    other.exec('BEGIN IMMEDIATE');
    try {
      const refused = await store.appendAudit(entry).then(
        () => undefined,
        (error: unknown) => error,
      );
      expect(refused).toBeInstanceOf(StoreUnavailable);
      expect((refused as Error).message).toBe(
        `Another program has held ${path} locked for 5 s (a backup or sync tool, or an open sqlite3 session), so the server store could not be used. Nothing was changed. Try again once that program lets go of the file.`,
      );
      // Reading goes on meanwhile (WAL).
      expect(await store.readAudit({ limit: 10 })).toEqual([]);
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
    await store.appendAudit(entry);
    expect((await store.readAudit({ limit: 10 })).map((line) => line.tool)).toEqual(['clock_in']);
  });
});
