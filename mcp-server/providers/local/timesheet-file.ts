// What the file at the timesheet's path is, found out before anything writes to it. A timesheet
// folder can hold a file Punchcard did not make (a restored backup of something else, a sync
// conflict, another app's database under the same name), and adopting it would mix Punchcard's
// tables into it or turn it into WAL mode. So the file is read without writing it and without
// leaving side files beside it, and only an empty file or one of Punchcard's goes further.
//
// Other engines may be writing the same file meanwhile, so the read must see one consistent state
// of it: a WAL-mode file with a -wal beside it is read through a read-only connection that takes
// SQLite's read lock and sees the WAL (the -wal is there already, and so is the -shm unless a crash
// or a program in exclusive locking mode left none). Reading its main file unlocked would catch a
// checkpoint half-way (the first page already counting pages not yet written: "database disk image
// is malformed"), and a person told to move their timesheet away because of that race could lose
// it from view. A busy or passing error is looked at again, and in the end said to be one: only
// what is wrong with the file itself is answered with advice to move it.
import { closeSync, constants, existsSync, fstatSync, openSync, readSync } from 'node:fs';
import { setTimeout as delay } from 'node:timers/promises';
import { pathToFileURL } from 'node:url';
import { DatabaseSync } from 'node:sqlite';
import { type Refusal, refusalOf, refusalSentence } from '../../contract/outcomes/refusals.ts';
import { modelText } from '../../contract/outcomes/sentence.ts';
import { isBusy } from '../sqlite-files.ts';
import { MIGRATIONS } from './migrations.ts';

/** "Punc" in the header's application-id field: marks the file as a Punchcard timesheet. */
export const PUNCHCARD_APPLICATION_ID = 0x50756e63;

const HEADER_BYTES = 100;
const SQLITE_MAGIC = 'SQLite format 3\u0000';

export type TimesheetIdentity =
  /** No file, an empty one, or an SQLite database with nothing in it: a new timesheet goes there. */
  | { kind: 'new' }
  /** A Punchcard timesheet at schema `version` (which may be older than this build's). */
  | { kind: 'timesheet'; version: number }
  /** Anything else; the refusal says what the file is and what to do, and the file is untouched. */
  | { kind: 'refused'; refusal: Refusal }
  /** The file could not be read just now (locked, or a passing error); the refusal says to try again. Nothing about the file itself. */
  | { kind: 'busy'; refusal: Refusal };

/** The same, with each refusal in its words for the model: `reason`. */
export type TimesheetFile = Exclude<TimesheetIdentity, { refusal: Refusal }> | { kind: 'refused' | 'busy'; reason: string };

/** What a look that read the file found. */
type Verdict = Exclude<TimesheetIdentity, { kind: 'busy' }>;

/** One look at the file: what it is, or the SQLite error that kept it from being read. */
type Look = Verdict | { kind: 'unread'; error: unknown };

/** How often an error other than a lock is looked at again before it is reported: such races pass within milliseconds. */
const LOOKS = 5;

/**
 * Finds out what the file at `path` is. A lock another program holds is waited out on a timer for
 * up to `lockWaitMs` (SQLite itself never waits here: node:sqlite is synchronous, see
 * ../sqlite-files.ts), any other error is looked at again a few times, and what still fails is
 * reported as busy, or, when SQLite says the file itself is damaged or not a database, refused.
 */
export async function inspectTimesheetFile(path: string, lockWaitMs = 10_000): Promise<TimesheetIdentity> {
  const deadline = Date.now() + lockWaitMs;
  for (let attempt = 0, looks = 1; ; attempt++) {
    const look = lookAt(path);
    if (look.kind !== 'unread') return look;
    const locked = isBusy(look.error);
    if (!locked) looks++;
    if (locked ? Date.now() >= deadline : looks > LOOKS) return unread(path, look.error, lockWaitMs);
    await delay(Math.min(2 ** attempt, 50) + Math.random() * 5);
  }
}

/** The same as inspectTimesheetFile, with a refusal in its words (`reason`). */
export async function identifyTimesheetFile(path: string, lockWaitMs = 10_000): Promise<TimesheetFile> {
  const identity = await inspectTimesheetFile(path, lockWaitMs);
  return 'refusal' in identity ? { kind: identity.kind, reason: modelText(refusalSentence(identity.refusal)) } : identity;
}

/** What to say about an error that outlasted the looks: only damage to the file itself earns advice to move it. */
function unread(path: string, error: unknown, lockWaitMs: number): TimesheetIdentity {
  const message = (error as Error).message;
  if (isAboutTheFile(error)) return { kind: 'refused', refusal: refusalOf('timesheet_damaged', { path, message }) };
  if (isBusy(error)) return { kind: 'busy', refusal: refusalOf('timesheet_locked_unchecked', { path, waited_ms: lockWaitMs }) };
  return { kind: 'busy', refusal: refusalOf('timesheet_unchecked', { path, message }) };
}

/** SQLITE_CORRUPT (11) and SQLITE_NOTADB (26), with any extended code: said of a consistent read, they are about the file. */
function isAboutTheFile(error: unknown): boolean {
  const code = (error as { errcode?: unknown }).errcode;
  return typeof code === 'number' && ((code & 0xff) === 11 || (code & 0xff) === 26);
}

function lookAt(path: string): Look {
  const header = readHeader(path);
  if (header === 'missing') return { kind: 'new' };
  if (!Buffer.isBuffer(header)) return { kind: 'refused', refusal: header };
  if (header.length === 0) return { kind: 'new' };
  if (header.length < HEADER_BYTES || header.toString('latin1', 0, 16) !== SQLITE_MAGIC) {
    return { kind: 'refused', refusal: refusalOf('timesheet_not_ours', { path, found: 'not_sqlite' }) };
  }
  // The main file's header may lag behind the WAL, but an application id is written once and a
  // version only grows, so what it says here is true of the file: no need to open it to refuse.
  const refused = refusedByMark(path, header.readUInt32BE(68), header.readUInt32BE(60));
  if (refused) return refused;
  let contents: Contents;
  try {
    contents = readContents(path, header);
  } catch (error) {
    return { kind: 'unread', error };
  }
  return judge(path, contents);
}

/** A refusal for another application's id or a newer schema, or undefined. */
function refusedByMark(path: string, applicationId: number, version: number): Verdict | undefined {
  if (applicationId !== 0 && applicationId !== PUNCHCARD_APPLICATION_ID) {
    return { kind: 'refused', refusal: refusalOf('timesheet_not_ours', { path, found: 'application_id', application_id: applicationId }) };
  }
  if (version > MIGRATIONS.length) return { kind: 'refused', refusal: refusalOf('timesheet_newer', { path, version, supported: MIGRATIONS.length }) };
  return undefined;
}

/** What the file holds, all from one read transaction, so the version and the tables belong together. */
interface Contents {
  version: number;
  applicationId: number;
  tables: Map<string, Set<string>>;
}

function judge(path: string, { version, applicationId, tables }: Contents): Verdict {
  const refused = refusedByMark(path, applicationId, version);
  if (refused) return refused;
  if (version === 0) {
    // Punchcard creates its tables and sets the version in one transaction, so tables without a
    // version were made by someone else.
    if (tables.size === 0) return { kind: 'new' };
    const names = [...tables.keys()];
    return {
      kind: 'refused',
      refusal: refusalOf('timesheet_not_ours', {
        path,
        found: 'tables',
        tables: names.slice(0, SHOWN_TABLES),
        more_tables: Math.max(0, names.length - SHOWN_TABLES),
      }),
    };
  }
  const mismatch = schemaMismatch(tables, expectedTables(version));
  if (mismatch) return { kind: 'refused', refusal: refusalOf('timesheet_schema_mismatch', { path, version, ...mismatch }) };
  return { kind: 'timesheet', version };
}

/** Another application's tables named in its refusal: the first few, and a count of the rest. */
const SHOWN_TABLES = 6;

/** The first 100 bytes, 'missing', or the refusal saying why the path cannot be a timesheet. */
function readHeader(path: string): Buffer | 'missing' | Refusal {
  let fd: number;
  try {
    // Non-blocking, so a FIFO or device at the path is looked at, not waited on.
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return 'missing';
    if (code === 'EACCES' || code === 'EPERM') return refusalOf('timesheet_permission_denied', { path });
    if (code === 'EISDIR') return refusalOf('timesheet_not_ours', { path, found: 'folder' });
    return refusalOf('timesheet_unopenable', { path, message: (error as Error).message });
  }
  try {
    if (!fstatSync(fd).isFile()) return refusalOf('timesheet_not_ours', { path, found: 'special_file' });
    const buffer = Buffer.alloc(HEADER_BYTES);
    const read = readSync(fd, buffer, 0, HEADER_BYTES, 0);
    return buffer.subarray(0, read);
  } finally {
    closeSync(fd);
  }
}

/**
 * The version, application id and tables, read in one transaction through a connection that
 * changes nothing and adds no file the folder did not already have.
 */
function readContents(path: string, header: Buffer): Contents {
  const db = readConnection(path, header);
  try {
    db.exec('BEGIN');
    const { user_version: version } = db.prepare('PRAGMA user_version').get() as { user_version: number };
    const { application_id: applicationId } = db.prepare('PRAGMA application_id').get() as { application_id: number };
    const tables = tablesOf(db);
    db.exec('COMMIT');
    return { version, applicationId, tables };
  } finally {
    db.close();
  }
}

/**
 * A read-only connection (SQLite's read lock, the WAL seen), or where that would create a -wal and
 * -shm beside a WAL-mode file (there is no -wal yet), one that reads the main file as it is
 * (SQLite's immutable mode). Without a -wal no connection has the file open (each keeps it until the
 * last one closes, and a crash leaves it), so the main file holds everything and nothing writes
 * it: reading it unlocked is exact then. A file in rollback-journal mode is read locked, which
 * needs no side file.
 */
function readConnection(path: string, header: Buffer): DatabaseSync {
  const walMode = header[18] === 2 || header[19] === 2;
  const url = pathToFileURL(path);
  if (walMode && !existsSync(`${path}-wal`)) url.searchParams.set('immutable', '1');
  return new DatabaseSync(url, { readOnly: true, timeout: 0 });
}

function tablesOf(db: DatabaseSync): Map<string, Set<string>> {
  const names = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'`).all() as Array<{ name: string }>;
  const tables = new Map<string, Set<string>>();
  for (const { name } of names) {
    const columns = db.prepare('SELECT name FROM pragma_table_info(?)').all(name) as Array<{ name: string }>;
    tables.set(name, new Set(columns.map((column) => column.name)));
  }
  return tables;
}

const expectedByVersion = new Map<number, Map<string, Set<string>>>();

/** The tables and columns the migrations up to `version` create, read off an in-memory copy. */
function expectedTables(version: number): Map<string, Set<string>> {
  let expected = expectedByVersion.get(version);
  if (!expected) {
    const db = new DatabaseSync(':memory:');
    try {
      for (const migration of MIGRATIONS.slice(0, version)) db.exec(migration);
      expected = tablesOf(db);
    } finally {
      db.close();
    }
    expectedByVersion.set(version, expected);
  }
  return expected;
}

/** What the file lacks of the expected schema (the schema's own names, a few); undefined when nothing. Extra is fine. */
function schemaMismatch(
  actual: Map<string, Set<string>>,
  expected: Map<string, Set<string>>,
): { missing_tables: string[] } | { table: string; missing_columns: string[] } | undefined {
  const missingTables = [...expected.keys()].filter((table) => !actual.has(table));
  if (missingTables.length > 0) return { missing_tables: missingTables };
  for (const [table, columns] of expected) {
    const have = actual.get(table) as Set<string>;
    const missing = [...columns].filter((column) => !have.has(column));
    if (missing.length > 0) return { table, missing_columns: missing };
  }
  return undefined;
}
