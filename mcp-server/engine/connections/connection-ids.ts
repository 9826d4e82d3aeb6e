// Which connection handed out which record number (docs/several-trackers.md, "How a call finds its
// connection"): with several trackers, `update_time_entry id: 12` goes to the connection that listed
// entry #12, and is refused where two did. Every id an answer hands out is remembered with its
// connection, per kind, in the data folder's trackers.db, so every Punchcard process on the computer
// resolves an id alike (an AI client's server listed #12, the window's engine is asked to change it).
import { dirname } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import type { Log } from '../../log.ts';
import { createPrivateFile, keepFilesPrivate, makePrivateFolder } from '../../private-files.ts';
import { isWritable, whileBusy } from '../../providers/sqlite-files.ts';

export const CONNECTION_IDS_FILE_NAME = 'trackers.db';

/** How long a call waits for another process's write lock; writes here take milliseconds. */
const LOCK_WAIT_MS = 5_000;
const WHAT = "Punchcard's list of which tracker gave out which number";

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS handed_out (
    kind TEXT NOT NULL,
    id TEXT NOT NULL,
    tracker TEXT NOT NULL,
    PRIMARY KEY (kind, id, tracker)
  ) WITHOUT ROWID`;

/** A record an answer handed out: its kind (entry, leave, submission), its id, and the connection. */
export interface HandedOut {
  kind: string;
  id: string;
  tracker: string;
}

export interface ConnectionIds {
  remember(records: readonly HandedOut[]): Promise<void>;
  /** The connections that handed out `id` of `kind`, in no order. */
  holders(kind: string, id: string): Promise<string[]>;
  close(): void;
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

/** The data folder's trackers.db, shared by every process; where it cannot be written, this process's memory (said once). */
export function idsInFile(path: string, log: Log): ConnectionIds {
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
          const insert = store.prepare('INSERT OR IGNORE INTO handed_out (kind, id, tracker) VALUES (?, ?, ?)');
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
      const rows = await whileBusy(path, LOCK_WAIT_MS, () => store.prepare('SELECT tracker FROM handed_out WHERE kind = ? AND id = ?').all(kind, id), WHAT);
      return rows.map((row) => String((row as { tracker: string }).tracker));
    },
    close() {
      db?.close();
      db = undefined;
    },
  };
}
