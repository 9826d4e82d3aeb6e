// The engine (docs/architecture.md, "The engine"): one person's settings and the organisation's
// policy, the back end they name, and every MCP server made over them. It owns the back end's life
// (opened, its optional features checked, rested, opened anew), and applies a change of the settings,
// the policy or the back end's features to every server it made, at once. The two hosts are thin
// wiring around it: the stdio host (desktop-engine.ts, one engine for the person at the computer)
// and the team server (team-server/team/person-engines.ts, one engine per person working now).
import { randomBytes } from 'node:crypto';
import { userInfo } from 'node:os';
import { createRequestStateCodec, type McpServer, type RequestStateCodec, type ServerContext } from '@modelcontextprotocol/server';
import type * as z from 'zod/v4';
import type { BackEndDescriptor } from '../contract/back-end-descriptor.ts';
import { backEndOf, isRemote } from '../contract/back-ends.ts';
import { type Connection, connectionsOf, sharesSettingsWeek, weekOfConnection } from '../contract/connections.ts';
import type { BackEndProfile, Settings, WorkWeek } from '../contract/settings.ts';
import { isToolEnabled, type ToolPolicyOptions } from '../contract/tool-policy.ts';
import type { Clock } from '../clock.ts';
import type { EvidenceReader } from '../evidence/evidence.ts';
import type { Log } from '../log.ts';
import { aiGate, isProviderAllowed, isRestrictive, organisationRules, type Policy, providerRefusal, settingsUnderPolicy } from '../policy/policy.ts';
import type { PolicySource } from '../policy/policy-source.ts';
import { isPromptOffered } from '../prompts/offer.ts';
import { createBlockedTracker } from '../providers/blocked-tracker.ts';
import { CAPABILITIES, type Capability, BackEndError, type TimeTracker } from '../providers/time-tracker.ts';
import type { SettingsSource } from '../settings/engine-settings.ts';
import type { SettingsRead } from '../settings/settings-file.ts';
import { settingsProblem } from '../settings/settings-source.ts';
import { PROMPT_LIST } from '../prompts/index.ts';
import type { RoundState } from '../tools/asking.ts';
import type { ToolContext } from '../tools/context.ts';
import { TOOL_LIST, TOOLS } from '../tools/index.ts';
import { isToolOffered, toolOptionsFor, whyNotOffered } from '../tools/offer.ts';
import type { Refusal } from '../contract/outcomes/refusals.ts';
import { type CallContexts, callContexts, holidayCalendar, type HolidaysOf } from './call-context.ts';
import { LiveServers } from './live-servers.ts';
import { ServerPool } from './server-pool.ts';
import { type BackEndSaid, createMcpServer, withheldRefusal } from './mcp-server.ts';
import type { ToolName } from '../contract/tool-catalog.ts';
import type { ConnectionView } from './connections/connection-view.ts';
import type { ConnectionIds } from './connections/connection-ids.ts';
import type { EndedCall, FinishedCall } from './run-tool.ts';

/** How long after a back end opens it is asked about its optional features (after the first tools/list had its chance). */
const DETECTION_DELAY_MS = 250;
/**
 * How often a running engine (the app's runs for days) asks again: each back end's check asks only
 * what is stale (a feature found off more than a day ago, Kimai's missing plugin), so an idle server
 * costs a back end at most a request an hour.
 */
const DETECTION_REPEAT_MS = 3_600_000;
/** How long a question may wait for its answer (a person reading it) before the state expires. */
const QUESTION_TTL_SECONDS = 900;

/** What the organisation lets AI clients have, as the settings screen and the outbox ask it. */
export type OrganisationRules = NonNullable<ToolPolicyOptions['organisation']>;

/** What every back end is opened with, from the engine's settings (providers/create-tracker.ts). */
export interface OpenTrackerOptions {
  personName: () => string;
  workWeek: () => WorkWeek;
  /** The settings' public holidays in [from, to] by date, where the back end keeps none of its own. */
  holidays: (from: string, to: string) => Promise<ReadonlyMap<string, string>>;
  /** The settings' zone ('' when they name none). */
  timezone: () => string;
  /** Whether to learn whom the person leads where that costs the back end requests of its own. */
  teamToolsWanted: () => boolean;
  /** Whether to learn what the person may administer where that costs the back end requests of its own. */
  adminToolsWanted: () => boolean;
  /** Whether to ask whether the back end has approvals where that costs it requests of its own. */
  approvalToolsWanted: () => boolean;
  /** The settings and the organisation's rules as they are now (a write kept offline is checked against them before it is sent). */
  settings: () => Settings;
  organisation: () => OrganisationRules;
  now: Clock;
  log: Log;
  /**
   * With several trackers (docs/several-trackers.md): the connection this back end is, and every connection, so the
   * host keeps its files and finds its secret apart from the others'. Absent with one connection.
   */
  connection?: { name: string; connections: readonly Connection[] };
}

/** Opens the back end `profile` names; the host adds what is its own (credentials, where facts are kept, the outbox). */
export type OpenTracker = (profile: BackEndProfile, basics: OpenTrackerOptions) => Promise<TimeTracker>;

export interface EngineOptions {
  settings: SettingsSource;
  /** The settings as the host just read them (the stdio opening did); otherwise read from the source. */
  firstRead?: SettingsRead;
  policy: PolicySource;
  /** The back end the settings name under the policy (the desktop: a fixed back end wins; the team server: the person's). */
  profile: (settings: Settings, policy: Policy) => BackEndProfile;
  openTracker: OpenTracker;
  /**
   * The key questions are signed with and what binds them besides the method: one process's random
   * key on a desktop; on the team server a key every instance derives, bound to the person asked.
   */
  questions?: { key: Uint8Array; bind?: (request: ServerContext) => string };
  now: Clock;
  log: Log;
  /** Public holidays by the settings' region (the team server shares one calendar among its engines). */
  holidaysOf?: HolidaysOf;
  /** How long one tool call may take. */
  callDeadlineMs: number;
  /** Offer every tool whatever the AI-facing switches say (the app's own engine). */
  allTools?: boolean;
  /** The caller proved this is the app's own engine: only then does `allTools` count once a policy exists. */
  appEngine?: boolean;
  /** List every tool, also those this back end cannot serve (the build's capture of the opening). */
  listEveryTool?: boolean;
  /**
   * When the back end's optional features are asked about after it opens, and how often again. With `beforeUseMs`
   * the first asking is waited for, up to that long, before the opened back end serves anything, so the first
   * tools/list already follows its answer (the team server's people under one organisation credential, whose team
   * tools follow whom they lead); what is learned later still switches tools live.
   */
  detection?: { delayMs?: number; repeatMs?: number; beforeUseMs?: number };
  /** Closed with the engine (what only it uses, such as the desktop's policy files). */
  closeWith?: () => void;
  /** How the person's calendars, commits and journals are read for suggest_entries; left out, none are (the tools say so). */
  evidence?: EvidenceReader;
  /** Say in the log what the policy leaves AI clients (a desktop does; the team server says it once for everyone). */
  explainsPolicy?: boolean;
  /**
   * Several trackers (docs/several-trackers.md): the connections the settings name under the policy, the default first.
   * Two or more: the engine serves each (one engine per connection, this one the default's) and routes every call.
   * Absent (the team server), or one: the one back end `profile` names, as ever. Read at start; a change takes
   * effect when the server restarts, as a change of the back end does.
   */
  connections?: (settings: Settings, policy: Policy) => readonly Connection[];
  /** Where the ids answers hand out are remembered with their connection (the data folder's trackers.db). */
  connectionIds?: ConnectionIds;
  /** What whoami's settings_notes say besides the file's own (the desktop: variables set but not used by several connections). */
  settingsNotes?: (settings: Settings) => string[];
}

/** What an engine of one of several connections is made with besides the default's options (Engine.open). */
interface ConnectionOptions {
  connection?: { name: string; connections: readonly Connection[] };
  /** The default's open servers, which every connection's change of tools refreshes. */
  live?: LiveServers;
}

/** What a server made by the engine has of its own. */
export interface ServerOptions {
  /** Every writing tool hidden, whatever the settings and policy allow (a token without punchcard.write). */
  readOnly?: boolean;
  /** Told of every finished call that may write; the answer waits for what it returns. */
  afterWrite?: (call: FinishedCall) => void | Promise<void>;
  /** Told of every call as it ended (the team server's metrics). */
  afterCall?: (call: EndedCall) => void;
}

export class Engine {
  readonly #options: EngineOptions & ConnectionOptions;
  readonly #log: Log;
  readonly #holidaysOf: HolidaysOf;
  readonly #live: LiveServers;
  readonly #pool: ServerPool;
  /** With several trackers: the engines of the connections besides the default (this one), in the settings' order. */
  #others: Engine[] = [];
  readonly #questions: RequestStateCodec<RoundState>;
  readonly #promptSchemas = new Map<string, z.ZodType>();
  readonly #contexts: CallContexts;
  #read: SettingsRead;
  /** The settings source's last read, to tell news from repeated events. */
  #lastSeen: SettingsRead;
  /** What whoami says about the settings: why they cannot be used, and which fell back. */
  #fileState: ToolContext['settingsFile'];
  #policy: Policy;
  #profile: BackEndProfile;
  #tracker: TimeTracker | undefined;
  #opening: Promise<TimeTracker> | undefined;
  /** What the back end offered when it was last open: tools/list while it rests. */
  #restingCapabilities: ReadonlySet<Capability> = new Set(['account']);
  /** The back end as a withheld tool's words name it while it rests (engine/mcp-server.ts, ServerParts `backEnd`). */
  #restingBackEnd: BackEndSaid | undefined;
  #stopFollowingTracker: () => void = () => {};
  #wantedTeam: boolean;
  #wantedAdmin: boolean;
  #wantedApprovals: boolean;
  #lastActive: number;
  /** With several trackers: this engine's connection and every connection (OpenTrackerOptions `connection`). */
  #connection: { name: string; connections: readonly Connection[] } | undefined;
  #closed = false;
  readonly #stops: Array<() => void> = [];

  /** An engine with its back end open (the hosts wait for it: the first tools/list is already right). */
  static async open(options: EngineOptions): Promise<Engine> {
    const engine = new Engine(options);
    const connections = engine.#connectionsAtStart();
    if (connections.length > 1) engine.#openOthers(connections);
    await engine.tracker();
    engine.#follow();
    return engine;
  }

  private constructor(options: EngineOptions & ConnectionOptions) {
    this.#options = options;
    this.#live = options.live ?? new LiveServers();
    this.#pool = new ServerPool(this.#live);
    this.#log = options.log;
    this.#holidaysOf = options.holidaysOf ?? holidayCalendar(options.log);
    this.#read = options.firstRead ?? options.settings.read();
    this.#lastSeen = this.#read;
    this.#fileState = this.#fileStateOf(this.#read);
    this.#policy = options.policy.current();
    this.#profile = options.profile(this.#read.settings, this.#policy);
    this.#wantedTeam = this.#teamToolsWanted();
    this.#wantedAdmin = this.#adminToolsWanted();
    this.#wantedApprovals = this.#approvalToolsWanted();
    this.#lastActive = options.now();
    this.#connection = options.connection;
    // A read handed in was reported by whoever read it.
    if (!options.firstRead) this.#report(this.#read);
    // Questions travel with a state only a holder of the key can sign (tools/asking.ts).
    this.#questions = createRequestStateCodec<RoundState>({
      key: options.questions?.key ?? randomBytes(32),
      ttlSeconds: QUESTION_TTL_SECONDS,
      bind: options.questions?.bind ?? ((request) => request.mcpReq.method),
    });
    this.#contexts = callContexts({
      tracker: () => this.#active(),
      settings: () => this.#settingsForCalls(),
      workWeek: (settings) => this.#workWeek(settings),
      holidaysOf: this.#holidaysOf,
      now: options.now,
      log: options.log,
      organisationPolicy: () => aiGate(this.#policy, this.#profile),
      settingsFile: () => this.#fileState,
      catalogListed: (settings) => isToolOffered(TOOLS.list_catalog, this.#capabilities(), settings, this.#toolOptions()),
      evidence: options.evidence ?? null,
    });
    this.#explainPolicy();
  }

  get settings(): Settings {
    return this.#read.settings;
  }

  #underPolicy: { settings: Settings; policy: Policy; result: Settings } | undefined;

  /**
   * The settings a call sees: the file's, with what the organisation's policy sets over them (its
   * working-time rules). The same object while neither changes: a call's context resolves the zone
   * once per settings object.
   */
  #settingsForCalls(): Settings {
    const settings = this.#read.settings;
    const memo = this.#underPolicy;
    if (memo?.settings === settings && memo.policy === this.#policy) return memo.result;
    const result = settingsUnderPolicy(this.#policy, settings);
    this.#underPolicy = { settings, policy: this.#policy, result };
    return result;
  }

  /** The back end in use, opened first where it rests (a stand-in that refuses everything while the settings cannot be used). */
  tracker(): Promise<TimeTracker> {
    if (this.#tracker) return Promise.resolve(this.#tracker);
    if (this.#closed) return Promise.reject(new BackEndError('engine_closing'));
    this.#opening ??= this.#openTracker().then(
      async (opened) => {
        const asked = await this.#detectedBeforeUse(opened);
        this.#adopt(opened, asked);
        this.#opening = undefined;
        return opened;
      },
      (error: unknown) => {
        // A back end that could not be opened is tried afresh by the next call.
        this.#opening = undefined;
        throw error;
      },
    );
    return this.#opening;
  }

  /** The engine's last tool call, prompt or completion (the team server closes what rests long). */
  get lastActive(): number {
    return this.#lastActive;
  }

  /** Servers made here that are still open (those kept to serve again are open to nobody). */
  get openServers(): number {
    return this.#live.size - this.#pool.idle;
  }

  /**
   * A server for one request of a caller of `kind` (server-pool.ts): one that served an earlier
   * request of the same kind where one waits, else a new one made with `options`, which must be the
   * same for every caller of that kind.
   */
  lendServer(kind: string, options: ServerOptions = {}): McpServer {
    return this.#pool.lend(kind, () => this.createServer(options));
  }

  /** Builds one MCP server; each follows every change of the settings, the policy and the back end until it or the engine closes. */
  createServer(options: ServerOptions = {}): McpServer {
    const settings = options.readOnly ? () => readOnly(this.#read.settings) : () => this.#read.settings;
    const several = this.#others.length > 0;
    return createMcpServer({
      // With several trackers a tool is listed where any connection offers it; each call then finds its own.
      capabilities: several ? () => this.#everyCapability() : () => this.#capabilities(),
      ...(several
        ? {
            connections: () => this.#views(),
            connectionIds: this.#options.connectionIds,
            timers: () => this.#read.settings.timers ?? 'one_overall',
            now: this.#options.now,
          }
        : {}),
      backEnd: () => this.#backEnd(),
      remote: () => isRemote(this.#profile),
      contexts: this.#contexts,
      settings,
      toolOptions: () => this.#toolOptions(),
      live: this.#live,
      log: this.#log,
      questions: this.#questions,
      ...(options.afterWrite ? { afterWrite: options.afterWrite } : {}),
      ...(options.afterCall ? { afterCall: options.afterCall } : {}),
      promptSchemas: this.#promptSchemas,
      callDeadlineMs: this.#options.callDeadlineMs,
      appTools: this.#options.appEngine === true && this.#options.allTools === true,
    });
  }

  /** The tools AI clients are offered now, in registry order (with several trackers, those any connection offers). */
  offeredToolNames(): string[] {
    return TOOL_LIST.filter((tool) => [this, ...this.#others].some((engine) => engine.#isOffered(tool))).map((tool) => tool.name);
  }

  /** The connections the settings name at start, under the policy; one where the host serves one back end. */
  #connectionsAtStart(): readonly Connection[] {
    if (!this.#options.connections || this.#read.problem !== null) return [];
    return this.#options.connections(this.#read.settings, this.#policy);
  }

  /**
   * Several trackers: this engine serves the default, and one engine each the others, made from the same options but
   * for their own profile, with their own back end, facts and outbox (the host's `connection`), and their words in
   * the log named with their connection. Their back ends open in the background: one that cannot open now is tried
   * again by its next call, and never keeps the others from serving.
   */
  #openOthers(connections: readonly Connection[]): void {
    const [first, ...rest] = connections;
    if (!first) return;
    this.#connection = { name: first.name, connections };
    for (const connection of rest) {
      const log: Log = (message) => this.#log(`${connection.name}: ${message}`);
      const profile = (settings: Settings, policy: Policy) =>
        this.#options.connections?.(settings, policy).find((each) => each.name === connection.name)?.profile ?? connection.profile;
      const other = new Engine({
        ...this.#options,
        firstRead: this.#read,
        profile,
        connections: undefined,
        log,
        explainsPolicy: false,
        closeWith: undefined,
        connection: { name: connection.name, connections },
        live: this.#live,
      });
      other.tracker().catch((error: unknown) => log(`could not be opened: ${(error as Error).message}`));
      other.#follow();
      this.#others.push(other);
    }
  }

  /**
   * The week this connection's targets come from where its back end keeps none, as the settings say it now: among
   * several trackers its own where its profile gives one, else the settings' (docs/several-trackers.md, "A week per
   * connection"). One connection, or one back end named for this engine, is held to the settings' week.
   */
  #workWeek(settings: Settings): WorkWeek {
    return this.#connection ? weekOfConnection(settings, this.#connection.name) : settings.workWeek;
  }

  /** Whether this connection shares the settings' week with the others, as the settings say it now. */
  #sharesSettingsWeek(name: string): boolean {
    const connection = connectionsOf(this.#read.settings).find((each) => each.name === name);
    return connection ? sharesSettingsWeek(connection) : false;
  }

  /** Every connection as the call path sees it, the default first; null with one. */
  #views(): readonly ConnectionView[] | null {
    if (this.#others.length === 0) return null;
    return [this.#view(true), ...this.#others.map((other) => other.#view(false))];
  }

  #view(isDefault: boolean): ConnectionView {
    const profile = this.#profile as { type: string; workspace?: string };
    const name = this.#connection?.name ?? profile.type;
    return {
      name,
      isDefault,
      type: profile.type,
      sharesSettingsWeek: () => this.#sharesSettingsWeek(name),
      ...(profile.workspace === undefined ? {} : { workspace: profile.workspace }),
      contexts: this.#contexts,
      offers: (name: ToolName) => this.#isOffered(TOOLS[name]),
      withheld: (name: ToolName) => this.#withheld(name),
      tracker: () => this.#active(),
    };
  }

  /** What any connection offers: the tools a server lists with several trackers. */
  #everyCapability(): ReadonlySet<Capability> {
    return new Set([this, ...this.#others].flatMap((engine) => [...engine.#capabilities()]));
  }

  /** Why this connection does not offer a tool, as its refusal says it; null where it does. */
  #withheld(name: ToolName): Refusal | null {
    const tool = TOOLS[name];
    const backEnd = this.#backEnd();
    const why = whyNotOffered(tool, this.#capabilities(), this.#read.settings, this.#toolOptions(), backEnd.actsThroughOrganisation);
    return why === null ? null : withheldRefusal(tool, why, backEnd);
  }

  /** The prompts AI clients are offered now (those with a tool offered), in registry order. */
  offeredPromptNames(): string[] {
    return PROMPT_LIST.filter((prompt) => isPromptOffered(prompt, (name) => this.#isOffered(TOOLS[name]))).map((prompt) => prompt.name);
  }

  /** Reads the settings again now (the watch calls this on its own). */
  reloadSettings(): void {
    const next = this.#options.settings.read();
    // Events come for writes that change nothing, and for the app's own saves: act on news only.
    if (next.text === this.#lastSeen.text && next.problem === this.#lastSeen.problem) return;
    this.#lastSeen = next;
    const where = this.#options.settings.where;
    if (next.problem !== null && this.#read.problem === null) {
      // A half-typed edit must neither switch on tools the person had switched off nor move their
      // work elsewhere: what worked stays in use, and whoami says why.
      const problem = `The settings file ${where} was changed and cannot be used: ${next.problem}. Punchcard keeps the settings it read before until it is fixed.`;
      this.#fileState = { problem, notes: [] };
      this.#log(problem);
      this.#read = { ...this.#read, text: next.text };
      return;
    }
    this.#report(next);
    const wasUnusable = this.#read.problem !== null;
    if (!wasUnusable && !sameProfile(this.#options.profile(next.settings, this.#policy), this.#profile)) {
      this.#log('The back end in the settings changed; it takes effect when the server restarts (the app restarts its own; AI clients on their next start).');
    }
    this.#read = next;
    this.#fileState = this.#fileStateOf(next);
    if (wasUnusable && next.problem === null) void this.#openNamedBackEnd();
    else this.#live.refreshAll();
    // The team tools just switched on: what the person leads is learned now, not at the next hourly check.
    const wanted = this.#teamToolsWanted();
    const wantedAdmin = this.#adminToolsWanted();
    const wantedApprovals = this.#approvalToolsWanted();
    if ((!this.#wantedTeam && wanted) || (!this.#wantedAdmin && wantedAdmin) || (!this.#wantedApprovals && wantedApprovals)) {
      void this.#tracker?.detectFeatures?.();
    }
    this.#wantedTeam = wanted;
    this.#wantedAdmin = wantedAdmin;
    this.#wantedApprovals = wantedApprovals;
  }

  /**
   * The settings' source says something the back end is opened with changed (the team server: the
   * person signed in again with other credentials): the back end is closed, and opened from what the
   * source says now at the next call. Open servers stay, and go on over the new one.
   */
  reopen(): void {
    this.#read = this.#options.settings.read();
    this.#lastSeen = this.#read;
    this.#fileState = this.#fileStateOf(this.#read);
    this.#profile = this.#options.profile(this.#read.settings, this.#policy);
    this.rest();
  }

  /** Closes the back end until the next call needs it (the team server's engines of people who stopped working). */
  rest(): void {
    for (const other of this.#others) other.rest();
    this.#pool.clear();
    const tracker = this.#tracker;
    if (!tracker) return;
    this.#restingCapabilities = tracker.capabilities;
    this.#restingBackEnd = this.#backEndSaid(tracker);
    this.#stopFollowingTracker();
    this.#tracker = undefined;
    tracker.close();
  }

  close(): void {
    this.#closed = true;
    for (const other of this.#others) other.close();
    for (const stop of this.#stops.splice(0)) stop();
    this.#pool.close();
    this.#live.clear();
    this.rest();
    this.#options.closeWith?.();
  }

  /** Starts following the settings and the policy. */
  #follow(): void {
    this.#stops.push(this.#options.settings.watch(() => this.reloadSettings(), this.#log));
    // The policy applies live: tools AI clients may no longer have leave tools/list at once.
    this.#stops.push(this.#options.policy.subscribe((previous) => this.#policyChanged(previous)));
    // A read handed in may be a moment old: catch what changed before the watch began.
    if (this.#options.firstRead) this.reloadSettings();
  }

  #policyChanged(previous: Policy): void {
    const next = this.#options.policy.current();
    const changesBackEnd =
      !sameProfile(this.#options.profile(this.#read.settings, next), this.#profile) ||
      isProviderAllowed(next, this.#profile) !== isProviderAllowed(previous, this.#profile);
    if (changesBackEnd) this.#log("The organisation's policy changed the back end; that takes effect when the server restarts.");
    this.#policy = next;
    this.#explainPolicy();
    this.#live.refreshAll();
  }

  /** The tracker a call works through: the one open, or opened now. */
  async #active(): Promise<TimeTracker> {
    this.#lastActive = this.#options.now();
    return this.tracker();
  }

  /**
   * Settings that cannot say where data goes, and a back end the policy does not allow, are never
   * acted on: a stand-in answers every call with the reason.
   */
  #openTracker(): Promise<TimeTracker> {
    const profile = this.#profile;
    const personName = () => this.#read.settings.user.name || systemUserName();
    if (this.#read.problem !== null) {
      const reason = settingsProblem(this.#options.settings.where, this.#read.problem);
      return Promise.resolve(createBlockedTracker({ type: profile.type, label: 'no back end (the settings file cannot be used)', reason }, personName));
    }
    if (!isProviderAllowed(this.#policy, profile)) {
      const label = `${backEndOf(profile.type).label} (not allowed by your organisation)`;
      return Promise.resolve(createBlockedTracker({ type: profile.type, label, reason: providerRefusal(profile) }, personName));
    }
    const settings = () => this.#read.settings;
    return this.#options.openTracker(profile, {
      personName,
      workWeek: () => this.#workWeek(settings()),
      holidays: (from, to) => this.#holidaysOf(settings(), from, to),
      timezone: () => settings().timezone,
      teamToolsWanted: () => this.#teamToolsWanted(),
      adminToolsWanted: () => this.#adminToolsWanted(),
      approvalToolsWanted: () => this.#approvalToolsWanted(),
      settings,
      organisation: () => organisationRules(this.#policy, this.#profile),
      now: this.#options.now,
      log: this.#log,
      ...(this.#connection ? { connection: this.#connection } : {}),
    });
  }

  /**
   * Where the host asks for it (`detection.beforeUseMs`), the opened back end's first check of its features, waited
   * for at most that long (a back end slow to answer then goes on in the background, and its answer switches the
   * tools live); true when it was asked.
   */
  async #detectedBeforeUse(tracker: TimeTracker): Promise<boolean> {
    const withinMs = this.#options.detection?.beforeUseMs;
    if (withinMs === undefined || !tracker.detectFeatures) return false;
    let timer: NodeJS.Timeout | undefined;
    const bound = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, withinMs);
      timer.unref();
    });
    // A check that fails logs its own reason (each back end's detectFeatures); the back end is used all the same.
    await Promise.race([tracker.detectFeatures().catch(() => {}), bound]);
    clearTimeout(timer);
    return true;
  }

  /**
   * The tracker just opened is the one in use: its features are followed, and the servers decide their tools by it.
   * `asked`: its first check was made before (#detectedBeforeUse), so the next is the hourly one.
   */
  #adopt(tracker: TimeTracker, asked: boolean): void {
    this.#tracker = tracker;
    const stopCapabilities = tracker.onCapabilitiesChange?.(() => this.#live.refreshAll());
    // A remote back end may have optional features (Kimai's absence plugin). What the last start
    // learned is already in `capabilities`; the check runs after the first tools/list had its chance
    // to go out, then every hour, and switches tools live when the answer changed.
    const { delayMs = DETECTION_DELAY_MS, repeatMs = DETECTION_REPEAT_MS } = this.#options.detection ?? {};
    let detection: NodeJS.Timeout | undefined;
    if (tracker.detectFeatures) {
      const detect = () => {
        void tracker.detectFeatures?.();
        detection = setTimeout(detect, repeatMs);
        detection.unref();
      };
      detection = setTimeout(detect, asked ? repeatMs : delayMs);
      detection.unref();
    }
    this.#stopFollowingTracker = () => {
      clearTimeout(detection);
      stopCapabilities?.();
    };
    this.#live.refreshAll();
  }

  /** Settings that could not be used at start became usable: open the back end they name. */
  async #openNamedBackEnd(): Promise<void> {
    this.#profile = this.#options.profile(this.#read.settings, this.#policy);
    let next: TimeTracker;
    try {
      next = await this.#openTracker();
    } catch (error) {
      const problem = `Punchcard could not open the back end its settings name: ${(error as Error).message}`;
      this.#fileState = { problem, notes: this.#fileState.notes };
      this.#log(problem);
      return;
    }
    const asked = await this.#detectedBeforeUse(next);
    this.rest();
    this.#adopt(next, asked);
    this.#explainPolicy();
    this.#log(`The settings file can be used again; serving ${next.label}.`);
  }

  #capabilities(): ReadonlySet<Capability> {
    if (this.#options.listEveryTool) return EVERY_CAPABILITY;
    return this.#tracker?.capabilities ?? this.#restingCapabilities;
  }

  /** The back end in use (or resting) as a withheld tool's words name it. */
  #backEnd(): BackEndSaid {
    if (this.#tracker) return this.#backEndSaid(this.#tracker);
    const descriptor = backEndOf(this.#profile.type);
    return this.#restingBackEnd ?? { label: descriptor.label, actsThroughOrganisation: false, ...withheldOf(descriptor) };
  }

  /**
   * Acting for the person with the organisation's credential, the back end by its name alone ("Kimai"): the words
   * say "your company's Kimai account". Otherwise as the tracker names itself. A stand-in that must not be used
   * brings its reason, which every call of it answers (blocked-tracker.ts).
   */
  #backEndSaid(tracker: TimeTracker): BackEndSaid {
    const said = tracker.actingFor
      ? { label: backEndOf(tracker.type).label, actsThroughOrganisation: true }
      : {
          label: tracker.label,
          actsThroughOrganisation: false,
          ...withheldOf(backEndOf(tracker.type)),
          // Read at the call, from the role the back end last named (it may change while the server runs).
          ...(tracker.roleLacks ? { roleLacks: (capability: Capability) => tracker.roleLacks?.(capability) } : {}),
        };
    return tracker.blocked ? { ...said, blocked: tracker.blocked } : said;
  }

  #toolOptions(): ToolPolicyOptions {
    const options = toolOptionsFor({ allTools: this.#options.allTools === true, appEngine: this.#options.appEngine === true }, this.#policy, this.#profile);
    const hosted = this.#options.evidence?.hosted;
    return hosted && hosted.length > 0 ? { ...options, hostedEvidence: hosted } : options;
  }

  #isOffered(tool: (typeof TOOL_LIST)[number]): boolean {
    return isToolOffered(tool, this.#capabilities(), this.#read.settings, this.#toolOptions());
  }

  /**
   * Whether to learn whom the person leads where that costs the back end requests of its own
   * (Calamari's employee list, Clockify's role): only once the person switched the team tools on, in
   * every engine, the app's too. Calamari's limit is the whole organisation's: every app reading the
   * employee list at nine would use it up. Any tool of the team group counts: a company that switches on only the
   * leave decisions (list_pending_leave, decide_leave_request) must not leave its leads with tools never offered.
   */
  #teamToolsWanted(): boolean {
    return TOOL_LIST.some((tool) => tool.group === 'team' && isToolEnabled(tool, this.#read.settings, { allTools: false }));
  }

  /**
   * Whether to learn what the person may administer where that costs requests of its own (Clockify
   * asks the person's role): once they switched on a tool of the admin group or archive_catalog_item
   * (create_catalog_item, on by default, alone asks nothing: a question an hour nobody else should pay).
   */
  #adminToolsWanted(): boolean {
    return TOOL_LIST.some(
      (tool) => (tool.group === 'admin' || tool.name === 'archive_catalog_item') && isToolEnabled(tool, this.#read.settings, { allTools: false }),
    );
  }

  /**
   * Whether to ask whether the back end has approvals where that costs requests of its own (Kimai's
   * ApprovalBundle plugin, asked hourly until found): once the person switched on a tool of the approvals
   * group, which is off by default, so nobody else pays a request an hour for it.
   */
  #approvalToolsWanted(): boolean {
    return TOOL_LIST.some((tool) => tool.group === 'approvals' && isToolEnabled(tool, this.#read.settings, { allTools: false }));
  }

  #explainPolicy(): void {
    if (this.#options.explainsPolicy === false) return;
    const gate = aiGate(this.#policy, this.#profile);
    if (gate) this.#log(gate);
    if (this.#options.allTools && !this.#options.appEngine && isRestrictive(this.#policy)) {
      this.#log("--all-tools is ignored: the organisation's policy applies to every AI client, and only the Punchcard app's own engine may see every tool.");
    }
  }

  #fileStateOf(read: SettingsRead): ToolContext['settingsFile'] {
    const more = read.problem === null ? (this.#options.settingsNotes?.(read.settings) ?? []) : [];
    return { problem: read.problem === null ? null : settingsProblem(this.#options.settings.where, read.problem), notes: [...read.notes, ...more] };
  }

  /** Says in the log why the settings cannot be used, or which of them fell back. */
  #report(read: SettingsRead): void {
    const where = this.#options.settings.where;
    if (read.problem !== null) this.#log(settingsProblem(where, read.problem));
    for (const note of read.notes) this.#log(`${where}: ${note}`);
  }
}

const EVERY_CAPABILITY: ReadonlySet<Capability> = new Set(CAPABILITIES);

function readOnly(settings: Settings): Settings {
  return { ...settings, tools: { ...settings.tools, readOnly: true } };
}

function sameProfile(a: BackEndProfile, b: BackEndProfile): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The account's name, where the settings name nobody. */
function systemUserName(): string {
  try {
    return userInfo().username;
  } catch {
    return 'me';
  }
}

/** A back end's own reasons for the tools it never offers, where its descriptor gives them (a withheld tool's words). */
function withheldOf(descriptor: BackEndDescriptor): Pick<BackEndSaid, 'withheld'> {
  return descriptor.withheld === undefined ? {} : { withheld: descriptor.withheld };
}
