// The embedded store: one SQLite file (node:sqlite) in the server's data folder, WAL, migrations by
// PRAGMA user_version, and a refusal in words of a file a newer Punchcard migrated. The file and its
// folder are the server account's alone (0600, 0700): what is in it is sealed, but who signed in and
// when is nobody else's business either. One server process writes it; `punchcard-mcp audit` reads it
// beside a running server (WAL lets it).
import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync, type StatementSync } from 'node:sqlite';
import { whileBusy } from '../../mcp-server/for-the-team-server.ts';
import { type AuditRecord, type CalendarGrantRecord, MAX_AUDIT_BATCH, type OAuthRecord, type PersonRecord, type SignOutRecord, type Store } from './store.ts';
import {
  AUDIT_COLUMN_COUNT,
  AUDIT_COLUMNS,
  auditRecordOf,
  auditValues,
  instanceRecord,
  type OAuthRow,
  oauthRecord,
  oauthValues,
  personRecord,
  type Row,
  sealedOAuthOf,
  signOutRecord,
} from './rows.ts';
import { StoreMissing, StoreUnavailable, StoreVersionError, TrackerUserTaken } from './store-errors.ts';

/** How long a write waits while another process (a backup, the audit command) holds the lock. */
const LOCK_WAIT_MS = 5_000;

/**
 * Runs `work`, waiting out another process's lock up to LOCK_WAIT_MS. A lock held longer is the
 * store not answering, as a PostgreSQL that is away: StoreUnavailable, which the server answers with
 * 503 and Retry-After and the audit log waits out, not an error of the request.
 */
function whileUnlocked<T>(path: string, work: () => T): Promise<T> {
  return whileBusy(path, LOCK_WAIT_MS, work, 'the server store', (message) => new StoreUnavailable(message));
}

/** The store's steps in order; user_version counts those run (the tests of upgrades make an older store from the first ones). */
export const MIGRATIONS: readonly string[] = [
  `CREATE TABLE oauth (
     model TEXT NOT NULL, id TEXT NOT NULL, payload TEXT NOT NULL, expires_at INTEGER,
     grant_id TEXT, uid TEXT, account_id TEXT, consumed_at INTEGER,
     PRIMARY KEY (model, id)) STRICT;
   CREATE INDEX oauth_grant ON oauth (grant_id) WHERE grant_id IS NOT NULL;
   CREATE INDEX oauth_uid ON oauth (model, uid) WHERE uid IS NOT NULL;
   CREATE INDEX oauth_account ON oauth (account_id, model) WHERE account_id IS NOT NULL;
   CREATE INDEX oauth_expiry ON oauth (expires_at) WHERE expires_at IS NOT NULL;
   CREATE TABLE people (
     id TEXT PRIMARY KEY, identity TEXT NOT NULL UNIQUE, name TEXT NOT NULL, email TEXT,
     credentials TEXT, created_at INTEGER NOT NULL, last_seen_at INTEGER NOT NULL) STRICT;
   CREATE TABLE audit (
     seq INTEGER PRIMARY KEY AUTOINCREMENT, at INTEGER NOT NULL, person_id TEXT NOT NULL, person TEXT NOT NULL,
     client_id TEXT NOT NULL, client_name TEXT NOT NULL, tool TEXT NOT NULL, outcome TEXT NOT NULL, change TEXT NOT NULL) STRICT;
   CREATE INDEX audit_at ON audit (at);
   CREATE TABLE counters (key TEXT NOT NULL, window_start INTEGER NOT NULL, count INTEGER NOT NULL,
     PRIMARY KEY (key, window_start)) STRICT, WITHOUT ROWID;`,
  `CREATE TABLE facts (person_id TEXT NOT NULL, name TEXT NOT NULL, text TEXT NOT NULL, updated_at INTEGER NOT NULL,
     PRIMARY KEY (person_id, name)) STRICT, WITHOUT ROWID;
   CREATE TABLE id_numbers (scope TEXT NOT NULL, kind TEXT NOT NULL, remote TEXT NOT NULL, number INTEGER NOT NULL,
     PRIMARY KEY (scope, kind, remote), UNIQUE (scope, kind, number)) STRICT, WITHOUT ROWID;
   CREATE TABLE instances (id TEXT PRIMARY KEY, address TEXT NOT NULL, seen_at INTEGER NOT NULL) STRICT;`,
  `CREATE TABLE holds (key TEXT PRIMARY KEY, lifts_at INTEGER NOT NULL, length_ms INTEGER NOT NULL) STRICT, WITHOUT ROWID;`,
  // People signed out by the administrator (admin/sign-out.ts), for every instance to follow.
  // And the server key's rotation (auth/key-rotation.ts), sealed.
  // A sign-out's seq is the store's, not a clock's: followers keep their place by it (team/sign-outs.ts).
  `CREATE TABLE sign_outs (seq INTEGER PRIMARY KEY AUTOINCREMENT, person_id TEXT NOT NULL, at INTEGER NOT NULL) STRICT;
   CREATE INDEX sign_outs_at ON sign_outs (at);
   CREATE TABLE server_state (name TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT, WITHOUT ROWID;`,
  // An audit record's own id, so one written again (from a spool a killed process left) is kept
  // once; and the key each instance runs with, by fingerprint (a rotation ends only once none runs
  // with the old one: admin/rotate-key.ts).
  `ALTER TABLE audit ADD COLUMN record_id TEXT;
   CREATE UNIQUE INDEX audit_record_id ON audit (record_id) WHERE record_id IS NOT NULL;
   ALTER TABLE instances ADD COLUMN key_id TEXT;`,
  // The tracker user a person is pinned to under one organisation credential (team/tracker-pin.ts),
  // one person a tracker user at most; and whether an audit record's write went through that credential.
  `ALTER TABLE people ADD COLUMN tracker_pin TEXT;
   ALTER TABLE people ADD COLUMN linked_at INTEGER;
   CREATE UNIQUE INDEX people_tracker_pin ON people (tracker_pin) WHERE tracker_pin IS NOT NULL;
   ALTER TABLE audit ADD COLUMN via TEXT;`,
  // A person's read-only grant to their company calendar (auth/calendar/calendar-grant.ts): the
  // provider and since when, and the refresh token sealed to the person and the provider.
  `ALTER TABLE people ADD COLUMN calendar_provider TEXT;
   ALTER TABLE people ADD COLUMN calendar_grant TEXT;
   ALTER TABLE people ADD COLUMN calendar_since INTEGER;`,
];

/** What a command that must not make a store says where none is. */
export function noStoreAt(path: string): string {
  return `There is no store at ${path}: no server has run with it yet (serve makes it at its first start), or "store" in the config names the wrong file. Nothing was created.`;
}

/** The store version this Punchcard writes (its user_version). */
export const SQLITE_STORE_VERSION = MIGRATIONS.length;

export async function openSqliteStore(path: string, options: { now: () => number; mustExist?: boolean }): Promise<Store> {
  if (options.mustExist && !existsSync(path)) throw new StoreMissing(noStoreAt(path));
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  // Created private before SQLite opens it, whatever the umask; an existing file is tightened.
  closeSync(openSync(path, 'a', 0o600));
  chmodSync(path, 0o600);
  const db = new DatabaseSync(path, { timeout: 0, enableForeignKeyConstraints: true });
  try {
    await whileUnlocked(path, () => {
      db.exec('PRAGMA journal_mode = WAL');
      db.exec('PRAGMA synchronous = NORMAL');
      // What is deleted is overwritten with zeros, not left in a free part of a page: a deleted grant or
      // credential must not open again from the file under the server key.
      db.exec('PRAGMA secure_delete = ON');
      migrate(db, path);
    });
  } catch (error) {
    db.close();
    throw error;
  }
  for (const companion of [`${path}-wal`, `${path}-shm`]) {
    try {
      chmodSync(companion, 0o600);
    } catch {
      // Not there yet: SQLite creates them with the database file's mode.
    }
  }
  return new SqliteStore(db, path, options.now);
}

function migrate(db: DatabaseSync, path: string): void {
  db.exec('BEGIN IMMEDIATE');
  try {
    const { user_version: version } = db.prepare('PRAGMA user_version').get() as { user_version: number };
    if (version > MIGRATIONS.length) {
      throw new StoreVersionError(
        `${path} was written by a newer Punchcard (store version ${version}; this one knows up to ${MIGRATIONS.length}). Run the newer version, or restore a backup made with this one.`,
      );
    }
    for (let next = version; next < MIGRATIONS.length; next++) db.exec(MIGRATIONS[next] as string);
    db.exec(`PRAGMA user_version = ${MIGRATIONS.length}`);
    db.exec('COMMIT');
  } catch (error) {
    db.exec('ROLLBACK');
    throw error;
  }
}

class SqliteStore implements Store {
  readonly kind = 'sqlite';
  readonly #db: DatabaseSync;
  readonly #path: string;
  readonly #now: () => number;
  readonly #statements = new Map<string, StatementSync>();

  constructor(db: DatabaseSync, path: string, now: () => number) {
    this.#db = db;
    this.#path = path;
    this.#now = now;
  }

  #run<T>(work: () => T): Promise<T> {
    return whileUnlocked(this.#path, work);
  }

  #sql(text: string): StatementSync {
    let statement = this.#statements.get(text);
    if (!statement) {
      statement = this.#db.prepare(text);
      this.#statements.set(text, statement);
    }
    return statement;
  }

  async ping(): Promise<void> {
    await this.#run(() => this.#sql('SELECT 1').get());
  }

  upsertOAuth(record: OAuthRow): Promise<void> {
    return this.#run(() => this.#upsertOAuth(record));
  }

  #upsertOAuth(record: OAuthRow): void {
    this.#sql(
      `INSERT INTO oauth (model, id, payload, expires_at, grant_id, uid, account_id, consumed_at) VALUES (?, ?, ?, ?, ?, ?, ?, NULL)
       ON CONFLICT (model, id) DO UPDATE SET payload = excluded.payload, expires_at = excluded.expires_at,
         grant_id = excluded.grant_id, uid = excluded.uid, account_id = excluded.account_id`,
    ).run(...oauthValues(record));
  }

  /** `work` in one write transaction: all of it, or (on any error) none of it. */
  #transaction<T>(work: () => T): T {
    this.#db.exec('BEGIN IMMEDIATE');
    try {
      const result = work();
      this.#db.exec('COMMIT');
      return result;
    } catch (error) {
      if (this.#db.isTransaction) this.#db.exec('ROLLBACK');
      throw error;
    }
  }

  findOAuth(model: string, id: string): Promise<OAuthRecord | undefined> {
    return this.#run(() => liveOAuth(this.#sql('SELECT * FROM oauth WHERE model = ? AND id = ?').get(model, id) as Row | undefined, this.#now()));
  }

  findOAuthByUid(model: string, uid: string): Promise<OAuthRecord | undefined> {
    return this.#run(() => liveOAuth(this.#sql('SELECT * FROM oauth WHERE model = ? AND uid = ?').get(model, uid) as Row | undefined, this.#now()));
  }

  consumeOAuth(model: string, id: string, at: number): Promise<void> {
    return this.#run(() => {
      this.#sql('UPDATE oauth SET consumed_at = ? WHERE model = ? AND id = ? AND consumed_at IS NULL').run(at, model, id);
    });
  }

  rotateOAuth(consume: { model: string; id: string; at: number; graceMs?: number }, records: readonly OAuthRow[]): Promise<boolean> {
    const grace = consume.graceMs ?? 0;
    return this.#run(() =>
      this.#transaction(() => {
        const used = this.#sql(
          'UPDATE oauth SET consumed_at = COALESCE(consumed_at, ?) WHERE model = ? AND id = ? AND (consumed_at IS NULL OR (? > 0 AND consumed_at > ?))',
        ).run(consume.at, consume.model, consume.id, grace, consume.at - grace);
        if (used.changes !== 1) return false;
        for (const record of records) this.#upsertOAuth(record);
        return true;
      }),
    );
  }

  destroyOAuth(model: string, id: string): Promise<void> {
    return this.#run(() => {
      this.#sql('DELETE FROM oauth WHERE model = ? AND id = ?').run(model, id);
    });
  }

  revokeGrant(grantId: string, model?: string): Promise<void> {
    return this.#run(() => {
      if (model === undefined) this.#sql('DELETE FROM oauth WHERE grant_id = ?').run(grantId);
      else this.#sql('DELETE FROM oauth WHERE grant_id = ? AND model = ?').run(grantId, model);
    });
  }

  people(): Promise<PersonRecord[]> {
    return this.#run(() => (this.#sql('SELECT * FROM people ORDER BY last_seen_at DESC, id').all() as Row[]).map(personRecord));
  }

  signOut(personId: string, at: number): Promise<number> {
    return this.#run(() => {
      const signedOut = this.#transaction(() => {
        const { grants } = this.#sql("SELECT count(*) AS grants FROM oauth WHERE model = 'Grant' AND account_id = ?").get(personId) as { grants: number };
        this.#sql("DELETE FROM oauth WHERE grant_id IN (SELECT grant_id FROM oauth WHERE model = 'Grant' AND account_id = ?)").run(personId);
        this.#sql('UPDATE people SET credentials = NULL, calendar_provider = NULL, calendar_grant = NULL, calendar_since = NULL WHERE id = ?').run(personId);
        this.#sql('INSERT INTO sign_outs (person_id, at) VALUES (?, ?)').run(personId, at);
        return grants;
      });
      this.#emptyLog();
      return signedOut;
    });
  }

  /**
   * The write-ahead log still holds pages as they were before a deletion, a sealed grant or credentials
   * and all: written into the file (where secure_delete has zeroed them) and emptied, so what was
   * deleted is gone from every byte on disk at once. Best effort: a reader in another process at that
   * moment leaves the log for SQLite's next checkpoint.
   */
  #emptyLog(): void {
    try {
      this.#db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
    } catch {
      // The deletion itself is done and stands; only its old bytes wait for the next checkpoint.
    }
  }

  keyRotation(): Promise<string | undefined> {
    return this.#run(() => (this.#sql("SELECT value FROM server_state WHERE name = 'key rotation'").get() as Row | undefined)?.value as string | undefined);
  }

  saveKeyRotation(text: string): Promise<void> {
    return this.#run(
      () =>
        void this.#sql("INSERT INTO server_state (name, value) VALUES ('key rotation', ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value").run(text),
    );
  }

  initKeyRotation(text: string): Promise<string> {
    return this.#run(() => {
      this.#sql("INSERT INTO server_state (name, value) VALUES ('key rotation', ?) ON CONFLICT (name) DO NOTHING").run(text);
      return (this.#sql("SELECT value FROM server_state WHERE name = 'key rotation'").get() as { value: string }).value;
    });
  }

  sealedOAuth(limit?: number): Promise<{ model: string; id: string; payload: string }[]> {
    return this.#run(() => (this.#sql('SELECT model, id, payload FROM oauth LIMIT ?').all(limit ?? -1) as Row[]).map(sealedOAuthOf));
  }

  resealOAuth(model: string, id: string, from: string, to: string): Promise<boolean> {
    return this.#run(() => Number(this.#sql('UPDATE oauth SET payload = ? WHERE model = ? AND id = ? AND payload = ?').run(to, model, id, from).changes) === 1);
  }

  resealCredentials(personId: string, from: string, to: string): Promise<boolean> {
    return this.#run(() => Number(this.#sql('UPDATE people SET credentials = ? WHERE id = ? AND credentials = ?').run(to, personId, from).changes) === 1);
  }

  signOuts(): Promise<SignOutRecord[]> {
    return this.#run(() => (this.#sql('SELECT seq, person_id, at FROM sign_outs ORDER BY seq').all() as Row[]).map(signOutRecord));
  }

  grantsOf(accountId: string): Promise<OAuthRecord[]> {
    return this.#run(() =>
      (
        this.#sql("SELECT * FROM oauth WHERE account_id = ? AND model = 'Grant' AND (expires_at IS NULL OR expires_at > ?) ORDER BY rowid DESC").all(
          accountId,
          this.#now(),
        ) as Row[]
      ).map(oauthRecord),
    );
  }

  personByIdentity(identity: string): Promise<PersonRecord | undefined> {
    return this.#run(() => personOrNone(this.#sql('SELECT * FROM people WHERE identity = ?').get(identity) as Row | undefined));
  }

  person(id: string): Promise<PersonRecord | undefined> {
    return this.#run(() => personOrNone(this.#sql('SELECT * FROM people WHERE id = ?').get(id) as Row | undefined));
  }

  standingAccess(id: string, payload: string, personId: string, at: number): Promise<PersonRecord | undefined> {
    return this.#run(() =>
      personOrNone(
        this.#sql(
          `SELECT people.* FROM oauth, people WHERE oauth.model = 'AccessToken' AND oauth.id = ? AND oauth.payload = ?
             AND (oauth.expires_at IS NULL OR oauth.expires_at > ?) AND people.id = ?`,
        ).get(id, payload, at, personId) as Row | undefined,
      ),
    );
  }

  savePerson(person: { id: string; identity: string; name: string; email: string | null; at: number; trackerPin?: string }): Promise<PersonRecord> {
    return this.#run(() => {
      const pin = person.trackerPin ?? null;
      try {
        const row = this.#sql(
          `INSERT INTO people (id, identity, name, email, credentials, tracker_pin, linked_at, created_at, last_seen_at) VALUES (?, ?, ?, ?, NULL, ?, ?, ?, ?)
           ON CONFLICT (identity) DO UPDATE SET name = excluded.name, email = excluded.email, last_seen_at = excluded.last_seen_at,
             linked_at = CASE WHEN people.tracker_pin IS NULL THEN excluded.linked_at ELSE people.linked_at END,
             tracker_pin = coalesce(people.tracker_pin, excluded.tracker_pin)
           RETURNING *`,
        ).get(person.id, person.identity, person.name, person.email, pin, pin === null ? null : person.at, person.at, person.at) as Row;
        return personRecord(row);
      } catch (error) {
        if (pin !== null && /UNIQUE constraint failed: people\.tracker_pin/.test(String(error))) throw new TrackerUserTaken();
        throw error;
      }
    });
  }

  unlinkPerson(personId: string): Promise<boolean> {
    return this.#run(
      () => Number(this.#sql('UPDATE people SET tracker_pin = NULL, linked_at = NULL WHERE id = ? AND tracker_pin IS NOT NULL').run(personId).changes) === 1,
    );
  }

  seen(personId: string, at: number): Promise<void> {
    return this.#run(() => {
      this.#sql('UPDATE people SET last_seen_at = ? WHERE id = ? AND last_seen_at < ?').run(at, personId, at);
    });
  }

  setCredentials(personId: string, sealed: string | null): Promise<void> {
    return this.#run(() => {
      this.#sql('UPDATE people SET credentials = ? WHERE id = ?').run(sealed, personId);
    });
  }

  setCalendarGrant(personId: string, grant: CalendarGrantRecord | null): Promise<void> {
    return this.#run(() => {
      this.#sql('UPDATE people SET calendar_provider = ?, calendar_grant = ?, calendar_since = ? WHERE id = ?').run(
        grant?.provider ?? null,
        grant?.sealed ?? null,
        grant?.since ?? null,
        personId,
      );
      if (grant === null) this.#emptyLog();
    });
  }

  replaceCalendarGrant(personId: string, from: string, to: string | null): Promise<boolean> {
    return this.#run(() => {
      const changed =
        to === null
          ? this.#sql('UPDATE people SET calendar_provider = NULL, calendar_grant = NULL, calendar_since = NULL WHERE id = ? AND calendar_grant = ?').run(
              personId,
              from,
            )
          : this.#sql('UPDATE people SET calendar_grant = ? WHERE id = ? AND calendar_grant = ?').run(to, personId, from);
      const replaced = Number(changed.changes) === 1;
      // A grant dropped (its refresh refused, or given for another provider) goes from every byte on disk, as a disconnect's.
      if (replaced && to === null) this.#emptyLog();
      return replaced;
    });
  }

  appendAudit(record: AuditRecord): Promise<boolean> {
    return this.#run(() => this.#insertAudit(record));
  }

  appendAudits(records: readonly AuditRecord[]): Promise<number> {
    if (records.length > MAX_AUDIT_BATCH)
      return Promise.reject(new RangeError(`appendAudits takes at most ${MAX_AUDIT_BATCH} records at once (given ${records.length}).`));
    return this.#run(() => this.#transaction(() => records.filter((record) => this.#insertAudit(record)).length));
  }

  #insertAudit(record: AuditRecord): boolean {
    const { changes } = this.#sql(
      `INSERT INTO audit (${AUDIT_COLUMNS}) VALUES (${Array(AUDIT_COLUMN_COUNT).fill('?').join(', ')}) ON CONFLICT (record_id) WHERE record_id IS NOT NULL DO NOTHING`,
    ).run(...auditValues(record));
    return Number(changes) === 1;
  }

  readAudit(options: { since?: number; limit: number }): Promise<AuditRecord[]> {
    return this.#run(() =>
      (this.#sql('SELECT * FROM audit WHERE at >= ? ORDER BY seq LIMIT ?').all(options.since ?? 0, options.limit) as Row[]).map(auditRecordOf),
    );
  }

  hit(key: string, windowStart: number, amount = 1): Promise<number> {
    return this.#run(() => {
      const row = this.#sql(
        'INSERT INTO counters (key, window_start, count) VALUES (?, ?, ?) ON CONFLICT (key, window_start) DO UPDATE SET count = count + excluded.count RETURNING count',
      ).get(key, windowStart, amount) as { count: number };
      return row.count;
    });
  }

  count(key: string, windowStart: number): Promise<number> {
    return this.#run(
      () => (this.#sql('SELECT count FROM counters WHERE key = ? AND window_start = ?').get(key, windowStart) as { count: number } | undefined)?.count ?? 0,
    );
  }

  holdUntil(key: string, liftsAt: number, lengthMs: number): Promise<void> {
    return this.#run(() => {
      this.#sql(
        'INSERT INTO holds (key, lifts_at, length_ms) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET lifts_at = excluded.lifts_at, length_ms = excluded.length_ms WHERE excluded.lifts_at > holds.lifts_at',
      ).run(key, liftsAt, lengthMs);
    });
  }

  hold(key: string): Promise<{ liftsAt: number; lengthMs: number } | undefined> {
    return this.#run(() => {
      const row = this.#sql('SELECT lifts_at, length_ms FROM holds WHERE key = ?').get(key) as { lifts_at: number; length_ms: number } | undefined;
      return row && { liftsAt: row.lifts_at, lengthMs: row.length_ms };
    });
  }

  endHold(key: string, sentAt: number): Promise<void> {
    return this.#run(() => {
      this.#sql('DELETE FROM holds WHERE key = ? AND lifts_at - length_ms < ?').run(key, sentAt);
    });
  }

  factsOf(personId: string): Promise<Map<string, string>> {
    return this.#run(
      () =>
        new Map(
          (this.#sql('SELECT name, text FROM facts WHERE person_id = ?').all(personId) as { name: string; text: string }[]).map((row) => [row.name, row.text]),
        ),
    );
  }

  saveFacts(personId: string, name: string, text: string, at: number): Promise<void> {
    return this.#run(() => {
      this.#sql(
        'INSERT INTO facts (person_id, name, text, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT (person_id, name) DO UPDATE SET text = excluded.text, updated_at = excluded.updated_at',
      ).run(personId, name, text, at);
    });
  }

  numberIds(scope: string, kind: string, remotes: readonly string[]): Promise<Map<string, number>> {
    return this.#run(() =>
      this.#transaction(() => {
        const find = this.#sql('SELECT number FROM id_numbers WHERE scope = ? AND kind = ? AND remote = ?');
        const numbers = new Map<string, number>();
        let next: number | undefined;
        for (const remote of new Set(remotes)) {
          const found = find.get(scope, kind, remote) as { number: number } | undefined;
          if (found) {
            numbers.set(remote, found.number);
            continue;
          }
          next ??= (this.#sql('SELECT COALESCE(MAX(number), 0) + 1 AS next FROM id_numbers WHERE scope = ? AND kind = ?').get(scope, kind) as { next: number })
            .next;
          this.#sql('INSERT INTO id_numbers (scope, kind, remote, number) VALUES (?, ?, ?, ?)').run(scope, kind, remote, next);
          numbers.set(remote, next++);
        }
        return numbers;
      }),
    );
  }

  idOfNumber(scope: string, kind: string, number: number): Promise<string | undefined> {
    return this.#run(
      () =>
        (this.#sql('SELECT remote FROM id_numbers WHERE scope = ? AND kind = ? AND number = ?').get(scope, kind, number) as { remote: string } | undefined)
          ?.remote,
    );
  }

  announceInstance(id: string, address: string, at: number, keyId?: string): Promise<void> {
    return this.#run(() => {
      this.#sql(
        'INSERT INTO instances (id, address, seen_at, key_id) VALUES (?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET address = excluded.address, seen_at = excluded.seen_at, key_id = excluded.key_id',
      ).run(id, address, at, keyId ?? null);
    });
  }

  instances(since: number): Promise<{ id: string; address: string; seenAt: number; keyId: string | null }[]> {
    return this.#run(() =>
      (this.#sql('SELECT id, address, seen_at, key_id FROM instances WHERE seen_at >= ? ORDER BY seen_at DESC').all(since) as Row[]).map(instanceRecord),
    );
  }

  instanceAddress(id: string, since: number): Promise<string | undefined> {
    return this.#run(
      () => (this.#sql('SELECT address FROM instances WHERE id = ? AND seen_at >= ?').get(id, since) as { address: string } | undefined)?.address,
    );
  }

  withdrawInstance(id: string): Promise<void> {
    return this.#run(() => {
      this.#sql('DELETE FROM instances WHERE id = ?').run(id);
    });
  }

  sweep(now: number): Promise<void> {
    return this.#run(() => {
      this.#sql('DELETE FROM oauth WHERE expires_at IS NOT NULL AND expires_at <= ?').run(now);
      // A counter's window is at most a day (Calamari's daily limit); two leave room for the one still being counted.
      this.#sql('DELETE FROM counters WHERE window_start < ?').run(now - 2 * 86_400_000);
      this.#sql('DELETE FROM instances WHERE seen_at < ?').run(now - 86_400_000);
      // A hold that lifted a day ago says nothing more about the next refusal (organisation-limit.ts).
      this.#sql('DELETE FROM holds WHERE lifts_at < ?').run(now - 86_400_000);
      // Every instance follows a sign-out within seconds (team/sign-outs.ts); a day is plenty.
      this.#sql('DELETE FROM sign_outs WHERE at < ?').run(now - 86_400_000);
    });
  }

  async close(): Promise<void> {
    this.#statements.clear();
    this.#db.close();
  }
}

function liveOAuth(row: Row | undefined, now: number): OAuthRecord | undefined {
  if (!row) return undefined;
  const record = oauthRecord(row);
  return record.expiresAt !== null && record.expiresAt <= now ? undefined : record;
}

function personOrNone(row: Row | undefined): PersonRecord | undefined {
  return row && personRecord(row);
}
