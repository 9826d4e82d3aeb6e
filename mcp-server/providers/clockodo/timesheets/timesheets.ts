// The timer and the time entries on Clockodo: the clock (/v2/clock, which stops a running entry when a
// new one starts), the person's own entries listed a page at a time, logged, changed and deleted, and
// the spans a report adds up. Every entry is the person's own, or refused in words: a manager's key
// could reach colleagues' entries, Punchcard never does. Lump sums are listed, never changed.
import { splitAgentPrefix, withAgentPrefix } from '../../../domain/agents.ts';
import { CellPart } from '../../grid/cell-part.ts';
import { allSettled } from '../../remote/cache.ts';
import { RecentReads } from '../../remote/recent-reads.ts';
import { allPages, pageWindow } from '../../remote/paging.ts';
import {
  type EntryFields,
  type EntryQuery,
  notYourEntry,
  BackEndError,
  SPAN_LOOKBACK_MS,
  spansWithin,
  type TimeEntry,
  TimerRunningError,
  type WorkSpan,
} from '../../time-tracker.ts';
import { ENTRY_PAGE, type QueryValue } from '../api.ts';
import { remoteRefusal } from '../../remote/remote-error.ts';
import type { ClockodoContext, ClockodoCatalogView } from '../context.ts';
import type { TimesheetsEndpoints } from './endpoints.ts';
import { ClockodoError } from '../errors.ts';
import { clockodoTime, instantOf, isLumpSum, NO_NAMES, toTimeEntry } from '../mapping.ts';
import type { ClockodoEntry } from '../wire.ts';

/** How far back clock_in looks for the entry to resume. */
const RESUME_LOOKBACK_DAYS = [7, 90];

/** What a new entry or timer books on. */
interface Booking {
  customerId: number;
  projectId: number | null;
  serviceId: number;
  text: string;
}

export class ClockodoTimesheets extends CellPart<ClockodoContext, TimesheetsEndpoints, { catalog: ClockodoCatalogView }> {
  /** What was read a moment ago (the running clock, entries by id), for what follows at once; a write on the clock forgets it. */
  readonly #recent = new RecentReads<ClockodoEntry>();

  async runningEntry(): Promise<TimeEntry | null> {
    const running = await this.#running(false);
    return running && this.#entry(running);
  }

  async startTimer(
    fields: Omit<EntryFields, 'end' | 'start'> & { start?: number },
    switchRunning: boolean,
  ): Promise<{ started: TimeEntry; stopped: TimeEntry | null }> {
    // What to book and whether a clock runs, asked together: the booking comes from the catalog,
    // which is usually cached, and the check is needed only to refuse or to stop at a past start.
    const needsCheck = !switchRunning || fields.start !== undefined;
    const booking: Promise<Booking> =
      fields.projectId === null && fields.activityId === null ? this.#resumeBooking(fields.description) : this.#namedBooking(fields);
    const [{ customerId, projectId, serviceId, text }, running] = await allSettled([booking, needsCheck ? this.#running(false) : Promise.resolve(null)]);
    if (running && !switchRunning) throw new TimerRunningError(await this.#entry(running));
    let stopped: TimeEntry | null = null;
    if (running && fields.start !== undefined) {
      // Clockodo stops the old clock when the new one starts, at the moment it starts; a past start
      // must end the old one there, first.
      if (fields.start < instantOf(running.time_since)) throw new BackEndError('timer_starts_before_running');
      stopped = await this.#stopClock(running, fields.start);
    }
    // No billable: Clockodo takes the project's or customer's default.
    const body: Record<string, unknown> = {
      customers_id: customerId,
      services_id: serviceId,
      ...(projectId === null ? {} : { projects_id: projectId }),
      ...(text ? { text } : {}),
      ...(fields.start === undefined ? {} : { time_since: clockodoTime(fields.start) }),
    };
    this.#recent.forget();
    const answer = await this.endpoints.startClock(body);
    if (!answer.running) throw new ClockodoError('wrong_service', remoteRefusal('clockodo_clock_start_unanswered', {}));
    const started = await this.#entry(answer.running);
    if (!stopped && answer.stopped) stopped = await this.#entry(answer.stopped);
    return { started, stopped };
  }

  async stopTimer(end?: number, note?: string): Promise<TimeEntry> {
    const running = await this.#running(true);
    if (!running) throw new BackEndError('timer_not_running');
    if (end !== undefined && end < instantOf(running.time_since)) throw new BackEndError('timer_ends_before_start');
    // The note goes onto the running entry first (Clockodo edits running entries too): if it is
    // refused, the timer still runs and nothing changed.
    if (note) {
      const text = running.text ? `${running.text}\n${note}` : note;
      await this.endpoints.changeEntry(running.id, { text }, 'add the note');
      return this.#stopClock({ ...running, text }, end);
    }
    return this.#stopClock(running, end);
  }

  async listEntries(query: EntryQuery): Promise<{ entries: TimeEntry[]; total: number }> {
    const filter = await this.#entryFilter(query.from, query.to, query.projectId);
    const { items, total } = await pageWindow(
      this.context.pager,
      { offset: query.offset, limit: query.limit, pageSize: Math.min(query.limit, ENTRY_PAGE) },
      (page, size) => this.endpoints.entryPage(filter, page, size),
    );
    const names = items.length > 0 ? await this.parts.catalog.names() : NO_NAMES;
    return { entries: items.map((entry) => toTimeEntry(entry, names)), total };
  }

  async getEntry(id: number): Promise<TimeEntry> {
    return this.#entry(await this.#ownEntry(id, 'read'));
  }

  async createEntry(fields: EntryFields & { end: number }): Promise<TimeEntry> {
    const booking = await this.#namedBooking(fields);
    const body = {
      customers_id: booking.customerId,
      services_id: booking.serviceId,
      ...(booking.projectId === null ? {} : { projects_id: booking.projectId }),
      billable: booking.billable,
      time_since: clockodoTime(fields.start),
      time_until: clockodoTime(fields.end),
      // Clockodo has no tags: an AI agent's own time carries its agent as a prefix of the text.
      ...(fields.agent ? { text: withAgentPrefix(fields.description, fields.agent) } : fields.description ? { text: fields.description } : {}),
    };
    return this.#entry(await this.endpoints.createEntry(body));
  }

  async updateEntry(id: number, patch: Partial<EntryFields>): Promise<TimeEntry> {
    const current = await this.#ownEntry(id, 'change');
    const body: Record<string, unknown> = {};
    if (patch.start !== undefined) body.time_since = clockodoTime(patch.start);
    if (patch.end !== undefined) body.time_until = patch.end === null ? null : clockodoTime(patch.end);
    // A new text keeps the agent's prefix: the label stays with the entry.
    if (patch.description !== undefined) {
      const { agent } = splitAgentPrefix(current.text ?? '');
      body.text = agent ? withAgentPrefix(patch.description, agent) : patch.description;
    }
    if (patch.activityId === null) throw new BackEndError('clockodo_entry_needs_service');
    if (patch.activityId !== undefined) {
      await this.parts.catalog.requireService(patch.activityId);
      body.services_id = patch.activityId;
    }
    if (patch.projectId === null) {
      if ((await this.context.me()).company?.allow_entries_for_customers !== true) throw new BackEndError('clockodo_entry_needs_project');
      body.projects_id = null;
    } else if (patch.projectId !== undefined) {
      const project = await this.parts.catalog.bookableProject(patch.projectId);
      body.projects_id = project.id;
      body.customers_id = project.customers_id;
    }
    if (Object.keys(body).length === 0) return this.#entry(current);
    const changed = await this.endpoints.changeEntry(id, body, `change time entry #${id}`);
    if (changed.time_until === null) this.#recent.forget();
    return this.#entry(changed);
  }

  async deleteEntry(id: number): Promise<TimeEntry> {
    const current = await this.#ownEntry(id, 'delete');
    const shown = await this.#entry(current);
    await this.endpoints.deleteEntry(id);
    if (current.time_until === null) this.#recent.forget();
    return shown;
  }

  async workSpans(from: number, to: number, now: number, projectId?: number): Promise<WorkSpan[]> {
    const entries = await this.#allEntries(await this.#entryFilter(from - SPAN_LOOKBACK_MS, to, projectId));
    // Names only where there is something to name (an empty week costs no catalog).
    const names = entries.length > 0 ? await this.parts.catalog.names() : NO_NAMES;
    return spansWithin(
      entries.filter((raw) => !isLumpSum(raw)).map((raw) => toTimeEntry(raw, names)),
      from,
      to,
      now,
    );
  }

  async lastEntryEndingBetween(from: number, to: number): Promise<TimeEntry | null> {
    const entries = (await this.#allEntries(await this.#entryFilter(from - SPAN_LOOKBACK_MS, to))).filter(
      (entry) => !isLumpSum(entry) && entry.time_until !== null,
    );
    let latest: ClockodoEntry | undefined;
    for (const entry of entries) {
      const end = instantOf(entry.time_until as string);
      if (end > from && end <= to && (!latest || end > instantOf(latest.time_until as string))) latest = entry;
    }
    return latest ? this.#entry(latest) : null;
  }

  #running(reuseRecent: boolean): Promise<ClockodoEntry | null> {
    return this.#recent.running(reuseRecent, async () => (await this.endpoints.clock()).running);
  }

  async #stopClock(running: ClockodoEntry, end?: number): Promise<TimeEntry> {
    this.#recent.forget();
    const answer = await this.endpoints.stopClock(running.id, end === undefined ? undefined : clockodoTime(end));
    return this.#entry(answer.stopped ?? { ...running, time_until: clockodoTime(end ?? this.context.options.now()) });
  }

  /** An entry of the person's, or a refusal in words: a manager's key could reach colleagues' entries, Punchcard never does. */
  async #ownEntry(id: number, verb: 'read' | 'change' | 'delete'): Promise<ClockodoEntry> {
    const [entry, userId] = await allSettled([
      this.#recent.entry(
        id,
        () =>
          this.endpoints.entry(id).catch((error: unknown) => {
            // Everyone may read their own entries: a refused one is a colleague's (Clockodo shuts a worker out of those itself).
            throw error instanceof ClockodoError && error.status === 403 ? notYourEntry(id) : error;
          }),
        verb,
      ),
      this.context.userId(),
    ]);
    if (entry.users_id !== userId) throw notYourEntry(id);
    if (verb !== 'read' && isLumpSum(entry)) throw new BackEndError('clockodo_lump_sum', { entry: id, verb });
    return entry;
  }

  async #entry(entry: ClockodoEntry): Promise<TimeEntry> {
    return toTimeEntry(entry, await this.parts.catalog.names(entry));
  }

  async #entryFilter(from: number, to: number, projectId?: number): Promise<Record<string, QueryValue>> {
    return {
      time_since: clockodoTime(from),
      // The last whole second before `to`: Clockodo's times have no milliseconds.
      time_until: clockodoTime(to - 1_000),
      'filter[users_id]': await this.context.userId(),
      ...(projectId === undefined ? {} : { 'filter[projects_id]': projectId }),
      enhanced_list: 'true',
    };
  }

  #allEntries(filter: Record<string, QueryValue>): Promise<ClockodoEntry[]> {
    return allPages(this.context.pager, (page) => this.endpoints.entryPage(filter, page, ENTRY_PAGE));
  }

  /**
   * The named project's customer, the project and the service, each bookable by the access maps; no
   * project named is refused, as Clockodo needs one (clock_in without names resumes instead).
   */
  async #namedBooking(fields: { projectId: number | null; activityId: number | null; description: string }): Promise<Booking & { billable: 0 | 1 }> {
    if (fields.projectId === null) {
      throw new BackEndError('clockodo_project_needed', { examples: await this.parts.catalog.projectExamples(6) });
    }
    const [project, serviceId] = await allSettled([this.parts.catalog.bookableProject(fields.projectId), this.parts.catalog.serviceFor(fields.activityId)]);
    return {
      customerId: project.customers_id,
      projectId: project.id,
      serviceId,
      text: fields.description,
      billable: project.billable_default === false ? 0 : 1,
    };
  }

  /** The last entry's customer, project and service, looking back a week, then a quarter. */
  async #resumeBooking(description: string): Promise<Booking> {
    const now = this.context.options.now();
    for (const days of RESUME_LOOKBACK_DAYS) {
      // Up to a minute ahead: an entry begun this very second is the last one too.
      const entries = (await this.#allEntries(await this.#entryFilter(now - days * 86_400_000, now + 60_000))).filter(
        (entry) => !isLumpSum(entry) && entry.services_id,
      );
      const last = entries.sort((a, b) => b.time_since.localeCompare(a.time_since))[0];
      if (!last) continue;
      // An agent's text carries its label (domain/agents.ts): resumed, the person's timer would be the agent's. Its project and service go on, not its words.
      const words = splitAgentPrefix(last.text ?? '').agent === undefined ? (last.text ?? '') : '';
      return { customerId: last.customers_id, projectId: last.projects_id, serviceId: last.services_id as number, text: description || words };
    }
    throw new BackEndError('clockodo_nothing_to_resume', { examples: await this.parts.catalog.projectExamples(8) });
  }
}
