// The engine: settings, the active back end and the tool registry, and the factory that builds an
// MCP server over them. Transport-free (docs/decisions.md, "House style: tools as defineTool
// objects"): index.ts serves it on stdio, tests may serve it on anything.
import { randomBytes } from 'node:crypto';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import {
  CLIENT_CAPABILITIES_META_KEY,
  completable,
  createRequestStateCodec,
  inputRequired,
  McpServer,
  ProtocolError,
  ProtocolErrorCode,
  type RegisteredPrompt,
  type RegisteredTool,
  type RequestStateCodec,
  type ServerContext,
} from '@modelcontextprotocol/server';
import * as z from 'zod/v4';
import type { ProviderProfile, Settings } from './contract/settings.ts';
import type { Clock } from './clock.ts';
import { publicHolidays } from './domain/holidays.ts';
import { CALL_DEADLINE_MS, MAX_REQUESTS_PER_CALL } from './domain/call-limits.ts';
import { isValidTimeZone, localDate, systemTimeZone } from './domain/time.ts';
import { weekPlanDays } from './domain/work-plan.ts';
import type { Log } from './log.ts';
import { createTracker } from './providers/create-tracker.ts';
import { keptWriteRefusal } from './providers/outbox/may-send.ts';
import { keepingWritesOffline, outboxAccount, toldInAnswer, trackerForCall } from './providers/outbox/outbox-tracker.ts';
import { makePrivateFolder } from './private-files.ts';
import { withRequestBudget } from './providers/http/request-budget.ts';
import { CAPABILITIES, type Capability, ProviderError, type TimeTracker } from './providers/time-tracker.ts';
import { SERVER_NAME, SERVER_VERSION } from './server-info.ts';
import { readSettingsFile, type SettingsRead } from './settings/settings-file.ts';
import { reportSettings, SETTINGS_FILE_NAME, settingsProblem, watchSettingsFile } from './settings/settings-source.ts';
import { complete, type CompletionContext } from './prompts/completions.ts';
import { type CompletionSource, type PromptContext, type PromptDefinition, PromptArgumentError } from './prompts/define-prompt.ts';
import { PROMPT_LIST } from './prompts/index.ts';
import { isPromptOffered } from './prompts/offer.ts';
import type { ToolName } from './contract/tool-catalog.ts';
import type { AppToolName } from './contract/tools/tool-contract.ts';
import { type Asker, canAsk, createAsker, InputNeeded, NO_ASKING, type RoundState } from './tools/asking.ts';
import { runInCallScope, stoppedCallText } from './tools/call-scope.ts';
import type { ToolContext } from './tools/context.ts';
import { withCompactJsonSchema } from './tools/compact-schema.ts';
import { ToolInputError } from './tools/define-tool.ts';
import { TOOL_LIST, TOOLS } from './tools/index.ts';
import { APP_TOOL_LIST } from './app-tools/kept-writes.ts';
import { isToolOffered } from './tools/offer.ts';
import { isToolEnabled, type ToolPolicyOptions } from './contract/tool-policy.ts';
import { createBlockedTracker } from './providers/blocked-tracker.ts';
import { aiGate, describePolicy, effectiveProfile, isProviderAllowed, isRestrictive, loadPolicy, organisationRules, policyPaths, providerRefusal } from './policy/policy.ts';
import { watchPolicyFiles } from './policy/watch-policy.ts';
import { LiveServers } from './live-servers.ts';
import { pageOf } from './apps/pages.ts';
import { serveApps } from './apps/serve-apps.ts';

/** How long after start a remote back end is asked about its optional features. */
const DETECTION_DELAY_MS = 250;
/**
 * How often a running engine (the app's runs for days) asks again: each back end's check asks only
 * what is stale (a feature found off more than a day ago, Kimai's missing plugin), so an idle server
 * costs a back end at most a request an hour.
 */
const DETECTION_REPEAT_MS = 3_600_000;
/** How long a question may wait for its answer (a person reading it) before the state expires. */
const QUESTION_TTL_SECONDS = 900;
/** How long completions reuse the projects, activities and leave they were given (one per keystroke otherwise). */
const COMPLETION_DATA_MS = 30_000;

// The conventions every tool shares, said once here rather than in each tool's schema: clients
// send the tool list to the model on every turn, and these words would repeat in it a dozen times.
const INSTRUCTIONS =
  'Punchcard tracks working time and leave. Arguments: times as ISO 8601 or local wall time (09:00, yesterday 17:30); ' +
  'days as YYYY-MM-DD, today or yesterday; durations as 1h30m, 45m or 1.5h; from/to include both days. ' +
  'Projects and activities by name (any case) or id (list_catalog). Results: times in ISO 8601 with a UTC offset, days in the user\'s timezone.';

export interface EngineOptions {
  userDataDir: string;
  /** Expose every tool regardless of the AI-facing switches (the app's own engine). */
  allTools: boolean;
  /**
   * The caller proved this is the app's own engine (policy/app-engine-proof.ts): only then does
   * `allTools` count once an organisation's policy exists.
   */
  appEngine?: boolean;
  now: Clock;
  log: Log;
  /** The back end from the command line (`--provider kimai --url …`); wins over the settings. */
  provider?: ProviderProfile;
  /**
   * The back end the variables name (a Claude Desktop extension's form): the only one the form's
   * secret is sent to (credentials/form-secret.ts).
   */
  formBackEnd?: ProviderProfile;
  env?: NodeJS.ProcessEnv;
  /** config.json as the caller just read it (the opening did); the engine reads it again otherwise. */
  settings?: SettingsRead;
  /** The organisation's policy files (default: the system file, see mcp-server/policy). */
  policyFiles?: readonly string[];
  /**
   * The build's capture of the opening (stdio/opening-manifest.ts): every tool is listed, also those
   * this back end cannot serve (breaks on the local timesheet), so the manifest holds them all.
   */
  listEveryTool?: boolean;
  /** How often the back end's optional features are asked about again (default hourly; tests shorten it). */
  detectionRepeatMs?: number;
}

export interface Engine {
  readonly settings: Settings;
  /** The back end in use: a stand-in that refuses everything while the settings cannot be used. */
  readonly tracker: TimeTracker;
  /** Builds one MCP server instance; each follows settings changes until the engine closes. */
  createServer(): McpServer;
  /** Re-reads config.json now (the watcher calls this on its own). */
  reloadSettings(): void;
  /** The tools AI clients are offered now, in registry order. */
  offeredToolNames(): string[];
  /** The prompts AI clients are offered now (those with a tool offered), in registry order. */
  offeredPromptNames(): string[];
  close(): void;
}

export async function createEngine(options: EngineOptions): Promise<Engine> {
  const { log } = options;
  const holidaysOf = holidayCalendar(log);
  const settingsPath = join(options.userDataDir, SETTINGS_FILE_NAME);
  // The folder is where the watcher listens; the app would create it anyway. The person's alone.
  makePrivateFolder(options.userDataDir, log);
  let current = options.settings ?? readSettingsFile(settingsPath);
  // A read handed in was reported by whoever read it.
  if (!options.settings) reportSettings(settingsPath, current, log);
  /** What whoami says about the file: why it cannot be used, and which settings fell back. */
  let fileState = fileStateOf(settingsPath, current);
  const env = options.env ?? process.env;
  const callDeadlineMs = callDeadlineOf(env);
  const policyFiles = options.policyFiles ?? policyPaths(env);
  let policy = await loadPolicy(policyFiles);
  // The organisation's fixed back end wins over the settings and over --provider in an entry.
  const profileOf = (settings: Settings) => effectiveProfile(policy, options.provider ?? settings.provider);
  let profile = profileOf(current.settings);
  // Only the app's own engine may see every tool once a policy exists: --all-tools in an AI
  // client's entry does not get past it.
  const appEngine = options.appEngine === true;
  const toolOptions = (): ToolPolicyOptions => {
    const allTools = options.allTools && (appEngine || !isRestrictive(policy));
    return { allTools, organisation: organisationRules(policy, profile) };
  };
  const explainPolicy = () => {
    const gate = aiGate(policy, profile);
    if (gate) log(gate);
    if (options.allTools && !appEngine && isRestrictive(policy)) {
      log("--all-tools is ignored: the organisation's policy applies to every AI client, and only the Punchcard app's own engine may see every tool.");
    }
  };
  explainPolicy();
  const personName = () => current.settings.user.name || safeUserName();
  // Whether to learn whom the person leads where that costs the back end requests of its own
  // (Calamari's employee list, Clockify's role): only once the person switched the team tools on, in
  // every engine, the app's too. Calamari's limit is the whole organisation's: every app reading the
  // employee list at nine would use it up.
  const teamToolsWanted = () => isToolEnabled('team_report', current.settings, { allTools: false });
  // Settings that cannot say where data goes, and a back end the policy does not allow, are never
  // acted on: a stand-in answers every call with the reason.
  const openTracker = (): Promise<TimeTracker> => {
    if (current.problem !== null) {
      const reason = settingsProblem(settingsPath, current.problem);
      return Promise.resolve(createBlockedTracker({ type: profile.type, label: 'no back end (the settings file cannot be used)', reason }, personName));
    }
    if (!isProviderAllowed(policy, profile)) {
      const label = `${profile.type === 'local' ? 'Local timesheet' : profile.type} (not allowed by your organisation)`;
      return Promise.resolve(createBlockedTracker({ type: profile.type, label, reason: providerRefusal(profile) }, personName));
    }
    return createTracker({
      profile,
      userDataDir: options.userDataDir,
      personName,
      workWeek: () => current.settings.workWeek,
      teamToolsWanted,
      holidays: (from, to) => holidaysOf(current.settings, from, to),
      timezone: () => current.settings.timezone,
      now: options.now,
      log,
      ...(options.env ? { env: options.env } : {}),
      formSecret: { backEnd: options.formBackEnd, policyFixes: policy.fixedProvider !== null },
    }).then((opened) => (profile.type === 'local' ? opened : withOutbox(opened, profile)));
  };
  // A remote back end out of reach keeps clock-ins, clock-outs and logged entries until it answers
  // (providers/outbox/); each is checked again against the switches and the policy before it is sent.
  const withOutbox = (opened: TimeTracker, remote: Exclude<ProviderProfile, { type: 'local' }>) =>
    keepingWritesOffline(opened, {
      userDataDir: options.userDataDir,
      account: outboxAccount(remote),
      now: options.now,
      log,
      timezone: () => current.settings.timezone,
      // Only the engine that proved it is the app's marks its writes as the app's: an AI client's
      // entry with --all-tools sees every tool only while no policy says otherwise, and its writes
      // must meet the policy and switches as they are when they are sent (outbox/may-send.ts).
      origin: appEngine ? 'app' : 'ai',
      mayStillWrite: (tool, origin) => keptWriteRefusal(tool, origin, current.settings, organisationRules(policy, profile)),
    });
  const everything: ReadonlySet<Capability> = new Set(CAPABILITIES);
  const capabilities = () => (options.listEveryTool ? everything : tracker.capabilities);
  const live = new LiveServers();
  const applyEverywhere = () => live.refreshAll();
  let tracker = await openTracker();
  let stopFollowingCapabilities: (() => void) | undefined;
  let detection: NodeJS.Timeout | undefined;
  const follow = (followed: TimeTracker) => {
    stopFollowingCapabilities = followed.onCapabilitiesChange?.(applyEverywhere);
    // A remote back end may have optional features (Kimai's absence plugin). What the last start
    // learned is already in `capabilities`; the check runs after the first tools/list had its chance
    // to go out, then every hour, and switches tools live when the answer changed.
    detection = followed.detectFeatures
      ? setTimeout(function detect() {
          void followed.detectFeatures?.();
          detection = setTimeout(detect, options.detectionRepeatMs ?? DETECTION_REPEAT_MS);
          detection.unref();
        }, DETECTION_DELAY_MS)
      : undefined;
    detection?.unref();
  };
  follow(tracker);
  /** Settings that could not be used at start became usable: open the back end they name. */
  const openNamedBackEnd = async () => {
    profile = profileOf(current.settings);
    let next: TimeTracker;
    try {
      next = await openTracker();
    } catch (error) {
      const problem = `Punchcard could not open the back end its settings name: ${(error as Error).message}`;
      fileState = { problem, notes: fileState.notes };
      log(problem);
      return;
    }
    stopFollowingCapabilities?.();
    clearTimeout(detection);
    const previous = tracker;
    tracker = next;
    previous.close();
    follow(next);
    explainPolicy();
    log(`The settings file can be used again; serving ${next.label}.`);
    applyEverywhere();
  };

  const { context, promptClock, completionData } = callParts({
    trackerNow: () => tracker,
    settings: () => current.settings,
    holidaysOf,
    now: options.now,
    log,
    organisationPolicy: () => aiGate(policy, profile),
    settingsFile: () => fileState,
    catalogListed: (settings) => isToolOffered(TOOLS.list_catalog, capabilities(), settings, toolOptions()),
    prepareCall: trackerForCall,
  });
  // Questions travel with a state only this process can sign (asking.ts): one stdio process serves
  // every round of a call, so the key never leaves it.
  const questions = createRequestStateCodec<RoundState>({
    key: randomBytes(32),
    ttlSeconds: QUESTION_TTL_SECONDS,
    bind: (request) => request.mcpReq.method,
  });

  let lastSeen: SettingsRead = current;
  let wantedTeam = teamToolsWanted();
  const reloadSettings = () => {
    const next = readSettingsFile(settingsPath);
    // Events come for writes that change nothing, and for the app's own saves: act on news only.
    if (next.text === lastSeen.text && next.problem === lastSeen.problem) return;
    lastSeen = next;
    if (next.problem !== null && current.problem === null) {
      // A half-typed edit must neither switch on tools the person had switched off nor move their
      // work elsewhere: what worked stays in use, and whoami says why.
      const problem = `The settings file ${settingsPath} was changed and cannot be used: ${next.problem}. Punchcard keeps the settings it read before until it is fixed.`;
      fileState = { problem, notes: [] };
      log(problem);
      current = { ...current, text: next.text };
      return;
    }
    reportSettings(settingsPath, next, log);
    const wasUnusable = current.problem !== null;
    if (!wasUnusable && !options.provider && JSON.stringify(profileOf(next.settings)) !== JSON.stringify(profile)) {
      log('The back end in the settings changed; it takes effect when the server restarts (the app restarts its own; AI clients on their next start).');
    }
    current = next;
    fileState = fileStateOf(settingsPath, next);
    if (wasUnusable && next.problem === null) void openNamedBackEnd();
    else applyEverywhere();
    // The team tools just switched on: what the person leads is learned now, not at the next hourly check.
    if (!wantedTeam && teamToolsWanted()) void tracker.detectFeatures?.();
    wantedTeam = teamToolsWanted();
  };
  const stopWatching = watchSettingsFile(settingsPath, reloadSettings, log);
  // The policy applies live: tools AI clients may no longer have leave tools/list at once.
  const stopWatchingPolicy = watchPolicyFiles(policyFiles, async () => {
    const next = await loadPolicy(policyFiles);
    if (JSON.stringify(describePolicy(next)) === JSON.stringify(describePolicy(policy))) return;
    if (JSON.stringify(next.fixedProvider) !== JSON.stringify(policy.fixedProvider) || isProviderAllowed(next, profile) !== isProviderAllowed(policy, profile)) {
      log("The organisation's policy changed the back end; that takes effect when the server restarts.");
    }
    policy = next;
    explainPolicy();
    applyEverywhere();
  }, log);
  // A read handed in may be a moment old: catch what changed before the watch began.
  if (options.settings) reloadSettings();

  return {
    get settings() {
      return current.settings;
    },
    get tracker() {
      return tracker;
    },
    reloadSettings,
    offeredToolNames: () => TOOL_LIST.filter((tool) => isToolOffered(tool, capabilities(), current.settings, toolOptions())).map((tool) => tool.name),
    offeredPromptNames: () =>
      PROMPT_LIST.filter((prompt) => isPromptOffered(prompt, (name) => isToolOffered(TOOLS[name], capabilities(), current.settings, toolOptions()))).map((prompt) => prompt.name),
    createServer() {
      return createMcpServer({
        trackerNow: () => tracker,
        capabilities,
        context,
        settings: () => current.settings,
        live,
        toolOptions,
        log,
        promptClock,
        completionData,
        questions,
        callDeadlineMs,
        appTools: appEngine && options.allTools,
      });
    },
    close() {
      clearTimeout(detection);
      stopFollowingCapabilities?.();
      stopWatching();
      stopWatchingPolicy();
      live.clear();
      tracker.close();
    },
  };
}

/** What each call of one person's engine is given, and the prompts' clock and completion data. */
export interface CallPartsOptions {
  trackerNow: () => TimeTracker;
  settings: () => Settings;
  holidaysOf: HolidaysOf;
  now: Clock;
  log: Log;
  /** Why the organisation's policy leaves AI clients only whoami, or null. */
  organisationPolicy: () => string | null;
  settingsFile: () => ToolContext['settingsFile'];
  /** Whether list_catalog is offered to this client with these settings (refusals then may name the catalog). */
  catalogListed: (settings: Settings) => boolean;
  /** The tracker a call works through, given the call's notes (the outbox sends what waits first, and says so). */
  prepareCall?: (tracker: TimeTracker, notes: string[]) => Promise<TimeTracker>;
}

export type HolidaysOf = (settings: Settings, from: string, to: string) => Promise<Map<string, string>>;

/**
 * The tool context of a call, the prompts' clock and the completions' data, over one person's back
 * end: the desktop engine has one person, the team server one of these per person signed in.
 */
export function callParts(options: CallPartsOptions): Pick<ServerParts, 'context' | 'promptClock' | 'completionData'> {
  const { holidaysOf, log } = options;
  // Resolved once per settings version (asking Intl for the zone on every call was a sixth of a
  // clock_in's CPU time), and lazily: Intl's first use loads zone data tools/list never needs.
  let zone: { for: Settings; timezone: string } | undefined;
  // The back end's zone is checked once per name it reports, for the same reason.
  let remoteZone: { name: string; valid: boolean } | undefined;
  const build = async (forCall: boolean): Promise<ToolContext> => {
    const settings = options.settings();
    const notes: string[] = [];
    const active = forCall && options.prepareCall ? await options.prepareCall(options.trackerNow(), notes) : options.trackerNow();
    if (zone?.for !== settings) zone = { for: settings, timezone: resolveTimeZone(settings.timezone, log) };
    // With no zone in the settings, a back end's own zone for the person wins over the system's (it
    // is cached by the tracker, and follows a change in the Kimai profile). When asking fails (Kimai
    // down, a revoked token), the call fails here with that reason: every tool of such a back end
    // needs it, and the tool would only send the same failing requests again and wait for them again.
    const remote = settings.timezone === '' && active.timeZone ? await active.timeZone() : null;
    if (remote !== null && remoteZone?.name !== remote) remoteZone = { name: remote, valid: isValidTimeZone(remote) };
    return {
      tracker: active,
      settings,
      timezone: remote !== null && remoteZone?.valid ? remote : zone.timezone,
      now: options.now,
      log,
      // The back end's plan where it keeps one; the settings' work week and holiday region otherwise.
      workDays: active.workPlan
        ? active.workPlan.bind(active)
        : async (from, to) => weekPlanDays(from, to, settings.workWeek, await holidaysOf(settings, from, to)),
      planSource: active.workPlan ? 'back_end' : 'settings',
      notes,
      organisationPolicy: options.organisationPolicy(),
      settingsFile: options.settingsFile(),
      ask: NO_ASKING,
      catalogListed: options.catalogListed(settings),
    };
  };
  const context = () => build(true);
  // A prompt needs the person's day and zone; when asking the back end for its zone fails, the
  // settings' zone does (a prompt only names days, and the tools it leads to say what is wrong).
  const promptClock = async (): Promise<{ timezone: string; now: number }> => {
    try {
      const known = await withRequestBudget(MAX_REQUESTS_PER_CALL, () => build(false));
      return { timezone: known.timezone, now: options.now() };
    } catch {
      return { timezone: resolveTimeZone(options.settings().timezone, () => {}), now: options.now() };
    }
  };
  const completionData: Pick<CompletionContext, 'catalog' | 'leave'> = {
    catalog: remembered(options.now, options.trackerNow, (active) => withRequestBudget(MAX_REQUESTS_PER_CALL, () => active.catalog(false, ['project', 'activity']))),
    leave: remembered(options.now, options.trackerNow, async (active) => {
      const year = Number(localDate(options.now(), (await promptClock()).timezone).slice(0, 4));
      return withRequestBudget(MAX_REQUESTS_PER_CALL, () => active.listLeave({ from: `${year - 1}-01-01`, to: `${year}-12-31` }));
    }),
  };
  return { context, promptClock, completionData };
}

/** The call deadline, shortened by tests in the style of the request deadlines (PUNCHCARD_<BACK END>_TIMEOUT_MS). */
export function callDeadlineOf(env: NodeJS.ProcessEnv): number {
  const override = Number(env.PUNCHCARD_CALL_TIMEOUT_MS);
  return Number.isFinite(override) && override > 0 ? override : CALL_DEADLINE_MS;
}

function fileStateOf(path: string, read: SettingsRead): ToolContext['settingsFile'] {
  return { problem: read.problem === null ? null : settingsProblem(path, read.problem), notes: read.notes };
}

/** What one MCP server instance is built from (createMcpServer). */
export interface ServerParts {
  trackerNow: () => TimeTracker;
  capabilities: () => ReadonlySet<Capability>;
  context: () => Promise<ToolContext>;
  settings: () => Settings;
  toolOptions: () => ToolPolicyOptions;
  /** The engine's open servers: this one follows every change announced there (settings, policy, features). */
  live: LiveServers;
  log: Log;
  /** The person's zone and the time, for a prompt's days. */
  promptClock: () => Promise<{ timezone: string; now: number }>;
  completionData: Pick<CompletionContext, 'catalog' | 'leave'>;
  /** Signs and checks the state a question travels with (tools/asking.ts). */
  questions: RequestStateCodec<RoundState>;
  /** Told of every finished call that may write (the team server's audit log). */
  afterWrite?: (call: FinishedCall) => void;
  /**
   * The prompts' argument schemas, kept across the servers built for one person (the team server
   * builds one per request): they complete from that person's data, through the first server's
   * completer, and building them was a tenth of a request's time.
   */
  promptSchemas?: Map<string, z.ZodType>;
  /** How long one tool call may take (tools/call-scope.ts). */
  callDeadlineMs: number;
  /** The engine proved it is the app's own: it also lists the tools only the window uses (app-tools/). */
  appTools?: boolean;
}

/** A call of a tool that is not read-only, as it ended. */
export interface FinishedCall {
  tool: ToolName | AppToolName;
  args: unknown;
  outcome: 'done' | 'refused' | 'failed';
  /** The structured result of a call that was done. */
  data?: Record<string, unknown>;
}

type AnyTool = (typeof TOOL_LIST)[number];
/** A registry tool or one only the app's engine lists (app-tools/). */
type CallableTool = AnyTool | (typeof APP_TOOL_LIST)[number];

/** One MCP server instance over the parts, deciding its tools again at each change announced in `parts.live`. */
export function createMcpServer(parts: ServerParts): McpServer {
  const { trackerNow, capabilities, context, toolOptions, log, questions } = parts;
  const server = new McpServer(
    { name: SERVER_NAME, title: 'Punchcard', version: SERVER_VERSION },
    {
      capabilities: { tools: { listChanged: true }, prompts: { listChanged: true }, completions: {} },
      instructions: INSTRUCTIONS,
      // One settings save can switch many tools; clients get one notification for all of them.
      debouncedNotificationMethods: ['notifications/tools/list_changed', 'notifications/prompts/list_changed'],
      // A state that does not verify (forged, expired, another method's) is refused before any handler runs.
      requestState: { verify: (state, request) => questions.verify(state, request) },
    },
  );
  // MCP Apps for clients that declare them; the others see no difference (apps/serve-apps.ts).
  serveApps(server, (request) => declaredCapabilities(server, request), pageOf);
  let settings = parts.settings();
  const registered = new Map<string, { tool: AnyTool; handle: RegisteredTool }>();
  // Every tool is registered; one the back end cannot serve (now) stays disabled, which keeps it out
  // of tools/list and lets it appear live when the back end gains the capability.
  const isOffered = (tool: AnyTool, next: Settings) => isToolOffered(tool, capabilities(), next, toolOptions());
  const toolOffered = (next: Settings) => (name: ToolName) => isOffered(TOOLS[name], next);
  // Every remote back end is the open world; it changes only when a back end opens late.
  let openWorld = trackerNow().type !== 'local';
  for (const tool of TOOL_LIST) {
    const handle = server.registerTool(
      tool.name,
      {
        title: tool.title,
        description: tool.description,
        inputSchema: withCompactJsonSchema(tool.input),
        outputSchema: withCompactJsonSchema(tool.output),
        annotations: { ...tool.annotations, openWorldHint: openWorld },
      },
      (args: unknown, request: ServerContext) => runTool(tool, args, context, log, { server, request, questions, deadlineMs: parts.callDeadlineMs }, parts.afterWrite),
    );
    if (!isOffered(tool, settings)) handle.disable();
    registered.set(tool.name, { tool, handle });
  }
  // The window's own tools: registered only for the app's engine, so no AI client ever lists them,
  // and listed only over a remote back end, the only kind that keeps writes to decide (the window
  // then asks nothing of them on the local timesheet).
  const appTools: RegisteredTool[] = [];
  const keepsWrites = () => trackerNow().type !== 'local';
  if (parts.appTools) {
    for (const tool of APP_TOOL_LIST) {
      const handle = server.registerTool(
        tool.name,
        { title: tool.title, description: tool.description, inputSchema: withCompactJsonSchema(tool.input), outputSchema: withCompactJsonSchema(tool.output), annotations: tool.annotations },
        (args: unknown, request: ServerContext) => runTool(tool, args, context, log, { server, request, questions, deadlineMs: parts.callDeadlineMs }),
      );
      if (!keepsWrites()) handle.disable();
      appTools.push(handle);
    }
  }
  // Prompts follow the tools they work through: listed while one of them is offered.
  const prompts = new Map<string, { prompt: PromptDefinition; handle: RegisteredPrompt }>();
  const completer = async (source: CompletionSource, value: string, argumentsSoFar: Record<string, string>) => {
    try {
      const { timezone, now } = await parts.promptClock();
      return await complete(source, value, argumentsSoFar, { today: localDate(now, timezone), offered: toolOffered(settings), ...parts.completionData });
    } catch (error) {
      // Completions are a convenience: a back end that cannot answer leaves the list empty.
      log(`Completing ${source} failed: ${error instanceof Error ? error.message : String(error)}`);
      return [];
    }
  };
  for (const prompt of PROMPT_LIST) {
    const handle = server.registerPrompt(
      prompt.name,
      { title: prompt.title, description: prompt.description, argsSchema: keptPromptArguments(parts.promptSchemas, prompt, completer) },
      async (args: Record<string, string | undefined>) => {
        const { timezone, now } = await parts.promptClock();
        const promptContext: PromptContext = { today: localDate(now, timezone), timezone, now, offered: toolOffered(settings) };
        return { description: prompt.description, messages: [{ role: 'user' as const, content: { type: 'text' as const, text: renderPrompt(prompt, args, promptContext) } }] };
      },
    );
    if (!isPromptOffered(prompt, toolOffered(settings))) handle.disable();
    prompts.set(prompt.name, { prompt, handle });
  }
  const apply = () => {
    const next = (settings = parts.settings());
    const nowOpen = trackerNow().type !== 'local';
    const worldChanged = nowOpen !== openWorld;
    openWorld = nowOpen;
    for (const { tool, handle } of registered.values()) {
      if (worldChanged) handle.update({ annotations: { ...tool.annotations, openWorldHint: openWorld } });
      const enabled = isOffered(tool, next);
      if (enabled && !handle.enabled) handle.enable();
      if (!enabled && handle.enabled) handle.disable();
    }
    for (const handle of appTools) {
      if (keepsWrites() && !handle.enabled) handle.enable();
      if (!keepsWrites() && handle.enabled) handle.disable();
    }
    for (const { prompt, handle } of prompts.values()) {
      const enabled = isPromptOffered(prompt, toolOffered(next));
      if (enabled && !handle.enabled) handle.enable();
      if (!enabled && handle.enabled) handle.disable();
    }
  };
  parts.live.follow(server, apply);
  return server;
}

function keptPromptArguments(kept: Map<string, z.ZodType> | undefined, prompt: PromptDefinition, completer: Parameters<typeof promptArguments>[1]) {
  const known = kept?.get(prompt.name) as ReturnType<typeof promptArguments> | undefined;
  if (known) return known;
  const built = promptArguments(prompt, completer);
  kept?.set(prompt.name, built);
  return built;
}

/**
 * A prompt's arguments as the SDK lists and checks them: strings within their length, the optional
 * ones optional, and those with a source completing from it.
 */
function promptArguments(prompt: PromptDefinition, completer: (source: CompletionSource, value: string, argumentsSoFar: Record<string, string>) => Promise<string[]>) {
  const shape: Record<string, z.ZodType<string | undefined>> = {};
  for (const argument of prompt.arguments) {
    const text = z.string().max(argument.max).describe(argument.description);
    const { completes } = argument;
    const field = completes ? completable(text, (value, request) => completer(completes, value ?? '', request?.arguments ?? {})) : text;
    shape[argument.name] = argument.required ? field : field.optional();
  }
  return z.strictObject(shape);
}

function renderPrompt(prompt: PromptDefinition, args: Record<string, string | undefined>, context: PromptContext): string {
  try {
    return prompt.render(args, context);
  } catch (error) {
    // Words the person typed that are not a day or a month: said as the prompt's own refusal.
    if (error instanceof PromptArgumentError) throw new ProtocolError(ProtocolErrorCode.InvalidParams, `${prompt.name}: ${error.message}`);
    throw error;
  }
}

/** What a tool call knows about its request, to ask the person where the client can show questions. */
interface CallRequest {
  server: McpServer;
  request: ServerContext;
  questions: RequestStateCodec<RoundState>;
  /** How long the call may take (CALL_DEADLINE_MS, or PUNCHCARD_CALL_TIMEOUT_MS). */
  deadlineMs: number;
}

/** What the client of a request declared: the request's own capabilities in the 2026 era, the handshake's in the 2025 era. */
function declaredCapabilities(server: McpServer, request: ServerContext): unknown {
  // The SDK types the envelope without its keys; it holds the request's declared capabilities.
  const envelope = request.mcpReq.envelope as Readonly<Record<string, unknown>> | undefined;
  return envelope?.[CLIENT_CAPABILITIES_META_KEY] ?? server.server.getClientCapabilities();
}

/**
 * The asker of one round of a call: none where the client did not declare form elicitation (the
 * request's own capabilities in the 2026 era, the handshake's in the 2025 era).
 */
function askerFor(tool: CallableTool, args: unknown, call: CallRequest): Asker {
  if (!canAsk(declaredCapabilities(call.server, call.request))) return NO_ASKING;
  return createAsker({ tool: tool.name, args, state: call.request.mcpReq.requestState(), responses: call.request.mcpReq.inputResponses });
}

async function runTool(tool: CallableTool, args: unknown, context: () => Promise<ToolContext>, log: Log, call: CallRequest, afterWrite?: (call: FinishedCall) => void) {
  const result = await runToolCall(tool, args, context, log, call);
  if (afterWrite && tool.annotations.readOnlyHint !== true && !('resultType' in result)) {
    const outcome = !('isError' in result) || !result.isError ? 'done' : result.refused ? 'refused' : 'failed';
    try {
      afterWrite({ tool: tool.name, args, outcome, ...(outcome === 'done' && 'structuredContent' in result ? { data: result.structuredContent } : {}) });
    } catch (error) {
      log(`Recording ${tool.name} failed: ${(error as Error).message}`);
    }
  }
  if ('refused' in result) delete (result as { refused?: boolean }).refused;
  return result;
}

async function runToolCall(tool: CallableTool, args: unknown, context: () => Promise<ToolContext>, log: Log, call: CallRequest) {
  try {
    const ask = askerFor(tool, args, call);
    // One budget of back-end requests for the whole call, the context's own (the person's zone)
    // included, and one end: the client's cancellation or the call's deadline, whichever comes first.
    const scope = { requests: MAX_REQUESTS_PER_CALL, deadlineMs: call.deadlineMs, cancelled: call.request.mcpReq.signal, tool: tool.name };
    const outcome = await runInCallScope(scope, async () => {
      const callContext = { ...(await context()), ask };
      return { callContext, ...(await tool.handler(args, callContext)) };
    });
    if ('stopped' in outcome) {
      const text = stoppedCallText(outcome.stopped, outcome.budget, tool.annotations.readOnlyHint !== true);
      // A cancelled call is answered to nobody (the client stopped listening): stderr keeps the account.
      log(text);
      return { isError: true, content: [{ type: 'text' as const, text }] };
    }
    const { callContext, data, text } = outcome.finished;
    const noted = callContext.notes.length > 0 ? `${text}\n${callContext.notes.join('\n')}` : text;
    // Only now is the outbox's news in an answer: a call that failed, stopped or asked a question
    // before this point leaves it for the next answer.
    await toldInAnswer(callContext.notes);
    // Names and notes come from back ends and people; the wire takes the terminal-steering
    // characters out of them, as out of everything that leaves (stdio/wire.ts, lineOf).
    return { content: [{ type: 'text' as const, text: noted }], structuredContent: data as Record<string, unknown> };
  } catch (error) {
    if (error instanceof InputNeeded) {
      // The question goes to the person; the call comes back with the answer and this state.
      return inputRequired({ inputRequests: { [error.key]: inputRequired.elicit(error.params) }, requestState: await call.questions.mint(error.state, call.request) });
    }
    if (error instanceof ToolInputError || error instanceof ProviderError) {
      return { isError: true, refused: true, content: [{ type: 'text' as const, text: error.message }] };
    }
    log(`${tool.name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    // The sentence goes on after the reason, so the reason's own full stop goes.
    const reason = (error instanceof Error ? error.message : String(error)).replace(/[.\s]+$/, '');
    return {
      isError: true,
      refused: false,
      content: [{ type: 'text' as const, text: `Punchcard could not finish ${tool.name}: ${reason}. Nothing was lost; the server keeps running.` }],
    };
  }
}

/**
 * `load` of the tracker in use, reused for COMPLETION_DATA_MS; a failure is not kept, and a new back
 * end (the settings became usable) loads afresh.
 */
function remembered<T>(now: Clock, trackerNow: () => TimeTracker, load: (tracker: TimeTracker) => Promise<T>): () => Promise<T> {
  let kept: { at: number; tracker: TimeTracker; value: Promise<T> } | undefined;
  return () => {
    const tracker = trackerNow();
    if (!kept || kept.tracker !== tracker || now() - kept.at > COMPLETION_DATA_MS) {
      const value = load(tracker);
      const entry = { at: now(), tracker, value };
      kept = entry;
      value.catch(() => {
        if (kept === entry) kept = undefined;
      });
    }
    return kept.value;
  };
}

/** The settings' public holidays in [from, to], names by date; none when no region is set or the data fails. */
export function holidayCalendar(log: Log): HolidaysOf {
  const warned = new Set<string>();
  return async (settings, from, to) => {
    if (!settings.holidays) return new Map();
    try {
      return new Map((await publicHolidays(settings.holidays, from, to)).map((holiday) => [holiday.date, holiday.name]));
    } catch (error) {
      const key = JSON.stringify(settings.holidays);
      if (!warned.has(key)) {
        warned.add(key);
        log(`Public holidays for ${key} are unavailable (${(error as Error).message}); counting without them.`);
      }
      return new Map();
    }
  };
}

function resolveTimeZone(configured: string, log: Log): string {
  if (configured === '') return systemTimeZone();
  if (isValidTimeZone(configured)) return configured;
  log(`Unknown timezone "${configured}" in settings; using ${systemTimeZone()}.`);
  return systemTimeZone();
}

function safeUserName(): string {
  try {
    return userInfo().username;
  } catch {
    return 'me';
  }
}
