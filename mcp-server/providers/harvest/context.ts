// What Harvest's capabilities share (docs/internals/back-ends.md, "A capability is a folder"): the options, the
// client and the endpoints they share (api.ts), the Harvest account every request names (the settings', else the only
// Harvest one the token reaches), the person (/v2/users/me: their id, which every list of entries names, their zone,
// weekly capacity and access roles), their project assignments (what they may book on, and which projects they
// manage), the company (whether it tracks durations or start and end times, its approval and invoice modules: an
// optional read, providers/remote/optional-read.ts) and the people Harvest lists to them, each read at most every five
// minutes; the person's role as these reads show it, remembered and switching the team, admin and approvals tools live
// (rights.ts; remote/remembered-role.ts); and the grid the cells are made in (HarvestGrid). Harvest has no
// organisation account that acts for people: each person connects their own token (cells.ts).
import type { ProfileOf } from '../../contract/back-end-descriptor.ts';
import type { HARVEST } from '../../contract/back-ends/harvest.ts';
import type { WorkWeek } from '../../contract/settings.ts';
import type { RefusalArgs } from '../../contract/outcomes/refusals.ts';
import type { Capability } from '../../contract/vocabulary.ts';
import { addDays, firstValidZone, formatLocalTime, localDate } from '../../domain/time.ts';
import type { Grid, NoOrganisationAccount } from '../grid/cell.ts';
import type { RemoteParts } from '../grid/parts.ts';
import { Expiring } from '../remote/cache.ts';
import { headerProblem } from '../remote/header-values.ts';
import type { LearnedFacts } from '../remote/learned-facts.ts';
import { NOT_KNOWN_FOR_MS, type OptionalReads, optionalReads } from '../remote/optional-read.ts';
import { hostOf, remoteRefusal } from '../remote/remote-error.ts';
import { roleLearned, roleRefused, roleStale } from '../remote/remembered-role.ts';
import { learnedFacts, remoteConnection, type RemoteTrackerOptions } from '../remote-tracker.ts';
import { BackEndError, type CatalogPart, type PlanPart } from '../time-tracker.ts';
import { createHarvestClient, type HarvestApi, type HarvestClient } from './api.ts';
import { HarvestError } from './errors.ts';
import { harvestFacts, harvestFactsKey, type HarvestFacts } from './facts.ts';
import type { TrackingKind } from './mapping.ts';
import { type HarvestRights, PROJECT_MANAGER, rightsOf, roleName, wordsOf } from './rights.ts';
import type { HarvestCompany, HarvestProjectAssignment, HarvestUser } from './wire.ts';
import { ianaZoneOf } from './zones.ts';
import { quotedLine } from '../../contract/outcomes/quoted-line.ts';

export type HarvestProfile = ProfileOf<typeof HARVEST>;
export type HarvestTrackerOptions = RemoteTrackerOptions<HarvestProfile>;

/** The person and the company change rarely: one read per five minutes. */
export const IDENTITY_TTL_MS = 5 * 60_000;
/** The time of a check moves the facts file only hourly. */
const CHECK_NOTE_MS = 3_600_000;
/** How far back the person's entries are read for how the account keeps time, where the company is not shown. */
const SHOWN_BY_ENTRIES_DAYS = 90;

/** A project and task the person may book on, as Harvest takes them. */
export interface Booking {
  projectId: number;
  taskId: number;
}

/** The catalog as the timer, the entries and the administration use it: what a write books on, and its lists read afresh. */
export interface HarvestCatalogView extends CatalogPart {
  /** The project and task named, checked against the person's assignments (refused in words, nothing sent). */
  booking(projectId: number | null, taskId: number | null): Promise<Booking>;
  /** Something changed that the assignments or the account's lists may show differently: read afresh next time. */
  changed(): void;
}

/** A person Harvest lists to the reader, as the team, the administration and the approvals name them. */
export interface HarvestPerson {
  id: number;
  name: string;
  /** Their zone, for their entries' times (Harvest's names mapped); null where Harvest names none Punchcard knows. */
  zone: string | null;
  /** Seconds a week; null where Harvest names none. */
  weeklyCapacity: number | null;
  user: HarvestUser;
}

/** What a 403 of a role-decided request withdraws, and how a refusal says what was missing. */
export interface Withdrawn {
  readonly capability: Capability;
  /** The tool it stands for, for the log: "manage_rates". */
  readonly tool: string;
  /** The role or permission the request needs, in Harvest's words: "an administrator". */
  readonly needs: string;
}

/** The plan as the account uses it: where the target comes from, in words. */
export interface HarvestPlanView extends PlanPart {
  /** The person's weekly capacity in hours, or null where Harvest names none. */
  weeklyHours(): Promise<number | null>;
  /** The person's week: their capacity over the settings' working days, else the settings' week. */
  week(): Promise<WorkWeek>;
}

/**
 * What Harvest's cells are made in (providers/grid/cell.ts). Harvest has no organisation account that acts for people:
 * each person connects their own token (docs/back-ends/harvest.md, "The team server"), so no cell narrows its endpoints
 * to one or offers anything under an organisation's credential.
 */
export interface HarvestGrid extends Grid {
  readonly client: HarvestClient;
  readonly person: NoOrganisationAccount;
  readonly context: HarvestContext;
  readonly known: HarvestFacts | undefined;
  readonly parts: RemoteParts & { catalog: HarvestCatalogView; plan: HarvestPlanView };
}

export class HarvestContext {
  readonly options: HarvestTrackerOptions;
  readonly client: HarvestClient;
  readonly api: HarvestApi;
  readonly facts: LearnedFacts<HarvestFacts>;
  /** What Harvest may refuse this person, and what the tools do without it (docs/back-ends/harvest.md, "Optional reads"). */
  readonly optional: OptionalReads<'company'>;
  readonly #me = new Expiring<HarvestUser>(IDENTITY_TTL_MS);
  /** The company; undefined where Harvest will not show it to the person (an optional read). */
  readonly #company = new Expiring<HarvestCompany | undefined>(IDENTITY_TTL_MS);
  /** How the account keeps time as the person's entries show it, where the company is not shown: for as long as that is not known. */
  readonly #trackingShown = new Expiring<TrackingKind>(NOT_KNOWN_FOR_MS);
  readonly #assignments = new Expiring<HarvestProjectAssignment[]>(IDENTITY_TTL_MS);
  readonly #people = new Expiring<HarvestPerson[]>(IDENTITY_TTL_MS);
  #account: Promise<string> | undefined;

  constructor(options: HarvestTrackerOptions, capabilitiesOf: (facts: HarvestFacts | undefined) => ReadonlySet<Capability>) {
    this.options = options;
    this.facts = learnedFacts(options, { file: harvestFacts, key: harvestFactsKey(options.profile), capabilitiesOf });
    this.client = createHarvestClient({
      connection: remoteConnection(options),
      accountId: () => this.accountId(),
      knownAccountId: () => options.profile.account_id ?? this.facts.current.accountId ?? '(none yet)',
      // When to try again, on the person's wall clock: their zone as known, without asking (a 429 is no time to ask more).
      clockAt: (epochMs) => formatLocalTime(epochMs, this.knownZone()),
      now: options.now,
    });
    this.api = this.client.api;
    this.optional = optionalReads(
      { service: 'Harvest', log: options.log, now: options.now },
      {
        company: {
          what: "the company's settings (whether it tracks durations or start and end times, its week and its modules)",
          without:
            "entries are written as the account was last known to keep time, else as the person's own entries show it, else with both its times and its hours; weeks start on Monday, and the approvals and invoices are offered as last known",
        },
      },
    );
  }

  /**
   * The Harvest account every request names: the settings', else the one learned at an earlier start, else the only
   * Harvest account the token reaches, listed once by Harvest ID; several, or none, are refused naming them.
   */
  accountId(): Promise<string> {
    const given = this.options.profile.account_id ?? this.facts.current.accountId;
    if (given) return Promise.resolve(given);
    this.#account ??= this.#onlyAccount().catch((error: unknown) => {
      this.#account = undefined;
      throw error;
    });
    return this.#account;
  }

  /** The person (/v2/users/me): their id, name, zone and weekly capacity; `fresh` reads it again. */
  me(fresh = false): Promise<HarvestUser> {
    if (fresh) this.#me.invalidate();
    return this.#me.get(async () => {
      const user = await this.api.usersMe();
      if (typeof user?.id !== 'number') throw new HarvestError('wrong_service', remoteRefusal('harvest_unreadable', { what: 'a profile without its id' }));
      const zone = ianaZoneOf(user.timezone);
      if (zone && zone !== this.facts.current.timezone) this.facts.learn({ timezone: zone });
      // The access roles come with the profile: a change learned at no cost, the projects managed as last known for
      // this person. Part of the role only, so it moves no check time: the background check still reads it whole.
      const known = this.facts.current.roleOf === String(user.id) && (this.facts.current.role ?? '').split(' ').includes(PROJECT_MANAGER);
      this.#learnRole(String(user.id), wordsOf(user.access_roles, known), false);
      return user;
    });
  }

  /**
   * The person's active project assignments, each with its task assignments: what they may book on, and which projects
   * they manage (`is_project_manager`), which completes their role. `fresh` reads them again.
   */
  assignments(fresh = false): Promise<HarvestProjectAssignment[]> {
    if (fresh) this.#assignments.invalidate();
    return this.#assignments.get(async () => {
      const [user, listed] = await Promise.all([this.me(), this.api.assignments()]);
      const active = listed.filter((assignment) => assignment?.project && typeof assignment.project.id === 'number' && assignment.is_active !== false);
      this.#learnRole(
        String(user.id),
        wordsOf(
          user.access_roles,
          active.some((assignment) => assignment.is_project_manager === true),
        ),
      );
      return active;
    });
  }

  /** Something changed that the assignments show (a project made or archived): read afresh next time. */
  forgetAssignments(): void {
    this.#assignments.invalidate();
  }

  /** What the person may do, from their profile and their assignments as read now (a tool decides by this, never by what was remembered). */
  async rights(fresh = false): Promise<HarvestRights> {
    const [user, assignments] = await Promise.all([this.me(fresh), this.assignments(fresh)]);
    return rightsOf(
      wordsOf(
        user.access_roles,
        assignments.some((assignment) => assignment.is_project_manager === true),
      ),
    );
  }

  /** The projects the person manages, by id. */
  async managedProjects(): Promise<ReadonlySet<number>> {
    const assignments = await this.assignments();
    return new Set(
      assignments.filter((assignment) => assignment.is_project_manager === true).flatMap((assignment) => (assignment.project ? [assignment.project.id] : [])),
    );
  }

  /** Whether the remembered role is a day old, or none: the background check then reads it again. */
  roleStale(): boolean {
    return roleStale(this.facts.current, this.options.now());
  }

  /**
   * The people Harvest lists to the person (GET /v2/users, the active ones), sorted by name, with the person herself
   * where Harvest leaves her out. Only asked where the role lists people (an administrator, a manager with teammates).
   * How Harvest answers a manager it lists nobody to is not documented: a 404 in its JSON is read as the 403 it
   * would be (the list is not hers to read, which withdraws the tool: `administering`), never as a wrong address.
   */
  people(): Promise<HarvestPerson[]> {
    return this.#people.get(async () => {
      const listed = this.api.users({ is_active: true }).catch((error: unknown) => {
        if (!(error instanceof HarvestError) || error.status !== 404 || error.failure !== 'not_found') throw error;
        throw new HarvestError('forbidden', remoteRefusal('harvest_forbidden', { action: 'list the people Harvest shows you', message: null }), 403);
      });
      const [me, users] = await Promise.all([this.me(), listed]);
      const all = users.some((user) => user?.id === me.id) ? users : [me, ...users];
      return all
        .filter((user): user is HarvestUser => typeof user?.id === 'number' && user.is_active !== false)
        .map((user) => this.personOf(user))
        .sort((a, b) => a.name.localeCompare(b.name) || a.id - b.id);
    });
  }

  /** Someone Harvest lists, as the team and the administration name them. */
  personOf(user: HarvestUser): HarvestPerson {
    const capacity = typeof user.weekly_capacity === 'number' && user.weekly_capacity > 0 ? user.weekly_capacity : null;
    return { id: user.id, name: this.nameOf(user), zone: ianaZoneOf(user.timezone) ?? null, weeklyCapacity: capacity, user };
  }

  /** The people list changed (someone invited, renamed, deactivated): read afresh next time. */
  forgetPeople(): void {
    this.#people.invalidate();
  }

  /**
   * Harvest refused (403) what the role seemed to allow: the capability is withdrawn at once (the tools with it leave
   * tools/list) and stays off until another role is learned; the log says which.
   */
  refuse({ capability, tool, needs }: Withdrawn): void {
    const refused = roleRefused(this.facts.current, capability);
    if (refused && this.facts.learn(refused)) this.options.log(`Harvest refused your account what ${tool} needs (${needs}): ${tool} switched off.`);
    // The role may have changed meanwhile: the next call reads it again.
    this.#me.invalidate();
    this.#assignments.invalidate();
  }

  /**
   * Sends a request the person's role decides. Harvest's refusal (403) withdraws the capability (refuse) and is said as
   * what the role lacked, with Harvest's own words; any other failure is thrown as it came.
   */
  async administering<T>(withdrawn: Withdrawn, action: string, send: () => Promise<T>): Promise<T> {
    try {
      return await send();
    } catch (error) {
      if (!(error instanceof HarvestError) || error.status !== 403) throw error;
      this.refuse(withdrawn);
      const said = error.refusal.facts as { message?: string | null };
      throw new BackEndError('harvest_forbidden', { action, message: said.message ?? null, needs: withdrawn.needs });
    }
  }

  /** Refuses, before anything is sent, what the person's role does not allow: `role_lacks` with the role and what it needs. */
  lacks(rights: HarvestRights, tool: string, action: string, needs: string): BackEndError {
    const args: RefusalArgs = ['role_lacks', { back_end: 'Harvest', tool, action, role: roleName(rights), needs }];
    return new BackEndError(...args);
  }

  /** The company: how it tracks time, its name; undefined where Harvest will not show it (an optional read). `fresh` reads it again. */
  company(fresh = false): Promise<HarvestCompany | undefined> {
    if (fresh) {
      this.#company.invalidate();
      this.optional.company.forget();
    }
    return this.#company.get(async () => {
      const company = await this.optional.company.read(async () => (await this.api.company()) ?? {}, undefined);
      if (company === undefined) return undefined;
      const stale = !(this.options.now() - Date.parse(this.facts.current.checkedAt ?? '') < CHECK_NOTE_MS);
      const timestamps = company.wants_timestamp_timers === true;
      // The modules decide the approvals and invoices tools; unknown (left out) counts as on, as Harvest's default.
      const approvals = company.approval_feature !== false;
      const invoices = company.invoice_feature !== false;
      const { current } = this.facts;
      if (stale || timestamps !== current.timestamps || approvals !== current.approvals || invoices !== current.invoices)
        this.facts.learn({ timestamps, approvals, invoices, ...(stale ? { checkedAt: new Date(this.options.now()).toISOString() } : {}) });
      return company;
    });
  }

  /**
   * How the account keeps time: read from the company (a write must know it, or Harvest would start a timer for a logged
   * span). Where Harvest will not show the company (an optional read): as it was last read; else as the person's own
   * entries of the last weeks show it (Harvest names an entry's started_time only where the account keeps start and
   * end times); else, with nothing to go by, `either`: a write in a form both kinds keep as asked (mapping.ts).
   */
  async tracking(): Promise<TrackingKind> {
    const company = await this.company();
    if (company) return company.wants_timestamp_timers === true ? 'timestamps' : 'durations';
    const remembered = this.facts.current.timestamps;
    if (remembered !== undefined) return remembered ? 'timestamps' : 'durations';
    return this.#trackingShown.get(async () => {
      const [userId, today] = await Promise.all([this.userId(), this.today()]);
      const entries = await this.api.entries({ user_id: userId, from: addDays(today, -SHOWN_BY_ENTRIES_DAYS), to: today }, 'read your recent time entries');
      if (entries.length === 0) return 'either';
      return entries.some((entry) => typeof entry.started_time === 'string' && entry.started_time !== '') ? 'timestamps' : 'durations';
    });
  }

  async userId(): Promise<number> {
    return (await this.me()).id;
  }

  /**
   * The zone Harvest's days and times are in: the person's Harvest zone (its times are on their wall clock there),
   * else the settings', else UTC.
   */
  async zone(): Promise<string> {
    const user = await this.me();
    return firstValidZone(ianaZoneOf(user.timezone), this.options.timezone());
  }

  /** The zone as known without a request: learned, else the settings'. */
  knownZone(): string {
    return firstValidZone(this.facts.current.timezone, this.options.timezone());
  }

  async today(): Promise<string> {
    return localDate(this.options.now(), await this.zone());
  }

  nameOf(user: HarvestUser): string {
    const name = [user.first_name, user.last_name].filter((part) => part && part.trim() !== '').join(' ');
    return name || user.email || `user #${user.id}`;
  }

  /** "Harvest at host as the person, account Acme (#123), tracking start and end times." for whoami and the connection test. */
  async connectionLine(): Promise<string> {
    const [user, company, account, kind] = await Promise.all([this.me(), this.company(), this.accountId(), this.tracking()]);
    const name = company?.name ?? this.facts.current.accountName;
    const kept = { timestamps: 'start and end times', durations: 'durations', either: 'durations or start and end times' }[kind];
    const tracking = `${kept}${company ? '' : " (the company's settings not shown to you)"}`;
    return `Harvest at ${hostOf(this.options.profile.url)} as ${quotedLine(this.nameOf(user))}, account ${name ? `${quotedLine(name)} (${account})` : account}, tracking ${tracking}.`;
  }

  close(): void {
    this.client.close();
  }

  /** The role as just read, remembered with whose it is; the tools follow, live, where it changes what they offer. */
  #learnRole(personId: string, words: readonly string[], whole = true): void {
    const learned = roleLearned(this.facts.current, personId, words, this.options.now(), whole);
    if (learned && this.facts.learn(learned)) {
      this.options.log(`Harvest tools follow the person's role (${learned.role || 'none'}): ${[...this.facts.capabilities.current].sort().join(', ')}.`);
    }
  }

  async #onlyAccount(): Promise<string> {
    const answer = await this.client.accounts();
    const harvest = (answer?.accounts ?? []).filter((account) => account.product === undefined || account.product === 'harvest');
    if (harvest.length !== 1) {
      throw new HarvestError(
        'config',
        remoteRefusal('harvest_account_choice', { accounts: harvest.map((account) => ({ id: String(account.id), name: account.name })) }),
      );
    }
    const [only] = harvest as [{ id: number; name: string }];
    const id = String(only.id);
    // An id no header can carry is not kept: each request refuses it in words (remote/header-values.ts), and the
    // next start lists the accounts again.
    if (headerProblem(id) === undefined) this.facts.learn({ accountId: id, accountName: only.name });
    return id;
  }
}
