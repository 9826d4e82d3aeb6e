// The local timesheet's timer and entries: one part serves both, as the remote back ends' timesheets do.
import {
  BackEndError,
  type EntryFields,
  type EntryQuery,
  type EntriesPart,
  spansWithin,
  type TimeEntry,
  type TimerPart,
  TimerRunningError,
  type WorkSpan,
} from '../time-tracker.ts';
import { isUniqueViolation } from './database.ts';
import { ENTRY_SELECT, type EntryRow, type LocalSheet, type LocalTrackerOptions, MAX_SPAN_LOOKBACK_MS, toEntry } from './sheet.ts';

export class LocalTimesheets implements TimerPart, EntriesPart {
  readonly #sheet: LocalSheet;
  readonly #options: LocalTrackerOptions;

  constructor(sheet: LocalSheet, options: LocalTrackerOptions) {
    this.#sheet = sheet;
    this.#options = options;
  }

  async runningEntry(): Promise<TimeEntry | null> {
    return this.#sheet.read(() => this.#sheet.running());
  }

  async startTimer(
    fields: Omit<EntryFields, 'end' | 'start'> & { start?: number },
    switchRunning: boolean,
  ): Promise<{ started: TimeEntry; stopped: TimeEntry | null }> {
    try {
      return await this.#sheet.write(() => {
        this.#sheet.checkRefs(fields.projectId, fields.activityId);
        const running = this.#sheet.running();
        const start = fields.start ?? Math.max(this.#options.now(), running?.start ?? 0);
        let stopped: TimeEntry | null = null;
        if (running) {
          if (!switchRunning) throw new TimerRunningError(running);
          if (start < running.start) {
            throw new BackEndError('timer_starts_before_running');
          }
          this.#sheet.setEnd(running.id, start);
          stopped = this.#sheet.entry(running.id);
        }
        const id = this.#sheet.insertEntry({ ...fields, start, end: null });
        return { started: this.#sheet.entry(id), stopped };
      });
    } catch (error) {
      // Another process won the race between our check and our insert: the schema refused the
      // second running timer. Report it like the check would have.
      if (isUniqueViolation(error, 'time_entries_one_running')) {
        const running = await this.#sheet.read(() => this.#sheet.running());
        if (running) throw new TimerRunningError(running);
      }
      throw error;
    }
  }

  async stopTimer(end?: number, note?: string): Promise<TimeEntry> {
    return this.#sheet.write(() => {
      const running = this.#sheet.running();
      if (!running) throw new BackEndError('timer_not_running');
      const stopAt = end ?? Math.max(this.#options.now(), running.start);
      if (stopAt < running.start) throw new BackEndError('timer_ends_before_start');
      this.#sheet.setEnd(running.id, stopAt);
      if (note) {
        const description = running.description ? `${running.description}\n${note}` : note;
        this.#sheet.statement('UPDATE time_entries SET description = ? WHERE id = ?').run(description, running.id);
      }
      return this.#sheet.entry(running.id);
    });
  }

  async listEntries(query: EntryQuery): Promise<{ entries: TimeEntry[]; total: number }> {
    return this.#sheet.read(() => {
      const filter = `WHERE e.start_ms >= ? AND e.start_ms < ?${query.projectId === undefined ? '' : ' AND e.project_id = ?'}`;
      const params = query.projectId === undefined ? [query.from, query.to] : [query.from, query.to, query.projectId];
      const { total } = this.#sheet.statement(`SELECT count(*) AS total FROM time_entries e ${filter}`).get(...params) as {
        total: number;
      };
      const rows = this.#sheet
        .statement(`${ENTRY_SELECT} ${filter} ORDER BY e.start_ms, e.id LIMIT ? OFFSET ?`)
        .all(...params, query.limit, query.offset) as EntryRow[];
      return { entries: rows.map(toEntry), total };
    });
  }

  async getEntry(id: number): Promise<TimeEntry> {
    return this.#sheet.read(() => this.#sheet.entry(id));
  }

  async createEntry(fields: EntryFields & { end: number }): Promise<TimeEntry> {
    return this.#sheet.write(() => {
      this.#sheet.checkRefs(fields.projectId, fields.activityId);
      return this.#sheet.entry(this.#sheet.insertEntry(fields));
    });
  }

  async updateEntry(id: number, patch: Partial<EntryFields>): Promise<TimeEntry> {
    try {
      return await this.#sheet.write(() => {
        const current = this.#sheet.entry(id);
        const next: EntryFields = {
          start: patch.start ?? current.start,
          end: patch.end === undefined ? current.end : patch.end,
          projectId: patch.projectId === undefined ? (current.project?.id ?? null) : patch.projectId,
          activityId: patch.activityId === undefined ? (current.activity?.id ?? null) : patch.activityId,
          description: patch.description ?? current.description,
        };
        if (next.end !== null && next.end < next.start) {
          throw new BackEndError('entry_ends_before_start');
        }
        this.#sheet.checkRefs(next.projectId, next.activityId);
        this.#sheet
          .statement(
            `UPDATE time_entries SET start_ms = ?, end_ms = ?, project_id = ?, activity_id = ?, description = ?, updated_at = ?
             WHERE id = ?`,
          )
          .run(next.start, next.end, next.projectId, next.activityId, next.description, this.#options.now(), id);
        return this.#sheet.entry(id);
      });
    } catch (error) {
      if (isUniqueViolation(error, 'time_entries_one_running')) {
        throw new BackEndError('local_one_open_entry');
      }
      throw error;
    }
  }

  async deleteEntry(id: number): Promise<TimeEntry> {
    return this.#sheet.write(() => {
      const entry = this.#sheet.entry(id);
      this.#sheet.statement('DELETE FROM time_entries WHERE id = ?').run(id);
      return entry;
    });
  }

  async workSpans(from: number, to: number, now: number, projectId?: number): Promise<WorkSpan[]> {
    return this.#sheet.read(() => {
      // start_ms < to AND coalesce(end, now) > from: every entry that touches the range. The index on
      // start_ms bounds the scan; entries longer than a week are rare enough not to need their own.
      const rows = this.#sheet
        .statement(
          `${ENTRY_SELECT}
           WHERE e.start_ms < ? AND e.start_ms >= ? AND coalesce(e.end_ms, ?) > ?
           ${projectId === undefined ? '' : 'AND e.project_id = ?'}
           ORDER BY e.start_ms`,
        )
        .all(
          ...(projectId === undefined ? [to, from - MAX_SPAN_LOOKBACK_MS, now, from] : [to, from - MAX_SPAN_LOOKBACK_MS, now, from, projectId]),
        ) as EntryRow[];
      return spansWithin(rows.map(toEntry), from, to, now);
    });
  }

  async lastEntryEndingBetween(from: number, to: number): Promise<TimeEntry | null> {
    return this.#sheet.read(() => {
      const row = this.#sheet.statement(`${ENTRY_SELECT} WHERE e.end_ms > ? AND e.end_ms <= ? ORDER BY e.end_ms DESC LIMIT 1`).get(from, to) as
        | EntryRow
        | undefined;
      return row ? toEntry(row) : null;
    });
  }
}
