// What the Kimai feature modules share: the API, the options, what is known about the server (the
// absence plugin, the profile zone, remembered between starts) and the reads every conversation
// starts with — the person and the timesheet settings — cached briefly and read only by the calls
// that need them.
import type { ProfileOf } from '../../contract/back-end-descriptor.ts';
import type { KIMAI } from '../../contract/back-ends/kimai.ts';
import type { Refusal, RefusalArgs } from '../../contract/outcomes/refusals.ts';
import { learnedFacts, remoteConnection, type RemoteTrackerOptions } from '../remote-tracker.ts';
import { BackEndError } from '../time-tracker.ts';
import { allSettled, Expiring } from '../remote/cache.ts';
import type { LearnedFacts } from '../remote/learned-facts.ts';
import { type KimaiApi, createKimaiApi } from './api.ts';
import { highestRole, kimaiActingCapabilities, kimaiCapabilities } from './capabilities.ts';
import { actingKimaiApi } from './acting-api.ts';
import { detectionFile, type KimaiDetection } from './detection-cache.ts';
import { KimaiError } from './errors.ts';
import type { KimaiTimesheetConfig, KimaiUser } from './wire.ts';

/** A Kimai account's settings, with the lockdown its API does not publish where the settings name it (contract/kimai-lockdown.ts). */
export type KimaiProfile = ProfileOf<typeof KIMAI>;

/** The user and the timesheet settings change rarely; five minutes keeps a session to one fetch. */
const SESSION_TTL_MS = 5 * 60_000;

/** Kimai keeps no calendar: leave days are counted on the settings' week and public holidays. */
export type KimaiTrackerOptions = RemoteTrackerOptions<KimaiProfile>;

/** The person and how their Kimai records time: what calls that set times need. */
export interface Session {
  me: KimaiUser;
  config: KimaiTimesheetConfig;
}

/** The API at the profile's address with the options' secret (the person's token, or the organisation's under actingFor). */
export function kimaiApiFor(options: KimaiTrackerOptions): KimaiApi {
  const { profile } = options;
  return createKimaiApi({
    connection: remoteConnection(options),
    ...(options.actingFor ? { organisation: true } : {}),
    ...(profile.caFile === undefined ? {} : { caFile: profile.caFile }),
    ...(profile.allowInsecureTls === undefined ? {} : { allowInsecureTls: profile.allowInsecureTls }),
  });
}

export class KimaiContext {
  readonly options: KimaiTrackerOptions;
  readonly api: KimaiApi;
  readonly facts: LearnedFacts<KimaiDetection>;
  readonly #me = new Expiring<KimaiUser>(SESSION_TTL_MS);
  readonly #config = new Expiring<KimaiTimesheetConfig>(SESSION_TTL_MS);

  constructor(options: KimaiTrackerOptions) {
    this.options = options;
    const { profile } = options;
    const api = kimaiApiFor(options);
    // Acting for a person with the organisation's account: every request goes through the narrowed API (acting-api.ts).
    this.api = options.actingFor
      ? actingKimaiApi(api, { userId: options.actingFor.userId, now: options.now, ...(profile.lockdown ? { lockdown: profile.lockdown } : {}) })
      : api;
    // What the last start (or the app's connection test) learned; see kimaiCapabilities().
    this.facts = learnedFacts(options, {
      file: detectionFile,
      key: profile.url,
      capabilitiesOf: options.actingFor ? kimaiActingCapabilities : (facts) => kimaiCapabilities(facts.absences, facts.leads, facts),
    });
  }

  /** The person; each read also corrects the zone remembered for the next start. */
  profile(): Promise<KimaiUser> {
    return this.#me.get(async () => {
      const me = await this.api.me();
      const leads = leadsPeople(me);
      const role = highestRole(me.roles);
      const known = this.facts.current;
      const learned: KimaiDetection = {};
      if (me.timezone !== known.timezone || leads !== known.leads) Object.assign(learned, { timezone: me.timezone, leads });
      // A new role is asked again what it may administer: a refusal under the old one no longer holds.
      if (role !== known.role)
        Object.assign(learned, {
          role,
          tagsRefused: false,
          invoicesRefused: false,
          correctionsRefused: false,
          ratesRefused: false,
          teamsRefused: false,
          catalogRefused: false,
          peopleRefused: false,
        });
      // One learning for the whole read, so the tools change (and list_changed goes out) once.
      if (Object.keys(learned).length > 0 && this.facts.learn(learned)) {
        if (leads !== known.leads)
          this.options.log(`Your Kimai role ${leads ? 'lets you see a team' : 'shows you only your own time'}: team tools switched ${leads ? 'on' : 'off'}.`);
        if (role !== known.role) this.options.log(`Your Kimai role is ${role}: the administration tools it may use were switched.`);
      }
      return me;
    });
  }

  /** A fresh read of the person (whoami doubles as the live connection check in a chat). */
  freshProfile(): Promise<KimaiUser> {
    this.#me.invalidate();
    return this.profile();
  }

  /** The person and the timesheet settings, for calls that set times or switch timers. */
  async session(): Promise<Session> {
    const [me, config] = await allSettled([this.profile(), this.#config.get(() => this.api.timesheetConfig())]);
    return { me, config };
  }

  /** The session when the settings are already at hand; a request of their own only if Kimai refuses. */
  async sessionIfKnown(): Promise<Session | undefined> {
    return this.#config.holds() ? this.session() : undefined;
  }

  /**
   * Whether the absence plugin answers, as just learned: remembered for the next start, and the leave
   * tools switched (with list_changed) when that changes what is offered.
   */
  learnAbsences(absences: boolean): void {
    if (this.facts.learn({ absences })) {
      this.options.log(`Kimai's absence plugin is ${absences ? '' : 'not '}available to you: leave tools switched ${absences ? 'on' : 'off'}.`);
    }
  }

  /**
   * Whether the ApprovalBundle plugin answers, as just learned (account.ts hourly, approvals.ts on a 404 of
   * its routes): remembered, and the approvals tools switched (with list_changed) when that changes them.
   */
  learnApprovals(approvals: boolean): void {
    if (this.facts.learn({ approvals })) {
      this.options.log(
        `Kimai's ApprovalBundle plugin is ${approvals ? '' : 'not '}available to you: timesheet approval tools switched ${approvals ? 'on' : 'off'}.`,
      );
    }
  }

  /**
   * Kimai refused (403) what an administration capability stands for: it is withdrawn at once (with
   * list_changed) and for the next start, until a profile read names another role.
   */
  refuseAdministration(kind: keyof typeof REFUSALS): void {
    const refusal = REFUSALS[kind];
    if (this.facts.learn(refusal.learned)) this.options.log(`Kimai refused your account ${refusal.what}: ${refusal.tool} switched off.`);
  }

  /**
   * Sends one request of an administration capability. Kimai's refusal (403 Forbidden; a 403 of the
   * authenticator is a bad token, errors.ts) withdraws the capability at once (refuseAdministration) and
   * is said as the part's own refusal: `refusal`, or what makes it after the withdrawal where its facts
   * need a read of their own. Any other failure is thrown as it came.
   */
  async administering<T>(kind: keyof typeof REFUSALS, refusal: Refusal | (() => Promise<Refusal>), send: () => Promise<T>): Promise<T> {
    try {
      return await send();
    } catch (error) {
      if (!(error instanceof KimaiError) || error.failure !== 'forbidden') throw error;
      this.refuseAdministration(kind);
      throw refused(typeof refusal === 'function' ? await refusal() : refusal);
    }
  }

  close(): void {
    this.api.close();
  }
}

/** What each administration refusal withdraws, and how the log says it. */
const REFUSALS = {
  tags: { learned: { tagsRefused: true }, what: 'the creation of tags', tool: 'manage_tags' },
  invoices: { learned: { invoicesRefused: true }, what: 'the invoices', tool: 'list_invoices' },
  corrections: { learned: { correctionsRefused: true }, what: "changes to other people's time entries", tool: 'correct_time_entries' },
  rates: { learned: { ratesRefused: true }, what: 'the rates', tool: 'manage_rates' },
  teams: { learned: { teamsRefused: true }, what: 'the administration of teams', tool: 'manage_teams' },
  catalog: { learned: { catalogRefused: true }, what: 'changes to the catalog', tool: 'update_catalog_item' },
  people: { learned: { peopleRefused: true }, what: 'the administration of people', tool: 'manage_people' },
} as const satisfies Record<string, { learned: KimaiDetection; what: string; tool: string }>;

/** A refusal as the error that carries it. */
function refused(refusal: Refusal): BackEndError {
  return new BackEndError(...([refusal.code, refusal.facts] as RefusalArgs));
}

/** The name a person goes by in Kimai: the alias when one is set. */
export function personName(user: Pick<KimaiUser, 'alias' | 'username'>): string {
  return user.alias || user.username;
}

/** Roles that administer all of Kimai: every team, every timesheet. */
const ADMIN_ROLES = new Set(['ROLE_ADMIN', 'ROLE_SUPER_ADMIN']);

export function isKimaiAdmin(user: KimaiUser): boolean {
  return (user.roles ?? []).some((role) => ADMIN_ROLES.has(role));
}

/**
 * Whether the person leads anyone in Kimai: an administrator, or a team lead of at least one team
 * (Kimai shows a team lead the timesheets of the teams they lead, and nobody else's).
 */
export function leadsPeople(user: KimaiUser): boolean {
  return isKimaiAdmin(user) || ((user.roles ?? []).includes('ROLE_TEAMLEAD') && (user.memberships ?? []).some((membership) => membership.teamlead));
}
