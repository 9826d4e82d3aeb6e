// Kimai as a Punchcard back end (kimai.md): the TimeTracker interface over Kimai's REST API, acting
// with the user's own token only. Conversions, error texts and leave splitting are pure modules
// next to this one; this file decides which requests a call makes, and keeps them few: the user,
// the timesheet settings and the catalog are cached briefly and read only by the calls that need
// them, names resolve against the bookable projects and activities alone, lists page instead of
// loading all, batched work runs a few requests at a time.
import type { KimaiProfile, WorkWeek } from '../../contract/settings.ts';
import { LEAVE_YEARS_AHEAD } from '../../domain/call-limits.ts';
import { leaveDays } from '../../domain/leave-days.ts';
import { formatWallClock } from '../../domain/time.ts';
import { weekPlan } from '../../domain/work-plan.ts';
import type { Log } from '../../log.ts';
import {
  type Capability,
  type Catalog,
  type CatalogItem,
  type CatalogKind,
  type EntryFields,
  type EntryQuery,
  type LeaveRequest,
  type NewLeaveRequest,
  type Person,
  ProviderError,
  type TimeEntry,
  type TimeTracker,
  TimerRunningError,
  type WorkSpan,
} from '../time-tracker.ts';
import { absenceLastDay, type AbsencePart, kimaiAbsenceType, splitLeave, toLeaveRequest } from './absences.ts';
import { CapabilityState } from '../capability-state.ts';
import { allSettled, Expiring, mapWithLimit } from '../http/cache.ts';
import { ensureRequests } from '../http/request-budget.ts';
import { probeAbsencePlugin, testConnection, type ConnectionReport } from './connection-test.ts';
import { kimaiCapabilities, rememberedKimaiCapabilities } from './capabilities.ts';
import { readDetection, writeDetection } from './detection-cache.ts';
import { KimaiError, type RequestPurpose } from './errors.ts';
import { headerNumber } from '../http/json-http.ts';
import { createKimaiHttp, type KimaiHttp, MAX_PARALLEL_REQUESTS, type QueryValue } from './http-client.ts';
import { activityItem, customerItem, kimaiBodyTime, nameIndex, NO_NAMES, projectItem, toCatalog, toTimeEntry, withoutArchived } from './mapping.ts';
import { bothSettled, personName, readMe, readTimesheetConfig, type Session } from './session.ts';
import type { KimaiAbsence, KimaiActivity, KimaiCustomer, KimaiProject, KimaiTimesheet, KimaiTimesheetConfig, KimaiUser } from './wire.ts';


const NO_ABSENCE_PLUGIN =
  'This Kimai has no absence plugin (or your account may not use it), so Punchcard cannot file or list leave here; ask your Kimai administrator.';

/** The user and the timesheet settings change rarely; five minutes keeps a session to one fetch. */
const SESSION_TTL_MS = 5 * 60_000;
/** Projects and activities change more often (a colleague adds one); a minute is stale enough. */
const CATALOG_TTL_MS = 60_000;
/** clock_out asks for the running timer and then stops it; the answer of a moment ago is reused. */
const ACTIVE_REUSE_MS = 2_000;
/** Kimai's largest page (§3.9). */
const MAX_PAGE_SIZE = 500;
/** Entries that began this long before a report's range are fetched too (night shifts). */
const SPAN_LOOKBACK_MS = 24 * 3_600_000;
/** Roles that by default hold `view_other_timesheet`, which lifts the tracking-mode limits (§7.3). */
const PRIVILEGED_ROLES = new Set(['ROLE_TEAMLEAD', 'ROLE_ADMIN', 'ROLE_SUPER_ADMIN']);

const KIND_PATHS: Record<CatalogKind, string> = { customer: '/customers', project: '/projects', activity: '/activities' };

export interface KimaiTrackerOptions {
  profile: KimaiProfile;
  /** The API token from the keychain or PUNCHCARD_KIMAI_TOKEN; null when none is stored. */
  token: () => Promise<string | null>;
  /** Where the detected server features are remembered between starts. */
  userDataDir: string;
  workWeek: () => WorkWeek;
  /** Public holidays in [from, to] of the person's region; leave days are counted without them, as request_leave counts. */
  holidays: (from: string, to: string) => Promise<ReadonlySet<string>>;
  now: () => number;
  log: Log;
  timeoutMs?: number;
}

export function createKimaiTracker(options: KimaiTrackerOptions): KimaiTracker {
  return new KimaiTracker(options);
}

export class KimaiTracker implements TimeTracker {
  readonly type = 'kimai';
  readonly label: string;
  readonly #options: KimaiTrackerOptions;
  readonly #http: KimaiHttp;
  readonly #me = new Expiring<KimaiUser>(SESSION_TTL_MS);
  readonly #config = new Expiring<KimaiTimesheetConfig>(SESSION_TTL_MS);
  readonly #catalog = new Expiring<Catalog>(CATALOG_TTL_MS);
  /** Visible projects and activities only: what a name is resolved against first. */
  readonly #bookable = new Expiring<Catalog>(CATALOG_TTL_MS);
  /** The profile's zone as last seen (this process or, remembered, an earlier one). */
  #knownZone: string | undefined;
  readonly #active = new Expiring<TimeEntry[]>(ACTIVE_REUSE_MS);
  readonly #capabilities: CapabilityState;
  /** Leave requests seen in listings, so cancelling one can say what it was without another fetch. */
  readonly #knownLeave = new Map<number, LeaveRequest>();
  /** update_time_entry reads an entry, then changes it: the read supplies the names for the answer. */
  #lastRead: TimeEntry | undefined;

  constructor(options: KimaiTrackerOptions) {
    this.#options = options;
    this.label = `Kimai (${options.profile.url})`;
    this.#http = createKimaiHttp({
      baseUrl: options.profile.url,
      token: options.token,
      log: options.log,
      ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
      ...(options.profile.caFile === undefined ? {} : { caFile: options.profile.caFile }),
      ...(options.profile.allowInsecureTls === undefined ? {} : { allowInsecureTls: options.profile.allowInsecureTls }),
    });
    // What the last start (or the app's connection test) learned; see kimaiCapabilities().
    this.#capabilities = new CapabilityState(rememberedKimaiCapabilities(options.userDataDir, options.profile.url));
    this.#knownZone = readDetection(options.userDataDir, options.profile.url)?.timezone;
  }

  get capabilities(): ReadonlySet<Capability> {
    return this.#capabilities.current;
  }

  onCapabilitiesChange(listener: () => void): () => void {
    return this.#capabilities.subscribe(listener);
  }

  /**
   * Asks the server whether the absence plugin is there, remembers the answer for the next start and
   * switches the leave tools when it changed. The engine runs this in the background after start; a
   * server that cannot be reached leaves everything as it was. A plugin remembered as present is not
   * asked about again: should it be gone, the first leave request's 404 says so and withdraws the
   * tools (#absenceRequest), so a session pays for the check only where it can change something.
   */
  async detectFeatures(): Promise<void> {
    if (readDetection(this.#options.userDataDir, this.#options.profile.url)?.absences === true) return;
    let plugin;
    try {
      plugin = await probeAbsencePlugin(this.#http);
    } catch (error) {
      this.#options.log(`Could not check ${this.#options.profile.url} for the absence plugin: ${(error as Error).message}`);
      return;
    }
    if (plugin === 'forbidden') this.#options.log('Kimai has the absence plugin, but your account may not use it; the leave tools are off.');
    this.#learnAbsences(plugin === 'present');
  }

  /** The connection test also teaches the next start: the plugin answer and the profile's zone. */
  async testConnection(): Promise<ConnectionReport> {
    const report = await testConnection(this.#http);
    if (report.ok && report.absences && report.user) {
      writeDetection(this.#options.userDataDir, this.#options.profile.url, { absences: report.absences === 'present', timezone: report.user.timezone }, this.#options.log);
    }
    return report;
  }

  /**
   * The zone tools read and show times in. A zone remembered from an earlier profile read saves the
   * first call of a start a request of its own; every profile read (each call that needs the user)
   * corrects it.
   */
  async timeZone(): Promise<string | null> {
    return this.#knownZone ?? (await this.#profile()).timezone;
  }

  async whoami(): Promise<Person> {
    // A fresh profile read: whoami doubles as the live connection check in a chat. The tracking mode
    // is said when the settings are at hand; a connection test (or --test-connection) says the rest.
    this.#me.invalidate();
    const [me, session] = await allSettled([this.#profile(), this.#sessionIfKnown()]);
    const plugin = this.#capabilities.current.has('leave') ? 'absence plugin available' : 'no absence plugin (leave tools off)';
    const mode = session ? `; tracking mode ${session.config.trackingMode}` : '';
    return {
      name: personName(me),
      connection: `Kimai at ${this.#options.profile.url} as ${me.username}${mode}; ${plugin}.`,
    };
  }

  // ---------------------------------------------------------------------------------------------
  // Timer

  async runningEntry(): Promise<TimeEntry | null> {
    const entries = await this.#activeEntries(false);
    return entries[0] ?? null;
  }

  async startTimer(
    fields: Omit<EntryFields, 'end' | 'start'> & { start?: number },
    switchRunning: boolean,
  ): Promise<{ started: TimeEntry; stopped: TimeEntry | null }> {
    // The user and the timesheet settings matter only for a start time: a clock-in now is the
    // running-timer check and the start itself.
    const [running, session] = await allSettled([this.#activeEntries(false), fields.start === undefined ? Promise.resolve(undefined) : this.#sessionInfo()]);
    const current = running[0];
    if (current && !switchRunning) throw new TimerRunningError(current);
    if (session) this.#requireFreeTimes(session, 'a start time');
    if (current && fields.start !== undefined && fields.start < current.start) {
      throw new ProviderError('invalid', 'The new timer would start before the running one did.');
    }
    const zone = session?.me.timezone ?? '';
    this.#forgetActive();

    // A timer that starts in the past needs the running ones stopped where it starts, explicitly.
    let stopped: TimeEntry | null = null;
    if (running.length > 0 && fields.start !== undefined) {
      const end = { end: kimaiBodyTime(fields.start, zone, 'start') };
      const stops = await mapWithLimit(running, MAX_PARALLEL_REQUESTS, (entry) => this.#patchEntry(entry.id, end, 'stop the running timer', entry, session));
      stopped = stops[0] ?? null;
    }

    let started: TimeEntry;
    if (fields.projectId === null && fields.activityId === null) {
      started = await this.#resumeLast(fields);
    } else {
      const { project, activity } = await this.#requireProjectAndActivity(fields.projectId, fields.activityId);
      const body: Record<string, unknown> = { project, activity };
      if (fields.description) body.description = fields.description;
      if (fields.start !== undefined) body.begin = kimaiBodyTime(fields.start, zone, 'start');
      const response = await this.#http.request<KimaiTimesheet>({
        method: 'POST',
        path: '/timesheets',
        query: { full: 'true' },
        body,
        purpose: this.#timesPurpose('start the timer', body, session),
      });
      started = toTimeEntry(response.data, NO_NAMES);
    }
    if (current && !stopped) {
      // Kimai stops the oldest running timers itself when a new one starts and its limit of running
      // timers (1 unless an administrator raised it) is reached, atomically (§7.5): one read says
      // where the old one ended. Under a higher limit it still runs, and is stopped here.
      stopped = await this.#readEntry(current.id, current);
      if (stopped.end === null) {
        const stops = await mapWithLimit(running, MAX_PARALLEL_REQUESTS, (entry) => this.#stop(entry));
        stopped = stops[0] ?? stopped;
      }
    }
    return { started, stopped };
  }

  async stopTimer(end?: number, note?: string): Promise<TimeEntry> {
    // The user and the settings only for an end time; stopping now is the check and the stop.
    const [session, running] = await allSettled([end === undefined ? Promise.resolve(undefined) : this.#sessionInfo(), this.#activeEntries(true)]);
    const current = running[0];
    if (!current) throw new ProviderError('conflict', 'No timer is running.');
    this.#forgetActive();
    const description = note ? (current.description ? `${current.description}\n${note}` : note) : undefined;
    if (end !== undefined && session) {
      this.#requireFreeTimes(session, 'an end time');
      if (end < current.start) throw new ProviderError('invalid', 'The end time is before the timer started.');
      const body: Record<string, unknown> = { end: kimaiBodyTime(end, session.me.timezone, 'end') };
      if (description !== undefined) body.description = description;
      return this.#patchEntry(current.id, body, 'stop the timer', current, session);
    }
    const stopped = await this.#stop(current);
    if (description === undefined) return stopped;
    return this.#patchEntry(current.id, { description }, 'add the note', current);
  }

  // ---------------------------------------------------------------------------------------------
  // Entries

  async listEntries(query: EntryQuery): Promise<{ entries: TimeEntry[]; total: number }> {
    const zone = (await this.#profile()).timezone;
    // Kimai pages by number; one page size that equals the limit covers [offset, offset+limit) with
    // at most two pages, and with one when the offset is a multiple of the limit (the usual case).
    const size = Math.min(query.limit, MAX_PAGE_SIZE);
    const firstPage = Math.floor(query.offset / size) + 1;
    const lastPage = Math.floor((query.offset + query.limit - 1) / size) + 1;
    const filter = this.#rangeFilter(query.from, query.to, zone, query.projectId);
    const first = await this.#page(filter, firstPage, size, 'ASC');
    if (!first) {
      // Past the last page Kimai answers 404 (§3.9); a one-record page 1 tells the total.
      const total = (await this.#page(filter, 1, 1, 'ASC'))?.total ?? 0;
      return { entries: [], total };
    }
    const sheets = [...first.sheets];
    if (lastPage > firstPage && firstPage < first.pages) sheets.push(...((await this.#page(filter, lastPage, size, 'ASC'))?.sheets ?? []));
    const skip = query.offset - (firstPage - 1) * size;
    return { entries: sheets.slice(skip, skip + query.limit).map((sheet) => toTimeEntry(sheet, NO_NAMES)), total: first.total };
  }

  async getEntry(id: number): Promise<TimeEntry> {
    return this.#readEntry(id);
  }

  async createEntry(fields: EntryFields & { end: number }): Promise<TimeEntry> {
    const what = 'entries logged afterwards';
    const [me, session] = await allSettled([this.#profile(), this.#sessionIfKnown()]);
    if (session) this.#requireFreeTimes(session, what);
    const { project, activity } = await this.#requireProjectAndActivity(fields.projectId, fields.activityId);
    const body: Record<string, unknown> = { project, activity, begin: kimaiBodyTime(fields.start, me.timezone, 'start'), end: kimaiBodyTime(fields.end, me.timezone, 'end') };
    if (fields.description) body.description = fields.description;
    const response = await this.#explainingTimes(what, session, () =>
      this.#http.request<KimaiTimesheet>({
        method: 'POST',
        path: '/timesheets',
        query: { full: 'true' },
        body,
        purpose: this.#timesPurpose('log the time', body, session),
      }),
    );
    return toTimeEntry(response.data, NO_NAMES);
  }

  async updateEntry(id: number, patch: Partial<EntryFields>): Promise<TimeEntry> {
    const movesTimes = patch.start !== undefined || patch.end !== undefined;
    const session = movesTimes ? await this.#sessionInfo() : undefined;
    if (session) this.#requireFreeTimes(session, 'changed start or end times');
    if (patch.projectId === null || patch.activityId === null) {
      throw new ProviderError('invalid', 'Every Kimai time entry has a project and an activity; name another one instead of clearing it.');
    }
    if (patch.end === null) throw new ProviderError('invalid', 'Kimai cannot reopen a finished entry; start a new timer instead.');
    const zone = session?.me.timezone ?? '';
    const body: Record<string, unknown> = {};
    if (patch.start !== undefined) body.begin = kimaiBodyTime(patch.start, zone, 'start');
    if (patch.end !== undefined) body.end = kimaiBodyTime(patch.end, zone, 'end');
    if (patch.projectId !== undefined) body.project = patch.projectId;
    if (patch.activityId !== undefined) body.activity = patch.activityId;
    if (patch.description !== undefined) body.description = patch.description;
    this.#forgetActive();
    return this.#patchEntry(id, body, `change time entry #${id}`, this.#lastRead?.id === id ? this.#lastRead : undefined, session);
  }

  async deleteEntry(id: number): Promise<TimeEntry> {
    const entry = await this.getEntry(id);
    this.#forgetActive();
    await this.#http.request({
      method: 'DELETE',
      path: `/timesheets/${id}`,
      purpose: { action: `delete time entry #${id}`, notFound: `There is no time entry #${id} in Kimai (or it is not yours).` },
    });
    return entry;
  }

  async workSpans(from: number, to: number, now: number, projectId?: number): Promise<WorkSpan[]> {
    const zone = (await this.#profile()).timezone;
    const filter = this.#rangeFilter(from - SPAN_LOOKBACK_MS, to, zone, projectId);
    const first = await this.#page(filter, 1, MAX_PAGE_SIZE, 'ASC');
    const sheets = [...(first?.sheets ?? [])];
    if (first && first.pages > 1) {
      // The count is the server's: checked against what this call may still send before any is sent.
      ensureRequests(first.pages - 1, 'Kimai');
      const rest = Array.from({ length: first.pages - 1 }, (_, index) => index + 2);
      const pages = await mapWithLimit(rest, MAX_PARALLEL_REQUESTS, (page) => this.#page(filter, page, MAX_PAGE_SIZE, 'ASC'));
      for (const page of pages) sheets.push(...(page?.sheets ?? []));
    }
    const spans: WorkSpan[] = [];
    for (const sheet of sheets) {
      const entry = toTimeEntry(sheet, NO_NAMES);
      const start = Math.max(entry.start, from);
      const end = Math.min(entry.end ?? Math.max(now, entry.start), to);
      if (end > start) spans.push({ start, end, project: entry.project, activity: entry.activity });
    }
    return spans;
  }

  async lastEntryEndingBetween(from: number, to: number): Promise<TimeEntry | null> {
    const zone = (await this.#profile()).timezone;
    // Kimai filters on begin only (§7.1); ordered by end, the first page of the day holds the answer.
    const response = await this.#http.request<KimaiTimesheet[]>({
      method: 'GET',
      path: '/timesheets',
      query: { ...this.#rangeFilter(from - SPAN_LOOKBACK_MS, to, zone), active: 0, orderBy: 'end', order: 'DESC', size: 50 },
      purpose: { action: 'read your time entries' },
    });
    for (const sheet of response.data) {
      const entry = toTimeEntry(sheet, NO_NAMES);
      if (entry.end !== null && entry.end > from && entry.end <= to) return entry;
    }
    return null;
  }

  // ---------------------------------------------------------------------------------------------
  // Catalog

  async catalog(includeArchived: boolean, kinds?: readonly CatalogKind[]): Promise<Catalog> {
    // Resolving a name needs only what may be booked on: the visible projects and activities, two
    // requests instead of three lists with every hidden item. A catalog already loaded serves too.
    if (!includeArchived && kinds && !kinds.includes('customer') && !this.#catalog.holds()) return this.#bookableItems();
    const catalog = await this.#catalog.get(async () => {
      // visible=3: hidden ones too, so ids in old entries still have names; ignoreDates: projects
      // outside their date range are still bookable by id and listed (§8.2).
      const [customers, projects, activities] = await allSettled([
        this.#http.request<KimaiCustomer[]>({ method: 'GET', path: '/customers', query: { visible: 3 }, purpose: { action: 'list customers' } }),
        this.#http.request<KimaiProject[]>({ method: 'GET', path: '/projects', query: { visible: 3, ignoreDates: 1 }, purpose: { action: 'list projects' } }),
        this.#http.request<KimaiActivity[]>({ method: 'GET', path: '/activities', query: { visible: 3 }, purpose: { action: 'list activities' } }),
      ]);
      return toCatalog(customers.data, projects.data, activities.data);
    });
    return includeArchived ? catalog : withoutArchived(catalog);
  }

  async createCatalogItem(item: { kind: CatalogKind; name: string; customerId?: number; projectId?: number }): Promise<CatalogItem> {
    const body: Record<string, unknown> = { name: item.name.trim() };
    if (item.kind === 'project') {
      if (item.customerId === undefined) {
        throw new ProviderError('invalid', 'A Kimai project belongs to a customer: give the customer as parent.');
      }
      body.customer = item.customerId;
    }
    if (item.kind === 'activity' && item.projectId !== undefined) body.project = item.projectId;
    const response = await this.#http.request<KimaiCustomer & KimaiProject & KimaiActivity>({
      method: 'POST',
      path: KIND_PATHS[item.kind],
      body,
      purpose: { action: `create ${item.kind === 'activity' ? 'an' : 'a'} ${item.kind}` },
    });
    this.#forgetCatalog();
    return catalogItemFrom(item.kind, response.data);
  }

  async setArchived(kind: CatalogKind, id: number, archived: boolean): Promise<CatalogItem> {
    // Kimai has no archive; hiding is its equivalent, and deleting would take the entries with it (§8).
    const response = await this.#http.request<KimaiCustomer & KimaiProject & KimaiActivity>({
      method: 'PATCH',
      path: `${KIND_PATHS[kind]}/${id}`,
      body: { visible: !archived },
      purpose: { action: `${archived ? 'archive' : 'restore'} the ${kind}`, notFound: `There is no ${kind} #${id} in Kimai.` },
    });
    this.#forgetCatalog();
    return catalogItemFrom(kind, response.data);
  }

  // ---------------------------------------------------------------------------------------------
  // Leave (absence plugin)

  async listLeave(query: { from: string; to: string }): Promise<LeaveRequest[]> {
    // Reports ask for leave to compute targets; without the plugin Kimai knows none.
    if (!this.#capabilities.current.has('leave')) return [];
    const me = await this.#profile();
    let response;
    try {
      response = await this.#absenceRequest<KimaiAbsence[]>({
        method: 'GET',
        path: '/absences',
        query: { user: me.id, begin: `${query.from}T00:00:00`, end: `${query.to}T23:59:59`, status: 'all' },
        purpose: { action: 'list your absences' },
      });
    } catch (error) {
      // A report counts targets with the leave it can find; a Kimai without the plugin has none.
      if (error instanceof ProviderError && error.code === 'unavailable') return [];
      throw error;
    }
    const person = personName(me);
    const holidays = await this.#holidaysAround(response.data);
    const workWeek = this.#options.workWeek();
    const requests = response.data.map((absence) => toLeaveRequest(absence, person, (shape) => countLeaveDays(shape, workWeek, holidays)));
    for (const request of requests) this.#knownLeave.set(request.id, request);
    return requests.sort((a, b) => a.firstDay.localeCompare(b.firstDay) || a.id - b.id);
  }

  async createLeave(request: NewLeaveRequest): Promise<LeaveRequest> {
    this.#requireAbsences();
    const absenceType = kimaiAbsenceType(request.type, request.kind);
    const me = await this.#profile();
    const [firstPart, ...laterParts] = splitLeave(request);
    const file = async (part: AbsencePart) => {
      const body: Record<string, unknown> = { type: absenceType, date: part.firstDay, comment: request.comment, user: me.id };
      if (part.lastDay !== part.firstDay) body.end = part.lastDay;
      if (part.halfDay) body.halfDay = true;
      const response = await this.#absenceRequest<KimaiAbsence[] | KimaiAbsence>({ method: 'POST', path: '/absences', body, purpose: { action: 'request the absence' } });
      const records = Array.isArray(response.data) ? response.data : [response.data];
      const record = records[0];
      if (!record) throw new KimaiError('wrong_service', 'Kimai accepted the absence but returned no record of it.');
      return { id: record.id, firstDay: part.firstDay, lastDay: part.lastDay };
    };
    // A refused first part is the plain refusal: nothing was filed.
    const first = await file(firstPart);
    const created = [first];
    // The rest one after another: the plugin checks each against the ones before (overlaps,
    // balances), and a failure halfway must leave a clear account of what exists.
    for (const part of laterParts) {
      try {
        created.push(await file(part));
      } catch (error) {
        if (!(error instanceof ProviderError)) throw error;
        const done = created.map((item) => `#${item.id} (${item.firstDay} to ${item.lastDay})`).join(', ');
        throw new ProviderError(
          error.code,
          `Kimai stores this leave as ${laterParts.length + 1} absences; ${created.length} were filed (${done}), then it refused the part from ${part.firstDay} to ${part.lastDay}: ${error.message} Request the rest again once that is sorted out, or cancel the filed part.`,
        );
      }
    }
    const result: LeaveRequest = {
      ...request,
      id: first.id,
      person: personName(me),
      status: 'pending',
      ...(created.length > 1 ? { parts: created } : {}),
    };
    this.#knownLeave.set(result.id, result);
    return result;
  }

  async cancelLeave(id: number): Promise<LeaveRequest> {
    this.#requireAbsences();
    // The plugin has no single-absence read; a listing finds requests made earlier. It reaches from
    // last year as far ahead as list_leave_requests does, so whatever that listed can be cancelled.
    let known = this.#knownLeave.get(id);
    if (!known) {
      const year = Number(new Date(this.#options.now()).toISOString().slice(0, 4));
      await this.listLeave({ from: `${year - 1}-01-01`, to: `${year + LEAVE_YEARS_AHEAD}-12-31` });
      known = this.#knownLeave.get(id);
    }
    // What cannot be described is not deleted: the person would not know what they cancelled.
    if (!known) throw new ProviderError('not_found', `There is no absence #${id} of yours in Kimai from last year on.`);
    await this.#http.request({
      method: 'DELETE',
      path: `/absences/${id}`,
      purpose: { action: `cancel absence #${id}`, notFound: `There is no absence #${id} in Kimai (or it is not yours).` },
    });
    this.#knownLeave.delete(id);
    return { ...known, status: 'cancelled' };
  }

  close(): void {
    this.#http.close();
    this.#capabilities.close();
  }

  // ---------------------------------------------------------------------------------------------

  /** The person; each read also corrects the zone remembered for the next start. */
  #profile(): Promise<KimaiUser> {
    return this.#me.get(async () => {
      const me = await readMe(this.#http);
      this.#rememberZone(me.timezone);
      return me;
    });
  }

  /** The person and the timesheet settings, for calls that set times or switch timers. */
  #sessionInfo(): Promise<Session> {
    return bothSettled(this.#profile(), this.#config.get(() => readTimesheetConfig(this.#http)));
  }

  /** The session when the settings are already at hand; a request of their own only if Kimai refuses. */
  async #sessionIfKnown(): Promise<Session | undefined> {
    return this.#config.holds() ? this.#sessionInfo() : undefined;
  }

  /**
   * Sends a request that sets times. Kimai's punch-clock and fixed-start modes refuse begin and end
   * from a plain user with a nameless "extra fields" error; when the settings were not at hand to say
   * so before sending, they are read after such a refusal, and the refusal is explained as it would
   * have been. The settings cost a request only on that path.
   */
  async #explainingTimes<T>(what: string, known: Session | undefined, send: () => Promise<T>): Promise<T> {
    try {
      return await send();
    } catch (error) {
      if (known || !(error instanceof KimaiError) || error.failure !== 'restricted') throw error;
      this.#requireFreeTimes(await this.#sessionInfo(), what);
      throw error;
    }
  }

  #rememberZone(zone: string): void {
    if (zone === this.#knownZone) return;
    this.#knownZone = zone;
    writeDetection(this.#options.userDataDir, this.#options.profile.url, { timezone: zone }, this.#options.log);
  }

  /**
   * Whether the absence plugin answers, as just learned: remembered for the next start, and the leave
   * tools switched (with list_changed) when that changes what is offered.
   */
  #learnAbsences(absences: boolean): void {
    writeDetection(this.#options.userDataDir, this.#options.profile.url, { absences }, this.#options.log);
    if (this.#capabilities.set(kimaiCapabilities(absences))) {
      this.#options.log(`Kimai's absence plugin is ${absences ? '' : 'not '}available to you: leave tools switched ${absences ? 'on' : 'off'}.`);
    }
  }

  /**
   * A request to the absence plugin. Its routes answer 404 on a Kimai without it (§13.3): when nothing
   * was known, the leave tools were offered on trust, and this is where that trust ends — in words,
   * with the tools withdrawn for the rest of the session and for the next start.
   */
  async #absenceRequest<T>(request: Parameters<KimaiHttp['request']>[0]) {
    try {
      return await this.#http.request<T>(request);
    } catch (error) {
      if (!(error instanceof KimaiError) || error.failure !== 'not_found' || request.path !== '/absences') throw error;
      this.#learnAbsences(false);
      throw new ProviderError('unavailable', NO_ABSENCE_PLUGIN);
    }
  }

  #forgetCatalog(): void {
    this.#catalog.invalidate();
    this.#bookable.invalidate();
  }

  /** Visible projects and activities, for resolving a name (archived ones never match). */
  #bookableItems(): Promise<Catalog> {
    return this.#bookable.get(async () => {
      // ignoreDates: a project outside its date range is still bookable by name, as in catalog().
      const [projects, activities] = await allSettled([
        this.#http.request<KimaiProject[]>({ method: 'GET', path: '/projects', query: { visible: 1, ignoreDates: 1 }, purpose: { action: 'list projects' } }),
        this.#http.request<KimaiActivity[]>({ method: 'GET', path: '/activities', query: { visible: 1 }, purpose: { action: 'list activities' } }),
      ]);
      return toCatalog([], projects.data, activities.data);
    });
  }

  /**
   * A plain (not expanded) timesheet as an entry. Names come from an entry already known with the
   * same project and activity (the running timer, the entry just read) when there is one, and only
   * otherwise from the cached catalog, which may cost its three requests.
   */
  async #entryFrom(sheet: KimaiTimesheet, known?: TimeEntry): Promise<TimeEntry> {
    const bare = toTimeEntry(sheet, NO_NAMES);
    const sameRefs = known && known.project?.id === bare.project?.id && known.activity?.id === bare.activity?.id;
    const entry = sameRefs ? { ...bare, project: known.project, activity: known.activity } : toTimeEntry(sheet, nameIndex(await this.catalog(true)));
    this.#lastRead = entry;
    return entry;
  }

  async #readEntry(id: number, known?: TimeEntry): Promise<TimeEntry> {
    const response = await this.#http.request<KimaiTimesheet>({
      method: 'GET',
      path: `/timesheets/${id}`,
      purpose: { action: `read time entry #${id}`, notFound: `There is no time entry #${id} in Kimai (or it is not yours).` },
    });
    return this.#entryFrom(response.data, known);
  }

  #activeEntries(reuseRecent: boolean): Promise<TimeEntry[]> {
    if (!reuseRecent) this.#active.invalidate();
    return this.#active.get(async () => {
      const response = await this.#http.request<KimaiTimesheet[]>({ method: 'GET', path: '/timesheets/active', purpose: { action: 'read the running timer' } });
      // Newest first: with several running (a limit above one), the latest is "the" timer.
      return response.data.map((sheet) => toTimeEntry(sheet, NO_NAMES)).sort((a, b) => b.start - a.start);
    });
  }

  #forgetActive(): void {
    this.#active.invalidate();
  }

  async #stop(running: TimeEntry): Promise<TimeEntry> {
    const response = await this.#http.request<KimaiTimesheet>({
      method: 'PATCH',
      path: `/timesheets/${running.id}/stop`,
      purpose: { action: 'stop the timer', notFound: `The running timer #${running.id} is gone from Kimai; it was probably deleted meanwhile.` },
    });
    return this.#entryFrom(response.data, running);
  }

  async #patchEntry(id: number, body: Record<string, unknown>, action: string, known?: TimeEntry, session?: Session): Promise<TimeEntry> {
    const response = await this.#http.request<KimaiTimesheet>({
      method: 'PATCH',
      path: `/timesheets/${id}`,
      body,
      purpose: { ...this.#timesPurpose(action, body, session), notFound: `There is no time entry #${id} in Kimai (or it is not yours).` },
    });
    return this.#entryFrom(response.data, known);
  }

  /** Without a project and activity, clock_in resumes the most recent combination (Kimai's restart). */
  async #resumeLast(fields: { description: string }): Promise<TimeEntry> {
    const recent = await this.#http.request<KimaiTimesheet[]>({
      method: 'GET',
      path: '/timesheets/recent',
      query: { size: 1 },
      purpose: { action: 'find your last project' },
    });
    const last = recent.data[0];
    if (!last) {
      throw new ProviderError('invalid', 'Kimai needs a project and an activity to start a timer, and there is no earlier entry to resume. Name them (see list_catalog).');
    }
    const body: Record<string, unknown> = fields.description ? {} : { copy: 'all' };
    const response = await this.#http.request<KimaiTimesheet>({
      method: 'PATCH',
      path: `/timesheets/${last.id}/restart`,
      body,
      purpose: { action: 'resume your last timer' },
    });
    const lastEntry = toTimeEntry(last, NO_NAMES);
    if (!fields.description) return this.#entryFrom(response.data, lastEntry);
    return this.#patchEntry(response.data.id, { description: fields.description }, 'add the description', lastEntry);
  }

  async #requireProjectAndActivity(projectId: number | null, activityId: number | null): Promise<{ project: number; activity: number }> {
    if (projectId !== null && activityId !== null) return { project: projectId, activity: activityId };
    const catalog = await this.catalog(false);
    if (projectId === null) {
      throw new ProviderError('invalid', 'Kimai books every entry on a project and an activity; name the project too (see list_catalog).');
    }
    const usable = catalog.activities.filter((activity) => activity.project === null || activity.project?.id === projectId);
    const examples = usable.slice(0, 6).map((activity) => `"${activity.name}"`).join(', ');
    throw new ProviderError(
      'invalid',
      `Kimai books every entry on an activity too; name one${examples ? `, e.g. ${examples}` : ' (see list_catalog)'}.`,
    );
  }

  /**
   * In the punch-clock and fixed-start tracking modes Kimai refuses begin and end from a normal
   * user with a nameless "extra fields" error (§3.5, §7.7); this says so before sending anything.
   */
  #requireFreeTimes(session: Session, what: string): void {
    if (!timesLocked(session)) return;
    throw new KimaiError(
      'restricted',
      `Your Kimai uses the ${modeName(session.config.trackingMode)} tracking mode, so it does not accept ${what}: ` +
        'time is recorded by clocking in and out now. Use clock_in and clock_out without times, or ask your Kimai administrator.',
    );
  }

  /** `session` is there whenever the body sets times: the callers that send them read it first. */
  #timesPurpose(action: string, body: Record<string, unknown>, session: Session | undefined): RequestPurpose {
    const gated = ['begin', 'end'].filter((field) => field in body);
    if (gated.length === 0 || !session) return { action };
    const reason =
      session.config.trackingMode === 'default'
        ? 'your Kimai role may not set times on entries.'
        : `Kimai's ${modeName(session.config.trackingMode)} tracking mode only lets time be recorded by clocking in and out.`;
    return { action, gatedFields: gated.map((field) => ({ field, reason })) };
  }

  #rangeFilter(from: number, to: number, zone: string, projectId?: number): Record<string, QueryValue> {
    // Wall-clock times of the Kimai zone without an offset (§3.1); `end` filters on a record's begin
    // and is inclusive (§7.1): the last second before `to`.
    return { begin: formatWallClock(from, zone), end: formatWallClock(to - 1_000, zone), full: 'true', ...(projectId === undefined ? {} : { project: projectId }) };
  }

  async #page(filter: Record<string, QueryValue>, page: number, size: number, order: 'ASC' | 'DESC') {
    try {
      const response = await this.#http.request<KimaiTimesheet[]>({
        method: 'GET',
        path: '/timesheets',
        query: { ...filter, page, size, orderBy: 'begin', order },
        purpose: { action: 'read your time entries' },
      });
      return {
        sheets: response.data,
        total: headerNumber(response.headers, 'X-Total-Count') ?? response.data.length,
        pages: headerNumber(response.headers, 'X-Total-Pages') ?? 1,
      };
    } catch (error) {
      if (error instanceof KimaiError && error.failure === 'not_found' && page > 1) return undefined;
      throw error;
    }
  }

  #requireAbsences(): void {
    if (!this.#capabilities.current.has('leave')) throw new ProviderError('unavailable', NO_ABSENCE_PLUGIN);
  }

  /** The holidays the listed absences span, asked for once. */
  async #holidaysAround(absences: readonly KimaiAbsence[]): Promise<ReadonlySet<string>> {
    if (absences.length === 0) return new Set();
    const first = absences.map((absence) => absence.date.slice(0, 10)).reduce((a, b) => (a < b ? a : b));
    const last = absences.map(absenceLastDay).reduce((a, b) => (a > b ? a : b));
    return this.#options.holidays(first, last);
  }
}

function countLeaveDays(request: Omit<LeaveRequest, 'days'>, workWeek: WorkWeek, holidays: ReadonlySet<string>): number {
  const counted = leaveDays(request, weekPlan(workWeek, holidays));
  return counted.ok ? counted.workingDays : 0;
}

/** One record as Kimai returned it from a create or update; its parent's name comes from `parentTitle`. */
function catalogItemFrom(kind: CatalogKind, record: KimaiCustomer & KimaiProject & KimaiActivity): CatalogItem {
  if (kind === 'customer') return customerItem(record);
  return kind === 'project' ? projectItem(record) : activityItem(record);
}

function timesLocked(session: Session): boolean {
  return session.config.trackingMode !== 'default' && !(session.me.roles ?? []).some((role) => PRIVILEGED_ROLES.has(role));
}

function modeName(mode: string): string {
  if (mode === 'punch') return 'punch-clock';
  if (mode === 'duration_fixed_begin') return 'fixed-start';
  return `"${mode}"`;
}
