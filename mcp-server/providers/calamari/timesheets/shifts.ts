// Shifts and breaks on Calamari, through its API terminal: clocking in and out at the person's wall
// time, breaks of the types the person may take, past shifts added, and shifts listed as entries and
// as the spans a report adds up. Calamari's API cannot change or delete a shift. One listing of the
// recent shifts serves every call of a moment (the app's refresh asks for the timer, today, the week
// and the last 30 days at once).
import { withAgentPrefix } from '../../../domain/agents.ts';
import { addDays, formatWallClock, isValidTimeZone, localDate } from '../../../domain/time.ts';
import { allSettled, Expiring } from '../../remote/cache.ts';
import { RecentReads } from '../../remote/recent-reads.ts';
import { remoteRefusal } from '../../remote/remote-error.ts';
import {
  type EntryFields,
  type EntryQuery,
  BackEndError,
  impossibleWithin,
  type Ref,
  type TimeEntry,
  TimerRunningError,
  type WorkSpan,
} from '../../time-tracker.ts';
import { type CalamariContext, REFERENCE_TTL_MS, type CalamariGrid } from '../context.ts';
import { CalamariError, isProjectRefusal } from '../errors.ts';
import { toTimeEntry, workedPieces } from '../mapping.ts';
import type { CalamariNamed, CalamariShift, CalamariTerminalAnswer } from '../wire.ts';
import { sameEmail } from '../../../contract/back-end-accounts.ts';
import { CellPart } from '../../grid/cell-part.ts';
import { cellCode } from '../../grid/cell.ts';
import { type TerminalEvent, timesheetsEndpoints, type TimesheetsEndpoints } from './endpoints.ts';

/**
 * A range of shifts that begins at most this many days before today is listed as all of those days:
 * the running shift, today, the week, the month so far and the app's last 30 days (with the night
 * before each) are then one listing, not one each.
 */
const RECENT_DAYS = 31;
/** A clock-in that finds a shift begun more than this before it was ignored by Calamari: one already ran (one begun elsewhere as it was sent). */
const SAME_START_TOLERANCE_MS = 90_000;
/** Shifts that began this long before a range are listed too (night shifts). */
const LOOKBACK_DAYS = 1;

export class CalamariShifts extends CellPart<CalamariContext, TimesheetsEndpoints> {
  readonly #breakTypes = new Expiring<CalamariNamed[]>(REFERENCE_TTL_MS);
  /**
   * The shifts listed a moment ago, by the days listed ('from..to'): one listing serves every call of a moment, for no
   * longer than the other back ends reuse the running timer (the same RecentReads), so timer_status sees a shift begun
   * elsewhere as soon as theirs would. A write forgets them all.
   */
  readonly #shifts = new RecentReads<CalamariShift>();

  async runningEntry(): Promise<TimeEntry | null> {
    return (await this.#running())?.entry ?? null;
  }

  async startTimer(
    fields: Omit<EntryFields, 'end' | 'start'> & { start?: number },
    switchRunning: boolean,
  ): Promise<{ started: TimeEntry; stopped: TimeEntry | null }> {
    const at = fields.start ?? this.context.options.now();
    const zone = await this.context.zone();
    // Calamari ignores a clock-in while a shift runs and still answers STARTED, and a shift begun a
    // moment before this one would pass the check below as this request's own: the running shift is
    // looked for first, as on the other back ends, and refused unless the call switches. A switch
    // looks in the listing of the month, which it needs for the shift it ends, and so does a call
    // made while such a listing is shared; both read the month back afterwards, so the calls of that
    // moment (the app refreshes its status right after) go on sharing one. A clock-in on its own
    // asks Calamari's status instead and reads back only the days of the shift it began.
    const inMoment = switchRunning || this.#shifts.holdsListing(daysKey(this.#recentDays(zone)));
    const before = inMoment ? await this.#running() : await this.#runningIfAny();
    let stopped: TimeEntry | null = null;
    if (before) {
      if (!switchRunning) throw new TimerRunningError(before.entry);
      if (at < before.entry.start) throw new BackEndError('calamari_shift_starts_before_running');
      stopped = await this.#clockOut(before.entry, at, before.zone ?? zone);
    }
    const sent = formatWallClock(at, zone);
    const answer = await this.#terminal('clock-in', {
      time: sent,
      ...(fields.projectId === null ? {} : { projectId: fields.projectId }),
      ...(fields.description ? { description: fields.description } : {}),
    }).catch((error: unknown) => this.#projectRefused(error));
    if (answer.shiftStatus !== 'STARTED') throw new CalamariError('wrong_service', remoteRefusal('calamari_shift_not_started', {}));
    // A shift begun elsewhere between that look and the clock-in (another device, the web app) makes
    // Calamari ignore this one just the same: the shift it lists now says whether this one began or
    // the other was running. It is this request's when it began at the wall time this request sent,
    // read in the zone Calamari took it in (which may not be the zone it was sent in: then the shift
    // is still ours, and the zone is learned for the next time).
    const running = inMoment ? await this.#running() : await this.#startedShift(at, zone);
    if (!running) throw new CalamariError('wrong_service', remoteRefusal('calamari_clock_in_unlisted', {}));
    const { entry: shift, zone: calamariZone } = running;
    const otherProject = fields.projectId !== null && shift.project?.id !== fields.projectId;
    if (otherProject || !startedAt(shift, calamariZone ?? zone, Date.parse(`${sent}Z`))) throw new TimerRunningError(shift);
    return { started: shift, stopped };
  }

  async stopTimer(end?: number, note?: string): Promise<TimeEntry> {
    if (note) throw new BackEndError('calamari_shift_end_note');
    const running = await this.#running();
    if (!running) throw new BackEndError('calamari_shift_not_running');
    const at = end ?? this.context.options.now();
    if (at < running.entry.start) throw new BackEndError('calamari_shift_ends_before_start');
    // The end goes out in the zone Calamari took the start in, so the shift ends where it is said to.
    return this.#clockOut(running.entry, at, running.zone ?? (await this.context.zone()));
  }

  async breakTypes(): Promise<Ref[]> {
    return this.#breakTypes.get(() => this.endpoints.breakTypes());
  }

  async startBreak(typeId: number | null): Promise<TimeEntry> {
    // The types give the default and the name the answer shows (kept for an hour: start_break has read them).
    const [running, types] = await allSettled([this.#running(), this.breakTypes()]);
    if (!running) throw new BackEndError('calamari_break_needs_shift');
    const shift = running.entry;
    const open = shift.breaks?.find((span) => span.end === null);
    if (open) throw new BackEndError('calamari_break_running', { break_type: open.type.name });
    const type = typeId ?? types[0]?.id;
    if (type === undefined) throw new BackEndError('calamari_no_break_type');
    const at = this.context.options.now();
    const answer = await this.#terminal('break-start', { time: formatWallClock(at, running.zone ?? (await this.context.zone())), breakType: type });
    if (answer.breakStatus !== 'STARTED') throw new CalamariError('wrong_service', remoteRefusal('calamari_terminal_not_done', { event: 'break-start' }));
    const name = types.find((item) => item.id === type)?.name ?? 'Break';
    return { ...shift, breaks: [...(shift.breaks ?? []), { type: { id: type, name }, start: Math.floor(at / 1_000) * 1_000, end: null }] };
  }

  async endBreak(): Promise<TimeEntry> {
    const running = await this.#running();
    const shift = running?.entry;
    const open = shift?.breaks?.find((span) => span.end === null);
    if (!running || !shift || !open) throw new BackEndError(shift ? 'calamari_break_not_running' : 'calamari_shift_not_running');
    const at = this.context.options.now();
    const answer = await this.#terminal('break-stop', { time: formatWallClock(at, running.zone ?? (await this.context.zone())), breakType: open.type.id });
    if (answer.breakStatus !== 'FINISHED') throw new CalamariError('wrong_service', remoteRefusal('calamari_terminal_not_done', { event: 'break-stop' }));
    return { ...shift, breaks: (shift.breaks ?? []).map((span) => (span === open ? { ...span, end: Math.floor(at / 1_000) * 1_000 } : span)) };
  }

  async listEntries(query: EntryQuery): Promise<{ entries: TimeEntry[]; total: number }> {
    const zone = await this.context.zone();
    // Calamari lists a range whole (no paging): the page is cut here.
    const entries = (await this.#shiftsBetween(query.from, query.to, zone))
      .filter((entry) => entry.start >= query.from && entry.start < query.to)
      .filter((entry) => query.projectId === undefined || entry.project?.id === query.projectId)
      .sort((a, b) => a.start - b.start);
    return { entries: entries.slice(query.offset, query.offset + query.limit), total: entries.length };
  }

  async getEntry(): Promise<TimeEntry> {
    throw noShiftChanges();
  }

  async createEntry(fields: EntryFields & { end: number }): Promise<TimeEntry> {
    const zone = await this.context.zone();
    const project = fields.projectId === null ? null : ((await this.context.projects.list()).find((item) => item.id === fields.projectId) ?? null);
    // Calamari has no tags: an AI agent's own time carries its agent as a prefix of the description.
    const description = fields.agent ? withAgentPrefix(fields.description, fields.agent) : fields.description;
    const answer = await this.endpoints
      .createShift({
        shiftStart: formatWallClock(fields.start, zone),
        shiftEnd: formatWallClock(fields.end, zone),
        ...(description ? { description } : {}),
        ...(project
          ? { projects: [{ projectType: project.id, projectStart: formatWallClock(fields.start, zone), projectEnd: formatWallClock(fields.end, zone) }] }
          : {}),
      })
      .catch((error: unknown) => this.#projectRefused(error));
    this.#shifts.forget();
    const start = Math.floor(fields.start / 1_000) * 1_000;
    const end = Math.floor(fields.end / 1_000) * 1_000;
    if (typeof answer?.id === 'number')
      return {
        id: answer.id,
        start,
        end,
        project: project ? { id: project.id, name: project.name } : null,
        activity: null,
        description: fields.description,
        breaks: [],
        ...(fields.agent ? { agent: fields.agent } : {}),
      };
    // The answer of create is not documented: where it names no id, the shift is found where it was put.
    const added = (await this.#shiftsBetween(start, end, zone)).find((entry) => entry.start === start && entry.end === end);
    if (!added) throw new CalamariError('wrong_service', remoteRefusal('calamari_shift_added_unlisted', {}));
    return added;
  }

  async updateEntry(): Promise<TimeEntry> {
    throw noShiftChanges();
  }

  async deleteEntry(): Promise<TimeEntry> {
    throw noShiftChanges();
  }

  async workSpans(from: number, to: number, now: number, projectId?: number): Promise<WorkSpan[]> {
    const shifts = await this.#shiftsBetween(from, to, await this.context.zone());
    const spans: WorkSpan[] = [];
    for (const entry of shifts) {
      if (projectId !== undefined && entry.project?.id !== projectId) continue;
      if (entry.impossible) {
        spans.push(...impossibleWithin(entry, entry.impossible, from, to));
        continue;
      }
      for (const piece of workedPieces(entry, now)) {
        const start = Math.max(piece.start, from);
        const end = Math.min(piece.end, to);
        if (end > start) spans.push({ start, end, project: entry.project, activity: null, ...(entry.agent ? { agent: entry.agent } : {}) });
      }
    }
    return spans;
  }

  async lastEntryEndingBetween(from: number, to: number): Promise<TimeEntry | null> {
    const shifts = await this.#shiftsBetween(from, to, await this.context.zone());
    const ended = shifts.filter((entry) => entry.end !== null && entry.end > from && entry.end <= to);
    return ended.sort((a, b) => (b.end as number) - (a.end as number))[0] ?? null;
  }

  /** A clock event: whatever it did, the shifts listed before it are out of date. */
  async #terminal(event: TerminalEvent, fields: Record<string, unknown>): Promise<CalamariTerminalAnswer> {
    try {
      return await this.endpoints.terminal(event, fields);
    } finally {
      this.#shifts.forget();
    }
  }

  /**
   * Calamari refused the project a write named (archived, or closed to the person, since the projects
   * were read): the kept projects are forgotten, so the next call reads them afresh, and the refusal
   * is said as it is (errors.ts).
   */
  #projectRefused(error: unknown): never {
    if (isProjectRefusal(error)) this.context.projects.forget();
    throw error;
  }

  /**
   * The running shift, from the listing of the moment (one begun yesterday may still run: a night
   * shift), with the zone Calamari took its wall times in, where it says. Where only the days of a
   * shift just begun were read back a moment ago, those say it: that clock-in found none running
   * before it, and Calamari runs one shift at a time.
   */
  async #running(): Promise<{ entry: TimeEntry; zone: string | null } | null> {
    const zone = await this.context.zone();
    const recent = this.#recentDays(zone);
    const near = this.#daysAround(this.context.today(zone), zone);
    const days = !this.#shifts.holdsListing(daysKey(recent)) && this.#shifts.holdsListing(daysKey(near)) ? near : recent;
    return runningIn(await this.#listing(days));
  }

  /**
   * The running shift where one runs, asked as cheaply as Calamari allows: a listing of the moment
   * where one is kept, else Calamari's status of the person, which says whether a shift runs without
   * listing a month of shifts. Only a running one is then listed, to say which it is.
   */
  async #runningIfAny(): Promise<{ entry: TimeEntry; zone: string | null } | null> {
    const zone = await this.context.zone();
    const held = [this.#recentDays(zone), this.#daysAround(this.context.today(zone), zone)].some((days) => this.#shifts.holdsListing(daysKey(days)));
    if (held) return this.#running();
    const status = await this.context.shiftStatus();
    // A status Punchcard does not know (or none) is not taken for "no shift": the listing decides.
    return status?.status === 'STOPPED' ? null : this.#running();
  }

  /**
   * The shift a clock-in at `at` just began, read back from the days it can be on rather than a month
   * of shifts: Calamari has no read of one shift, and its status names none (docs/back-ends/calamari.md,
   * "Shift status"). The answer is the same shift a month's listing holds, with its id, times, project,
   * description and breaks.
   */
  async #startedShift(at: number, zone: string): Promise<{ entry: TimeEntry; zone: string | null } | null> {
    return runningIn(await this.#listing(this.#daysAround(localDate(at, zone), zone)));
  }

  /**
   * The days a shift begun on `day` is listed on: that day, with one either side, as the API does not
   * say in which zone it counts a shift's day; never after tomorrow.
   */
  #daysAround(day: string, zone: string): [string, string] {
    const tomorrow = addDays(this.context.today(zone), 1);
    const after = addDays(day, 1);
    return [addDays(day, -1), after < tomorrow ? after : tomorrow];
  }

  /** The days of the listing of the moment, RECENT_DAYS back to tomorrow: the running shift, today, the week, the month. */
  #recentDays(zone: string): [string, string] {
    const today = this.context.today(zone);
    return [addDays(today, -RECENT_DAYS), addDays(today, 1)];
  }

  async #clockOut(running: TimeEntry, at: number, zone: string): Promise<TimeEntry> {
    const answer = await this.#terminal('clock-out', { time: formatWallClock(at, zone) });
    if (answer.shiftStatus !== 'FINISHED') throw new CalamariError('wrong_service', remoteRefusal('calamari_terminal_not_done', { event: 'clock-out' }));
    const end = Math.floor(at / 1_000) * 1_000;
    // Calamari closes a running break where the shift ends.
    return { ...running, end, breaks: (running.breaks ?? []).map((span) => (span.end === null ? { ...span, end } : span)) };
  }

  /** Shifts overlapping [from, to), by the person's days. */
  async #shiftsBetween(from: number, to: number, zone: string): Promise<TimeEntry[]> {
    const shifts = await this.#shiftsOfDays(addDays(localDate(from, zone), -LOOKBACK_DAYS), localDate(to - 1, zone), zone);
    return shifts.filter((entry) => entry.start < to && (entry.end ?? Number.POSITIVE_INFINITY) >= from);
  }

  async #shiftsOfDays(from: string, to: string, zone: string): Promise<TimeEntry[]> {
    return (await this.#ownShifts(from, to, zone)).map(toTimeEntry);
  }

  /** The days a listing for [from, to] asks about (see #ownShifts); null when none can hold a shift. */
  #listedDays(from: string, to: string, zone: string): [string, string] | null {
    const [recent, tomorrow] = this.#recentDays(zone);
    if (from > tomorrow) return null;
    return from >= recent ? [recent, tomorrow] : [from, to < tomorrow ? to : tomorrow];
  }

  /**
   * The person's shifts that began on [from, to] (days), or more. Calamari lists by the day a shift
   * began, and none begins after today (Punchcard sends no future time, Calamari takes no shift that
   * ends ahead), so the days after tomorrow are never asked about; tomorrow is, because the API does
   * not say in which zone it counts days. A range within RECENT_DAYS is listed as all of them.
   */
  async #ownShifts(from: string, to: string, zone: string): Promise<CalamariShift[]> {
    const days = this.#listedDays(from, to, zone);
    return days ? this.#listing(days) : [];
  }

  /**
   * The person's shifts of the days [first, last] as Calamari lists them, one listing per days for a
   * moment. The zone Calamari says it took the latest shift in is noted for the person (context.ts).
   */
  async #listing([first, last]: [string, string]): Promise<CalamariShift[]> {
    const shifts = await this.#shifts.listing(daysKey([first, last]), () => this.endpoints.shifts(first, last));
    // Only the person's own, whatever the answer holds; a shift that names them says Calamari takes their address
    // for their own record, which a write waits for (context.ts, confirmAddress).
    const email = this.context.email;
    const own = shifts.filter((shift) => shift.person?.email === undefined || sameEmail(shift.person.email, email));
    for (const shift of own) this.context.checkNamed(shift.person?.email);
    const latest = own.reduce<CalamariShift | undefined>((found, shift) => (!found || shift.started > found.started ? shift : found), undefined);
    this.context.noteShiftZone(latest?.startedTimeZone);
    return own;
  }
}

/**
 * Whether a shift began at the wall time a clock-in sent (`sentWall`, that wall time read as UTC), as
 * Calamari reads wall times: in `zone`. A minute and a half either way is still this request's; a
 * shift that began earlier was running already, and Calamari ignored the clock-in.
 */
function startedAt(shift: TimeEntry, zone: string, sentWall: number): boolean {
  const began = Date.parse(`${formatWallClock(shift.start, zone)}Z`);
  return Math.abs(began - sentWall) <= SAME_START_TOLERANCE_MS;
}

/** How a listing of days is kept: 'from..to'. */
function daysKey([first, last]: [string, string]): string {
  return `${first}..${last}`;
}

/** The running shift of a listing, with the zone Calamari took its wall times in, where it says. */
function runningIn(shifts: readonly CalamariShift[]): { entry: TimeEntry; zone: string | null } | null {
  const shift = shifts.find((item) => item.finished === null);
  return shift ? { entry: toTimeEntry(shift), zone: validZone(shift.startedTimeZone) } : null;
}

function validZone(zone: string | null | undefined): string | null {
  return zone && isValidTimeZone(zone) ? zone : null;
}

function noShiftChanges(): BackEndError {
  return new BackEndError('calamari_shift_changes_unsupported');
}

/** The cell as the composition takes it, loaded with the tracker (index.ts lists it). */
export const code = cellCode<CalamariGrid, TimesheetsEndpoints>({
  endpoints: timesheetsEndpoints,
  parts: (context, endpoints) => {
    const shifts = new CalamariShifts(context, endpoints, {});
    return { timer: shifts, entries: shifts, breaks: shifts };
  },
});
