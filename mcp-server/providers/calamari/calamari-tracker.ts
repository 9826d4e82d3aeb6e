// Calamari as a Punchcard back end (calamari.md and the research notes): the TimeTracker interface over
// Calamari's REST API, for exactly one person. Calamari's keys belong to the organisation and any call
// can name any employee; Punchcard names only the configured e-mail: every `person`, `employee` and
// `employees` it sends is that one, and colleagues are reached only by team, for the absence calendar,
// with nothing of theirs but who is away, when and the kind of absence. Calamari's limit is counted per
// hour (as low as 720 for a whole organisation), so what changes rarely is cached for an hour, the
// modules and the person's zone are remembered between starts, one listing of shifts serves all the
// calls of a moment, and nothing is asked while nobody asks Punchcard.
import type { CalamariProfile, WorkWeek } from '../../contract/settings.ts';
import { rangesOverlap } from '../../domain/leave-days.ts';
import { tallyLeave } from '../../domain/leave-tally.ts';
import { addDays, formatWallClock, localDate, systemTimeZone } from '../../domain/time.ts';
import { type PlannedDay, planOf, weekPlanDays } from '../../domain/work-plan.ts';
import type { Log } from '../../log.ts';
import { CapabilityState } from '../capability-state.ts';
import { allSettled, Expiring, ExpiringByKey } from '../http/cache.ts';
import { type ConnectionReport, failedConnection, RemoteError } from '../http/remote-error.ts';
import {
  type Capability,
  type Catalog,
  type CatalogItem,
  type CatalogKind,
  type EntryFields,
  type EntryQuery,
  type LeaveBalance,
  type LeaveRequest,
  type NewLeaveRequest,
  type Person,
  ProviderError,
  type Ref,
  type TeamAbsence,
  type TimeAccount,
  type TimeEntry,
  type TimeTracker,
  TimerRunningError,
  type WorkSpan,
} from '../time-tracker.ts';
import { calamariCapabilities } from './capabilities.ts';
import { CalamariError, type CalamariModule, moduleName, type RequestPurpose, unknownEmployee } from './errors.ts';
import { calamariFacts, calamariFactsKey, type CalamariFacts } from './facts.ts';
import { type CalamariHttp, createCalamariHttp } from './http-client.ts';
import {
  absenceTypeFor,
  calamariPlan,
  holidayDays,
  leaveTypeOfName,
  requestParts,
  toLeaveRequest,
  toTimeEntry,
  workedPieces,
  workWeekOf,
} from './mapping.ts';
import type {
  CalamariAbsenceType,
  CalamariBalance,
  CalamariEmployee,
  CalamariEmployeePage,
  CalamariHoliday,
  CalamariNamed,
  CalamariRequest,
  CalamariShift,
  CalamariTerminalAnswer,
  CalamariWorkingWeek,
} from './wire.ts';

/** What changes a few times a year at most: the person, their week, types, projects, holidays. */
const REFERENCE_TTL_MS = 60 * 60_000;
/**
 * One shift listing serves every call of a moment (the app's refresh asks for the timer, today, the
 * week and the last 30 days at once), for no longer than Kimai and Clockodo reuse the running timer,
 * so timer_status sees a shift begun elsewhere as soon as theirs would.
 */
export const SHIFTS_REUSE_MS = 2_000;
/** One listing of leave requests serves the calls of a moment, as one of shifts does. */
const REQUESTS_REUSE_MS = 5_000;
/**
 * A range of shifts that begins at most this many days before today is listed as all of those days:
 * the running shift, today, the week, the month so far and the app's last 30 days (with the night
 * before each) are then one listing, not one each.
 */
const RECENT_DAYS = 31;
/** A module found off is asked about again after a day; one found in use is trusted until it refuses. */
const MODULE_RECHECK_MS = 24 * 3_600_000;
/** A clock-in that finds a shift begun more than this before it was ignored by Calamari: one already ran. */
const SAME_START_TOLERANCE_MS = 90_000;
/** Shifts that began this long before a range are listed too (night shifts). */
const LOOKBACK_DAYS = 1;
/** Calamari's pages of employees are small; a team of a thousand is ten of them. */
const MAX_EMPLOYEE_PAGES = 50;

export interface CalamariTrackerOptions {
  profile: CalamariProfile;
  /** The organisation's key from the keychain or PUNCHCARD_CALAMARI_TOKEN; null when none is stored. */
  apiKey: () => Promise<string | null>;
  userDataDir: string;
  /** The settings' plan, where Calamari will not show the person's week or holidays to this key. */
  workWeek: () => WorkWeek;
  holidays: (from: string, to: string) => Promise<ReadonlyMap<string, string>>;
  now: () => number;
  log: Log;
  timeoutMs?: number;
}

type Module = Exclude<CalamariModule, 'people'>;

export function createCalamariTracker(options: CalamariTrackerOptions): CalamariTracker {
  return new CalamariTracker(options);
}

export class CalamariTracker implements TimeTracker {
  readonly type = 'calamari';
  readonly label: string;
  readonly #options: CalamariTrackerOptions;
  readonly #email: string;
  readonly #http: CalamariHttp;
  readonly #factsKey: string;
  #facts: CalamariFacts;
  readonly #capabilities: CapabilityState;
  /** The person as the employee list has them; null when the key may not read that list. */
  readonly #employee = new Expiring<CalamariEmployee | null>(REFERENCE_TTL_MS);
  readonly #absenceTypes = new Expiring<CalamariAbsenceType[]>(REFERENCE_TTL_MS);
  readonly #breakTypes = new Expiring<CalamariNamed[]>(REFERENCE_TTL_MS);
  readonly #projects = new Expiring<CalamariNamed[]>(REFERENCE_TTL_MS);
  readonly #workingWeeks = new Expiring<CalamariWorkingWeek[] | null>(REFERENCE_TTL_MS);
  /** By year; null where the key may not read the person's holiday calendar. */
  readonly #holidays = new ExpiringByKey<number, CalamariHoliday[] | null>(REFERENCE_TTL_MS);
  readonly #teamNames = new Expiring<Map<string, string>>(REFERENCE_TTL_MS);
  /** By the days listed ('from..to'); a write forgets them all. */
  readonly #shifts = new ExpiringByKey<string, CalamariShift[]>(SHIFTS_REUSE_MS);
  /** By the days asked about ('from..to'); filing a request forgets them all. */
  readonly #requests = new ExpiringByKey<string, CalamariRequest[]>(REQUESTS_REUSE_MS);

  constructor(options: CalamariTrackerOptions) {
    this.#options = options;
    this.#email = options.profile.email;
    this.label = `Calamari (${new URL(options.profile.url).host}, ${options.profile.email})`;
    this.#http = createCalamariHttp({
      baseUrl: options.profile.url,
      email: options.profile.email,
      apiKey: options.apiKey,
      log: options.log,
      ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
    });
    this.#factsKey = calamariFactsKey(options.profile);
    this.#facts = calamariFacts.read(options.userDataDir, this.#factsKey) ?? {};
    this.#capabilities = new CapabilityState(calamariCapabilities(this.#facts));
  }

  get capabilities(): ReadonlySet<Capability> {
    return this.#capabilities.current;
  }

  onCapabilitiesChange(listener: () => void): () => void {
    return this.#capabilities.subscribe(listener);
  }

  /**
   * Which modules answer for this key, asked only where it can change something: a module never
   * asked about, or one found off more than a day ago. A module in use is trusted until one of its
   * calls is refused (which withdraws its tools then), so an idle server asks Calamari nothing.
   */
  async detectFeatures(): Promise<void> {
    const checkedAt = Date.parse(this.#facts.checkedAt ?? '');
    const stale = Number.isNaN(checkedAt) || this.#options.now() - checkedAt > MODULE_RECHECK_MS;
    const unknown = (module: Module) => this.#facts[module] === undefined || (this.#facts[module] === false && stale);
    const modules = (['timeAndAttendance', 'timeOff'] as const).filter(unknown);
    if (modules.length === 0) return;
    try {
      await Promise.all(modules.map((module) => this.#probe(module)));
    } catch (error) {
      this.#options.log(`Could not ask Calamari which modules ${this.#email} may use: ${(error as Error).message}`);
    }
  }

  async testConnection(): Promise<ConnectionReport & { user?: { name: string; timezone: string } }> {
    try {
      // The person first: it alone tells a wrong address, a refused key and an unknown e-mail apart.
      // Read afresh, and their zone remembered, so the next start need not ask for it.
      this.#employee.invalidate();
      const employee = await this.#person();
      const [timeAndAttendance, timeOff] = await allSettled([this.#probe('timeAndAttendance'), this.#probe('timeOff')]);
      if (employee === null && !timeAndAttendance && !timeOff) {
        return {
          ok: false,
          verdict: 'no_permission',
          message: 'The Calamari API key may not use Time & Attendance, Time Off or the employee list. Ask your Calamari administrator for a key with those groups of endpoints.',
        };
      }
      const name = employee ? personName(employee) : this.#email;
      const modules = [`Time & Attendance ${timeAndAttendance ? 'in use' : 'not available to this key'}`, `Time Off ${timeOff ? 'in use' : 'not available to this key'}`];
      return {
        ok: true,
        verdict: 'ok',
        message:
          `Connected to Calamari at ${new URL(this.#options.profile.url).host} as ${name} (${this.#email}); ${modules.join('; ')}. ` +
          `The key is your organisation's; Punchcard uses it for ${this.#email} only.`,
        user: { name, timezone: employee?.timezone ?? '' },
      };
    } catch (error) {
      if (!(error instanceof RemoteError)) throw error;
      return failedConnection(error);
    }
  }

  async timeZone(): Promise<string | null> {
    return this.#facts.timezone ?? (await this.#person())?.timezone ?? null;
  }

  async whoami(): Promise<Person> {
    this.#employee.invalidate();
    const employee = await this.#person();
    const week = employee?.workingWeek ? (await this.#weeks())?.find((item) => item.id === employee.workingWeek?.id) : undefined;
    const modules = [
      `Time & Attendance ${this.#capabilities.current.has('timer') ? 'in use' : 'off'}`,
      `Time Off ${this.#capabilities.current.has('leave') ? 'in use' : 'off'}`,
    ];
    const name = employee ? personName(employee) : this.#email;
    return {
      name,
      connection:
        `Calamari at ${new URL(this.#options.profile.url).host} as ${name} (${this.#email}); ${modules.join('; ')}. ` +
        `The API key is the organisation's; Punchcard acts for ${this.#email} only.`,
      ...(week ? { workWeek: workWeekOf(week) } : {}),
      holidays: "Calamari's holiday calendar",
    };
  }

  // ---------------------------------------------------------------------------------------------
  // Shifts and breaks

  async runningEntry(): Promise<TimeEntry | null> {
    return this.#runningShift();
  }

  async startTimer(
    fields: Omit<EntryFields, 'end' | 'start'> & { start?: number },
    switchRunning: boolean,
  ): Promise<{ started: TimeEntry; stopped: TimeEntry | null }> {
    const at = fields.start ?? this.#options.now();
    const zone = await this.#zone();
    let stopped: TimeEntry | null = null;
    if (switchRunning) {
      const running = await this.#runningShift();
      if (running) {
        if (at < running.start) throw new ProviderError('invalid', 'The new shift would start before the running one did.');
        stopped = await this.#clockOut(running, at, zone);
      }
    }
    const answer = await this.#terminal('/clockin/terminal/v1/clock-in', {
      person: this.#email,
      time: formatWallClock(at, zone),
      ...(fields.projectId === null ? {} : { projectId: fields.projectId }),
      ...(fields.description ? { description: fields.description } : {}),
    }, 'start your shift');
    if (answer.shiftStatus !== 'STARTED') throw new CalamariError('wrong_service', 'Calamari did not start the shift (it answered that none is running). Try again, or clock in in Calamari.');
    // Calamari ignores a clock-in while a shift runs and still answers STARTED (calamari.md §5.2): the
    // shift it lists says whether this one began now or was running already.
    const shift = await this.#runningShift();
    if (!shift) throw new CalamariError('wrong_service', 'Calamari confirmed the clock-in but lists no running shift.');
    const otherProject = fields.projectId !== null && shift.project?.id !== fields.projectId;
    if (Math.abs(shift.start - at) > SAME_START_TOLERANCE_MS || otherProject) throw new TimerRunningError(shift);
    return { started: shift, stopped };
  }

  async stopTimer(end?: number, note?: string): Promise<TimeEntry> {
    if (note) throw new ProviderError('invalid', 'Calamari keeps no note when a shift ends; clock out without one (you can add a description in Calamari).');
    const running = await this.#runningShift();
    if (!running) throw new ProviderError('conflict', 'No shift is running.');
    const at = end ?? this.#options.now();
    if (at < running.start) throw new ProviderError('invalid', 'The end time is before the shift started.');
    return this.#clockOut(running, at, await this.#zone());
  }

  async breakTypes(): Promise<Ref[]> {
    return this.#breakTypes.get(() =>
      this.#post<CalamariNamed[]>('/clockin/terminal/v1/get-break-types-for-person', { person: this.#email }, { action: 'read your break types', module: 'timeAndAttendance' }),
    );
  }

  async startBreak(typeId: number | null): Promise<TimeEntry> {
    // The types give the default and the name the answer shows (kept for an hour: start_break has read them).
    const [shift, types] = await allSettled([this.#runningShift(), this.breakTypes()]);
    if (!shift) throw new ProviderError('conflict', 'No shift is running; clock in before taking a break.');
    const open = shift.breaks?.find((span) => span.end === null);
    if (open) throw new ProviderError('conflict', `A break (${open.type.name}) is already running; end it first.`);
    const type = typeId ?? types[0]?.id;
    if (type === undefined) throw new ProviderError('invalid', 'Calamari has no break type you may take; ask your Calamari administrator.');
    const at = this.#options.now();
    const answer = await this.#terminal('/clockin/terminal/v1/break-start', { person: this.#email, time: formatWallClock(at, await this.#zone()), breakType: type }, 'start your break');
    if (answer.breakStatus !== 'STARTED') throw new CalamariError('wrong_service', 'Calamari did not start the break.');
    const name = types.find((item) => item.id === type)?.name ?? 'Break';
    return { ...shift, breaks: [...(shift.breaks ?? []), { type: { id: type, name }, start: Math.floor(at / 1_000) * 1_000, end: null }] };
  }

  async endBreak(): Promise<TimeEntry> {
    const shift = await this.#runningShift();
    const open = shift?.breaks?.find((span) => span.end === null);
    if (!shift || !open) throw new ProviderError('conflict', shift ? 'No break is running.' : 'No shift is running.');
    const at = this.#options.now();
    const answer = await this.#terminal('/clockin/terminal/v1/break-stop', { person: this.#email, time: formatWallClock(at, await this.#zone()), breakType: open.type.id }, 'end your break');
    if (answer.breakStatus !== 'FINISHED') throw new CalamariError('wrong_service', 'Calamari did not end the break.');
    return { ...shift, breaks: (shift.breaks ?? []).map((span) => (span === open ? { ...span, end: Math.floor(at / 1_000) * 1_000 } : span)) };
  }

  // ---------------------------------------------------------------------------------------------
  // Shifts as entries

  async listEntries(query: EntryQuery): Promise<{ entries: TimeEntry[]; total: number }> {
    const zone = await this.#zone();
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
    const zone = await this.#zone();
    const project = fields.projectId === null ? null : ((await this.#personProjects()).find((item) => item.id === fields.projectId) ?? null);
    const body = {
      person: this.#email,
      shiftStart: formatWallClock(fields.start, zone),
      shiftEnd: formatWallClock(fields.end, zone),
      ...(fields.description ? { description: fields.description } : {}),
      ...(project ? { projects: [{ projectType: project.id, projectStart: formatWallClock(fields.start, zone), projectEnd: formatWallClock(fields.end, zone) }] } : {}),
    };
    const answer = await this.#post<{ id?: number } | undefined>('/clockin/timesheetentries/v1/create', body, { action: 'add the shift', module: 'timeAndAttendance' });
    this.#shifts.clear();
    const start = Math.floor(fields.start / 1_000) * 1_000;
    const end = Math.floor(fields.end / 1_000) * 1_000;
    if (typeof answer?.id === 'number') return { id: answer.id, start, end, project: project ? { id: project.id, name: project.name } : null, activity: null, description: fields.description, breaks: [] };
    // The answer of create is not documented: where it names no id, the shift is found where it was put.
    const added = (await this.#shiftsBetween(start, end, zone)).find((entry) => entry.start === start && entry.end === end);
    if (!added) throw new CalamariError('wrong_service', 'Calamari accepted the shift but does not list it; check your timesheet in Calamari before adding it again.');
    return added;
  }

  async updateEntry(): Promise<TimeEntry> {
    throw noShiftChanges();
  }

  async deleteEntry(): Promise<TimeEntry> {
    throw noShiftChanges();
  }

  async workSpans(from: number, to: number, now: number, projectId?: number): Promise<WorkSpan[]> {
    const shifts = await this.#shiftsBetween(from, to, await this.#zone());
    const spans: WorkSpan[] = [];
    for (const entry of shifts) {
      if (projectId !== undefined && entry.project?.id !== projectId) continue;
      for (const piece of workedPieces(entry, now)) {
        const start = Math.max(piece.start, from);
        const end = Math.min(piece.end, to);
        if (end > start) spans.push({ start, end, project: entry.project, activity: null });
      }
    }
    return spans;
  }

  async lastEntryEndingBetween(from: number, to: number): Promise<TimeEntry | null> {
    const shifts = await this.#shiftsBetween(from, to, await this.#zone());
    const ended = shifts.filter((entry) => entry.end !== null && entry.end > from && entry.end <= to);
    return ended.sort((a, b) => (b.end as number) - (a.end as number))[0] ?? null;
  }

  // ---------------------------------------------------------------------------------------------
  // The person's projects

  async catalog(_includeArchived: boolean, kinds?: readonly CatalogKind[]): Promise<Catalog> {
    const wants = !kinds || kinds.includes('project');
    const projects = wants ? await this.#personProjects() : [];
    return {
      customers: [],
      projects: projects.map((project): CatalogItem => ({ kind: 'project', id: project.id, name: project.name, archived: false, customer: null })),
      activities: [],
    };
  }

  async createCatalogItem(): Promise<CatalogItem> {
    throw new ProviderError('unavailable', "Calamari's projects are set up by its administrators; Punchcard cannot add one.");
  }

  async setArchived(): Promise<CatalogItem> {
    throw new ProviderError('unavailable', "Calamari's projects are set up by its administrators; Punchcard cannot archive one.");
  }

  // ---------------------------------------------------------------------------------------------
  // Leave

  async listLeave(query: { from: string; to: string }): Promise<LeaveRequest[]> {
    if (!this.#capabilities.current.has('leave')) return [];
    const [requests, name] = await allSettled([this.#ownRequests(query.from, query.to), this.#name()]);
    return requests.map((request) => toLeaveRequest(request, name)).sort((a, b) => a.firstDay.localeCompare(b.firstDay));
  }

  async createLeave(request: NewLeaveRequest): Promise<LeaveRequest> {
    const [types, existing, name] = await allSettled([this.#types(), this.#ownRequests(request.firstDay, request.lastDay), this.#name()]);
    const type = absenceTypeFor(types, request.type, request.kind);
    // Calamari's answer to an overlap is a code it documents for several mistakes: the overlap is found
    // here, and said with the request it meets.
    const clash = existing.map((item) => toLeaveRequest(item, name)).find((other) => (other.status === 'pending' || other.status === 'approved') && rangesOverlap(request, other));
    if (clash) {
      const span = clash.firstDay === clash.lastDay ? clash.firstDay : `${clash.firstDay} to ${clash.lastDay}`;
      throw new ProviderError('conflict', `That overlaps your ${clash.kind ?? clash.type} request #${clash.id} (${span}, ${clash.status}). Nothing was filed.`);
    }
    const answer = await this.#post<{ id: number }>(
      '/leave/request/v1/create',
      {
        employee: this.#email,
        absenceTypeId: String(type.id),
        dateFrom: request.firstDay,
        dateTo: request.lastDay,
        ...requestParts(request),
        ...(request.comment ? { comment: request.comment } : {}),
      },
      { action: 'file the leave request', module: 'timeOff' },
    );
    this.#requests.clear();
    return { ...request, id: answer.id, person: name, type: request.type, kind: type.name, status: 'pending' };
  }

  async cancelLeave(): Promise<LeaveRequest> {
    throw new ProviderError('unavailable', "Calamari's API cannot cancel a leave request; cancel it in Calamari (Requests).");
  }

  async leaveBalance(year: number): Promise<LeaveBalance> {
    const from = `${year}-01-01`;
    const to = `${year}-12-31`;
    const today = this.#today(await this.#zone());
    const [types, requests, plan] = await allSettled([this.#types(), this.#ownRequests(from, to), this.workPlan(from, to)]);
    const vacation = vacationType(types);
    // The balance as Calamari counts it on a day of that year: today within this year.
    const asOf = today < from ? from : today > to ? to : today;
    const balance = await this.#post<CalamariBalance>(
      '/leave/v1/entitlement-balance/get',
      { absenceTypeId: String(vacation.id), employee: this.#email, date: asOf },
      { action: 'read your vacation balance', module: 'timeOff' },
    );
    // Taken and planned are of the vacation type whose balance was read; another type Punchcard also
    // calls vacation draws on its own entitlement, so it counts in neither.
    const counted = requests.filter((raw) => raw.absenceTypeId === vacation.id || leaveTypeOfName(raw.absenceTypeName) !== 'vacation');
    const { taken, planned, other } = tallyLeave(
      counted.map((raw) => toLeaveRequest(raw, '')),
      planOf(plan),
      { from, to, today },
    );
    // Calamari says what is left, not what was granted (its API has no entitlement): the rest is counted here.
    return { entitlement: null, carryOver: null, taken, planned, remaining: balance.amount ?? 0, other, ...(balance.unlimited ? { unlimited: true } : {}) };
  }

  async teamAbsences(from: string, to: string): Promise<TeamAbsence[]> {
    const me = await this.#person();
    const name = me ? personName(me) : this.#email;
    const teams = (me?.teams ?? []).map((team) => team.id);
    if (teams.length === 0) {
      const own = await this.#ownRequests(from, to);
      return own.map((request) => teamAbsence(toLeaveRequest(request, name), true));
    }
    // By team, so no colleague is named in a request; of their absences only who, when and what kind.
    const [requests, names] = await allSettled([
      this.#post<CalamariRequest[]>('/leave/request/v1/find-advanced', { from, to, teams }, { action: "read your teams' absences", module: 'timeOff' }),
      this.#namesOfTeams(teams),
    ]);
    return requests.map((request) => {
      const own = request.employeeEmail?.toLowerCase() === this.#email;
      const person = own ? name : (names.get(request.employeeEmail?.toLowerCase() ?? '') ?? 'A colleague');
      return teamAbsence(toLeaveRequest({ ...request, comment: null, reason: null }, person), own);
    });
  }

  // ---------------------------------------------------------------------------------------------
  // The person's plan and balance

  async workPlan(from: string, to: string): Promise<PlannedDay[]> {
    const [employee, weeks, holidays] = await allSettled([this.#person(), this.#weeks(), this.#holidaysBetween(from, to)]);
    const week = employee?.workingWeek ? weeks?.find((item) => item.id === employee.workingWeek?.id) : undefined;
    if (!week) {
      // Calamari will not show this key the person's working week: the settings' week stands in.
      const names = new Map([...holidays].filter(([, day]) => !day.halfDay).map(([date, day]) => [date, day.name]));
      return weekPlanDays(from, to, this.#options.workWeek(), names);
    }
    return calamariPlan(from, to, week, holidays);
  }

  async timeAccount(from: string, to: string): Promise<TimeAccount | null> {
    const answer = await this.#post<Array<{ person?: { email?: string }; balance?: number }>>(
      '/clockin/timesheetentries/v1/balance',
      { from, to, employees: [this.#email] },
      { action: 'read your working-time balance', module: 'timeAndAttendance' },
    );
    const mine = answer.find((row) => row.person?.email === undefined || row.person.email.toLowerCase() === this.#email);
    if (typeof mine?.balance !== 'number') return null;
    return { balanceMinutes: Math.round(mine.balance / 60), label: `Calamari's balance from ${from} to ${to}` };
  }

  close(): void {
    this.#http.close();
    this.#capabilities.close();
  }

  // ---------------------------------------------------------------------------------------------
  // Requests

  /** One POST; a refusal of a module's call withdraws that module's tools (it is off, or not this key's). */
  async #post<T>(path: string, body: unknown, purpose: RequestPurpose): Promise<T> {
    try {
      return await this.#http.post<T>(path, body, purpose);
    } catch (error) {
      if (error instanceof CalamariError && error.status === 403 && purpose.module !== 'people') this.#learn({ [purpose.module]: false });
      throw error;
    }
  }

  /** A clock event; its `time` is the person's wall clock without zone or fraction, the one form Calamari takes (calamari.md §5.2). */
  async #terminal(path: string, body: Record<string, unknown>, action: string): Promise<CalamariTerminalAnswer> {
    try {
      return await this.#post<CalamariTerminalAnswer>(path, body, { action, module: 'timeAndAttendance' });
    } finally {
      this.#shifts.clear();
    }
  }

  /** A read the key may be refused (403): null then, and the caller does without (its words come from elsewhere). */
  async #optional<T>(path: string, body: unknown, purpose: RequestPurpose): Promise<T | null> {
    try {
      return await this.#post<T>(path, body, purpose);
    } catch (error) {
      if (error instanceof CalamariError && error.status === 403) return null;
      throw error;
    }
  }

  /** Whether a module answers for this key: one cheap read each, remembered. */
  async #probe(module: Module): Promise<boolean> {
    try {
      if (module === 'timeAndAttendance') {
        await this.#http.post('/clockin/shift/status/v1/get-current', { person: this.#email }, { action: 'read your shift status', module });
      } else {
        const types = await this.#http.post<CalamariAbsenceType[]>('/leave/v1/get-absence-types', {}, { action: 'read the absence types', module });
        this.#absenceTypes.get(async () => types);
      }
      this.#learn({ [module]: true });
      return true;
    } catch (error) {
      if (!(error instanceof CalamariError) || error.status !== 403) throw error;
      this.#learn({ [module]: false });
      return false;
    }
  }

  #learn(learned: Partial<Record<Module, boolean>> & { timezone?: string }): void {
    const modulesAsked = 'timeAndAttendance' in learned || 'timeOff' in learned;
    const update: CalamariFacts = { ...learned, ...(modulesAsked ? { checkedAt: new Date(this.#options.now()).toISOString() } : {}) };
    this.#facts = { ...this.#facts, ...update };
    calamariFacts.write(this.#options.userDataDir, this.#factsKey, update, this.#options.log);
    if (!this.#capabilities.set(calamariCapabilities(this.#facts))) return;
    const dropped = (['timeAndAttendance', 'timeOff'] as const).filter((module) => this.#facts[module] === false).map((module) => moduleName(module));
    this.#options.log(`Calamari tools follow the modules this key may use${dropped.length ? `; not available: ${dropped.join(', ')}` : ''}.`);
  }

  // ---------------------------------------------------------------------------------------------
  // The person

  /** The person from the employee list; null when the key may not read it (names and zones then come from elsewhere). */
  #person(): Promise<CalamariEmployee | null> {
    return this.#employee.get(async () => {
      const employee = await this.#readEmployee();
      if (employee?.timezone && employee.timezone !== this.#facts.timezone) this.#learn({ timezone: employee.timezone });
      return employee;
    });
  }

  async #readEmployee(): Promise<CalamariEmployee | null> {
    const page = await this.#optional<CalamariEmployeePage>('/employees/v1/search', { employee: this.#email }, { action: 'find you among the employees', module: 'people' });
    if (!page) return null;
    const employee = page.employees.find((item) => item.email.toLowerCase() === this.#email && item.archived !== true);
    if (!employee) {
      throw unknownEmployee(this.#email);
    }
    return employee;
  }

  async #name(): Promise<string> {
    const employee = await this.#person();
    return employee ? personName(employee) : this.#email;
  }

  async #zone(): Promise<string> {
    return (await this.timeZone()) ?? systemTimeZone();
  }

  #today(zone: string): string {
    return localDate(this.#options.now(), zone);
  }

  // ---------------------------------------------------------------------------------------------
  // Shifts

  /** The running shift, from the listing of the moment: one begun yesterday may still run (a night shift). */
  async #runningShift(): Promise<TimeEntry | null> {
    const zone = await this.#zone();
    const today = this.#today(zone);
    const shifts = await this.#shiftsOfDays(addDays(today, -1), today, zone);
    return shifts.find((entry) => entry.end === null) ?? null;
  }

  async #clockOut(running: TimeEntry, at: number, zone: string): Promise<TimeEntry> {
    const answer = await this.#terminal('/clockin/terminal/v1/clock-out', { person: this.#email, time: formatWallClock(at, zone) }, 'end your shift');
    if (answer.shiftStatus !== 'FINISHED') throw new CalamariError('wrong_service', 'Calamari did not end the shift.');
    const end = Math.floor(at / 1_000) * 1_000;
    // Calamari closes a running break where the shift ends.
    return { ...running, end, breaks: (running.breaks ?? []).map((span) => (span.end === null ? { ...span, end } : span)) };
  }

  /** Shifts overlapping [from, to), by the person's days. */
  async #shiftsBetween(from: number, to: number, zone: string): Promise<TimeEntry[]> {
    const shifts = await this.#shiftsOfDays(addDays(localDate(from, zone), -LOOKBACK_DAYS), localDate(to - 1, zone), zone);
    return shifts.filter((entry) => entry.start < to && (entry.end ?? Number.POSITIVE_INFINITY) >= from);
  }

  /**
   * The person's shifts that began on [from, to] (days), or more. Calamari lists by the day a shift
   * began, and none begins after today (Punchcard sends no future time, Calamari takes no shift that
   * ends ahead), so the days after tomorrow are never asked about; tomorrow is, because the API does
   * not say in which zone it counts days. A range within RECENT_DAYS is listed as all of them.
   */
  async #shiftsOfDays(from: string, to: string, zone: string): Promise<TimeEntry[]> {
    const today = this.#today(zone);
    const tomorrow = addDays(today, 1);
    if (from > tomorrow) return [];
    const recent = addDays(today, -RECENT_DAYS);
    const [first, last] = from >= recent ? [recent, tomorrow] : [from, to < tomorrow ? to : tomorrow];
    const shifts = await this.#shifts.get(`${first}..${last}`, () =>
      this.#post<CalamariShift[]>('/clockin/timesheetentries/v1/find', { from: first, to: last, employees: [this.#email] }, { action: 'read your shifts', module: 'timeAndAttendance' }),
    );
    // Only the person's own, whatever the answer holds.
    return shifts.filter((shift) => shift.person?.email === undefined || shift.person.email.toLowerCase() === this.#email).map(toTimeEntry);
  }

  #personProjects(): Promise<CalamariNamed[]> {
    return this.#projects.get(() =>
      this.#post<CalamariNamed[]>('/clockin/projects/v1/get-projects-for-person', { person: this.#email }, { action: 'read your projects', module: 'timeAndAttendance' }),
    );
  }

  // ---------------------------------------------------------------------------------------------
  // Leave, plan, colleagues

  #types(): Promise<CalamariAbsenceType[]> {
    return this.#absenceTypes.get(() => this.#post<CalamariAbsenceType[]>('/leave/v1/get-absence-types', {}, { action: 'read the absence types', module: 'timeOff' }));
  }

  /** The person's requests overlapping [from, to]. */
  #ownRequests(from: string, to: string): Promise<CalamariRequest[]> {
    return this.#requests.get(`${from}..${to}`, () =>
      this.#post<CalamariRequest[]>('/leave/request/v1/find', { employee: this.#email, from, to }, { action: 'list your leave requests', module: 'timeOff' }),
    );
  }

  #weeks(): Promise<CalamariWorkingWeek[] | null> {
    return this.#workingWeeks.get(() => this.#optional<CalamariWorkingWeek[]>('/working-week/v1/all', {}, { action: 'read the working weeks', module: 'people' }));
  }

  /** The person's holidays of the years [from, to] touches, the years read at once. */
  async #holidaysBetween(from: string, to: string): Promise<Map<string, { name: string; halfDay: boolean }>> {
    const first = Number(from.slice(0, 4));
    const years = Array.from({ length: Number(to.slice(0, 4)) - first + 1 }, (_, index) => first + index);
    const byYear = await allSettled(years.map((year) => this.#holidaysOfYear(year)));
    return new Map(byYear.flatMap((days) => [...days]));
  }

  /** One year's holidays: Calamari's calendar of the person, the settings' where the key may not read it. */
  async #holidaysOfYear(year: number): Promise<Map<string, { name: string; halfDay: boolean }>> {
    const [from, to] = [`${year}-01-01`, `${year}-12-31`];
    const holidays = await this.#holidays.get(year, () =>
      this.#optional<CalamariHoliday[]>('/holiday/v1/find', { employee: this.#email, from, to }, { action: 'read your public holidays', module: 'people' }),
    );
    if (holidays) return holidayDays(holidays, from, to);
    return new Map([...(await this.#options.holidays(from, to))].map(([date, name]) => [date, { name, halfDay: false }]));
  }

  /** Names of the people of the person's teams, by e-mail; read by team, page by page. */
  #namesOfTeams(teams: readonly number[]): Promise<Map<string, string>> {
    return this.#teamNames.get(async () => {
      const names = new Map<string, string>();
      for (let page = 0; page < MAX_EMPLOYEE_PAGES; page++) {
        const answer = await this.#optional<CalamariEmployeePage>('/employees/v1/search', { teams, page }, { action: "read your teams' names", module: 'people' });
        if (!answer) break;
        for (const employee of answer.employees) names.set(employee.email.toLowerCase(), personName(employee));
        if (answer.totalPages === undefined || page + 1 >= answer.totalPages) break;
      }
      return names;
    });
  }
}

/** The organisation's vacation type, or a sentence saying none is recognisable as one. */
function vacationType(types: readonly CalamariAbsenceType[]): CalamariAbsenceType {
  try {
    return absenceTypeFor(types, 'vacation', undefined);
  } catch {
    const names = types.map((type) => `"${type.name}"`).join(', ') || 'none';
    throw new ProviderError('unavailable', `Punchcard recognises no vacation type among your organisation's Calamari types (${names}), so it cannot read a vacation balance.`);
  }
}

function personName(person: { firstName?: string | undefined; lastName?: string | undefined; email?: string | undefined }): string {
  return [person.firstName, person.lastName].filter(Boolean).join(' ') || (person.email ?? 'you');
}

function noShiftChanges(): ProviderError {
  return new ProviderError('unavailable', "Calamari's API cannot change or delete a shift; do that in Calamari.");
}

function teamAbsence(request: LeaveRequest, own: boolean): TeamAbsence {
  return {
    person: request.person,
    own,
    type: request.type,
    ...(request.kind ? { kind: request.kind } : {}),
    ...(request.workingElsewhere ? { workingElsewhere: true } : {}),
    firstDay: request.firstDay,
    lastDay: request.lastDay,
    firstDayPart: request.firstDayPart,
    lastDayPart: request.lastDayPart,
    status: request.status,
  };
}

