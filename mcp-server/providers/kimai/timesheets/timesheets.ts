// The timer and the time entries on Kimai: clocking in and out (resuming the last project, switching,
// past starts), entries listed a page at a time, logged, changed and deleted, and the spans a report
// adds up. Kimai's punch-clock and fixed-start tracking modes refuse times from a plain user; that is
// said before anything is sent where the settings are at hand, and explained after a refusal where
// they were not.
import { CellPart } from '../../grid/cell-part.ts';
import { mapWithLimit } from '../../remote/cache.ts';
import { allPages, pageWindow } from '../../remote/paging.ts';
import { allSettled, ExpiringByKey } from '../../remote/cache.ts';
import { RecentReads } from '../../remote/recent-reads.ts';
import { agentOfTags, agentTag } from '../../../domain/agents.ts';
import { formatWallClock } from '../../../domain/time.ts';
import { kimaiTrackingModeName } from '../../../contract/outcomes/kimai.ts';
import {
  causeOf,
  notYourEntry,
  type EntryFields,
  type EntryQuery,
  BackEndError,
  SPAN_LOOKBACK_MS,
  spansWithin,
  type TimeEntry,
  TimerRunningError,
  type WorkSpan,
} from '../../time-tracker.ts';
import { MAX_PAGE_SIZE, type QueryValue } from '../api.ts';
import type { KimaiCatalogView, KimaiContext, Session } from '../context.ts';
import type { TimesheetsEndpoints } from './endpoints.ts';
import { KimaiError, type RequestPurpose } from '../errors.ts';
import { kimaiBodyTime, nameIndex, NO_NAMES, toTimeEntry, withExportLock } from '../mapping.ts';
import type { KimaiTimesheet } from '../wire.ts';
import type { FieldWrite } from '../../../domain/entry-fields.ts';
import { quotedLine } from '../../../contract/outcomes/quoted-line.ts';

/**
 * The finished entries of a range a report or timer_status adds up are kept this long, so a timer read
 * asks Kimai only what runs now: what finished changes only by a write, and every write through
 * Punchcard forgets them at once. One made elsewhere (Kimai's own pages, another device) shows within
 * this long.
 */
const FINISHED_REUSE_MS = 60_000;
/** Roles that by default may see others' timesheets, which lifts the tracking-mode limits. */
const PRIVILEGED_ROLES = new Set(['ROLE_TEAMLEAD', 'ROLE_ADMIN', 'ROLE_SUPER_ADMIN']);

export class KimaiTimesheets extends CellPart<KimaiContext, TimesheetsEndpoints, { catalog: KimaiCatalogView }> {
  /** What runs as read a moment ago (clock_out reads the running timers, then stops one); a write forgets it. */
  readonly #recent = new RecentReads<TimeEntry, TimeEntry[]>();
  /** The finished entries of a range (and project), by `from|to|project` (FINISHED_REUSE_MS). */
  readonly #finished = new ExpiringByKey<string, FinishedEntries>(FINISHED_REUSE_MS);
  /** Writes through this part so far: a range read across one is not kept. */
  #writes = 0;
  /** update_time_entry reads an entry, then changes it: the read supplies the names for the answer. */
  #lastRead: TimeEntry | undefined;

  async runningEntry(): Promise<TimeEntry | null> {
    return (await this.#activeEntries(false))[0] ?? null;
  }

  async startTimer(
    fields: Omit<EntryFields, 'end' | 'start'> & { start?: number },
    switchRunning: boolean,
  ): Promise<{ started: TimeEntry; stopped: TimeEntry | null }> {
    // The user and the timesheet settings matter only for a start time: a clock-in now is the
    // running-timer check and the start itself.
    const [running, session] = await allSettled([this.#activeEntries(false), fields.start === undefined ? Promise.resolve(undefined) : this.context.session()]);
    const current = running[0];
    if (current && !switchRunning) throw new TimerRunningError(current);
    if (session) requireFreeTimes(session, 'start');
    if (current && fields.start !== undefined && fields.start < current.start) throw new BackEndError('timer_starts_before_running');
    const zone = session?.me.timezone ?? '';
    this.#forgetWhatRuns();

    // A timer that starts in the past needs the running ones stopped where it starts, explicitly.
    let stopped: TimeEntry | null = null;
    if (running.length > 0 && fields.start !== undefined) {
      const end = { end: kimaiBodyTime(fields.start, zone, 'start') };
      const stops = await mapWithLimit(running, this.context.pager.maxParallel, (entry) =>
        this.#patch(entry.id, end, 'stop the running timer', entry, session),
      );
      stopped = stops[0] ?? null;
    }

    let started: TimeEntry;
    if (fields.projectId === null && fields.activityId === null) {
      started = await this.#resumeLast(fields, zone);
    } else {
      const { project, activity } = this.#requireProjectAndActivity(fields.projectId, fields.activityId);
      const body: Record<string, unknown> = { project, activity };
      if (fields.description) body.description = fields.description;
      if (fields.start !== undefined) body.begin = kimaiBodyTime(fields.start, zone, 'start');
      started = toTimeEntry(await this.endpoints.createTimesheet(body, timesPurpose('start the timer', body, session)), NO_NAMES);
    }
    started = await this.#writeFields(started, fields.customFields);
    if (current && !stopped) {
      // Kimai stops the oldest running timers itself when a new one starts and its limit of running
      // timers (1 unless an administrator raised it) is reached, atomically: one read says where the
      // old one ended. Under a higher limit it still runs, and is stopped here.
      stopped = await this.#read(current.id, current);
      if (stopped.end === null) {
        const stops = await mapWithLimit(running, this.context.pager.maxParallel, (entry) => this.#stop(entry));
        stopped = stops[0] ?? stopped;
      }
    }
    return { started, stopped };
  }

  async stopTimer(end?: number, note?: string, fields?: readonly FieldWrite[]): Promise<TimeEntry> {
    // The user and the settings only for an end time; stopping now is the check and the stop.
    const [session, running] = await allSettled([end === undefined ? Promise.resolve(undefined) : this.context.session(), this.#activeEntries(true)]);
    const timer = running[0];
    if (!timer) throw new BackEndError('timer_not_running');
    this.#forgetWhatRuns();
    if (end !== undefined && session) {
      requireFreeTimes(session, 'end');
      if (end < timer.start) throw new BackEndError('timer_ends_before_start');
    }
    // The fields first, while the timer runs: one that does not land leaves it running, nothing lost.
    const current = await this.#writeFields(timer, fields);
    const description = note ? (current.description ? `${current.description}\n${note}` : note) : undefined;
    if (end !== undefined && session) {
      const body: Record<string, unknown> = { end: kimaiBodyTime(end, session.me.timezone, 'end') };
      if (description !== undefined) body.description = description;
      return this.#patch(current.id, body, 'stop the timer', current, session);
    }
    const stopped = await this.#stop(current);
    if (description === undefined) return stopped;
    return this.#patch(current.id, { description }, 'add the note', current);
  }

  async listEntries(query: EntryQuery): Promise<{ entries: TimeEntry[]; total: number }> {
    const me = await this.context.profile();
    const filter = rangeFilter(query.from, query.to, me.timezone, query.projectId);
    const { items, total } = await pageWindow(
      this.context.pager,
      { offset: query.offset, limit: query.limit, pageSize: Math.min(query.limit, MAX_PAGE_SIZE) },
      (page, size) => this.endpoints.timesheetPage(filter, page, size, 'begin', 'ASC'),
    );
    return { entries: items.map((sheet) => withExportLock(toTimeEntry(sheet, NO_NAMES), sheet, me.roles)), total };
  }

  async getEntry(id: number): Promise<TimeEntry> {
    const [sheet, me] = await allSettled([this.#sheet(id), this.context.profile()]);
    const entry = withExportLock(await this.#entryFrom(sheet), sheet, me.roles);
    this.#lastRead = entry;
    return entry;
  }

  async createEntry(fields: EntryFields & { end: number }): Promise<TimeEntry> {
    const what = 'logged';
    const [me, session] = await allSettled([this.context.profile(), this.context.sessionIfKnown()]);
    if (session) requireFreeTimes(session, what);
    const { project, activity } = this.#requireProjectAndActivity(fields.projectId, fields.activityId);
    const body: Record<string, unknown> = {
      project,
      activity,
      begin: kimaiBodyTime(fields.start, me.timezone, 'start'),
      end: kimaiBodyTime(fields.end, me.timezone, 'end'),
    };
    if (fields.description) body.description = fields.description;
    // An agent's own time carries its tag, which Kimai takes only once it exists (it drops unknown names).
    const tag = fields.agent ? await this.#visibleTag(agentTag(fields.agent)) : undefined;
    if (tag) body.tags = tag;
    this.#forgetFinished();
    const sheet = await this.#explainingTimes(what, session, () => this.endpoints.createTimesheet(body, timesPurpose('log the time', body, session)));
    if (tag && !(sheet.tags ?? []).includes(tag)) {
      // Without its tag the agent's time would count as the person's: it goes again, and the call says why.
      await this.endpoints.deleteTimesheet(sheet.id);
      throw new BackEndError('kimai_agent_tag_dropped', { tag });
    }
    return this.#writeFields(toTimeEntry(sheet, NO_NAMES), fields.customFields);
  }

  /**
   * The entry's meta fields, one request each after the record exists (Kimai's timesheet body cannot carry
   * them: docs/back-ends/kimai.md, "Meta fields"). One refused (an unknown name: 404) stops the rest, and the
   * refusal says which entry it is and which fields landed; the entry stays as it is.
   */
  async #writeFields(entry: TimeEntry, writes: readonly FieldWrite[] | undefined): Promise<TimeEntry> {
    if (!writes || writes.length === 0) return entry;
    const written: FieldWrite[] = [];
    for (const write of writes) {
      try {
        await this.endpoints.setTimesheetMeta(entry.id, write.id, Array.isArray(write.value) ? write.value.join(',') : String(write.value ?? ''));
        written.push(write);
      } catch (error) {
        // Kimai hides why (its 404 says "Not Found"): the name is one it does not define for this record.
        const cause =
          error instanceof KimaiError && error.failure === 'not_found'
            ? { code: 'failure_said', facts: { message: `Kimai does not know the field ${quotedLine(write.name)} on this entry (404).` } }
            : causeOf(error);
        throw new BackEndError('fields_partly_written', {
          back_end: 'Kimai',
          entry: entry.id,
          written: written.map((item) => item.name),
          not_written: writes.slice(written.length).map((item) => item.name),
          cause,
        });
      }
    }
    const kept = (entry.fields ?? []).filter((field) => !writes.some((write) => write.id === field.id));
    const set = writes.filter((write) => write.value !== '' && write.value !== null).map((write) => ({ id: write.id, name: write.name, value: write.value }));
    return { ...entry, fields: [...kept, ...set] };
  }

  /** The tag `name`, made where Kimai has none yet (a visible one, which a timesheet may carry). */
  async #visibleTag(name: string): Promise<string> {
    const found = await this.endpoints.findTags(name);
    if (found.some((tag) => tag.name === name)) return name;
    try {
      return (await this.endpoints.createTag(name)).name;
    } catch (error) {
      if (error instanceof KimaiError && error.failure === 'validation') {
        throw new BackEndError('kimai_agent_tag_refused', { tag: name, cause: causeOf(error) });
      }
      throw error;
    }
  }

  async updateEntry(id: number, patch: Partial<EntryFields>): Promise<TimeEntry> {
    const movesTimes = patch.start !== undefined || patch.end !== undefined;
    const session = movesTimes ? await this.context.session() : undefined;
    if (session) requireFreeTimes(session, 'changed');
    if (patch.projectId === null || patch.activityId === null) throw new BackEndError('kimai_entry_keeps_project_and_activity');
    if (patch.end === null) throw new BackEndError('kimai_entry_cannot_reopen');
    const zone = session?.me.timezone ?? '';
    const body: Record<string, unknown> = {};
    if (patch.start !== undefined) body.begin = kimaiBodyTime(patch.start, zone, 'start');
    if (patch.end !== undefined) body.end = kimaiBodyTime(patch.end, zone, 'end');
    if (patch.projectId !== undefined) body.project = patch.projectId;
    if (patch.activityId !== undefined) body.activity = patch.activityId;
    if (patch.description !== undefined) body.description = patch.description;
    this.#forgetWhatRuns();
    const known = this.#lastRead?.id === id ? this.#lastRead : undefined;
    // Only fields to set: the record stays as it is, and its fields are the one request each.
    const changed = Object.keys(body).length > 0 ? await this.#patch(id, body, `change time entry #${id}`, known, session) : (known ?? (await this.#read(id)));
    return this.#writeFields(changed, patch.customFields);
  }

  async deleteEntry(id: number): Promise<TimeEntry> {
    const entry = await this.getEntry(id);
    if (entry.locked) throw new BackEndError('kimai_entry_locked', { entry: id, reason: entry.locked });
    this.#forgetWhatRuns();
    await this.endpoints.deleteTimesheet(id);
    return entry;
  }

  /**
   * The finished entries of the range come from what was read within FINISHED_REUSE_MS, the running
   * ones from the running-timer read, which timer_status makes anyway: a timer read is then one
   * request. The range is read again after a write through this process, and where the timers running
   * now are not those that ran when it was read (clocked in or out elsewhere: another of Punchcard's
   * processes, Kimai's own pages).
   */
  async workSpans(from: number, to: number, now: number, projectId?: number): Promise<WorkSpan[]> {
    const key = `${from}|${to}|${projectId ?? ''}`;
    const inRange = (entries: readonly TimeEntry[]) => entries.filter((entry) => projectId === undefined || entry.project?.id === projectId);
    if (this.#finished.holds(key)) {
      const [kept, running] = await Promise.all([this.#finished.get(key, () => this.#readFinished(from, to, projectId)), this.#activeEntries(true)]);
      const runningHere = inRange(running);
      if (runningIds(runningHere) === kept.runningIds) return spansWithin([...kept.finished, ...runningHere], from, to, now);
      this.#finished.forget(key);
    }
    const writes = this.#writes;
    const entries = await this.#readRange(from, to, projectId);
    // A write while the range was read may not be in it: kept only where none came between.
    if (writes === this.#writes) void this.#finished.get(key, () => Promise.resolve(finishedAndRunning(entries)));
    return spansWithin(entries, from, to, now);
  }

  async #readFinished(from: number, to: number, projectId?: number): Promise<FinishedEntries> {
    return finishedAndRunning(await this.#readRange(from, to, projectId));
  }

  /** Every entry that may overlap [from, to), the running ones included. */
  async #readRange(from: number, to: number, projectId?: number): Promise<TimeEntry[]> {
    const zone = (await this.context.profile()).timezone;
    const filter = rangeFilter(from - SPAN_LOOKBACK_MS, to, zone, projectId);
    const sheets = await allPages(this.context.pager, (page) => this.endpoints.timesheetPage(filter, page, MAX_PAGE_SIZE, 'begin', 'ASC'));
    return sheets.map((sheet) => toTimeEntry(sheet, NO_NAMES));
  }

  async lastEntryEndingBetween(from: number, to: number): Promise<TimeEntry | null> {
    const zone = (await this.context.profile()).timezone;
    // Kimai filters on begin only; ordered by end, the first page of the day holds the answer.
    const page = await this.endpoints.timesheetPage({ ...rangeFilter(from - SPAN_LOOKBACK_MS, to, zone), active: 0 }, 1, 50, 'end', 'DESC');
    for (const sheet of page?.items ?? []) {
      const entry = toTimeEntry(sheet, NO_NAMES);
      if (entry.end !== null && entry.end > from && entry.end <= to) return entry;
    }
    return null;
  }

  /**
   * Sends a request that sets times. Kimai's punch-clock and fixed-start modes refuse begin and end
   * from a plain user with a nameless "extra fields" error; when the settings were not at hand to say
   * so before sending, they are read after such a refusal, and the refusal is explained as it would
   * have been. The settings cost a request only on that path.
   */
  async #explainingTimes<T>(what: TimesAsked, known: Session | undefined, send: () => Promise<T>): Promise<T> {
    try {
      return await send();
    } catch (error) {
      if (known || !(error instanceof KimaiError) || error.failure !== 'restricted') throw error;
      requireFreeTimes(await this.context.session(), what);
      throw error;
    }
  }

  /**
   * A plain (not expanded) timesheet as an entry. Names come from an entry already known with the
   * same project and activity (the running timer, the entry just read) when there is one, and only
   * otherwise from the cached catalog, which may cost its three requests.
   */
  async #entryFrom(sheet: KimaiTimesheet, known?: TimeEntry): Promise<TimeEntry> {
    const bare = toTimeEntry(sheet, NO_NAMES);
    const sameRefs = known && known.project?.id === bare.project?.id && known.activity?.id === bare.activity?.id;
    const entry = sameRefs
      ? { ...bare, project: known.project, activity: known.activity }
      : toTimeEntry(sheet, nameIndex(await this.parts.catalog.catalog(true)));
    this.#lastRead = entry;
    return entry;
  }

  async #read(id: number, known?: TimeEntry): Promise<TimeEntry> {
    return this.#entryFrom(await this.#sheet(id), known);
  }

  /**
   * Entry `id` as Kimai shows it. Kimai answers 403 to a read of a record the person may not see (view_other_timesheet),
   * and never to one of their own: said as someone else's entry (docs/back-ends/kimai.md, "Errors"), not as a right
   * to ask the administrator for.
   */
  async #sheet(id: number): Promise<KimaiTimesheet> {
    try {
      return await this.endpoints.timesheet(id);
    } catch (error) {
      if (error instanceof KimaiError && error.failure === 'forbidden') throw notYourEntry(id);
      throw error;
    }
  }

  /** A write changes what runs and what finished: both are read afresh next. */
  #forgetWhatRuns(): void {
    this.#recent.forget();
    this.#forgetFinished();
  }

  #forgetFinished(): void {
    this.#writes++;
    this.#finished.clear();
  }

  #activeEntries(reuseRecent: boolean): Promise<TimeEntry[]> {
    return this.#recent.running(reuseRecent, async () => {
      const sheets = await this.endpoints.activeTimesheets();
      // Newest first: with several running (a limit above one), the latest is "the" timer.
      return sheets.map((sheet) => toTimeEntry(sheet, NO_NAMES)).sort((a, b) => b.start - a.start);
    });
  }

  async #stop(running: TimeEntry): Promise<TimeEntry> {
    return this.#entryFrom(await this.endpoints.stopTimesheet(running.id), running);
  }

  async #patch(id: number, body: Record<string, unknown>, action: string, known?: TimeEntry, session?: Session): Promise<TimeEntry> {
    return this.#entryFrom(await this.endpoints.patchTimesheet(id, body, timesPurpose(action, body, session)), known);
  }

  /**
   * Without a project and activity, clock_in resumes the most recent combination (Kimai's restart), at the start
   * asked for where one was (restart's `begin`, a wall-clock time in `zone`, the person's Kimai zone), else now.
   */
  async #resumeLast(fields: { description: string; start?: number }, zone: string): Promise<TimeEntry> {
    const [last] = await this.endpoints.recentTimesheets(1);
    if (!last) throw new BackEndError('kimai_nothing_to_resume');
    // Copying all would copy an agent's tag too, and the person's timer would be the agent's (domain/agents.ts):
    // after an agent's entry, or one whose tags Kimai did not list, only its project and activity go on.
    const copy = !fields.description && Array.isArray(last.tags) && agentOfTags(last.tags) === undefined;
    const body = {
      ...(copy ? { copy: 'all' } : {}),
      ...(fields.start === undefined ? {} : { begin: kimaiBodyTime(fields.start, zone, 'start') }),
    };
    const restarted = await this.endpoints.restartTimesheet(last.id, body);
    const lastEntry = toTimeEntry(last, NO_NAMES);
    if (!fields.description) return this.#entryFrom(restarted, lastEntry);
    return this.#patch(restarted.id, { description: fields.description }, 'add the description', lastEntry);
  }

  #requireProjectAndActivity(projectId: number | null, activityId: number | null): { project: number; activity: number } {
    if (projectId !== null && activityId !== null) return { project: projectId, activity: activityId };
    if (projectId === null) throw new BackEndError('kimai_entry_needs_project');
    // No names as examples: a client that may not list the catalog must not learn it from a refusal.
    throw new BackEndError('kimai_entry_needs_activity');
  }
}

/**
 * In the punch-clock and fixed-start tracking modes Kimai refuses begin and end from a normal user
 * with a nameless "extra fields" error; this says so before sending anything.
 */
function requireFreeTimes(session: Session, times: TimesAsked): void {
  const locked = session.config.trackingMode !== 'default' && !(session.me.roles ?? []).some((role) => PRIVILEGED_ROLES.has(role));
  if (!locked) return;
  throw new BackEndError('kimai_tracking_mode_times', { mode: session.config.trackingMode, times });
}

/** What a request asked a tracking mode to take: a start, an end, an entry logged afterwards, or new times. */
type TimesAsked = 'start' | 'end' | 'logged' | 'changed';

/** `session` is there whenever the body sets times: the callers that send them read it first. */
function timesPurpose(action: string, body: Record<string, unknown>, session: Session | undefined): RequestPurpose {
  const gated = ['begin', 'end'].filter((field) => field in body);
  if (gated.length === 0 || !session) return { action };
  const reason =
    session.config.trackingMode === 'default'
      ? 'your Kimai role may not set times on entries.'
      : `Kimai's ${kimaiTrackingModeName(session.config.trackingMode)} tracking mode only lets time be recorded by clocking in and out.`;
  return { action, gatedFields: gated.map((field) => ({ field, reason })) };
}

/**
 * Wall-clock times of the Kimai zone without an offset; `end` filters on a record's begin and is
 * inclusive: the last second before `to`.
 */
function rangeFilter(from: number, to: number, zone: string, projectId?: number): Record<string, QueryValue> {
  return {
    begin: formatWallClock(from, zone),
    end: formatWallClock(to - 1_000, zone),
    full: 'true',
    ...(projectId === undefined ? {} : { project: projectId }),
  };
}

/** A range's finished entries, and which ran when it was read (their ids, in order). */
interface FinishedEntries {
  finished: TimeEntry[];
  runningIds: string;
}

function finishedAndRunning(entries: readonly TimeEntry[]): FinishedEntries {
  return { finished: entries.filter((entry) => entry.end !== null), runningIds: runningIds(entries.filter((entry) => entry.end === null)) };
}

function runningIds(entries: readonly TimeEntry[]): string {
  return entries
    .map((entry) => entry.id)
    .sort((a, b) => a - b)
    .join(',');
}
