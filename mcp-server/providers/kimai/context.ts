// What Kimai's capabilities share (docs/internals/back-ends.md, "A capability is a folder"): the options, the client
// and the endpoints they share (api.ts; narrowed to the person under actingFor: acting.ts), what is known about the
// server (the absence plugin, the profile zone, the role, remembered between starts: facts.ts), the reads every
// conversation starts with — the person and the timesheet settings — cached briefly and read only by the calls that
// need them, its optional reads (a plugin's: providers/remote/optional-read.ts); and the grid the cells are made in
// (KimaiGrid).
import type { Capability } from '../../contract/vocabulary.ts';
import type { Refusal, RefusalArgs } from '../../contract/outcomes/refusals.ts';
import type { Grid } from '../grid/cell.ts';
import type { RemoteParts } from '../grid/parts.ts';
import { learnedFacts, type RemoteTrackerOptions } from '../remote-tracker.ts';
import { BackEndError, type CatalogPart } from '../time-tracker.ts';
import { allSettled, Expiring } from '../remote/cache.ts';
import type { LearnedFacts } from '../remote/learned-facts.ts';
import { type OptionalReads, optionalReads } from '../remote/optional-read.ts';
import type { Pager } from '../remote/paging.ts';
import type { KimaiActing } from './acting.ts';
import { kimaiActing } from './acting-shared.ts';
import { type KimaiApi, type KimaiClient, kimaiClientFor, type KimaiProfile } from './api.ts';
import { detectionFile, highestRole, type KimaiDetection, leadsPeople } from './facts.ts';
import { KimaiError } from './errors.ts';
import type { KimaiTimesheetConfig, KimaiUser } from './wire.ts';

export type { KimaiProfile };

/** The user and the timesheet settings change rarely; five minutes keeps a session to one fetch. */
const SESSION_TTL_MS = 5 * 60_000;

/** Kimai keeps no calendar: leave days are counted on the settings' week and public holidays. */
export type KimaiTrackerOptions = RemoteTrackerOptions<KimaiProfile>;

/** The person and how their Kimai records time: what calls that set times need. */
export interface Session {
  me: KimaiUser;
  config: KimaiTimesheetConfig;
}

/** The catalog as the other capabilities use it: its lists, and a change made elsewhere (update_catalog_item). */
export interface KimaiCatalogView extends CatalogPart {
  /** A customer, project or activity changed elsewhere: the next read lists it as it is now. */
  changed(): void;
}

/** What Kimai's cells are made in (providers/grid/cell.ts). */
export interface KimaiGrid extends Grid {
  readonly client: KimaiClient;
  readonly person: KimaiActing;
  readonly context: KimaiContext;
  readonly known: KimaiDetection | undefined;
  readonly parts: RemoteParts & { catalog: KimaiCatalogView };
}

export class KimaiContext {
  readonly options: KimaiTrackerOptions;
  /** What the cells send with (their endpoints are made over it: providers/grid/compose.ts). */
  readonly client: KimaiClient;
  /** The endpoints the capabilities share, for what the context itself reads (the person, the settings): narrowed to the person under actingFor. */
  readonly api: KimaiApi;
  /** Who pages through lists (providers/remote/paging.ts). */
  readonly pager: Pager;
  /** Kimai's address, for words and Kimai's own pages. */
  readonly baseUrl: string;
  /** The person the team server acts for with the organisation's account (acting.ts); undefined on the person's own token. */
  readonly acting: KimaiActing | undefined;
  readonly facts: LearnedFacts<KimaiDetection>;
  /** What Kimai may refuse as a plugin it lacks, and what the tools do without it (docs/back-ends/kimai.md, "Optional reads"). */
  readonly optional: OptionalReads<'metaFields'>;
  readonly #me = new Expiring<KimaiUser>(SESSION_TTL_MS);
  readonly #config = new Expiring<KimaiTimesheetConfig>(SESSION_TTL_MS);

  /** `capabilitiesOf`: what the cells offer under this credential, from what is known (cells.ts). */
  constructor(options: KimaiTrackerOptions, capabilitiesOf: (facts: KimaiDetection | undefined) => ReadonlySet<Capability>) {
    this.options = options;
    const { profile, actingFor } = options;
    this.client = kimaiClientFor(options);
    this.pager = this.client.pager;
    this.baseUrl = this.client.baseUrl;
    // Acting for a person with the organisation's account: every capability sees only its endpoints narrowed to them.
    this.acting = actingFor
      ? kimaiActing(this.client, { userId: actingFor.userId, now: options.now, ...(profile.lockdown ? { lockdown: profile.lockdown } : {}) })
      : undefined;
    this.api = this.acting ? this.acting.shared : this.client.api;
    // What the last start (or the app's connection test) learned; see cells.ts.
    this.facts = learnedFacts(options, { file: detectionFile, key: profile.url, capabilitiesOf });
    this.optional = optionalReads(
      { service: 'Kimai', log: options.log, now: options.now },
      { metaFields: { what: "the custom-fields plugin's fields of timesheets", without: 'entries are written without custom fields' } },
    );
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
    this.client.close();
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
