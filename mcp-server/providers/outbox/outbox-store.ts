// The outbox: writes kept while a remote back end is out of reach, one row each with the moment it
// happened, in the order they were made, in a SQLite file in the data folder (outbox.db) that every
// engine on the machine shares (the app's and one per AI client). With it, what the engine last knew
// of the back end (the running timer, the catalog, the person's zone, recent entries), so a read while
// it is out of reach can show that, with its age, instead of nothing.
//
// Each send is recorded before and after (docs/decisions.md, "The outbox"): an engine claims the
// first open row under the write lock (its owner and a lease), sends it, and records the outcome with
// the back end's id. A second engine finds the row claimed and waits its turn; an engine killed
// between the claim and the record leaves a claim whose process is gone (or whose lease ran out), which
// the next engine takes over; like every send, it looks at the back end before it writes (deliver.ts),
// so a send that went out before the crash is found there. So a row is never lost, and never sent twice.
import { existsSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { isKeptOutcomeCode, type KeptOutcomeCode, type OutboxProblem, outboxProblemSentence } from '../../contract/outcomes/outbox.ts';
import { type Notice, noticeOf } from '../../contract/outcomes/notices.ts';
import { modelText } from '../../contract/outcomes/sentence.ts';
import type { Log } from '../../log.ts';
import { createPrivateFile, keepFilesPrivate, makePrivateFolder } from '../../private-files.ts';
import { isBusy, isReadOnlyError, isWritable, whileBusy } from '../sqlite-files.ts';
import { BackEndError } from '../time-tracker.ts';

/** How long a call waits for another process holding the file's write lock; writes here take milliseconds. */
const LOCK_WAIT_MS = 10_000;
/** What the file is for, in a sentence about a lock on it. */
const OUTBOX = "Punchcard's outbox";
/** Remembered reads kept per back end; the oldest go first. */
const KNOWN_KEYS = 64;
/** A remembered read larger than this (a huge catalog) is not kept: the outbox file stays small. */
const KNOWN_MAX_CHARS = 2_000_000;

export const OUTBOX_FILE = 'outbox.db';

/**
 * How many writes in an outbox file wait, to be sent or for the person's decision (a dismissed one
 * waits for nothing): what the team server's metrics report. Read-only, and never waiting on a lock,
 * so a scrape holds up no request; a file another process is writing counts as none until the next look.
 */
export function waitingWrites(file: string, backEnd: string): number {
  if (!existsSync(file)) return 0;
  let db: DatabaseSync | undefined;
  try {
    db = new DatabaseSync(file, { readOnly: true, timeout: 0 });
    const row = db
      .prepare(
        "SELECT count(*) AS waiting FROM outbox WHERE back_end = ? AND (state IN ('queued', 'sending') OR (state = 'needs_decision' AND dismissed_at IS NULL))",
      )
      .get(backEnd) as { waiting: number };
    return row.waiting;
  } catch {
    return 0;
  } finally {
    db?.close();
  }
}

/**
 * Schema migrations in order; `PRAGMA user_version` says how many have run. Never edit one that shipped.
 * A change of what a column holds that an older Punchcard can still read is not one: `outcome` holds
 * `{ code, facts }` as JSON since outcomes became data, and plain words in rows written before
 * (outcomeOf reads both; an older Punchcard reads the JSON as the words it shows).
 */
export const OUTBOX_MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE outbox (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    back_end TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('clock_in', 'clock_out', 'log_time', 'start_break', 'end_break')),
    origin TEXT NOT NULL CHECK (origin IN ('app', 'ai')),
    payload TEXT NOT NULL,
    happened_at INTEGER NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('queued', 'sending', 'sent', 'adjusted', 'needs_decision')),
    owner TEXT,
    owner_pid INTEGER,
    owner_host TEXT,
    lease_until INTEGER,
    attempts INTEGER NOT NULL DEFAULT 0,
    remote_id INTEGER,
    outcome TEXT,
    told INTEGER NOT NULL DEFAULT 0 CHECK (told IN (0, 1)),
    settled_at INTEGER
  );
  CREATE INDEX outbox_by_state ON outbox (back_end, state, seq);

  CREATE TABLE known (
    back_end TEXT NOT NULL,
    key TEXT NOT NULL,
    value TEXT NOT NULL,
    at INTEGER NOT NULL,
    PRIMARY KEY (back_end, key)
  ) WITHOUT ROWID;
  `,
  // A kept write the person dismissed (the window's list of decisions): it stays, as every row does,
  // and is no longer offered for a decision.
  `
  ALTER TABLE outbox ADD COLUMN dismissed_at INTEGER;
  `,
  // Whose login a kept write is for (docs/several-trackers.md, "Whose a connection is"): the back end's id of the
  // person its secret answered for; WHOSE_UNKNOWN where that was not known and two trackers share the address; null
  // where any login of the account may send it (rows kept before, one tracker, a login named in the profile).
  // An older Punchcard refuses the file from here on, so it never sends a write kept for one login with another's.
  `
  ALTER TABLE outbox ADD COLUMN person TEXT;
  `,
];

/** A kept write's person where it was kept before the person was known and another tracker has the same address: the person decides. */
export const WHOSE_UNKNOWN = '?';

/** What is kept: the schema also allows the break tools, which are never kept (docs/decisions.md, "The outbox"). */
export type OutboxKind = 'clock_in' | 'clock_out' | 'log_time';
export type OutboxState = 'queued' | 'sending' | 'sent' | 'adjusted' | 'needs_decision';
/** What came of a kept write once it was settled: a notice of its own (contract/outcomes/outbox.ts), stored with its row. */
export type KeptOutcome = Notice<KeptOutcomeCode>;
/** Whose write it was: the app's own engine, or an AI client's (its tool switches and policy apply when it is sent). */
export type OutboxOrigin = 'app' | 'ai';

export interface OutboxRow {
  seq: number;
  kind: OutboxKind;
  origin: OutboxOrigin;
  payload: unknown;
  happenedAt: number;
  state: OutboxState;
  attempts: number;
  remoteId: number | null;
  /** What came of it, once settled. */
  outcome: KeptOutcome | null;
  told: boolean;
  settledAt: number | null;
  /** When the person dismissed it (a row waiting for their decision), or null. */
  dismissedAt: number | null;
  /** Whose login it is for: the back end's id of the person, WHOSE_UNKNOWN, or null for any login of the account. */
  person: string | null;
}

export interface Remembered<T> {
  value: T;
  at: number;
}

// A row as node:sqlite reads it: a type, not an interface, so the query's records of SQL values narrow
// to it with a plain `as` (the columns are this file's own schema).
type RawRow = {
  seq: number;
  kind: OutboxKind;
  origin: OutboxOrigin;
  payload: string;
  happened_at: number;
  state: OutboxState;
  owner: string | null;
  owner_pid: number | null;
  owner_host: string | null;
  lease_until: number | null;
  attempts: number;
  remote_id: number | null;
  outcome: string | null;
  told: number;
  settled_at: number | null;
  dismissed_at: number | null;
  person: string | null;
};

export interface OutboxStoreOptions {
  path: string;
  /** Which back end and account the rows are for: a row is only ever sent where it was made. */
  backEnd: string;
  now: () => number;
  log: Log;
  /** Told after a row was settled by this engine (outbox-signal.ts); errors are its own to handle. */
  onSettled?: () => void;
  /** How long a claim holds before another engine may take the row over (it looks first). */
  leaseMs?: number;
  /** Whether the process that holds a claim still runs (default: asks the system, on this machine). */
  processAlive?: (pid: number) => boolean;
  /**
   * Where the file gains its rows' person now: whether the writes waiting in it from before were kept where two
   * trackers share the address (their person is then WHOSE_UNKNOWN, and the person decides), else any login's.
   */
  keptBeforePersonsAmbiguous?: boolean;
}

export class OutboxStore {
  readonly #options: OutboxStoreOptions;
  /** This engine's name on its claims. */
  readonly owner = `${hostname()}:${process.pid}:${Math.random().toString(36).slice(2, 10)}`;
  #db: DatabaseSync | undefined;

  constructor(options: OutboxStoreOptions) {
    this.#options = options;
  }

  get path(): string {
    return this.#options.path;
  }

  /** Puts a write at the end of the queue; its number. */
  async add(item: { kind: OutboxKind; origin: OutboxOrigin; payload: unknown; happenedAt: number; person?: string | null }): Promise<number> {
    return this.#write((db) => {
      const result = db
        .prepare("INSERT INTO outbox (back_end, kind, origin, payload, happened_at, state, person) VALUES (?, ?, ?, ?, ?, 'queued', ?)")
        .run(this.#options.backEnd, item.kind, item.origin, JSON.stringify(item.payload), item.happenedAt, item.person ?? null);
      return Number(result.lastInsertRowid);
    });
  }

  /** The rows not yet settled (queued, or being sent), in order. */
  async open(): Promise<OutboxRow[]> {
    return this.#read((db) =>
      (db.prepare("SELECT * FROM outbox WHERE back_end = ? AND state IN ('queued', 'sending') ORDER BY seq").all(this.#options.backEnd) as RawRow[]).map(rowOf),
    );
  }

  async row(seq: number): Promise<OutboxRow | undefined> {
    return this.#read((db) => {
      const raw = db.prepare('SELECT * FROM outbox WHERE back_end = ? AND seq = ?').get(this.#options.backEnd, seq) as RawRow | undefined;
      return raw && rowOf(raw);
    });
  }

  /**
   * Claims the first open row for this engine, in one transaction: none when the queue is empty, or
   * 'busy' when another engine that still runs holds it (rows go out in order, so this one waits).
   */
  async claimNext(): Promise<OutboxRow | 'busy' | null> {
    const now = this.#options.now();
    return this.#write((db) => {
      const raw = db.prepare("SELECT * FROM outbox WHERE back_end = ? AND state IN ('queued', 'sending') ORDER BY seq LIMIT 1").get(this.#options.backEnd) as
        | RawRow
        | undefined;
      if (!raw) return null;
      const held = raw.state === 'sending' && raw.owner !== this.owner && this.#holds(raw, now);
      if (held) return 'busy';
      const lease = now + (this.#options.leaseMs ?? DEFAULT_LEASE_MS);
      db.prepare("UPDATE outbox SET state = 'sending', owner = ?, owner_pid = ?, owner_host = ?, lease_until = ?, attempts = attempts + 1 WHERE seq = ?").run(
        this.owner,
        process.pid,
        hostname(),
        lease,
        raw.seq,
      );
      return { ...rowOf(raw), state: 'sending', attempts: raw.attempts + 1 };
    });
  }

  /**
   * The row could not be sent now: it goes back to the queue. When the request may have reached the
   * back end (a deadline passed), the row stays marked so that the next claim looks before it sends.
   * `counted`: false where the try said nothing about the row (the back end was away, or asked to
   * wait), so it does not count towards giving up on it (send-attempts.ts); `attempts` counts the rest.
   */
  async release(seq: number, maySent: boolean, counted = true): Promise<void> {
    await this.#write((db) => {
      const state = maySent ? 'sending' : 'queued';
      // Released with a lease in the past: the next claim, by any engine, may take it at once.
      db.prepare(
        'UPDATE outbox SET state = ?, owner = NULL, owner_pid = NULL, owner_host = NULL, lease_until = 0, attempts = attempts - ? WHERE seq = ? AND owner = ?',
      ).run(state, counted ? 0 : 1, seq, this.owner);
    });
  }

  /** Records how a claimed row ended; false when the claim was lost meanwhile (another engine took it over). */
  async settle(seq: number, settled: { state: 'sent' | 'adjusted' | 'needs_decision'; remoteId?: number | null; outcome: KeptOutcome }): Promise<boolean> {
    const now = this.#options.now();
    const done = await this.#write((db) => {
      const result = db
        .prepare(
          'UPDATE outbox SET state = ?, remote_id = ?, outcome = ?, settled_at = ?, owner = NULL, owner_pid = NULL, owner_host = NULL, lease_until = NULL WHERE seq = ? AND owner = ?',
        )
        .run(settled.state, settled.remoteId ?? null, JSON.stringify(settled.outcome), now, seq, this.owner);
      return Number(result.changes) === 1;
    });
    if (done) this.#options.onSettled?.();
    return done;
  }

  /**
   * Settled rows the person has not been told about yet. Reading does not mark them: a call that
   * reads them may still fail, be cancelled or ask a question before it answers, and the news must
   * then reach the next answer (markTold, once it is in one).
   */
  async untold(): Promise<OutboxRow[]> {
    return this.#read((db) =>
      (
        db
          .prepare("SELECT * FROM outbox WHERE back_end = ? AND told = 0 AND state IN ('sent', 'adjusted', 'needs_decision') ORDER BY seq")
          .all(this.#options.backEnd) as RawRow[]
      ).map(rowOf),
    );
  }

  /** Kept writes that wait for the person's decision and were not dismissed, oldest first. */
  async awaitingDecision(limit: number): Promise<OutboxRow[]> {
    return this.#read((db) =>
      (
        db
          .prepare("SELECT * FROM outbox WHERE back_end = ? AND state = 'needs_decision' AND dismissed_at IS NULL ORDER BY seq LIMIT ?")
          .all(this.#options.backEnd, limit) as RawRow[]
      ).map(rowOf),
    );
  }

  /** The person keeps what the back end has: the row leaves the list of decisions. False where it was not waiting for one. */
  async dismiss(seq: number): Promise<boolean> {
    const now = this.#options.now();
    return this.#write((db) => {
      const result = db
        .prepare("UPDATE outbox SET dismissed_at = ?, told = 1 WHERE back_end = ? AND seq = ? AND state = 'needs_decision' AND dismissed_at IS NULL")
        .run(now, this.#options.backEnd, seq);
      return Number(result.changes) === 1;
    });
  }

  /**
   * The person sends a kept write again, with `payload` (which may say how: an entry that may overlap):
   * the row is queued where it was, with its tries counted afresh. A write whose login was not known is
   * sent with the login of the tracker it waits in: the person said so. False where it was not waiting
   * for a decision (another window or engine decided first).
   */
  async requeue(seq: number, payload: unknown): Promise<boolean> {
    return this.#write((db) => {
      const result = db
        .prepare(
          "UPDATE outbox SET state = 'queued', payload = ?, attempts = 0, remote_id = NULL, outcome = NULL, told = 0, settled_at = NULL, person = CASE WHEN person = ? THEN NULL ELSE person END WHERE back_end = ? AND seq = ? AND state = 'needs_decision' AND dismissed_at IS NULL",
        )
        .run(JSON.stringify(payload), WHOSE_UNKNOWN, this.#options.backEnd, seq);
      return Number(result.changes) === 1;
    });
  }

  /** Marks rows told: their news went out in an answer. */
  async markTold(seqs: readonly number[]): Promise<void> {
    if (seqs.length === 0) return;
    await this.#write((db) => {
      const mark = db.prepare('UPDATE outbox SET told = 1 WHERE back_end = ? AND seq = ?');
      for (const seq of seqs) mark.run(this.#options.backEnd, seq);
    });
  }

  /** Keeps what a read of the back end answered, with the moment; the oldest beyond KNOWN_KEYS go. */
  async remember(key: string, value: unknown): Promise<void> {
    const text = JSON.stringify(value);
    if (text === undefined || text.length > KNOWN_MAX_CHARS) return;
    const now = this.#options.now();
    await this.#write((db) => {
      db.prepare(
        'INSERT INTO known (back_end, key, value, at) VALUES (?, ?, ?, ?) ON CONFLICT (back_end, key) DO UPDATE SET value = excluded.value, at = excluded.at',
      ).run(this.#options.backEnd, key, text, now);
      db.prepare('DELETE FROM known WHERE back_end = ? AND key NOT IN (SELECT key FROM known WHERE back_end = ? ORDER BY at DESC LIMIT ?)').run(
        this.#options.backEnd,
        this.#options.backEnd,
        KNOWN_KEYS,
      );
    });
  }

  async recall<T>(key: string): Promise<Remembered<T> | undefined> {
    return this.#read((db) => {
      const raw = db.prepare('SELECT value, at FROM known WHERE back_end = ? AND key = ?').get(this.#options.backEnd, key) as
        | { value: string; at: number }
        | undefined;
      return raw && { value: JSON.parse(raw.value) as T, at: raw.at };
    });
  }

  close(): void {
    this.#db?.close();
    this.#db = undefined;
  }

  /** A claim still stands while its lease runs and, on this machine, its process lives. */
  #holds(raw: RawRow, now: number): boolean {
    if ((raw.lease_until ?? 0) <= now) return false;
    if (raw.owner_host === hostname() && raw.owner_pid !== null) {
      const alive = this.#options.processAlive ?? processAlive;
      return alive(raw.owner_pid);
    }
    return true;
  }

  async #read<T>(work: (db: DatabaseSync) => T): Promise<T> {
    const db = await this.#open();
    return whileBusy(this.#options.path, LOCK_WAIT_MS, () => work(db), OUTBOX);
  }

  async #write<T>(work: (db: DatabaseSync) => T): Promise<T> {
    const db = await this.#open();
    return whileBusy(
      this.#options.path,
      LOCK_WAIT_MS,
      () => {
        db.exec('BEGIN IMMEDIATE');
        try {
          const result = work(db);
          db.exec('COMMIT');
          return result;
        } catch (error) {
          if (db.isTransaction) db.exec('ROLLBACK');
          throw error;
        }
      },
      OUTBOX,
    );
  }

  /**
   * The file, opened on first use, private like the timesheet (../../private-files.ts), migrated under
   * the write lock. A file a newer Punchcard migrated is refused in words and left as it is. Whatever
   * keeps the file from being opened for good (a folder that cannot be written, a damaged file, a newer
   * schema) is an OutboxUnusable; another program's lock is only a wait, and stays the lock's sentence.
   */
  async #open(): Promise<DatabaseSync> {
    if (this.#db) return this.#db;
    const { path, log } = this.#options;
    try {
      makePrivateFolder(dirname(path), log);
    } catch (error) {
      throw new OutboxUnusable({ problem: 'cannot_create', path, reason: (error as Error).message });
    }
    if (!isWritable(path)) throw new OutboxUnusable({ problem: 'not_writable', path });
    createPrivateFile(path, log);
    keepFilesPrivate([`${path}-wal`, `${path}-shm`], log);
    this.#db = await whileBusy(
      path,
      LOCK_WAIT_MS,
      () => {
        let db: DatabaseSync | undefined;
        try {
          db = new DatabaseSync(path, { timeout: 0 });
          const { journal_mode: mode } = db.prepare('PRAGMA journal_mode').get() as { journal_mode: string };
          if (mode !== 'wal') db.exec('PRAGMA journal_mode = WAL');
          db.exec('PRAGMA synchronous = NORMAL');
          migrate(db, path, this.#options.keptBeforePersonsAmbiguous === true);
          return db;
        } catch (error) {
          db?.close();
          // A busy file is waited out (whileBusy); anything else will not open the next time either.
          if (isBusy(error)) throw error;
          throw unusable(path, error);
        }
      },
      OUTBOX,
    );
    return this.#db;
  }
}

/**
 * The outbox file cannot be opened at all: the engine then works without it (outbox-tracker.ts), and
 * the person hears why, with what to do (`problem`; its words are the message).
 */
export class OutboxUnusable extends Error {
  readonly problem: OutboxProblem;
  constructor(problem: OutboxProblem) {
    super(modelText(outboxProblemSentence(problem)));
    this.name = 'OutboxUnusable';
    this.problem = problem;
  }
}

function unusable(path: string, error: unknown): OutboxUnusable {
  // A newer schema is refused with its versions (migrate).
  if (error instanceof BackEndError && error.refusal.code === 'outbox_newer') return new OutboxUnusable({ problem: 'newer', ...error.refusal.facts });
  if (isReadOnlyError(error)) return new OutboxUnusable({ problem: 'not_writable', path });
  const reason = (error instanceof Error ? error.message : String(error)).replace(/[.\s]+$/, '');
  return new OutboxUnusable({ problem: 'cannot_open', path, reason });
}

/** A claim outlives a send's deadlines (a few requests of 15 s each) with room to spare. */
export const DEFAULT_LEASE_MS = 120_000;

/** The migration that gives rows their person (OUTBOX_MIGRATIONS' third). */
const PERSON_MIGRATION = 2;

function migrate(db: DatabaseSync, path: string, ambiguous: boolean): void {
  const version = () => (db.prepare('PRAGMA user_version').get() as { user_version: number }).user_version;
  if (version() === OUTBOX_MIGRATIONS.length) return;
  db.exec('BEGIN IMMEDIATE');
  try {
    // Another engine may have migrated while this one waited for the lock.
    const current = version();
    if (current > OUTBOX_MIGRATIONS.length) throw new BackEndError('outbox_newer', { path, version: current, supported: OUTBOX_MIGRATIONS.length });
    for (let next = current; next < OUTBOX_MIGRATIONS.length; next++) {
      db.exec(OUTBOX_MIGRATIONS[next] as string);
      // Writes waiting from before were kept for whichever login the tracker had then: where two trackers share the
      // address now, that cannot be told, and the person decides rather than a secret's owner by guess.
      if (next === PERSON_MIGRATION && ambiguous) db.prepare("UPDATE outbox SET person = ? WHERE state IN ('queued', 'sending')").run(WHOSE_UNKNOWN);
      db.exec(`PRAGMA user_version = ${next + 1}`);
    }
    db.exec('COMMIT');
  } catch (error) {
    if (db.isTransaction) db.exec('ROLLBACK');
    throw error;
  }
}

function rowOf(raw: RawRow): OutboxRow {
  return {
    seq: raw.seq,
    kind: raw.kind,
    origin: raw.origin,
    payload: JSON.parse(raw.payload) as unknown,
    happenedAt: raw.happened_at,
    state: raw.state,
    attempts: raw.attempts,
    remoteId: raw.remote_id,
    outcome: outcomeOf(raw.outcome),
    told: raw.told === 1,
    settledAt: raw.settled_at,
    dismissedAt: raw.dismissed_at,
    person: raw.person ?? null,
  };
}

/**
 * A row's outcome as the file holds it: `{ code, facts }` as JSON, or words alone, as rows written
 * before outcomes were data hold them (`kept_write_said`). A code this Punchcard does not know (a newer
 * one settled the row) is `kept_outcome_unknown`.
 */
export function outcomeOf(stored: string | null): KeptOutcome | null {
  if (stored === null) return null;
  if (stored.startsWith('{')) {
    const parsed = parsedOutcome(stored);
    if (parsed) return isKeptOutcomeCode(parsed.code) ? (parsed as KeptOutcome) : (noticeOf('kept_outcome_unknown', { code: parsed.code }) as KeptOutcome);
  }
  return noticeOf('kept_write_said', { words: stored }) as KeptOutcome;
}

function parsedOutcome(stored: string): { code: string; facts: object } | undefined {
  try {
    const parsed = JSON.parse(stored) as { code?: unknown; facts?: unknown } | null;
    if (typeof parsed?.code !== 'string' || typeof parsed.facts !== 'object' || parsed.facts === null || Array.isArray(parsed.facts)) return undefined;
    return { code: parsed.code, facts: parsed.facts };
  } catch {
    return undefined;
  }
}

/** Whether a process of this machine runs: signal 0 only asks (EPERM: it runs, as someone else). */
function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
