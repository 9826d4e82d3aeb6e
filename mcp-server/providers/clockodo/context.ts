// What the Clockodo feature modules share: the API, the options, and the person — their id (every
// "my …" request names it and no other), zone, role and rights, and whether the company uses the
// absence module — read at most every five minutes, remembered between starts (facts.ts), and
// deciding the tools.
import type { ProfileOf } from '../../contract/back-end-descriptor.ts';
import type { CLOCKODO } from '../../contract/back-ends/clockodo.ts';
import { localDate } from '../../domain/time.ts';
import type { Refusal, RefusalArgs } from '../../contract/outcomes/refusals.ts';
import { Expiring } from '../remote/cache.ts';
import type { LearnedFacts } from '../remote/learned-facts.ts';
import { hostOf } from '../remote/remote-error.ts';
import { learnedFacts, remoteConnection, type RemoteTrackerOptions } from '../remote-tracker.ts';
import { BackEndError } from '../time-tracker.ts';
import { managesAllAbsences } from './absence-reach.ts';
import { ClockodoActing, actingClockodoApi } from './acting-api.ts';
import { type ClockodoApi, createClockodoApi } from './api.ts';
import { actingForCapabilities, clockodoCapabilities } from './capabilities.ts';
import { ClockodoError } from './errors.ts';
import { clockodoFacts, clockodoFactsKey, type ClockodoFacts } from './facts.ts';
import type { ClockodoCompany, ClockodoUser } from './wire.ts';

export type ClockodoProfile = ProfileOf<typeof CLOCKODO>;

/** The person and the company change rarely: one read per five minutes. */
const IDENTITY_TTL_MS = 5 * 60_000;
/** The time of a check moves the facts file only hourly: servers read the person every five minutes. */
const CHECK_NOTE_MS = 3_600_000;

/** The settings' week and holidays stand in where Clockodo will not show the person's own. */
export type ClockodoTrackerOptions = RemoteTrackerOptions<ClockodoProfile>;

export interface Identity {
  user: ClockodoUser;
  /** Absent where only /v4/users/me answered. */
  company: ClockodoCompany | undefined;
}

export class ClockodoContext {
  readonly options: ClockodoTrackerOptions;
  readonly api: ClockodoApi;
  /** The person the team server acts for with the owner's key (acting-api.ts); undefined on the person's own key. */
  readonly acting: ClockodoActing | undefined;
  readonly facts: LearnedFacts<ClockodoFacts>;
  readonly #identity = new Expiring<Identity>(IDENTITY_TTL_MS);

  constructor(options: ClockodoTrackerOptions) {
    this.options = options;
    const api = createClockodoApi({ connection: remoteConnection(options), email: options.profile.email, organisation: options.actingFor !== undefined });
    const { actingFor } = options;
    // Under actingFor the key is the owner's: every feature module sees only the API narrowed to the person.
    this.acting = actingFor ? new ClockodoActing(api, { userId: Number(actingFor.userId), now: options.now, zone: options.timezone }) : undefined;
    this.api = this.acting ? actingClockodoApi(api, this.acting) : api;
    this.facts = learnedFacts(options, {
      file: clockodoFacts,
      // The owner's login is everyone's under actingFor: what is learned is the person's, kept under their id.
      key: actingFor ? `${clockodoFactsKey(options.profile)} for user #${actingFor.userId}` : clockodoFactsKey(options.profile),
      capabilitiesOf: actingFor ? actingForCapabilities : clockodoCapabilities,
    });
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
    return `Clockodo at ${hostOf(this.options.profile.url)} as ${this.nameOf(user)}${describeAccount(user, company)}${through}.`;
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

  close(): void {
    this.api.close();
  }

  /** Clockodo refused (403) what an administration tool stands for: it is withdrawn at once (with list_changed), and remembered until another role is learned. */
  refuseAdministration(kind: keyof typeof REFUSALS): void {
    const { learned, what, tool } = REFUSALS[kind];
    if (this.facts.learn(learned)) this.options.log(`Clockodo refused your account ${what}: ${tool} switched off.`);
  }

  /**
   * Sends one request of an administration tool. Clockodo's refusal (403) withdraws the tool at once
   * (refuseAdministration) and is said as the part's own refusal, `refusal`; any other failure is thrown as it came.
   */
  async administering<T>(kind: keyof typeof REFUSALS, refusal: Refusal, send: () => Promise<T>): Promise<T> {
    try {
      return await send();
    } catch (error) {
      if (!(error instanceof ClockodoError) || error.status !== 403) throw error;
      this.refuseAdministration(kind);
      throw new BackEndError(...([refusal.code, refusal.facts] as RefusalArgs));
    }
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
      ...(user.role && user.role !== this.facts.current.role
        ? { peopleRefused: false, teamsRefused: false, catalogRefused: false, correctionsRefused: false }
        : {}),
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
 * The answer, or `refused`'s stand-in where Clockodo refuses the read (403: a module off, a right the
 * person lacks). Only for reads that have a stand-in: the settings' plan, one's own absences, no time account.
 */
export async function unlessRefused<T, U>(answer: Promise<T>, refused: (error: ClockodoError) => U | Promise<U>): Promise<T | U> {
  try {
    return await answer;
  } catch (error) {
    if (!(error instanceof ClockodoError) || error.status !== 403) throw error;
    return refused(error);
  }
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

/** What each refusal withdraws, and how the log says it. */
const REFUSALS = {
  people: { learned: { peopleRefused: true }, what: 'the administration of people', tool: 'manage_people' },
  teams: { learned: { teamsRefused: true }, what: 'the administration of teams', tool: 'manage_teams' },
  catalog: { learned: { catalogRefused: true }, what: 'changes to the catalog', tool: 'update_catalog_item' },
  corrections: { learned: { correctionsRefused: true }, what: "changes to colleagues' entries", tool: 'correct_time_entries' },
} as const satisfies Record<string, { learned: ClockodoFacts; what: string; tool: string }>;
