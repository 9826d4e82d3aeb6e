// The two local journals the day from evidence reads besides calendars and commits: when the person
// was active at the computer (the desktop app writes it while `evidence.activity` is on) and when an
// AI client used Punchcard (the engine writes it after each tool call while `evidence.aiSessions` is
// on). Both live in one small SQLite file in the data folder, evidence-journal.db, private like every
// file there (../private-files.ts). Only instants and the AI client's name are recorded: never an
// application, a window title, a tool's arguments or anything a call said (docs/evidence.md).
//
// Several processes write the file (the app, one engine per AI client), so every write is one short
// transaction that takes the write lock up front, and a lock another program holds is waited out on a
// timer, never by SQLite blocking the event loop (../providers/sqlite-files.ts). A journal is never a
// reason for a tool call or the app to fail: a write that cannot be done is said once on stderr and
// dropped, and a read that cannot be done is a skipped source in a sentence a person can act on.
import { closeSync, constants, lstatSync, openSync, readSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DatabaseSync, type StatementSync } from 'node:sqlite';
import { type Log, stderrLog } from '../log.ts';
import { createPrivateFile, keepFilesPrivate, makePrivateFolder } from '../private-files.ts';
import { isBusy, isReadOnlyError, isWritable, whileBusy } from '../providers/sqlite-files.ts';
import { EVIDENCE_LIMITS, type EvidenceItem, type EvidenceSource, type SourceReading } from './evidence.ts';

export const EVIDENCE_JOURNAL_FILE = 'evidence-journal.db';
/** A span that ends at most this long before a new one starts is the same stretch of activity (the app reports every minute or so). */
export const ACTIVITY_MERGE_MS = 2 * 60_000;
/** Calls of one AI client at most this far apart belong to one stretch of work. */
export const AI_STRETCH_GAP_MS = 15 * 60_000;
/** Rows that ended longer ago than this are deleted: the past bookings a draft learns from reach back 60 days. */
export const JOURNAL_KEPT_MS = 90 * 24 * 3_600_000;
/** A process sweeps old rows with a write at most this often. */
export const JOURNAL_PRUNE_EVERY_MS = 3_600_000;
/** The most rows one read returns; a range holding more is a sentence asking for fewer days. */
export const JOURNAL_READ_LIMIT = EVIDENCE_LIMITS.events;
/** The longest an AI client's name is kept (the engine hands it in sanitised already). */
const CLIENT_NAME_MAX = 64;

/** "PcEv" in the header's application-id field: marks the file as Punchcard's evidence journal. */
const JOURNAL_APPLICATION_ID = 0x50634576;
const JOURNAL_VERSION = 1;
/** Writes here take well under a millisecond: a lock held longer than this is another program's. */
const WRITE_LOCK_WAIT_MS = 2_000;
const READ_LOCK_WAIT_MS = 3_000;
const SQLITE_MAGIC = 'SQLite format 3\u0000';
const OUR_TABLES = new Set(['active_spans', 'ai_stretches']);

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS active_spans (start_at INTEGER NOT NULL, end_at INTEGER NOT NULL, CHECK (end_at >= start_at)) STRICT;
  CREATE INDEX IF NOT EXISTS active_spans_by_end ON active_spans (end_at);
  CREATE TABLE IF NOT EXISTS ai_stretches (client TEXT NOT NULL, first_at INTEGER NOT NULL, last_at INTEGER NOT NULL, CHECK (last_at >= first_at)) STRICT;
  CREATE INDEX IF NOT EXISTS ai_stretches_by_client ON ai_stretches (client, last_at);
  CREATE INDEX IF NOT EXISTS ai_stretches_by_last ON ai_stretches (last_at);
`;

export interface EvidenceJournalOptions {
  /** Where a write that cannot be done is said, once per journal; stderr unless told. */
  log?: Log;
  /** The wall clock old rows are swept by. */
  now?: () => number;
}

/** What the file at the journal's path turned out not to be, in a sentence (said as it is). */
class JournalRefusal extends Error {}

/** The file or its folder cannot be written (found before SQLite would say it less clearly). */
class ReadOnly extends Error {}

/**
 * The evidence journal of one data folder, opened at its first use. Each process keeps one per folder
 * (`evidenceJournalOf`); two objects on one file behave as two processes do.
 */
export class EvidenceJournal {
  readonly path: string;
  readonly #log: Log;
  readonly #now: () => number;
  #db: DatabaseSync | undefined;
  /** Opened read-only (the folder cannot be written): reads work, and a write reopens to say why not. */
  #readOnly = false;
  readonly #statements = new Map<string, StatementSync>();
  #lastPrune = -Infinity;
  #saidWriteProblem = false;

  constructor(dataDir: string, options: EvidenceJournalOptions = {}) {
    this.path = join(dataDir, EVIDENCE_JOURNAL_FILE);
    this.#log = options.log ?? stderrLog;
    this.#now = options.now ?? Date.now;
  }

  /** The person was active at the computer from `start` to `end` (epoch ms): merged with a span it touches or nearly touches. */
  recordActive(start: number, end: number): Promise<void> {
    if (!isInstant(start) || !isInstant(end) || end < start) return this.#refuseInput(`an active span from ${start} to ${end}, which is not a span of time`);
    [start, end] = [Math.floor(start), Math.floor(end)];
    return this.#write('your activity at the computer', (db) => {
      // Every span within the merge gap of this one, on either side, becomes one span with it: the
      // app's reports extend the span they follow, and two that overlap (a clock set back) join.
      const near = [start - ACTIVITY_MERGE_MS, end + ACTIVITY_MERGE_MS] as const;
      const joined = this.#statement(db, 'SELECT min(start_at) AS first, max(end_at) AS last FROM active_spans WHERE end_at >= ? AND start_at <= ?').get(
        ...near,
      ) as { first: number | null; last: number | null };
      this.#statement(db, 'DELETE FROM active_spans WHERE end_at >= ? AND start_at <= ?').run(...near);
      this.#statement(db, 'INSERT INTO active_spans (start_at, end_at) VALUES (?, ?)').run(
        Math.min(start, joined.first ?? start),
        Math.max(end, joined.last ?? end),
      );
    });
  }

  /** An AI client (`clientInfo.name`, sanitised) used Punchcard at `at`: its stretch of work goes on, or a new one begins. */
  recordAiCall(client: string, at: number): Promise<void> {
    const name = typeof client === 'string' ? client.trim().slice(0, CLIENT_NAME_MAX) : '';
    if (name === '') return this.#refuseInput(`an AI call at ${at} without the client's name`);
    if (!isInstant(at)) return this.#refuseInput(`an AI call by ${name} at ${at}, which is not a moment in time`);
    at = Math.floor(at);
    return this.#write('when AI clients use Punchcard', (db) => {
      const stretch = this.#statement(
        db,
        'SELECT rowid AS id FROM ai_stretches WHERE client = ? AND last_at >= ? AND first_at <= ? ORDER BY last_at DESC LIMIT 1',
      ).get(name, at - AI_STRETCH_GAP_MS, at + AI_STRETCH_GAP_MS) as { id: number } | undefined;
      if (stretch) {
        this.#statement(db, 'UPDATE ai_stretches SET first_at = min(first_at, ?), last_at = max(last_at, ?) WHERE rowid = ?').run(at, at, stretch.id);
      } else {
        this.#statement(db, 'INSERT INTO ai_stretches (client, first_at, last_at) VALUES (?, ?, ?)').run(name, at, at);
      }
    });
  }

  /** The active spans that overlap [from, to), whole (a span's key is its start, whatever range is asked). */
  activityEvidence(from: number, to: number): Promise<SourceReading> {
    return this.#read('activity', 'active spans', from, to, (db) =>
      (
        this.#statement(db, 'SELECT start_at, end_at FROM active_spans WHERE start_at < ? AND (end_at > ? OR start_at >= ?) ORDER BY start_at LIMIT ?').all(
          to,
          from,
          from,
          JOURNAL_READ_LIMIT + 1,
        ) as { start_at: number; end_at: number }[]
      ).map(
        (row): EvidenceItem => ({
          source: 'activity',
          key: `activity:${row.start_at}`,
          start: row.start_at,
          end: row.end_at,
          text: 'Active at the computer',
          matchTexts: [],
          tickets: [],
        }),
      ),
    );
  }

  /** The AI clients' stretches of work that overlap [from, to), whole. */
  aiEvidence(from: number, to: number): Promise<SourceReading> {
    return this.#read('ai', 'stretches of AI work', from, to, (db) =>
      (
        this.#statement(
          db,
          'SELECT client, first_at, last_at FROM ai_stretches WHERE first_at < ? AND (last_at > ? OR first_at >= ?) ORDER BY first_at, client LIMIT ?',
        ).all(to, from, from, JOURNAL_READ_LIMIT + 1) as { client: string; first_at: number; last_at: number }[]
      ).map(
        (row): EvidenceItem => ({
          source: 'ai',
          key: `ai:${row.client}:${row.first_at}`,
          start: row.first_at,
          end: row.last_at,
          text: row.client,
          matchTexts: [row.client],
          tickets: [],
        }),
      ),
    );
  }

  close(): void {
    this.#statements.clear();
    this.#db?.close();
    this.#db = undefined;
    this.#readOnly = false;
  }

  async #write(what: string, work: (db: DatabaseSync) => void): Promise<void> {
    try {
      // A file opened read-only for a read is opened again for writing: the folder may be writable by now.
      if (this.#readOnly) this.close();
      await whileBusy(
        this.path,
        WRITE_LOCK_WAIT_MS,
        this.#saying('written', () => {
          const db = this.#openForWriting();
          db.exec('BEGIN IMMEDIATE');
          try {
            work(db);
            const now = this.#now();
            const prune = now - this.#lastPrune >= JOURNAL_PRUNE_EVERY_MS;
            if (prune) {
              this.#statement(db, 'DELETE FROM active_spans WHERE end_at < ?').run(now - JOURNAL_KEPT_MS);
              this.#statement(db, 'DELETE FROM ai_stretches WHERE last_at < ?').run(now - JOURNAL_KEPT_MS);
            }
            db.exec('COMMIT');
            if (prune) this.#lastPrune = now;
          } catch (error) {
            if (db.isTransaction) db.exec('ROLLBACK');
            throw error;
          }
        }),
        'the evidence journal',
        (message) => new JournalRefusal(message),
      );
    } catch (error) {
      this.close();
      if (this.#saidWriteProblem) return;
      this.#saidWriteProblem = true;
      this.#log(
        `${this.#problem(error, 'written')} Until then Punchcard does not record ${what}, and this is said only once; everything else works as before.`,
      );
    }
  }

  async #read(source: EvidenceSource, rows: string, from: number, to: number, work: (db: DatabaseSync) => EvidenceItem[]): Promise<SourceReading> {
    if (!isInstant(from) || !isInstant(to) || to < from) {
      return {
        items: [],
        skipped: [{ source, problem: `The evidence journal was asked for ${from} to ${to}, which is not a range of time; nothing was read.` }],
      };
    }
    try {
      // Nothing recorded yet (the app has not run with the switch on, no AI client has called): no evidence, nothing wrong.
      if (!isThere(this.path)) return { items: [], skipped: [] };
      const items = await whileBusy(
        this.path,
        READ_LOCK_WAIT_MS,
        this.#saying('read', () => work(this.#openForReading())),
        'the evidence journal',
        (message) => new JournalRefusal(message),
      );
      if (items.length > JOURNAL_READ_LIMIT) {
        return {
          items: [],
          skipped: [
            {
              source,
              problem: `The evidence journal holds more than ${JOURNAL_READ_LIMIT.toLocaleString('en')} ${rows} in the range asked, more than one call reads; ask for fewer days.`,
            },
          ],
        };
      }
      return { items, skipped: [] };
    } catch (error) {
      this.close();
      return { items: [], skipped: [{ source, problem: this.#problem(error, 'read') }] };
    }
  }

  /**
   * `work`, with a file or folder that cannot be written said as such before whileBusy sees it (it
   * would call it a change not saved, which a read is not).
   */
  #saying<T>(done: 'read' | 'written', work: () => T): () => T {
    return () => {
      try {
        return work();
      } catch (error) {
        if (!isReadOnlyError(error) && !(error instanceof ReadOnly)) throw error;
        throw new JournalRefusal(
          `The evidence journal ${this.path} cannot be ${done}: the file or its folder ${dirname(this.path)} is read-only to your user. Give your user write access to both.`,
        );
      }
    };
  }

  /** Says what kept the journal from being read or written, and what to do. */
  #problem(error: unknown, done: 'read' | 'written'): string {
    if (error instanceof JournalRefusal) return error.message;
    const reason = (error instanceof Error ? error.message : String(error)).replace(/[.\s]+$/, '');
    return `The evidence journal ${this.path} cannot be ${done} (${reason}). Check that your user can read and write it and its folder ${dirname(this.path)}.`;
  }

  async #refuseInput(what: string): Promise<void> {
    // Only Punchcard's own code calls these; wrong input is a bug to hear of, never a reason for a call to fail.
    this.#log(`The evidence journal was handed ${what}; nothing was recorded.`);
  }

  #statement(db: DatabaseSync, sql: string): StatementSync {
    let statement = this.#statements.get(sql);
    if (!statement) this.#statements.set(sql, (statement = db.prepare(sql)));
    return statement;
  }

  #openForWriting(): DatabaseSync {
    if (this.#db) return this.#db;
    makePrivateFolder(dirname(this.path), this.#log);
    refuseStrangers(this.path);
    if (!isWritable(this.path)) throw new ReadOnly();
    // SQLite would create the file (and its -wal and -shm, which take its mode) readable by others.
    createPrivateFile(this.path, this.#log);
    keepFilesPrivate([`${this.path}-wal`, `${this.path}-shm`], this.#log);
    return this.#keep(new DatabaseSync(this.path, { timeout: 0 }), false);
  }

  #openForReading(): DatabaseSync {
    if (this.#db) return this.#db;
    refuseStrangers(this.path);
    if (isWritable(this.path)) return this.#openForWriting();
    // A folder that cannot be written (a read-only mount, a locked-down profile): SQLite reads a WAL
    // file there only with its -shm beside it, else immutably, which is exact while no -wal holds changes.
    try {
      return this.#keep(new DatabaseSync(this.path, { readOnly: true, timeout: 0 }), true);
    } catch (error) {
      if (isBusy(error) || error instanceof JournalRefusal) throw error;
    }
    if (isThere(`${this.path}-wal`) && statSync(`${this.path}-wal`).size > 0) {
      throw new JournalRefusal(
        `The evidence journal ${this.path} cannot be read: its folder is read-only and ${this.path}-wal still holds changes SQLite cannot apply there. Make the folder writable.`,
      );
    }
    const url = pathToFileURL(this.path);
    url.searchParams.set('immutable', '1');
    return this.#keep(new DatabaseSync(url, { readOnly: true }), true);
  }

  /** Checks what the opened file holds (and makes it a journal when it is new), then keeps the connection. */
  #keep(db: DatabaseSync, readOnly: boolean): DatabaseSync {
    try {
      if (readOnly) {
        checkJournal(db, this.path, false);
      } else {
        // Looked at before anything is written: another application's database stays exactly as it was.
        const isNew = checkJournal(db, this.path, true);
        const { journal_mode: mode } = db.prepare('PRAGMA journal_mode').get() as { journal_mode: string };
        // Persistent in the file; switching needs a lock, so only the first opener ever asks.
        if (mode !== 'wal') db.exec('PRAGMA journal_mode = WAL');
        // A span lost to a power cut is a minute of evidence, never a person's booked time.
        db.exec('PRAGMA synchronous = NORMAL');
        if (isNew) {
          db.exec('BEGIN IMMEDIATE');
          try {
            // Another process may have made it a journal since the look above.
            if (checkJournal(db, this.path, true)) {
              db.exec(SCHEMA);
              db.exec(`PRAGMA application_id = ${JOURNAL_APPLICATION_ID}`);
              db.exec(`PRAGMA user_version = ${JOURNAL_VERSION}`);
            }
            db.exec('COMMIT');
          } catch (error) {
            if (db.isTransaction) db.exec('ROLLBACK');
            throw error;
          }
        }
      }
    } catch (error) {
      db.close();
      throw error;
    }
    this.#db = db;
    this.#readOnly = readOnly;
    return db;
  }
}

/**
 * Whether the opened database still has to be made a journal (a new, empty one), after refusing one
 * that is someone else's or a newer Punchcard's. A read of a new one finds no tables: that refuses too,
 * as there is nothing to read and nothing may be written.
 */
function checkJournal(db: DatabaseSync, path: string, writable: boolean): boolean {
  const { application_id: mark } = db.prepare('PRAGMA application_id').get() as { application_id: number };
  const { user_version: version } = db.prepare('PRAGMA user_version').get() as { user_version: number };
  if (mark !== 0 && mark !== JOURNAL_APPLICATION_ID) throw new JournalRefusal(`${path} is another application's SQLite database. ${MOVE_IT}`);
  if (version > JOURNAL_VERSION) {
    throw new JournalRefusal(
      `${path} was written by a newer Punchcard (journal version ${version}; this one knows ${JOURNAL_VERSION}). Update Punchcard to use it.`,
    );
  }
  if (mark === JOURNAL_APPLICATION_ID && version === JOURNAL_VERSION) return false;
  const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((row) => row.name);
  const strangers = tables.filter((name) => !OUR_TABLES.has(name));
  if (strangers.length > 0) throw new JournalRefusal(`${path} is another application's SQLite database (tables: ${strangers.join(', ')}). ${MOVE_IT}`);
  if (!writable)
    throw new JournalRefusal(`The evidence journal ${path} is empty and its folder is read-only, so nothing can be recorded there. Make the folder writable.`);
  return true;
}

const MOVE_IT = 'Punchcard left it as it is and keeps no evidence journal there: move it elsewhere, and Punchcard starts a new journal in its place.';

/**
 * Refuses whatever stands at the journal's path that is not a plain file of SQLite (or an empty one):
 * a link planted there would make SQLite write the journal, and its -wal and -shm, wherever it points;
 * anything else is not Punchcard's to turn into a journal.
 */
function refuseStrangers(path: string): void {
  for (const candidate of [path, `${path}-wal`, `${path}-shm`]) {
    const stat = lstatSync(candidate, { throwIfNoEntry: false });
    if (stat && !stat.isFile()) {
      throw new JournalRefusal(`${candidate} is ${stat.isSymbolicLink() ? 'a link' : 'not a file'}, where Punchcard keeps its evidence journal. ${MOVE_IT}`);
    }
  }
  const header = readHeader(path);
  if (header.length > 0 && (header.length < 100 || header.toString('latin1', 0, 16) !== SQLITE_MAGIC)) {
    throw new JournalRefusal(`${path} is not a SQLite database, so it is not Punchcard's evidence journal. ${MOVE_IT}`);
  }
  // An application id is written once, so what the main file says is true even while its -wal holds newer pages.
  const mark = header.length >= 100 ? header.readUInt32BE(68) : 0;
  if (mark !== 0 && mark !== JOURNAL_APPLICATION_ID) throw new JournalRefusal(`${path} is another application's SQLite database. ${MOVE_IT}`);
}

/** The file's first 100 bytes (fewer for a shorter file, none for a missing one), read without following a link. */
function readHeader(path: string): Buffer {
  let descriptor: number;
  try {
    descriptor = openSync(path, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return Buffer.alloc(0);
    throw error;
  }
  try {
    const header = Buffer.alloc(100);
    return header.subarray(0, readSync(descriptor, header, 0, 100, 0));
  } finally {
    closeSync(descriptor);
  }
}

function isThere(path: string): boolean {
  return lstatSync(path, { throwIfNoEntry: false }) !== undefined;
}

/** Epoch milliseconds (a fraction is dropped): what Date.now() gives. */
function isInstant(value: number): boolean {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= Number.MAX_SAFE_INTEGER;
}

/** One journal per data folder in this process, shared by whatever records or reads there. */
const journals = new Map<string, EvidenceJournal>();

export function evidenceJournalOf(dataDir: string, log?: Log): EvidenceJournal {
  const key = resolve(dataDir);
  let journal = journals.get(key);
  if (!journal) {
    journal = new EvidenceJournal(key, log ? { log } : {});
    journals.set(key, journal);
  }
  return journal;
}
