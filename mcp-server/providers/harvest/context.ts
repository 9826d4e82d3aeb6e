// What Harvest's capabilities share (docs/internals/back-ends.md, "A capability is a folder"): the options, the
// client and the endpoints they share (api.ts), the Harvest account every request names (the settings', else the only
// Harvest one the token reaches), the person (/v2/users/me: their id, which every list of entries names, their zone
// and weekly capacity) and the company (whether it tracks durations or start and end times), each read at most every
// five minutes, the company an optional read (providers/remote/optional-read.ts); and the grid the cells are made in
// (HarvestGrid). Harvest has no organisation account that acts for people: each person connects their own token
// (cells.ts).
import type { ProfileOf } from '../../contract/back-end-descriptor.ts';
import type { HARVEST } from '../../contract/back-ends/harvest.ts';
import type { WorkWeek } from '../../contract/settings.ts';
import type { Capability } from '../../contract/vocabulary.ts';
import { addDays, firstValidZone, formatLocalTime, localDate } from '../../domain/time.ts';
import type { Grid, NoOrganisationAccount } from '../grid/cell.ts';
import type { RemoteParts } from '../grid/parts.ts';
import { Expiring } from '../remote/cache.ts';
import { headerProblem } from '../remote/header-values.ts';
import type { LearnedFacts } from '../remote/learned-facts.ts';
import { NOT_KNOWN_FOR_MS, type OptionalReads, optionalReads } from '../remote/optional-read.ts';
import { hostOf, remoteRefusal } from '../remote/remote-error.ts';
import { learnedFacts, remoteConnection, type RemoteTrackerOptions } from '../remote-tracker.ts';
import type { CatalogPart, PlanPart } from '../time-tracker.ts';
import { createHarvestClient, type HarvestApi, type HarvestClient } from './api.ts';
import { HarvestError } from './errors.ts';
import { harvestFacts, harvestFactsKey, type HarvestFacts } from './facts.ts';
import type { TrackingKind } from './mapping.ts';
import type { HarvestCompany, HarvestProjectAssignment, HarvestUser } from './wire.ts';
import { ianaZoneOf } from './zones.ts';

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

/** The catalog as the timer and the entries use it: the person's assignments, and what a write books on. */
export interface HarvestCatalogView extends CatalogPart {
  /** The person's active project assignments, kept a few minutes. */
  assignments(): Promise<HarvestProjectAssignment[]>;
  /** The project and task named, checked against the person's assignments (refused in words, nothing sent). */
  booking(projectId: number | null, taskId: number | null): Promise<Booking>;
  /** Something changed that the assignments may show differently: read afresh next time. */
  changed(): void;
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
          what: "the company's settings (whether it tracks durations or start and end times)",
          without:
            "entries are written as the account was last known to keep time, else as the person's own entries show it, else with both its times and its hours",
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
      return user;
    });
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
      if (stale || timestamps !== this.facts.current.timestamps)
        this.facts.learn({ timestamps, ...(stale ? { checkedAt: new Date(this.options.now()).toISOString() } : {}) });
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
    return `Harvest at ${hostOf(this.options.profile.url)} as ${this.nameOf(user)}, account ${name ? `${name} (${account})` : account}, tracking ${tracking}.`;
  }

  close(): void {
    this.client.close();
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
