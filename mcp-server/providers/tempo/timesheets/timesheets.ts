// The timer and the worklogs on Tempo Timesheets (docs/back-ends/tempo.md, "The timer", "Worklogs"). Tempo's API has
// no timer: Punchcard's own is kept in the data folder (timer-file.ts), starts and switches without a request, and
// books one worklog when it stops; where the booking fails the timer runs on as it was, and a booking whose answer was
// lost is looked for before it is sent again. Worklogs are the person's alone: always listed by their accountId, and
// one read by its number is checked to be theirs before anything is sent. Days and times are the wall clock of the
// person's zone. A change re-sends the whole worklog (Tempo's PUT replaces it): its issue, day, time, length,
// description, billable seconds and every attribute it keeps. Issues are named through the catalog (kept per process).
import { splitAgentPrefix, withAgentPrefix } from '../../../domain/agents.ts';
import { addDays, localDate } from '../../../domain/time.ts';
import { CellPart } from '../../grid/cell-part.ts';
import { cellCode } from '../../grid/cell.ts';
import { allSettled } from '../../remote/cache.ts';
import { RecentReads } from '../../remote/recent-reads.ts';
import { RemoteError, remoteRefusal } from '../../remote/remote-error.ts';
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
import type { FieldWrite } from '../../../domain/entry-fields.ts';
import type { TempoAttributesView, TempoCatalogView, TempoContext, TempoGrid, TempoIssue } from '../context.ts';
import { TempoError } from '../errors.ts';
import { clockTime, isOwn, secondsBetween, toTimeEntry, wallClock, worklogSpan } from '../mapping.ts';
import { isTimerNumber, type KeptAttribute, timerNumber, type TimerRecord } from '../timer-file.ts';
import type { TempoWorklog, TempoWorklogInput } from '../wire.ts';
import { timesheetsEndpoints, type TimesheetsEndpoints } from './endpoints.ts';

/** The recent days one listing serves: the timer's day, the week, the month's report and the last 30 days are one request. */
const RECENT_DAYS_BEFORE = 40;
const RECENT_DAYS_AFTER = 9;

export class TempoTimesheets extends CellPart<TempoContext, TimesheetsEndpoints, { catalog: TempoCatalogView; entryFields: TempoAttributesView }> {
  /** What was read a moment ago (listings, worklogs by number), for what follows at once; a write forgets it. */
  readonly #recent = new RecentReads<TempoWorklog>();

  async runningEntry(): Promise<TimeEntry | null> {
    const timer = await this.#running();
    return timer && timerEntry(timer);
  }

  /** The running timer as the data folder keeps it now; its issue known to the catalog from then on (no search to name it). */
  async #running(): Promise<TimerRecord | null> {
    const timer = await this.context.timers.read();
    if (timer) this.parts.catalog.know({ id: timer.issueId, key: timer.issueKey, summary: timer.summary, project: timer.project, done: false });
    return timer;
  }

  /** Starts Punchcard's own timer: nothing goes to Tempo, but a switch books the running one first (its one worklog). */
  async startTimer(
    fields: Omit<EntryFields, 'end' | 'start'> & { start?: number },
    switchRunning: boolean,
  ): Promise<{ started: TimeEntry; stopped: TimeEntry | null }> {
    const now = this.context.options.now();
    const running = await this.#running();
    if (running && !switchRunning) throw new TimerRunningError(timerEntry(running));
    const start = Math.min(fields.start ?? now, now);
    if (running && start < running.start) throw new BackEndError('timer_starts_before_running');
    // Tempo books every worklog on an issue: a timer without one resumes the issue of the last worklog.
    const issue = fields.projectId === null ? await this.#lastIssue() : await this.parts.catalog.issueById(fields.projectId);
    // The old timer's worklog first: where Tempo refuses it, it runs on and no new one starts.
    const stopped = running ? await this.#book(running, start) : null;
    const timer: TimerRecord = {
      number: Math.max(timerNumber(start), running ? running.number + 1 : 0),
      start,
      issueId: issue.id,
      issueKey: issue.key,
      summary: issue.summary,
      project: issue.project,
      description: fields.description,
      ...(fields.agent ? { agent: fields.agent } : {}),
      attributes: (fields.customFields ?? []).map((write) => ({ key: write.id, name: write.name, value: write.value })),
    };
    this.context.timers.write(timer);
    return { started: timerEntry(timer), stopped };
  }

  async stopTimer(end?: number, note?: string, fields?: readonly FieldWrite[]): Promise<TimeEntry> {
    const timer = await this.#running();
    if (!timer) throw new BackEndError('timer_not_running');
    const now = this.context.options.now();
    const at = Math.min(end ?? now, now);
    if (at < timer.start) throw new BackEndError('timer_ends_before_start');
    return this.#book({ ...timer, attributes: withWrites(timer.attributes, fields) }, at, note);
  }

  async listEntries(query: EntryQuery): Promise<{ entries: TimeEntry[]; total: number }> {
    const [zone, timer] = await allSettled([this.context.zone(), this.#running()]);
    const booked = await this.#entriesOf(await this.#worklogsBetween(query.from, query.to), zone);
    const running = timer ? [timerEntry(timer)] : [];
    const all = [...booked, ...running]
      .filter((entry) => entry.start >= query.from && entry.start < query.to && (query.projectId === undefined || entry.project?.id === query.projectId))
      .sort((a, b) => a.start - b.start || a.id - b.id);
    return { entries: all.slice(query.offset, query.offset + query.limit), total: all.length };
  }

  async getEntry(id: number): Promise<TimeEntry> {
    if (isTimerNumber(id)) return timerEntry(await this.#timer(id));
    const worklog = await this.#ownWorklog(id, 'read');
    return this.#entryOf(worklog);
  }

  async createEntry(fields: EntryFields & { end: number }): Promise<TimeEntry> {
    if (fields.projectId === null) throw new BackEndError('tempo_issue_needed');
    const [issue, accountId, zone, attributes] = await allSettled([
      this.parts.catalog.issueById(fields.projectId),
      this.context.accountId(),
      this.context.zone(),
      this.parts.entryFields.toSend(fields.customFields),
    ]);
    const description = fields.agent ? withAgentPrefix(fields.description, fields.agent) : fields.description;
    const input = worklogInput({ accountId, issueId: issue.id, start: fields.start, end: fields.end, zone, description, attributes });
    this.#recent.forget();
    return this.#entryOf(await this.endpoints.createWorklog(input, 'book the worklog'));
  }

  async updateEntry(id: number, patch: Partial<EntryFields>): Promise<TimeEntry> {
    if (isTimerNumber(id)) return this.#updateTimer(await this.#timer(id), patch);
    const current = await this.#ownWorklog(id, 'change');
    const zone = await this.context.zone();
    const span = worklogSpan(current, zone);
    const start = patch.start ?? span.start;
    // A worklog has a length, never a running end: an end left out (or none) keeps the length it had.
    const end = typeof patch.end === 'number' ? patch.end : start + (span.end - span.start);
    if (end <= start) throw new BackEndError('entry_ends_before_start');
    if (patch.projectId === null) throw new BackEndError('tempo_issue_needed');
    const issueId = patch.projectId ?? current.issue?.id;
    if (typeof issueId !== 'number')
      throw new TempoError('wrong_service', remoteRefusal('tempo_unreadable', { service: 'Tempo', what: `worklog #${id} without its issue` }));
    const issue = await this.parts.catalog.issueById(issueId);
    const { agent } = splitAgentPrefix(current.description ?? '');
    // A change keeps the agent's mark the worklog has (only record_agent_time sets one).
    const description = patch.description === undefined ? (current.description ?? '') : agent ? withAgentPrefix(patch.description, agent) : patch.description;
    const kept = (current.attributes?.values ?? []).filter(
      (item): item is { key: string; value: string } => typeof item?.key === 'string' && typeof item.value === 'string',
    );
    const attributes = await this.parts.entryFields.toSend(patch.customFields, kept);
    const timeChanged = patch.start !== undefined || patch.end !== undefined;
    const input = worklogInput({
      accountId: await this.context.accountId(),
      issueId: issue.id,
      start,
      end,
      zone,
      description,
      attributes,
      // A worklog kept without a start time stays so where the change gives it none.
      withoutTime: !timeChanged && span.span === 'day',
      billable: billableAfter(current, secondsBetween(start, end)),
    });
    this.#recent.forget();
    return this.#entryOf(await this.endpoints.replaceWorklog(id, input));
  }

  async deleteEntry(id: number): Promise<TimeEntry> {
    if (isTimerNumber(id)) {
      // The timer is Punchcard's own: deleting it discards it, and nothing was ever sent.
      const timer = await this.#timer(id);
      await this.context.timers.clear(timer.number);
      return timerEntry(timer);
    }
    const current = await this.#ownWorklog(id, 'delete');
    const shown = await this.#entryOf(current);
    this.#recent.forget();
    await this.endpoints.deleteWorklog(id);
    return shown;
  }

  async workSpans(from: number, to: number, now: number, projectId?: number): Promise<WorkSpan[]> {
    const [zone, timer] = await allSettled([this.context.zone(), this.#running()]);
    const entries = [...(await this.#entriesOf(await this.#worklogsBetween(from - SPAN_LOOKBACK_MS, to), zone)), ...(timer ? [timerEntry(timer)] : [])];
    return spansWithin(
      entries.filter((entry) => projectId === undefined || entry.project?.id === projectId),
      from,
      to,
      now,
    );
  }

  async lastEntryEndingBetween(from: number, to: number): Promise<TimeEntry | null> {
    const zone = await this.context.zone();
    let latest: TempoWorklog | null = null;
    let latestEnd = 0;
    for (const worklog of await this.#worklogsBetween(from - SPAN_LOOKBACK_MS, to)) {
      const { end } = worklogSpan(worklog, zone);
      if (end > from && end <= to && end > latestEnd) [latest, latestEnd] = [worklog, end];
    }
    return latest && this.#entryOf(latest);
  }

  /**
   * Books the timer as one worklog ending at `end` and clears it. Marked before it is sent, so that a booking whose
   * answer was lost (the connection cut, no answer in time) is found among the day's worklogs before it is sent again;
   * a booking Tempo refused leaves the timer as it was, running.
   */
  async #book(timer: TimerRecord, end: number, note?: string): Promise<TimeEntry> {
    const [accountId, zone] = await allSettled([this.context.accountId(), this.context.zone()]);
    const words = note ? (timer.description ? `${timer.description}\n${note}` : note) : timer.description;
    const description = timer.agent ? withAgentPrefix(words, timer.agent) : words;
    const attributes = await this.parts.entryFields.toSend(timer.attributes.map((item) => ({ id: item.key, name: item.name, value: item.value })));
    const input = worklogInput({ accountId, issueId: timer.issueId, start: timer.start, end, zone, description, attributes });
    if (timer.booking !== undefined) {
      const found = await this.#alreadyBooked(accountId, input);
      if (found) return this.#booked(timer, found);
    }
    this.context.timers.write({ ...timer, booking: this.context.options.now() });
    let worklog: TempoWorklog;
    try {
      worklog = await this.endpoints.createWorklog(input, 'book the timer as a worklog (the timer runs on until it is booked)');
    } catch (error) {
      // Refused: nothing was booked, and the timer runs on as it was. Cut off or unanswered, it may have been: the mark stays.
      if (!mayHaveBeenBooked(error)) {
        const { booking: _booking, ...unmarked } = timer;
        this.context.timers.write(unmarked);
      }
      throw error;
    }
    return this.#booked(timer, worklog);
  }

  async #booked(timer: TimerRecord, worklog: TempoWorklog): Promise<TimeEntry> {
    await this.context.timers.clear(timer.number);
    this.#recent.forget();
    return this.#entryOf(worklog);
  }

  /** The worklog a booking whose answer was lost made, where Tempo has it: the person's, on the issue, at the day, time and length sent. */
  async #alreadyBooked(accountId: string, input: TempoWorklogInput): Promise<TempoWorklog | undefined> {
    const day = await this.endpoints.worklogsOf(accountId, input.startDate, input.startDate, 'look for the worklog the timer booked');
    return day.find(
      (worklog) =>
        worklog.issue?.id === input.issueId && clockTime(worklog.startTime) === input.startTime && worklog.timeSpentSeconds === input.timeSpentSeconds,
    );
  }

  /** Changes the running timer: nothing goes to Tempo, but an end books it (as a clock-out would). */
  async #updateTimer(timer: TimerRecord, patch: Partial<EntryFields>): Promise<TimeEntry> {
    if (patch.projectId === null) throw new BackEndError('tempo_issue_needed');
    const issue: TempoIssue | undefined = patch.projectId === undefined ? undefined : await this.parts.catalog.issueById(patch.projectId);
    // The tools keep a start out of the future (update_time_entry's own check).
    const start = Math.min(patch.start ?? timer.start, this.context.options.now());
    const changed: TimerRecord = {
      ...timer,
      start,
      ...(issue ? { issueId: issue.id, issueKey: issue.key, summary: issue.summary, project: issue.project } : {}),
      ...(patch.description === undefined ? {} : { description: patch.description }),
      attributes: withWrites(timer.attributes, patch.customFields),
    };
    if (typeof patch.end === 'number') {
      if (patch.end <= start) throw new BackEndError('entry_ends_before_start');
      return this.#book(changed, patch.end);
    }
    this.context.timers.write(changed);
    return timerEntry(changed);
  }

  /** The running timer numbered `id`, or a refusal as for any record that is not there. */
  async #timer(id: number): Promise<TimerRecord> {
    const timer = await this.#running();
    if (!timer || timer.number !== id) throw new BackEndError('remote_record_missing', { service: 'Tempo', record: 'time entry', id, any_more: true });
    return timer;
  }

  /** The issue of the person's latest worklog of the recent weeks; refused in words where there is none. */
  async #lastIssue(): Promise<TempoIssue> {
    const now = this.context.options.now();
    const zone = await this.context.zone();
    const latest = (await this.#worklogsBetween(now - RECENT_DAYS_BEFORE * 86_400_000, now))
      .filter((worklog) => typeof worklog.issue?.id === 'number')
      .sort((a, b) => worklogSpan(b, zone).start - worklogSpan(a, zone).start || b.tempoWorklogId - a.tempoWorklogId)[0];
    if (!latest) throw new BackEndError('tempo_issue_needed');
    return this.parts.catalog.issueById(latest.issue?.id as number);
  }

  /** The person's worklogs on the days a range of instants touches; a range within the recent days is one listing of those. */
  async #worklogsBetween(from: number, to: number): Promise<TempoWorklog[]> {
    const [zone, accountId] = await allSettled([this.context.zone(), this.context.accountId()]);
    const today = localDate(this.context.options.now(), zone);
    const recent = { from: addDays(today, -RECENT_DAYS_BEFORE), to: addDays(today, RECENT_DAYS_AFTER) };
    // A day either side: a worklog is kept by the day it started on the person's wall clock.
    const days = { from: addDays(localDate(from, zone), -1), to: addDays(localDate(Math.max(from, to - 1), zone), 1) };
    const window = days.from >= recent.from && days.to <= recent.to ? recent : days;
    return this.#recent.listing(`${window.from} ${window.to}`, async () =>
      (await this.endpoints.worklogsOf(accountId, window.from, window.to)).filter((worklog) => isOwn(worklog, accountId)),
    );
  }

  /** A worklog of the person's by its number, or a refusal in words before anything else is sent. */
  async #ownWorklog(id: number, verb: 'read' | 'change' | 'delete'): Promise<TempoWorklog> {
    const [worklog, accountId] = await allSettled([
      this.#recent.entry(
        id,
        () =>
          this.endpoints.worklog(id).catch((error: unknown) => {
            // A token that may not read a colleague's worklog is refused (403): it is not the person's.
            throw error instanceof RemoteError && error.status === 403 ? notYourEntry(id) : error;
          }),
        verb,
      ),
      this.context.accountId(),
    ]);
    if (!isOwn(worklog, accountId)) throw notYourEntry(id);
    return worklog;
  }

  /** Worklogs as entries: their issues named in one search where not known yet, their attributes by name. */
  async #entriesOf(worklogs: readonly TempoWorklog[], zone: string): Promise<TimeEntry[]> {
    const readable = worklogs.filter((worklog) => typeof worklog?.tempoWorklogId === 'number' && typeof worklog.startDate === 'string');
    const issues = await this.parts.catalog.issuesById([
      ...new Set(readable.flatMap((worklog) => (typeof worklog.issue?.id === 'number' ? [worklog.issue.id] : []))),
    ]);
    return Promise.all(
      readable.map(async (worklog) => {
        const issueId = worklog.issue?.id ?? 0;
        const issue = issues.get(issueId) ?? (await this.parts.catalog.issueById(issueId));
        return toTimeEntry(worklog, issue, zone, await this.parts.entryFields.readings(worklog.attributes?.values));
      }),
    );
  }

  async #entryOf(worklog: TempoWorklog): Promise<TimeEntry> {
    if (typeof worklog?.tempoWorklogId !== 'number' || typeof worklog.startDate !== 'string') {
      throw new TempoError('wrong_service', remoteRefusal('tempo_unreadable', { service: 'Tempo', what: 'a worklog without its number or day' }));
    }
    return (await this.#entriesOf([worklog], await this.context.zone()))[0] as TimeEntry;
  }
}

/** The running timer as an entry: its number, its issue by summary, its note, and the attributes it will be booked with. */
export function timerEntry(timer: TimerRecord): TimeEntry {
  return {
    id: timer.number,
    start: timer.start,
    end: null,
    project: { id: timer.issueId, name: timer.summary },
    activity: null,
    description: timer.description,
    ...(timer.agent ? { agent: timer.agent } : {}),
    ...(timer.attributes.length > 0 ? { fields: timer.attributes.map((item) => ({ id: item.key, name: item.name, value: item.value })) } : {}),
  };
}

/** The timer's attributes with a call's values laid over: a value given replaces, an empty one clears. */
function withWrites(kept: readonly KeptAttribute[], writes: readonly FieldWrite[] | undefined): KeptAttribute[] {
  const merged = new Map(kept.map((item) => [item.key, item]));
  for (const write of writes ?? []) {
    if (write.value === null || write.value === '') merged.delete(write.id);
    else merged.set(write.id, { key: write.id, name: write.name, value: write.value });
  }
  return [...merged.values()];
}

/** The whole of a worklog as Tempo takes it: the author, the issue, the day and time on the person's wall clock, the seconds, the rest. */
export function worklogInput(what: {
  accountId: string;
  issueId: number;
  start: number;
  end: number;
  zone: string;
  description: string;
  attributes: Array<{ key: string; value: string }>;
  withoutTime?: boolean;
  billable?: number | undefined;
}): TempoWorklogInput {
  const { startDate, startTime } = wallClock(what.start, what.zone);
  return {
    authorAccountId: what.accountId,
    issueId: what.issueId,
    startDate,
    ...(what.withoutTime ? {} : { startTime }),
    timeSpentSeconds: secondsBetween(what.start, what.end),
    ...(what.billable === undefined ? {} : { billableSeconds: what.billable }),
    description: what.description,
    attributes: what.attributes,
  };
}

/**
 * A changed worklog's billable seconds: all of it where all of it was billable, else as they were (no more than its
 * length); left out where Tempo kept none, as a new worklog's are.
 */
function billableAfter(current: TempoWorklog, seconds: number): number | undefined {
  const billable = current.billableSeconds;
  if (typeof billable !== 'number') return undefined;
  return billable === current.timeSpentSeconds ? seconds : Math.min(billable, seconds);
}

/** A failure after which the worklog may have been booked all the same: the connection cut, no answer in time, a gateway's. */
function mayHaveBeenBooked(error: unknown): boolean {
  if (!(error instanceof RemoteError)) return false;
  return error.failure === 'timeout' || error.failure === 'unreachable' || (error.failure === 'server_error' && [502, 503, 504].includes(error.status ?? 0));
}

/** The cell as the composition takes it, loaded with the tracker (index.ts lists it). */
export const code = cellCode<TempoGrid, TimesheetsEndpoints>({
  endpoints: timesheetsEndpoints,
  parts: (context, endpoints, built) => {
    const timesheets = new TempoTimesheets(context, endpoints, { catalog: built.part('catalog'), entryFields: built.part('entryFields') });
    return { timer: timesheets, entries: timesheets };
  },
});
