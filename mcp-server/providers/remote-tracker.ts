// What every remote back end is made of and made from. Each is built from feature modules — the
// account, the timer and entries, the catalog, leave, the person's plan — each a small object over the
// back end's API module; assembleTracker puts them together as one TimeTracker. The groups name which
// part serves which methods, so a back end states its parts and nothing else, and a method a back end
// cannot offer (Kimai's breaks) is simply absent. Every back end is created from the same options
// (create-tracker.ts holds the table).
import type { WorkWeek } from '../contract/settings.ts';
import type { Log } from '../log.ts';
import type { FactsPlace, FactsShelf } from './remote/facts-file.ts';
import type { RequestGate } from './remote/json-http.ts';
import type { RemoteConnection } from './remote/remote-client.ts';
import type { ConnectionReport } from './remote/remote-error.ts';
import { LearnedFacts, type LearnedFactsOptions } from './remote/learned-facts.ts';
import type { IdNumbering } from './id-aliases.ts';
import type {
  BackEndPlan,
  BreaksPart,
  CatalogPart,
  EntriesPart,
  LeavePart,
  TeamHoursPart,
  TeamLeavePart,
  TeamProjectsPart,
  TimeTracker,
  TimerPart,
} from './time-tracker.ts';

/**
 * A feature module of a remote back end: it works over the back end's context (its API, options and
 * what is known about the account) and over the parts it builds on, named (leave and the account on
 * the person's plan, the timer on the catalog for names).
 */
export abstract class BackEndPart<Context, Parts extends object = object> {
  protected readonly context: Context;
  protected readonly parts: Parts;

  constructor(context: Context, parts: Parts) {
    this.context = context;
    this.parts = parts;
  }
}

export interface RemoteTrackerOptions<Profile> {
  profile: Profile;
  /** The secret (token, API key) from the keychain or its PUNCHCARD_<BACK END>_TOKEN; null when none is stored. */
  secret: () => Promise<string | null>;
  /** PUNCHCARD_<BACK END>_TIMEOUT_MS, where set. */
  timeoutMs?: number;
  /**
   * Passed before every request to the back end; it may wait or refuse in words, and hears of the
   * back end's 429s (json-http.ts, `gate`). The team server gives Calamari's people one, counting
   * the organisation's limit and sharing Calamari's refusals of it.
   */
  requestGate?: RequestGate;
  /** Where what a start learns is remembered for the next. */
  userDataDir: string;
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

/** Some of TimeTracker's methods, the optional ones made required. */
type Methods<Names extends keyof TimeTracker> = Required<Pick<TimeTracker, Names>>;
type AccountMethods = 'whoami' | 'timeZone' | 'detectFeatures';
/** What a back end's leave module may keep besides the person's requests. */
type LeaveAccountMethods = 'leaveBalance' | 'leaveDraw' | 'teamAbsences';

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

export interface TrackerParts {
  type: string;
  label: string;
  /** What is known about the account; its capabilities are the tracker's. */
  facts: LearnedFacts<object>;
  /** Activities exist only inside projects (Clockify's tasks); see TimeTracker. */
  activitiesBelongToProjects?: boolean;
  account: Methods<AccountMethods> & ConnectionTesting;
  timesheets: TimerPart & EntriesPart & Partial<BreaksPart>;
  catalog: Omit<CatalogPart, 'activitiesBelongToProjects'>;
  leave: LeavePart & Partial<Methods<LeaveAccountMethods>>;
  /** Where the back end keeps the person's targets and holidays, and a worked-time account. */
  plan?: Pick<BackEndPlan, 'workPlan' | 'timeAccount'>;
  /** What a person who leads a team may read and decide, where the back end says so (capabilities `team_*`). */
  team?: Partial<TeamHoursPart & TeamProjectsPart & TeamLeavePart>;
  /** Ends what the parts hold open (the HTTP client's sockets). */
  close(): void;
}

/** Every remote tracker has its account part: the zone, the background check and live capabilities. */
export type RemoteTracker = TimeTracker & ConnectionTesting & Methods<AccountMethods> & Required<Pick<TimeTracker, 'onCapabilitiesChange'>>;

export function assembleTracker(parts: TrackerParts): RemoteTracker {
  const { facts, account, timesheets, catalog, leave } = parts;
  const plan = parts.plan ?? {};
  const team = parts.team ?? {};
  // Each method is named here, so the compiler checks every part against TimeTracker and "go to
  // definition" leads from a tool to its back end. What a part may lack is left off the tracker.
  return {
    type: parts.type,
    label: parts.label,
    get capabilities() {
      return facts.capabilities.current;
    },
    ...(parts.activitiesBelongToProjects ? { activitiesBelongToProjects: true } : {}),
    onCapabilitiesChange: (listener: () => void) => facts.capabilities.subscribe(listener),
    testConnection: () => account.testConnection(),
    whoami: account.whoami.bind(account),
    timeZone: account.timeZone.bind(account),
    detectFeatures: account.detectFeatures.bind(account),

    runningEntry: timesheets.runningEntry.bind(timesheets),
    startTimer: timesheets.startTimer.bind(timesheets),
    stopTimer: timesheets.stopTimer.bind(timesheets),
    listEntries: timesheets.listEntries.bind(timesheets),
    getEntry: timesheets.getEntry.bind(timesheets),
    createEntry: timesheets.createEntry.bind(timesheets),
    updateEntry: timesheets.updateEntry.bind(timesheets),
    deleteEntry: timesheets.deleteEntry.bind(timesheets),
    workSpans: timesheets.workSpans.bind(timesheets),
    lastEntryEndingBetween: timesheets.lastEntryEndingBetween.bind(timesheets),
    ...(timesheets.breakTypes ? { breakTypes: timesheets.breakTypes.bind(timesheets) } : {}),
    ...(timesheets.startBreak ? { startBreak: timesheets.startBreak.bind(timesheets) } : {}),
    ...(timesheets.endBreak ? { endBreak: timesheets.endBreak.bind(timesheets) } : {}),

    catalog: catalog.catalog.bind(catalog),
    createCatalogItem: catalog.createCatalogItem.bind(catalog),
    setArchived: catalog.setArchived.bind(catalog),

    // Reports and the calendar ask for leave to count targets: where the back end offers no leave (a
    // module off, a plugin missing), there is none to count, and it is not asked.
    listLeave: async (query: { from: string; to: string }) => (facts.capabilities.current.has('leave') ? leave.listLeave(query) : []),
    createLeave: leave.createLeave.bind(leave),
    cancelLeave: leave.cancelLeave.bind(leave),
    ...(leave.leaveBalance ? { leaveBalance: leave.leaveBalance.bind(leave) } : {}),
    ...(leave.leaveDraw ? { leaveDraw: leave.leaveDraw.bind(leave) } : {}),
    ...(leave.teamAbsences ? { teamAbsences: leave.teamAbsences.bind(leave) } : {}),

    ...(plan.workPlan ? { workPlan: plan.workPlan.bind(plan) } : {}),
    ...(plan.timeAccount ? { timeAccount: plan.timeAccount.bind(plan) } : {}),

    ...(team.teamWork ? { teamWork: team.teamWork.bind(team) } : {}),
    ...(team.projectWork ? { projectWork: team.projectWork.bind(team) } : {}),
    ...(team.pendingLeave ? { pendingLeave: team.pendingLeave.bind(team) } : {}),
    ...(team.findPendingLeave ? { findPendingLeave: team.findPendingLeave.bind(team) } : {}),
    ...(team.decideLeave ? { decideLeave: team.decideLeave.bind(team) } : {}),

    close: () => {
      parts.close();
      facts.close();
    },
  };
}
