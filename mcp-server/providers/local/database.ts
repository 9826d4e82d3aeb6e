// The local timesheet file. Several processes open it at once (the app's engine and one server per
// AI client), so every write takes the write lock up front (BEGIN IMMEDIATE) and waits for it
// (busy timeout) instead of failing; WAL lets readers continue meanwhile.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { MIGRATIONS } from './migrations.ts';

/** Long enough to outlast any write another process holds; writes here take milliseconds. */
const BUSY_TIMEOUT_MS = 10_000;

export type Database = DatabaseSync;

export function openDatabase(path: string): Database {
  mkdirSync(dirname(path), { recursive: true });
  return retryWhileBusy(() => {
    const db = new DatabaseSync(path, { timeout: BUSY_TIMEOUT_MS, enableForeignKeyConstraints: true });
    try {
      // Persistent in the file; switching needs a lock, so only the first opener ever asks.
      const { journal_mode: mode } = db.prepare('PRAGMA journal_mode').get() as { journal_mode: string };
      if (mode !== 'wal') db.exec('PRAGMA journal_mode = WAL');
      db.exec('PRAGMA synchronous = NORMAL');
      migrate(db);
      return db;
    } catch (error) {
      db.close();
      throw error;
    }
  });
}

export function migrate(db: Database): void {
  const current = userVersion(db);
  if (current > MIGRATIONS.length) {
    throw new Error(
      `The timesheet database was written by a newer Punchcard (schema ${current}, this one knows ${MIGRATIONS.length}). Update Punchcard.`,
    );
  }
  if (current === MIGRATIONS.length) return;
  writeTransaction(db, () => {
    // Re-read inside the lock: another process may have migrated while this one waited.
    for (let version = userVersion(db); version < MIGRATIONS.length; version++) {
      db.exec(MIGRATIONS[version] as string);
      db.exec(`PRAGMA user_version = ${version + 1}`);
    }
  });
}

function userVersion(db: Database): number {
  const row = db.prepare('PRAGMA user_version').get() as { user_version: number };
  return row.user_version;
}

/**
 * Runs `work` under the database write lock; everything in it commits or nothing does. `work` may
 * run more than once (see retryWhileBusy), so it must only touch the database.
 */
export function writeTransaction<T>(db: Database, work: () => T): T {
  return retryWhileBusy(() => {
    db.exec('BEGIN IMMEDIATE');
    try {
      const result = work();
      db.exec('COMMIT');
      return result;
    } catch (error) {
      if (db.isTransaction) db.exec('ROLLBACK');
      throw error;
    }
  });
}

/**
 * The busy timeout makes SQLite wait for another process's lock, but in a few cases it answers
 * "database is locked" at once instead (a journal-mode switch or WAL recovery racing another
 * opener, a stale read snapshot). Those are always safe to retry from the start, so they are
 * retried here, with growing pauses, until the same deadline the busy timeout has; only then does
 * the caller see the error.
 */
export function retryWhileBusy<T>(work: () => T): T {
  const deadline = Date.now() + BUSY_TIMEOUT_MS;
  for (let attempt = 0; ; attempt++) {
    try {
      return work();
    } catch (error) {
      if (!isBusy(error) || Date.now() >= deadline) throw error;
      sleep(Math.min(2 ** attempt, 50) + Math.random() * 5);
    }
  }
}

function isBusy(error: unknown): boolean {
  const code = (error as { errcode?: unknown }).errcode;
  // SQLITE_BUSY (5) and SQLITE_LOCKED (6), with any extended code in the upper bits.
  return typeof code === 'number' && ((code & 0xff) === 5 || (code & 0xff) === 6);
}

const sleeper = new Int32Array(new SharedArrayBuffer(4));
/** node:sqlite is synchronous, so waiting is too; the wait is milliseconds long. */
function sleep(ms: number): void {
  Atomics.wait(sleeper, 0, 0, ms);
}

export function isUniqueViolation(error: unknown, index?: string): boolean {
  const message = error instanceof Error ? error.message : '';
  return message.includes('UNIQUE constraint failed') && (index === undefined || message.includes(index));
}
