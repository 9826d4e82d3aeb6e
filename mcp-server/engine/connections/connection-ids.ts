// Which connection handed out which record number (docs/several-trackers.md, "How a call finds its
// connection"): with several trackers, `update_time_entry id: 12` goes to the connection that listed
// entry #12, and is refused where two did. Every id an answer hands out is remembered with what it was
// handed out by, per kind, in the data folder's trackers.db, so every Punchcard process on the computer
// resolves an id alike (an AI client's server listed #12, the window's engine is asked to change it).
// What it was handed out by is the connection's identity, never its name: on the desktop the key of the
// connection's folder, which is its back end, address, login and workspace (engine/connection-homes.ts,
// `keyedIds` below), so a connection renamed or pointed elsewhere inherits no other's numbers, and an engine
// started before a rename reads them as one started after it does.
import { dirname } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import type { Log } from '../../log.ts';
import { createPrivateFile, keepFilesPrivate, makePrivateFolder } from '../../private-files.ts';
import { isWritable, whileBusy } from '../../providers/sqlite-files.ts';

export const CONNECTION_IDS_FILE_NAME = 'trackers.db';

/** How long a call waits for another process's write lock; writes here take milliseconds. */
const LOCK_WAIT_MS = 5_000;
const WHAT = "Punchcard's list of which tracker gave out which number";

/**
 * The records by what handed them out. The older table, `handed_out`, named the connection, and is left to an
 * older Punchcard, which still reads and writes it by name; this one never reads it after its first open.
 */
const SCHEMA = `
  CREATE TABLE IF NOT EXISTS handed_out_by (
    kind TEXT NOT NULL,
    id TEXT NOT NULL,
    holder TEXT NOT NULL,
    PRIMARY KEY (kind, id, holder)
  ) WITHOUT ROWID`;
/** `PRAGMA user_version` once the records by name were read into `handed_out_by`. */
const KEYED_VERSION = 1;

/** A record an answer handed out: its kind (entry, leave, submission), its id, and the connection (its name, or what stands for it where stored). */
export interface HandedOut {
  kind: string;
  id: string;
  tracker: string;
}

export interface ConnectionIds {
  remember(records: readonly HandedOut[]): Promise<void>;
  /**
   * What handed out `id` of `kind`, in no order: connections' names, and for a holder that is no connection of
   * this engine (one removed, or another login or address now) what stands for it, which is never a name.
   */
  holders(kind: string, id: string): Promise<string[]>;
  close(): void;
}

/** How a connection's identity is stored for its name (engine/connection-homes.ts): its folder's key. */
export interface HolderKeys {
  /** What stands for the connection called `name` now, settled by whose it is; undefined where there is none. */
  keyOf(name: string): Promise<string | undefined>;
  /** The connections' names. */
  names(): readonly string[];
}

/**
 * The records kept by identity, read and written by name: a name given is stored as its connection's key, and a key
 * read back is the name of the connection it stands for in this engine, or stays a key where none does.
 */
export function keyedIds(stored: ConnectionIds, keys: HolderKeys): ConnectionIds {
  const byKey = async (): Promise<Map<string, string>> => {
    const names = keys.names();
    const found = await Promise.all(names.map(async (name) => [await keys.keyOf(name), name] as const));
    return new Map(found.filter((pair): pair is readonly [string, string] => pair[0] !== undefined));
  };
  return {
    async remember(records) {
      const keyed = await Promise.all(records.map(async (record) => ({ ...record, tracker: await keys.keyOf(record.tracker) })));
      await stored.remember(keyed.filter((record): record is HandedOut => record.tracker !== undefined));
    },
    async holders(kind, id) {
      const held = await stored.holders(kind, id);
      if (held.length === 0) return held;
      const names = await byKey();
      return held.map((key) => names.get(key) ?? key);
    },
    close: () => stored.close(),
  };
}

/** In memory: for tests and for a data folder that cannot be written (this process alone then). */
export function idsInMemory(): ConnectionIds {
  const held = new Map<string, Set<string>>();
  return {
    remember: async (records) => {
      for (const { kind, id, tracker } of records) {
        const key = `${kind}\n${id}`;
        const set = held.get(key) ?? new Set<string>();
        set.add(tracker);
        held.set(key, set);
      }
    },
    holders: async (kind, id) => [...(held.get(`${kind}\n${id}`) ?? [])],
    close: () => {},
  };
}

/**
 * The data folder's trackers.db, shared by every process; where it cannot be written, this process's memory (said
 * once). `olderHolder`: what a connection's name in the older table stands for (the first open reads those rows
 * over; a name it gives nothing for is dropped).
 */
export function idsInFile(path: string, log: Log, olderHolder: (name: string) => string | undefined = (name) => name): ConnectionIds {
  let db: DatabaseSync | undefined;
  let fallback: ConnectionIds | undefined;
  const open = async (): Promise<DatabaseSync | ConnectionIds> => {
    if (db) return db;
    if (fallback) return fallback;
    try {
      makePrivateFolder(dirname(path), log);
    } catch {
      // Said below: the folder is not writable.
    }
    if (!isWritable(path)) {
      log(`${path} cannot be written; which tracker gave out which number is known to this process only.`);
      fallback = idsInMemory();
      return fallback;
    }
    createPrivateFile(path, log);
    keepFilesPrivate([`${path}-wal`, `${path}-shm`], log);
    db = await whileBusy(
      path,
      LOCK_WAIT_MS,
      () => {
        const opened = new DatabaseSync(path, { timeout: 0 });
        try {
          const { journal_mode: mode } = opened.prepare('PRAGMA journal_mode').get() as { journal_mode: string };
          if (mode !== 'wal') opened.exec('PRAGMA journal_mode = WAL');
          opened.exec(SCHEMA);
          readOlderRows(opened, olderHolder);
          return opened;
        } catch (error) {
          opened.close();
          throw error;
        }
      },
      WHAT,
    );
    return db;
  };
  return {
    async remember(records) {
      if (records.length === 0) return;
      const store = await open();
      if (!(store instanceof DatabaseSync)) return store.remember(records);
      await whileBusy(
        path,
        LOCK_WAIT_MS,
        () => {
          const insert = store.prepare('INSERT OR IGNORE INTO handed_out_by (kind, id, holder) VALUES (?, ?, ?)');
          store.exec('BEGIN IMMEDIATE');
          try {
            for (const record of records) insert.run(record.kind, record.id, record.tracker);
            store.exec('COMMIT');
          } catch (error) {
            if (store.isTransaction) store.exec('ROLLBACK');
            throw error;
          }
        },
        WHAT,
      );
    },
    async holders(kind, id) {
      const store = await open();
      if (!(store instanceof DatabaseSync)) return store.holders(kind, id);
      const rows = await whileBusy(path, LOCK_WAIT_MS, () => store.prepare('SELECT holder FROM handed_out_by WHERE kind = ? AND id = ?').all(kind, id), WHAT);
      return rows.map((row) => String((row as { holder: string }).holder));
    },
    close() {
      db?.close();
      db = undefined;
    },
  };
}

/**
 * Once per file: the rows an older Punchcard kept by name, read over by what each name stands for now (before any
 * person is known: the folder its name gives). Under the write lock, so two engines opening at once read them once.
 */
function readOlderRows(db: DatabaseSync, holderOf: (name: string) => string | undefined): void {
  const version = () => (db.prepare('PRAGMA user_version').get() as { user_version: number }).user_version;
  if (version() >= KEYED_VERSION) return;
  db.exec('BEGIN IMMEDIATE');
  try {
    if (version() < KEYED_VERSION) {
      const older = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'handed_out'").get();
      if (older) {
        const insert = db.prepare('INSERT OR IGNORE INTO handed_out_by (kind, id, holder) VALUES (?, ?, ?)');
        for (const row of db.prepare('SELECT kind, id, tracker FROM handed_out').all() as Array<{ kind: string; id: string; tracker: string }>) {
          const holder = holderOf(row.tracker);
          if (holder !== undefined) insert.run(row.kind, row.id, holder);
        }
      }
      db.exec(`PRAGMA user_version = ${KEYED_VERSION}`);
    }
    db.exec('COMMIT');
  } catch (error) {
    if (db.isTransaction) db.exec('ROLLBACK');
    throw error;
  }
}
