// The local timesheet file. Several processes open it at once (the app's engine and one server per
// AI client), so every write takes the write lock up front (BEGIN IMMEDIATE); WAL lets readers
// continue meanwhile. SQLite never waits for a lock itself (no busy timeout): a busy answer comes
// back at once, and the call waits on a timer and tries again (../sqlite-files.ts), while every other
// request keeps being answered.
import { statSync } from 'node:fs';
import { dirname } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DatabaseSync } from 'node:sqlite';
import { createPrivateFile, keepFilesPrivate, makePrivateFolder } from '../../private-files.ts';
import { exists, isReadOnlyError, isWritable, whileBusy as waitWhileBusy } from '../sqlite-files.ts';
import { BackEndError } from '../time-tracker.ts';
import { MIGRATIONS } from './migrations.ts';
import { inspectTimesheetFile, PUNCHCARD_APPLICATION_ID, type TimesheetIdentity } from './timesheet-file.ts';

/** How long a call keeps trying while another program holds the lock; writes here take milliseconds. */
const LOCK_WAIT_MS = 10_000;

export type Database = DatabaseSync;

export interface Timesheet {
  readonly db: Database;
  readonly path: string;
  /** Opened read-only because its folder cannot be written: reads work, writes say why not. */
  readonly readOnly: boolean;
}

/**
 * Opens the timesheet at `path`, creating or migrating it, after making sure the file is one:
 * anything else is refused with the file left exactly as it was (see timesheet-file.ts). The folder,
 * the file and its -wal and -shm are the person's alone (../../private-files.ts); `log` says where
 * that cannot be made so.
 */
export async function openTimesheet(path: string, log: (message: string) => void = () => {}): Promise<Timesheet> {
  const folder = dirname(path);
  try {
    makePrivateFolder(folder, log);
  } catch (error) {
    if (!isReadOnlyError(error)) throw error;
  }
  const identity = await inspectTimesheetFile(path, LOCK_WAIT_MS);
  if (identity.kind === 'refused' || identity.kind === 'busy') throw BackEndError.of(identity.refusal);
  if (!isWritable(path)) return openReadOnly(path, identity);
  // SQLite would create the file 0644 less the umask, and its -wal and -shm with the file's mode: an
  // empty private file first (a new timesheet to every reader, timesheet-file.ts) makes all three private.
  createPrivateFile(path, log);
  keepFilesPrivate([`${path}-wal`, `${path}-shm`], log);
  return whileBusy(path, LOCK_WAIT_MS, () => {
    const db = new DatabaseSync(path, { timeout: 0, enableForeignKeyConstraints: true });
    try {
      // Persistent in the file; switching needs a lock, so only the first opener ever asks.
      const { journal_mode: mode } = db.prepare('PRAGMA journal_mode').get() as { journal_mode: string };
      if (mode !== 'wal') db.exec('PRAGMA journal_mode = WAL');
      db.exec('PRAGMA synchronous = NORMAL');
      migrate(db, path);
      return { db, path, readOnly: false };
    } catch (error) {
      db.close();
      throw error;
    }
  });
}

/**
 * Brings the schema up to date. Called after the file was identified, and it checks the version
 * again under the write lock: another process may have migrated (or a newer Punchcard may have)
 * since.
 */
function migrate(db: Database, path: string): void {
  if (!needsMigration(db, path)) return;
  writeNow(db, () => {
    if (!needsMigration(db, path)) return;
    for (let version = userVersion(db); version < MIGRATIONS.length; version++) {
      db.exec(MIGRATIONS[version] as string);
      db.exec(`PRAGMA user_version = ${version + 1}`);
    }
    // Timesheets made before the mark existed get it with their next migration or open.
    db.exec(`PRAGMA application_id = ${PUNCHCARD_APPLICATION_ID}`);
  });
}

function needsMigration(db: Database, path: string): boolean {
  const current = userVersion(db);
  if (current > MIGRATIONS.length) throw newerTimesheet(path, current);
  const { application_id: mark } = db.prepare('PRAGMA application_id').get() as { application_id: number };
  return current < MIGRATIONS.length || mark !== PUNCHCARD_APPLICATION_ID;
}

function newerTimesheet(path: string, version: number): BackEndError {
  return new BackEndError('timesheet_newer', { path, version, supported: MIGRATIONS.length });
}

function userVersion(db: Database): number {
  const row = db.prepare('PRAGMA user_version').get() as { user_version: number };
  return row.user_version;
}

/** Runs a read, trying again while another program holds a lock that keeps it out. */
export function readTimesheet<T>(sheet: Timesheet, work: () => T): Promise<T> {
  return whileBusy(sheet.path, LOCK_WAIT_MS, work);
}

/**
 * Runs `work` under the database write lock; everything in it commits or nothing does. `work` may
 * run more than once (while the lock is busy), so it must only touch the database.
 */
export function writeTransaction<T>(sheet: Timesheet, work: () => T): Promise<T> {
  if (sheet.readOnly) {
    return Promise.reject(new BackEndError('timesheet_folder_read_only', { folder: dirname(sheet.path) }));
  }
  return whileBusy(sheet.path, LOCK_WAIT_MS, () => writeNow(sheet.db, work));
}

function writeNow<T>(db: Database, work: () => T): T {
  db.exec('BEGIN IMMEDIATE');
  try {
    const result = work();
    db.exec('COMMIT');
    return result;
  } catch (error) {
    if (db.isTransaction) db.exec('ROLLBACK');
    throw error;
  }
}

/** Runs `work`, waiting out another process's lock on the timesheet (sqlite-files.ts). */
export function whileBusy<T>(path: string, lockWaitMs: number, work: () => T): Promise<T> {
  return waitWhileBusy(path, lockWaitMs, work, 'the timesheet');
}

/**
 * A timesheet in a folder that cannot be written (a read-only mount, a locked-down profile). SQLite
 * can still read it: normally if its -wal and -shm are there, and otherwise in immutable mode, which
 * is exact when no -wal holds changes (a read-only folder cannot be written by anyone else either).
 */
function openReadOnly(path: string, identity: TimesheetIdentity): Timesheet {
  const folder = dirname(path);
  if (identity.kind !== 'timesheet') throw new BackEndError('timesheet_cannot_create', { folder });
  if (identity.version < MIGRATIONS.length) throw new BackEndError('timesheet_needs_update_read_only', { path, folder });
  try {
    const db = new DatabaseSync(path, { readOnly: true, timeout: 0, enableForeignKeyConstraints: true });
    db.prepare('SELECT count(*) FROM sqlite_master').get();
    return { db, path, readOnly: true };
  } catch {
    // Without its -shm and -wal, a WAL file opens only immutably; that is only exact without a -wal.
  }
  if (exists(`${path}-wal`) && statSync(`${path}-wal`).size > 0) {
    throw new BackEndError('timesheet_wal_read_only', { path, folder });
  }
  const url = pathToFileURL(path);
  url.searchParams.set('immutable', '1');
  return { db: new DatabaseSync(url, { readOnly: true, enableForeignKeyConstraints: true }), path, readOnly: true };
}

export function isUniqueViolation(error: unknown, index?: string): boolean {
  const message = error instanceof Error ? error.message : '';
  return message.includes('UNIQUE constraint failed') && (index === undefined || message.includes(index));
}
