// The timer and the time entries on Clockify: the person's running entry (one at most), started,
// switched and stopped; their entries listed by range across pages, logged, replaced and deleted; and
// the spans a report adds up. Every entry is the person's own, or refused in words before anything is
// written: an admin's key could reach colleagues' entries, Punchcard never does. Breaks and the
// holiday and time-off entries Clockify makes are not work: they are neither listed nor counted.
import { agentOfTags, agentTag } from '../../../domain/agents.ts';
import { CellPart } from '../../grid/cell-part.ts';
import { allSettled, Expiring } from '../../remote/cache.ts';
import { RecentReads } from '../../remote/recent-reads.ts';
import { pagesUntilLast } from '../../remote/paging.ts';
import { remoteRefusal } from '../../remote/remote-error.ts';
import {
  type EntryFields,
  type EntryQuery,
  notYourEntry,
  BackEndError,
  causeOf,
  SPAN_LOOKBACK_MS,
  spansWithin,
  type TimeEntry,
  TimerRunningError,
  type WorkSpan,
} from '../../time-tracker.ts';
import type { Booking, ClockifyCatalogView, ClockifyContext, ClockifyFieldsView } from '../context.ts';
import type { TimesheetsEndpoints } from './endpoints.ts';
import { ClockifyError } from '../errors.ts';
import { bodyOf, clockifyTime, entryEnd, entryJson, entryStart, isWork, toTimeEntry, withFieldWrites, withNote } from '../mapping.ts';
import type { ClockifyTimeEntry } from '../wire.ts';
import { type EntryTarget, type FieldWrite, choiceWords, requiredFieldsFor } from '../../../domain/entry-fields.ts';

/** Clockify's words when it refuses a write over its custom fields (GUESS: not documented; the fake's words follow the reference's project refusal). */
const FIELD_WORDS = /custom field|required field/i;
/**
 * Clockify may read a listing's start and end in the person's profile zone whatever offset they carry
 * (docs/back-ends/clockify.md): listings ask with a margin of the widest offset and are cut to the range here.
 */
const FILTER_MARGIN_MS = 14 * 3_600_000;
/**
 * The recent days one listing serves: the app's status refresh asks for the timer's week, today, the
 * week's report and the last 30 days, and the four are one request when asked within a moment.
 */
const RECENT_DAYS_BEFORE = 40;
const RECENT_DAYS_AFTER = 9;
const DAY_MS = 86_400_000;
/** How long the workspace's agent tags are known without asking again. */
const AGENT_TAGS_REUSE_MS = 60_000;

export class ClockifyTimesheets extends CellPart<ClockifyContext, TimesheetsEndpoints, { catalog: ClockifyCatalogView; fields: ClockifyFieldsView }> {
  /** What was read a moment ago (the running entry, listings, entries by number), for what follows at once; a write forgets it. */
  readonly #recent = new RecentReads<ClockifyTimeEntry>();
  /**
   * The agents of the workspace's `ai-<agent>` tags by tag id (entries name tags by id only), read when
   * an entry carries a tag and kept a while: another's new agent tag shows within that long.
   */
  readonly #agentTags = new Expiring<Map<string, string>>(AGENT_TAGS_REUSE_MS);
  /** Agent tags this process found or made, by id: a tag's id never changes, so these need no asking again. */
  readonly #knownAgentTags = new Map<string, string>();

  async runningEntry(): Promise<TimeEntry | null> {
    const running = await this.#currentRunning(true);
    return running && this.#entry(running);
  }

  async startTimer(
    fields: Omit<EntryFields, 'end' | 'start'> & { start?: number },
    switchRunning: boolean,
  ): Promise<{ started: TimeEntry; stopped: TimeEntry | null }> {
    const [booking, running] = await allSettled([this.#booking(fields), this.#currentRunning(false)]);
    if (running && !switchRunning) throw new TimerRunningError(await this.#entry(running));
    const start = fields.start ?? this.context.options.now();
    let stopped: TimeEntry | null = null;
    if (running) {
      if (start < entryStart(running)) throw new BackEndError('timer_starts_before_running');
      // One running entry per person: the old one ends where the new one starts, before the new one is made.
      stopped = await this.#stop(running, start);
    }
    const { workspaceId } = await this.context.ids();
    this.#recent.forget();
    const body = entryJson(
      withFieldWrites(
        {
          start,
          end: null,
          projectId: booking.projectId,
          taskId: booking.taskId,
          description: fields.description,
          billable: booking.billable,
          tagIds: [],
          customFields: [],
        },
        fields.customFields,
      ),
    );
    const created = await this.#heldFields(fields, () => this.endpoints.createEntry(workspaceId, body, 'start the timer'));
    return { started: await this.#entry(created), stopped };
  }

  async stopTimer(end?: number, note?: string, fields?: readonly FieldWrite[]): Promise<TimeEntry> {
    const running = await this.#currentRunning(true);
    if (!running) throw new BackEndError('timer_not_running');
    const at = end ?? this.context.options.now();
    if (at < entryStart(running)) throw new BackEndError('timer_ends_before_start');
    const refs = () => this.#numbered(running.projectId ?? null, running.taskId ?? null);
    if (!note && (!fields || fields.length === 0)) {
      return this.#heldFields(refs, () => this.#stop(running, at), 'keeps_running');
    }
    // The note, the fields and the end in one replacement of the running entry, which keeps its other values:
    // refused, the timer still runs as it was.
    const { workspaceId } = await this.context.ids();
    const number = await this.context.number('entry', running.id);
    const body = entryJson(withFieldWrites({ ...bodyOf(running), end: at, description: withNote(running.description ?? '', note) }, fields));
    this.#recent.forget();
    const action = note ? 'add the note and stop the timer' : 'set the fields and stop the timer';
    return this.#entry(
      namedAs(await this.#heldFields(refs, () => this.endpoints.replaceEntry(workspaceId, running.id, number, body, action), 'keeps_running'), running),
    );
  }

  /** An entry's project and task by Punchcard's numbers. */
  async #numbered(projectId: string | null, taskId: string | null): Promise<Pick<EntryTarget, 'projectId' | 'activityId'>> {
    return {
      projectId: projectId ? await this.context.number('project', projectId) : null,
      activityId: taskId ? await this.context.number('task', taskId) : null,
    };
  }

  /**
   * A write Clockify refused (400) over its custom fields, said as the tools say a missing field (fields_required),
   * with the fields read afresh; any other refusal as Clockify said it.
   */
  async #heldFields<T>(
    where: Pick<EntryTarget, 'projectId' | 'activityId'> | (() => Promise<Pick<EntryTarget, 'projectId' | 'activityId'>>),
    send: () => Promise<T>,
    timer?: 'keeps_running',
  ): Promise<T> {
    try {
      return await send();
    } catch (error) {
      if (!(error instanceof ClockifyError) || error.status !== 400 || !FIELD_WORDS.test(error.message)) throw error;
      this.parts.fields.forget();
      const target = typeof where === 'function' ? await where() : where;
      const definitions = await this.parts.fields.definitions(target.projectId).catch(() => []);
      const missing = requiredFieldsFor(definitions, { ...target, customerId: null }, false);
      if (missing.length === 0) throw error;
      const choices = Object.fromEntries(missing.filter((field) => field.choices).map((field) => [field.name, choiceWords(field)]));
      throw new BackEndError('fields_required', {
        back_end: 'Clockify',
        missing: missing.map((field) => field.name),
        choices,
        ...(timer ? { timer } : {}),
      });
    }
  }

  async listEntries(query: EntryQuery): Promise<{ entries: TimeEntry[]; total: number }> {
    const all = (await this.#entriesBetween(query.from, query.to, query.projectId))
      .filter((entry) => isWork(entry) && entryStart(entry) >= query.from && entryStart(entry) < query.to)
      .sort((a, b) => entryStart(a) - entryStart(b));
    return { entries: await this.#entries(all.slice(query.offset, query.offset + query.limit)), total: all.length };
  }

  async getEntry(number: number): Promise<TimeEntry> {
    return this.#entry(await this.#ownEntry(number, 'read'));
  }

  async createEntry(fields: EntryFields & { end: number }): Promise<TimeEntry> {
    const [booking, { workspaceId }] = await allSettled([this.#booking(fields), this.context.ids()]);
    // An agent's own time carries its tag, found or made in the workspace (entries name tags by id).
    const tag = fields.agent ? await this.#agentTag(workspaceId, fields.agent) : undefined;
    const body = entryJson(
      withFieldWrites(
        {
          start: fields.start,
          end: fields.end,
          projectId: booking.projectId,
          taskId: booking.taskId,
          description: fields.description,
          billable: booking.billable,
          tagIds: tag ? [tag] : [],
          customFields: [],
        },
        fields.customFields,
      ),
    );
    this.#recent.forgetListings();
    return this.#entry(await this.#heldFields(fields, () => this.endpoints.createEntry(workspaceId, body, 'log the time')));
  }

  /** The id of the tag `ai-<agent>`, made where the workspace has none (or refused in words where it may not be). */
  async #agentTag(workspaceId: string, agent: string): Promise<string> {
    const name = agentTag(agent);
    const known = (await this.endpoints.tags(workspaceId, name, true)).find((tag) => tag.name === name);
    const tag =
      known ??
      (await this.endpoints.createTag(workspaceId, name).catch((error: unknown) => {
        if (error instanceof ClockifyError && (error.status === 403 || error.status === 400)) {
          throw new BackEndError('clockify_agent_tag_refused', { tag: name, cause: causeOf(error) });
        }
        throw error;
      }));
    this.#knownAgentTags.set(tag.id, agent);
    return tag.id;
  }

  /** Each entry's agent, by its tags' names (hydrated) or its tag ids among the workspace's agent tags. */
  async #agentsOf(entries: readonly ClockifyTimeEntry[]): Promise<Array<string | undefined>> {
    const known = (entry: ClockifyTimeEntry) => (entry.tagIds ?? []).map((id) => this.#knownAgentTags.get(id)).find((agent) => agent !== undefined);
    const byName = entries.map(
      (entry) => agentOfTags((entry.tags ?? []).map((tag) => tag?.name).filter((name): name is string => typeof name === 'string')) ?? known(entry),
    );
    if (!entries.some((entry, index) => byName[index] === undefined && (entry.tagIds ?? []).length > 0)) return byName;
    const tags = await this.#agentTags.get(async () => {
      const { workspaceId } = await this.context.ids();
      const found = await this.endpoints.tags(workspaceId, 'ai-', false);
      return new Map(
        found
          .flatMap((tag) => (typeof tag?.id === 'string' && typeof tag.name === 'string' ? [[tag.id, agentOfTags([tag.name])] as const] : []))
          .filter((pair): pair is [string, string] => pair[1] !== undefined),
      );
    });
    return entries.map((entry, index) => byName[index] ?? (entry.tagIds ?? []).map((id) => tags.get(id)).find((agent) => agent !== undefined));
  }

  async updateEntry(number: number, patch: Partial<EntryFields>): Promise<TimeEntry> {
    const current = await this.#ownEntry(number, 'change');
    // A replacement sends every value the entry keeps: the fields not named stay as they are.
    const body = withFieldWrites(bodyOf(current), patch.customFields);
    if (patch.start !== undefined) body.start = patch.start;
    if (patch.end !== undefined) body.end = patch.end;
    if (patch.description !== undefined) body.description = patch.description;
    if (patch.projectId !== undefined || patch.activityId !== undefined) {
      const [refs] = await this.parts.catalog.refs([current]);
      const projectNumber = patch.projectId === undefined ? (refs?.project?.id ?? null) : patch.projectId;
      // A task belongs to its project: a new project without a task named drops the old one.
      const taskNumber = patch.activityId !== undefined ? patch.activityId : patch.projectId === undefined ? (refs?.task?.id ?? null) : null;
      const booking = await this.#booking({ projectId: projectNumber, activityId: taskNumber, description: body.description });
      const projectChanged = booking.projectId !== body.projectId;
      Object.assign(body, { projectId: booking.projectId, taskId: booking.taskId, ...(projectChanged ? { billable: booking.billable } : {}) });
    }
    // Only times the change names are checked: an entry clocked in and out within one second keeps its equal times,
    // and its note or project must stay changeable.
    const timesChanged = patch.start !== undefined || patch.end !== undefined;
    if (timesChanged && body.end !== null && body.end <= body.start) throw new BackEndError('entry_ends_before_start');
    const { workspaceId } = await this.context.ids();
    this.#recent.forget();
    const where = () => this.#numbered(body.projectId, body.taskId);
    const replaced = await this.#heldFields(where, () =>
      this.endpoints.replaceEntry(workspaceId, current.id, number, entryJson(body), `change time entry #${number}`),
    );
    return this.#entry(namedAs(replaced, current));
  }

  async deleteEntry(number: number): Promise<TimeEntry> {
    const current = await this.#ownEntry(number, 'delete');
    const shown = await this.#entry(current);
    const { workspaceId } = await this.context.ids();
    this.#recent.forget();
    await this.endpoints.deleteEntry(workspaceId, current.id, number);
    return shown;
  }

  async workSpans(from: number, to: number, now: number, projectId?: number): Promise<WorkSpan[]> {
    const listed = (await this.#entriesBetween(from - SPAN_LOOKBACK_MS, to, projectId)).filter(isWork);
    // A running entry may be missing from a listing of entries by their times; a range that holds now asks for it too.
    const running = from <= now && now < to ? await this.#currentRunning(true) : null;
    const projectRemote = projectId === undefined ? undefined : await this.context.aliases.remote('project', projectId);
    const all =
      running && !listed.some((entry) => entry.id === running.id) && (projectRemote === undefined || running.projectId === projectRemote)
        ? [...listed, running]
        : listed;
    return spansWithin(await this.#entries(all), from, to, now);
  }

  async lastEntryEndingBetween(from: number, to: number): Promise<TimeEntry | null> {
    let latest: ClockifyTimeEntry | undefined;
    for (const entry of (await this.#entriesBetween(from - SPAN_LOOKBACK_MS, to)).filter(isWork)) {
      const end = entryEnd(entry);
      if (end !== null && end > from && end <= to && (!latest || end > (entryEnd(latest) as number))) latest = entry;
    }
    return latest ? this.#entry(latest) : null;
  }

  /** The running entry; `reuseRecent` takes the answer of a moment ago, a start asks afresh. */
  #currentRunning(reuseRecent: boolean): Promise<ClockifyTimeEntry | null> {
    return this.#recent.running(reuseRecent, async () => {
      const { workspaceId, userId } = await this.context.ids();
      return (await this.endpoints.runningEntries(workspaceId, userId)).find((entry) => entryEnd(entry) === null) ?? null;
    });
  }

  async #stop(running: ClockifyTimeEntry, end: number): Promise<TimeEntry> {
    const { workspaceId, userId } = await this.context.ids();
    this.#recent.forget();
    const stopped = await this.endpoints.stopRunning(workspaceId, userId, clockifyTime(end));
    return this.#entry(stopped && stopped.id ? namedAs(stopped, running) : { ...running, timeInterval: { ...running.timeInterval, end: clockifyTime(end) } });
  }

  /**
   * The person's entries listed between two instants (Clockify's filter, with the margin), page after
   * page; a range within the recent days is served by one listing of those days. Callers cut to their range.
   */
  async #entriesBetween(from: number, to: number, projectNumber?: number): Promise<ClockifyTimeEntry[]> {
    const today = Math.floor(this.context.options.now() / DAY_MS) * DAY_MS;
    const recent = { from: today - RECENT_DAYS_BEFORE * DAY_MS, to: today + RECENT_DAYS_AFTER * DAY_MS };
    if (projectNumber === undefined && from >= recent.from && to <= recent.to) return this.#listing(recent.from, recent.to);
    return this.#listing(from, to, projectNumber);
  }

  async #listing(from: number, to: number, projectNumber?: number): Promise<ClockifyTimeEntry[]> {
    const project =
      projectNumber === undefined
        ? undefined
        : await this.context.remote('project', projectNumber, 'clockify_record_unknown', { record: 'project', id: projectNumber, see: 'list_catalog' });
    const { workspaceId, userId } = await this.context.ids();
    const filter = { start: clockifyTime(from - FILTER_MARGIN_MS), end: clockifyTime(to + FILTER_MARGIN_MS), ...(project ? { project } : {}) };
    return this.#recent.listing(`${filter.start} ${filter.end} ${project ?? ''}`, () =>
      pagesUntilLast((page) => this.endpoints.entriesPage(workspaceId, userId, filter, page)),
    );
  }

  /**
   * An entry of the person's, or a refusal in words; to change or delete, also one of their work
   * entries that Clockify has not locked.
   */
  async #ownEntry(number: number, verb: 'read' | 'change' | 'delete'): Promise<ClockifyTimeEntry> {
    const remote = await this.context.remote('entry', number, 'clockify_number_unknown', { record: 'time_entry', id: number });
    const { workspaceId, userId } = await this.context.ids();
    const entry = await this.#recent.entry(
      number,
      () =>
        this.endpoints.entry(workspaceId, remote, number).catch((error: unknown) => {
          // Everyone may read their own entries: a refused one is a colleague's.
          throw error instanceof ClockifyError && error.status === 403 ? notYourEntry(number) : error;
        }),
      verb,
    );
    if (entry.userId !== userId) throw notYourEntry(number);
    if (verb === 'read') return entry;
    if (!isWork(entry)) throw new BackEndError('clockify_entry_not_work', { entry: number, type: String(entry.type), verb });
    if (entry.isLocked) throw new BackEndError('clockify_entry_locked', { entry: number, verb });
    return entry;
  }

  /** What a new entry books on, checked against the catalog and the workspace's required fields. */
  async #booking(fields: { projectId: number | null; activityId: number | null; description: string }): Promise<Booking> {
    const [booking, workspace] = await allSettled([this.parts.catalog.booking(fields.projectId, fields.activityId), this.context.workspace()]);
    if (workspace.requires.has('project') && booking.projectId === null) {
      throw new BackEndError('clockify_project_required', { examples: await this.parts.catalog.projectExamples(6) });
    }
    if (workspace.requires.has('task') && booking.taskId === null) throw new BackEndError('clockify_task_required');
    if (workspace.requires.has('description') && fields.description.trim() === '') throw new BackEndError('clockify_description_required');
    return booking;
  }

  async #entry(entry: ClockifyTimeEntry): Promise<TimeEntry> {
    return (await this.#entries([entry]))[0] as TimeEntry;
  }

  async #entries(entries: readonly ClockifyTimeEntry[]): Promise<TimeEntry[]> {
    if (entries.some((entry) => typeof entry?.id !== 'string' || !entry.timeInterval))
      throw new ClockifyError('wrong_service', remoteRefusal('clockify_entry_incomplete', {}));
    const [numbers, refs, agents] = await allSettled([
      this.context.numbers(
        'entry',
        entries.map((entry) => entry.id),
      ),
      this.parts.catalog.refs(entries),
      this.#agentsOf(entries),
    ]);
    return entries.map((entry, index) =>
      toTimeEntry(entry, { number: numbers[index] as number, ...(refs[index] as { project: null; task: null }) }, agents[index]),
    );
  }
}

/**
 * An answer that is not hydrated (a stop, a replacement) with the names of the entry as read before,
 * where it is still on the same project and task: naming it then costs no catalog.
 */
function namedAs(answer: ClockifyTimeEntry, before: ClockifyTimeEntry): ClockifyTimeEntry {
  const project = answer.project ?? (answer.projectId === before.projectId ? before.project : undefined);
  const task = answer.task ?? (answer.taskId === before.taskId ? before.task : undefined);
  return { ...answer, ...(project ? { project } : {}), ...(task ? { task } : {}) };
}
