// `admin backup FILE` and `admin restore FILE` for the SQLite store, while the server runs: SQLite's
// online backup (node:sqlite's backup()) copies the database page by page under its own locks, so
// the server goes on answering, and a write made meanwhile either is in the copy or is not, never
// half. A restore copies the backup beside the store and migrates it there, then copies that into the
// live file the same way, and the running server reads the restored store from its next request. What
// the file holds is sealed under the server key, so a backup opens only with that key: both commands
// check the key first (against the live file as it is, never migrating it: an upgrade's backup holds
// the store as the older version left it, and going back restores over a store a newer version
// migrated), a backup says which key it needs, and a restore refuses a backup the key the servers run
// with does not open (restored, every call of a person in it would fail). The file is still the server
// account's alone (0600). PostgreSQL is backed up with its own tools (docs/team-server/admin.md,
// "Backup and restore").
import { randomBytes } from 'node:crypto';
import { chmodSync, closeSync, existsSync, openSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { backup, DatabaseSync } from 'node:sqlite';
import type { ServerConfig } from '../config/server-config.ts';
import { checkStoreKey, judgeStoreKey, keyIdsOf } from '../auth/key-rotation.ts';
import { keyIdOf, readServerKey } from '../auth/server-keys.ts';
import { sqliteKeyEvidence } from './sqlite-key-evidence.ts';
import { noStoreAt, openSqliteStore, SQLITE_STORE_VERSION } from '../store/sqlite-store.ts';
import type { AdminIo } from './admin-io.ts';

/** The tables every Punchcard store has: a file without them is not a backup of one. */
const STORE_TABLES = ['oauth', 'people', 'audit', 'counters'];

export async function backUp(config: ServerConfig, file: string, io: AdminIo): Promise<number> {
  const live = sqlitePath(config, io);
  if (!live) return 1;
  if (!existsSync(live)) return (io.err(`store: ${noStoreAt(live)}\n`), 1);
  const key = keyOfTheLiveStore(config, live, io);
  if (!key) return 1;
  // Made private before SQLite writes into it.
  const unwritable = createPrivately(file);
  if (unwritable) return (io.err(`${unwritable}\n`), 1);
  const source = new DatabaseSync(live, { readOnly: true, timeout: 5_000 });
  try {
    const pages = await backup(source, file);
    chmodSync(file, 0o600);
    io.out(
      `Backed up ${live} to ${file} (${pages} pages). It opens only with the server key it was made under, key ${keyIdOf(key)}: keep that key, apart from the file.\n`,
    );
    return 0;
  } catch (error) {
    rmSync(file, { force: true });
    io.err(`The backup failed, and ${file} was removed: ${(error as Error).message}\n`);
    return 1;
  } finally {
    source.close();
  }
}

/** Makes `file` empty and the account's alone (0600), or says in one sentence why it cannot. */
function createPrivately(file: string): string | undefined {
  if (existsSync(file)) return `${file} exists already; a backup never overwrites a file. Name a new one.`;
  const folder = dirname(file);
  let isFolder: boolean;
  try {
    isFolder = statSync(folder).isDirectory();
  } catch {
    return `The folder ${folder} does not exist: make it first (mkdir -p ${folder}) or name a file in another. Nothing was written.`;
  }
  if (!isFolder) return `${folder} is not a folder, so ${file} cannot be written there. Nothing was written.`;
  try {
    closeSync(openSync(file, 'wx', 0o600));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return `${file} cannot be written (${code === 'EACCES' || code === 'EPERM' ? 'the folder is not writable by this account' : (code ?? (error as Error).message)}). Nothing was written.`;
  }
  return undefined;
}

export async function restore(config: ServerConfig, file: string, io: AdminIo): Promise<number> {
  const live = sqlitePath(config, io);
  if (!live) return 1;
  if (!existsSync(file)) return (io.err(`${file} does not exist; nothing was restored.\n`), 1);
  // A store moved away without its log (after a server was killed, its latest writes are in it): the
  // restore would do away with that log, and the moved file would lack those writes for good. An empty
  // log (what a read-only connection leaves) holds nothing.
  if (!existsSync(live) && (statSync(`${live}-wal`, { throwIfNoEntry: false })?.size ?? 0) > 0) {
    return (
      io.err(
        `${live} was moved away, but its log ${live}-wal is still here, holding the latest writes of the store moved: move it and ${live}-shm to where ${basename(live)} went, then restore again. Nothing was restored.\n`,
      ),
      1
    );
  }
  // A live store is checked against the key as every verb does (also one a newer Punchcard migrated:
  // going back to an older version restores its backup over it); where there is none (it was lost),
  // the backup is all there is, and only its own check below applies.
  const key = existsSync(live) ? keyOfTheLiveStore(config, live, io) : readKey(config, io);
  if (!key) return 1;
  let source: DatabaseSync;
  try {
    source = openBackup(file);
  } catch (error) {
    return (io.err(`${file} cannot be opened as a database (${(error as Error).message}); nothing was restored.\n`), 1);
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
    const stagedStore = await openSqliteStore(staged, { now: Date.now });
    try {
      const keyProblem = await backupKeyProblem(stagedStore, key, config.key_env, file, live);
      if (keyProblem) return (io.err(`${keyProblem}\n`), 1);
    } finally {
      await stagedStore.close();
    }
    // The store the backup replaces is kept beside it first: a stale backup, restored on a bad day,
    // would otherwise take the sign-ins and audit records made since with it for good.
    const replaced = existsSync(live) ? await keepReplaced(live) : null;
    const migrated = new DatabaseSync(staged, { readOnly: true });
    try {
      copying = true;
      // Where the store was moved away (admin.md, going back to a backup's key), the new one is made
      // private before SQLite writes into it, as a backup is.
      if (!existsSync(live)) closeSync(openSync(live, 'wx', 0o600));
      const pages = await backup(migrated, live);
      io.out(`Restored ${live} from ${file} (${pages} pages); the server reads it from its next request.\n`);
      if (replaced) io.out(`${replacedWords(replaced, sinceTheBackup(replaced.file, migrated))}\n`);
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

/**
 * Copies the live store (online, as a backup) to a new file beside it, named for the moment of the
 * restore, the account's alone (0600). Never over a file: two restores in one second get two names.
 */
async function keepReplaced(live: string): Promise<{ file: string }> {
  const moment = new Date()
    .toISOString()
    .replace(/\.\d+Z$/, 'Z')
    .replaceAll(':', '-');
  let file = `${live}.replaced-${moment}.db`;
  for (let n = 2; existsSync(file); n += 1) file = `${live}.replaced-${moment}-${n}.db`;
  closeSync(openSync(file, 'wx', 0o600));
  const source = new DatabaseSync(live, { readOnly: true, timeout: 5_000 });
  try {
    await backup(source, file);
  } finally {
    source.close();
  }
  return { file };
}

/** What the kept store holds that the restored one lacks: people signed in and audit records since the backup. */
function sinceTheBackup(kept: string, restored: DatabaseSync): { people: number; audit: number } {
  const old = new DatabaseSync(kept, { readOnly: true });
  try {
    const ids = new Set((restored.prepare('SELECT id FROM people').all() as { id: string }[]).map((row) => row.id));
    const people = (old.prepare('SELECT id FROM people').all() as { id: string }[]).filter((row) => !ids.has(row.id)).length;
    const lastSeq = (restored.prepare('SELECT coalesce(max(seq), 0) AS seq FROM audit').get() as { seq: number }).seq;
    const audit = (old.prepare('SELECT count(*) AS n FROM audit WHERE seq > ?').get(lastSeq) as { n: number }).n;
    return { people, audit };
  } finally {
    old.close();
  }
}

function replacedWords(replaced: { file: string }, since: { people: number; audit: number }): string {
  const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  const lost =
    since.people + since.audit === 0
      ? 'nothing in it is newer than the backup'
      : `it holds what the backup lacks: ${plural(since.people, 'person', 'people')} who signed in since, ${plural(since.audit, 'audit record', 'audit records')} after it`;
  return `The store it replaced is kept as ${replaced.file} (${lost}); it opens with the same key. Delete it once you no longer need it.`;
}

/**
 * The backup, read only and leaving nothing beside it. A backup is in WAL mode, as the store it was
 * copied from, and SQLite opening such a file makes its -wal and -shm files next to it, which a
 * read-only connection cannot remove at its close: each restore left two files in the backup folder.
 * With no -wal beside it, everything of the backup is in the file, so it is read as immutable (nothing
 * writes a backup while it is restored), which makes none; one with its -wal beside it (a store copied
 * by hand, log and all) is read with that log, as before.
 */
function openBackup(file: string): DatabaseSync {
  if (existsSync(`${file}-wal`)) return new DatabaseSync(file, { readOnly: true });
  const url = pathToFileURL(file);
  url.searchParams.set('immutable', '1');
  return new DatabaseSync(url, { readOnly: true });
}

/**
 * Why the servers, running with `key`, could not read the backup once restored, or undefined: the
 * staged copy is checked as a server would check its store (and, where it is an older Punchcard's
 * without a key state, learns the key, as a server would at its start).
 */
async function backupKeyProblem(
  staged: Awaited<ReturnType<typeof openSqliteStore>>,
  key: Buffer,
  variable: string,
  file: string,
  live: string,
): Promise<string | undefined> {
  const checked = await checkStoreKey(key, staged, variable, { learn: true });
  if (checked.ok) return undefined;
  const state = await staged.keyRotation();
  const ids = state === undefined ? [] : keyIdsOf(state);
  const needs =
    state === undefined
      ? 'nothing in it opens with that key'
      : ids.length > 0
        ? `it opens with key ${ids.join(' or key ')}`
        : 'it was sealed under a key rotated away since';
  return (
    `${file} does not open with the key in ${variable} (key ${keyIdOf(key)}): ${needs}. Restored, no server running with that key could read it, so nothing was restored. ` +
    `To go back to the backup's key: stop the servers, move ${live} away, run admin restore with ${variable} holding that key, and start the servers with it.`
  );
}

/** The server key, or undefined with the reason said. */
function readKey(config: ServerConfig, io: AdminIo): Buffer | undefined {
  const key = readServerKey(io.env, config.key_env);
  if (typeof key !== 'string') return key;
  io.err(`${key}\n`);
  return undefined;
}

/**
 * The server key, checked against the live store as the file says (never opened as a store, so never
 * migrated), or undefined with the reason said.
 */
function keyOfTheLiveStore(config: ServerConfig, live: string, io: AdminIo): Buffer | undefined {
  const key = readKey(config, io);
  if (!key) return undefined;
  const evidence = sqliteKeyEvidence(live);
  if (!evidence) return void io.err(`${live} cannot be read as a Punchcard store; nothing was done.\n`);
  const judged = judgeStoreKey(key, config.key_env, evidence);
  if (judged.ok) return key;
  io.err(`${judged.problem}\n`);
  return undefined;
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
    return `${file} is not a SQLite database (${(error as Error).message}); nothing was restored.`;
  }
  const missing = STORE_TABLES.filter((table) => !tables.has(table));
  if (missing.length > 0) return `${file} is not a backup of a Punchcard store (it has no ${missing.join(', ')} table); nothing was restored.`;
  if (version < 1) return `${file} is an empty Punchcard store; nothing was restored.`;
  if (version > SQLITE_STORE_VERSION)
    return `${file} was written by a newer Punchcard (store version ${version}; this one knows up to ${SQLITE_STORE_VERSION}); restore it with that version. Nothing was restored.`;
  return undefined;
}
