// The store for several team-server instances: PostgreSQL through `pg` with a pool. Every instance
// migrates at start under one advisory lock, so instances starting together migrate once. Upgrades
// roll: the schema says which older versions may still use it (compatible_from), so an older instance
// keeps serving a database a newer one migrated compatibly (an added table or column), and is refused
// in words, at start and within seconds while running, when a migration left it behind. A database
// that does not answer makes a call fail with StoreUnavailable (the server answers 503 with
// Retry-After) and the pool connects again by itself when it is back; nothing is half-written,
// because every change is one statement or one transaction.
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { parsePostgresAddress, type PostgresAddress } from '../config/postgres-address.ts';
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

/** The key of the advisory lock migrations hold (any fixed number; this one spells "punch"). */
const MIGRATION_LOCK = 0x70756e6368;
/** How often a running instance looks whether a newer Punchcard migrated the schema past it. */
const SCHEMA_CHECK_MS = 10_000;

/**
 * One step of the schema. `compatibleFrom` is the oldest schema version whose Punchcard may still
 * use the database after this step: an added table, or a column older versions need not fill, leaves
 * it where it was; a step that changes or removes what older versions use raises it to its own
 * version, and those versions then stop (docs/decisions.md, "Rolling upgrades of the shared store").
 */
export interface Migration {
  sql: string;
  compatibleFrom: number;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    sql: `CREATE TABLE punchcard_oauth (
       model TEXT NOT NULL, id TEXT NOT NULL, payload TEXT NOT NULL, expires_at BIGINT,
       grant_id TEXT, uid TEXT, account_id TEXT, consumed_at BIGINT,
       PRIMARY KEY (model, id));
     CREATE INDEX punchcard_oauth_grant ON punchcard_oauth (grant_id) WHERE grant_id IS NOT NULL;
     CREATE INDEX punchcard_oauth_uid ON punchcard_oauth (model, uid) WHERE uid IS NOT NULL;
     CREATE INDEX punchcard_oauth_account ON punchcard_oauth (account_id, model) WHERE account_id IS NOT NULL;
     CREATE INDEX punchcard_oauth_expiry ON punchcard_oauth (expires_at) WHERE expires_at IS NOT NULL;
     CREATE TABLE punchcard_people (
       id TEXT PRIMARY KEY, identity TEXT NOT NULL UNIQUE, name TEXT NOT NULL, email TEXT,
       credentials TEXT, created_at BIGINT NOT NULL, last_seen_at BIGINT NOT NULL);
     CREATE TABLE punchcard_audit (
       seq BIGSERIAL PRIMARY KEY, at BIGINT NOT NULL, person_id TEXT NOT NULL, person TEXT NOT NULL,
       client_id TEXT NOT NULL, client_name TEXT NOT NULL, tool TEXT NOT NULL, outcome TEXT NOT NULL, change TEXT NOT NULL);
     CREATE INDEX punchcard_audit_at ON punchcard_audit (at);
     CREATE TABLE punchcard_counters (key TEXT NOT NULL, window_start BIGINT NOT NULL, count BIGINT NOT NULL,
       PRIMARY KEY (key, window_start));`,
    compatibleFrom: 1,
  },
  {
    sql: `CREATE TABLE punchcard_facts (person_id TEXT NOT NULL, name TEXT NOT NULL, text TEXT NOT NULL, updated_at BIGINT NOT NULL,
       PRIMARY KEY (person_id, name));
     CREATE TABLE punchcard_id_numbers (scope TEXT NOT NULL, kind TEXT NOT NULL, remote TEXT NOT NULL, number INTEGER NOT NULL,
       PRIMARY KEY (scope, kind, remote), UNIQUE (scope, kind, number));
     CREATE TABLE punchcard_instances (id TEXT PRIMARY KEY, address TEXT NOT NULL, seen_at BIGINT NOT NULL);`,
    compatibleFrom: 1,
  },
  {
    // Added: an older instance never reads it, and keeps sending while a newer one holds back.
    sql: `CREATE TABLE punchcard_holds (key TEXT PRIMARY KEY, lifts_at BIGINT NOT NULL, length_ms BIGINT NOT NULL);`,
    compatibleFrom: 1,
  },
  {
    // Added: people signed out by the administrator (admin/sign-out.ts), and the server key's
    // rotation (auth/key-rotation.ts). An older instance follows neither, but a signed-out person's
    // tokens are gone for it too, so it may go on until it is upgraded; rotate the key once every
    // instance runs this version (docs/team-server/admin.md).
    // A sign-out's seq is the database's, not a clock's: followers keep their place by it (team/sign-outs.ts).
    sql: `CREATE TABLE punchcard_sign_outs (seq BIGSERIAL PRIMARY KEY, person_id TEXT NOT NULL, at BIGINT NOT NULL);
     CREATE INDEX punchcard_sign_outs_at ON punchcard_sign_outs (at);
     CREATE TABLE punchcard_server_state (name TEXT PRIMARY KEY, value TEXT NOT NULL);`,
    compatibleFrom: 1,
  },
  {
    // Added: an audit record's own id, so one written again (from a spool a killed instance left)
    // is kept once, and the key each instance runs with, by fingerprint (a rotation ends only once
    // none runs with the old one: admin/rotate-key.ts). Columns older instances leave empty.
    sql: `ALTER TABLE punchcard_audit ADD COLUMN record_id TEXT;
     CREATE UNIQUE INDEX punchcard_audit_record_id ON punchcard_audit (record_id) WHERE record_id IS NOT NULL;
     ALTER TABLE punchcard_instances ADD COLUMN key_id TEXT;`,
    compatibleFrom: 1,
  },
  {
    // Added: the tracker user a person is pinned to under one organisation credential
    // (team/tracker-pin.ts), one person a tracker user at most, and whether an audit record's write
    // went through that credential. An older instance ignores both: it never acts that way.
    sql: `ALTER TABLE punchcard_people ADD COLUMN tracker_pin TEXT;
     ALTER TABLE punchcard_people ADD COLUMN linked_at BIGINT;
     CREATE UNIQUE INDEX punchcard_people_tracker_pin ON punchcard_people (tracker_pin) WHERE tracker_pin IS NOT NULL;
     ALTER TABLE punchcard_audit ADD COLUMN via TEXT;`,
    compatibleFrom: 1,
  },
  {
    // Added: a person's read-only grant to their company calendar (auth/calendar/calendar-grant.ts),
    // the refresh token sealed. Columns an older instance neither reads nor writes: it does not read
    // calendars.
    sql: `ALTER TABLE punchcard_people ADD COLUMN calendar_provider TEXT;
     ALTER TABLE punchcard_people ADD COLUMN calendar_grant TEXT;
     ALTER TABLE punchcard_people ADD COLUMN calendar_since BIGINT;`,
    compatibleFrom: 1,
  },
];

export interface PostgresOptions {
  /** postgres://user@host:port/database or postgres://user@/database?host=/socket/folder, without a password. */
  url: string;
  password?: string;
  /** 'disable' (loopback only), 'require' (encrypted, any certificate), 'verify-full' (the default elsewhere). */
  tls: 'disable' | 'require' | 'verify-full';
  caFile?: string;
  poolSize: number;
  now: () => number;
  log?: (message: string) => void;
  /** The schema's steps; tests give a newer Punchcard's. */
  migrations?: readonly Migration[];
  /** Refuse (StoreMissing) a database without Punchcard's tables instead of making them (admin and audit). */
  mustExist?: boolean;
}

export async function openPostgresStore(options: PostgresOptions): Promise<Store> {
  const ssl =
    options.tls === 'disable'
      ? false
      : { rejectUnauthorized: options.tls === 'verify-full', ...(options.caFile ? { ca: readFileSync(options.caFile, 'utf8') } : {}) };
  const migrations = options.migrations ?? MIGRATIONS;
  // The address's parts given one by one: pg lets a connection string's (absent) password win over
  // the one given beside it. A host that is a folder (starts with /) is a Unix socket's, which pg
  // reaches at <folder>/.s.PGSQL.<port>.
  const address = parsePostgresAddress(options.url);
  if (typeof address === 'string') throw new Error(`The PostgreSQL address is not usable: ${address}.`);
  const pool = new pg.Pool({
    host: address.host,
    port: address.port,
    user: address.user,
    database: address.database,
    ...(options.password === undefined ? {} : { password: options.password }),
    ssl,
    max: options.poolSize,
    // A request waits for a connection at most this long before it is told the store is busy.
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
    // A statement that hangs (a lock held by a dead session) ends; nothing here takes longer.
    statement_timeout: 10_000,
    // A database that stops answering on an open connection (a network cut) fails the call instead of
    // holding it until TCP gives up.
    query_timeout: 15_000,
    // The schema version this instance knows, so an administrator sees in pg_stat_activity which
    // versions are still connected during an upgrade.
    application_name: `punchcard schema ${migrations.length}`,
  });
  // A connection that breaks while idle (the database restarted) is dropped from the pool; the
  // next query opens a new one.
  pool.on('error', () => {});
  try {
    const schema = await migrate(pool, migrations, options.mustExist === true ? address : undefined);
    if (schema.version > migrations.length) {
      options.log?.(
        `The PostgreSQL store was migrated to version ${schema.version} by a newer Punchcard, which still lets this one (version ${migrations.length}) use it; upgrade this instance too.`,
      );
    }
  } catch (error) {
    await pool.end().catch(() => {});
    throw error;
  }
  return new PostgresStore(pool, options.now, migrations.length);
}

interface Schema {
  version: number;
  compatibleFrom: number;
}

/** Migrates the database to `migrations`; one without Punchcard's tables is refused where `mustExist` names it. */
async function migrate(pool: pg.Pool, migrations: readonly Migration[], mustExist?: PostgresAddress): Promise<Schema> {
  const client = await connect(pool);
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      if (mustExist && (await client.query("SELECT to_regclass('punchcard_schema') AS found")).rows[0]?.found === null)
        throw new StoreMissing(
          `The PostgreSQL database ${mustExist.database} at ${mustExist.socket ? `the socket in ${mustExist.host}` : `${mustExist.host}:${mustExist.port}`} has no Punchcard tables: no server has run with it yet (serve makes them at its first start), or "store" in the config names the wrong database. Nothing was created.`,
        );
      await client.query('CREATE TABLE IF NOT EXISTS punchcard_schema (version INTEGER NOT NULL, compatible_from INTEGER NOT NULL)');
      const schema = (await readSchema(client)) ?? { version: 0, compatibleFrom: 0 };
      const refusal = schemaRefusal(schema, migrations.length);
      if (refusal) throw refusal;
      if (schema.version >= migrations.length) return schema;
      await client.query('BEGIN');
      try {
        let compatibleFrom = schema.compatibleFrom;
        for (let next = schema.version; next < migrations.length; next++) {
          const migration = migrations[next] as Migration;
          await client.query(migration.sql);
          compatibleFrom = Math.max(compatibleFrom, migration.compatibleFrom);
        }
        await client.query('DELETE FROM punchcard_schema');
        await client.query('INSERT INTO punchcard_schema (version, compatible_from) VALUES ($1, $2)', [migrations.length, compatibleFrom]);
        await client.query('COMMIT');
        return { version: migrations.length, compatibleFrom };
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      }
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
    }
  } catch (error) {
    if (error instanceof StoreVersionError || error instanceof StoreUnavailable || error instanceof StoreMissing) throw error;
    if (isConnectionError(error)) throw unavailable(error);
    throw error;
  } finally {
    client.release();
  }
}

async function readSchema(client: pg.PoolClient | pg.Pool): Promise<Schema | undefined> {
  const found = await client.query<{ version: number; compatible_from: number }>('SELECT version, compatible_from FROM punchcard_schema');
  const row = found.rows[0];
  return row && { version: row.version, compatibleFrom: row.compatible_from };
}

/** Why a Punchcard that knows the schema up to `known` may not use this database, or undefined. */
function schemaRefusal(schema: Schema, known: number): StoreVersionError | undefined {
  if (schema.compatibleFrom <= known) return undefined;
  return new StoreVersionError(
    `The PostgreSQL store was migrated by a newer Punchcard to version ${schema.version}, which versions before ${schema.compatibleFrom} may no longer use; this one knows version ${known}. Run the newer version on every instance.`,
  );
}

async function connect(pool: pg.Pool): Promise<pg.PoolClient> {
  try {
    return await pool.connect();
  } catch (error) {
    throw unavailable(error);
  }
}

function unavailable(error: unknown): StoreUnavailable {
  const message = error instanceof Error ? error.message : String(error);
  return new StoreUnavailable(`The PostgreSQL store does not answer (${message}).`);
}

/** Errors of the connection, not of the statement: the database is away, and the call may be tried again. */
function isConnectionError(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && /^(08|57P0[1-3]|53300)/.test(code)) return true;
  return (
    (typeof code === 'string' && ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH'].includes(code)) ||
    /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Connection closed|Query read timeout/i.test(
      (error as Error).message ?? '',
    )
  );
}

/** A table or column this version names is missing: a newer Punchcard may have changed the schema. */
function isSchemaError(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return code === '42P01' || code === '42703';
}

const UPSERT_OAUTH = `INSERT INTO punchcard_oauth (model, id, payload, expires_at, grant_id, uid, account_id, consumed_at) VALUES ($1, $2, $3, $4, $5, $6, $7, NULL)
  ON CONFLICT (model, id) DO UPDATE SET payload = excluded.payload, expires_at = excluded.expires_at,
    grant_id = excluded.grant_id, uid = excluded.uid, account_id = excluded.account_id`;

class PostgresStore implements Store {
  readonly kind = 'postgres';
  readonly #pool: pg.Pool;
  readonly #now: () => number;
  /** The schema version this Punchcard knows. */
  readonly #known: number;
  /** Set once a newer Punchcard migrated the schema past this one: every call is refused with it. */
  #refusal: StoreVersionError | undefined;
  readonly #schemaCheck: NodeJS.Timeout;

  constructor(pool: pg.Pool, now: () => number, known: number) {
    this.#pool = pool;
    this.#now = now;
    this.#known = known;
    this.#schemaCheck = setInterval(() => void this.#checkSchema().catch(() => {}), SCHEMA_CHECK_MS);
    this.#schemaCheck.unref();
  }

  pool(): { total: number; idle: number; waiting: number } {
    return { total: this.#pool.totalCount, idle: this.#pool.idleCount, waiting: this.#pool.waitingCount };
  }

  /** Reads the schema's version; once it has left this Punchcard behind, every later call is refused. */
  async #checkSchema(): Promise<void> {
    const schema = await readSchema(this.#pool);
    if (schema) this.#refusal ??= schemaRefusal(schema, this.#known);
  }

  async #query(text: string, values: unknown[] = []): Promise<Row[]> {
    if (this.#refusal) throw this.#refusal;
    try {
      return (await this.#pool.query<Row>(text, values)).rows;
    } catch (error) {
      throw await this.#failure(error);
    }
  }

  /** `work` in one transaction on one connection: all of it, or (on any error) none of it. */
  async #transaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    if (this.#refusal) throw this.#refusal;
    const client = await connect(this.#pool);
    let broken = false;
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      broken = isConnectionError(error);
      if (!broken) await client.query('ROLLBACK').catch(() => (broken = true));
      throw await this.#failure(error);
    } finally {
      // A broken connection leaves the pool; the transaction it held ends with it, unwritten.
      client.release(broken);
    }
  }

  async #failure(error: unknown): Promise<unknown> {
    if (error instanceof StoreUnavailable || error instanceof StoreVersionError) return error;
    if (isConnectionError(error)) return unavailable(error);
    if (isSchemaError(error)) {
      await this.#checkSchema().catch(() => {});
      if (this.#refusal) return this.#refusal;
    }
    return error;
  }

  async ping(): Promise<void> {
    await this.#query('SELECT 1');
  }

  async upsertOAuth(record: OAuthRow): Promise<void> {
    await this.#query(UPSERT_OAUTH, oauthValues(record));
  }

  async findOAuth(model: string, id: string): Promise<OAuthRecord | undefined> {
    const [row] = await this.#query('SELECT * FROM punchcard_oauth WHERE model = $1 AND id = $2 AND (expires_at IS NULL OR expires_at > $3)', [
      model,
      id,
      this.#now(),
    ]);
    return row && oauthRecord(row);
  }

  async findOAuthByUid(model: string, uid: string): Promise<OAuthRecord | undefined> {
    const [row] = await this.#query('SELECT * FROM punchcard_oauth WHERE model = $1 AND uid = $2 AND (expires_at IS NULL OR expires_at > $3) LIMIT 1', [
      model,
      uid,
      this.#now(),
    ]);
    return row && oauthRecord(row);
  }

  async consumeOAuth(model: string, id: string, at: number): Promise<void> {
    await this.#query('UPDATE punchcard_oauth SET consumed_at = $1 WHERE model = $2 AND id = $3 AND consumed_at IS NULL', [at, model, id]);
  }

  rotateOAuth(consume: { model: string; id: string; at: number; graceMs?: number }, records: readonly OAuthRow[]): Promise<boolean> {
    const grace = consume.graceMs ?? 0;
    return this.#transaction(async (client) => {
      // The row is locked by the first UPDATE; a second instance's waits for it to commit and then
      // reads the first use's time (READ COMMITTED re-checks the condition on the row as committed).
      const used = await client.query(
        'UPDATE punchcard_oauth SET consumed_at = COALESCE(consumed_at, $1) WHERE model = $2 AND id = $3 AND (consumed_at IS NULL OR ($4::bigint > 0 AND consumed_at > $5::bigint))',
        [consume.at, consume.model, consume.id, grace, consume.at - grace],
      );
      if (used.rowCount !== 1) return false;
      for (const record of records) await client.query(UPSERT_OAUTH, oauthValues(record));
      return true;
    });
  }

  async destroyOAuth(model: string, id: string): Promise<void> {
    await this.#query('DELETE FROM punchcard_oauth WHERE model = $1 AND id = $2', [model, id]);
  }

  async revokeGrant(grantId: string, model?: string): Promise<void> {
    if (model === undefined) await this.#query('DELETE FROM punchcard_oauth WHERE grant_id = $1', [grantId]);
    else await this.#query('DELETE FROM punchcard_oauth WHERE grant_id = $1 AND model = $2', [grantId, model]);
  }

  async people(): Promise<PersonRecord[]> {
    return (await this.#query('SELECT * FROM punchcard_people ORDER BY last_seen_at DESC, id')).map(personRecord);
  }

  signOut(personId: string, at: number): Promise<number> {
    return this.#transaction(async (client) => {
      const counted = await client.query<{ grants: string }>("SELECT count(*) AS grants FROM punchcard_oauth WHERE model = 'Grant' AND account_id = $1", [
        personId,
      ]);
      await client.query("DELETE FROM punchcard_oauth WHERE grant_id IN (SELECT grant_id FROM punchcard_oauth WHERE model = 'Grant' AND account_id = $1)", [
        personId,
      ]);
      await client.query(
        'UPDATE punchcard_people SET credentials = NULL, calendar_provider = NULL, calendar_grant = NULL, calendar_since = NULL WHERE id = $1',
        [personId],
      );
      await client.query('INSERT INTO punchcard_sign_outs (person_id, at) VALUES ($1, $2)', [personId, at]);
      return Number(counted.rows[0]?.grants ?? 0);
    });
  }

  async keyRotation(): Promise<string | undefined> {
    const [row] = await this.#query("SELECT value FROM punchcard_server_state WHERE name = 'key rotation'");
    return row?.value as string | undefined;
  }

  async initKeyRotation(text: string): Promise<string> {
    await this.#query("INSERT INTO punchcard_server_state (name, value) VALUES ('key rotation', $1) ON CONFLICT (name) DO NOTHING", [text]);
    return (await this.keyRotation()) as string;
  }

  async saveKeyRotation(text: string): Promise<void> {
    await this.#query("INSERT INTO punchcard_server_state (name, value) VALUES ('key rotation', $1) ON CONFLICT (name) DO UPDATE SET value = excluded.value", [
      text,
    ]);
  }

  async sealedOAuth(limit?: number): Promise<{ model: string; id: string; payload: string }[]> {
    const rows =
      limit === undefined
        ? await this.#query('SELECT model, id, payload FROM punchcard_oauth')
        : await this.#query('SELECT model, id, payload FROM punchcard_oauth LIMIT $1', [limit]);
    return rows.map(sealedOAuthOf);
  }

  async resealOAuth(model: string, id: string, from: string, to: string): Promise<boolean> {
    return (
      (await this.#query('UPDATE punchcard_oauth SET payload = $1 WHERE model = $2 AND id = $3 AND payload = $4 RETURNING id', [to, model, id, from]))
        .length === 1
    );
  }

  async resealCredentials(personId: string, from: string, to: string): Promise<boolean> {
    return (
      (await this.#query('UPDATE punchcard_people SET credentials = $1 WHERE id = $2 AND credentials = $3 RETURNING id', [to, personId, from])).length === 1
    );
  }

  async signOuts(): Promise<SignOutRecord[]> {
    return (await this.#query('SELECT seq, person_id, at FROM punchcard_sign_outs ORDER BY seq')).map(signOutRecord);
  }

  async grantsOf(accountId: string): Promise<OAuthRecord[]> {
    const rows = await this.#query(
      "SELECT * FROM punchcard_oauth WHERE account_id = $1 AND model = 'Grant' AND (expires_at IS NULL OR expires_at > $2) ORDER BY expires_at DESC NULLS FIRST",
      [accountId, this.#now()],
    );
    return rows.map(oauthRecord);
  }

  async personByIdentity(identity: string): Promise<PersonRecord | undefined> {
    const [row] = await this.#query('SELECT * FROM punchcard_people WHERE identity = $1', [identity]);
    return row && personRecord(row);
  }

  async person(id: string): Promise<PersonRecord | undefined> {
    const [row] = await this.#query('SELECT * FROM punchcard_people WHERE id = $1', [id]);
    return row && personRecord(row);
  }

  async standingAccess(id: string, payload: string, personId: string, at: number): Promise<PersonRecord | undefined> {
    const [row] = await this.#query(
      `SELECT p.* FROM punchcard_oauth t, punchcard_people p WHERE t.model = 'AccessToken' AND t.id = $1 AND t.payload = $2
         AND (t.expires_at IS NULL OR t.expires_at > $3) AND p.id = $4`,
      [id, payload, at, personId],
    );
    return row && personRecord(row);
  }

  async savePerson(person: { id: string; identity: string; name: string; email: string | null; at: number; trackerPin?: string }): Promise<PersonRecord> {
    const pin = person.trackerPin ?? null;
    try {
      const [row] = await this.#query(
        `INSERT INTO punchcard_people (id, identity, name, email, credentials, tracker_pin, linked_at, created_at, last_seen_at)
         VALUES ($1, $2, $3, $4, NULL, $6, $7, $5, $5)
         ON CONFLICT (identity) DO UPDATE SET name = excluded.name, email = excluded.email, last_seen_at = excluded.last_seen_at,
           linked_at = CASE WHEN punchcard_people.tracker_pin IS NULL THEN excluded.linked_at ELSE punchcard_people.linked_at END,
           tracker_pin = coalesce(punchcard_people.tracker_pin, excluded.tracker_pin)
         RETURNING *`,
        [person.id, person.identity, person.name, person.email, person.at, pin, pin === null ? null : person.at],
      );
      return personRecord(row as Row);
    } catch (error) {
      if (pin !== null && (error as { constraint?: string }).constraint === 'punchcard_people_tracker_pin') throw new TrackerUserTaken();
      throw error;
    }
  }

  async unlinkPerson(personId: string): Promise<boolean> {
    return (
      (await this.#query('UPDATE punchcard_people SET tracker_pin = NULL, linked_at = NULL WHERE id = $1 AND tracker_pin IS NOT NULL RETURNING id', [personId]))
        .length === 1
    );
  }

  async seen(personId: string, at: number): Promise<void> {
    await this.#query('UPDATE punchcard_people SET last_seen_at = $1 WHERE id = $2 AND last_seen_at < $1', [at, personId]);
  }

  async setCredentials(personId: string, sealed: string | null): Promise<void> {
    await this.#query('UPDATE punchcard_people SET credentials = $1 WHERE id = $2', [sealed, personId]);
  }

  async setCalendarGrant(personId: string, grant: CalendarGrantRecord | null): Promise<void> {
    await this.#query('UPDATE punchcard_people SET calendar_provider = $1, calendar_grant = $2, calendar_since = $3 WHERE id = $4', [
      grant?.provider ?? null,
      grant?.sealed ?? null,
      grant?.since ?? null,
      personId,
    ]);
  }

  async replaceCalendarGrant(personId: string, from: string, to: string | null): Promise<boolean> {
    const changed =
      to === null
        ? await this.#query(
            'UPDATE punchcard_people SET calendar_provider = NULL, calendar_grant = NULL, calendar_since = NULL WHERE id = $1 AND calendar_grant = $2 RETURNING id',
            [personId, from],
          )
        : await this.#query('UPDATE punchcard_people SET calendar_grant = $1 WHERE id = $2 AND calendar_grant = $3 RETURNING id', [to, personId, from]);
    return changed.length === 1;
  }

  async appendAudit(record: AuditRecord): Promise<boolean> {
    return (await this.appendAudits([record])) === 1;
  }

  async appendAudits(records: readonly AuditRecord[]): Promise<number> {
    if (records.length === 0) return 0;
    if (records.length > MAX_AUDIT_BATCH) throw new RangeError(`appendAudits takes at most ${MAX_AUDIT_BATCH} records at once (given ${records.length}).`);
    // One statement, so all or nothing, its rows in the records' order (their seq follows it).
    const values = records.flatMap(auditValues);
    const placeholders = records
      .map((_, row) => `(${Array.from({ length: AUDIT_COLUMN_COUNT }, (__, column) => `$${row * AUDIT_COLUMN_COUNT + column + 1}`).join(', ')})`)
      .join(', ');
    const rows = await this.#query(
      `INSERT INTO punchcard_audit (${AUDIT_COLUMNS}) VALUES ${placeholders} ON CONFLICT (record_id) WHERE record_id IS NOT NULL DO NOTHING RETURNING seq`,
      values,
    );
    return rows.length;
  }

  async readAudit(options: { since?: number; limit: number }): Promise<AuditRecord[]> {
    const rows = await this.#query('SELECT * FROM punchcard_audit WHERE at >= $1 ORDER BY seq LIMIT $2', [options.since ?? 0, options.limit]);
    return rows.map(auditRecordOf);
  }

  async hit(key: string, windowStart: number, amount = 1): Promise<number> {
    const [row] = await this.#query(
      'INSERT INTO punchcard_counters (key, window_start, count) VALUES ($1, $2, $3) ON CONFLICT (key, window_start) DO UPDATE SET count = punchcard_counters.count + excluded.count RETURNING count',
      [key, windowStart, amount],
    );
    return Number(row?.count ?? 0);
  }

  async count(key: string, windowStart: number): Promise<number> {
    const [row] = await this.#query('SELECT count FROM punchcard_counters WHERE key = $1 AND window_start = $2', [key, windowStart]);
    return Number(row?.count ?? 0);
  }

  async holdUntil(key: string, liftsAt: number, lengthMs: number): Promise<void> {
    await this.#query(
      'INSERT INTO punchcard_holds (key, lifts_at, length_ms) VALUES ($1, $2, $3) ON CONFLICT (key) DO UPDATE SET lifts_at = excluded.lifts_at, length_ms = excluded.length_ms WHERE excluded.lifts_at > punchcard_holds.lifts_at',
      [key, liftsAt, lengthMs],
    );
  }

  async hold(key: string): Promise<{ liftsAt: number; lengthMs: number } | undefined> {
    const [row] = await this.#query('SELECT lifts_at, length_ms FROM punchcard_holds WHERE key = $1', [key]);
    return row && { liftsAt: Number(row.lifts_at), lengthMs: Number(row.length_ms) };
  }

  async endHold(key: string, sentAt: number): Promise<void> {
    await this.#query('DELETE FROM punchcard_holds WHERE key = $1 AND lifts_at - length_ms < $2', [key, sentAt]);
  }

  async factsOf(personId: string): Promise<Map<string, string>> {
    const rows = await this.#query('SELECT name, text FROM punchcard_facts WHERE person_id = $1', [personId]);
    return new Map(rows.map((row) => [row.name as string, row.text as string]));
  }

  async saveFacts(personId: string, name: string, text: string, at: number): Promise<void> {
    await this.#query(
      'INSERT INTO punchcard_facts (person_id, name, text, updated_at) VALUES ($1, $2, $3, $4) ON CONFLICT (person_id, name) DO UPDATE SET text = excluded.text, updated_at = excluded.updated_at',
      [personId, name, text, at],
    );
  }

  async numberIds(scope: string, kind: string, remotes: readonly string[]): Promise<Map<string, number>> {
    const wanted = [...new Set(remotes)];
    const find = 'SELECT remote, number FROM punchcard_id_numbers WHERE scope = $1 AND kind = $2 AND remote = ANY($3::text[])';
    const known = new Map((await this.#query(find, [scope, kind, wanted])).map((row) => [row.remote as string, Number(row.number)]));
    if (known.size === wanted.length) return known;
    // New ids: numbered under a lock of their scope and kind, held to the end of the transaction, so
    // instances numbering at the same moment take turns and never hand out one number twice.
    return this.#transaction(async (client) => {
      await client.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`id numbers\n${scope}\n${kind}`]);
      const numbers = new Map((await client.query<Row>(find, [scope, kind, wanted])).rows.map((row) => [row.remote as string, Number(row.number)]));
      const missing = wanted.filter((remote) => !numbers.has(remote));
      if (missing.length === 0) return numbers;
      const top = await client.query<{ top: number }>('SELECT COALESCE(MAX(number), 0)::int AS top FROM punchcard_id_numbers WHERE scope = $1 AND kind = $2', [
        scope,
        kind,
      ]);
      const first = Number(top.rows[0]?.top ?? 0) + 1;
      missing.forEach((remote, index) => numbers.set(remote, first + index));
      await client.query(
        'INSERT INTO punchcard_id_numbers (scope, kind, remote, number) SELECT $1, $2, remote, number FROM unnest($3::text[], $4::int[]) AS given (remote, number)',
        [scope, kind, missing, missing.map((remote) => numbers.get(remote))],
      );
      return numbers;
    });
  }

  async idOfNumber(scope: string, kind: string, number: number): Promise<string | undefined> {
    const [row] = await this.#query('SELECT remote FROM punchcard_id_numbers WHERE scope = $1 AND kind = $2 AND number = $3', [scope, kind, number]);
    return row?.remote as string | undefined;
  }

  async announceInstance(id: string, address: string, at: number, keyId?: string): Promise<void> {
    await this.#query(
      'INSERT INTO punchcard_instances (id, address, seen_at, key_id) VALUES ($1, $2, $3, $4) ON CONFLICT (id) DO UPDATE SET address = excluded.address, seen_at = excluded.seen_at, key_id = excluded.key_id',
      [id, address, at, keyId ?? null],
    );
  }

  async instances(since: number): Promise<{ id: string; address: string; seenAt: number; keyId: string | null }[]> {
    const rows = await this.#query('SELECT id, address, seen_at, key_id FROM punchcard_instances WHERE seen_at >= $1 ORDER BY seen_at DESC', [since]);
    return rows.map(instanceRecord);
  }

  async instanceAddress(id: string, since: number): Promise<string | undefined> {
    const [row] = await this.#query('SELECT address FROM punchcard_instances WHERE id = $1 AND seen_at >= $2', [id, since]);
    return row?.address as string | undefined;
  }

  async withdrawInstance(id: string): Promise<void> {
    await this.#query('DELETE FROM punchcard_instances WHERE id = $1', [id]);
  }

  async sweep(now: number): Promise<void> {
    await this.#query('DELETE FROM punchcard_oauth WHERE expires_at IS NOT NULL AND expires_at <= $1', [now]);
    // A counter's window is at most a day (Calamari's daily limit); two leave room for the one still being counted.
    await this.#query('DELETE FROM punchcard_counters WHERE window_start < $1', [now - 2 * 86_400_000]);
    await this.#query('DELETE FROM punchcard_instances WHERE seen_at < $1', [now - 86_400_000]);
    // A hold that lifted a day ago says nothing more about the next refusal (organisation-limit.ts).
    await this.#query('DELETE FROM punchcard_holds WHERE lifts_at < $1', [now - 86_400_000]);
    await this.#query('DELETE FROM punchcard_sign_outs WHERE at < $1', [now - 86_400_000]);
  }

  async close(): Promise<void> {
    clearInterval(this.#schemaCheck);
    await this.#pool.end();
  }
}
