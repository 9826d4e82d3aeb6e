// The AI clients' own command lines, each run once in a home of its own with its configuration
// pointing at the built engine (SERVER_BUNDLE) over stdio, on a fresh Punchcard folder. Installed as
// exact-pinned devDependencies (package.json); their programs are found through their packages' `bin`.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { makeUserDataDir, SERVER_BUNDLE } from '../../support/engine.ts';
import { type CliRun, runProgram } from '../../support/run-cli.ts';

const NODE_MODULES = resolve(import.meta.dirname, '../../../node_modules');

/** A client's program: the script its package names in `bin`. */
function binOf(pkg: string, name: string): string {
  const manifest = JSON.parse(readFileSync(join(NODE_MODULES, pkg, 'package.json'), 'utf8')) as { bin: Record<string, string> };
  const script = manifest.bin[name];
  if (!script) throw new Error(`${pkg} has no program named ${name}.`);
  return join(NODE_MODULES, pkg, script);
}

/** A home for one client and a Punchcard folder for its engine, removed after the run. */
async function inHome<T>(run: (home: string, userData: string) => Promise<T>): Promise<T> {
  const home = mkdtempSync(join(tmpdir(), 'punchcard-client-home-'));
  const userData = makeUserDataDir();
  try {
    return await run(home, userData);
  } finally {
    rmSync(home, { recursive: true, force: true });
    rmSync(userData, { recursive: true, force: true });
  }
}

/** The environment a client runs in: its home, and PATH for what it starts besides the engine. */
const clientEnv = (home: string, more: Record<string, string> = {}) => ({ PATH: process.env.PATH ?? '', HOME: home, ...more });

/** What the clients run the engine with: this Node and the bundle, by absolute path (a client may not share this PATH). */
const ENGINE = { command: process.execPath, args: [SERVER_BUNDLE] };

export type InspectorEra = 'legacy' | 'modern';

/** The MCP Inspector's command line: one `tools/call`, its result as JSON on stdout. */
export function inspectorCall(era: InspectorEra, tool: string, args: Record<string, string>): Promise<CliRun> {
  return inHome((home, userData) =>
    runProgram(
      process.execPath,
      [
        binOf('@modelcontextprotocol/inspector', 'mcp-inspector'),
        '--cli',
        '--protocol-era',
        era,
        '--format',
        'json',
        '--quiet',
        '-e',
        `PUNCHCARD_USER_DATA=${userData}`,
        '--method',
        'tools/call',
        '--tool-name',
        tool,
        ...Object.entries(args).flatMap(([name, value]) => ['--tool-arg', `${name}=${value}`]),
        ENGINE.command,
        ...ENGINE.args,
      ],
      { env: clientEnv(home), cwd: home },
    ),
  );
}

/**
 * Gemini CLI, asked one prompt without a terminal (`-p`), its model at `modelUrl`. The engine is a
 * trusted server (no confirmation), the folder trusted (Gemini starts no stdio server in one it does
 * not trust), the model named (so no router asks another model which to use), and nothing reported
 * or updated over the network.
 */
export function geminiPrompt(modelUrl: string, prompt: string): Promise<CliRun> {
  return inHome((home, userData) => {
    mkdirSync(join(home, '.gemini'));
    const settings = {
      security: { auth: { selectedType: 'gemini-api-key' } },
      privacy: { usageStatisticsEnabled: false },
      general: { enableAutoUpdate: false, enableAutoUpdateNotification: false },
      mcpServers: { punchcard: { ...ENGINE, env: { PUNCHCARD_USER_DATA: userData }, trust: true } },
    };
    writeFileSync(join(home, '.gemini', 'settings.json'), JSON.stringify(settings));
    const env = clientEnv(home, {
      GEMINI_API_KEY: 'not-a-key',
      GOOGLE_GEMINI_BASE_URL: modelUrl,
      GEMINI_CLI_TRUST_WORKSPACE: 'true',
      // Gemini otherwise starts itself again in a child with a larger heap: one process is enough here.
      GEMINI_CLI_NO_RELAUNCH: 'true',
    });
    return runProgram(process.execPath, [binOf('@google/gemini-cli', 'gemini'), '--model', 'gemini-2.5-flash', '--yolo', '--prompt', prompt], {
      env,
      cwd: home,
    });
  });
}

/**
 * Codex's non-interactive `exec`, its model a provider of the Responses API at `modelUrl`, in
 * CODEX_HOME's config.toml (read strictly, so a key this Codex does not know fails the run). What it
 * would fetch or send elsewhere at start is switched off: plugins from GitHub and chatgpt.com, apps,
 * updates, and its metrics.
 */
export function codexExec(modelUrl: string, prompt: string): Promise<CliRun> {
  return inHome((home, userData) => {
    const codexHome = join(home, '.codex');
    mkdirSync(codexHome);
    const config = [
      'model = "fake-model"',
      'model_provider = "loopback"',
      '[analytics]',
      'enabled = false',
      '[features]',
      'plugins = false',
      'remote_plugin = false',
      'apps = false',
      'in_app_updates = false',
      '[model_providers.loopback]',
      'name = "loopback"',
      `base_url = ${JSON.stringify(`${modelUrl}/v1`)}`,
      'wire_api = "responses"',
      '[mcp_servers.punchcard]',
      `command = ${JSON.stringify(ENGINE.command)}`,
      `args = ${JSON.stringify(ENGINE.args)}`,
      'default_tools_approval_mode = "approve"',
      // Codex starts its MCP servers beside the first turn and sends the model whichever tools are ready: on CI's
      // two cores, with the deployment suite beside, the engine was not and the model was never offered the tool.
      // A required server is waited for (up to its startup timeout, ten seconds by default) before the turn.
      'required = true',
      'startup_timeout_sec = 120',
      'tool_timeout_sec = 120',
      '[mcp_servers.punchcard.env]',
      `PUNCHCARD_USER_DATA = ${JSON.stringify(userData)}`,
    ];
    writeFileSync(join(codexHome, 'config.toml'), `${config.join('\n')}\n`);
    const env = clientEnv(home, { CODEX_HOME: codexHome });
    return runProgram(process.execPath, [binOf('@openai/codex', 'codex'), 'exec', '--strict-config', '--skip-git-repo-check', prompt], { env, cwd: home });
  });
}
