// The person the team server acts for with the organisation's account (providers/acting-for.ts; docs/back-ends/kimai.md,
// "Acting for others"), as every capability asks about them: who they are and whose time they see, the fields they are
// granted, what their teams reach, their records and absences as read. Kimai judges everything against the account that
// calls and narrows nothing, so under `actingFor` each capability sees only its endpoints narrowed
// (<capability>/organisation.ts, typed as the endpoints themselves, so an endpoint added without its narrowing does not
// compile), and the ones the capabilities share (api.ts) as acting-shared.ts narrows them, an allow-list: a shared
// endpoint not narrowed is refused without a request. What holds the person is acting-holds.ts. What the narrowing
// holds, capability by capability:
// - the person is the pinned user, read from the directory (view_user) at the first request and hourly after; a
//   disabled or vanished account is refused before anything else is sent;
// - every timesheet request names them (`user` in the query and the body); the endpoints that always act for the
//   caller (`/active`, `/recent`, `/restart`) are never used, but emulated with filtered reads and a create
//   (timesheets/organisation.ts);
// - every record an answer holds is checked to be theirs: Kimai ignores `?user=` silently for an account without
//   view_other_timesheet, and such an answer is refused with nothing written;
// - a change, stop or delete by id reads the record first and refuses one that is not theirs, before any write;
// - what would hold the person with their own token holds them here (acting-holds.ts): Kimai's lockdown and exported
//   records (an administrator is held by neither) for the person's role, and team access to customers, projects and
//   activities (the catalog is filtered to what their teams reach, person-reach.ts, and a booking elsewhere is
//   refused), and the tracking mode's refusal of times below team lead;
// - the ApprovalBundle's per-user lockdown (every week before the next one to submit, once the one before it is
//   submitted or approved), which an administrator's account is not held by, holds a person who is not one;
// - Kimai reads times in the calling account's zone: the person's wall-clock times are moved into it;
// - the absence plugin's requests name the person (`user`) and every absence answered is checked to be theirs (a lead's
//   read of a member's, that member's); an absence is cancelled only once a listing naming the person showed it theirs,
//   and one the plugin approved at once on filing (the administrator's rights) is taken back (leave/organisation.ts); a
//   team lead decides only the absences of the people of the teams they lead, never their own, each shown by a listing
//   naming its owner and still waiting (team/decisions.ts);
// - the ApprovalBundle's submission and status reads name the person (a lead's reads, a member of the teams they lead);
// - the custom-fields plugin defines a meta field kept to a permission or role only for a caller granted it (its
//   canSeeRule), and the organisation's account is granted every one: the person is listed, sent and shown only the
//   fields their own role is granted (a role they hold or rank above; any other permission cannot be read for a
//   person, so it is not assumed), and a meta request for any other name is answered as Kimai answers their own token.
import type { KimaiLockdown } from '../../contract/kimai-lockdown.ts';
import { formatInstant, formatWallClock, localDateTimeToEpoch } from '../../domain/time.ts';
import { refusedUnderOrganisation } from '../grid/cell.ts';
import { Expiring } from '../remote/cache.ts';
import type { Page } from '../remote/paging.ts';
import { remoteRefusal } from '../remote/remote-error.ts';
import { BackEndError, notYourEntry } from '../time-tracker.ts';
import { KimaiHolds } from './acting-holds.ts';
import type { KimaiApi, KimaiClient, QueryValue } from './api.ts';
import { KimaiError, type RequestPurpose } from './errors.ts';
import { highestRole } from './facts.ts';
import { readDirectory, withId } from './organisation-account.ts';
import { administratorsReach, type Reach, teamsReach } from './person-reach.ts';
import type { KimaiAbsence, KimaiMetaFieldRule, KimaiTimesheet, KimaiUserFull } from './wire.ts';

/** The person is read again at most this often (a deactivation shows within the hour). */
export const PERSON_LOOK_UP_MS = 60 * 60_000;
/** A record read (and found the person's) this recently is not read again before a write by its id. */
const RECENT_READ_MS = 5_000;
/** The fields a timesheet body may carry for a person: never `user` (set here), rates, `billable` or `exported`. */
const BODY_FIELDS: ReadonlySet<string> = new Set(['project', 'activity', 'begin', 'end', 'description', 'tags']);
/** Kimai's "can see all data": roles that team access, the lockdown and the export lock do not hold. */
const ADMIN_ROLES: ReadonlySet<string> = new Set(['ROLE_ADMIN', 'ROLE_SUPER_ADMIN']);
/** The custom-fields plugin's rules are read again after this long (entry-fields.ts keeps them a minute too). */
const RULES_REUSE_MS = 60_000;
/** Kimai's shipped roles, lowest first: a role grants those below it (its role hierarchy). */
const ROLE_ORDER: readonly string[] = ['ROLE_USER', 'ROLE_TEAMLEAD', 'ROLE_ADMIN', 'ROLE_SUPER_ADMIN'];
/** The query fields that are wall-clock times in the calling account's zone. */
const QUERY_TIMES = ['begin', 'end', 'modified_after'] as const;

export interface ActingKimaiOptions {
  /** The pinned Kimai user's id, as text. */
  userId: string;
  /** Kimai's lockdown as the settings name it (Kimai publishes none). */
  lockdown?: KimaiLockdown;
  now: () => number;
}

/** The person and the calling account's zone, as last read. */
export interface Look {
  person: KimaiUserFull;
  /** The person's own profile zone, for their days; the calling account's where the directory shows none. */
  personZone: string;
  /** The zone Kimai reads query and body times in: the organisation account's. */
  keyZone: string;
  /** Kimai's "can see all data": the person is an administrator, whom team access and the lockdown do not hold. */
  administers: boolean;
  /**
   * Whose time the person may read: themselves, and for a team lead (by role, not an administrator) the members of
   * the teams they lead, from the directory's memberships (what Kimai shows a team lead with their own token).
   */
  sees: ReadonlySet<number>;
}

/** An absence of someone the person leads, as the last listing naming its owner showed it. */
export interface ListedAbsence {
  owner: number;
  /** When the listing answered. */
  at: number;
  absence: KimaiAbsence;
}

/** Whose record a timesheet or an absence is: its `user` as an id or an object; undefined where it names none. */
export function ownerOf(sheet: Pick<KimaiTimesheet, 'user'> | Pick<KimaiAbsence, 'user'>): number | undefined {
  const user = sheet.user;
  if (typeof user === 'number') return user;
  return typeof user === 'object' && user !== null && typeof user.id === 'number' ? user.id : undefined;
}

/** An answer holding a record that is not the person's: nothing of it is trusted. */
export const notThePersons = () => new BackEndError('acting_for_answer_not_the_persons', { back_end: 'Kimai' });
/** What the organisation's account may not do for the person, in words. */
export const withheldError = (what: string) => new BackEndError('kimai_acting_for_withheld', { what });
/** An endpoint the organisation's account does not send for the person: refused, nothing sent. */
export const withheld = (what: string) => () => Promise.reject(withheldError(what));
/** As Kimai answers an account that may not use a plugin: the probes (account/connection-test.ts) then switch it off. */
export const pluginWithheld = (what: string) => () => Promise.reject(new KimaiError('forbidden', remoteRefusal('kimai_forbidden', { action: what })));

/**
 * A capability refused under the organisation's credential, every endpoint of it refused unsent: in the words `words`
 * names for it (what each endpoint would do), or `otherwise`.
 */
export function withheldUnderOrganisation(words: Readonly<Record<string, string>>, otherwise: string) {
  return refusedUnderOrganisation((endpoint) => withheldError(words[endpoint] ?? otherwise));
}

/** The person the API is narrowed to: read hourly from the directory, their reach, their rules, their records. */
export class KimaiActing {
  /** The person's Kimai id (NaN where the pin is not a number: the person is then missing). */
  readonly personId: number;
  /** The pinned id, as text. */
  readonly userId: string;
  readonly baseUrl: string;
  /** The endpoints the capabilities share, narrowed to the person. */
  readonly shared: KimaiApi;
  readonly #api: KimaiApi;
  /** What holds the person as their own token would (acting-holds.ts). */
  readonly holds: KimaiHolds;
  readonly #now: () => number;
  readonly #lookUp: Expiring<Look>;
  readonly #rulesOnce: Expiring<KimaiMetaFieldRule[]>;
  /** The person as read when their rules were judged: read again, the rules are judged again (their role may have changed). */
  #rulesJudgedFor: Look | undefined;
  readonly #reachOnce: Expiring<Reach>;
  /** The person as read when the reach was judged: read again, the reach is judged again (their role and teams may have changed). */
  #reachedFor: Look | undefined;
  /** Records read and found the person's, by id: a write by id right after its read needs no second read. */
  readonly #recent = new Map<number, { at: number; sheet: KimaiTimesheet }>();
  /** Absences read and found the person's, by id (an absence's owner never changes): what a cancellation may delete. */
  readonly #personsAbsences = new Set<number>();
  /** Absences of people the person leads, by id, as the last listing naming their owner showed them (team/decisions.ts). */
  readonly #listed = new Map<number, ListedAbsence>();

  /**
   * `client`: the organisation's, as sent; the person's requests go through what is narrowed over it, the shared
   * endpoints by `narrowShared` (acting-shared.ts, which makes the person with them: `kimaiActing`).
   */
  constructor(client: KimaiClient, options: ActingKimaiOptions, narrowShared: (api: KimaiApi, acting: KimaiActing) => KimaiApi) {
    const { userId, now } = options;
    this.userId = userId;
    this.personId = /^\d+$/.test(userId) ? Number(userId) : Number.NaN;
    this.baseUrl = client.baseUrl;
    this.#api = client.api;
    this.#now = now;
    this.#lookUp = new Expiring<Look>(PERSON_LOOK_UP_MS, now);
    this.#rulesOnce = new Expiring<KimaiMetaFieldRule[]>(RULES_REUSE_MS, now);
    this.#reachOnce = new Expiring<Reach>(PERSON_LOOK_UP_MS, now);
    this.holds = new KimaiHolds({
      api: client.api,
      personId: this.personId,
      lockdown: options.lockdown,
      now,
      reach: () => this.reach(),
      reaskMs: PERSON_LOOK_UP_MS,
    });
    this.shared = narrowShared(client.api, this);
  }

  /** The present moment, on the tracker's clock. */
  now(): number {
    return this.#now();
  }

  /** The person, checked active; before anything else is sent on their behalf. */
  look(): Promise<Look> {
    return this.#lookUp.get(async () => {
      const [directory, caller] = await Promise.all([readDirectory(this.#api), this.#api.me()]);
      const person = withId(directory, this.userId);
      if (!person || person.id !== this.personId) throw new BackEndError('acting_for_person_missing', { back_end: 'Kimai', user_id: this.userId });
      if (person.enabled === false) throw new BackEndError('acting_for_person_deactivated', { back_end: 'Kimai', user_id: this.userId });
      const personZone = typeof person.timezone === 'string' && person.timezone !== '' ? person.timezone : caller.timezone;
      return { person, personZone, keyZone: caller.timezone, administers: ADMIN_ROLES.has(highestRole(person.roles)), sees: seenBy(person, directory) };
    });
  }

  /** Every request waits for the person to be read and found active. */
  async first<T>(send: () => Promise<T>): Promise<T> {
    await this.look();
    return send();
  }

  /**
   * Whose time, absences or weeks a read may name: the person (no one named is the person too); for a team lead who is not an
   * administrator, a member of the teams they lead (`sees`), as the lead's own token reaches them; anyone else is refused.
   */
  readFor(seen: Look, user: QueryValue | undefined, what: string): number {
    if (user === undefined || Number(user) === this.personId) return this.personId;
    const id = Number(user);
    if (Number.isInteger(id) && seen.sees.has(id)) return id;
    throw withheldError(what);
  }

  /** The plugin's rules the person is granted (a Kimai without the plugin answers 404: its caller does without), read a minute at most. */
  async personsRules(): Promise<KimaiMetaFieldRule[]> {
    const seen = await this.look();
    const fresh = this.#rulesJudgedFor !== seen;
    this.#rulesJudgedFor = seen;
    const judged = async () => {
      const rules = await this.#api.metaFieldRules();
      return rules.filter((rule) => ruleGranted(rule, seen.person.roles));
    };
    return fresh ? this.#rulesOnce.refresh(judged) : this.#rulesOnce.get(judged);
  }

  /**
   * Records as the person's own token would show them: of their meta fields, those of rules the person is granted
   * (the organisation's account is shown all it is granted); where the rules cannot be read, none.
   */
  async shownMeta(sheets: readonly KimaiTimesheet[]): Promise<KimaiTimesheet[]> {
    const carries = (sheet: KimaiTimesheet) => Array.isArray(sheet.metaFields) && sheet.metaFields.length > 0;
    if (!sheets.some(carries)) return [...sheets];
    const rules = await this.personsRules().catch(() => null);
    const names = new Set((rules ?? []).map((rule) => rule.name.toLowerCase()));
    return sheets.map((sheet) =>
      carries(sheet)
        ? { ...sheet, metaFields: (sheet.metaFields ?? []).filter((field) => typeof field?.name === 'string' && names.has(field.name.toLowerCase())) }
        : sheet,
    );
  }

  async shownOne(sheet: KimaiTimesheet): Promise<KimaiTimesheet> {
    return (await this.shownMeta([sheet]))[0] as KimaiTimesheet;
  }

  /**
   * What the person's teams reach, read hourly: every customer, project and activity with the teams granted each
   * (three lists, however many teams there are; no team is read); every project alone for an administrator.
   */
  async reach(): Promise<Reach> {
    const seen = await this.look();
    const fresh = this.#reachedFor !== seen;
    this.#reachedFor = seen;
    const judged = async () => {
      if (seen.administers) return administratorsReach(await this.#api.projects(3));
      const [customers, projects, activities] = await Promise.all([this.#api.customers(3), this.#api.projects(3), this.#api.activities(3)]);
      return teamsReach(seen.person, { customers, projects, activities });
    };
    return fresh ? this.#reachOnce.refresh(judged) : this.#reachOnce.get(judged);
  }

  /** The person's wall-clock time moved into the calling account's zone (the same where the zones agree). */
  intoKeyZone(wall: string, seen: Look, field: string): string {
    if (seen.personZone === seen.keyZone || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/.test(wall)) return wall;
    const instant = localDateTimeToEpoch(wall.slice(0, 10), wall.slice(11), seen.personZone);
    const moved = formatWallClock(instant, seen.keyZone);
    // The calling account's zone may repeat this hour where the person's does not: Kimai would store the other one.
    if (localDateTimeToEpoch(moved.slice(0, 10), moved.slice(11), seen.keyZone) !== instant)
      throw new BackEndError('kimai_time_repeats', { field, time: formatInstant(instant, seen.keyZone), timezone: seen.keyZone });
    return moved;
  }

  /** The instant of the person's wall-clock time, or undefined where `wall` is not one. */
  instantOf(wall: unknown, seen: Look): number | undefined {
    return typeof wall === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/.test(wall)
      ? localDateTimeToEpoch(wall.slice(0, 10), wall.slice(11), seen.personZone)
      : undefined;
  }

  /** Keeps the person's own records of an answer a moment, for a write by id that follows. */
  remember(sheets: readonly KimaiTimesheet[]): void {
    const at = this.#now();
    for (const [id, kept] of this.#recent) if (at - kept.at >= RECENT_READ_MS) this.#recent.delete(id);
    // A team lead's read holds their people's records too: only the person's own are taken as read for a write.
    for (const sheet of sheets) if (ownerOf(sheet) === this.personId) this.#recent.set(sheet.id, { at, sheet });
  }

  /** Forgets a record kept a moment (it was deleted). */
  forget(id: number): void {
    this.#recent.delete(id);
  }

  /** The record numbered `id`, read (or just read) and refused where it is not the person's. */
  async theirRecord(id: number): Promise<KimaiTimesheet> {
    const kept = this.#recent.get(id);
    if (kept && this.#now() - kept.at < RECENT_READ_MS) return kept.sheet;
    const sheet = await this.#api.timesheet(id);
    if (ownerOf(sheet) !== this.personId) throw notYourEntry(id);
    this.remember([sheet]);
    return sheet;
  }

  /** An answer's record, checked to be the person's, kept a moment, and shown with the fields they are granted. */
  async checked(sheet: Promise<KimaiTimesheet>): Promise<KimaiTimesheet> {
    const answer = await sheet;
    if (ownerOf(answer) !== this.personId) throw notThePersons();
    this.remember([answer]);
    return this.shownOne(answer);
  }

  /** A body for the person: only the fields a person's own form takes, times moved into the calling account's zone. */
  personsBody(body: Record<string, unknown>, seen: Look): Record<string, unknown> {
    const unknown = Object.keys(body).filter((key) => !BODY_FIELDS.has(key));
    if (unknown.length > 0) throw withheldError(`set ${unknown.join(', ')} on a time entry`);
    const moved = { ...body };
    for (const field of ['begin', 'end'] as const) {
      if (typeof moved[field] === 'string') moved[field] = this.intoKeyZone(moved[field] as string, seen, field === 'begin' ? 'start' : 'end');
    }
    return moved;
  }

  /**
   * A page of timesheets for the person. Everyone's records (a team lead's read, `user=all`) are the people the person
   * leads and their own, named one by one; one person is the person or, for a lead, one of theirs (a week's entries to
   * decide); several named by the caller, or anyone else, have no place here.
   */
  async timesheetPage(
    filter: Record<string, QueryValue>,
    page: number,
    size: number,
    orderBy: 'begin' | 'end',
    order: 'ASC' | 'DESC',
    purpose?: RequestPurpose,
  ): Promise<Page<KimaiTimesheet> | undefined> {
    const seen = await this.look();
    const { user, users, 'users[]': _listed, ...rest } = filter;
    if (_listed !== undefined || users !== undefined) throw withheldError("read other people's time");
    const team = user === 'all';
    const named = team ? this.personId : this.readFor(seen, user, "read other people's time");
    const query: Record<string, QueryValue> = team ? { ...rest, users: [...seen.sees].sort((a, b) => a - b) } : { ...rest, user: named };
    for (const field of QUERY_TIMES) if (typeof query[field] === 'string') query[field] = this.intoKeyZone(query[field] as string, seen, field);
    const answer = await this.#api.timesheetPage(query, page, size, orderBy, order, ...(purpose ? [purpose] : []));
    if (!answer) return answer;
    if (answer.items.some((sheet) => !(team ? seen.sees : new Set([named])).has(ownerOf(sheet) ?? Number.NaN))) throw notThePersons();
    this.remember(answer.items);
    return { ...answer, items: await this.shownMeta(answer.items) };
  }

  /**
   * One person's absences (the plugin's `user`; a lead's member's). Whether the plugin narrows `user` for an
   * administrator's account is not known, and Kimai ignores filters it does not allow without a word: an answer holding an
   * absence of anyone else, or one naming nobody, is refused whole.
   */
  async absencesOf(query: Record<string, QueryValue>, purpose?: RequestPurpose): Promise<KimaiAbsence[]> {
    const seen = await this.look();
    const owner = this.readFor(seen, query.user, "read other people's leave");
    const answer = await this.#api.absences({ ...query, user: owner }, ...(purpose ? [purpose] : []));
    if (!Array.isArray(answer) || answer.some((absence) => ownerOf(absence) !== owner)) throw notThePersons();
    if (owner === this.personId) for (const absence of answer) this.#personsAbsences.add(absence.id);
    else {
      const at = this.#now();
      for (const absence of answer) this.#listed.set(absence.id, { owner, at, absence });
    }
    return answer;
  }

  /** Whether a listing naming the person showed absence `id` theirs. */
  ownsAbsence(id: number): boolean {
    return this.#personsAbsences.has(id);
  }

  /** Absence `id` is the person's (filed for them and found theirs), or no longer is (deleted). */
  ownAbsence(id: number, theirs: boolean): void {
    if (theirs) this.#personsAbsences.add(id);
    else this.#personsAbsences.delete(id);
  }

  /** Absence `id` of someone the person leads, as the last listing naming its owner showed it. */
  listedAbsence(id: number): ListedAbsence | undefined {
    return this.#listed.get(id);
  }

  /** Forgets a listed absence once it is decided. */
  decidedAbsence(id: number): void {
    this.#listed.delete(id);
  }
}

/**
 * Whose time `person` may read through the narrowed API: their own; for a team lead who is not an administrator the
 * members of the teams they lead too (an administrator's own token would reach everyone, which is not offered here).
 */
export function seenBy(person: KimaiUserFull, directory: readonly KimaiUserFull[]): Set<number> {
  const sees = new Set([person.id]);
  if (highestRole(person.roles) !== 'ROLE_TEAMLEAD') return sees;
  const led = new Set((person.memberships ?? []).filter((membership) => membership.teamlead).map((membership) => membership.team.id));
  for (const user of directory) if ((user.memberships ?? []).some((membership) => led.has(membership.team.id))) sees.add(user.id);
  return sees;
}

/**
 * Whether the custom-fields plugin would define `rule` for a person of `roles` (its canSeeRule: isGranted of the
 * rule's permission): a rule without one for everyone; one kept to a role for its holders and those above it in
 * Kimai's shipped hierarchy; one kept to any other permission for nobody here, since a person's permissions cannot
 * be read (an instance configures them per role) and are not assumed.
 */
export function ruleGranted(rule: Pick<KimaiMetaFieldRule, 'permission'>, roles: readonly string[] | undefined): boolean {
  const permission = typeof rule.permission === 'string' ? rule.permission.trim() : '';
  if (permission === '') return true;
  if ((roles ?? []).includes(permission) || permission === 'ROLE_USER') return true;
  const needed = ROLE_ORDER.indexOf(permission);
  return needed > 0 && ROLE_ORDER.indexOf(highestRole(roles)) >= needed;
}
