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
  const db = new DatabaseSync(path, { timeout: BUSY_TIMEOUT_MS, enableForeignKeyConstraints: true });
  // journal_mode is persistent in the file; setting it again is cheap and covers a file made elsewhere.
  db.exec('PRAGMA journal_mode = WAL');
  db.exec('PRAGMA synchronous = NORMAL');
  migrate(db);
  return db;
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

/** Runs `work` under the database write lock; everything in it commits or nothing does. */
export function writeTransaction<T>(db: Database, work: () => T): T {
  db.exec('BEGIN IMMEDIATE');
  try {
    const result = work();
    db.exec('COMMIT');
    return result;
  } catch (error) {
    db.exec('ROLLBACK');
    throw error;
  }
}

export function isUniqueViolation(error: unknown, index?: string): boolean {
  const message = error instanceof Error ? error.message : '';
  return message.includes('UNIQUE constraint failed') && (index === undefined || message.includes(index));
}
