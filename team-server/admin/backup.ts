// `admin backup FILE` and `admin restore FILE` for the SQLite store, while the server runs: SQLite's
// online backup (node:sqlite's backup()) copies the database page by page under its own locks, so
// the server goes on answering, and a write made meanwhile either is in the copy or is not, never
// half. A restore copies the backup beside the store and migrates it there, then copies that into the
// live file the same way, and the running server reads the restored store from its next request. What the file holds is sealed under the server key, so a
// backup opens only with that key; the file is still the server account's alone (0600). PostgreSQL
// is backed up with its own tools (docs/team-server/admin.md, "Backup and restore").
import { randomBytes } from 'node:crypto';
import { chmodSync, closeSync, existsSync, openSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { backup, DatabaseSync } from 'node:sqlite';
import type { ServerConfig } from '../../mcp-server/contract/server-config.ts';
import { openSqliteStore, SQLITE_STORE_VERSION } from '../store/sqlite-store.ts';
import type { AdminIo } from './admin-io.ts';

/** The tables every Punchcard store has: a file without them is not a backup of one. */
const STORE_TABLES = ['oauth', 'people', 'audit', 'counters'];

export async function backUp(config: ServerConfig, file: string, io: AdminIo): Promise<number> {
  const live = sqlitePath(config, io);
  if (!live) return 1;
  if (!existsSync(live)) return (io.err(`${live} does not exist yet: the server makes it when it first starts.\n`), 1);
  if (existsSync(file)) return (io.err(`${file} exists already; a backup never overwrites a file. Name a new one.\n`), 1);
  // Made private before SQLite writes into it.
  closeSync(openSync(file, 'wx', 0o600));
  const source = new DatabaseSync(live, { readOnly: true, timeout: 5_000 });
  try {
    const pages = await backup(source, file);
    chmodSync(file, 0o600);
    io.out(`Backed up ${live} to ${file} (${pages} pages).\n`);
    return 0;
  } catch (error) {
    io.err(`The backup failed: ${(error as Error).message}\n`);
    return 1;
  } finally {
    source.close();
  }
}

export async function restore(config: ServerConfig, file: string, io: AdminIo): Promise<number> {
  const live = sqlitePath(config, io);
  if (!live) return 1;
  if (!existsSync(file)) return (io.err(`${file} does not exist.\n`), 1);
  let source: DatabaseSync;
  try {
    source = new DatabaseSync(file, { readOnly: true });
  } catch (error) {
    return (io.err(`${file} cannot be opened as a database (${(error as Error).message}).\n`), 1);
  }
  // The backup is copied and migrated beside the store first, so a backup that cannot be used
  // fails there; only a copy known good goes into the live file.
  const staged = join(dirname(live), `.restoring-${process.pid}-${randomBytes(4).toString('hex')}.db`);
  let copying = false;
  try {
    const problem = backupProblem(source, file);
    if (problem) return (io.err(`${problem}\n`), 1);
    closeSync(openSync(staged, 'wx', 0o600));
    await backup(source, staged);
    // A backup from an older Punchcard is migrated now, as the server would at its start.
    await (await openSqliteStore(staged, { now: Date.now })).close();
    const migrated = new DatabaseSync(staged, { readOnly: true });
    try {
      copying = true;
      const pages = await backup(migrated, live);
      io.out(`Restored ${live} from ${file} (${pages} pages); the server reads it from its next request.\n`);
    } finally {
      migrated.close();
    }
    return 0;
  } catch (error) {
    io.err(
      copying
        ? `The restore failed while copying into ${live}: ${(error as Error).message}. Run admin check, and restore again.\n`
        : `The restore failed, and the store is as it was: ${(error as Error).message}\n`,
    );
    return 1;
  } finally {
    source.close();
    for (const path of [staged, `${staged}-wal`, `${staged}-shm`, `${staged}-journal`]) rmSync(path, { force: true });
  }
}

/** The store's file, or undefined (said) where the store is PostgreSQL. */
function sqlitePath(config: ServerConfig, io: AdminIo): string | undefined {
  if (config.store.startsWith('sqlite:')) return config.store.slice('sqlite:'.length);
  io.err(
    'This server keeps its store in PostgreSQL: back it up with pg_dump and restore it with pg_restore (docs/team-server/admin.md, "Backup and restore").\n',
  );
  return undefined;
}

/** Why `file` is not a backup of a Punchcard store this version can use, or undefined. */
function backupProblem(source: DatabaseSync, file: string): string | undefined {
  let tables: Set<string>;
  let version: number;
  try {
    tables = new Set((source.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((row) => row.name));
    version = (source.prepare('PRAGMA user_version').get() as { user_version: number }).user_version;
  } catch (error) {
    return `${file} is not a SQLite database (${(error as Error).message}).`;
  }
  const missing = STORE_TABLES.filter((table) => !tables.has(table));
  if (missing.length > 0) return `${file} is not a backup of a Punchcard store (it has no ${missing.join(', ')} table); nothing was restored.`;
  if (version < 1) return `${file} is an empty Punchcard store; nothing was restored.`;
  if (version > SQLITE_STORE_VERSION)
    return `${file} was written by a newer Punchcard (store version ${version}; this one knows up to ${SQLITE_STORE_VERSION}); restore it with that version. Nothing was restored.`;
  return undefined;
}
