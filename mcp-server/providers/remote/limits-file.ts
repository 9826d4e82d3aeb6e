// A back end's organisation-wide limit as the programs on one computer count it together: the app's
// engine, the window's connection test and one engine per AI client are separate processes on the
// same key, and a pace kept in any one of them lets the others' requests through beside its own (two
// processes each within Calamari's ten a second send twenty). So they count in one small SQLite file in
// the data folder (limits.db): the hour and the day (organisation-limit.ts, as the team server counts
// in its store), the holds a 429 asks for, and each request of the last seconds, so the second is
// shared too (`sharedPacer`).
//
// The file holds no secret and nothing of the person's work: counters, keyed by the back end and its
// address. It is private like every file in the data folder (../../private-files.ts). Where it cannot be
// used (a folder that cannot be written, a damaged file, another program's lock held too long), the
// process counts on its own, as Punchcard did before, and says so once: a limit file is never a reason
// not to send a person's request.
import { dirname, join } from 'node:path';
import { DatabaseSync, type StatementSync } from 'node:sqlite';
import { setTimeout as delay } from 'node:timers/promises';
import { createPrivateFile, keepFilesPrivate, makePrivateFolder } from '../../private-files.ts';
import { whileBusy } from '../sqlite-files.ts';
import type { LimitLedger } from './organisation-limit.ts';
import type { Pacer } from './pacing.ts';

export const LIMITS_FILE = 'limits.db';

/** How long a count waits for another process's write lock; each write here takes well under a millisecond. */
const LOCK_WAIT_MS = 2_000;
/** Counters and holds this much older than now are swept when the file is opened: the longest window is a day. */
const KEPT_MS = 2 * 24 * 3_600_000;
/**
 * A turn whose request has not gone out yet counts as going out now, for every process: it may leave
 * any moment, and the window it then opens is not yet known. One still waiting after this long was
 * given up (json-http.ts abandons a request long before) or its process ended, and counts as sent then.
 */
const PENDING_MS = 60_000;
/** How soon a process looks again when the turns that fill the window have not gone out yet. */
const PENDING_POLL_MS = 20;

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS counters (key TEXT NOT NULL, window_start INTEGER NOT NULL, count INTEGER NOT NULL, PRIMARY KEY (key, window_start)) STRICT, WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS holds (key TEXT PRIMARY KEY, lifts_at INTEGER NOT NULL, length_ms INTEGER NOT NULL) STRICT, WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS turns (id INTEGER PRIMARY KEY, key TEXT NOT NULL, taken_at INTEGER NOT NULL, sent_at INTEGER) STRICT;
  CREATE INDEX IF NOT EXISTS turns_by_key ON turns (key);
`;

/** A turn in a window: taken (`id` names it, to mark when it really went out), or not yet (`waitMs`). */
export type Turn = { id: number } | { waitMs: number };

/**
 * The limits file of one data folder. Each operation is one short transaction; a process that cannot
 * use the file counts in memory instead (the same answers, for this process alone).
 */
export class LimitsFile implements LimitLedger {
  readonly path: string;
  readonly #log: (message: string) => void;
  readonly #now: () => number;
  #db: DatabaseSync | undefined;
  /** Each statement compiled once for the open file: a Calamari request runs four of them. */
  readonly #statements = new Map<string, StatementSync>();
  /** Set once the file turned out unusable: from then on this process counts alone. */
  #alone: MemoryLedger | undefined;
  /** Where a request is counted whose turn at the file waited past another program's lock. */
  #waitedOut: MemoryLedger | undefined;

  /** `now` is the wall clock, which old counters are swept by when the file is opened. */
  constructor(dataDir: string, log: (message: string) => void, now: () => number = Date.now) {
    this.path = join(dataDir, LIMITS_FILE);
    this.#log = log;
    this.#now = now;
  }

  hit(key: string, windowStart: number, amount = 1): Promise<number> {
    return this.#use(
      (db) =>
        (
          db
            .prepare(
              'INSERT INTO counters (key, window_start, count) VALUES (?, ?, ?) ON CONFLICT (key, window_start) DO UPDATE SET count = count + excluded.count RETURNING count',
            )
            .get(key, windowStart, amount) as { count: number }
        ).count,
      (memory) => memory.hit(key, windowStart, amount),
    );
  }

  holdUntil(key: string, liftsAt: number, lengthMs: number): Promise<void> {
    return this.#use(
      (db) => {
        this.#statement(
          db,
          'INSERT INTO holds (key, lifts_at, length_ms) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET lifts_at = excluded.lifts_at, length_ms = excluded.length_ms WHERE excluded.lifts_at > holds.lifts_at',
        ).run(key, liftsAt, lengthMs);
      },
      (memory) => memory.holdUntil(key, liftsAt, lengthMs),
    );
  }

  hold(key: string): Promise<{ liftsAt: number; lengthMs: number } | undefined> {
    return this.#use(
      (db) => {
        const row = this.#statement(db, 'SELECT lifts_at, length_ms FROM holds WHERE key = ?').get(key) as { lifts_at: number; length_ms: number } | undefined;
        return row && { liftsAt: row.lifts_at, lengthMs: row.length_ms };
      },
      (memory) => memory.hold(key),
    );
  }

  endHold(key: string, sentAt: number): Promise<void> {
    return this.#use(
      (db) => {
        this.#statement(db, 'DELETE FROM holds WHERE key = ? AND lifts_at - length_ms < ?').run(key, sentAt);
      },
      (memory) => memory.endHold(key, sentAt),
    );
  }

  /**
   * One more request of `key` now, if fewer than `max` went out in the last `windowMs` (by whichever
   * process); else how long to wait before asking again. A turn taken and not yet marked sent counts
   * as going out now (`PENDING_MS`), so no process dates another's request earlier than it left.
   * Times are the wall clock, the one clock the processes share; a turn taken ahead of now by more
   * than a window (the clock was set back) no longer counts.
   */
  takeTurn(key: string, max: number, windowMs: number, now: number): Promise<Turn> {
    return this.#use(
      (db) => {
        db.exec('BEGIN IMMEDIATE');
        try {
          const goesOut = 'coalesce(sent_at, min(?, taken_at + ?))';
          this.#statement(db, `DELETE FROM turns WHERE key = ? AND (${goesOut} <= ? OR taken_at > ?)`).run(
            key,
            now,
            PENDING_MS,
            now - windowMs,
            now + windowMs,
          );
          const { count, first } = this.#statement(db, `SELECT count(*) AS count, min(${goesOut}) AS first FROM turns WHERE key = ?`).get(
            now,
            PENDING_MS,
            key,
          ) as {
            count: number;
            first: number | null;
          };
          const turn: Turn =
            count < max
              ? { id: Number((this.#statement(db, 'INSERT INTO turns (key, taken_at) VALUES (?, ?) RETURNING id').get(key, now) as { id: number }).id) }
              : { waitMs: waitFor(first ?? now, windowMs, now) };
          db.exec('COMMIT');
          return turn;
        } catch (error) {
          if (db.isTransaction) db.exec('ROLLBACK');
          throw error;
        }
      },
      (memory) => memory.takeTurn(key, max, windowMs, now),
    );
  }

  /** The request of a turn went out (its socket was assigned): its window starts now. */
  async markSent(id: number, at: number): Promise<void> {
    await this.#use(
      (db) => {
        this.#statement(db, 'UPDATE turns SET sent_at = max(taken_at, ?) WHERE id = ?').run(at, id);
      },
      (memory) => memory.markSent(id, at),
    );
  }

  close(): void {
    this.#statements.clear();
    this.#db?.close();
    this.#db = undefined;
  }

  async #use<T>(work: (db: DatabaseSync) => T, alone: (memory: MemoryLedger) => T | Promise<T>): Promise<T> {
    if (!this.#alone) {
      try {
        return await whileBusy(
          this.path,
          LOCK_WAIT_MS,
          () => work(this.#open()),
          'the request limits file',
          (message) => new LockedTooLong(message),
        );
      } catch (error) {
        // Another program's lock held past the wait: this one request is counted here alone, and the log says so once.
        if (error instanceof LockedTooLong) {
          if (!this.#waitedOut)
            this.#log(
              `The request limits file ${this.path} stayed locked by another process for more than ${LOCK_WAIT_MS / 1000} s, so this process counted a request on its own; Punchcard's other processes on this computer may then be refused for it (429).`,
            );
          return alone((this.#waitedOut ??= new MemoryLedger()));
        }
        this.close();
        this.#alone = new MemoryLedger();
        const reason = (error instanceof Error ? error.message : String(error)).replace(/[.\s]+$/, '');
        this.#log(
          `The request limits file ${this.path} cannot be used (${reason}), so this process counts the back end's limit on its own; Punchcard's other processes on this computer may then be refused for it (429).`,
        );
      }
    }
    return alone(this.#alone as MemoryLedger);
  }

  #statement(db: DatabaseSync, sql: string): StatementSync {
    let statement = this.#statements.get(sql);
    if (!statement) this.#statements.set(sql, (statement = db.prepare(sql)));
    return statement;
  }

  #open(): DatabaseSync {
    if (this.#db) return this.#db;
    makePrivateFolder(dirname(this.path), this.#log);
    createPrivateFile(this.path, this.#log);
    keepFilesPrivate([`${this.path}-wal`, `${this.path}-shm`], this.#log);
    const db = new DatabaseSync(this.path, { timeout: 0 });
    try {
      const { journal_mode: mode } = db.prepare('PRAGMA journal_mode').get() as { journal_mode: string };
      if (mode !== 'wal') db.exec('PRAGMA journal_mode = WAL');
      // Counters lost to a power cut cost at most a few requests too many, never a person's data.
      db.exec('PRAGMA synchronous = NORMAL');
      db.exec(SCHEMA);
      const old = this.#now() - KEPT_MS;
      db.prepare('DELETE FROM counters WHERE window_start < ?').run(old);
      db.prepare('DELETE FROM holds WHERE lifts_at < ?').run(old);
    } catch (error) {
      db.close();
      throw error;
    }
    this.#db = db;
    return db;
  }
}

class LockedTooLong extends Error {}

/** The same ledger for one process alone: what a process counts when the file cannot be used. */
class MemoryLedger implements LimitLedger {
  readonly #counters = new Map<string, number>();
  readonly #holds = new Map<string, { liftsAt: number; lengthMs: number }>();
  readonly #turns = new Map<string, Map<number, { takenAt: number; sentAt?: number }>>();
  #nextId = 1;

  async hit(key: string, windowStart: number, amount = 1): Promise<number> {
    const name = `${key}\u0000${windowStart}`;
    const count = (this.#counters.get(name) ?? 0) + amount;
    this.#counters.set(name, count);
    return count;
  }

  async holdUntil(key: string, liftsAt: number, lengthMs: number): Promise<void> {
    if ((this.#holds.get(key)?.liftsAt ?? -Infinity) < liftsAt) this.#holds.set(key, { liftsAt, lengthMs });
  }

  async hold(key: string): Promise<{ liftsAt: number; lengthMs: number } | undefined> {
    return this.#holds.get(key);
  }

  async endHold(key: string, sentAt: number): Promise<void> {
    const hold = this.#holds.get(key);
    if (hold && hold.liftsAt - hold.lengthMs < sentAt) this.#holds.delete(key);
  }

  takeTurn(key: string, max: number, windowMs: number, now: number): Turn {
    const turns = this.#turns.get(key) ?? new Map<number, { takenAt: number; sentAt?: number }>();
    this.#turns.set(key, turns);
    const goesOut = (turn: { takenAt: number; sentAt?: number }) => turn.sentAt ?? Math.min(now, turn.takenAt + PENDING_MS);
    for (const [id, turn] of turns) if (goesOut(turn) <= now - windowMs || turn.takenAt > now + windowMs) turns.delete(id);
    if (turns.size >= max) return { waitMs: waitFor(Math.min(...[...turns.values()].map(goesOut)), windowMs, now) };
    const id = this.#nextId++;
    turns.set(id, { takenAt: now });
    return { id };
  }

  markSent(id: number, at: number): void {
    for (const turns of this.#turns.values()) {
      const turn = turns.get(id);
      if (turn) turn.sentAt = Math.max(turn.takenAt, at);
    }
  }
}

/** How long until the oldest turn leaves the window, or a short look again while it has not gone out. */
function waitFor(first: number, windowMs: number, now: number): number {
  return first >= now ? PENDING_POLL_MS : Math.max(1, windowMs - (now - first));
}

/**
 * A pace every process on the file keeps together: at most `max` requests of `key` in any `windowMs`,
 * counted from when each really went out (json-http.ts calls the function the turn resolves with when
 * its socket is assigned). Within the process, turns are taken in order, so a call's requests leave
 * in the order they were made.
 */
export function sharedPacer(file: LimitsFile, key: string, max: number, windowMs: number, now: () => number = Date.now): Pacer {
  let queue: Promise<unknown> = Promise.resolve();
  return () => {
    const turn = queue.then(async () => {
      for (;;) {
        const taken = await file.takeTurn(key, max, windowMs, now());
        if ('id' in taken) {
          return () => {
            void file.markSent(taken.id, now());
          };
        }
        await delay(taken.waitMs);
      }
    });
    queue = turn.catch(() => {});
    return turn;
  };
}

/** One limits file per data folder in this process, shared by every tracker on it (a restart, the team of engines). */
const files = new Map<string, LimitsFile>();

export function limitsFileOf(dataDir: string, log: (message: string) => void): LimitsFile {
  let file = files.get(dataDir);
  if (!file) {
    file = new LimitsFile(dataDir, log);
    files.set(dataDir, file);
  }
  return file;
}
