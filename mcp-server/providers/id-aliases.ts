// Small numbers for a back end's own ids where those are not numbers (Clockify's are strings such as
// "64c777ddd3fcab07cfbb210c"): Punchcard's tools, the app and a person speak of entries, projects and
// requests by small integers ("#17"), so each remote id gets one, per kind, on first sight. Every
// process on the machine must give the same remote id the same number and never one number to two ids
// (an AI client's server lists #17, the person says "delete #17"), so the numbers live in a SQLite
// file in the data folder, assigned under its write lock (docs/decisions.md, "Numbers for a back
// end's string ids"). An assigned number never changes; each process keeps what it has seen in memory.
// The team server numbers in its store instead, for every instance alike (team-server/team/person-state.ts).
import { dirname } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import type { Log } from '../log.ts';
import { createPrivateFile, keepFilesPrivate, makePrivateFolder } from '../private-files.ts';
import { isWritable, whileBusy } from './sqlite-files.ts';

/** How long a call waits for another process holding the file's write lock; writes here take milliseconds. */
const LOCK_WAIT_MS = 10_000;
/** What the file is for, in a sentence about a lock on it. */
const IDS = "Punchcard's list of ids";

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS aliases (
    kind TEXT NOT NULL,
    remote TEXT NOT NULL,
    number INTEGER NOT NULL,
    PRIMARY KEY (kind, remote),
    UNIQUE (kind, number)
  ) WITHOUT ROWID`;

/** Numbers for a back end's string ids, per kind: the data folder's file (IdAliases), or the team server's store. */
export interface IdNumbering {
  /** The numbers of `remotes` (of one kind), in order; remote ids seen for the first time get the next free ones. */
  numbers(kind: string, remotes: readonly string[]): Promise<number[]>;
  number(kind: string, remote: string): Promise<number>;
  /** The remote id a number stands for, or undefined when none was given it. */
  remote(kind: string, number: number): Promise<string | undefined>;
  close(): void;
}

/**
 * What every numbering shares: what this process has seen, both ways and per kind, is kept in memory
 * (an assignment never changes), so only ids not seen yet reach `assign` and numbers not seen yet
 * `lookUp`, which ask wherever the numbers live (the data folder's file, or the team server's store).
 */
export abstract class RememberedIdNumbering implements IdNumbering {
  readonly #numbers = new Map<string, Map<string, number>>();
  readonly #remotes = new Map<string, Map<number, string>>();

  /** Each of `remotes` (not seen by this process) with its number, given now where it has none. */
  protected abstract assign(kind: string, remotes: readonly string[]): Promise<Iterable<[string, number]>>;
  /** The remote id `number` was given, where one was. */
  protected abstract lookUp(kind: string, number: number): Promise<string | undefined>;
  abstract close(): void;

  /** The numbers of `remotes` (of one kind), in order; remote ids seen for the first time get the next free ones. */
  async numbers(kind: string, remotes: readonly string[]): Promise<number[]> {
    const known = this.#known(kind);
    const missing = [...new Set(remotes.filter((remote) => !known.has(remote)))];
    if (missing.length > 0) {
      for (const [remote, number] of await this.assign(kind, missing)) this.#remember(kind, remote, number);
    }
    return remotes.map((remote) => known.get(remote) as number);
  }

  async number(kind: string, remote: string): Promise<number> {
    return (await this.numbers(kind, [remote]))[0] as number;
  }

  /** The remote id a number stands for, or undefined when none was given it. */
  async remote(kind: string, number: number): Promise<string | undefined> {
    const seen = this.#remotes.get(kind)?.get(number);
    if (seen !== undefined) return seen;
    const remote = await this.lookUp(kind, number);
    if (remote !== undefined) this.#remember(kind, remote, number);
    return remote;
  }

  #known(kind: string): Map<string, number> {
    let known = this.#numbers.get(kind);
    if (!known) {
      known = new Map();
      this.#numbers.set(kind, known);
    }
    return known;
  }

  #remember(kind: string, remote: string, number: number): void {
    this.#known(kind).set(remote, number);
    let remotes = this.#remotes.get(kind);
    if (!remotes) {
      remotes = new Map();
      this.#remotes.set(kind, remotes);
    }
    remotes.set(number, remote);
  }
}

/** The numbers in a SQLite file of the data folder, shared by every process on the machine. */
export class IdAliases extends RememberedIdNumbering {
  readonly #path: string;
  readonly #log: Log;
  #db: DatabaseSync | undefined;

  constructor(path: string, log: Log) {
    super();
    this.#path = path;
    this.#log = log;
  }

  protected async assign(kind: string, remotes: readonly string[]): Promise<Iterable<[string, number]>> {
    const db = await this.#open();
    return whileBusy(this.#path, LOCK_WAIT_MS, () => assign(db, kind, remotes), IDS);
  }

  protected async lookUp(kind: string, number: number): Promise<string | undefined> {
    const db = await this.#open();
    const row = await whileBusy(
      this.#path,
      LOCK_WAIT_MS,
      () => db.prepare('SELECT remote FROM aliases WHERE kind = ? AND number = ?').get(kind, number) as { remote: string } | undefined,
      IDS,
    );
    return row?.remote;
  }

  close(): void {
    this.#db?.close();
    this.#db = undefined;
  }

  /**
   * The file, opened on first use. A data folder that cannot be written keeps the numbers in memory
   * for this process alone (said once on stderr): ids then differ between processes, but never within one.
   */
  async #open(): Promise<DatabaseSync> {
    if (this.#db) return this.#db;
    if (!folderMade(this.#path, this.#log) || !isWritable(this.#path)) {
      this.#log(`${this.#path} cannot be written; this process numbers ids for itself, so its numbers differ from other processes'.`);
      this.#db = new DatabaseSync(':memory:');
      this.#db.exec(SCHEMA);
      return this.#db;
    }
    // Private like the timesheet (../private-files.ts): SQLite gives -wal and -shm the file's mode.
    createPrivateFile(this.#path, this.#log);
    keepFilesPrivate([`${this.#path}-wal`, `${this.#path}-shm`], this.#log);
    this.#db = await whileBusy(
      this.#path,
      LOCK_WAIT_MS,
      () => {
        const db = new DatabaseSync(this.#path, { timeout: 0 });
        try {
          const { journal_mode: mode } = db.prepare('PRAGMA journal_mode').get() as { journal_mode: string };
          if (mode !== 'wal') db.exec('PRAGMA journal_mode = WAL');
          db.exec(SCHEMA);
          return db;
        } catch (error) {
          db.close();
          throw error;
        }
      },
      IDS,
    );
    return this.#db;
  }
}

/** The file's folder, made (private) where missing; false where it cannot be. */
function folderMade(path: string, log: Log): boolean {
  try {
    makePrivateFolder(dirname(path), log);
    return true;
  } catch {
    return false;
  }
}

/** Under the write lock: each remote id's number, the next free one of its kind where it has none. */
function assign(db: DatabaseSync, kind: string, remotes: readonly string[]): Map<string, number> {
  const find = db.prepare('SELECT number FROM aliases WHERE kind = ? AND remote = ?');
  const next = db.prepare('SELECT COALESCE(MAX(number), 0) + 1 AS number FROM aliases WHERE kind = ?');
  const insert = db.prepare('INSERT INTO aliases (kind, remote, number) VALUES (?, ?, ?)');
  const assigned = new Map<string, number>();
  db.exec('BEGIN IMMEDIATE');
  try {
    for (const remote of remotes) {
      const found = find.get(kind, remote) as { number: number } | undefined;
      if (found) {
        assigned.set(remote, found.number);
        continue;
      }
      const { number } = next.get(kind) as { number: number };
      insert.run(kind, remote, number);
      assigned.set(remote, number);
    }
    db.exec('COMMIT');
  } catch (error) {
    if (db.isTransaction) db.exec('ROLLBACK');
    throw error;
  }
  return assigned;
}
