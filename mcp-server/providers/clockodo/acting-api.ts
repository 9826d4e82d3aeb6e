// Clockodo's API narrowed to one person (providers/acting-for.ts; docs/back-ends/clockodo.md, "Acting for others"):
// the team server holds the company owner's login and key, which Clockodo lets read and write anyone's time and book
// on anything. This wrapper is the only API the feature modules see under `actingFor`, and it is an allow-list: a
// method it does not handle is refused without a request, so a method added to api.ts later cannot leak unnarrowed.
// What it handles:
// - the person (GET /v3/users/{id}) is read before anything else is sent, and again hourly: inactive or gone, nothing
//   more is sent; "me" is that user, never the owner;
// - every request about their clock or entries names them (`users_id` on the clock and new entries, `filter[users_id]`
//   on every list, which is refused without it), and every answer is checked to be theirs; a list may name one they
//   lead instead (a team's leader, someone's boss, read through the owner's account hourly), for the team tools;
// - a change or deletion by id reads the entry first (or uses the read of a moment ago) and refuses one of someone
//   else's before anything is written;
// - their edit lock binds every write of their entries, as Clockodo may not hold the owner to it;
// - they book only within their own access maps (the owner's key would book on anything);
// - their plan, time account and absences are read with their id only;
// - leave (absence-reach.ts): a request is filed for them alone and as waiting (`status` 0: the owner's key could file
//   it approved), then read back and checked to wait; a withdrawal reads the absence first and is theirs alone, as
//   their own key could make it; a lead lists and decides only the absences of the people Clockodo says they decide,
//   never their own, each decision reading the absence first; the calendar names only the people they may see, with
//   colleagues' details left out as Clockodo leaves them out for the person's own key.
import { addDays, localDate } from '../../domain/time.ts';
import { BackEndError, notYourEntry } from '../time-tracker.ts';
import { Expiring, mapWithLimit } from '../remote/cache.ts';
import { allPages, type Page } from '../remote/paging.ts';
import { ensureRequests } from '../remote/request-budget.ts';
import { type AbsenceReach, absenceReach, colleagueView, managesAllAbsences } from './absence-reach.ts';
import { type ClockodoApi, type QueryValue, USER_PAGE } from './api.ts';
import { withDeciderNote } from './decider-note.ts';
import { ClockodoError } from './errors.ts';
import { type Led, ledBy } from './led.ts';
import { leaveStatusOf, mayBook, mayUseService } from './mapping.ts';
import type { ClockodoAbsence, ClockodoAccess, ClockodoClock, ClockodoEntry, ClockodoServiceAccess, ClockodoTeam, ClockodoUser } from './wire.ts';

/** Decision 7 of the team server's acting for people: the person is read at open and no more than hourly after. */
export const PERSON_TTL_MS = 3_600_000;
/** The access maps change rarely; the catalog keeps them as long (catalog.ts). */
const ACCESS_TTL_MS = 5 * 60_000;
/** A change or deletion by id follows a read of the entry at once (timesheets.ts): that read stands for the check. */
const ENTRY_REUSE_MS = 2_000;

export interface ActingOptions {
  userId: number;
  now: () => number;
  /** The zone an edit lock is judged in where the person's own is not said. */
  zone: () => string;
}

/** The last day an edit lock covers, in the person's zone, or null where none: `edit_lock` a day, `edit_lock_dyn` days before today. */
export function lastLockedDay(user: Pick<ClockodoUser, 'edit_lock' | 'edit_lock_dyn'>, today: string): string | null {
  const days: string[] = [];
  if (typeof user.edit_lock === 'string' && /^\d{4}-\d{2}-\d{2}/.test(user.edit_lock)) days.push(user.edit_lock.slice(0, 10));
  // Assumption (docs/back-ends/clockodo.md, "Acting for others"): a number of days before today, today itself open.
  if (typeof user.edit_lock_dyn === 'number' && user.edit_lock_dyn >= 0) days.push(addDays(today, -user.edit_lock_dyn - 1));
  return days.sort().at(-1) ?? null;
}

const notTheirs = () => new BackEndError('acting_for_answer_not_the_persons', { back_end: 'Clockodo' });

/** Clockodo's status of an absence waiting for a decision ("enquired"). */
const PENDING = 0;
/** People named in one listing of absences: the filter takes many, and an address of some 2.5 KB stays within every server's limit. */
const PEOPLE_PER_LISTING = 100;

/** The teams and users the owner's account lists: whom the person leads and whose absences they reach follow from them. */
interface Directory {
  teams: ClockodoTeam[];
  users: ClockodoUser[];
}

/** The person the API is narrowed to: their user record, read hourly, and their booking rights. */
export class ClockodoActing {
  readonly userId: number;
  readonly #api: ClockodoApi;
  readonly #options: ActingOptions;
  readonly #person: Expiring<ClockodoUser>;
  readonly #access: Expiring<ClockodoAccess>;
  readonly #serviceAccess: Expiring<ClockodoServiceAccess>;
  readonly #directory: Expiring<Directory>;
  /** Entries of the person's read a moment ago, by id: a change or deletion that follows needs no second read. */
  readonly #seen = new Map<number, { at: number; entry: ClockodoEntry }>();
  /** Absences of the person's read a moment ago, by id: a withdrawal that follows needs no second read. */
  readonly #seenAbsences = new Map<number, { at: number; absence: ClockodoAbsence }>();

  constructor(api: ClockodoApi, options: ActingOptions) {
    this.#api = api;
    this.#options = options;
    this.userId = options.userId;
    this.#person = new Expiring(PERSON_TTL_MS, options.now);
    this.#access = new Expiring(ACCESS_TTL_MS, options.now);
    this.#serviceAccess = new Expiring(ACCESS_TTL_MS, options.now);
    this.#directory = new Expiring(PERSON_TTL_MS, options.now);
  }

  /**
   * The people the person leads (a team's leader, someone's boss), active, from the teams and users the owner's
   * account lists, read at most hourly: the team tools show these and nobody else, whatever the person's role.
   */
  async led(): Promise<Led> {
    const me = await this.person();
    const { teams, users } = await this.#directoryRead();
    const led = ledBy(me, teams, users);
    return { ...led, people: led.people.filter((user) => user.active !== false) };
  }

  /** Whose absences the person decides and sees (absence-reach.ts), from the same hourly listings as whom they lead. */
  async absenceReach(): Promise<AbsenceReach> {
    const me = await this.person();
    const { teams, users } = await this.#directoryRead();
    return absenceReach(me, teams, users);
  }

  #directoryRead(): Promise<Directory> {
    return this.#directory.get(async () => {
      const [teams, users] = await Promise.all([
        allPages(this.#api.pager, (page) => this.#api.teamsPage(page)),
        allPages(this.#api.pager, (page) => this.#api.usersPage(undefined, page, USER_PAGE, 'read whom you lead')),
      ]);
      return { teams, users };
    });
  }

  /**
   * The person's absence by id, read a moment ago or now (a read by id names nobody: the one request about leave that
   * does not name them); someone else's is refused before anything else is sent. Kept a moment for the writes that
   * follow (a withdrawal Clockodo refuses is followed by a deletion), until one of them changes it.
   */
  async ownAbsence(id: number): Promise<ClockodoAbsence> {
    const seen = this.#seenAbsences.get(id);
    if (seen && this.#options.now() - seen.at < ENTRY_REUSE_MS) return seen.absence;
    const absence = await this.#api.absence(id).catch((error: unknown) => {
      throw error instanceof ClockodoError && error.status === 403 ? new BackEndError('clockodo_absence_not_yours', { absence: id }) : error;
    });
    if (absence.users_id !== this.userId) throw new BackEndError('clockodo_absence_not_yours', { absence: id });
    const now = this.#options.now();
    for (const [key, kept] of this.#seenAbsences) if (now - kept.at >= ENTRY_REUSE_MS) this.#seenAbsences.delete(key);
    this.#seenAbsences.set(id, { at: now, absence });
    return absence;
  }

  /** Forgets the person's absence read a moment ago, once a write has changed it. */
  changedAbsence(id: number): void {
    this.#seenAbsences.delete(id);
  }

  /**
   * The absences of the given years of `people`, each listing naming some of them and every answer checked to be one
   * of theirs. Nobody named, nothing is sent.
   */
  async absencesOf(years: readonly number[], people: readonly number[], action: string): Promise<ClockodoAbsence[]> {
    const groups: number[][] = [];
    for (let start = 0; start < people.length; start += PEOPLE_PER_LISTING) groups.push(people.slice(start, start + PEOPLE_PER_LISTING));
    ensureRequests(groups.length, 'Clockodo');
    const lists = await mapWithLimit(groups, this.#api.pager.maxParallel, async (group) => {
      const named = new Set(group);
      const absences = await this.#api.absencesOf(years, group, action);
      if (absences.some((absence) => !named.has(absence.users_id))) throw notTheirs();
      return absences;
    });
    return lists.flat();
  }

  /** The person, checked active; inactive or gone is refused before any other request. */
  async person(): Promise<ClockodoUser> {
    if (!Number.isSafeInteger(this.userId) || this.userId <= 0)
      throw new BackEndError('acting_for_person_missing', { back_end: 'Clockodo', user_id: String(this.userId) });
    const user = await this.#person.get(async () => {
      try {
        return await this.#api.user(this.userId, 'read your Clockodo account');
      } catch (error) {
        if (error instanceof ClockodoError && error.status === 404)
          throw new BackEndError('acting_for_person_missing', { back_end: 'Clockodo', user_id: String(this.userId) });
        throw error;
      }
    });
    if (user.id !== this.userId) throw notTheirs();
    if (user.active === false) throw new BackEndError('acting_for_person_deactivated', { back_end: 'Clockodo', user_id: String(this.userId) });
    return user;
  }

  access(): Promise<ClockodoAccess> {
    return this.#access.get(() => this.#api.access(this.userId));
  }

  serviceAccess(): Promise<ClockodoServiceAccess> {
    return this.#serviceAccess.get(() => this.#api.serviceAccess(this.userId));
  }

  /** Refuses an answer's entry that is not the person's; remembers it a moment for a change that follows. */
  theirs(entry: ClockodoEntry): ClockodoEntry {
    if (entry.users_id !== this.userId) throw notTheirs();
    const now = this.#options.now();
    // Only a moment's reads are kept: a long-lived tracker must not gather every entry it ever wrote.
    for (const [id, seen] of this.#seen) if (now - seen.at >= ENTRY_REUSE_MS) this.#seen.delete(id);
    this.#seen.set(entry.id, { at: now, entry });
    return entry;
  }

  theirClock(clock: ClockodoClock): ClockodoClock {
    if (clock.running) this.theirs(clock.running);
    if (clock.stopped) this.theirs(clock.stopped);
    return clock;
  }

  /** The person's entry by id, read a moment ago or now; someone else's is refused before any write. */
  async ownEntry(id: number): Promise<ClockodoEntry> {
    const seen = this.#seen.get(id);
    this.#seen.delete(id);
    if (seen && this.#options.now() - seen.at < ENTRY_REUSE_MS) return seen.entry;
    const entry = await this.#api.entry(id).catch((error: unknown) => {
      throw error instanceof ClockodoError && error.status === 403 ? notYourEntry(id) : error;
    });
    if (entry.users_id !== this.userId) throw notYourEntry(id);
    return entry;
  }

  /** The present moment as Clockodo's time text, for the start of a clock started now. */
  nowText(): string {
    return new Date(this.#options.now()).toISOString();
  }

  /** Refuses a write of an entry starting at `since` (Clockodo's time text) within the person's edit lock. */
  async unlocked(...starts: Array<string | undefined>): Promise<void> {
    const user = await this.person();
    const zone = user.timezone || this.#options.zone();
    const last = lastLockedDay(user, localDate(this.#options.now(), zone));
    if (last === null) return;
    for (const since of starts) {
      if (since === undefined) continue;
      if (localDate(Date.parse(since), zone) <= last) throw new BackEndError('clockodo_entry_edit_locked', { last_locked_day: last });
    }
  }

  /** Refuses a booking (customer, project, service) outside the person's own access maps. */
  async bookable(body: Record<string, unknown>): Promise<void> {
    const ids = ['customers_id', 'projects_id', 'services_id'] as const;
    if (!ids.some((key) => key in body)) return;
    const [access, services] = await Promise.all([this.access(), this.serviceAccess()]);
    const customerId = body.customers_id;
    const projectId = body.projects_id === undefined ? null : body.projects_id;
    const serviceId = body.services_id;
    const project = typeof projectId === 'number' ? `project #${projectId}` : `customer #${String(customerId)}`;
    if (
      customerId !== undefined &&
      !(typeof customerId === 'number' && (projectId === null || typeof projectId === 'number') && mayBook(access.add, customerId, projectId))
    )
      throw new BackEndError('acting_for_booking_not_open', { back_end: 'Clockodo', project });
    if (serviceId !== undefined && !(typeof serviceId === 'number' && mayUseService(services.add, serviceId)))
      throw new BackEndError('acting_for_booking_not_open', { back_end: 'Clockodo', project: `service #${String(serviceId)}` });
  }
}

/** The person's id in a request, where a caller named one: it must be theirs. */
function onlyThem(acting: ClockodoActing, userId: number | undefined, request: string): void {
  if (userId !== acting.userId) throw new BackEndError('clockodo_not_for_others', { request });
}

/** A body of the person's: they are named, and nobody else may be. */
function naming(acting: ClockodoActing, body: Record<string, unknown>, request: string): Record<string, unknown> {
  if ('users_id' in body && body.users_id !== acting.userId) throw new BackEndError('clockodo_not_for_others', { request });
  return { ...body, users_id: acting.userId };
}

/**
 * The API narrowed to the person. Every method of `api` not handled here is refused without a request (an allow-list
 * enumerated from the API object itself, so nothing added to it later slips through).
 */
export function actingClockodoApi(api: ClockodoApi, acting: ClockodoActing): ClockodoApi {
  /** Every request waits for the person to be read and found active. */
  const first = async <T>(send: () => Promise<T>): Promise<T> => {
    await acting.person();
    return send();
  };
  const handled: Partial<ClockodoApi> = {
    pager: api.pager,
    close: () => api.close(),

    // "Me" is the person; the company (its modules) still comes from the account's own aggregate.
    usersMeAggregate: () => first(async () => ({ ...(await api.usersMeAggregate()), user: await acting.person() })),
    usersMe: () => acting.person(),
    user: async (id, action) => {
      onlyThem(acting, id, action);
      return acting.person();
    },

    clock: async (action, usersId) => {
      if (usersId !== undefined) onlyThem(acting, usersId, 'clock');
      return first(async () => acting.theirClock(await api.clock(action, acting.userId)));
    },
    startClock: async (body) => {
      const named = naming(acting, body, 'startClock');
      return first(async () => {
        await acting.bookable(named);
        // A clock started now makes an entry of today, which an edit lock up to today covers too.
        await acting.unlocked(typeof named.time_since === 'string' ? named.time_since : acting.nowText());
        return acting.theirClock(await api.startClock(named));
      });
    },
    stopClock: async (id, timeUntil, usersId) => {
      if (usersId !== undefined) onlyThem(acting, usersId, 'stopClock');
      // Named in the request, Clockodo stops only the person's running entry of that id (a 404 otherwise).
      return first(async () => acting.theirClock(await api.stopClock(id, timeUntil, acting.userId)));
    },

    entryPage: async (filter: Record<string, QueryValue>, page, size, action) => {
      // A list of entries without a user's filter would be everyone's under the owner's key: refused in code. The user
      // is the person, or (for the team tools) one they lead.
      const userId = filter['filter[users_id]'];
      if (typeof userId !== 'number') throw new BackEndError('clockodo_not_for_others', { request: 'entryPage' });
      const answer = await first(async () => {
        if (userId !== acting.userId && !(await acting.led()).people.some((user) => user.id === userId))
          throw new BackEndError('clockodo_not_for_others', { request: 'entryPage' });
        return api.entryPage(filter, page, size, action);
      });
      for (const entry of answer.items) if (entry.users_id !== userId) throw notTheirs();
      return answer;
    },
    entry: (id) =>
      first(async () => {
        const entry = await api.entry(id);
        // Someone else's is for timesheets.ts to refuse by id (entry_not_yours); only the person's is remembered.
        return entry.users_id === acting.userId ? acting.theirs(entry) : entry;
      }),
    createEntry: async (body) => {
      const named = naming(acting, body, 'createEntry');
      return first(async () => {
        await acting.bookable(named);
        await acting.unlocked(typeof named.time_since === 'string' ? named.time_since : undefined);
        return acting.theirs(await api.createEntry(named));
      });
    },
    changeEntry: async (id, body, action) => {
      if ('users_id' in body) throw new BackEndError('clockodo_not_for_others', { request: 'changeEntry' });
      return first(async () => {
        const current = await acting.ownEntry(id);
        await acting.bookable(bookingAfter(current, body));
        await acting.unlocked(current.time_since, typeof body.time_since === 'string' ? body.time_since : undefined);
        return acting.theirs(await api.changeEntry(id, body, action));
      });
    },
    deleteEntry: (id) =>
      first(async () => {
        const current = await acting.ownEntry(id);
        await acting.unlocked(current.time_since);
        return api.deleteEntry(id);
      }),

    // The catalog is the company's, shared; what the person may book on is their own access maps.
    customersPage: (page) => first(() => api.customersPage(page)),
    projectsPage: (page) => first(() => api.projectsPage(page)),
    servicesPage: (page) => first(() => api.servicesPage(page)),
    access: async (userId) => {
      onlyThem(acting, userId, 'access');
      return first(() => acting.access());
    },
    serviceAccess: async (userId) => {
      onlyThem(acting, userId, 'serviceAccess');
      return first(() => acting.serviceAccess());
    },

    // Their own absences by their id; without an id (the calendar), those of the people they may see, named.
    absences: async (years, userId) => {
      if (userId === undefined) return first(() => visibleAbsences(api, acting, years));
      onlyThem(acting, userId, 'absences');
      return first(async () => {
        const absences = await api.absences(years, userId);
        if (absences.some((absence) => absence.users_id !== acting.userId)) throw notTheirs();
        return absences;
      });
    },
    absence: (id) => first(() => acting.ownAbsence(id)),
    createAbsence: async (body) => {
      const named = naming(acting, body, 'createAbsence');
      // A status other than waiting would be filed with the owner's rights: the person's request waits for a decision.
      if ('status' in body && body.status !== PENDING) throw new BackEndError('clockodo_not_for_others', { request: 'createAbsence' });
      return first(async () => filedWaiting(api, acting, await api.createAbsence({ ...named, status: PENDING })));
    },
    setAbsenceStatus: (id, status) =>
      first(async () => {
        const current = await acting.ownAbsence(id);
        // As their own key: a waiting request withdrawn (4); an approval cancelled (3) only by one who manages absences.
        if (status === 4 && current.status !== PENDING) throw decidedAlready(current);
        if (status === 3 && !(current.status === 1 && managesAllAbsences(await acting.person())))
          throw new BackEndError('clockodo_absence_approved', { absence: id });
        const answer = await api.setAbsenceStatus(id, status);
        acting.changedAbsence(id);
        return answer;
      }),
    deleteAbsence: (id) =>
      first(async () => {
        // Deleting stands in for withdrawing a waiting request (leave.ts); a decided absence is not deleted in their name.
        const current = await acting.ownAbsence(id);
        if (current.status === 1) throw new BackEndError('clockodo_absence_approved', { absence: id });
        if (current.status !== PENDING) throw decidedAlready(current);
        const answer = await api.deleteAbsence(id);
        acting.changedAbsence(id);
        return answer;
      }),
    holidaysQuota: async (userId, year) => {
      onlyThem(acting, userId, 'holidaysQuota');
      return first(async () => onlyTheirRows(acting, await api.holidaysQuota(userId, year)));
    },
    holidaysCarry: async (userId, year) => {
      onlyThem(acting, userId, 'holidaysCarry');
      return first(async () => onlyTheirRows(acting, await api.holidaysCarry(userId, year)));
    },

    // A lead's decisions: whom Clockodo says they decide (absence-reach.ts), named in every listing, never themselves.
    usersPage: async (scope, page) => {
      if (scope !== 'manageAbsences' && scope !== 'viewAbsences') throw new BackEndError('clockodo_not_for_others', { request: 'usersPage' });
      return first(async () => {
        const reach = await acting.absenceReach();
        return onePage(page, scope === 'manageAbsences' ? reach.decides : reach.sees);
      });
    },
    // As Clockodo's `manageableAbsences` scope: their own too, which team.ts then refuses to decide in words.
    manageableAbsences: (years) =>
      first(async () => {
        const reach = await acting.absenceReach();
        return acting.absencesOf(years, [acting.userId, ...reach.decides.map((user) => user.id)], 'read the absences you manage');
      }),
    decideAbsence: (id, status) =>
      first(async () => {
        // By id Clockodo names nobody: the absence is read first, and decided only where its person is one the lead decides.
        const current = await api.absence(id);
        if (current.users_id === acting.userId) throw new BackEndError('leave_request_own', { request: id });
        const whose = (await acting.absenceReach()).decides.find((user) => user.id === current.users_id);
        if (!whose) throw new BackEndError('clockodo_leave_request_not_managed', { request: id });
        if (current.status !== PENDING)
          throw new BackEndError('leave_request_decided', {
            request: id,
            person: whose.name ?? `Colleague #${whose.id}`,
            status: leaveStatusOf(current.status),
          });
        const lead = await acting.person();
        // Clockodo names the owner in approved_by: the note names the lead, after the person's own words.
        const decided = await api.decideAbsence(id, status, withDeciderNote(current.note, lead.name ?? `user #${lead.id}`, status));
        if (decided.users_id !== current.users_id) throw notTheirs();
        return decided;
      }),

    // Their plan and time account, by their id only.
    targetHours: async (userId) => {
      onlyThem(acting, userId, 'targetHours');
      return first(async () => (await api.targetHours(userId)).filter((row) => row.users_id === acting.userId));
    },
    nonbusinessDays: async (userId, year) => {
      onlyThem(acting, userId, 'nonbusinessDays');
      return first(async () => (await api.nonbusinessDays(userId, year)).filter((row) => row.users_id === acting.userId));
    },
    userReport: async (userId, year) => {
      onlyThem(acting, userId, 'userReport');
      return first(() => api.userReport(userId, year));
    },
  };
  const refused = (request: string) => () => Promise.reject(new BackEndError('clockodo_not_for_others', { request }));
  const narrowed: Record<string, unknown> = {};
  for (const key of Object.keys(api)) narrowed[key] = key in handled ? handled[key as keyof ClockodoApi] : refused(key);
  return narrowed as ClockodoApi;
}

/**
 * The absences of the people the person may see, named; a colleague's absence the person does not decide is shown as
 * Clockodo shows it to them (absence-reach.ts, colleagueView).
 */
async function visibleAbsences(api: ClockodoApi, acting: ClockodoActing, years: readonly number[]): Promise<ClockodoAbsence[]> {
  const reach = await acting.absenceReach();
  const decided = new Set(reach.decides.map((user) => user.id));
  const absences = await acting.absencesOf(
    years,
    reach.sees.map((user) => user.id),
    "read your colleagues' absences",
  );
  return absences.map((absence) => (absence.users_id === acting.userId || decided.has(absence.users_id) ? absence : colleagueView(absence)));
}

/**
 * The request just filed, read back: it must be the person's and waiting. One Clockodo filed decided all the same (the
 * owner's rights), or for someone else, is deleted again and refused, so no decided request stands in anyone's name.
 */
async function filedWaiting(api: ClockodoApi, acting: ClockodoActing, created: ClockodoAbsence): Promise<ClockodoAbsence> {
  const stored = await api.absence(created.id);
  if (stored.users_id === acting.userId && stored.status === PENDING) return stored;
  const removed = await api.deleteAbsence(stored.id).then(
    () => true,
    () => false,
  );
  if (stored.users_id !== acting.userId) throw notTheirs();
  throw new BackEndError('clockodo_leave_filed_decided', { absence: stored.id, status: leaveStatusOf(stored.status), removed });
}

function decidedAlready(absence: ClockodoAbsence): BackEndError {
  return new BackEndError('clockodo_absence_decided', { absence: absence.id, status: leaveStatusOf(absence.status) });
}

/** Rows of a balance asked with the person's id: a row naming someone else is not trusted. */
function onlyTheirRows<Row extends { users_id?: number }>(acting: ClockodoActing, rows: Row[]): Row[] {
  if (rows.some((row) => row.users_id !== undefined && row.users_id !== acting.userId)) throw notTheirs();
  return rows;
}

/** People worked out here rather than listed by Clockodo, as the one page of a list. */
function onePage(page: number, people: ClockodoUser[]): Page<ClockodoUser> {
  const items = page === 1 ? people : [];
  return { items, pages: 1, total: people.length, size: people.length };
}

/** The booking a change sends, over the entry's own: its customer and project where either changes, its service where that does. */
function bookingAfter(entry: ClockodoEntry, body: Record<string, unknown>): Record<string, unknown> {
  const place =
    'customers_id' in body || 'projects_id' in body
      ? {
          customers_id: 'customers_id' in body ? body.customers_id : entry.customers_id,
          projects_id: 'projects_id' in body ? body.projects_id : entry.projects_id,
        }
      : {};
  return { ...place, ...('services_id' in body ? { services_id: body.services_id } : {}) };
}
