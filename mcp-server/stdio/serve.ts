// `punchcard-mcp` serving MCP on stdio. What runs here before the first answer is kept to what the
// opening needs — the settings (zod only when a config.json exists), what the back end is known to
// offer, and the tool list the build captured — so a client sees the tools in about the time Node
// takes to start. The engine loads when the first real request arrives, or soon after start for a
// remote back end nothing is remembered about, so that its optional features are checked in the
// background before a client asks. Where a start or a connection test learned them before, the
// opening lists from that, and the engine (with whatever check the back end still wants) waits for
// the first request: an idle server stays as small as the opening.
import { join } from 'node:path';
import manifest from 'virtual:punchcard-opening-manifest';
import { isRemote, type BackEndProfile } from '../contract/back-ends.ts';
import type { Log } from '../log.ts';
import { makePrivateFolder } from '../private-files.ts';
import { knownCapabilities } from '../providers/known-capabilities.ts';
import type { Capability } from '../providers/time-tracker.ts';
import { loadSettingsFile } from '../settings/load-settings.ts';
import { reportSettings, SETTINGS_FILE_NAME, watchSettingsFile } from '../settings/settings-source.ts';
import { isPromptOffered } from '../prompts/offer.ts';
import { isToolOffered, toolOptionsFor } from '../tools/offer.ts';
import { readAppEngineProof } from '../policy/app-engine-proof.ts';
import { effectiveProfile, isProviderAllowed, loadPolicy, policyPaths } from '../policy/policy.ts';
import { watchPolicyFiles } from '../policy/watch-policy.ts';
import { createConnection } from './connection.ts';
import type { JsonObject } from './frames.ts';
import type { Offered } from './opening.ts';
import { createWire } from './wire.ts';

const ACCOUNT_ONLY: ReadonlySet<Capability> = new Set(['account']);

/** How long after start the engine of a remote back end nothing is known about loads, to check its optional features. */
const REMOTE_ENGINE_DELAY_MS = 250;

export interface ServeOptions {
  userDataDir: string;
  allTools: boolean;
  /** The back end from the command line; wins over the settings. */
  provider?: BackEndProfile;
  /** The back end the variables (an extension's form) name, the only one its secret is for. */
  formBackEnd?: BackEndProfile;
  log: Log;
}

export async function serveMcp(options: ServeOptions): Promise<void> {
  const { userDataDir, log } = options;
  // The folder is where the settings watcher listens; the app would create it anyway. It is the
  // person's alone, also where it was made before with wider modes (../private-files.ts).
  makePrivateFolder(userDataDir, log);
  const settingsPath = join(userDataDir, SETTINGS_FILE_NAME);
  const memo = { folder: userDataDir, build: manifest.build };
  let settings = await loadSettingsFile(settingsPath, memo);
  reportSettings(settingsPath, settings, log);
  // The organisation's policy (zod only when a policy file exists) decides as the engine will.
  const policyFiles = policyPaths(process.env);
  let policy = await loadPolicy(policyFiles);
  const profile = effectiveProfile(policy, options.provider ?? settings.settings.provider);
  // Settings that cannot say where data goes leave whoami alone, as the engine's stand-in will.
  const unusable = settings.problem !== null;
  const known = unusable ? { capabilities: ACCOUNT_ONLY, remembered: true } : knownCapabilities(profile, userDataDir);
  const { capabilities } = known;
  const remote = !unusable && isRemote(profile) && isProviderAllowed(policy, profile);
  // Only a start that asks for every tool looks for the app's proof (policy/app-engine-proof.ts).
  const appEngine = options.allTools && (await readAppEngineProof());
  // The same decision the engine makes once it loads (tools/offer.ts), over the tools the build captured.
  const toolOptions = () => toolOptionsFor({ allTools: options.allTools, appEngine }, policy, profile);

  const offeredTools = () => manifest.tools.filter((tool) => isToolOffered(tool, capabilities, settings.settings, toolOptions()));
  const offered: Offered = {
    tools: (): JsonObject[] =>
      offeredTools()
        // The build listed the tools for the local timesheet; a remote back end is the open world.
        .map((tool) => (remote ? { ...tool.listed, annotations: { ...(tool.listed.annotations as JsonObject), openWorldHint: true } } : tool.listed)),
    prompts: (): JsonObject[] => {
      const names = new Set<string>(offeredTools().map((tool) => tool.name));
      return manifest.prompts.filter((prompt) => isPromptOffered(prompt, (tool) => names.has(tool))).map((prompt) => prompt.listed);
    },
  };

  const wire = createWire(process.stdin, process.stdout, log);
  const connection = createConnection({
    wire,
    manifest,
    offered,
    loadEngine: async (replay) => {
      stopWatching();
      stopWatchingPolicy();
      const { startEngineSession } = await import('./engine-session.ts');
      // Settings the schema checked in this process are handed on; the engine checks a remembered
      // read again itself (it loads zod anyway), so a memo file is never trusted beyond the opening.
      return startEngineSession({ ...options, appEngine, ...(settings.checkedNow ? { settings } : {}), wire, replay });
    },
    log,
  });
  // Until the engine follows the file itself.
  const stopWatching = watchSettingsFile(
    settingsPath,
    () =>
      void loadSettingsFile(settingsPath, memo).then((next) => {
        if (connection.engineLoaded || (next.text === settings.text && next.problem === settings.problem)) return;
        // A half-typed edit must not switch on tools the person had switched off: keep what worked.
        // The engine, which follows the file from then on, says so.
        if (next.problem !== null && !unusable) return connection.handOver();
        settings = next;
        // Usable at last: the engine opens the back end the settings name.
        if (unusable && next.problem === null) return connection.handOver();
        connection.listsMayHaveChanged();
      }),
    log,
  );
  const stopWatchingPolicy = watchPolicyFiles(
    policyFiles,
    () =>
      void loadPolicy(policyFiles).then((next) => {
        if (connection.engineLoaded) return;
        policy = next;
        connection.listsMayHaveChanged();
      }),
    log,
  );
  // Several trackers (docs/several-trackers.md): the build's opening knows one back end's tools and words, not the
  // `tracker` argument or the connections' names, so the engine answers from the first message on.
  const several = !unusable && options.provider === undefined && policy.fixedProvider === null && (settings.settings.trackers?.length ?? 0) > 0;
  if (several) connection.handOver();
  const early = !several && remote && !known.remembered ? setTimeout(() => connection.handOver(), REMOTE_ENGINE_DELAY_MS) : undefined;

  let closing = false;
  const shutdown = () => {
    if (closing) return;
    closing = true;
    clearTimeout(early);
    stopWatching();
    stopWatchingPolicy();
    // A signal ends the connection as the end of stdin does: stop reading, so the process can exit.
    wire.close();
    void connection.close();
  };
  // The client closing our stdin is the normal way a stdio server is told to stop.
  wire.onclose = shutdown;
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
  wire.start();
  log(`serving on stdio (data in ${userDataDir}${options.allTools ? ', all tools' : ''})`);
}
