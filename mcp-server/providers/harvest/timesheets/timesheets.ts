// The timer and the time entries on Harvest: the person's running entry (Harvest's own timer), started, switched
// and stopped with Harvest's own stop and restart; their entries listed by day across pages, logged, changed and
// deleted; and the spans a report adds up. Both kinds of Harvest account (the company's wants_timestamp_timers):
// durations (`hours` on a day; a timer restarts today's entry of the same project, task and notes) and start and end
// times (`started_time`/`ended_time` on the person's wall clock in their Harvest zone). Every list names the person;
// every entry read by number is checked to be theirs, and one Harvest locked (approved or invoiced) is refused in
// words with Harvest's reason before anything is sent.
import { withAgentPrefix, splitAgentPrefix } from '../../../domain/agents.ts';
import { addDays, localDate } from '../../../domain/time.ts';
import { CellPart } from '../../grid/cell-part.ts';
import { cellCode } from '../../grid/cell.ts';
import { allSettled } from '../../remote/cache.ts';
import { RecentReads } from '../../remote/recent-reads.ts';
import {
  BackEndError,
  type EntryFields,
  type EntryQuery,
  notYourEntry,
  SPAN_LOOKBACK_MS,
  spansWithin,
  type TimeEntry,
  TimerRunningError,
  type WorkSpan,
} from '../../time-tracker.ts';
import type { HarvestCatalogView, HarvestContext, HarvestGrid } from '../context.ts';
import { HarvestError } from '../errors.ts';
import { entrySpan, harvestTime, hoursOf, timestampSpan, toTimeEntry, type TrackingKind } from '../mapping.ts';
import type { HarvestTimeEntry } from '../wire.ts';
import { timesheetsEndpoints, type TimesheetsEndpoints } from './endpoints.ts';

/** The recent days one listing serves: the timer's week, today, the week's report and the last 30 days are one request. */
const RECENT_DAYS_BEFORE = 40;
const RECENT_DAYS_AFTER = 9;
/** An end this close to now is Harvest's own stop: Harvest ends the entry when it stops it. */
const NOW_SLACK_MS = 60_000;

export class HarvestTimesheets extends CellPart<HarvestContext, TimesheetsEndpoints, { catalog: HarvestCatalogView }> {
  /** What was read a moment ago (the running entry, listings, entries by id), for what follows at once; a write forgets it. */
  readonly #recent = new RecentReads<HarvestTimeEntry>();

  async runningEntry(): Promise<TimeEntry | null> {
    const running = await this.#currentRunning(true);
    return running && this.#entry(running);
  }

  async startTimer(
    fields: Omit<EntryFields, 'end' | 'start'> & { start?: number },
    switchRunning: boolean,
  ): Promise<{ started: TimeEntry; stopped: TimeEntry | null }> {
    const now = this.context.options.now();
    const [kind, zone, userId] = await allSettled([this.context.tracking(), this.context.zone(), this.context.userId()]);
    const today = localDate(now, zone);
    // One listing says both whether a timer runs (since yesterday) and which of today's entries a timer may restart.
    this.#recent.forgetListings();
    const [recent, named] = await allSettled([
      this.endpoints.entries({ user_id: userId, from: addDays(today, -1), to: today }, 'read the running timer'),
      fields.projectId === null && fields.activityId === null ? Promise.resolve(undefined) : this.parts.catalog.booking(fields.projectId, fields.activityId),
    ]);
    // Harvest books every entry on a project and a task: a timer without them resumes the last booking.
    const booking = named ?? (await this.#lastBooking(recent));
    const running = recent.find((entry) => entry.is_running) ?? null;
    if (running && !switchRunning) throw new TimerRunningError(await this.#entry(running));
    let start = Math.min(fields.start ?? now, now);
    let stopped: TimeEntry | null = null;
    if (running) {
      const runningStart = entrySpan(running, zone, now).start;
      // A start now is never refused because this computer's clock is a moment behind Harvest's, which started the running one.
      if (fields.start === undefined) start = Math.max(start, runningStart);
      else if (start < runningStart) throw new BackEndError('timer_starts_before_running');
      // One timer per person: the old one ends where the new one starts, before the new one is made.
      stopped = await this.#stopAt(running, start, zone);
    }
    const notes = fields.agent ? withAgentPrefix(fields.description, fields.agent) : fields.description;
    this.#recent.forget();
    const started = await this.#startOn(
      kind,
      zone,
      { ...booking, notes, start, now, today },
      running ? recent.filter((entry) => entry.id !== running.id) : recent,
    );
    return { started: await this.#entry(started), stopped };
  }

  /** The project and task of the person's latest entry (of the last two days, else of the recent weeks), checked as still bookable. */
  async #lastBooking(recent: readonly HarvestTimeEntry[]): Promise<{ projectId: number; taskId: number }> {
    const latest = (entries: readonly HarvestTimeEntry[]) =>
      entries.filter((entry) => entry.project && entry.task).sort((a, b) => b.spent_date.localeCompare(a.spent_date) || b.id - a.id)[0];
    const now = this.context.options.now();
    const last = latest(recent) ?? latest(await this.#entriesBetween(now - RECENT_DAYS_BEFORE * 86_400_000, now));
    return this.parts.catalog.booking(last?.project?.id ?? null, last?.task?.id ?? null);
  }

  /**
   * A timer on Harvest. Start and end times: a new entry from `start` without an end. Durations: Harvest's restart of
   * today's entry with the same project, task and notes where the timer starts now, else a new entry that runs (for a
   * start in the past, made with the hours since then and restarted, so the time before counts). Not known (`either`):
   * as on start and end times, a new entry without hours or an end, which runs on either kind of account (from `start`
   * where it keeps times, from now where it keeps durations).
   */
  async #startOn(
    kind: TrackingKind,
    zone: string,
    what: { projectId: number; taskId: number; notes: string; start: number; now: number; today: string },
    today: readonly HarvestTimeEntry[],
  ): Promise<HarvestTimeEntry> {
    const base = { project_id: what.projectId, task_id: what.taskId, notes: what.notes };
    if (kind !== 'durations') {
      return this.endpoints.createEntry({ ...base, spent_date: localDate(what.start, zone), started_time: harvestTime(what.start, zone) }, 'start the timer');
    }
    const startsNow = what.now - what.start < NOW_SLACK_MS;
    const same = today.find(
      (entry) =>
        entry.spent_date === what.today &&
        !entry.is_running &&
        !entry.is_locked &&
        entry.project?.id === what.projectId &&
        entry.task?.id === what.taskId &&
        (entry.notes ?? '') === what.notes,
    );
    if (startsNow && same) return this.endpoints.restart(same.id);
    if (startsNow) return this.endpoints.createEntry({ ...base, spent_date: what.today }, 'start the timer');
    const logged = await this.endpoints.createEntry(
      { ...base, spent_date: localDate(what.start, zone), hours: hoursOf(what.now - what.start) },
      'start the timer',
    );
    return this.endpoints.restart(logged.id);
  }

  async stopTimer(end?: number, note?: string): Promise<TimeEntry> {
    const running = await this.#currentRunning(true);
    if (!running) throw new BackEndError('timer_not_running');
    const zone = await this.context.zone();
    const now = this.context.options.now();
    const at = Math.min(end ?? now, now);
    // A stop now is Harvest's own, at Harvest's time: a clock here a moment behind Harvest's never refuses it.
    if (end !== undefined && at < entrySpan(running, zone, now).start) throw new BackEndError('timer_ends_before_start');
    this.#recent.forget();
    return this.#stopAt(running, at, zone, note);
  }

  /**
   * Harvest's own stop; an end before now, and a note, then set on the stopped entry in one change (how the account
   * keeps time is asked only for an end before now: a stop now needs no more).
   */
  async #stopAt(running: HarvestTimeEntry, at: number, zone: string, note?: string): Promise<TimeEntry> {
    const now = this.context.options.now();
    const stopped = await this.endpoints.stop(running.id);
    const body: Record<string, unknown> = {};
    if (now - at >= NOW_SLACK_MS) {
      // The stopped entry's own times say the account keeps them where how it keeps time is not known.
      if ((await this.context.tracking()) !== 'durations' && stopped.started_time) body.ended_time = harvestTime(at, zone);
      else body.hours = hoursOf(at - entrySpan(running, zone, now).start);
    }
    if (note) body.notes = withNote(running.notes ?? '', note);
    const final =
      Object.keys(body).length === 0
        ? stopped
        : await this.endpoints.updateEntry(running.id, body, note ? 'add the note to the stopped timer' : 'set when the timer ended');
    return this.#entry(final ?? stopped);
  }

  async listEntries(query: EntryQuery): Promise<{ entries: TimeEntry[]; total: number }> {
    const zone = await this.context.zone();
    const now = this.context.options.now();
    const all = (await this.#entriesBetween(query.from, query.to, query.projectId))
      .map((entry) => toTimeEntry(entry, zone, now))
      .filter((entry) => entry.start >= query.from && entry.start < query.to)
      .sort((a, b) => a.start - b.start || a.id - b.id);
    return { entries: all.slice(query.offset, query.offset + query.limit), total: all.length };
  }

  async getEntry(id: number): Promise<TimeEntry> {
    return this.#entry(await this.#ownEntry(id, 'read'));
  }

  async createEntry(fields: EntryFields & { end: number }): Promise<TimeEntry> {
    const [booking, kind, zone] = await allSettled([
      this.parts.catalog.booking(fields.projectId, fields.activityId),
      this.context.tracking(),
      this.context.zone(),
    ]);
    const notes = fields.agent ? withAgentPrefix(fields.description, fields.agent) : fields.description;
    const body = { project_id: booking.projectId, task_id: booking.taskId, notes, ...spanBody(kind, fields.start, fields.end, zone) };
    this.#recent.forget();
    return this.#entry(await this.endpoints.createEntry(body, 'log the time'));
  }

  async updateEntry(id: number, patch: Partial<EntryFields>): Promise<TimeEntry> {
    const current = await this.#ownEntry(id, 'change');
    const [kind, zone] = await allSettled([this.context.tracking(), this.context.zone()]);
    const now = this.context.options.now();
    const span = entrySpan(current, zone, now);
    const body: Record<string, unknown> = {};
    if (patch.description !== undefined) {
      // A change keeps the agent's mark the entry has (only record_agent_time sets one).
      const { agent } = splitAgentPrefix(current.notes ?? '');
      body.notes = agent ? withAgentPrefix(patch.description, agent) : patch.description;
    }
    if (patch.projectId !== undefined || patch.activityId !== undefined) {
      const projectId = patch.projectId === undefined ? (current.project?.id ?? null) : patch.projectId;
      // A task is booked on its project: a new project without a task named takes that project's only one.
      const taskId = patch.activityId !== undefined ? patch.activityId : patch.projectId === undefined ? (current.task?.id ?? null) : null;
      const booking = await this.parts.catalog.booking(projectId, taskId);
      Object.assign(body, { project_id: booking.projectId, task_id: booking.taskId });
    }
    if (patch.start !== undefined || patch.end !== undefined) {
      const start = patch.start ?? span.start;
      const end = patch.end !== undefined ? patch.end : span.end === null ? null : patch.start !== undefined ? patch.start + (span.end - span.start) : span.end;
      if (end !== null && end <= start) throw new BackEndError('entry_ends_before_start');
      if (end === null) {
        if (kind !== 'durations') Object.assign(body, { spent_date: localDate(start, zone), started_time: harvestTime(start, zone) });
        else body.spent_date = localDate(start, zone);
      } else Object.assign(body, spanBody(kind, start, end, zone));
    }
    this.#recent.forget();
    return this.#entry(await this.endpoints.updateEntry(id, body, `change time entry #${id}`));
  }

  async deleteEntry(id: number): Promise<TimeEntry> {
    const current = await this.#ownEntry(id, 'delete');
    const shown = await this.#entry(current);
    this.#recent.forget();
    await this.endpoints.deleteEntry(id);
    return shown;
  }

  async workSpans(from: number, to: number, now: number, projectId?: number): Promise<WorkSpan[]> {
    const zone = await this.context.zone();
    const entries = (await this.#entriesBetween(from - SPAN_LOOKBACK_MS, to, projectId)).map((entry) => toTimeEntry(entry, zone, now));
    return spansWithin(entries, from, to, now);
  }

  async lastEntryEndingBetween(from: number, to: number): Promise<TimeEntry | null> {
    const zone = await this.context.zone();
    const now = this.context.options.now();
    let latest: TimeEntry | null = null;
    for (const entry of (await this.#entriesBetween(from - SPAN_LOOKBACK_MS, to)).map((item) => toTimeEntry(item, zone, now))) {
      if (entry.end !== null && entry.end > from && entry.end <= to && (!latest || entry.end > (latest.end as number))) latest = entry;
    }
    return latest;
  }

  /** The running entry (any day's); `reuseRecent` takes the answer of a moment ago. */
  #currentRunning(reuseRecent: boolean): Promise<HarvestTimeEntry | null> {
    return this.#recent.running(reuseRecent, async () => {
      const userId = await this.context.userId();
      return (await this.endpoints.entries({ user_id: userId, is_running: true }, 'read the running timer')).find((entry) => entry.is_running) ?? null;
    });
  }

  /** The person's entries on the days a range of instants touches, page after page; a range within the recent days is one listing of those. */
  async #entriesBetween(from: number, to: number, projectId?: number): Promise<HarvestTimeEntry[]> {
    const [zone, userId] = await allSettled([this.context.zone(), this.context.userId()]);
    const today = localDate(this.context.options.now(), zone);
    const recent = { from: addDays(today, -RECENT_DAYS_BEFORE), to: addDays(today, RECENT_DAYS_AFTER) };
    // A day either side: an entry is kept by the day it started on the person's wall clock.
    const days = { from: addDays(localDate(from, zone), -1), to: addDays(localDate(Math.max(from, to - 1), zone), 1) };
    const window = projectId === undefined && days.from >= recent.from && days.to <= recent.to ? recent : days;
    const filter = { user_id: userId, from: window.from, to: window.to, ...(projectId === undefined ? {} : { project_id: projectId }) };
    return this.#recent.listing(`${filter.from} ${filter.to} ${projectId ?? ''}`, () => this.endpoints.entries(filter));
  }

  /** An entry of the person's, or a refusal in words; to change or delete, also one Harvest has not locked. */
  async #ownEntry(id: number, verb: 'read' | 'change' | 'delete'): Promise<HarvestTimeEntry> {
    const [entry, userId] = await allSettled([
      this.#recent.entry(
        id,
        () =>
          this.endpoints.entry(id).catch((error: unknown) => {
            // A member may read their own entries: a refused one is a colleague's.
            throw error instanceof HarvestError && error.status === 403 ? notYourEntry(id) : error;
          }),
        verb,
      ),
      this.context.userId(),
    ]);
    if (entry?.user?.id !== userId) throw notYourEntry(id);
    if (verb !== 'read' && entry.is_locked) throw new BackEndError('harvest_entry_locked', { entry: id, verb, reason: entry.locked_reason?.trim() || null });
    return entry;
  }

  async #entry(entry: HarvestTimeEntry): Promise<TimeEntry> {
    if (typeof entry?.id !== 'number' || typeof entry.spent_date !== 'string') {
      throw new HarvestError('wrong_service', { code: 'harvest_unreadable', facts: { what: 'a time entry without its id or day' } });
    }
    return toTimeEntry(entry, await this.context.zone(), this.context.options.now());
  }
}

/** What a span is sent as: its day and times on a timestamp account (refused across midnight), its day and hours on a duration one. */
function spanBody(kind: TrackingKind, start: number, end: number, zone: string): Record<string, unknown> {
  if (kind === 'durations') return { spent_date: localDate(start, zone), hours: hoursOf(end - start) };
  const span = timestampSpan(start, end, zone);
  if (span === 'over_midnight') throw new BackEndError('harvest_span_over_midnight');
  // Not known: the hours too, which a duration account keeps (and a span without them it would take for a timer).
  return kind === 'either' ? { ...span, hours: hoursOf(end - start) } : span;
}

function withNote(notes: string, note: string): string {
  return notes ? `${notes}\n${note}` : note;
}

/** The cell as the composition takes it, loaded with the tracker (index.ts lists it). */
export const code = cellCode<HarvestGrid, TimesheetsEndpoints>({
  endpoints: timesheetsEndpoints,
  parts: (context, endpoints, built) => {
    const timesheets = new HarvestTimesheets(context, endpoints, { catalog: built.part('catalog') });
    return { timer: timesheets, entries: timesheets };
  },
});
