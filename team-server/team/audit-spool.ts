// Where an instance keeps the audit records of writes it answered while the store was away: a spool
// on its own volume, so neither the outage nor the instance's death loses one (audit-writer.ts writes
// them to the store when it answers again, in order).
//
// A spool is one SQLite file, named for the process that made it, and held by that process with an
// exclusive lock for as long as it has the file open. The kernel drops the lock when the process ends,
// however it ends (kill -9 included), so another process on the same folder tells a spool left behind
// (its lock is free) from one in use (it is not) and takes it over, without a pid, a host name or a
// clock that could be wrong: two containers on one volume both run as pid 1, and a pid is reused.
// SQLite gives the rest a spool needs: a record is on disk once its insert returns (synchronous=FULL,
// fsync'ed), a process killed in the middle of a write leaves the file as it was before it, and the
// records written to the store are deleted from the front while new ones are added at the back.
// This assumes a volume with working POSIX locks: a local file system, a container's volume, a
// Kubernetes emptyDir or a volume claim (not every network file system has them).
import { chmodSync, closeSync, fsyncSync, mkdirSync, openSync, readdirSync, rmSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { DatabaseSync } from 'node:sqlite';
import { pathToFileURL } from 'node:url';
import { ServeRefusal } from './serve-refusal.ts';
import type { ServerConfig } from '../config/server-config.ts';
import type { AuditRecord } from '../store/store.ts';

/** A spool file's name: its time of making first, so that the ones left behind are written oldest first. */
const SPOOL_NAME = /^audit-\d{13}-[\w-]+\.db$/;
/** A file without the spool's table older than this was left by a process that died while making it. */
const UNFINISHED_MS = 60_000;

/**
 * The folder of the instance's spools: `audit-spool` in data_dir, or beside the SQLite store; on
 * PostgreSQL without data_dir, in the home folder of the server's user (the image's and the systemd
 * unit's /var/lib/punchcard), which outlives the process, where the scratch folder it otherwise works
 * in does not. The home folder is asked for only there: an account without one (a command run as a
 * systemd unit's dynamic user, with no HOME) needs none where the config names a folder. Where it is
 * asked for and there is none, ServeRefusal says to set data_dir.
 */
export function auditSpoolFolder(config: Pick<ServerConfig, 'data_dir' | 'store'>, home: () => string = homedir): string {
  if (config.data_dir !== undefined) return join(config.data_dir, 'audit-spool');
  if (config.store.startsWith('sqlite:')) return join(dirname(config.store.slice('sqlite:'.length)), 'audit-spool');
  let folder: string;
  try {
    folder = home();
  } catch (error) {
    throw new ServeRefusal(
      `data_dir: audit records need a folder of this instance that outlives the process while the store is away, and this account has no home folder to keep them in (${(error as Error).message}); set data_dir to a folder on the instance's own volume.`,
    );
  }
  return join(folder, '.punchcard-server', 'audit-spool');
}

/** The spool files in `folder`, oldest first; none where there is no folder. */
export function spoolFiles(folder: string): string[] {
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return names
    .filter((name) => SPOOL_NAME.test(name))
    .sort()
    .map((name) => join(folder, name));
}

/** One spool file, open and locked by this process. */
export class SpoolFile {
  readonly path: string;
  readonly #db: DatabaseSync;
  /** Records it holds, counted as they come and go (a count of the table would read it all at every record). */
  #count: number;

  private constructor(path: string, db: DatabaseSync) {
    this.path = path;
    this.#db = db;
    this.#count = (db.prepare('SELECT count(*) AS count FROM spool').get() as { count: number }).count;
  }

  /** A new spool of this process in `folder` (made 0700), the file 0600; throws what the file system said. */
  static create(folder: string): SpoolFile {
    privateFolder(folder);
    const path = join(folder, `audit-${Date.now()}-${process.pid}-${randomBytes(3).toString('hex')}.db`);
    closeSync(openSync(path, 'wx', 0o600));
    // A process looking for spools left behind may hold this file's lock for a moment (it finds no
    // table and lets go): the first write waits for it rather than fail.
    const db = new DatabaseSync(path, { timeout: 5_000 });
    try {
      db.exec('PRAGMA locking_mode = EXCLUSIVE');
      db.exec('PRAGMA journal_mode = WAL');
      db.exec('PRAGMA synchronous = FULL');
      db.exec('CREATE TABLE spool (seq INTEGER PRIMARY KEY AUTOINCREMENT, record TEXT NOT NULL)');
      // The folder's entries for the file and its log are on disk too, not only their contents.
      syncFolder(folder);
    } catch (error) {
      db.close();
      rmSync(path, { force: true });
      rmSync(`${path}-wal`, { force: true });
      throw error;
    }
    return new SpoolFile(path, db);
  }

  /**
   * Takes over a spool another process left (it ended: its lock is free). Undefined when the file is
   * in use, or not a spool (yet: one being made is left to its maker; one its maker died making is removed).
   */
  static claim(path: string): SpoolFile | undefined {
    let db: DatabaseSync | undefined;
    try {
      // Opened only if it is still there (mode=rw): one written to the store and removed meanwhile is not made anew.
      const url = pathToFileURL(path);
      url.searchParams.set('mode', 'rw');
      db = new DatabaseSync(url, { timeout: 0 });
      db.exec('PRAGMA locking_mode = EXCLUSIVE');
      // Held from here until this process closes the file: nobody else takes it meanwhile.
      db.exec('BEGIN EXCLUSIVE');
      db.exec('COMMIT');
    } catch (error) {
      db?.close();
      if (isBusy(error) || isGone(path)) return undefined;
      throw error;
    }
    if (!db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'spool'").get()) {
      db.close();
      if (Date.now() - statSync(path).mtimeMs > UNFINISHED_MS) removeFiles(path);
      return undefined;
    }
    db.exec('PRAGMA synchronous = FULL');
    return new SpoolFile(path, db);
  }

  /** Adds the records at the back, all or none; on disk when it returns. */
  append(records: readonly AuditRecord[]): void {
    if (records.length === 0) return;
    const insert = this.#db.prepare('INSERT INTO spool (record) VALUES (?)');
    this.#db.exec('BEGIN IMMEDIATE');
    try {
      for (const record of records) insert.run(JSON.stringify(record));
      this.#db.exec('COMMIT');
    } catch (error) {
      if (this.#db.isTransaction) this.#db.exec('ROLLBACK');
      throw error;
    }
    this.#count += records.length;
  }

  get count(): number {
    return this.#count;
  }

  /** The oldest records, up to `limit`, with their place in the spool; undefined for one that does not read (never written by a spool). */
  front(limit: number): { seq: number; record: AuditRecord | undefined }[] {
    return (this.#db.prepare('SELECT seq, record FROM spool ORDER BY seq LIMIT ?').all(limit) as { seq: number; record: string }[]).map((row) => ({
      seq: row.seq,
      record: parsed(row.record),
    }));
  }

  /** Deletes the records up to and including `seq` (they are in the store). */
  dropThrough(seq: number): void {
    this.#count -= Number(this.#db.prepare('DELETE FROM spool WHERE seq <= ?').run(seq).changes);
  }

  /** Deletes the `count` oldest records (given up past the bound). */
  dropOldest(count: number): void {
    this.#count -= Number(this.#db.prepare('DELETE FROM spool WHERE seq IN (SELECT seq FROM spool ORDER BY seq LIMIT ?)').run(count).changes);
  }

  /** Closes the file and keeps it, with what it holds, for the next process to take over. */
  close(): void {
    this.#db.close();
  }

  /** Closes the file and removes it (everything it held is in the store). */
  remove(): void {
    this.#db.close();
    removeFiles(this.path);
  }
}

/** Makes `folder` (and what it lacks above it) 0700, and tightens it where it was there already: records name people. */
export function privateFolder(folder: string): void {
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  chmodSync(folder, 0o700);
}

function parsed(text: string): AuditRecord | undefined {
  try {
    return JSON.parse(text) as AuditRecord;
  } catch {
    return undefined;
  }
}

function removeFiles(path: string): void {
  for (const file of [path, `${path}-wal`, `${path}-journal`]) rmSync(file, { force: true });
}

function syncFolder(folder: string): void {
  const descriptor = openSync(folder, 'r');
  try {
    fsyncSync(descriptor);
  } finally {
    closeSync(descriptor);
  }
}

function isGone(path: string): boolean {
  try {
    statSync(path);
    return false;
  } catch {
    return true;
  }
}

/** SQLite's "database is locked" (SQLITE_BUSY, 5): another connection holds the file. */
function isBusy(error: unknown): boolean {
  return ((error as { errcode?: number }).errcode ?? 0) % 256 === 5;
}
