// The built-in timesheet: a SQLite file in the user-data folder, no account needed.
import { rangesOverlap } from '../../domain/leave-days.ts';
import type { StatementSync } from 'node:sqlite';
import { isWritable } from '../sqlite-files.ts';
import { isUniqueViolation, openTimesheet, readTimesheet, type Timesheet, writeTransaction } from './database.ts';
import {
  type Catalog,
  type CatalogItem,
  type CatalogKind,
  type EntryFields,
  type EntryQuery,
  type LeaveRequest,
  type NewLeaveRequest,
  type Person,
  BackEndError,
  type Ref,
  type TimeEntry,
  type TimeTracker,
  TimerRunningError,
  type WorkSpan,
} from '../time-tracker.ts';
import { LOCAL_CAPABILITIES } from './capabilities.ts';

const ENTRY_SELECT = `
  SELECT e.id, e.start_ms, e.end_ms, e.description,
         p.id AS project_id, p.name AS project_name,
         a.id AS activity_id, a.name AS activity_name
  FROM time_entries e
  LEFT JOIN projects p ON p.id = e.project_id
  LEFT JOIN activities a ON a.id = e.activity_id`;

// Rows as node:sqlite reads them. Types, not interfaces, so a query's records of SQL values narrow to
// them with a plain `as`: the columns are this file's own schema (local-schema.ts).
type EntryRow = {
  id: number;
  start_ms: number;
  end_ms: number | null;
  description: string;
  project_id: number | null;
  project_name: string | null;
  activity_id: number | null;
  activity_name: string | null;
};

type LeaveRow = {
  id: number;
  type: LeaveRequest['type'];
  first_day: string;
  last_day: string;
  first_day_part: LeaveRequest['firstDayPart'];
  last_day_part: LeaveRequest['lastDayPart'];
  days: number;
  status: LeaveRequest['status'];
  comment: string;
};

const CATALOG_TABLES: Record<CatalogKind, string> = { customer: 'customers', project: 'projects', activity: 'activities' };

export interface LocalTrackerOptions {
  databasePath: string;
  /** The person shown in the absence calendar. */
  personName: () => string;
  now: () => number;
  /** Where it says that a file could not be made private (../../private-files.ts). */
  log?: (message: string) => void;
}

export function createLocalTracker(options: LocalTrackerOptions): TimeTracker {
  return new LocalTracker(options);
}

class LocalTracker implements TimeTracker {
  readonly type = 'local';
  readonly label = 'Local timesheet';
  readonly capabilities = LOCAL_CAPABILITIES;
  /** Local requests are the person's own record, with nobody to approve them (docs/back-ends/local.md, "Leave"). */
  readonly approvesLeaveAtOnce = true;
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
          throw new BackEndError('unavailable', 'The timesheet was closed.');
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
   * Only the work of #read and #write runs here, while the connection is open.
   */
  #statement(sql: string): StatementSync {
    const sheet = this.#sheet as Timesheet;
    let statement = this.#statements.get(sql);
    if (!statement) {
      statement = sheet.db.prepare(sql);
      this.#statements.set(sql, statement);
    }
    return statement;
  }

  async #read<T>(work: () => T): Promise<T> {
    return readTimesheet(await this.#open(), work);
  }

  async #write<T>(work: () => T): Promise<T> {
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
          if (this.#sheet === null) throw new BackEndError('unavailable', 'The timesheet was closed.');
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

  async whoami(): Promise<Person> {
    return { name: this.#options.personName() };
  }

  async runningEntry(): Promise<TimeEntry | null> {
    return this.#read(() => this.#running());
  }

  async startTimer(
    fields: Omit<EntryFields, 'end' | 'start'> & { start?: number },
    switchRunning: boolean,
  ): Promise<{ started: TimeEntry; stopped: TimeEntry | null }> {
    try {
      return await this.#write(() => {
        this.#checkRefs(fields.projectId, fields.activityId);
        const running = this.#running();
        const start = fields.start ?? Math.max(this.#options.now(), running?.start ?? 0);
        let stopped: TimeEntry | null = null;
        if (running) {
          if (!switchRunning) throw new TimerRunningError(running);
          if (start < running.start) {
            throw new BackEndError('invalid', 'The new timer would start before the running one did.');
          }
          this.#setEnd(running.id, start);
          stopped = this.#entry(running.id);
        }
        const id = this.#insertEntry({ ...fields, start, end: null });
        return { started: this.#entry(id), stopped };
      });
    } catch (error) {
      // Another process won the race between our check and our insert: the schema refused the
      // second running timer. Report it like the check would have.
      if (isUniqueViolation(error, 'time_entries_one_running')) {
        const running = await this.#read(() => this.#running());
        if (running) throw new TimerRunningError(running);
      }
      throw error;
    }
  }

  async stopTimer(end?: number, note?: string): Promise<TimeEntry> {
    return this.#write(() => {
      const running = this.#running();
      if (!running) throw new BackEndError('conflict', 'No timer is running.');
      const stopAt = end ?? Math.max(this.#options.now(), running.start);
      if (stopAt < running.start) throw new BackEndError('invalid', 'The end time is before the timer started.');
      this.#setEnd(running.id, stopAt);
      if (note) {
        const description = running.description ? `${running.description}\n${note}` : note;
        this.#statement('UPDATE time_entries SET description = ? WHERE id = ?').run(description, running.id);
      }
      return this.#entry(running.id);
    });
  }

  async listEntries(query: EntryQuery): Promise<{ entries: TimeEntry[]; total: number }> {
    return this.#read(() => {
      const filter = `WHERE e.start_ms >= ? AND e.start_ms < ?${query.projectId === undefined ? '' : ' AND e.project_id = ?'}`;
      const params = query.projectId === undefined ? [query.from, query.to] : [query.from, query.to, query.projectId];
      const { total } = this.#statement(`SELECT count(*) AS total FROM time_entries e ${filter}`).get(...params) as {
        total: number;
      };
      const rows = this.#statement(`${ENTRY_SELECT} ${filter} ORDER BY e.start_ms, e.id LIMIT ? OFFSET ?`).all(
        ...params,
        query.limit,
        query.offset,
      ) as EntryRow[];
      return { entries: rows.map(toEntry), total };
    });
  }

  async getEntry(id: number): Promise<TimeEntry> {
    return this.#read(() => this.#entry(id));
  }

  async createEntry(fields: EntryFields & { end: number }): Promise<TimeEntry> {
    return this.#write(() => {
      this.#checkRefs(fields.projectId, fields.activityId);
      return this.#entry(this.#insertEntry(fields));
    });
  }

  async updateEntry(id: number, patch: Partial<EntryFields>): Promise<TimeEntry> {
    try {
      return await this.#write(() => {
        const current = this.#entry(id);
        const next: EntryFields = {
          start: patch.start ?? current.start,
          end: patch.end === undefined ? current.end : patch.end,
          projectId: patch.projectId === undefined ? (current.project?.id ?? null) : patch.projectId,
          activityId: patch.activityId === undefined ? (current.activity?.id ?? null) : patch.activityId,
          description: patch.description ?? current.description,
        };
        if (next.end !== null && next.end < next.start) {
          throw new BackEndError('invalid', 'The entry would end before it starts.');
        }
        this.#checkRefs(next.projectId, next.activityId);
        this.#statement(
          `UPDATE time_entries SET start_ms = ?, end_ms = ?, project_id = ?, activity_id = ?, description = ?, updated_at = ?
             WHERE id = ?`,
        ).run(next.start, next.end, next.projectId, next.activityId, next.description, this.#options.now(), id);
        return this.#entry(id);
      });
    } catch (error) {
      if (isUniqueViolation(error, 'time_entries_one_running')) {
        throw new BackEndError('conflict', 'Another timer is already running; only one entry can be open at a time.');
      }
      throw error;
    }
  }

  async deleteEntry(id: number): Promise<TimeEntry> {
    return this.#write(() => {
      const entry = this.#entry(id);
      this.#statement('DELETE FROM time_entries WHERE id = ?').run(id);
      return entry;
    });
  }

  async workSpans(from: number, to: number, now: number, projectId?: number): Promise<WorkSpan[]> {
    return this.#read(() => {
      // start_ms < to AND coalesce(end, now) > from: every entry that touches the range. The index on
      // start_ms bounds the scan; entries longer than a week are rare enough not to need their own.
      const rows = this.#statement(
        `${ENTRY_SELECT}
           WHERE e.start_ms < ? AND e.start_ms >= ? AND coalesce(e.end_ms, ?) > ?
           ${projectId === undefined ? '' : 'AND e.project_id = ?'}
           ORDER BY e.start_ms`,
      ).all(
        ...(projectId === undefined ? [to, from - MAX_SPAN_LOOKBACK_MS, now, from] : [to, from - MAX_SPAN_LOOKBACK_MS, now, from, projectId]),
      ) as EntryRow[];
      const spans: WorkSpan[] = [];
      for (const row of rows) {
        const start = Math.max(row.start_ms, from);
        const end = Math.min(row.end_ms ?? Math.max(now, row.start_ms), to);
        if (end <= start) continue;
        const entry = toEntry(row);
        spans.push({ start, end, project: entry.project, activity: entry.activity });
      }
      return spans;
    });
  }

  async lastEntryEndingBetween(from: number, to: number): Promise<TimeEntry | null> {
    return this.#read(() => {
      const row = this.#statement(`${ENTRY_SELECT} WHERE e.end_ms > ? AND e.end_ms <= ? ORDER BY e.end_ms DESC LIMIT 1`).get(from, to) as EntryRow | undefined;
      return row ? toEntry(row) : null;
    });
  }

  async catalog(includeArchived: boolean): Promise<Catalog> {
    return this.#read(() => {
      const archived = includeArchived ? '' : 'WHERE x.archived = 0';
      const customers = this.#statement(`SELECT x.id, x.name, x.archived FROM customers x ${archived} ORDER BY x.name COLLATE NOCASE`).all() as Array<{
        id: number;
        name: string;
        archived: number;
      }>;
      const projects = this.#statement(
        `SELECT x.id, x.name, x.archived, c.id AS ref_id, c.name AS ref_name
           FROM projects x LEFT JOIN customers c ON c.id = x.customer_id ${archived} ORDER BY x.name COLLATE NOCASE`,
      ).all() as Array<{ id: number; name: string; archived: number; ref_id: number | null; ref_name: string | null }>;
      const activities = this.#statement(
        `SELECT x.id, x.name, x.archived, p.id AS ref_id, p.name AS ref_name
           FROM activities x LEFT JOIN projects p ON p.id = x.project_id ${archived} ORDER BY x.name COLLATE NOCASE`,
      ).all() as Array<{ id: number; name: string; archived: number; ref_id: number | null; ref_name: string | null }>;
      return {
        customers: customers.map((row) => ({ kind: 'customer', id: row.id, name: row.name, archived: row.archived === 1 })),
        projects: projects.map((row) => ({
          kind: 'project',
          id: row.id,
          name: row.name,
          archived: row.archived === 1,
          customer: ref(row.ref_id, row.ref_name),
        })),
        activities: activities.map((row) => ({
          kind: 'activity',
          id: row.id,
          name: row.name,
          archived: row.archived === 1,
          project: ref(row.ref_id, row.ref_name),
        })),
      };
    });
  }

  async createCatalogItem(item: { kind: CatalogKind; name: string; customerId?: number; projectId?: number }): Promise<CatalogItem> {
    const name = item.name.trim();
    try {
      return await this.#write(() => {
        const now = this.#options.now();
        let id: number;
        if (item.kind === 'customer') {
          id = Number(this.#statement('INSERT INTO customers (name, created_at) VALUES (?, ?)').run(name, now).lastInsertRowid);
        } else if (item.kind === 'project') {
          if (item.customerId !== undefined) this.#requireRow('customers', item.customerId, 'customer');
          id = Number(
            this.#statement('INSERT INTO projects (name, customer_id, created_at) VALUES (?, ?, ?)').run(name, item.customerId ?? null, now).lastInsertRowid,
          );
        } else {
          if (item.projectId !== undefined) this.#requireRow('projects', item.projectId, 'project');
          id = Number(
            this.#statement('INSERT INTO activities (name, project_id, created_at) VALUES (?, ?, ?)').run(name, item.projectId ?? null, now).lastInsertRowid,
          );
        }
        return this.#catalogItem(item.kind, id);
      });
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new BackEndError('conflict', `A ${item.kind} named "${name}" already exists.`);
      }
      throw error;
    }
  }

  async setArchived(kind: CatalogKind, id: number, archived: boolean): Promise<CatalogItem> {
    return this.#write(() => {
      this.#requireRow(CATALOG_TABLES[kind], id, kind);
      this.#statement(`UPDATE ${CATALOG_TABLES[kind]} SET archived = ? WHERE id = ?`).run(archived ? 1 : 0, id);
      return this.#catalogItem(kind, id);
    });
  }

  async listLeave(query: { from: string; to: string }): Promise<LeaveRequest[]> {
    return this.#read(() => {
      const rows = this.#statement('SELECT * FROM leave_requests WHERE last_day >= ? AND first_day <= ? ORDER BY first_day, id').all(
        query.from,
        query.to,
      ) as LeaveRow[];
      return rows.map((row) => this.#toLeave(row));
    });
  }

  async createLeave(request: NewLeaveRequest): Promise<LeaveRequest> {
    if (request.kind !== undefined) {
      throw new BackEndError('invalid', `The local timesheet has no leave type "${request.kind}"; use vacation, sick, personal, parental, unpaid or other.`);
    }
    return this.#write(() => {
      const clash = this.#overlappingLeave(request);
      if (clash) {
        throw new BackEndError(
          'conflict',
          `This overlaps your ${clash.type} request #${clash.id} (${clash.firstDay} to ${clash.lastDay}). Cancel or change that one first.`,
        );
      }
      const now = this.#options.now();
      // Local requests are the user's own record, so there is nobody to approve them.
      const id = Number(
        this.#statement(
          `INSERT INTO leave_requests (type, first_day, last_day, first_day_part, last_day_part, days, status, comment, created_at, updated_at)
             VALUES (?, ?, ?, ?, ?, ?, 'approved', ?, ?, ?)`,
        ).run(request.type, request.firstDay, request.lastDay, request.firstDayPart, request.lastDayPart, request.days, request.comment, now, now)
          .lastInsertRowid,
      );
      return this.#leave(id);
    });
  }

  async cancelLeave(id: number): Promise<LeaveRequest> {
    return this.#write(() => {
      const request = this.#leave(id);
      if (request.status === 'cancelled') throw new BackEndError('conflict', `Leave request #${id} is already cancelled.`);
      this.#statement(`UPDATE leave_requests SET status = 'cancelled', updated_at = ? WHERE id = ?`).run(this.#options.now(), id);
      return this.#leave(id);
    });
  }

  close(): void {
    this.#statements.clear();
    this.#sheet?.db.close();
    this.#sheet = null;
    this.#opening = null;
  }

  #running(): TimeEntry | null {
    const row = this.#statement(`${ENTRY_SELECT} WHERE e.end_ms IS NULL`).get() as EntryRow | undefined;
    return row ? toEntry(row) : null;
  }

  #entry(id: number): TimeEntry {
    const row = this.#statement(`${ENTRY_SELECT} WHERE e.id = ?`).get(id) as EntryRow | undefined;
    if (!row) throw new BackEndError('not_found', `There is no time entry #${id}.`);
    return toEntry(row);
  }

  #insertEntry(fields: EntryFields): number {
    const now = this.#options.now();
    const result = this.#statement(
      `INSERT INTO time_entries (start_ms, end_ms, project_id, activity_id, description, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ).run(fields.start, fields.end, fields.projectId, fields.activityId, fields.description, now, now);
    return Number(result.lastInsertRowid);
  }

  #setEnd(id: number, end: number): void {
    this.#statement('UPDATE time_entries SET end_ms = ?, updated_at = ? WHERE id = ?').run(end, this.#options.now(), id);
  }

  #checkRefs(projectId: number | null, activityId: number | null): void {
    if (projectId !== null) this.#requireRow('projects', projectId, 'project');
    if (activityId !== null) {
      const activity = this.#catalogItem('activity', activityId);
      if (activity.project && activity.project.id !== projectId) {
        throw new BackEndError('invalid', `Activity "${activity.name}" belongs to project "${activity.project.name}" and cannot be used with another project.`);
      }
    }
  }

  #requireRow(table: string, id: number, what: string): void {
    const row = this.#statement(`SELECT 1 AS found FROM ${table} WHERE id = ?`).get(id);
    if (!row) throw new BackEndError('not_found', `There is no ${what} #${id}.`);
  }

  #catalogItem(kind: CatalogKind, id: number): CatalogItem {
    const catalogRow = this.#statement(`SELECT id, name, archived FROM ${CATALOG_TABLES[kind]} WHERE id = ?`).get(id) as
      | { id: number; name: string; archived: number }
      | undefined;
    if (!catalogRow) throw new BackEndError('not_found', `There is no ${kind} #${id}.`);
    const item: CatalogItem = { kind, id: catalogRow.id, name: catalogRow.name, archived: catalogRow.archived === 1 };
    if (kind === 'project') {
      const row = this.#statement('SELECT c.id, c.name FROM projects x JOIN customers c ON c.id = x.customer_id WHERE x.id = ?').get(id) as
        | { id: number; name: string }
        | undefined;
      item.customer = row ? { id: row.id, name: row.name } : null;
    }
    if (kind === 'activity') {
      const row = this.#statement('SELECT p.id, p.name FROM activities x JOIN projects p ON p.id = x.project_id WHERE x.id = ?').get(id) as
        | { id: number; name: string }
        | undefined;
      item.project = row ? { id: row.id, name: row.name } : null;
    }
    return item;
  }

  #leave(id: number): LeaveRequest {
    const row = this.#statement('SELECT * FROM leave_requests WHERE id = ?').get(id) as LeaveRow | undefined;
    if (!row) throw new BackEndError('not_found', `There is no leave request #${id}.`);
    return this.#toLeave(row);
  }

  #overlappingLeave(request: NewLeaveRequest): LeaveRequest | null {
    const candidates = this.#statement(
      `SELECT * FROM leave_requests
         WHERE status IN ('pending', 'approved') AND last_day >= ? AND first_day <= ? ORDER BY first_day`,
    ).all(request.firstDay, request.lastDay) as LeaveRow[];
    for (const row of candidates) {
      const other = this.#toLeave(row);
      if (rangesOverlap(request, other)) return other;
    }
    return null;
  }

  #toLeave(row: LeaveRow): LeaveRequest {
    return {
      id: row.id,
      person: this.#options.personName(),
      type: row.type,
      firstDay: row.first_day,
      lastDay: row.last_day,
      firstDayPart: row.first_day_part,
      lastDayPart: row.last_day_part,
      days: row.days,
      status: row.status,
      comment: row.comment,
    };
  }
}

/** Entries that started this long before a report's range are still looked at (overnight shifts). */
const MAX_SPAN_LOOKBACK_MS = 7 * 24 * 3_600_000;

function toEntry(row: EntryRow): TimeEntry {
  return {
    id: row.id,
    start: row.start_ms,
    end: row.end_ms,
    project: ref(row.project_id, row.project_name),
    activity: ref(row.activity_id, row.activity_name),
    description: row.description,
  };
}

function ref(id: number | null, name: string | null): Ref | null {
  return id === null || name === null ? null : { id, name };
}
