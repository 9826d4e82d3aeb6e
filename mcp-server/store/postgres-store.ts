// The store for several team-server instances: PostgreSQL through `pg` with a pool. Every instance
// migrates at start under one advisory lock, so instances starting together migrate once, and a
// database a newer Punchcard migrated is refused in words. A database that does not answer makes a
// call fail with StoreUnavailable (the server answers 503 with Retry-After) and the pool connects
// again by itself when it is back; nothing is half-written, because every change is one statement.
import { readFileSync } from 'node:fs';
import pg from 'pg';
import type { AuditRecord, OAuthRecord, PersonRecord, Store } from './store.ts';
import { StoreUnavailable, StoreVersionError } from './store-errors.ts';

/** The key of the advisory lock migrations hold (any fixed number; this one spells "punchcard"). */
const MIGRATION_LOCK = 0x70756e6368;

const MIGRATIONS: readonly string[] = [
  `CREATE TABLE punchcard_oauth (
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
];

export interface PostgresOptions {
  /** postgres://user@host:port/database, without a password. */
  url: string;
  password?: string;
  /** 'disable' (loopback only), 'require' (encrypted, any certificate), 'verify-full' (the default elsewhere). */
  tls: 'disable' | 'require' | 'verify-full';
  caFile?: string;
  poolSize: number;
  now: () => number;
}

export async function openPostgresStore(options: PostgresOptions): Promise<Store> {
  const ssl = options.tls === 'disable' ? false : { rejectUnauthorized: options.tls === 'verify-full', ...(options.caFile ? { ca: readFileSync(options.caFile, 'utf8') } : {}) };
  // The address's parts given one by one: pg lets a connection string's (absent) password win over
  // the one given beside it.
  const address = new URL(options.url);
  const pool = new pg.Pool({
    host: decodeURIComponent(address.hostname).replace(/^\[|\]$/g, ''),
    port: address.port ? Number(address.port) : 5432,
    user: decodeURIComponent(address.username) || undefined,
    database: decodeURIComponent(address.pathname.slice(1)),
    ...(options.password === undefined ? {} : { password: options.password }),
    ssl,
    max: options.poolSize,
    // A request waits for a connection at most this long before it is told the store is busy.
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
    // A statement that hangs (a lock held by a dead session) ends; nothing here takes longer.
    statement_timeout: 10_000,
    application_name: 'punchcard',
  });
  // A connection that breaks while idle (the database restarted) is dropped from the pool; the
  // next query opens a new one.
  pool.on('error', () => {});
  await migrate(pool);
  return new PostgresStore(pool, options.now);
}

async function migrate(pool: pg.Pool): Promise<void> {
  const client = await connect(pool);
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      await client.query('CREATE TABLE IF NOT EXISTS punchcard_schema (version INTEGER NOT NULL)');
      const found = await client.query<{ version: number }>('SELECT version FROM punchcard_schema');
      const version = found.rows[0]?.version ?? 0;
      if (version > MIGRATIONS.length) {
        throw new StoreVersionError(`The PostgreSQL store was migrated by a newer Punchcard (store version ${version}; this one knows up to ${MIGRATIONS.length}). Run the newer version on every instance.`);
      }
      if (version === MIGRATIONS.length) return;
      await client.query('BEGIN');
      try {
        for (let next = version; next < MIGRATIONS.length; next++) await client.query(MIGRATIONS[next] as string);
        await client.query('DELETE FROM punchcard_schema');
        await client.query('INSERT INTO punchcard_schema (version) VALUES ($1)', [MIGRATIONS.length]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      }
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
    }
  } finally {
    client.release();
  }
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
  return typeof code === 'string' && ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH'].includes(code)
    || /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error/i.test((error as Error).message ?? '');
}

type Row = Record<string, string | number | null>;

class PostgresStore implements Store {
  readonly kind = 'postgres';
  readonly #pool: pg.Pool;
  readonly #now: () => number;

  constructor(pool: pg.Pool, now: () => number) {
    this.#pool = pool;
    this.#now = now;
  }

  async #query(text: string, values: unknown[] = []): Promise<Row[]> {
    try {
      return (await this.#pool.query<Row>(text, values)).rows;
    } catch (error) {
      if (isConnectionError(error)) throw unavailable(error);
      throw error;
    }
  }

  async ping(): Promise<void> {
    await this.#query('SELECT 1');
  }

  async upsertOAuth(record: Omit<OAuthRecord, 'consumedAt'>): Promise<void> {
    await this.#query(
      `INSERT INTO punchcard_oauth (model, id, payload, expires_at, grant_id, uid, account_id, consumed_at) VALUES ($1, $2, $3, $4, $5, $6, $7, NULL)
       ON CONFLICT (model, id) DO UPDATE SET payload = excluded.payload, expires_at = excluded.expires_at,
         grant_id = excluded.grant_id, uid = excluded.uid, account_id = excluded.account_id`,
      [record.model, record.id, record.payload, record.expiresAt, record.grantId, record.uid, record.accountId],
    );
  }

  async findOAuth(model: string, id: string): Promise<OAuthRecord | undefined> {
    const [row] = await this.#query('SELECT * FROM punchcard_oauth WHERE model = $1 AND id = $2 AND (expires_at IS NULL OR expires_at > $3)', [model, id, this.#now()]);
    return row && oauthRecord(row);
  }

  async findOAuthByUid(model: string, uid: string): Promise<OAuthRecord | undefined> {
    const [row] = await this.#query('SELECT * FROM punchcard_oauth WHERE model = $1 AND uid = $2 AND (expires_at IS NULL OR expires_at > $3) LIMIT 1', [model, uid, this.#now()]);
    return row && oauthRecord(row);
  }

  async consumeOAuth(model: string, id: string, at: number): Promise<void> {
    await this.#query('UPDATE punchcard_oauth SET consumed_at = $1 WHERE model = $2 AND id = $3 AND consumed_at IS NULL', [at, model, id]);
  }

  async destroyOAuth(model: string, id: string): Promise<void> {
    await this.#query('DELETE FROM punchcard_oauth WHERE model = $1 AND id = $2', [model, id]);
  }

  async revokeGrant(grantId: string): Promise<void> {
    await this.#query('DELETE FROM punchcard_oauth WHERE grant_id = $1', [grantId]);
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

  async savePerson(person: { id: string; identity: string; name: string; email: string | null; at: number }): Promise<PersonRecord> {
    const [row] = await this.#query(
      `INSERT INTO punchcard_people (id, identity, name, email, credentials, created_at, last_seen_at) VALUES ($1, $2, $3, $4, NULL, $5, $5)
       ON CONFLICT (identity) DO UPDATE SET name = excluded.name, email = excluded.email, last_seen_at = excluded.last_seen_at
       RETURNING *`,
      [person.id, person.identity, person.name, person.email, person.at],
    );
    return personRecord(row as Row);
  }

  async setCredentials(personId: string, sealed: string | null): Promise<void> {
    await this.#query('UPDATE punchcard_people SET credentials = $1 WHERE id = $2', [sealed, personId]);
  }

  async appendAudit(record: AuditRecord): Promise<void> {
    await this.#query('INSERT INTO punchcard_audit (at, person_id, person, client_id, client_name, tool, outcome, change) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)', [
      record.at,
      record.personId,
      record.person,
      record.clientId,
      record.clientName,
      record.tool,
      record.outcome,
      JSON.stringify(record.change),
    ]);
  }

  async readAudit(options: { since?: number; limit: number }): Promise<AuditRecord[]> {
    const rows = await this.#query('SELECT * FROM punchcard_audit WHERE at >= $1 ORDER BY seq LIMIT $2', [options.since ?? 0, options.limit]);
    return rows.map((row) => ({
      at: Number(row.at),
      personId: row.person_id as string,
      person: row.person as string,
      clientId: row.client_id as string,
      clientName: row.client_name as string,
      tool: row.tool as string,
      outcome: row.outcome as AuditRecord['outcome'],
      change: JSON.parse(row.change as string) as Record<string, unknown>,
    }));
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

  async sweep(now: number): Promise<void> {
    await this.#query('DELETE FROM punchcard_oauth WHERE expires_at IS NOT NULL AND expires_at <= $1', [now]);
    await this.#query('DELETE FROM punchcard_counters WHERE window_start < $1', [now - 2 * 3_600_000]);
  }

  async close(): Promise<void> {
    await this.#pool.end();
  }
}

function oauthRecord(row: Row): OAuthRecord {
  return {
    model: row.model as string,
    id: row.id as string,
    payload: row.payload as string,
    expiresAt: row.expires_at === null ? null : Number(row.expires_at),
    grantId: row.grant_id as string | null,
    uid: row.uid as string | null,
    accountId: row.account_id as string | null,
    consumedAt: row.consumed_at === null ? null : Number(row.consumed_at),
  };
}

function personRecord(row: Row): PersonRecord {
  return {
    id: row.id as string,
    identity: row.identity as string,
    name: row.name as string,
    email: row.email as string | null,
    credentials: row.credentials as string | null,
    createdAt: Number(row.created_at),
    lastSeenAt: Number(row.last_seen_at),
  };
}
