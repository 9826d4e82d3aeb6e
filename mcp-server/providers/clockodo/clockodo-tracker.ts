// Clockodo as a Punchcard back end (clockodo.md, and the research notes on Clockodo's OpenAPI file):
// the TimeTracker interface over Clockodo's REST API, acting with the person's own login and API key
// only. Every "my …" request names the person's own id and no other; a record that turns out to be
// someone else's is refused in words. Conversions and error texts are pure modules beside this one;
// this file decides which requests a call makes and keeps them few: the person, the catalog and the
// access maps, the target hours and non-business days are cached, and the person's id, zone and rights
// are remembered between starts (facts.ts), so a warm clock_in, clock_out or timer_status costs two
// requests at most.
import type { ClockodoProfile, WorkWeek } from '../../contract/settings.ts';
import { tallyLeave } from '../../domain/leave-tally.ts';
import { splitLeave } from '../../domain/leave-parts.ts';
import { localDate } from '../../domain/time.ts';
import { type PlannedDay, planOf, weekPlanDays } from '../../domain/work-plan.ts';
import type { Log } from '../../log.ts';
import { CapabilityState } from '../capability-state.ts';
import { allSettled, Expiring, ExpiringByKey, mapWithLimit } from '../http/cache.ts';
import { ensureRequests } from '../http/request-budget.ts';
import { type ConnectionReport, failedConnection, hostOf, RemoteError } from '../http/remote-error.ts';
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
  type TeamAbsence,
  type TimeAccount,
  type TimeEntry,
  type TimeTracker,
  TimerRunningError,
  type WorkSpan,
} from '../time-tracker.ts';
import { clockodoCapabilities } from './capabilities.ts';
import { ClockodoError, type RequestPurpose } from './errors.ts';
import { clockodoFacts, clockodoFactsKey, type ClockodoFacts } from './facts.ts';
import { type ClockodoHttp, createClockodoHttp, MAX_PARALLEL_REQUESTS, type QueryValue } from './http-client.ts';
import {
  absenceLastDay,
  absenceTypeCode,
  clockodoPlan,
  clockodoTime,
  HOURS_BASED,
  instantOf,
  isLumpSum,
  leaveStatusOf,
  leaveTypeOf,
  mayBook,
  mayUseService,
  type NameBook,
  type NonbusinessDay,
  projectItem,
  toLeaveRequest,
  toTimeEntry,
  workWeekOn,
} from './mapping.ts';
import type {
  ClockodoAbsence,
  ClockodoAccess,
  ClockodoClock,
  ClockodoCompany,
  ClockodoCustomer,
  ClockodoEntry,
  ClockodoMe,
  ClockodoNonbusinessDay,
  ClockodoPaging,
  ClockodoProject,
  ClockodoService,
  ClockodoServiceAccess,
  ClockodoTargetHours,
  ClockodoUser,
  ClockodoUserReport,
} from './wire.ts';

/** The person and the company change rarely: one read per five minutes. */
const IDENTITY_TTL_MS = 5 * 60_000;
/** A start reads the person's rights and the company's modules again when they are older than this. */
const RECHECK_MS = 24 * 3_600_000;
/** update_time_entry reads the entry, then changes it: the read of a moment ago is reused. */
const ENTRY_REUSE_MS = 2_000;
/** Customers, projects, services and access maps: a colleague may add one; five minutes is stale enough, and a miss reloads. */
const CATALOG_TTL_MS = 5 * 60_000;
/** Target hours and non-business days change a few times a year. */
const PLAN_TTL_MS = 60 * 60_000;
/** Absences: a manager may approve one meanwhile. */
const ABSENCES_TTL_MS = 60_000;
/** clock_out asks for the running clock and then stops it; the answer of a moment ago is reused. */
const CLOCK_REUSE_MS = 2_000;
/** Clockodo's largest page of entries (research notes §5.1) and of catalog lists (§6.1). */
const ENTRY_PAGE = 1_000;
const CATALOG_PAGE = 5_000;
const USER_PAGE = 1_000;
/** Entries that began this long before a report's range are fetched too (night shifts). */
const SPAN_LOOKBACK_MS = 24 * 3_600_000;
/** How far back clock_in looks for the entry to resume. */
const RESUME_LOOKBACK_DAYS = [7, 90];

export interface ClockodoTrackerOptions {
  profile: ClockodoProfile;
  /** The API key from the keychain or PUNCHCARD_CLOCKODO_TOKEN; null when none is stored. */
  apiKey: () => Promise<string | null>;
  userDataDir: string;
  /** The settings' plan, used where Clockodo will not show the person's own targets or holidays. */
  workWeek: () => WorkWeek;
  holidays: (from: string, to: string) => Promise<ReadonlyMap<string, string>>;
  now: () => number;
  log: Log;
  timeoutMs?: number;
}

interface Identity {
  user: ClockodoUser;
  /** Absent where only /v4/users/me answered. */
  company: ClockodoCompany | undefined;
}

interface Lists {
  customers: ClockodoCustomer[];
  projects: ClockodoProject[];
  services: ClockodoService[];
}

/** A catalog list with its items by id, indexed once per load: every entry shown looks its names up. */
interface Indexed<T extends { id: number }> {
  all: T[];
  byId: ReadonlyMap<number, T>;
}

/** What a new entry or timer books on. */
interface Booking {
  customerId: number;
  projectId: number | null;
  serviceId: number;
  text: string;
}

export function createClockodoTracker(options: ClockodoTrackerOptions): ClockodoTracker {
  return new ClockodoTracker(options);
}

export class ClockodoTracker implements TimeTracker {
  readonly type = 'clockodo';
  readonly label: string;
  readonly #options: ClockodoTrackerOptions;
  readonly #http: ClockodoHttp;
  readonly #factsKey: string;
  #facts: ClockodoFacts;
  readonly #capabilities: CapabilityState;
  readonly #identity = new Expiring<Identity>(IDENTITY_TTL_MS);
  readonly #customers = new Expiring<ClockodoCustomer[]>(CATALOG_TTL_MS);
  readonly #projects = new Expiring<Indexed<ClockodoProject>>(CATALOG_TTL_MS);
  readonly #services = new Expiring<Indexed<ClockodoService>>(CATALOG_TTL_MS);
  readonly #access = new Expiring<ClockodoAccess>(CATALOG_TTL_MS);
  readonly #serviceAccess = new Expiring<ClockodoServiceAccess>(CATALOG_TTL_MS);
  readonly #clock = new Expiring<ClockodoEntry | null>(CLOCK_REUSE_MS);
  readonly #targetHours = new Expiring<ClockodoTargetHours[] | 'refused'>(PLAN_TTL_MS);
  /** By year. */
  readonly #nonbusiness = new ExpiringByKey<number, Map<string, NonbusinessDay> | 'refused'>(PLAN_TTL_MS);
  /** By the years asked for, e.g. '2026' or '2026,2027'. */
  readonly #absences = new ExpiringByKey<string, ClockodoAbsence[]>(ABSENCES_TTL_MS);
  readonly #colleagues = new Expiring<Map<number, string>>(IDENTITY_TTL_MS);
  #lastRead: { entry: ClockodoEntry; at: number } | undefined;

  constructor(options: ClockodoTrackerOptions) {
    this.#options = options;
    this.label = `Clockodo (${options.profile.email})`;
    this.#http = createClockodoHttp({
      baseUrl: options.profile.url,
      email: options.profile.email,
      apiKey: options.apiKey,
      log: options.log,
      ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
    });
    this.#factsKey = clockodoFactsKey(options.profile);
    this.#facts = clockodoFacts.read(options.userDataDir, this.#factsKey) ?? {};
    this.#capabilities = new CapabilityState(clockodoCapabilities(this.#facts));
  }

  get capabilities(): ReadonlySet<Capability> {
    return this.#capabilities.current;
  }

  onCapabilitiesChange(listener: () => void): () => void {
    return this.#capabilities.subscribe(listener);
  }

  /**
   * Reads the person and the company in the background: their rights and modules decide the tools.
   * What an earlier start (or the app's connection test) learned today is trusted, so a start costs
   * no request of its own; whoami and the connection test read afresh whenever asked.
   */
  async detectFeatures(): Promise<void> {
    const checkedAt = Date.parse(this.#facts.checkedAt ?? '');
    if (this.#facts.userId !== undefined && !Number.isNaN(checkedAt) && this.#options.now() - checkedAt < RECHECK_MS) return;
    try {
      await this.#me(true);
    } catch (error) {
      this.#options.log(`Could not ask Clockodo what ${this.#options.profile.email} may do: ${(error as Error).message}`);
    }
  }

  async testConnection(): Promise<ConnectionReport & { user?: { name: string; timezone: string } }> {
    try {
      const identity = await this.#me(true);
      // The person may read their own clock: the least any Clockodo login can do.
      await this.#http.request<ClockodoClock>({ method: 'GET', path: '/v2/clock', purpose: { action: 'read your running clock' } });
      return {
        ok: true,
        verdict: 'ok',
        message: `Connected to ${this.#connectionLine(identity)}`,
        user: { name: this.#nameOf(identity.user), timezone: identity.user.timezone ?? '' },
      };
    } catch (error) {
      if (!(error instanceof RemoteError)) throw error;
      return failedConnection(error);
    }
  }

  async timeZone(): Promise<string | null> {
    return this.#facts.timezone ?? (await this.#me()).user.timezone ?? null;
  }

  async whoami(): Promise<Person> {
    const today = this.#today();
    const [identity, rows] = await allSettled([this.#me(true), this.#targetRows()]);
    const week = rows === 'refused' ? undefined : workWeekOn(rows, today);
    return {
      name: this.#nameOf(identity.user),
      connection: this.#connectionLine(identity),
      ...(week ? { workWeek: week } : {}),
      holidays: "Clockodo's non-business days",
    };
  }

  // ---------------------------------------------------------------------------------------------
  // Timer

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
    const booking: Promise<Booking> = fields.projectId === null && fields.activityId === null ? this.#resumeBooking(fields.description) : this.#namedBooking(fields);
    const [{ customerId, projectId, serviceId, text }, running] = await allSettled([booking, needsCheck ? this.#running(false) : Promise.resolve(null)]);
    if (running && !switchRunning) throw new TimerRunningError(await this.#entry(running));
    let stopped: TimeEntry | null = null;
    if (running && fields.start !== undefined) {
      // Clockodo stops the old clock when the new one starts, at the moment it starts; a past start
      // must end the old one there, first.
      if (fields.start < instantOf(running.time_since)) throw new ProviderError('invalid', 'The new timer would start before the running one did.');
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
    this.#clock.invalidate();
    const answer = await this.#http.request<ClockodoClock>({ method: 'POST', path: '/v2/clock', body, purpose: { action: 'start the timer' } });
    if (!answer.running) throw new ClockodoError('wrong_service', 'Clockodo accepted the start but sent no running entry back.');
    const started = await this.#entry(answer.running);
    if (!stopped && answer.stopped) stopped = await this.#entry(answer.stopped);
    return { started, stopped };
  }

  async stopTimer(end?: number, note?: string): Promise<TimeEntry> {
    const running = await this.#running(true);
    if (!running) throw new ProviderError('conflict', 'No timer is running.');
    if (end !== undefined && end < instantOf(running.time_since)) throw new ProviderError('invalid', 'The end time is before the timer started.');
    // The note goes onto the running entry first (Clockodo edits running entries too): if it is
    // refused, the timer still runs and nothing changed.
    if (note) {
      const text = running.text ? `${running.text}\n${note}` : note;
      await this.#http.request({ method: 'PUT', path: `/v2/entries/${running.id}`, body: { text }, purpose: { action: 'add the note', notFound: notFound(running.id) } });
      return this.#stopClock({ ...running, text }, end);
    }
    return this.#stopClock(running, end);
  }

  // ---------------------------------------------------------------------------------------------
  // Entries

  async listEntries(query: EntryQuery): Promise<{ entries: TimeEntry[]; total: number }> {
    // Clockodo pages by number; a page size equal to the limit covers [offset, offset+limit) in at
    // most two pages, and in one when the offset is a multiple of the limit (the usual case).
    const size = Math.min(query.limit, ENTRY_PAGE);
    const firstPage = Math.floor(query.offset / size) + 1;
    const lastPage = Math.floor((query.offset + query.limit - 1) / size) + 1;
    const filter = await this.#entryFilter(query.from, query.to, query.projectId);
    const first = await this.#entryPage(filter, firstPage, size);
    const entries = [...first.entries];
    if (lastPage > firstPage && firstPage < first.paging.count_pages) entries.push(...(await this.#entryPage(filter, lastPage, size)).entries);
    const skip = query.offset - (firstPage - 1) * size;
    const names = entries.length > 0 ? await this.#names() : NO_NAMES;
    return { entries: entries.slice(skip, skip + query.limit).map((entry) => toTimeEntry(entry, names)), total: first.paging.count_items };
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
      ...(fields.description ? { text: fields.description } : {}),
    };
    const answer = await this.#http.request<{ entry: ClockodoEntry }>({ method: 'POST', path: '/v2/entries', body, purpose: { action: 'log the time' } });
    return this.#entry(answer.entry);
  }

  async updateEntry(id: number, patch: Partial<EntryFields>): Promise<TimeEntry> {
    const current = await this.#ownEntry(id, 'change');
    const body: Record<string, unknown> = {};
    if (patch.start !== undefined) body.time_since = clockodoTime(patch.start);
    if (patch.end !== undefined) body.time_until = patch.end === null ? null : clockodoTime(patch.end);
    if (patch.description !== undefined) body.text = patch.description;
    if (patch.activityId === null) throw new ProviderError('invalid', 'Clockodo books every time entry on a service; name another activity instead of clearing it.');
    if (patch.activityId !== undefined) {
      await this.#requireService(patch.activityId);
      body.services_id = patch.activityId;
    }
    if (patch.projectId === null) {
      if ((await this.#me()).company?.allow_entries_for_customers !== true) {
        throw new ProviderError('invalid', 'Your Clockodo books every entry on a project; name another project instead of clearing it.');
      }
      body.projects_id = null;
    } else if (patch.projectId !== undefined) {
      const project = await this.#bookableProject(patch.projectId);
      body.projects_id = project.id;
      body.customers_id = project.customers_id;
    }
    if (Object.keys(body).length === 0) return this.#entry(current);
    return this.#changeEntry(id, body, `change time entry #${id}`);
  }

  async deleteEntry(id: number): Promise<TimeEntry> {
    const current = await this.#ownEntry(id, 'delete');
    const shown = await this.#entry(current);
    await this.#http.request({ method: 'DELETE', path: `/v2/entries/${id}`, purpose: { action: `delete time entry #${id}`, notFound: notFound(id) } });
    if (current.time_until === null) this.#clock.invalidate();
    return shown;
  }

  async workSpans(from: number, to: number, now: number, projectId?: number): Promise<WorkSpan[]> {
    const filter = await this.#entryFilter(from - SPAN_LOOKBACK_MS, to, projectId);
    const entries = await this.#allEntries(filter);
    // Names only where there is something to name (an empty week costs no catalog).
    const names = entries.length > 0 ? await this.#names() : NO_NAMES;
    const spans: WorkSpan[] = [];
    for (const raw of entries) {
      if (isLumpSum(raw)) continue;
      const entry = toTimeEntry(raw, names);
      const start = Math.max(entry.start, from);
      const end = Math.min(entry.end ?? now, to);
      if (end > start) spans.push({ start, end, project: entry.project, activity: entry.activity });
    }
    return spans;
  }

  async lastEntryEndingBetween(from: number, to: number): Promise<TimeEntry | null> {
    const filter = await this.#entryFilter(from - SPAN_LOOKBACK_MS, to);
    const entries = (await this.#allEntries(filter)).filter((entry) => !isLumpSum(entry) && entry.time_until !== null);
    let latest: ClockodoEntry | undefined;
    for (const entry of entries) {
      const end = instantOf(entry.time_until as string);
      if (end > from && end <= to && (!latest || end > instantOf(latest.time_until as string))) latest = entry;
    }
    return latest ? this.#entry(latest) : null;
  }

  // ---------------------------------------------------------------------------------------------
  // Catalog

  async catalog(includeArchived: boolean, kinds?: readonly CatalogKind[]): Promise<Catalog> {
    const wants = (kind: CatalogKind) => !kinds || kinds.includes(kind);
    const [lists, access, serviceAccess] = await allSettled([this.#lists(kinds), this.#accessMap(), this.#serviceAccessMap()]);
    const customerNames = new Map(lists.customers.map((customer) => [customer.id, customer.name]));
    // Only what the person may book on: what the company has beyond that is not theirs to use.
    const customers = lists.customers
      .filter((customer) => mayBook(access.add, customer.id, null) || lists.projects.some((project) => project.customers_id === customer.id && mayBook(access.add, customer.id, project.id)))
      .map((customer): CatalogItem => ({ kind: 'customer', id: customer.id, name: customer.name, archived: !customer.active }));
    const projects = lists.projects.filter((project) => mayBook(access.add, project.customers_id, project.id)).map((project) => projectItem(project, customerNames.get(project.customers_id)));
    const activities = lists.services
      .filter((service) => mayUseService(serviceAccess.add, service.id))
      .map((service): CatalogItem => ({ kind: 'activity', id: service.id, name: service.name, archived: !service.active, project: null }));
    const keep = (items: CatalogItem[]) => (includeArchived ? items : items.filter((item) => !item.archived));
    return {
      customers: wants('customer') ? keep(customers) : [],
      projects: wants('project') ? keep(projects) : [],
      activities: wants('activity') ? keep(activities) : [],
    };
  }

  async createCatalogItem(item: { kind: CatalogKind; name: string; customerId?: number; projectId?: number }): Promise<CatalogItem> {
    if (item.kind === 'activity' && item.projectId !== undefined) {
      throw new ProviderError('invalid', "Clockodo's services belong to no project; add the activity without a parent.");
    }
    if (item.kind === 'project' && item.customerId === undefined) {
      throw new ProviderError('invalid', 'Every Clockodo project belongs to a customer: name one as the parent (see list_catalog).');
    }
    const path = CATALOG_PATHS[item.kind];
    const body = item.kind === 'project' ? { name: item.name, customers_id: item.customerId } : { name: item.name };
    const created = await this.#http.request<{ data: ClockodoCustomer & ClockodoProject & ClockodoService }>({
      method: 'POST',
      path,
      body,
      purpose: { action: `add the ${item.kind === 'activity' ? 'service' : item.kind} "${item.name}"` },
    });
    this.#forgetCatalog();
    return this.#catalogItem(item.kind, created.data);
  }

  async setArchived(kind: CatalogKind, id: number, archived: boolean): Promise<CatalogItem> {
    const changed = await this.#http.request<{ data: ClockodoCustomer & ClockodoProject & ClockodoService }>({
      method: 'PUT',
      path: `${CATALOG_PATHS[kind]}/${id}`,
      body: { active: !archived },
      purpose: { action: `${archived ? 'archive' : 'restore'} ${kind === 'activity' ? 'service' : kind} #${id}`, notFound: `There is no ${kind === 'activity' ? 'service' : kind} #${id} in Clockodo.` },
    });
    this.#forgetCatalog();
    return this.#catalogItem(kind, changed.data);
  }

  // ---------------------------------------------------------------------------------------------
  // Leave

  async listLeave(query: { from: string; to: string }): Promise<LeaveRequest[]> {
    if (!this.#capabilities.current.has('leave')) return [];
    const [absences, me] = await allSettled([this.#ownAbsences(query.from, query.to), this.#me()]);
    const person = this.#nameOf(me.user);
    return absences.filter((absence) => overlaps(absence, query.from, query.to)).map((absence) => toLeaveRequest(absence, person)).sort((a, b) => a.firstDay.localeCompare(b.firstDay));
  }

  async createLeave(request: NewLeaveRequest): Promise<LeaveRequest> {
    const code = absenceTypeCode(request.type, request.kind);
    if (code === HOURS_BASED) throw new ProviderError('invalid', 'Clockodo books a reduction of overtime in hours; Punchcard files leave in days. File it in Clockodo.');
    // Clockodo takes no absence across New Year, and half a day only as a one-day absence.
    const parts = splitLeave(request);
    const me = await this.#me();
    const file = async (part: (typeof parts)[number]) => {
      const body = {
        date_since: part.firstDay,
        date_until: part.lastDay,
        type: code,
        ...(part.halfDay ? { half_day: true } : {}),
        ...(request.comment ? { note: request.comment } : {}),
      };
      try {
        const answer = await this.#http.request<{ data: ClockodoAbsence }>({ method: 'POST', path: '/v4/absences', body, purpose: { action: 'file the leave request' } });
        return answer.data;
      } catch (error) {
        throw await this.#explainCollision(error, part);
      }
    };
    const created: ClockodoAbsence[] = [];
    try {
      // One after another: Clockodo checks each against the ones before (overlaps).
      for (const part of parts) created.push(await file(part));
    } finally {
      this.#absences.clear();
    }
    const person = this.#nameOf(me.user);
    const first = toLeaveRequest(created[0] as ClockodoAbsence, person);
    const days = created.reduce((sum, absence) => sum + (absence.count_days ?? 0), 0);
    return {
      ...request,
      id: first.id,
      person,
      ...leaveTypeOf(code),
      days: created.every((absence) => typeof absence.count_days === 'number') ? days : request.days,
      status: first.status,
      ...(created.length > 1 ? { parts: created.map((absence) => ({ id: absence.id, firstDay: absence.date_since, lastDay: absenceLastDay(absence) })) } : {}),
    };
  }

  async cancelLeave(id: number): Promise<LeaveRequest> {
    const me = await this.#me();
    const answer = await this.#http.request<{ data: ClockodoAbsence }>({
      method: 'GET',
      path: `/v4/absences/${id}`,
      purpose: { action: `read absence #${id}`, notFound: `There is no absence #${id} of yours in Clockodo.` },
    });
    const absence = answer.data;
    if (absence.users_id !== me.user.id) throw new ProviderError('denied', `Absence #${id} is not yours; Punchcard only cancels your own requests.`);
    const request = toLeaveRequest(absence, this.#nameOf(me.user));
    const purpose: RequestPurpose = { action: `withdraw absence #${id}`, notFound: `There is no absence #${id} of yours in Clockodo.` };
    if (request.status === 'approved') {
      // Cancelling an approval takes someone who manages absences; a person who does may do it for their own.
      if (me.user.role !== 'owner' && me.user.can_generally_manage_absences !== true) {
        throw new ProviderError('conflict', `Absence #${id} is already approved; only a manager can cancel it in Clockodo. Ask whoever approved it.`);
      }
      try {
        // Status 3 is "approval cancelled".
        await this.#http.request({ method: 'PUT', path: `/v4/absences/${id}`, body: { status: 3 }, purpose: { ...purpose, action: `cancel the approval of absence #${id}` } });
      } finally {
        this.#absences.clear();
      }
      return { ...request, status: 'cancelled' };
    }
    if (request.status !== 'pending') throw new ProviderError('conflict', `Absence #${id} is already ${request.status}.`);
    try {
      // Status 4 is "request cancelled": the request stays listed as withdrawn, as on the web.
      await this.#http.request({ method: 'PUT', path: `/v4/absences/${id}`, body: { status: 4 }, purpose });
    } catch (error) {
      // Where a worker may not set the status, deleting the unapproved request is what is left.
      if (!(error instanceof ClockodoError) || !(error.status === 403 || error.errorType === 'StatusIsForbidden')) throw error;
      await this.#http.request({ method: 'DELETE', path: `/v4/absences/${id}`, purpose });
    } finally {
      this.#absences.clear();
    }
    return { ...request, status: 'cancelled' };
  }

  async leaveBalance(year: number): Promise<LeaveBalance> {
    const me = await this.#me();
    const from = `${year}-01-01`;
    const to = `${year}-12-31`;
    const userId = me.user.id;
    const [quota, carry, absences, plan] = await allSettled([
      this.#http.request<{ data: Array<{ year_since: number; year_until: number | null; count: number }> }>({
        method: 'GET',
        path: '/v2/holidaysQuota',
        query: { users_id: userId, year },
        purpose: { action: 'read your vacation entitlement' },
      }),
      this.#http.request<{ data: Array<{ year: number; count: number }> }>({
        method: 'GET',
        path: '/v3/holidaysCarry',
        query: { users_id: userId, year },
        purpose: { action: 'read your carried-over vacation' },
      }),
      this.#ownAbsences(from, to),
      this.workPlan(from, to),
    ]);
    const entitled = quota.data.find((row) => row.year_since <= year && (row.year_until === null || row.year_until >= year))?.count ?? 0;
    const carryOver = carry.data.find((row) => row.year === year)?.count ?? 0;
    // Each day of a request counts where it falls: taken before today, planned from today on.
    const requests = absences.map((absence) => toLeaveRequest(absence, ''));
    const { taken, planned, other } = tallyLeave(requests, planOf(plan), { from, to, today: this.#today() });
    const entitlement = entitled + carryOver;
    return { entitlement, carryOver, taken, planned, remaining: entitlement - taken - planned, other };
  }

  async teamAbsences(from: string, to: string): Promise<TeamAbsence[]> {
    const me = await this.#me();
    const years = yearsOf(from, to);
    // No user filter: Clockodo answers with the absences this login may see (the person's own, and
    // colleagues' where the company lets the person see them), never naming another user's id.
    const visible = await unlessRefused(
      this.#http.request<{ data: ClockodoAbsence[] }>({ method: 'GET', path: '/v4/absences', query: { 'filter[year]': years }, purpose: { action: "read your colleagues' absences" } }).then((answer) => answer.data),
      () => this.#ownAbsences(from, to),
    );
    const names = visible.some((absence) => absence.users_id !== me.user.id) ? await this.#colleagueNames() : new Map<number, string>();
    const myName = this.#nameOf(me.user);
    return visible
      .filter((absence) => overlaps(absence, from, to))
      .map((absence): TeamAbsence => {
        const own = absence.users_id === me.user.id;
        const request = toLeaveRequest(absence, own ? myName : (names.get(absence.users_id) ?? `Colleague #${absence.users_id}`));
        return {
          person: request.person,
          own,
          // Clockodo shows the type of a colleague's absence only to those who manage absences.
          type: absence.type === undefined || absence.type === null ? null : request.type,
          ...(request.kind ? { kind: request.kind } : {}),
          ...(request.workingElsewhere ? { workingElsewhere: true } : {}),
          firstDay: request.firstDay,
          lastDay: request.lastDay,
          firstDayPart: request.firstDayPart,
          lastDayPart: request.lastDayPart,
          status: request.status,
        };
      });
  }

  // ---------------------------------------------------------------------------------------------
  // The person's plan and account

  async workPlan(from: string, to: string): Promise<PlannedDay[]> {
    const [rows, holidays] = await allSettled([this.#targetRows(), this.#nonbusinessDays(from, to)]);
    if (rows !== 'refused') return clockodoPlan(from, to, rows, holidays);
    // Clockodo did not let the person read their target hours: the settings' week stands in, with
    // Clockodo's non-business days still. Said once per start in the log.
    const names = new Map([...holidays].filter(([, day]) => !day.halfDay).map(([date, day]) => [date, day.name]));
    return weekPlanDays(from, to, this.#options.workWeek(), names);
  }

  async timeAccount(_from: string, to: string): Promise<TimeAccount | null> {
    const me = await this.#me();
    if (me.company?.module_user_reports === false) return null;
    const year = Number(to.slice(0, 4));
    // A login without the right to its own user report still gets its report, without this line.
    const answer = await unlessRefused(
      this.#http.request<{ userreport: ClockodoUserReport }>({ method: 'GET', path: `/userreports/${me.user.id}`, query: { year, type: 0 }, purpose: { action: 'read your time account' } }),
      () => null,
    );
    const diff = answer?.userreport.diff;
    if (typeof diff !== 'number') return null;
    return { balanceMinutes: Math.round(diff / 60), label: `Clockodo's time account for ${year} (its user report)` };
  }

  close(): void {
    this.#http.close();
    this.#capabilities.close();
  }

  // ---------------------------------------------------------------------------------------------
  // The person

  /** The person and the company; each read teaches the next start (facts) and may change the tools. */
  #me(fresh = false): Promise<Identity> {
    if (fresh) this.#identity.invalidate();
    return this.#identity.get(async () => {
      const identity = await this.#readIdentity();
      this.#learn(identity);
      return identity;
    });
  }

  async #readIdentity(): Promise<Identity> {
    try {
      const me = await this.#http.request<ClockodoMe>({ method: 'GET', path: '/v2/aggregates/users/me', purpose: { action: 'read your Clockodo account' } });
      return { user: me.user, company: me.company };
    } catch (error) {
      // The aggregate is deprecated (research notes §2.1); once retired, the person alone from v4.
      if (!(error instanceof ClockodoError) || (error.status !== 410 && error.status !== 404)) throw error;
      const me = await this.#http.request<{ data: ClockodoUser }>({ method: 'GET', path: '/v4/users/me', purpose: { action: 'read your Clockodo account' } });
      return { user: me.data, company: undefined };
    }
  }

  #learn({ user, company }: Identity): void {
    // The time of the check moves the file only hourly: servers read the person every five minutes.
    const stale = !(this.#options.now() - Date.parse(this.#facts.checkedAt ?? '') < 3_600_000);
    const learned: ClockodoFacts = {
      userId: user.id,
      ...(stale ? { checkedAt: new Date(this.#options.now()).toISOString() } : {}),
      ...(user.timezone ? { timezone: user.timezone } : {}),
      ...(user.role ? { role: user.role } : {}),
      ...(typeof user.can_add_customers === 'boolean' ? { canAddCustomers: user.can_add_customers } : {}),
      ...(typeof company?.module_absence === 'boolean' ? { absences: company.module_absence } : {}),
    };
    this.#facts = { ...this.#facts, ...learned };
    clockodoFacts.write(this.#options.userDataDir, this.#factsKey, learned, this.#options.log);
    const next = clockodoCapabilities(this.#facts);
    if (this.#capabilities.set(next)) this.#options.log(`Clockodo tools follow what ${this.#options.profile.email} may do: ${[...next].join(', ')}.`);
  }

  /** The person as Clockodo names them; their login where it has no name. */
  #nameOf(user: ClockodoUser): string {
    return user.name ?? this.#options.profile.email;
  }

  /** "Clockodo at host as the person (role) of the company; …." for whoami and the connection test. */
  #connectionLine({ user, company }: Identity): string {
    return `Clockodo at ${hostOf(this.#options.profile.url)} as ${this.#nameOf(user)}${describeAccount(user, company)}.`;
  }

  /** The person's id without a request when an earlier start learned it. */
  async #userId(): Promise<number> {
    return this.#facts.userId ?? (await this.#me()).user.id;
  }

  #today(): string {
    return localDate(this.#options.now(), this.#facts.timezone ?? 'UTC');
  }

  // ---------------------------------------------------------------------------------------------
  // Clock and entries

  #running(reuseRecent: boolean): Promise<ClockodoEntry | null> {
    if (!reuseRecent) this.#clock.invalidate();
    return this.#clock.get(async () => (await this.#http.request<ClockodoClock>({ method: 'GET', path: '/v2/clock', purpose: { action: 'read the running timer' } })).running);
  }

  async #stopClock(running: ClockodoEntry, end?: number): Promise<TimeEntry> {
    this.#clock.invalidate();
    const answer = await this.#http.request<ClockodoClock>({
      method: 'DELETE',
      path: `/v2/clock/${running.id}`,
      ...(end === undefined ? {} : { query: { time_until: clockodoTime(end) } }),
      purpose: { action: 'stop the timer', notFound: `The running timer #${running.id} is gone from Clockodo; it was probably stopped or deleted meanwhile.` },
    });
    return this.#entry(answer.stopped ?? { ...running, time_until: clockodoTime(end ?? this.#options.now()) });
  }

  async #changeEntry(id: number, body: Record<string, unknown>, action: string): Promise<TimeEntry> {
    const answer = await this.#http.request<{ entry: ClockodoEntry }>({ method: 'PUT', path: `/v2/entries/${id}`, body, purpose: { action, notFound: notFound(id) } });
    if (answer.entry.time_until === null) this.#clock.invalidate();
    return this.#entry(answer.entry);
  }

  /** An entry of the person's, or a refusal in words: a manager's key could reach colleagues' entries, Punchcard never does. */
  async #ownEntry(id: number, verb: 'read' | 'change' | 'delete'): Promise<ClockodoEntry> {
    const recent = this.#lastRead?.entry.id === id && performance.now() - this.#lastRead.at < ENTRY_REUSE_MS ? this.#lastRead.entry : undefined;
    const [entry, userId] = await allSettled([
      recent
        ? Promise.resolve(recent)
        : this.#http
            .request<{ entry: ClockodoEntry }>({ method: 'GET', path: `/v2/entries/${id}`, purpose: { action: `read time entry #${id}`, notFound: notFound(id) } })
            .then(
              (answer) => answer.entry,
              // Everyone may read their own entries: a refused one is a colleague's (Clockodo shuts a worker out of those itself).
              (error: unknown) => {
                throw error instanceof ClockodoError && error.status === 403 ? notYours(id) : error;
              },
            ),
      this.#userId(),
    ]);
    this.#lastRead = verb === 'read' ? { entry, at: performance.now() } : undefined;
    if (entry.users_id !== userId) throw notYours(id);
    if (verb !== 'read' && isLumpSum(entry)) {
      throw new ProviderError('invalid', `Time entry #${id} is a lump sum; Punchcard lists lump sums but does not ${verb} them. Do that in Clockodo.`);
    }
    return entry;
  }

  async #entry(entry: ClockodoEntry): Promise<TimeEntry> {
    return toTimeEntry(entry, await this.#names(entry));
  }

  /**
   * Names for the catalog's ids. An id a cached list does not know reloads that list once (someone
   * added it); the other lists and the access maps stay, as naming the entry needs none of them.
   */
  async #names(entry?: ClockodoEntry): Promise<NameBook> {
    let [projects, services] = await allSettled([this.#allProjects(), this.#allServices()]);
    const unknownProject = entry?.projects_id && !projects.byId.has(entry.projects_id);
    const unknownService = entry?.services_id && !services.byId.has(entry.services_id);
    if (unknownProject) this.#projects.invalidate();
    if (unknownService) this.#services.invalidate();
    if (unknownProject || unknownService) [projects, services] = await allSettled([this.#allProjects(), this.#allServices()]);
    return { project: (id) => projects.byId.get(id)?.name, service: (id) => services.byId.get(id)?.name };
  }

  async #entryFilter(from: number, to: number, projectId?: number): Promise<Record<string, QueryValue>> {
    return {
      time_since: clockodoTime(from),
      // The last whole second before `to`: Clockodo's times have no milliseconds.
      time_until: clockodoTime(to - 1_000),
      'filter[users_id]': await this.#userId(),
      ...(projectId === undefined ? {} : { 'filter[projects_id]': projectId }),
      enhanced_list: 'true',
    };
  }

  async #entryPage(filter: Record<string, QueryValue>, page: number, size: number): Promise<{ entries: ClockodoEntry[]; paging: ClockodoPaging }> {
    const answer = await this.#http.request<{ entries: ClockodoEntry[]; paging?: ClockodoPaging }>({
      method: 'GET',
      path: '/v2/entries',
      query: { ...filter, page, items_per_page: size },
      purpose: { action: 'read your time entries' },
    });
    const paging = answer.paging ?? { items_per_page: size, current_page: page, count_pages: 1, count_items: answer.entries.length };
    return { entries: answer.entries, paging };
  }

  /** Every page of a filter, the rest a few at a time once the first says how many there are. */
  async #allEntries(filter: Record<string, QueryValue>): Promise<ClockodoEntry[]> {
    const first = await this.#entryPage(filter, 1, ENTRY_PAGE);
    const more = Math.max(0, first.paging.count_pages - 1);
    // The count is the server's: checked against what this call may still send before any is sent.
    ensureRequests(more, 'Clockodo');
    const rest = Array.from({ length: more }, (_, index) => index + 2);
    const pages = await mapWithLimit(rest, MAX_PARALLEL_REQUESTS, (page) => this.#entryPage(filter, page, ENTRY_PAGE));
    return [first, ...pages].flatMap((page) => page.entries);
  }

  // ---------------------------------------------------------------------------------------------
  // What may be booked

  /**
   * The named project's customer, the project and the service, each bookable by the access maps; no
   * project named is refused, as Clockodo needs one (clock_in without names resumes instead).
   */
  async #namedBooking(fields: { projectId: number | null; activityId: number | null; description: string }): Promise<Booking & { billable: 0 | 1 }> {
    if (fields.projectId === null) {
      const projects = (await this.catalog(false, ['project'])).projects.slice(0, 6).map((item) => `"${item.name}"`);
      throw new ProviderError('invalid', `Clockodo books time on a customer's project; name one${projects.length ? `, e.g. ${projects.join(', ')}` : ' (see list_catalog)'}.`);
    }
    const [project, serviceId] = await allSettled([this.#bookableProject(fields.projectId), this.#serviceFor(fields.activityId)]);
    return { customerId: project.customers_id, projectId: project.id, serviceId, text: fields.description, billable: project.billable_default === false ? 0 : 1 };
  }

  async #bookableProject(projectId: number): Promise<ClockodoProject> {
    const [projects, access] = await allSettled([this.#allProjects(), this.#accessMap()]);
    const project = projects.byId.get(projectId);
    if (!project || !mayBook(access.add, project.customers_id, project.id)) {
      throw new ProviderError('denied', `You may not book on project #${projectId} in Clockodo (see list_catalog for what you may book on).`);
    }
    if (!project.active || project.completed) throw new ProviderError('invalid', `The project "${project.name}" is ${project.completed ? 'completed' : 'archived'} in Clockodo.`);
    return project;
  }

  async #serviceFor(activityId: number | null): Promise<number> {
    if (activityId !== null) return this.#requireService(activityId);
    const bookable = (await this.catalog(false, ['activity'])).activities;
    if (bookable.length === 1) return (bookable[0] as CatalogItem).id;
    const examples = bookable.slice(0, 6).map((item) => `"${item.name}"`);
    throw new ProviderError('invalid', `Clockodo books time on a service too; name one as the activity${examples.length ? `, e.g. ${examples.join(', ')}` : ' (none is open to you; ask whoever manages Clockodo)'}.`);
  }

  async #requireService(serviceId: number): Promise<number> {
    const [services, access] = await allSettled([this.#allServices(), this.#serviceAccessMap()]);
    const service = services.byId.get(serviceId);
    if (!service || !mayUseService(access.add, serviceId)) throw new ProviderError('denied', `You may not book on service #${serviceId} in Clockodo (see list_catalog).`);
    if (!service.active) throw new ProviderError('invalid', `The service "${service.name}" is archived in Clockodo.`);
    return service.id;
  }

  /** The last entry's customer, project and service, looking back a week, then a quarter. */
  async #resumeBooking(description: string): Promise<Booking> {
    const now = this.#options.now();
    for (const days of RESUME_LOOKBACK_DAYS) {
      // Up to a minute ahead: an entry begun this very second is the last one too.
      const entries = (await this.#allEntries(await this.#entryFilter(now - days * 86_400_000, now + 60_000))).filter((entry) => !isLumpSum(entry) && entry.services_id);
      const last = entries.sort((a, b) => b.time_since.localeCompare(a.time_since))[0];
      if (last) {
        return { customerId: last.customers_id, projectId: last.projects_id, serviceId: last.services_id as number, text: description || (last.text ?? '') };
      }
    }
    const projects = (await this.catalog(false, ['project'])).projects.slice(0, 8).map((item) => `"${item.name}"`);
    throw new ProviderError(
      'invalid',
      `There is no earlier Clockodo entry to resume, and Clockodo needs a project and a service to start a timer. ` +
        (projects.length ? `You may book on ${projects.join(', ')}; name one (and an activity).` : 'No project is open to you; ask whoever manages Clockodo.'),
    );
  }

  #lists(kinds?: readonly CatalogKind[]): Promise<Lists> {
    const wants = (kind: CatalogKind) => !kinds || kinds.includes(kind);
    // Customers only when asked for (a full listing names each project's customer with them); projects
    // for customers too, as a customer is listed where the person may book on one of its projects.
    return allSettled([
      wants('customer') ? this.#allCustomers() : Promise.resolve([]),
      wants('project') || wants('customer') ? this.#allProjects().then((projects) => projects.all) : Promise.resolve([]),
      wants('activity') ? this.#allServices().then((services) => services.all) : Promise.resolve([]),
    ]).then(([customers, projects, services]) => ({ customers, projects, services }));
  }

  #allCustomers(): Promise<ClockodoCustomer[]> {
    return this.#customers.get(() => this.#list<ClockodoCustomer>(CATALOG_PATHS.customer, 'list customers'));
  }

  #allProjects(): Promise<Indexed<ClockodoProject>> {
    return this.#projects.get(async () => indexed(await this.#list<ClockodoProject>(CATALOG_PATHS.project, 'list projects')));
  }

  #allServices(): Promise<Indexed<ClockodoService>> {
    return this.#services.get(async () => indexed(await this.#list<ClockodoService>(CATALOG_PATHS.activity, 'list services')));
  }

  /** All of a list, archived items too (names of old entries), page by page. */
  async #list<T>(path: string, action: string, query: Record<string, QueryValue> = {}, pageSize = CATALOG_PAGE): Promise<T[]> {
    const items: T[] = [];
    for (let page = 1; ; page++) {
      const answer = await this.#http.request<{ data: T[]; paging?: ClockodoPaging }>({ method: 'GET', path, query: { ...query, page, items_per_page: pageSize }, purpose: { action } });
      items.push(...answer.data);
      if (!answer.paging || page >= answer.paging.count_pages) return items;
    }
  }

  async #accessMap(): Promise<ClockodoAccess> {
    const userId = await this.#userId();
    return this.#access.get(() =>
      this.#http.request<ClockodoAccess>({ method: 'GET', path: `/v2/users/${userId}/access/customers-projects`, purpose: { action: 'read what you may book on' } }),
    );
  }

  async #serviceAccessMap(): Promise<ClockodoServiceAccess> {
    const userId = await this.#userId();
    return this.#serviceAccess.get(() =>
      this.#http.request<ClockodoServiceAccess>({ method: 'GET', path: `/v2/users/${userId}/access/services`, purpose: { action: 'read which services you may book on' } }),
    );
  }

  #forgetCatalog(): void {
    for (const list of [this.#customers, this.#projects, this.#services, this.#access, this.#serviceAccess]) list.invalidate();
  }

  async #catalogItem(kind: CatalogKind, record: ClockodoCustomer & ClockodoProject & ClockodoService): Promise<CatalogItem> {
    if (kind === 'customer') return { kind, id: record.id, name: record.name, archived: !record.active };
    if (kind === 'activity') return { kind, id: record.id, name: record.name, archived: !record.active, project: null };
    const customers = await this.#allCustomers();
    return projectItem(record, customers.find((customer) => customer.id === record.customers_id)?.name);
  }

  // ---------------------------------------------------------------------------------------------
  // Absences, targets, non-business days

  /** The person's own absences of the years [from, to] touches (Clockodo lists absences by year). */
  async #ownAbsences(from: string, to: string): Promise<ClockodoAbsence[]> {
    const years = yearsOf(from, to);
    const userId = await this.#userId();
    const absences = await this.#absences.get(years.join(','), async () => {
      const answer = await this.#http.request<{ data: ClockodoAbsence[] }>({
        method: 'GET',
        path: '/v4/absences',
        query: { 'filter[users_id]': [userId], 'filter[year]': years },
        purpose: { action: 'list your absences' },
      });
      return answer.data;
    });
    return absences.filter((absence) => absence.users_id === userId);
  }

  /** Target-hour rows, or 'refused' where Clockodo will not show them (module off, no right). */
  async #targetRows(): Promise<ClockodoTargetHours[] | 'refused'> {
    const userId = await this.#userId();
    return this.#targetHours.get(async () => {
      const answer = await unlessRefused(
        this.#http.request<{ targethours: ClockodoTargetHours[] }>({ method: 'GET', path: '/targethours', query: { users_id: userId }, purpose: { action: 'read your target hours' } }),
        (error) => {
          this.#options.log(`Clockodo does not show ${this.#options.profile.email} their target hours (${error.message}); using the work week in Punchcard's settings.`);
          return 'refused' as const;
        },
      );
      return answer === 'refused' ? answer : answer.targethours.filter((row) => row.users_id === userId);
    });
  }

  /** Clockodo's non-business days of the person over [from, to]; the settings' holidays where Clockodo will not show them. */
  async #nonbusinessDays(from: string, to: string): Promise<Map<string, NonbusinessDay>> {
    const userId = await this.#userId();
    const years = yearsOf(from, to);
    const perYear = await Promise.all(
      years.map((year) =>
        this.#nonbusiness.get(year, async () => {
          const answer = await unlessRefused(
            this.#http.request<{ data: Array<{ users_id: number; days: ClockodoNonbusinessDay[] }> }>({
              method: 'GET',
              path: '/v2/usersNonbusinessDays',
              query: { year, 'filter[users_id]': [userId] },
              purpose: { action: 'read your non-business days' },
            }),
            () => 'refused' as const,
          );
          if (answer === 'refused') return answer;
          const days = answer.data.find((row) => row.users_id === userId)?.days ?? [];
          return new Map(days.map((day) => [day.evaluated_date, { name: day.name, halfDay: day.half_day }]));
        }),
      ),
    );
    const days = new Map<string, NonbusinessDay>();
    for (const [index, year] of perYear.entries()) {
      if (year === 'refused') {
        const fallback = await this.#options.holidays(`${years[index]}-01-01`, `${years[index]}-12-31`);
        for (const [date, name] of fallback) days.set(date, { name, halfDay: false });
      } else {
        for (const [date, day] of year) days.set(date, day);
      }
    }
    return days;
  }

  /**
   * Colleagues' names, from the users whose absences the person may see. A name is a nicety: where
   * Clockodo will not list them, the calendar says "Colleague #id" and the log says why.
   */
  #colleagueNames(): Promise<Map<number, string>> {
    return this.#colleagues.get(async () => {
      try {
        const users = await this.#list<ClockodoUser>('/v3/users', "read your colleagues' names", { scope: 'viewAbsences' }, USER_PAGE);
        return new Map(users.map((user) => [user.id, user.name ?? `Colleague #${user.id}`]));
      } catch (error) {
        if (!(error instanceof ClockodoError)) throw error;
        this.#options.log(`Clockodo did not list your colleagues' names (${error.message}); the calendar shows their ids.`);
        return new Map();
      }
    });
  }

  /**
   * A refused overlap names the absences it collides with, as the person knows them. They are in the
   * year of the part being filed (Clockodo's absences do not cross New Year): the person's absences
   * of that year have them, cached as list_leave_requests reads them.
   */
  async #explainCollision(error: unknown, part: { firstDay: string; lastDay: string }): Promise<unknown> {
    if (!(error instanceof ClockodoError) || error.errorType !== 'AbsenceCollision') return error;
    const ids = Array.isArray(error.details?.collidingAbsences) ? error.details.collidingAbsences.filter((id): id is number => Number.isSafeInteger(id)) : [];
    const known = await this.#ownAbsencesById(ids, part);
    const named = ids.map((id) => {
      const absence = known.get(id);
      return absence ? `#${id} (${absence.date_since === absenceLastDay(absence) ? absence.date_since : `${absence.date_since} to ${absenceLastDay(absence)}`}, ${leaveStatusOf(absence.status)})` : `#${id}`;
    });
    return new ProviderError('conflict', `That overlaps your absence${ids.length === 1 ? '' : 's'} ${named.join(', ') || 'already in Clockodo'}. Nothing was filed; change the dates or cancel the other request first.`);
  }

  async #ownAbsencesById(ids: readonly number[], part: { firstDay: string; lastDay: string }): Promise<Map<number, ClockodoAbsence>> {
    if (ids.length === 0) return new Map();
    try {
      const absences = await this.#ownAbsences(part.firstDay, part.lastDay);
      return new Map(absences.filter((absence) => ids.includes(absence.id)).map((absence) => [absence.id, absence]));
    } catch {
      return new Map();
    }
  }
}

const NO_NAMES: NameBook = { project: () => undefined, service: () => undefined };

const CATALOG_PATHS: Record<CatalogKind, string> = { customer: '/v3/customers', project: '/v4/projects', activity: '/v4/services' };

function indexed<T extends { id: number }>(all: T[]): Indexed<T> {
  return { all, byId: new Map(all.map((item) => [item.id, item])) };
}

/**
 * The answer, or `refused`'s stand-in where Clockodo refuses the read (403: a module off, a right the
 * person lacks). Only for reads that have a stand-in: the settings' plan, one's own absences, no time account.
 */
async function unlessRefused<T, U>(answer: Promise<T>, refused: (error: ClockodoError) => U | Promise<U>): Promise<T | U> {
  try {
    return await answer;
  } catch (error) {
    if (!(error instanceof ClockodoError) || error.status !== 403) throw error;
    return refused(error);
  }
}

/** Said alike whether Clockodo refused a colleague's entry or Punchcard did (a manager's key reaches it). */
function notYours(id: number): ProviderError {
  return new ProviderError('denied', `Time entry #${id} is not yours; Punchcard only reads and changes your own entries.`);
}

function notFound(id: number): string {
  return `There is no time entry #${id} in Clockodo (or it is not yours).`;
}

function describeAccount(user: ClockodoUser, company: ClockodoCompany | undefined): string {
  const parts = [
    user.role ? ` (${user.role})` : '',
    company?.name ? ` of ${company.name}` : '',
    company?.module_absence === false ? '; absence module off (leave tools off)' : company?.module_absence ? '; absence module on' : '',
    user.role === 'worker' ? (user.can_add_customers ? '; may add customers and projects' : '; may not add customers or projects') : '',
  ];
  return parts.join('');
}

function overlaps(absence: ClockodoAbsence, from: string, to: string): boolean {
  return absence.date_since <= to && absenceLastDay(absence) >= from;
}

function yearsOf(from: string, to: string): number[] {
  const years: number[] = [];
  for (let year = Number(from.slice(0, 4)); year <= Number(to.slice(0, 4)); year++) years.push(year);
  return years;
}
