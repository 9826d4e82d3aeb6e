// The local timesheet's file as its parts share it (local-tracker.ts): one connection, opened on first
// use, its prepared statements, reads and write transactions, and the rows more than one part reads
// (an entry, the running timer, a catalog item a write names).
import type { StatementSync } from 'node:sqlite';
import { isWritable } from '../sqlite-files.ts';
import { BackEndError, type CatalogItem, type CatalogKind, checkedEntry, type EntryFields, type Ref, type TimeEntry } from '../time-tracker.ts';
import { openTimesheet, readTimesheet, type Timesheet, writeTransaction } from './database.ts';
import type { LocalTrackerOptions } from '../engine-side.ts';

export type { LocalTrackerOptions };

export const ENTRY_SELECT = `
  SELECT e.id, e.start_ms, e.end_ms, e.description, e.agent,
         p.id AS project_id, p.name AS project_name,
         a.id AS activity_id, a.name AS activity_name
  FROM time_entries e
  LEFT JOIN projects p ON p.id = e.project_id
  LEFT JOIN activities a ON a.id = e.activity_id`;

// Rows as node:sqlite reads them. Types, not interfaces, so a query's records of SQL values narrow to
// them with a plain `as`: the columns are this file's own schema (local-schema.ts).
export type EntryRow = {
  id: number;
  start_ms: number;
  end_ms: number | null;
  description: string;
  agent: string | null;
  project_id: number | null;
  project_name: string | null;
  activity_id: number | null;
  activity_name: string | null;
};

export const CATALOG_TABLES: Record<CatalogKind, string> = { customer: 'customers', project: 'projects', activity: 'activities' };

export class LocalSheet {
  readonly #options: LocalTrackerOptions;
  #sheet: Timesheet | null = null;
  /** Statements of the open connection by SQL text; the texts are a fixed, small set. */
  readonly #statements = new Map<string, StatementSync>();
  #opening: Promise<Timesheet> | null = null;
  #reopening: Promise<Timesheet> | null = null;

  constructor(options: LocalTrackerOptions) {
    this.#options = options;
  }

  /**
   * Opened on first use, so the server answers `tools/list` without touching the disk. A failed
   * open is not remembered: the next call looks at the file again, so moving a refused file away
   * or closing the program that locked it is enough, without a restart.
   */
  #open(): Promise<Timesheet> {
    if (this.#sheet) return Promise.resolve(this.#sheet);
    const opening = (this.#opening ??= openTimesheet(this.#options.databasePath, this.#options.log).then(
      (sheet) => {
        // Closed while it opened: let go of the file instead of holding it for nobody.
        if (this.#opening !== opening) {
          sheet.db.close();
          throw new BackEndError('timesheet_closed');
        }
        return (this.#sheet = sheet);
      },
      (error: unknown) => {
        if (this.#opening === opening) this.#opening = null;
        throw error;
      },
    ));
    return opening;
  }

  /**
   * A prepared statement, made once per SQL text and connection. Preparing anew on every call left
   * each statement's native memory to the garbage collector, which does not see it: under a steady
   * stream of calls the process grew by hundreds of MB before a collection happened to run.
   * Only the work of read and write runs here, while the connection is open.
   */
  statement(sql: string): StatementSync {
    const sheet = this.#sheet as Timesheet;
    let statement = this.#statements.get(sql);
    if (!statement) {
      statement = sheet.db.prepare(sql);
      this.#statements.set(sql, statement);
    }
    return statement;
  }

  async read<T>(work: () => T): Promise<T> {
    return readTimesheet(await this.#open(), work);
  }

  async write<T>(work: () => T): Promise<T> {
    const sheet = await this.#open();
    // A folder found read-only may be writable by now (the app's engine runs for days): look again
    // before refusing, and write through a connection that may.
    return writeTransaction(sheet.readOnly && isWritable(sheet.path) ? await this.#reopenWritable(sheet) : sheet, work);
  }

  /**
   * Swaps a read-only connection for one that may write. The old one serves reads until the new one
   * is ready, so a read waiting on a lock meanwhile finds a connection either way.
   */
  #reopenWritable(stale: Timesheet): Promise<Timesheet> {
    this.#reopening ??= openTimesheet(this.#options.databasePath, this.#options.log)
      .then((fresh) => {
        if (this.#sheet !== stale) {
          // Closed (or already swapped) meanwhile.
          fresh.db.close();
          if (this.#sheet === null) throw new BackEndError('timesheet_closed');
          return this.#sheet;
        }
        this.#statements.clear();
        this.#sheet = fresh;
        stale.db.close();
        return fresh;
      })
      .finally(() => (this.#reopening = null));
    return this.#reopening;
  }

  close(): void {
    this.#statements.clear();
    this.#sheet?.db.close();
    this.#sheet = null;
    this.#opening = null;
  }

  running(): TimeEntry | null {
    const row = this.statement(`${ENTRY_SELECT} WHERE e.end_ms IS NULL`).get() as EntryRow | undefined;
    return row ? toEntry(row) : null;
  }

  entry(id: number): TimeEntry {
    const row = this.statement(`${ENTRY_SELECT} WHERE e.id = ?`).get(id) as EntryRow | undefined;
    if (!row) throw new BackEndError('local_entry_not_found', { entry: id });
    return toEntry(row);
  }

  insertEntry(fields: EntryFields): number {
    const now = this.#options.now();
    const result = this.statement(
      `INSERT INTO time_entries (start_ms, end_ms, project_id, activity_id, description, agent, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(fields.start, fields.end, fields.projectId, fields.activityId, fields.description, fields.agent ?? null, now, now);
    return Number(result.lastInsertRowid);
  }

  setEnd(id: number, end: number): void {
    this.statement('UPDATE time_entries SET end_ms = ?, updated_at = ? WHERE id = ?').run(end, this.#options.now(), id);
  }

  checkRefs(projectId: number | null, activityId: number | null): void {
    if (projectId !== null) this.requireRow('project', projectId);
    if (activityId !== null) {
      const activity = this.catalogItem('activity', activityId);
      if (activity.project && activity.project.id !== projectId) {
        throw new BackEndError('local_activity_of_other_project', { activity: activity.name, project: activity.project.name });
      }
    }
  }

  requireRow(kind: CatalogKind, id: number): void {
    const row = this.statement(`SELECT 1 AS found FROM ${CATALOG_TABLES[kind]} WHERE id = ?`).get(id);
    if (!row) throw new BackEndError('local_catalog_item_not_found', { kind, id });
  }

  catalogItem(kind: CatalogKind, id: number): CatalogItem {
    const catalogRow = this.statement(`SELECT id, name, archived FROM ${CATALOG_TABLES[kind]} WHERE id = ?`).get(id) as
      | { id: number; name: string; archived: number }
      | undefined;
    if (!catalogRow) throw new BackEndError('local_catalog_item_not_found', { kind, id });
    const item: CatalogItem = { kind, id: catalogRow.id, name: catalogRow.name, archived: catalogRow.archived === 1 };
    if (kind === 'project') {
      const row = this.statement('SELECT c.id, c.name FROM projects x JOIN customers c ON c.id = x.customer_id WHERE x.id = ?').get(id) as
        | { id: number; name: string }
        | undefined;
      item.customer = row ? { id: row.id, name: row.name } : null;
    }
    if (kind === 'activity') {
      const row = this.statement('SELECT p.id, p.name FROM activities x JOIN projects p ON p.id = x.project_id WHERE x.id = ?').get(id) as
        | { id: number; name: string }
        | undefined;
      item.project = row ? { id: row.id, name: row.name } : null;
    }
    return item;
  }
}

/** Entries that started this long before a report's range are still looked at (overnight shifts). */
export const MAX_SPAN_LOOKBACK_MS = 7 * 24 * 3_600_000;

/** A row as an entry; one longer than any stretch of work (an older file, a timer stopped weeks late) is marked impossible (checkedEntry). */
export function toEntry(row: EntryRow): TimeEntry {
  return checkedEntry({
    id: row.id,
    start: row.start_ms,
    end: row.end_ms,
    project: ref(row.project_id, row.project_name),
    activity: ref(row.activity_id, row.activity_name),
    description: row.description,
    ...(row.agent ? { agent: row.agent } : {}),
  });
}

export function ref(id: number | null, name: string | null): Ref | null {
  return id === null || name === null ? null : { id, name };
}
