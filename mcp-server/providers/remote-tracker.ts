// What every remote back end is made of and made from: the options every one is created from (create-tracker.ts
// holds the table), what each one's root makes of them the same way (its connection, its learned facts), and
// assembleTracker, which hands the parts its cells made (providers/grid/) on as the TimeTracker's own, each as it
// was built (one object may serve several: a back end's timesheets are its timer and its entries), and adds what
// the back end is and offers from what was learned of the account. A part a back end cannot offer (Kimai's
// breaks) is simply absent.
import type { ActingFor } from './acting-for.ts';
import type { WallClock } from '../clock.ts';
import type { WorkWeek } from '../contract/settings.ts';
import type { AgentLabelForm } from '../domain/agents.ts';
import type { Log } from '../log.ts';
import type { FactsPlace, FactsShelf } from './remote/facts-file.ts';
import type { RequestGate } from './remote/json-http.ts';
import type { Pacer } from './remote/pacing.ts';
import type { RemoteConnection } from './remote/remote-client.ts';
import type { ConnectionReport } from './remote/remote-error.ts';
import { LearnedFacts, type LearnedFactsOptions } from './remote/learned-facts.ts';
import type { IdNumbering } from './id-aliases.ts';
import type {
  AccountPart,
  BreaksPart,
  CatalogPart,
  EntriesPart,
  EntryFieldsPart,
  LeavePart,
  PlanPart,
  TeamHoursPart,
  TeamLeavePart,
  AdminTagsPart,
  InvoicesPart,
  CorrectionsPart,
  AdminRatesPart,
  AdminTeamsPart,
  CatalogAdminPart,
  AdminPeoplePart,
  ApprovalsPart,
  TeamProjectsPart,
  RoleLack,
  TimeTracker,
  TimerPart,
} from './time-tracker.ts';
import type { Capability } from '../contract/vocabulary.ts';

export interface RemoteTrackerOptions<Profile> {
  profile: Profile;
  /** The secret (token, API key) from the keychain or its PUNCHCARD_<BACK END>_TOKEN; null when none is stored. */
  secret: () => Promise<string | null>;
  /**
   * The back end's second secret, where its descriptor names one (Tempo Timesheets' Jira API token), from its own
   * keychain item or PUNCHCARD_<SERVICE>_TOKEN; null when none is stored. Absent for every other back end.
   */
  secondSecret?: () => Promise<string | null>;
  /** PUNCHCARD_<BACK END>_TIMEOUT_MS, where set. */
  timeoutMs?: number;
  /** PUNCHCARD_<BACK END>_PER_SECOND, where set: the pace kept to instead of the back end's own limit (remote-client.ts, RemoteConnection). */
  perSecond?: number;
  /**
   * Passed before every request to the back end; it may wait or refuse in words, and hears of the
   * back end's 429s (json-http.ts, `gate`). The team server gives Calamari's people one, counting
   * the organisation's limit and sharing Calamari's refusals of it.
   */
  requestGate?: RequestGate;
  /**
   * The wall clock Punchcard's processes on this computer count and hold a back end's organisation
   * limit by, and wait on (Calamari's, without a requestGate): the system's unless a test gives its own.
   */
  wallClock?: WallClock;
  /**
   * The team server acts for this person with the organisation's credential (`secret` is the
   * organisation's; providers/acting-for.ts): every request about their time names them and every
   * answer is checked to be theirs. Left out, the secret is the person's own.
   */
  actingFor?: ActingFor;
  /**
   * The pace every tracker on the same key keeps together in this process (remote/key-pace.ts), given
   * where one key may serve several trackers (docs/several-trackers.md): a back end that counts requests
   * per key (Clockify) keeps it instead of a pace of its own. `perSecond` is the back end's limit.
   */
  keyPace?: (perSecond: number) => Pacer;
  /** Where what a start learns is remembered for the next (a connection's own folder, among several trackers). */
  userDataDir: string;
  /**
   * The data folder itself, where that is not `userDataDir` (a connection's own folder): what every tracker
   * and process on this computer counts together is kept there (the limits file, remote/limits-file.ts).
   */
  sharedDataDir?: string;
  /** Keeps what a start learns instead of the data folder's facts files (the team server's store). */
  factsShelf?: FactsShelf;
  /** Numbers the back end's string ids instead of the data folder's file (the team server's store). */
  idNumbers?: IdNumbering;
  /** The settings' week, where the back end keeps no plan or will not show it. */
  workWeek: () => WorkWeek;
  /** The settings' public holidays in [from, to] by date, likewise. */
  holidays: (from: string, to: string) => Promise<ReadonlyMap<string, string>>;
  /** The settings' zone ('' when they name none), where the back end says none for the person. */
  timezone: () => string;
  /**
   * Whether to learn whom the person leads where that costs requests of its own (Calamari reads its
   * whole employee list, Clockify asks the person's role): once the person switched `team_report` on
   * (server.ts). Left out, no.
   */
  teamToolsWanted?: () => boolean;
  /** Whether to learn what the person may administer where that costs requests of its own (Clockify's role): once an admin tool is on (engine.ts). Left out, no. */
  adminToolsWanted?: () => boolean;
  /** Whether to ask whether the back end has approvals where that costs requests of its own (Kimai's plugin): once an approvals tool is on (engine.ts). Left out, no. */
  approvalToolsWanted?: () => boolean;
  now: () => number;
  log: Log;
}

/** Where the back end is and what reaches it, for its api.ts: the same for every back end. */
export function remoteConnection(options: RemoteTrackerOptions<{ url: string }>): RemoteConnection {
  return {
    baseUrl: options.profile.url,
    secret: options.secret,
    log: options.log,
    ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
    ...(options.perSecond === undefined ? {} : { perSecond: options.perSecond }),
    ...(options.requestGate ? { gate: options.requestGate } : {}),
  };
}

/**
 * What starts learned about the account (its facts file, its key, the tools that follow), kept where
 * the tracker's options say: the team server's shelf, else the data folder. The same for every back end.
 */
export function learnedFacts<Facts extends object>(
  options: RemoteTrackerOptions<unknown>,
  about: Pick<LearnedFactsOptions<Facts>, 'file' | 'key' | 'capabilitiesOf'>,
): LearnedFacts<Facts> {
  return new LearnedFacts({ ...about, place: factsPlace(options), log: options.log });
}

/** Where what a back end learned is kept: the team server's shelf, else the data folder. */
export function factsPlace(options: Pick<RemoteTrackerOptions<unknown>, 'factsShelf' | 'userDataDir'>): FactsPlace {
  return options.factsShelf ?? options.userDataDir;
}

/** Every remote tracker tests its connection the same way for the command line and the app. */
export interface ConnectionTesting {
  testConnection(): Promise<ConnectionReport & { user?: ConnectedUser }>;
}

/**
 * Who the credentials belong to, as the back end says: the team server files a person under `id`
 * (the back end's own, stable across renames) and names them in its audit log.
 */
export interface ConnectedUser {
  id: string;
  name: string;
  timezone: string;
  email?: string;
}

/**
 * A remote back end's account: who the person is, their zone, and what the back end offers now; whose the secret is
 * where the login is the secret (`personId`: absent where the profile names the login).
 */
export interface RemoteAccountPart extends Required<Omit<AccountPart, 'personId'>>, Pick<AccountPart, 'personId'>, ConnectionTesting {
  /** Asks the back end what it offers now (TimeTracker's detectFeatures). */
  detectFeatures(): Promise<void>;
}

export interface TrackerParts {
  type: string;
  label: string;
  /** How an AI agent's own time is labelled: a tag, or a prefix of the description where the back end has no tags. */
  agentLabel: AgentLabelForm;
  /** What is known about the account; its capabilities are the tracker's. */
  facts: LearnedFacts<object>;
  /** Which missing capabilities the person's role is why, where the back end learns a role (TimeTracker's roleLacks). */
  roleLacks?: (capability: Capability) => RoleLack | undefined;
  account: RemoteAccountPart;
  timer: TimerPart;
  entries: EntriesPart;
  catalog: CatalogPart;
  leave: LeavePart;
  /** Where the back end keeps the person's targets and holidays, and a worked-time account. */
  plan?: PlanPart;
  breaks?: BreaksPart;
  /** What a person who leads a team may read and decide, where the back end says so (capabilities `team_*`). */
  teamHours?: TeamHoursPart;
  teamProjects?: TeamProjectsPart;
  teamLeave?: TeamLeavePart;
  /** What the person may administer, where the back end says so (capabilities `admin_*`). */
  adminTags?: AdminTagsPart;
  invoices?: InvoicesPart;
  corrections?: CorrectionsPart;
  adminRates?: AdminRatesPart;
  adminTeams?: AdminTeamsPart;
  catalogAdmin?: CatalogAdminPart;
  adminPeople?: AdminPeoplePart;
  /** Timesheet submission and approval, where the back end has a workflow for it (capability `approvals`). */
  approvals?: ApprovalsPart;
  /** The fields a company adds to time entries, where the back end keeps any (Clockify's custom fields, Kimai's meta fields). */
  entryFields?: EntryFieldsPart;
  /** Ends what the parts hold open (the HTTP client's sockets). */
  close(): void;
}

/** Every remote tracker has its account part: the zone, the background check and live capabilities. */
export type RemoteTracker = TimeTracker &
  ConnectionTesting & { readonly account: RemoteAccountPart } & Required<Pick<TimeTracker, 'onCapabilitiesChange' | 'detectFeatures'>>;

export function assembleTracker(parts: TrackerParts): RemoteTracker {
  const { facts, account, close, ...rest } = parts;
  return {
    ...rest,
    account,
    get capabilities() {
      return facts.capabilities.current;
    },
    onCapabilitiesChange: (listener: () => void) => facts.capabilities.subscribe(listener),
    detectFeatures: () => account.detectFeatures(),
    testConnection: () => account.testConnection(),
    close: () => {
      close();
      facts.close();
    },
  };
}
