// What the file at the timesheet's path is, found out before anything writes to it. A timesheet
// folder can hold a file Punchcard did not make (a restored backup of something else, a sync
// conflict, another app's database under the same name), and adopting it would mix Punchcard's
// tables into it or turn it into WAL mode. So the file is read without a lock and without side
// files (SQLite's immutable mode), and only an empty file or one of Punchcard's goes further.
import { closeSync, constants, openSync, readSync, fstatSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { DatabaseSync } from 'node:sqlite';
import { MIGRATIONS } from './migrations.ts';

/** "Punc" in the header's application-id field: marks the file as a Punchcard timesheet. */
export const PUNCHCARD_APPLICATION_ID = 0x50756e63;

const HEADER_BYTES = 100;
const SQLITE_MAGIC = 'SQLite format 3\u0000';

export type TimesheetFile =
  /** No file, an empty one, or an SQLite database with nothing in it: a new timesheet goes there. */
  | { kind: 'new' }
  /** A Punchcard timesheet at schema `version` (which may be older than this build's). */
  | { kind: 'timesheet'; version: number }
  /** Anything else; `reason` says what the file is and what to do, and the file is untouched. */
  | { kind: 'refused'; reason: string };

export function identifyTimesheetFile(path: string): TimesheetFile {
  const header = readHeader(path);
  if (header === 'missing' || header.length === 0) return { kind: 'new' };
  if (typeof header === 'string') return { kind: 'refused', reason: header };
  if (header.length < HEADER_BYTES || header.toString('latin1', 0, 16) !== SQLITE_MAGIC) {
    return { kind: 'refused', reason: `${path} is not a SQLite database, so it is not a Punchcard timesheet. ${LEFT_ALONE} ${MOVE_IT}` };
  }
  const version = header.readUInt32BE(60);
  const applicationId = header.readUInt32BE(68);
  if (applicationId !== 0 && applicationId !== PUNCHCARD_APPLICATION_ID) {
    return {
      kind: 'refused',
      reason: `${path} is another application's SQLite database (application id 0x${applicationId.toString(16)}). ${LEFT_ALONE} ${MOVE_IT}`,
    };
  }
  if (version > MIGRATIONS.length) {
    return {
      kind: 'refused',
      reason:
        `${path} was written by a newer Punchcard (timesheet schema ${version}; this one reads up to ${MIGRATIONS.length}). ` +
        `${LEFT_ALONE} Update Punchcard to use it.`,
    };
  }
  let tables: Map<string, Set<string>>;
  try {
    tables = tablesOf(immutableConnection(path));
  } catch (error) {
    return { kind: 'refused', reason: `${path} could not be read as a SQLite database (${(error as Error).message}). ${LEFT_ALONE} ${MOVE_IT}` };
  }
  if (version === 0) {
    // Punchcard creates its tables and sets the version in one transaction, so tables without a
    // version were made by someone else.
    if (tables.size === 0) return { kind: 'new' };
    return {
      kind: 'refused',
      reason: `${path} is another application's SQLite database (tables: ${listed([...tables.keys()])}). ${LEFT_ALONE} ${MOVE_IT}`,
    };
  }
  const mismatch = schemaMismatch(tables, expectedTables(version));
  if (mismatch) {
    return {
      kind: 'refused',
      reason:
        `${path} says it is a Punchcard timesheet (schema ${version}), but ${mismatch}. ${LEFT_ALONE} ` +
        'Restore it from a backup, or move it away and Punchcard starts a new timesheet there.',
    };
  }
  return { kind: 'timesheet', version };
}

const LEFT_ALONE = 'Punchcard has not changed it.';
const MOVE_IT = 'Move it elsewhere (or rename it), and Punchcard starts a new timesheet there.';

/** The first 100 bytes, 'missing', or a sentence saying why the path cannot be a timesheet. */
function readHeader(path: string): Buffer | 'missing' | string {
  let fd: number;
  try {
    // Non-blocking, so a FIFO or device at the path is looked at, not waited on.
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return 'missing';
    if (code === 'EACCES' || code === 'EPERM') return `${path} cannot be read (permission denied). Give your user read and write access to it.`;
    if (code === 'EISDIR') return `${path} is a folder, not a timesheet. ${MOVE_IT}`;
    return `${path} cannot be opened (${(error as Error).message}).`;
  }
  try {
    if (!fstatSync(fd).isFile()) return `${path} is not a regular file, so it cannot be a timesheet. ${MOVE_IT}`;
    const buffer = Buffer.alloc(HEADER_BYTES);
    const read = readSync(fd, buffer, 0, HEADER_BYTES, 0);
    return buffer.subarray(0, read);
  } finally {
    closeSync(fd);
  }
}

/**
 * A connection that takes no lock and creates no -wal or -shm file. It sees the main file only, so
 * changes still in another process's WAL are invisible; that is harmless here, because the
 * migration re-reads the version under the write lock.
 */
function immutableConnection(path: string): DatabaseSync {
  const url = pathToFileURL(path);
  url.searchParams.set('immutable', '1');
  return new DatabaseSync(url, { readOnly: true });
}

function tablesOf(db: DatabaseSync): Map<string, Set<string>> {
  try {
    const names = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'`).all() as Array<{ name: string }>;
    const tables = new Map<string, Set<string>>();
    for (const { name } of names) {
      const columns = db.prepare('SELECT name FROM pragma_table_info(?)').all(name) as Array<{ name: string }>;
      tables.set(name, new Set(columns.map((column) => column.name)));
    }
    return tables;
  } finally {
    db.close();
  }
}

const expectedByVersion = new Map<number, Map<string, Set<string>>>();

/** The tables and columns the migrations up to `version` create, read off an in-memory copy. */
function expectedTables(version: number): Map<string, Set<string>> {
  let expected = expectedByVersion.get(version);
  if (!expected) {
    const db = new DatabaseSync(':memory:');
    for (const migration of MIGRATIONS.slice(0, version)) db.exec(migration);
    expected = tablesOf(db);
    expectedByVersion.set(version, expected);
  }
  return expected;
}

/** What the file lacks of the expected schema, in words; undefined when nothing. Extra is fine. */
function schemaMismatch(actual: Map<string, Set<string>>, expected: Map<string, Set<string>>): string | undefined {
  const missingTables = [...expected.keys()].filter((table) => !actual.has(table));
  if (missingTables.length > 0) return `it has no table${missingTables.length === 1 ? '' : 's'} ${listed(missingTables)}`;
  for (const [table, columns] of expected) {
    const have = actual.get(table) as Set<string>;
    const missing = [...columns].filter((column) => !have.has(column));
    if (missing.length > 0) return `its table ${table} has no column${missing.length === 1 ? '' : 's'} ${listed(missing)}`;
  }
  return undefined;
}

function listed(names: string[]): string {
  const shown = names.slice(0, 6).join(', ');
  return names.length > 6 ? `${shown} and ${names.length - 6} more` : shown;
}
