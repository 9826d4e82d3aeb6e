// Kimai's API narrowed to one person, for the team server acting for them with the organisation's account
// (providers/acting-for.ts; docs/back-ends/kimai.md, "Acting for others"). Kimai judges everything against the
// account that calls and narrows nothing, so this wrapper does, in one place, for every feature module above it:
// - the person is the pinned user, read from the directory (view_user) at the first request and hourly after; a
//   disabled or vanished account is refused before anything else is sent;
// - every timesheet request names them (`user` in the query and the body); the endpoints that always act for the
//   caller (`/active`, `/recent`, `/restart`) are never used, but emulated with filtered reads and a create;
// - every record an answer holds is checked to be theirs: Kimai ignores `?user=` silently for an account without
//   view_other_timesheet, and such an answer is refused with nothing written;
// - a change, stop or delete by id reads the record first and refuses one that is not theirs, before any write;
// - what would hold the person with their own token holds them here: Kimai's lockdown and exported records (an
//   administrator is held by neither) for the person's role, and team access to customers, projects and activities
//   (the catalog is filtered to what their teams reach, and a booking elsewhere is refused), and the tracking mode's
//   refusal of times below team lead;
// - the ApprovalBundle's per-user lockdown (every week before the next one to submit, once the one before it is
//   submitted or approved), which an administrator's account is not held by, holds a person who is not one;
// - Kimai reads times in the calling account's zone: the person's wall-clock times are moved into it;
// - the absence plugin's requests name the person (`user`) and every absence answered is checked to be theirs (a lead's
//   read of a member's, that member's); an absence is cancelled only once a listing naming the person showed it theirs,
//   and one the plugin approved at once on filing (the administrator's rights) is taken back: a request filed for the
//   person waits for a decision as their own would; a team lead decides only the absences of the people of the teams
//   they lead, never their own, each shown by a listing naming its owner and still waiting (acting-decisions.ts);
// - the ApprovalBundle's submission and status reads name the person (a lead's reads, a member of the teams they lead);
// - the custom-fields plugin defines a meta field kept to a permission or role only for a caller granted it (its
//   canSeeRule), and the organisation's account is granted every one: the person is listed, sent and shown only the
//   fields their own role is granted (a role they hold or rank above; any other permission cannot be read for a
//   person, so it is not assumed), and a meta request for any other name is answered as Kimai answers their own token.
// It is an allow-list: every method of the API is listed, and what is not narrowed throws, so a method added later
// cannot reach Kimai unnarrowed.
import type { KimaiLockdown } from '../../contract/kimai-lockdown.ts';
import { lockedPeriod } from '../../domain/kimai-lockdown.ts';
import { addDays, formatInstant, formatWallClock, isoWeekday, localDate, localDateTimeToEpoch } from '../../domain/time.ts';
import { Expiring } from '../remote/cache.ts';
import type { Page } from '../remote/paging.ts';
import { BackEndError, notYourEntry } from '../time-tracker.ts';
import type { KimaiApi, QueryValue } from './api.ts';
import { highestRole } from './capabilities.ts';
import { KimaiError, type RequestPurpose } from './errors.ts';
import { readKimaiTime } from './mapping.ts';
import { readDirectory, withId } from './people-directory.ts';
import { grantsFromCatalog, type PersonReach, personReach, REACHES_ALL, UNKNOWN_TEAM } from './person-reach.ts';
import { remoteRefusal } from '../remote/remote-error.ts';
import { readMonday, readWeekStatus, weekOf } from './approval-weeks.ts';
import { LEAVE_YEARS_AHEAD } from '../../domain/call-limits.ts';
import { relationId } from './wire.ts';
import { ledAbsenceDecisions } from './acting-decisions.ts';
import type { KimaiAbsence, KimaiActivity, KimaiCustomer, KimaiMetaFieldRule, KimaiProject, KimaiTimesheet, KimaiUser, KimaiUserFull } from './wire.ts';

/** The person is read again at most this often (a deactivation shows within the hour). */
export const PERSON_LOOK_UP_MS = 60 * 60_000;
/** A record read (and found the person's) this recently is not read again before a write by its id. */
const RECENT_READ_MS = 5_000;
/** The fields a timesheet body may carry for a person: never `user` (set here), rates, `billable` or `exported`. */
const BODY_FIELDS: ReadonlySet<string> = new Set(['project', 'activity', 'begin', 'end', 'description', 'tags']);
/** Kimai's "can see all data": roles that team access, the lockdown and the export lock do not hold. */
const ADMIN_ROLES: ReadonlySet<string> = new Set(['ROLE_ADMIN', 'ROLE_SUPER_ADMIN']);
/** Roles whose own token may set times whatever the tracking mode (timesheets.ts, PRIVILEGED_ROLES). */
const TIMES_ROLES: ReadonlySet<string> = new Set(['ROLE_TEAMLEAD', 'ROLE_ADMIN', 'ROLE_SUPER_ADMIN']);
/** The custom-fields plugin's rules are read again after this long (entry-fields.ts keeps them a minute too). */
const RULES_REUSE_MS = 60_000;
/** Kimai's shipped roles, lowest first: a role grants those below it (its role hierarchy). */
const ROLE_ORDER: readonly string[] = ['ROLE_USER', 'ROLE_TEAMLEAD', 'ROLE_ADMIN', 'ROLE_SUPER_ADMIN'];
/** The query fields that are wall-clock times in the calling account's zone. */
const QUERY_TIMES = ['begin', 'end', 'modified_after'] as const;
/** The fields an absence request may carry for a person (their own form's): never a status, nor anyone else as `user`. */
const ABSENCE_FIELDS: ReadonlySet<string> = new Set(['type', 'date', 'end', 'halfDay', 'comment', 'user']);
/**
 * The absence types the plugin approves at once for everyone, the person's own filing included (its documentation:
 * sickness needs no approval): approved on filing, such a request is what the person's own token would have made.
 */
const APPROVED_FOR_EVERYONE: ReadonlySet<string> = new Set(['sickness']);

export interface ActingKimaiOptions {
  /** The pinned Kimai user's id, as text. */
  userId: string;
  /** Kimai's lockdown as the settings name it (Kimai publishes none). */
  lockdown?: KimaiLockdown;
  now: () => number;
}

/** The person and the calling account's zone, as last read. */
interface Look {
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

/** What the person's teams reach, with the whole project list it was judged on. */
interface Reach {
  reach: PersonReach;
  /**
   * Whether Kimai would show the person a project's budget: an administrator every one, a team lead those of the
   * teams they lead (budget_teamlead_project: the team is granted the project or its customer), anyone else none.
   */
  budgetShown: (project: KimaiProject) => boolean;
  projects: ReadonlyMap<number, KimaiProject>;
  /** Every activity, for a person whose teams decide (undefined for an administrator, who reaches all). */
  activities?: ReadonlyMap<number, KimaiActivity>;
}

/** Whose record a timesheet or an absence is: its `user` as an id or an object; undefined where it names none. */
export function ownerOf(sheet: Pick<KimaiTimesheet, 'user'> | Pick<KimaiAbsence, 'user'>): number | undefined {
  const user = sheet.user;
  if (typeof user === 'number') return user;
  return typeof user === 'object' && user !== null && typeof user.id === 'number' ? user.id : undefined;
}

export function actingKimaiApi(api: KimaiApi, options: ActingKimaiOptions): KimaiApi {
  const { userId, now } = options;
  const personId = /^\d+$/.test(userId) ? Number(userId) : Number.NaN;
  const notThePersons = () => new BackEndError('acting_for_answer_not_the_persons', { back_end: 'Kimai' });
  const withheld = (what: string) => () => Promise.reject(new BackEndError('kimai_acting_for_withheld', { what }));
  /** As Kimai answers an account that may not use a plugin: the probes (connection-test.ts) then switch it off. */
  const pluginWithheld = (what: string) => () => Promise.reject(new KimaiError('forbidden', remoteRefusal('kimai_forbidden', { action: what })));

  const lookUp = new Expiring<Look>(PERSON_LOOK_UP_MS, now);
  /** The person, checked active; before anything else is sent on their behalf. */
  const look = () =>
    lookUp.get(async () => {
      const [directory, caller] = await Promise.all([readDirectory(api), api.me()]);
      const person = withId(directory, userId);
      if (!person || person.id !== personId) throw new BackEndError('acting_for_person_missing', { back_end: 'Kimai', user_id: userId });
      if (person.enabled === false) throw new BackEndError('acting_for_person_deactivated', { back_end: 'Kimai', user_id: userId });
      const personZone = typeof person.timezone === 'string' && person.timezone !== '' ? person.timezone : caller.timezone;
      return { person, personZone, keyZone: caller.timezone, administers: ADMIN_ROLES.has(highestRole(person.roles)), sees: seenBy(person, directory) };
    });

  /**
   * Whose time, absences or weeks a read may name: the person (no one named is the person too); for a team lead who is not an
   * administrator, a member of the teams they lead (`sees`), as the lead's own token reaches them; anyone else is refused.
   */
  const readFor = (seen: Look, user: QueryValue | undefined, what: string): number => {
    if (user === undefined || Number(user) === personId) return personId;
    const id = Number(user);
    if (Number.isInteger(id) && seen.sees.has(id)) return id;
    throw new BackEndError('kimai_acting_for_withheld', { what });
  };
  const rulesOnce = new Expiring<KimaiMetaFieldRule[] | null>(RULES_REUSE_MS, now);
  /** The person as read when their rules were judged: read again, the rules are judged again (their role may have changed). */
  let rulesJudgedFor: Look | undefined;
  /** The plugin's rules the person is granted (null without the plugin), read a minute at most. */
  const personsRules = async (): Promise<KimaiMetaFieldRule[] | null> => {
    const seen = await look();
    const fresh = rulesJudgedFor !== seen;
    rulesJudgedFor = seen;
    const judged = async () => {
      const rules = await api.metaFieldRules();
      return rules === null ? null : rules.filter((rule) => ruleGranted(rule, seen.person.roles));
    };
    return fresh ? rulesOnce.refresh(judged) : rulesOnce.get(judged);
  };
  /**
   * Records as the person's own token would show them: of their meta fields, those of rules the person is granted
   * (the organisation's account is shown all it is granted); where the rules cannot be read, none.
   */
  const shownMeta = async (sheets: readonly KimaiTimesheet[]): Promise<KimaiTimesheet[]> => {
    const carries = (sheet: KimaiTimesheet) => Array.isArray(sheet.metaFields) && sheet.metaFields.length > 0;
    if (!sheets.some(carries)) return [...sheets];
    const rules = await personsRules().catch(() => null);
    const names = new Set((rules ?? []).map((rule) => rule.name.toLowerCase()));
    return sheets.map((sheet) =>
      carries(sheet)
        ? { ...sheet, metaFields: (sheet.metaFields ?? []).filter((field) => typeof field?.name === 'string' && names.has(field.name.toLowerCase())) }
        : sheet,
    );
  };
  const shownOne = async (sheet: KimaiTimesheet): Promise<KimaiTimesheet> => (await shownMeta([sheet]))[0] as KimaiTimesheet;

  const reachOnce = new Expiring<Reach>(PERSON_LOOK_UP_MS, now);
  /** The person as read when the reach was judged: read again, the reach is judged again (their role and teams may have changed). */
  let reachedFor: Look | undefined;
  /**
   * What the person's teams reach, read hourly: every customer, project and activity with the teams granted each
   * (three lists, however many teams there are; no team is read); every project alone for an administrator.
   */
  const reach = async (): Promise<Reach> => {
    const seen = await look();
    const { person, administers } = seen;
    const fresh = reachedFor !== seen;
    reachedFor = seen;
    const judged = async (): Promise<Reach> => {
      if (administers) {
        const projects = await api.projects(3);
        return { reach: REACHES_ALL, budgetShown: () => true, projects: new Map(projects.map((project) => [project.id, project])) };
      }
      const [customers, projects, activities] = await Promise.all([api.customers(3), api.projects(3), api.activities(3)]);
      // A customer the key does not list, named by a project, has grants nobody can read: listed without teams, closed.
      const listed = new Set(customers.map((customer) => customer.id));
      const unlisted = projects.map((project) => relationId(project.customer)).filter((id): id is number => id !== null && !listed.has(id));
      const grants = grantsFromCatalog({ customers: [...customers, ...[...new Set(unlisted)].map((id) => ({ id }))], projects, activities });
      const byId = new Map(projects.map((project) => [project.id, project]));
      const teamIds = [...(person.teams ?? []).map((team) => team.id), ...(person.memberships ?? []).map((membership) => membership.team.id)];
      const memberOf = new Set(teamIds.filter((id) => id !== UNKNOWN_TEAM));
      const leads = new Set((person.memberships ?? []).filter((membership) => membership.teamlead).map((membership) => membership.team.id));
      const ledGrants = highestRole(person.roles) === 'ROLE_TEAMLEAD' ? grants.filter((team) => leads.has(team.id)) : [];
      const budgetShown = (project: KimaiProject) => {
        const customerId = relationId(project.customer);
        return ledGrants.some((team) => team.projects.includes(project.id) || (customerId !== null && team.customers.includes(customerId)));
      };
      return { reach: personReach(grants, memberOf), budgetShown, projects: byId, activities: new Map(activities.map((activity) => [activity.id, activity])) };
    };
    return fresh ? reachOnce.refresh(judged) : reachOnce.get(judged);
  };

  /** The person's wall-clock time moved into the calling account's zone (the same where the zones agree). */
  const intoKeyZone = (wall: string, seen: Look, field: string): string => {
    if (seen.personZone === seen.keyZone || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/.test(wall)) return wall;
    const instant = localDateTimeToEpoch(wall.slice(0, 10), wall.slice(11), seen.personZone);
    const moved = formatWallClock(instant, seen.keyZone);
    // The calling account's zone may repeat this hour where the person's does not: Kimai would store the other one.
    if (localDateTimeToEpoch(moved.slice(0, 10), moved.slice(11), seen.keyZone) !== instant)
      throw new BackEndError('kimai_time_repeats', { field, time: formatInstant(instant, seen.keyZone), timezone: seen.keyZone });
    return moved;
  };
  const instantOf = (wall: unknown, seen: Look): number | undefined =>
    typeof wall === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/.test(wall)
      ? localDateTimeToEpoch(wall.slice(0, 10), wall.slice(11), seen.personZone)
      : undefined;

  /** Records read and found the person's, by id: a write by id right after its read needs no second read. */
  const recent = new Map<number, { at: number; sheet: KimaiTimesheet }>();
  const remember = (sheets: readonly KimaiTimesheet[]) => {
    const at = now();
    for (const [id, kept] of recent) if (at - kept.at >= RECENT_READ_MS) recent.delete(id);
    // A team lead's read holds their people's records too: only the person's own are taken as read for a write.
    for (const sheet of sheets) if (ownerOf(sheet) === personId) recent.set(sheet.id, { at, sheet });
  };
  /** Every record is the person's, or the whole answer is refused. */
  /** The record numbered `id`, read (or just read) and refused where it is not the person's. */
  const theirRecord = async (id: number): Promise<KimaiTimesheet> => {
    const kept = recent.get(id);
    if (kept && now() - kept.at < RECENT_READ_MS) return kept.sheet;
    const sheet = await api.timesheet(id);
    if (ownerOf(sheet) !== personId) throw notYourEntry(id);
    remember([sheet]);
    return sheet;
  };

  /** Kimai's lockdown, for a person it holds: a record begun up to its end is closed to them. */
  const lockdownHolds = (seen: Look, begin: number | undefined) => {
    if (!options.lockdown || seen.administers || begin === undefined) return;
    const period = lockedPeriod(options.lockdown, now(), seen.personZone);
    if (begin <= period.end) throw new BackEndError('kimai_lockdown_holds', { until: formatInstant(period.end, period.timezone) });
  };
  /** What a record keeps closed to the person: exported (an administrator's to change), or begun in the lockdown. */
  const recordHolds = (seen: Look, sheet: KimaiTimesheet) => {
    if (sheet.exported === true && !seen.administers) throw new BackEndError('kimai_entry_exported', { entry: sheet.id });
    lockdownHolds(seen, readKimaiTime(sheet.begin));
  };
  /** Until when no ApprovalBundle is taken to answer (its routes 404): asked again after the hour. */
  let approvalsAbsentUntil = Number.NEGATIVE_INFINITY;
  /** The ApprovalBundle's answer for the person, or undefined for a 404 (no plugin, or no weeks of theirs yet). */
  const approvalRead = async <T>(read: () => Promise<T>): Promise<T | undefined> => {
    try {
      return await read();
    } catch (error) {
      if (error instanceof KimaiError && (error.failure === 'not_found' || error.failure === 'wrong_service')) return undefined;
      throw error;
    }
  };
  const weekStatus = async (day: string) =>
    readWeekStatus(await approvalRead(() => api.weekStatus({ date: day, user: personId }, 'read the approval status of your week')));
  /**
   * The plugin's per-user lockdown, for a person it holds: a record on a day before the next week to submit is
   * closed once the week before that one is submitted or approved (providers/kimai/approvals.ts reads it alike).
   * Requests, where the plugin is there and the person is held: 2 per write, 1 more for a refusal's words.
   */
  const approvalHolds = async (seen: Look, begins: ReadonlyArray<number | undefined>) => {
    if (seen.administers || now() < approvalsAbsentUntil) return;
    const days = begins.filter((begin): begin is number => begin !== undefined).map((begin) => localDate(begin, seen.personZone));
    if (days.length === 0) return;
    const answer = await approvalRead(() => api.nextWeek(personId));
    if (answer === undefined) {
      // A 404: the person has no weeks yet, or no plugin answers at all (remembered for the hour).
      if ((await approvalRead(() => api.weekStatus({ date: localDate(now(), seen.personZone), user: personId }))) === undefined)
        approvalsAbsentUntil = now() + PERSON_LOOK_UP_MS;
      return;
    }
    const next = readMonday(answer);
    if (next === undefined) throw new BackEndError('timesheet_status_unknown', { status: String(answer).slice(0, 80), back_end: 'Kimai' });
    const before = await weekStatus(addDays(next, -7));
    if (before !== 'submitted' && before !== 'approved') return;
    const locked = days.filter((day) => day < next).sort()[0];
    if (locked === undefined) return;
    const week = weekOf(addDays(locked, 1 - isoWeekday(locked)));
    const held = week.firstDay === addDays(next, -7) ? before : await weekStatus(week.firstDay);
    throw new BackEndError('timesheet_period_locked', {
      first_day: week.firstDay,
      last_day: week.lastDay,
      // The week's own status: a week before the first one submitted is held without ever being submitted.
      status: held === 'approved' ? 'approved' : held === 'submitted' ? 'pending' : 'not_submitted',
      reopened_by: 'an_administrator',
      back_end: 'Kimai',
    });
  };

  /** A booking on a project or activity the person's teams do not reach is refused before anything is sent. */
  const bookingOpen = async (body: Record<string, unknown>) => {
    if (body.project === undefined && body.activity === undefined) return;
    const { reach: judged, projects, activities } = await reach();
    const projectId = body.project === undefined ? undefined : Number(body.project);
    if (projectId !== undefined) {
      const project = projects.get(projectId);
      // Named by its number only: the name of a project the person cannot see is not theirs to learn from a refusal.
      if (!project || !judged.project(project)) throw new BackEndError('acting_for_booking_not_open', { back_end: 'Kimai', project: `project #${projectId}` });
    }
    if (body.activity !== undefined && activities) {
      const activityId = Number(body.activity);
      const activity = activities.get(activityId);
      if (!activity || !judged.activity(activity, (id) => projects.get(id)))
        throw new BackEndError('acting_for_booking_not_open', { back_end: 'Kimai', project: `activity #${activityId}` });
    }
  };
  const modeOnce = new Expiring<string>(PERSON_LOOK_UP_MS, now);
  /**
   * Kimai's punch-clock and fixed-start tracking modes refuse times from a plain user's own token, not from the
   * administrator's: a body that sets times for a person whose role is below team lead is refused in the same words
   * timesheets.ts uses before sending (the settings read once an hour).
   */
  const timesHeld = async (seen: Look, body: Record<string, unknown>, creating: boolean) => {
    const sets = ['begin', 'end'].filter((field) => field in body);
    if (sets.length === 0 || (seen.person.roles ?? []).some((role) => TIMES_ROLES.has(role))) return;
    const mode = await modeOnce.get(async () => (await api.timesheetConfig()).trackingMode);
    if (mode === 'default') return;
    const times = !creating ? (sets.length === 1 && sets[0] === 'end' ? 'end' : 'changed') : sets.length === 2 ? 'logged' : sets[0] === 'end' ? 'end' : 'start';
    throw new BackEndError('kimai_tracking_mode_times', { mode, times });
  };
  /** A body for the person: only the fields a person's own form takes, times moved into the calling account's zone. */
  const personsBody = (body: Record<string, unknown>, seen: Look): Record<string, unknown> => {
    const unknown = Object.keys(body).filter((key) => !BODY_FIELDS.has(key));
    if (unknown.length > 0) throw new BackEndError('kimai_acting_for_withheld', { what: `set ${unknown.join(', ')} on a time entry` });
    const moved = { ...body };
    for (const field of ['begin', 'end'] as const) {
      if (typeof moved[field] === 'string') moved[field] = intoKeyZone(moved[field] as string, seen, field === 'begin' ? 'start' : 'end');
    }
    return moved;
  };

  const timesheetPage = async (
    filter: Record<string, QueryValue>,
    page: number,
    size: number,
    orderBy: 'begin' | 'end',
    order: 'ASC' | 'DESC',
    purpose?: RequestPurpose,
  ): Promise<Page<KimaiTimesheet> | undefined> => {
    const seen = await look();
    const { user, users, 'users[]': _listed, ...rest } = filter;
    // Everyone's records (a team lead's read, `user=all`) are the people the person leads and their own, named one by
    // one; one person is the person or, for a lead, one of theirs (a week's entries to decide); several named by the
    // caller, or anyone else, have no place here.
    if (_listed !== undefined || users !== undefined) throw new BackEndError('kimai_acting_for_withheld', { what: "read other people's time" });
    const team = user === 'all';
    const named = team ? personId : readFor(seen, user, "read other people's time");
    const query: Record<string, QueryValue> = team ? { ...rest, users: [...seen.sees].sort((a, b) => a - b) } : { ...rest, user: named };
    for (const field of QUERY_TIMES) if (typeof query[field] === 'string') query[field] = intoKeyZone(query[field] as string, seen, field);
    const answer = await api.timesheetPage(query, page, size, orderBy, order, ...(purpose ? [purpose] : []));
    if (!answer) return answer;
    if (answer.items.some((sheet) => !(team ? seen.sees : new Set([named])).has(ownerOf(sheet) ?? Number.NaN))) throw notThePersons();
    remember(answer.items);
    return { ...answer, items: await shownMeta(answer.items) };
  };

  const createTimesheet = async (body: Record<string, unknown>, purpose: RequestPurpose): Promise<KimaiTimesheet> => {
    const seen = await look();
    const sent = personsBody(body, seen);
    await timesHeld(seen, body, true);
    const begin = body.begin === undefined ? now() : instantOf(body.begin, seen);
    lockdownHolds(seen, begin);
    await bookingOpen(body);
    await approvalHolds(seen, [begin]);
    const made = await api.createTimesheet({ ...sent, user: personId }, purpose);
    if (ownerOf(made) !== personId) {
      // Kimai booked it for someone else after all: taken back where it can be, and nothing of it trusted.
      await api.deleteTimesheet(made.id).catch(() => undefined);
      throw notThePersons();
    }
    remember([made]);
    return shownOne(made);
  };

  /** Absences read and found the person's, by id (an absence's owner never changes): what a cancellation may delete. */
  const personsAbsences = new Set<number>();
  /**
   * One person's absences (the plugin's `user`; a lead's member's). Whether the plugin narrows `user` for an
   * administrator's account is not known, and Kimai ignores filters it does not allow without a word: an answer holding an
   * absence of anyone else, or one naming nobody, is refused whole.
   */
  const absencesOf = async (query: Record<string, QueryValue>, purpose?: RequestPurpose): Promise<KimaiAbsence[]> => {
    const seen = await look();
    const owner = readFor(seen, query.user, "read other people's leave");
    const answer = await api.absences({ ...query, user: owner }, ...(purpose ? [purpose] : []));
    if (!Array.isArray(answer) || answer.some((absence) => ownerOf(absence) !== owner)) throw notThePersons();
    if (owner === personId) for (const absence of answer) personsAbsences.add(absence.id);
    else decisions.noteListed(owner, answer);
    return answer;
  };
  /** A lead's decisions, of absences a listing naming their owner showed (acting-decisions.ts). */
  const decisions = ledAbsenceDecisions({
    personId,
    now,
    sees: async () => (await look()).sees,
    isOwn: (id) => personsAbsences.has(id),
    absencesOf: (query, purpose) => absencesOf(query, purpose),
    decide: (id, decision) => api.decideAbsence(id, decision),
  });
  /**
   * Files the person's absence with `user` naming them, then reads it back from their own listing: the plugin's status
   * for an administrator's filing for someone else is not known, and a request filed for the person must wait for a
   * decision as their own would. One answered or read back approved (but sickness, approved for everyone) is deleted
   * again and refused in words. Requests: the filing (1), the read back (1), and the deletion where it was approved.
   */
  const createAbsence = async (body: Record<string, unknown>): Promise<KimaiAbsence[]> => {
    await look();
    const unknown = Object.keys(body).filter((key) => !ABSENCE_FIELDS.has(key));
    if (unknown.length > 0) throw new BackEndError('kimai_acting_for_withheld', { what: `set ${unknown.join(', ')} on an absence` });
    if (body.user !== undefined && Number(body.user) !== personId)
      throw new BackEndError('kimai_acting_for_withheld', { what: 'request absences for someone else' });
    const answer = await api.createAbsence({ ...body, user: personId });
    const made = Array.isArray(answer) ? answer : [answer];
    const takeBack = () =>
      Promise.all(
        made.map((absence) =>
          api.deleteAbsence(absence.id).then(
            () => true,
            () => false,
          ),
        ),
      );
    if (made.some((absence) => ownerOf(absence) !== personId)) {
      // Filed for someone else after all: taken back where it can be, and nothing of it trusted.
      await takeBack();
      throw notThePersons();
    }
    const first = String(body.date);
    const last = typeof body.end === 'string' ? body.end : first;
    const readBack = { user: personId, begin: `${first}T00:00:00`, end: `${last}T23:59:59`, status: 'all' };
    // Unread, its status is unknown: taken back rather than left standing, perhaps approved.
    const listed = await absencesOf(readBack, { action: 'read back the absence filed for you' }).catch(async (error: unknown) => {
      await takeBack();
      throw error;
    });
    const kept = made.map((absence) => listed.find((item) => item.id === absence.id) ?? absence);
    if (kept.some((absence) => absence.status === 'approved' && !APPROVED_FOR_EVERYONE.has(absence.type))) {
      const undone = await takeBack();
      made.forEach((absence, index) => undone[index] && personsAbsences.delete(absence.id));
      throw new BackEndError('kimai_absence_approved_at_once', { first_day: first, last_day: last, taken_back: undone.every(Boolean) });
    }
    for (const absence of kept) personsAbsences.add(absence.id);
    return kept;
  };
  /**
   * Deletes an absence by id (a request that names nobody) only once a listing naming the person showed it theirs: read
   * from last year as far ahead as leave is listed where no listing did yet. Requests: the listing (≤ 1), the deletion (1).
   */
  const deleteAbsence = async (id: number): Promise<undefined> => {
    const seen = await look();
    if (!personsAbsences.has(id)) {
      const year = Number(localDate(now(), seen.personZone).slice(0, 4));
      const years = { begin: `${year - 1}-01-01T00:00:00`, end: `${year + LEAVE_YEARS_AHEAD}-12-31T23:59:59`, status: 'all' };
      await absencesOf(years, { action: 'find the absence among yours' });
      if (!personsAbsences.has(id)) throw new BackEndError('kimai_absence_not_found', { absence: id });
    }
    await api.deleteAbsence(id);
    personsAbsences.delete(id);
    return undefined;
  };

  const checked = async (sheet: Promise<KimaiTimesheet>): Promise<KimaiTimesheet> => {
    const answer = await sheet;
    if (ownerOf(answer) !== personId) throw notThePersons();
    remember([answer]);
    return shownOne(answer);
  };

  return {
    baseUrl: api.baseUrl,
    pager: api.pager,
    version: api.version,
    timesheetConfig: async () => {
      await look();
      return api.timesheetConfig();
    },
    /** The person, as their own token's profile would show them (their roles decide what is offered). */
    me: async (): Promise<KimaiUser> => {
      const { person, personZone } = await look();
      return {
        id: person.id,
        username: person.username,
        alias: person.alias,
        timezone: personZone,
        roles: person.roles ?? [],
        email: person.email ?? null,
        memberships: person.memberships ?? [],
      };
    },

    activeTimesheets: async () => (await timesheetPage({ active: 1, full: 'true' }, 1, 50, 'begin', 'DESC', { action: 'read the running timer' }))?.items ?? [],
    /** Kimai's /recent: the latest record of each project and activity, newest first. */
    recentTimesheets: async (size: number) => {
      const page = await timesheetPage({ full: 'true' }, 1, size === 1 ? 1 : 50, 'begin', 'DESC', { action: 'find your last project' });
      const seenCombos = new Set<string>();
      return (page?.items ?? [])
        .filter((sheet) => {
          const combo = `${relationId(sheet.project)}/${relationId(sheet.activity)}`;
          if (seenCombos.has(combo)) return false;
          seenCombos.add(combo);
          return true;
        })
        .slice(0, size);
    },
    timesheetPage,
    timesheet: async (id: number) => {
      await look();
      return shownOne(await theirRecord(id));
    },
    createTimesheet,
    patchTimesheet: async (id, body, purpose) => {
      const seen = await look();
      const sent = personsBody(body, seen);
      await timesHeld(seen, body, false);
      const record = await theirRecord(id);
      recordHolds(seen, record);
      const begin = body.begin === undefined ? undefined : instantOf(body.begin, seen);
      lockdownHolds(seen, begin);
      await bookingOpen(body);
      await approvalHolds(seen, [readKimaiTime(record.begin), begin]);
      return checked(api.patchTimesheet(id, sent, purpose));
    },
    stopTimesheet: async (id) => {
      const seen = await look();
      // Kimai validates a stop as any change (TimesheetService::stopTimesheet): a record begun in the lockdown, or
      // exported, is closed to the person's own token, not to the administrator's; so is one begun in a week the
      // plugin's per-user lockdown holds (the stop would end it there).
      const record = await theirRecord(id);
      recordHolds(seen, record);
      await approvalHolds(seen, [readKimaiTime(record.begin)]);
      return checked(api.stopTimesheet(id));
    },
    /** Kimai's restart acts for the caller: a new record for the person on the same project and activity instead. */
    restartTimesheet: async (id, body) => {
      await look();
      const unknown = Object.keys(body).filter((key) => key !== 'copy');
      if (unknown.length > 0) throw new BackEndError('kimai_acting_for_withheld', { what: `restart a timer with ${unknown.join(', ')}` });
      const last = await theirRecord(id);
      const project = relationId(last.project);
      const activity = relationId(last.activity);
      const copy = body.copy === 'all';
      return createTimesheet(
        {
          project,
          activity,
          ...(copy && last.description ? { description: last.description } : {}),
          ...(copy && Array.isArray(last.tags) && last.tags.length > 0 ? { tags: last.tags.join(',') } : {}),
        },
        { action: 'resume your last timer' },
      );
    },
    deleteTimesheet: async (id) => {
      const seen = await look();
      const record = await theirRecord(id);
      recordHolds(seen, record);
      await approvalHolds(seen, [readKimaiTime(record.begin)]);
      recent.delete(id);
      return api.deleteTimesheet(id);
    },
    findTags: async (name) => {
      await look();
      return api.findTags(name);
    },
    /** The plugin's field rules the person is granted, not every one the organisation's account is. */
    metaFieldRules: () => personsRules(),
    /**
     * A meta field of the person's own record, held as a change of it is (their record, the lockdown, export, approvals),
     * of a rule the person is granted: any other name is not defined for their own token, and Kimai answers it 404.
     */
    setTimesheetMeta: async (id, name, value) => {
      const seen = await look();
      const record = await theirRecord(id);
      const action = `set the field ${name} of time entry #${id}`;
      if (!((await personsRules()) ?? []).some((rule) => rule.name.toLowerCase() === name.toLowerCase()))
        throw new KimaiError('not_found', remoteRefusal('kimai_no_such_address', { url: api.baseUrl, action }), 404);
      recordHolds(seen, record);
      await approvalHolds(seen, [readKimaiTime(record.begin)]);
      return checked(api.setTimesheetMeta(id, name, value));
    },
    createTag: async (name, color) => {
      await look();
      return api.createTag(name, color);
    },

    // The catalog: shared reads, filtered to what the person's teams reach.
    customers: async (visible) => {
      const [{ reach: judged }, list] = await Promise.all([reach(), api.customers(visible)]);
      return list.filter((customer: KimaiCustomer) => judged.customer(customer.id));
    },
    projects: async (visible) => {
      const [{ reach: judged, budgetShown }, list] = await Promise.all([reach(), api.projects(visible)]);
      // The administrator's key reads every budget: one Kimai would not show the person is left out (project_status).
      return list.filter((project: KimaiProject) => judged.project(project)).map((project) => (budgetShown(project) ? project : withoutBudget(project)));
    },
    activities: async (visible) => {
      const [{ reach: judged, projects }, list] = await Promise.all([reach(), api.activities(visible)]);
      return list.filter((activity: KimaiActivity) => judged.activity(activity, (id) => projects.get(id)));
    },

    // The absence plugin, narrowed to the person (docs/back-ends/kimai.md, "Acting for others"). Its type list is the
    // same for everyone and names nobody: the probe that looks for the plugin.
    absenceTypes: async () => {
      await look();
      return api.absenceTypes();
    },
    absences: absencesOf,
    createAbsence,
    deleteAbsence,
    // A team lead's decision on the absence of someone they lead, read first (the plugin's record names no decider).
    decideAbsence: (id, decision) => decisions.decide(id, decision),
    // The ApprovalBundle, narrowed to the person: the plugin answers a week's status as a bare string naming nobody,
    // so what is narrowed is whom each request names (its `user`, always given: the key's own weeks are never read).
    weekStatus: async (query, action) => {
      const seen = await look();
      const user = readFor(seen, query.user, "read other people's approvals");
      return api.weekStatus({ date: query.date, user }, ...(action === undefined ? [] : [action]));
    },
    nextWeek: async (user) => {
      const seen = await look();
      return api.nextWeek(readFor(seen, user, "read other people's approvals"));
    },
    /** The person's week alone: a lead submits nobody else's (the plugin's history names the organisation account). */
    submitWeek: async (monday, user) => {
      await look();
      if (user !== undefined && user !== personId) throw new BackEndError('kimai_acting_for_withheld', { what: "submit other people's weeks" });
      return api.submitWeek(monday, personId);
    },
    invoicePage: withheld('list invoices'),
    teams: withheld('read teams'),
    /**
     * A team's member list: as Kimai answers a team lead without view_team (which Punchcard cannot read for a role),
     * so the team tools name the people from the time Kimai shows the person (roster.ts) instead.
     */
    team: pluginWithheld("read a team's members for you"),
    createTeam: withheld('administer teams'),
    updateTeam: withheld('administer teams'),
    deleteTeam: withheld('administer teams'),
    changeTeam: withheld('administer teams'),
    rates: withheld('read rates'),
    createRate: withheld('set rates'),
    deleteRate: withheld('remove rates'),
    createCatalogItem: withheld('change the catalog'),
    setVisible: withheld('change the catalog'),
    catalogDetails: withheld('read the catalog details'),
    patchCatalogItem: withheld('change the catalog'),
    users: withheld('list people'),
    user: withheld('read people'),
    createUser: withheld('administer people'),
    updateUser: withheld('administer people'),
    close: api.close,
  };
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

/** A project without its budget fields, as Kimai lists it to whom its budget is not shown. */
function withoutBudget(project: KimaiProject): KimaiProject {
  const { budget: _money, timeBudget: _time, budgetType: _type, ...rest } = project;
  return rest;
}
