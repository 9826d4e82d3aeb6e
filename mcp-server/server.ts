// The engine: settings, the active back end and the tool registry, and the factory that builds an
// MCP server over them. Transport-free (docs/decisions.md, "House style: tools as defineTool
// objects"): index.ts serves it on stdio, tests may serve it on anything.
import { mkdirSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { McpServer, type RegisteredTool } from '@modelcontextprotocol/server';
import type { ProviderProfile, Settings } from './contract/settings.ts';
import type { Clock } from './clock.ts';
import { publicHolidays } from './domain/holidays.ts';
import { MAX_REQUESTS_PER_CALL } from './domain/call-limits.ts';
import { isValidTimeZone, systemTimeZone } from './domain/time.ts';
import { weekPlanDays } from './domain/work-plan.ts';
import type { Log } from './log.ts';
import { withoutControls, withoutControlsDeep } from './plain-text.ts';
import { createTracker } from './providers/create-tracker.ts';
import { withRequestBudget } from './providers/http/request-budget.ts';
import { CAPABILITIES, type Capability, ProviderError, type TimeTracker } from './providers/time-tracker.ts';
import { SERVER_NAME, SERVER_VERSION } from './server-info.ts';
import { readSettingsFile, type SettingsRead } from './settings/settings-file.ts';
import { reportSettings, SETTINGS_FILE_NAME, settingsProblem, watchSettingsFile } from './settings/settings-source.ts';
import type { ToolContext } from './tools/context.ts';
import { withCompactJsonSchema } from './tools/compact-schema.ts';
import { ToolInputError } from './tools/define-tool.ts';
import { TOOL_LIST } from './tools/index.ts';
import { isToolOffered } from './tools/offer.ts';
import type { ToolPolicyOptions } from './contract/tool-policy.ts';
import { createBlockedTracker } from './providers/blocked-tracker.ts';
import { aiGate, describePolicy, effectiveProfile, isProviderAllowed, isRestrictive, loadPolicy, organisationRules, policyPaths, providerRefusal } from './policy/policy.ts';
import { watchPolicyFiles } from './policy/watch-policy.ts';

/** How long after start a remote back end is asked about its optional features. */
const DETECTION_DELAY_MS = 250;

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
  close(): void;
}

export async function createEngine(options: EngineOptions): Promise<Engine> {
  const { log } = options;
  const holidaysOf = holidayCalendar(log);
  const settingsPath = join(options.userDataDir, SETTINGS_FILE_NAME);
  // The folder is where the watcher listens; the app would create it anyway.
  mkdirSync(options.userDataDir, { recursive: true });
  let current = options.settings ?? readSettingsFile(settingsPath);
  // A read handed in was reported by whoever read it.
  if (!options.settings) reportSettings(settingsPath, current, log);
  /** What whoami says about the file: why it cannot be used, and which settings fell back. */
  let fileState = fileStateOf(settingsPath, current);
  const env = options.env ?? process.env;
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
      holidays: (from, to) => holidaysOf(current.settings, from, to),
      timezone: () => current.settings.timezone,
      now: options.now,
      log,
      ...(options.env ? { env: options.env } : {}),
    });
  };
  const everything: ReadonlySet<Capability> = new Set(CAPABILITIES);
  const capabilities = () => (options.listEveryTool ? everything : tracker.capabilities);
  const servers = new Set<(settings: Settings) => void>();
  const applyEverywhere = () => {
    for (const apply of servers) apply(current.settings);
  };
  let tracker = await openTracker();
  let stopFollowingCapabilities: (() => void) | undefined;
  let detection: NodeJS.Timeout | undefined;
  const follow = (followed: TimeTracker) => {
    stopFollowingCapabilities = followed.onCapabilitiesChange?.(applyEverywhere);
    // A remote back end may have optional features (Kimai's absence plugin). What the last start
    // learned is already in `capabilities`; the check runs after the first tools/list had its chance
    // to go out, and switches tools live when the answer changed.
    detection = followed.detectFeatures ? setTimeout(() => void followed.detectFeatures?.(), DETECTION_DELAY_MS) : undefined;
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

  // Resolved once per settings version (asking Intl for the zone on every call was a sixth of a
  // clock_in's CPU time), and lazily: Intl's first use loads zone data tools/list never needs.
  let zone: { for: Settings; timezone: string } | undefined;
  // The back end's zone is checked once per name it reports, for the same reason.
  let remoteZone: { name: string; valid: boolean } | undefined;
  const context = async (): Promise<ToolContext> => {
    const settings = current.settings;
    const active = tracker;
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
      notes: [],
      organisationPolicy: aiGate(policy, profile),
      settingsFile: fileState,
    };
  };

  let lastSeen: SettingsRead = current;
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
    createServer() {
      const { server, apply } = buildServer(() => tracker, capabilities, context, current.settings, toolOptions, log);
      servers.add(apply);
      server.server.onclose = () => servers.delete(apply);
      return server;
    },
    close() {
      clearTimeout(detection);
      stopFollowingCapabilities?.();
      stopWatching();
      stopWatchingPolicy();
      servers.clear();
      tracker.close();
    },
  };
}

function fileStateOf(path: string, read: SettingsRead): ToolContext['settingsFile'] {
  return { problem: read.problem === null ? null : settingsProblem(path, read.problem), notes: read.notes };
}

function buildServer(
  trackerNow: () => TimeTracker,
  capabilities: () => ReadonlySet<Capability>,
  context: () => Promise<ToolContext>,
  settings: Settings,
  toolOptions: () => ToolPolicyOptions,
  log: Log,
): { server: McpServer; apply: (settings: Settings) => void } {
  const server = new McpServer(
    { name: SERVER_NAME, title: 'Punchcard', version: SERVER_VERSION },
    {
      capabilities: { tools: { listChanged: true } },
      instructions: INSTRUCTIONS,
      // One settings save can switch many tools; clients get one notification for all of them.
      debouncedNotificationMethods: ['notifications/tools/list_changed'],
    },
  );
  const registered = new Map<string, { tool: (typeof TOOL_LIST)[number]; handle: RegisteredTool }>();
  // Every tool is registered; one the back end cannot serve (now) stays disabled, which keeps it out
  // of tools/list and lets it appear live when the back end gains the capability.
  const isOffered = (tool: (typeof TOOL_LIST)[number], next: Settings) => isToolOffered(tool, capabilities(), next, toolOptions());
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
      (args: unknown) => runTool(tool, args, context, log),
    );
    if (!isOffered(tool, settings)) handle.disable();
    registered.set(tool.name, { tool, handle });
  }
  const apply = (next: Settings) => {
    const nowOpen = trackerNow().type !== 'local';
    const worldChanged = nowOpen !== openWorld;
    openWorld = nowOpen;
    for (const { tool, handle } of registered.values()) {
      if (worldChanged) handle.update({ annotations: { ...tool.annotations, openWorldHint: openWorld } });
      const enabled = isOffered(tool, next);
      if (enabled && !handle.enabled) handle.enable();
      if (!enabled && handle.enabled) handle.disable();
    }
  };
  return { server, apply };
}

async function runTool(tool: (typeof TOOL_LIST)[number], args: unknown, context: () => Promise<ToolContext>, log: Log) {
  try {
    // One budget of back-end requests for the whole call, the context's own (the person's zone) included.
    const { callContext, data, text } = await withRequestBudget(MAX_REQUESTS_PER_CALL, async () => {
      const callContext = await context();
      return { callContext, ...(await tool.handler(args, callContext)) };
    });
    const noted = callContext.notes.length > 0 ? `${text}\n${callContext.notes.join('\n')}` : text;
    // Names and notes come from back ends and people: no terminal-steering characters reach a client.
    return { content: [{ type: 'text' as const, text: withoutControls(noted) }], structuredContent: withoutControlsDeep(data as Record<string, unknown>) };
  } catch (error) {
    if (error instanceof ToolInputError || error instanceof ProviderError) {
      return { isError: true, content: [{ type: 'text' as const, text: withoutControls(error.message) }] };
    }
    log(`${tool.name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    // The sentence goes on after the reason, so the reason's own full stop goes.
    const reason = (error instanceof Error ? error.message : String(error)).replace(/[.\s]+$/, '');
    return {
      isError: true,
      content: [{ type: 'text' as const, text: withoutControls(`Punchcard could not finish ${tool.name}: ${reason}. Nothing was lost; the server keeps running.`) }],
    };
  }
}

/** Public holidays of the settings' region; an unknown region is said once and counts none. */
/** The settings' public holidays in [from, to], names by date; none when no region is set or the data fails. */
function holidayCalendar(log: Log): (settings: Settings, from: string, to: string) => Promise<Map<string, string>> {
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
