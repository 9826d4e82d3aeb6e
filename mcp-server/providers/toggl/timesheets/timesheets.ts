// The timer and the time entries on Toggl Track (docs/back-ends/toggl.md, "Time entries"): the person's entries of the
// configured workspace only, read from /me/time_entries (their own, every workspace's, selected by start; the ones of
// other workspaces left out). One listing of the recent weeks serves the running entry, today, the week and the last
// thirty days: a running entry's time comes from its start (its duration is negative), and Toggl keeps no entry longer
// than 999 hours, so the running one is inside it. Writes go to the workspace, checked first against what it requires
// on every entry and its lock of older entries, said in words with nothing sent. The billable flag is the project's.
import { agentTag } from '../../../domain/agents.ts';
import { localDate } from '../../../domain/time.ts';
import { CellPart } from '../../grid/cell-part.ts';
import { cellCode } from '../../grid/cell.ts';
import { RecentReads } from '../../remote/recent-reads.ts';
import {
  BackEndError,
  causeOf,
  type EntryFields,
  type EntryQuery,
  notYourEntry,
  SPAN_LOOKBACK_MS,
  spansWithin,
  type TimeEntry,
  TimerRunningError,
  type WorkSpan,
} from '../../time-tracker.ts';
import type { Booking, TogglCatalogView, TogglContext, TogglGrid } from '../context.ts';
import { TogglError, unreadable } from '../errors.ts';
import {
  entryEnd,
  entryStart,
  isKept,
  projectOfEntry,
  taskOfEntry,
  togglTime,
  toTimeEntry,
  userOfEntry,
  withNote,
  workspaceOfEntry,
  type Workspace,
} from '../mapping.ts';
import type { TogglTimeEntry } from '../wire.ts';
import { timesheetsEndpoints, type TimesheetsEndpoints } from './endpoints.ts';

const DAY_MS = 86_400_000;
/**
 * The recent weeks one listing serves: 42 days back holds the longest entry Toggl keeps (999 hours) and the last 30
 * days; 8 days ahead holds the rest of this week in any zone (its Sunday ends at most seven days and fourteen hours
 * after today's UTC midnight), so the app's poll (the timer, today, the week, the last 30 days) costs one request.
 */
const RECENT_DAYS_BEFORE = 42;
const RECENT_DAYS_AFTER = 8;

export class TogglTimesheets extends CellPart<TogglContext, TimesheetsEndpoints, { catalog: TogglCatalogView }> {
  /**
   * What was read a moment ago, for what follows at once (clock_out reads the running entry, then stops it;
   * update_time_entry shows an entry, then changes it): the listings, where the running entry is found too, and entries
   * by id. A write forgets it.
   */
  readonly #recent = new RecentReads<TogglTimeEntry>();

  async runningEntry(): Promise<TimeEntry | null> {
    const running = await this.#running(true);
    return running && this.#entry(running);
  }

  async startTimer(
    fields: Omit<EntryFields, 'end' | 'start'> & { start?: number },
    switchRunning: boolean,
  ): Promise<{ started: TimeEntry; stopped: TimeEntry | null }> {
    const start = fields.start ?? this.context.options.now();
    const [booking, workspace] = await this.#checked({ ...fields, start }, 'start');
    const running = await this.#running(false);
    if (running && !switchRunning) throw new TimerRunningError(await this.#entry(running));
    let stopped: TimeEntry | null = null;
    if (running) {
      if (start < entryStart(running)) throw new BackEndError('timer_starts_before_running');
      // One running entry per person: the old one ends where the new one starts, before the new one is made.
      stopped = await this.#stop(running, fields.start === undefined ? undefined : start);
    }
    this.#recent.forget();
    const body = { ...bookingBody(booking), description: fields.description, start: togglTime(start), duration: -1, ...tagsOf(fields.agent) };
    const created = await this.#agentTagged(fields.agent, () => this.endpoints.create(workspace.id, body, 'start the timer'));
    return { started: await this.#entry(created), stopped };
  }

  async stopTimer(end?: number, note?: string): Promise<TimeEntry> {
    const running = await this.#running(true);
    if (!running) throw new BackEndError('timer_not_running');
    if (end !== undefined && end < entryStart(running)) throw new BackEndError('timer_ends_before_start');
    if (!note) return this.#stop(running, end);
    const workspaceId = await this.context.workspaceId();
    const at = end ?? this.context.options.now();
    this.#recent.forget();
    const body = { ...endBody(entryStart(running), at), description: withNote(running.description ?? '', note) };
    return this.#entry(namedAs(await this.endpoints.update(workspaceId, running.id, body, 'add the note and stop the timer'), running));
  }

  async listEntries(query: EntryQuery): Promise<{ entries: TimeEntry[]; total: number }> {
    const all = (await this.#entriesBetween(query.from, query.to))
      .filter((entry) => entryStart(entry) >= query.from && entryStart(entry) < query.to)
      .filter((entry) => query.projectId === undefined || projectOfEntry(entry) === query.projectId)
      .sort((a, b) => entryStart(a) - entryStart(b));
    return { entries: await this.#entries(all.slice(query.offset, query.offset + query.limit)), total: all.length };
  }

  async getEntry(id: number): Promise<TimeEntry> {
    return this.#entry(await this.#ownEntry(id));
  }

  async createEntry(fields: EntryFields & { end: number }): Promise<TimeEntry> {
    const [booking, workspace] = await this.#checked(fields, 'log');
    if (fields.end <= fields.start) throw new BackEndError('entry_ends_before_start');
    this.#recent.forget();
    const body = {
      ...bookingBody(booking),
      description: fields.description,
      start: togglTime(fields.start),
      ...endBody(fields.start, fields.end),
      ...tagsOf(fields.agent),
    };
    return this.#entry(await this.#agentTagged(fields.agent, () => this.endpoints.create(workspace.id, body, 'log the time')));
  }

  async updateEntry(id: number, patch: Partial<EntryFields>): Promise<TimeEntry> {
    const current = await this.#ownEntry(id);
    const workspace = await this.context.workspace();
    const start = patch.start ?? entryStart(current);
    const end = patch.end === undefined ? entryEnd(current) : patch.end;
    await this.#unlocked(Math.min(start, entryStart(current)), 'change');
    // Only times the change names are checked (an entry started and stopped within one second keeps equal times).
    if ((patch.start !== undefined || patch.end !== undefined) && end !== null && end <= start) throw new BackEndError('entry_ends_before_start');
    const body: Record<string, unknown> = {};
    if (patch.description !== undefined) body.description = patch.description;
    if (patch.start !== undefined || patch.end !== undefined) {
      body.start = togglTime(start);
      // Stop and duration must agree where both go; a running entry keeps running.
      Object.assign(body, end === null ? {} : endBody(start, end));
    }
    const projectId = patch.projectId === undefined ? projectOfEntry(current) : patch.projectId;
    // A task belongs to its project: a new project without a task named drops the old one.
    const taskId = patch.activityId !== undefined ? patch.activityId : patch.projectId === undefined ? taskOfEntry(current) : null;
    if (patch.projectId !== undefined || patch.activityId !== undefined) {
      const booking = await this.parts.catalog.booking(projectId, taskId);
      Object.assign(body, bookingBody(booking));
    }
    const description = patch.description ?? current.description ?? '';
    await this.#required(workspace, { projectId, taskId, description, tagged: (current.tags ?? []).length > 0 });
    this.#recent.forget();
    return this.#entry(namedAs(await this.endpoints.update(workspace.id, id, body, `change time entry #${id}`), current));
  }

  async deleteEntry(id: number): Promise<TimeEntry> {
    const current = await this.#ownEntry(id);
    const workspace = await this.context.workspace();
    await this.#unlocked(entryStart(current), 'delete');
    const shown = await this.#entry(current);
    this.#recent.forget();
    await this.endpoints.remove(workspace.id, id);
    return shown;
  }

  async workSpans(from: number, to: number, now: number, projectId?: number): Promise<WorkSpan[]> {
    const listed = (await this.#entriesBetween(from - SPAN_LOOKBACK_MS, to)).filter((entry) => projectId === undefined || projectOfEntry(entry) === projectId);
    return spansWithin(await this.#entries(listed), from, to, now);
  }

  async lastEntryEndingBetween(from: number, to: number): Promise<TimeEntry | null> {
    let latest: TogglTimeEntry | undefined;
    for (const entry of await this.#entriesBetween(from - SPAN_LOOKBACK_MS, to)) {
      const end = entryEnd(entry);
      if (end !== null && end > from && end <= to && (!latest || end > (entryEnd(latest) as number))) latest = entry;
    }
    return latest ? this.#entry(latest) : null;
  }

  /** The person's running entry in the workspace, from the recent listing; `reuseRecent` takes the listing of a moment ago, a start asks afresh. */
  async #running(reuseRecent: boolean): Promise<TogglTimeEntry | null> {
    if (!reuseRecent) this.#recent.forget();
    const now = this.context.options.now();
    return (await this.#entriesBetween(now - DAY_MS, now + DAY_MS)).find((entry) => entryEnd(entry) === null) ?? null;
  }

  /** Stops the running entry: at Toggl's now by its own stop, or at `end` by changing it (a time given, or a switch at a new start). */
  async #stop(running: TogglTimeEntry, end: number | undefined): Promise<TimeEntry> {
    const workspaceId = await this.context.workspaceId();
    this.#recent.forget();
    const stopped =
      end === undefined
        ? await this.endpoints.stop(workspaceId, running.id)
        : await this.endpoints.update(workspaceId, running.id, endBody(entryStart(running), end), 'stop the timer');
    return this.#entry(namedAs(stopped, running));
  }

  /**
   * The person's entries of the workspace whose start lies in [from, to), as Toggl lists them; a range inside the recent
   * weeks is served by one listing of them. Callers cut to their range.
   */
  async #entriesBetween(from: number, to: number): Promise<TogglTimeEntry[]> {
    const today = Math.floor(this.context.options.now() / DAY_MS) * DAY_MS;
    const recent = { from: today - RECENT_DAYS_BEFORE * DAY_MS, to: today + RECENT_DAYS_AFTER * DAY_MS };
    const range = from >= recent.from && to <= recent.to ? recent : { from, to };
    const [start, end] = [togglTime(range.from), togglTime(range.to)];
    const [workspaceId, listed] = await Promise.all([
      this.context.workspaceId(),
      this.#recent.listing(`${start} ${end}`, async () => (await this.endpoints.entries(start, end)) ?? []),
    ]);
    if (!Array.isArray(listed)) throw unreadable('a list of time entries that is not a list');
    return listed.filter((entry) => isKept(entry) && workspaceOfEntry(entry) === workspaceId);
  }

  /** An entry of the person's in the workspace, or a refusal in words (another's, another workspace's, gone). */
  async #ownEntry(id: number): Promise<TogglTimeEntry> {
    const [entry, person, workspaceId] = await Promise.all([
      this.#recent.entry(id, () =>
        this.endpoints.entry(id).catch((error: unknown) => {
          // Everyone may read their own entries: a refused one is a colleague's.
          throw error instanceof TogglError && error.status === 403 ? notYourEntry(id) : error;
        }),
      ),
      this.context.person(),
      this.context.workspaceId(),
    ]);
    if (!entry || typeof entry.id !== 'number') throw unreadable('a time entry without its id');
    const owner = userOfEntry(entry);
    if (owner !== undefined && owner !== person.id) throw notYourEntry(id);
    if (workspaceOfEntry(entry) !== workspaceId) throw new BackEndError('toggl_entry_elsewhere', { entry: id });
    return entry;
  }

  /** What a new entry books on, with the workspace's required fields and its lock checked: nothing is sent otherwise. */
  async #checked(
    fields: { projectId: number | null; activityId: number | null; description: string; agent?: string; start: number },
    verb: 'log' | 'start',
  ): Promise<[Booking, Workspace]> {
    const [booking, workspace] = await Promise.all([this.parts.catalog.booking(fields.projectId, fields.activityId), this.context.workspace()]);
    await this.#required(workspace, {
      projectId: booking.projectId,
      taskId: booking.taskId,
      description: fields.description,
      tagged: fields.agent !== undefined,
    });
    await this.#unlocked(fields.start, verb);
    return [booking, workspace];
  }

  async #required(workspace: Workspace, entry: { projectId: number | null; taskId: number | null; description: string; tagged: boolean }): Promise<void> {
    const { requires } = workspace;
    if (requires.has('project') && entry.projectId === null) {
      throw new BackEndError('toggl_required', { missing: 'project', examples: await this.parts.catalog.projectExamples(6) });
    }
    if (requires.has('task') && entry.taskId === null) throw new BackEndError('toggl_required', { missing: 'task', examples: [] });
    if (requires.has('description') && entry.description.trim() === '') throw new BackEndError('toggl_required', { missing: 'description', examples: [] });
    if (requires.has('tag') && !entry.tagged) throw new BackEndError('toggl_required', { missing: 'tag', examples: [] });
  }

  async #unlocked(start: number, verb: 'log' | 'start' | 'change' | 'delete'): Promise<void> {
    const lockedBefore = await this.context.lockedBefore();
    if (lockedBefore === undefined || start >= lockedBefore) return;
    throw new BackEndError('toggl_period_locked', { before: localDate(lockedBefore, await this.context.zone()), verb });
  }

  /** A write carrying the agent's tag, which Toggl makes where the workspace has none: a refusal of that is said as the tag's. */
  async #agentTagged(agent: string | undefined, send: () => Promise<TogglTimeEntry>): Promise<TogglTimeEntry> {
    try {
      return await send();
    } catch (error) {
      if (agent === undefined || !(error instanceof TogglError) || error.status !== 403 || error.failure === 'bad_token') throw error;
      throw new BackEndError('toggl_agent_tag_refused', { tag: agentTag(agent), cause: causeOf(error) });
    }
  }

  async #entry(entry: TogglTimeEntry): Promise<TimeEntry> {
    return (await this.#entries([entry]))[0] as TimeEntry;
  }

  /** Entries as Punchcard's, named by the names Toggl listed with them (meta), else from the catalog's lists. */
  async #entries(entries: readonly TogglTimeEntry[]): Promise<TimeEntry[]> {
    return Promise.all(
      entries.map(async (entry) => {
        const projectId = projectOfEntry(entry);
        const taskId = taskOfEntry(entry);
        const listed = {
          project: projectId !== null && entry.project_name ? { id: projectId, name: entry.project_name } : null,
          task: taskId !== null && entry.task_name ? { id: taskId, name: entry.task_name } : null,
        };
        const complete = (projectId === null || listed.project) && (taskId === null || listed.task);
        return toTimeEntry(entry, complete ? listed : await this.parts.catalog.nameOf(projectId, taskId));
      }),
    );
  }
}

/** What a booking sends: the project, the task and (on a paid plan) the billable flag of the project. */
function bookingBody(booking: Booking): Record<string, unknown> {
  return { project_id: booking.projectId, task_id: booking.taskId, ...(booking.billable ? { billable: true } : {}) };
}

/** An end as Toggl takes it: the stop and the duration that agree with the start. */
function endBody(start: number, end: number): Record<string, unknown> {
  return { stop: togglTime(end), duration: Math.round((Math.floor(end / 1000) * 1000 - Math.floor(start / 1000) * 1000) / 1000) };
}

/** The agent's own tag, by name: Toggl makes a tag it does not have. */
function tagsOf(agent: string | undefined): Record<string, unknown> {
  return agent === undefined ? {} : { tags: [agentTag(agent)] };
}

/** An answer (a stop, a change) with the names of the entry as read before, where it is still on the same project and task. */
function namedAs(answer: TogglTimeEntry, before: TogglTimeEntry): TogglTimeEntry {
  const sameProject = projectOfEntry(answer) === projectOfEntry(before);
  const sameTask = taskOfEntry(answer) === taskOfEntry(before);
  return {
    ...answer,
    ...(sameProject && before.project_name ? { project_name: before.project_name } : {}),
    ...(sameTask && before.task_name ? { task_name: before.task_name } : {}),
  };
}

/** The cell as the composition takes it, loaded with the tracker (index.ts lists it). */
export const code = cellCode<TogglGrid, TimesheetsEndpoints>({
  endpoints: timesheetsEndpoints,
  parts: (context, endpoints, built) => {
    const timesheets = new TogglTimesheets(context, endpoints, { catalog: built.part('catalog') });
    return { timer: timesheets, entries: timesheets };
  },
});
