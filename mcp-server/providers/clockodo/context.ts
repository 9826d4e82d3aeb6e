// What Clockodo's capabilities share (docs/internals/back-ends.md, "A capability is a folder"): the options, the
// endpoints they share (api.ts), and the person — their id (every "my …" request names it and no other), zone, role
// and rights, and whether the company uses the absence module — read at most every five minutes, remembered between
// starts (facts.ts), and deciding the tools; its optional reads (providers/remote/optional-read.ts); and the grid the
// cells are made in (ClockodoGrid).
import type { ProfileOf } from '../../contract/back-end-descriptor.ts';
import type { CLOCKODO } from '../../contract/back-ends/clockodo.ts';
import type { Capability } from '../../contract/vocabulary.ts';
import { localDate } from '../../domain/time.ts';
import { type ClockodoOwnerRequest, clockodoOwnerRequestWords } from '../../contract/outcomes/clockodo.ts';
import { type Refusal, type RefusalArgs, refusalOf } from '../../contract/outcomes/refusals.ts';
import { modelText } from '../../contract/outcomes/sentence.ts';
import type { Grid } from '../grid/cell.ts';
import type { RemoteParts } from '../grid/parts.ts';
import { MAX_REQUESTS_PER_CALL } from '../../domain/call-limits.ts';
import { Expiring } from '../remote/cache.ts';
import { allPages, type Pager } from '../remote/paging.ts';
import { withRequestBudget } from '../remote/request-budget.ts';
import type { LearnedFacts } from '../remote/learned-facts.ts';
import { type OptionalReads, optionalReads, refusedAsUnavailable } from '../remote/optional-read.ts';
import { hostOf } from '../remote/remote-error.ts';
import { learnedFacts, remoteConnection, type RemoteTrackerOptions } from '../remote-tracker.ts';
import { BackEndError, type CatalogPart, type PlanPart } from '../time-tracker.ts';
import { ClockodoActing } from './acting.ts';
import { type ClockodoApi, type ClockodoClient, createClockodoClient, USER_PAGE } from './api.ts';
import { ClockodoError } from './errors.ts';
import { clockodoFacts, clockodoFactsKey, type ClockodoFacts } from './facts.ts';
import { type Led, ledBy, managesAllAbsences } from './leadership.ts';
import type { NameBook } from './mapping.ts';
import type { ClockodoCompany, ClockodoProject, ClockodoTargetHours, ClockodoTeam, ClockodoUser } from './wire.ts';
import { quotedLine } from '../../contract/outcomes/quoted-line.ts';

export type ClockodoProfile = ProfileOf<typeof CLOCKODO>;

/** The person and the company change rarely: one read per five minutes. */
const IDENTITY_TTL_MS = 5 * 60_000;
/** Leading is read again a day after it was learned, so a team given or taken shows the next day. */
const LEADERSHIP_RECHECK_MS = 24 * 3_600_000;
/** The time of a check moves the facts file only hourly: servers read the person every five minutes. */
const CHECK_NOTE_MS = 3_600_000;

/** The settings' week and holidays stand in where Clockodo will not show the person's own. */
export type ClockodoTrackerOptions = RemoteTrackerOptions<ClockodoProfile>;

export interface Identity {
  user: ClockodoUser;
  /** Absent where only /v4/users/me answered. */
  company: ClockodoCompany | undefined;
}

/** What Clockodo's refusal (403) of an administration tool withdraws, and how the log says it: the cell's own words. */
export interface Withdrawn {
  readonly capability: Capability;
  /** What was refused: "the administration of teams". */
  readonly what: string;
  /** The tool switched off: "manage_teams". */
  readonly tool: string;
}

/** The catalog as the other capabilities use it: its names for entries, and what the person may book on. */
export interface ClockodoCatalogView extends CatalogPart {
  /** Names for the catalog's ids; an id a cached list does not know reloads that list once. */
  names(entry?: ClockodoEntryRef): Promise<NameBook>;
  bookableProject(projectId: number): Promise<ClockodoProject>;
  /** The service named, or the only one open to the person. */
  serviceFor(activityId: number | null): Promise<number>;
  requireService(serviceId: number): Promise<number>;
  /** The names of up to `count` projects the person may book on, for a refusal's examples. */
  projectExamples(count: number): Promise<string[]>;
  /** Something in the catalog was changed: the lists are read afresh. */
  changed(): void;
}

/** An entry as the catalog names it: its project and service. */
export type ClockodoEntryRef = { projects_id?: number | null; services_id?: number | null };

/** The plan as the account and leave use it: its target-hour rows too. */
export interface ClockodoPlanView extends PlanPart {
  /** Target-hour rows, or 'refused' where Clockodo will not show them (module off, no right). */
  targetRows(): Promise<ClockodoTargetHours[] | 'refused'>;
}

/** What Clockodo's cells are made in (providers/grid/cell.ts). */
export interface ClockodoGrid extends Grid {
  readonly client: ClockodoClient;
  readonly person: ClockodoActing;
  readonly context: ClockodoContext;
  readonly known: ClockodoFacts | undefined;
  readonly parts: RemoteParts & { catalog: ClockodoCatalogView; plan: ClockodoPlanView };
}

export class ClockodoContext {
  readonly options: ClockodoTrackerOptions;
  /** What the cells send with (their endpoints are made over it: providers/grid/compose.ts). */
  readonly client: ClockodoClient;
  /** The endpoints the capabilities share, for what the context itself reads (the identity): narrowed to the person under actingFor. */
  readonly api: ClockodoApi;
  /** Who pages through lists (providers/remote/paging.ts). */
  readonly pager: Pager;
  /** The person the team server acts for with the owner's key (acting.ts); undefined on the person's own key. */
  readonly acting: ClockodoActing | undefined;
  readonly facts: LearnedFacts<ClockodoFacts>;
  /** What Clockodo may refuse the person as a module or a right they lack, and what the tools do without it (docs/back-ends/clockodo.md, "Optional reads"). */
  readonly optional: OptionalReads<'targetHours' | 'nonbusinessDays'>;
  readonly #identity = new Expiring<Identity>(IDENTITY_TTL_MS);

  /** `capabilitiesOf`: what the cells offer under this credential, from what is known (cells.ts). */
  constructor(options: ClockodoTrackerOptions, capabilitiesOf: (facts: ClockodoFacts | undefined) => ReadonlySet<Capability>) {
    this.options = options;
    this.client = createClockodoClient({ connection: remoteConnection(options), email: options.profile.email, organisation: options.actingFor !== undefined });
    this.pager = this.client.pager;
    const { actingFor } = options;
    // Under actingFor the key is the owner's: every capability sees only its endpoints narrowed to the person.
    this.acting = actingFor ? new ClockodoActing(this.client, { userId: Number(actingFor.userId), now: options.now, zone: options.timezone }) : undefined;
    this.api = this.acting ? this.acting.shared : this.client.api;
    this.facts = learnedFacts(options, {
      file: clockodoFacts,
      // The owner's login is everyone's under actingFor: what is learned is the person's, kept under their id.
      key: actingFor ? `${clockodoFactsKey(options.profile)} for user #${actingFor.userId}` : clockodoFactsKey(options.profile),
      capabilitiesOf,
    });
    this.optional = optionalReads(
      { service: 'Clockodo', log: options.log, now: options.now },
      {
        targetHours: { what: 'your target hours', without: "the work week in Punchcard's settings stands in" },
        nonbusinessDays: { what: 'your non-business days', without: "the settings' holidays stand in" },
      },
    );
  }

  /** The person and the company; each read teaches the next start (facts) and may change the tools. */
  me(fresh = false): Promise<Identity> {
    if (fresh) this.#identity.invalidate();
    return this.#identity.get(async () => {
      const identity = await this.#readIdentity();
      this.#learn(identity);
      return identity;
    });
  }

  /** The person's id without a request when an earlier start learned it. */
  async userId(): Promise<number> {
    if (this.acting) return this.acting.userId;
    return this.facts.current.userId ?? (await this.me()).user.id;
  }

  /** The person as Clockodo names them; their login where it has no name. */
  nameOf(user: ClockodoUser): string {
    // Under actingFor the profile's login is the owner's, never the person's name.
    return user.name ?? (this.acting ? (user.email ?? `user #${user.id}`) : this.options.profile.email);
  }

  /** Whom the log names: the person's login, or under actingFor their user number (the profile's login is the owner's). */
  get whom(): string {
    return this.acting ? `user #${this.acting.userId}` : this.options.profile.email;
  }

  /** "Clockodo at host as the person (role) of the company; …." for whoami and the connection test. */
  connectionLine({ user, company }: Identity): string {
    const through = this.acting ? ", through your company's account" : '';
    return `Clockodo at ${hostOf(this.options.profile.url)} as ${quotedLine(this.nameOf(user))}${describeAccount(user, company)}${through}.`;
  }

  today(): string {
    return localDate(this.options.now(), this.facts.current.timezone ?? 'UTC');
  }

  /**
   * What was learned of the person's leading (leadership.ts): remembered with when, and the team
   * tools switched live where it changes them. A part left out stays as it was.
   */
  learnLeadership(found: { leads?: boolean; decidesLeave?: boolean }): void {
    const learned: ClockodoFacts = { ...found, leadershipCheckedAt: new Date(this.options.now()).toISOString() };
    if (this.facts.learn(learned)) this.options.log(`Clockodo tools follow whom ${this.whom} leads: ${[...this.facts.capabilities.current].join(', ')}.`);
  }

  /**
   * The people `me` leads, from the teams Clockodo lists and the users it shows `me` (a list refused,
   * 403, names nobody). Two listings, each paged.
   */
  async whomLeads(me: ClockodoUser, action: string): Promise<Led> {
    const { api, pager } = this;
    const [teams, users] = await Promise.all([
      unlessRefused(
        allPages(pager, (page) => api.teamsPage(page)),
        () => [] as ClockodoTeam[],
      ),
      unlessRefused(
        allPages(pager, (page) => api.usersPage(undefined, page, USER_PAGE, action)),
        () => [] as ClockodoUser[],
      ),
    ]);
    return ledBy(me, teams, users);
  }

  /** The people whose absences Clockodo lets `me` manage, `me` aside (`scope=manageAbsences`; a refusal names nobody). */
  async absencesManaged(me: ClockodoUser, action: string): Promise<ClockodoUser[]> {
    const { api, pager } = this;
    const users = await unlessRefused(
      allPages(pager, (page) => api.usersPage('manageAbsences', page, USER_PAGE, action)),
      () => [] as ClockodoUser[],
    );
    return users.filter((user) => user.id !== me.id);
  }

  /** Whether what is known of leading is older than a day (or was never learned): leading is read again a day after. */
  leadershipStale(): boolean {
    const checkedAt = Date.parse(this.facts.current.leadershipCheckedAt ?? '');
    return Number.isNaN(checkedAt) || this.options.now() - checkedAt > LEADERSHIP_RECHECK_MS;
  }

  /**
   * Learns whether the person leads anyone and decides anyone's absences, and remembers it: the team
   * tools follow, live. An owner sees and decides everything already and is not asked. Outside a tool
   * call no budget holds the listings, so the call's own bounds them.
   */
  async learnWhomTheyLead(): Promise<void> {
    const { user } = await this.me();
    if (user.role === 'owner') return;
    const moduleOff = this.facts.current.absences === false;
    const [led, managed] = await withRequestBudget(MAX_REQUESTS_PER_CALL, () =>
      Promise.all([this.whomLeads(user, 'read whom you lead'), moduleOff ? Promise.resolve([]) : this.absencesManaged(user, 'read whose absences you manage')]),
    );
    this.learnLeadership({ leads: led.people.length > 0, decidesLeave: managed.length > 0 });
  }

  close(): void {
    this.client.close();
  }

  /** Clockodo refused (403) what an administration tool stands for: it is withdrawn at once (with list_changed), and remembered until another role is learned. */
  refuse({ capability, what, tool }: Withdrawn): void {
    const refused = this.facts.current.refused ?? [];
    if (refused.includes(capability)) return;
    if (this.facts.learn({ refused: [...refused, capability] })) this.options.log(`Clockodo refused your account ${what}: ${tool} switched off.`);
  }

  /**
   * Sends one request of an administration tool. Clockodo's refusal (403) withdraws the tool at once
   * (refuse) and is said as the part's own refusal, `refusal`; any other failure is thrown as it came.
   */
  async administering<T>(withdrawn: Withdrawn, refusal: Refusal, send: () => Promise<T>): Promise<T> {
    try {
      return await send();
    } catch (error) {
      if (!(error instanceof ClockodoError) || error.status !== 403) throw error;
      this.refuse(withdrawn);
      throw new BackEndError(...([refusal.code, refusal.facts] as RefusalArgs));
    }
  }

  /**
   * A Clockodo request of the administration, which is the company owner's right (docs/back-ends/clockodo.md,
   * "Administration"): its 403 withdraws the tool at once and is said with the missing right. `send` gets
   * what the request is for in words, for the HTTP layer's other failures.
   */
  asOwner<T>(
    withdrawn: Withdrawn & { tool: 'manage_people' | 'manage_teams' },
    request: ClockodoOwnerRequest,
    send: (action: string) => Promise<T>,
  ): Promise<T> {
    const refusal = refusalOf('clockodo_owner_denied', { ...request, tool: withdrawn.tool });
    return this.administering(withdrawn, refusal, () => send(modelText(clockodoOwnerRequestWords(request))));
  }

  async #readIdentity(): Promise<Identity> {
    try {
      const me = await this.api.usersMeAggregate();
      return { user: me.user, company: me.company };
    } catch (error) {
      // The aggregate is deprecated; once retired, the person alone from v4.
      if (!(error instanceof ClockodoError) || (error.status !== 410 && error.status !== 404)) throw error;
      return { user: await this.api.usersMe(), company: undefined };
    }
  }

  #learn({ user, company }: Identity): void {
    const stale = !(this.options.now() - Date.parse(this.facts.current.checkedAt ?? '') < CHECK_NOTE_MS);
    const learned: ClockodoFacts = {
      userId: user.id,
      ...(stale ? { checkedAt: new Date(this.options.now()).toISOString() } : {}),
      ...(user.timezone ? { timezone: user.timezone } : {}),
      ...(user.role ? { role: user.role } : {}),
      // A new role is asked again what it may administer: a refusal under the old one no longer holds.
      ...(user.role && user.role !== this.facts.current.role ? { refused: [] } : {}),
      ...(typeof user.can_add_customers === 'boolean' ? { canAddCustomers: user.can_add_customers } : {}),
      ...(typeof company?.module_absence === 'boolean' ? { absences: company.module_absence } : {}),
      ...(user.role === 'owner' || typeof user.can_generally_manage_absences === 'boolean'
        ? // Acting for a person, Punchcard decides for them only what Clockodo would let them decide (absence-reach.ts).
          { managesAbsences: this.acting ? managesAllAbsences(user) : user.role === 'owner' || user.can_generally_manage_absences === true }
        : {}),
    };
    if (this.facts.learn(learned)) this.options.log(`Clockodo tools follow what ${this.whom} may do: ${[...this.facts.capabilities.current].join(', ')}.`);
  }
}

/**
 * The answer, or `refused`'s stand-in where Clockodo refuses the read as unavailable (a module off, a right the person
 * lacks: 403; a 402, a 404 of its own; providers/remote/optional-read.ts). Only for reads that have a stand-in: the
 * settings' plan, one's own absences, no time account.
 */
export async function unlessRefused<T, U>(answer: Promise<T>, refused: (error: ClockodoError) => U | Promise<U>): Promise<T | U> {
  try {
    return await answer;
  } catch (error) {
    if (!(error instanceof ClockodoError) || !refusedAsUnavailable(error)) throw error;
    return refused(error);
  }
}

function describeAccount(user: ClockodoUser, company: ClockodoCompany | undefined): string {
  const parts = [
    user.role ? ` (${user.role})` : '',
    company?.name ? ` of ${quotedLine(company.name)}` : '',
    company?.module_absence === false ? '; absence module off (leave tools off)' : company?.module_absence ? '; absence module on' : '',
    user.role === 'worker' ? (user.can_add_customers ? '; may add customers and projects' : '; may not add customers or projects') : '',
  ];
  return parts.join('');
}
