// The person the team server acts for with the owner's key (providers/acting-for.ts; docs/back-ends/clockodo.md,
// "Acting for others"), as every capability asks about them, and the endpoints the capabilities share (api.ts)
// narrowed to them. The team server holds the company owner's login and key, which Clockodo lets read and write
// anyone's time and book on anything; under `actingFor` each capability sees only its endpoints narrowed
// (<capability>/organisation.ts, typed as the endpoints themselves, so an endpoint added without its narrowing does
// not compile), and the shared ones as narrowed here, an allow-list: a shared endpoint not narrowed is refused without
// a request. What the narrowing holds, capability by capability:
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
import { type AbsenceReach, absenceReach, colleagueView, type Led, ledBy } from './leadership.ts';
import { type ClockodoApi, type ClockodoClient, type QueryValue, USER_PAGE } from './api.ts';
import { ClockodoError } from './errors.ts';
import { mayBook, mayUseService } from './mapping.ts';
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

/** An answer holding a record that is not the person's: nothing of it is trusted. */
export const notTheirs = () => new BackEndError('acting_for_answer_not_the_persons', { back_end: 'Clockodo' });

/** Clockodo's status of an absence waiting for a decision ("enquired"). */
export const PENDING = 0;
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
  /** The endpoints the capabilities share, narrowed to the person. */
  readonly shared: ClockodoApi;
  readonly #api: ClockodoApi;
  readonly #client: ClockodoClient;
  readonly #options: ActingOptions;
  readonly #person: Expiring<ClockodoUser>;
  readonly #access: Expiring<ClockodoAccess>;
  readonly #serviceAccess: Expiring<ClockodoServiceAccess>;
  readonly #directory: Expiring<Directory>;
  /** Entries of the person's read a moment ago, by id: a change or deletion that follows needs no second read. */
  readonly #seen = new Map<number, { at: number; entry: ClockodoEntry }>();
  /** Absences of the person's read a moment ago, by id: a withdrawal that follows needs no second read. */
  readonly #seenAbsences = new Map<number, { at: number; absence: ClockodoAbsence }>();

  /** `client`: the owner's, as sent; the person's requests go through what is narrowed over it. */
  constructor(client: ClockodoClient, options: ActingOptions) {
    this.#client = client;
    this.#api = client.api;
    this.#options = options;
    this.userId = options.userId;
    this.#person = new Expiring(PERSON_TTL_MS, options.now);
    this.#access = new Expiring(ACCESS_TTL_MS, options.now);
    this.#serviceAccess = new Expiring(ACCESS_TTL_MS, options.now);
    this.#directory = new Expiring(PERSON_TTL_MS, options.now);
    this.shared = narrowShared(client.api, this);
  }

  /** Every request waits for the person to be read and found active. */
  async first<T>(send: () => Promise<T>): Promise<T> {
    await this.person();
    return send();
  }

  /** The person's id in a request, where a caller named one: it must be theirs. */
  onlyThem(userId: number | undefined, request: string): void {
    if (userId !== this.userId) throw new BackEndError('clockodo_not_for_others', { request });
  }

  /** A body of the person's: they are named, and nobody else may be. */
  naming(body: Record<string, unknown>, request: string): Record<string, unknown> {
    if ('users_id' in body && body.users_id !== this.userId) throw new BackEndError('clockodo_not_for_others', { request });
    return { ...body, users_id: this.userId };
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
        allPages(this.#client.pager, (page) => this.#api.teamsPage(page)),
        allPages(this.#client.pager, (page) => this.#api.usersPage(undefined, page, USER_PAGE, 'read whom you lead')),
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
    const lists = await mapWithLimit(groups, this.#client.pager.maxParallel, async (group) => {
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

/**
 * The endpoints the capabilities share, narrowed to the person. Those not narrowed (the directory's lists, which the
 * person object reads itself; the administration's people lists and changes) are refused without a request, an
 * allow-list enumerated from the endpoints themselves, so nothing added to api.ts later slips through.
 */
function narrowShared(api: ClockodoApi, acting: ClockodoActing): ClockodoApi {
  const handled: Partial<ClockodoApi> = {
    // "Me" is the person; the company (its modules) still comes from the account's own aggregate.
    usersMeAggregate: () => acting.first(async () => ({ ...(await api.usersMeAggregate()), user: await acting.person() })),
    usersMe: () => acting.person(),
    user: async (id, action) => {
      acting.onlyThem(id, action);
      return acting.person();
    },
    clock: async (action, usersId) => {
      if (usersId !== undefined) acting.onlyThem(usersId, 'clock');
      return acting.first(async () => acting.theirClock(await api.clock(action, acting.userId)));
    },
    entryPage: async (filter: Record<string, QueryValue>, page, size, action) => {
      // A list of entries without a user's filter would be everyone's under the owner's key: refused in code. The user
      // is the person, or (for the team tools) one they lead.
      const userId = filter['filter[users_id]'];
      if (typeof userId !== 'number') throw new BackEndError('clockodo_not_for_others', { request: 'entryPage' });
      const answer = await acting.first(async () => {
        if (userId !== acting.userId && !(await acting.led()).people.some((user) => user.id === userId))
          throw new BackEndError('clockodo_not_for_others', { request: 'entryPage' });
        return api.entryPage(filter, page, size, action);
      });
      for (const entry of answer.items) if (entry.users_id !== userId) throw notTheirs();
      return answer;
    },
    entry: (id) =>
      acting.first(async () => {
        const entry = await api.entry(id);
        // Someone else's is for timesheets.ts to refuse by id (entry_not_yours); only the person's is remembered.
        return entry.users_id === acting.userId ? acting.theirs(entry) : entry;
      }),
    changeEntry: async (id, body, action) => {
      if ('users_id' in body) throw new BackEndError('clockodo_not_for_others', { request: 'changeEntry' });
      return acting.first(async () => {
        const current = await acting.ownEntry(id);
        await acting.bookable(bookingAfter(current, body));
        await acting.unlocked(current.time_since, typeof body.time_since === 'string' ? body.time_since : undefined);
        return acting.theirs(await api.changeEntry(id, body, action));
      });
    },
    // The catalog is the company's, shared; what the person may book on is their own access maps.
    customersPage: (page) => acting.first(() => api.customersPage(page)),
    projectsPage: (page) => acting.first(() => api.projectsPage(page)),
    access: async (userId) => {
      acting.onlyThem(userId, 'access');
      return acting.first(() => acting.access());
    },
    serviceAccess: async (userId) => {
      acting.onlyThem(userId, 'serviceAccess');
      return acting.first(() => acting.serviceAccess());
    },
    // Their own absences by their id; without an id (the calendar), those of the people they may see, named.
    absences: async (years, userId) => {
      if (userId === undefined) return acting.first(() => visibleAbsences(api, acting, years));
      acting.onlyThem(userId, 'absences');
      return acting.first(async () => {
        const absences = await api.absences(years, userId);
        if (absences.some((absence) => absence.users_id !== acting.userId)) throw notTheirs();
        return absences;
      });
    },
    absence: (id) => acting.first(() => acting.ownAbsence(id)),
    // A lead's decisions: whom Clockodo says they decide (absence-reach.ts), named in every listing, never themselves.
    usersPage: async (scope, page) => {
      if (scope !== 'manageAbsences' && scope !== 'viewAbsences') throw new BackEndError('clockodo_not_for_others', { request: 'usersPage' });
      return acting.first(async () => {
        const reach = await acting.absenceReach();
        return onePage(page, scope === 'manageAbsences' ? reach.decides : reach.sees);
      });
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
