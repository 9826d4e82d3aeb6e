// Every AI client Punchcard knows: where its MCP config lives on each OS, in which format, under
// which key, how our entry is shaped for it, how to tell it is installed, and what the person does
// after registering. Facts and their sources: docs/clients.md. Pure: paths come from the
// environment and the probe.
import { type ConfigFormat, EDITABLE_FORMATS } from './config-format.ts';
import { appDataDir, type ClientEnvironment, findOnPath, localAppDataDir, pathsFor, type Probe } from './environment.ts';
import type { EntryPatch } from './json-config.ts';
import { basePatch, type LaunchSpec } from './server-entry.ts';

export type { ConfigFormat };

export interface ClientDefinition {
  id: string;
  name: string;
  format: ConfigFormat;
  /** Key path of the server map in the config file. */
  container: readonly string[];
  /** The files Punchcard writes; empty for copy-paste-only clients. */
  configFiles(environment: ClientEnvironment, probe: Probe): string[];
  installed(environment: ClientEnvironment, probe: Probe): boolean;
  /** Our entry, shaped the way this client reads it. */
  entry(launch: LaunchSpec): EntryPatch;
  /** What the person does after registering, in one sentence. */
  nextStep: string;
  /** Indentation for a file Punchcard creates: what the client itself writes. */
  newFileIndent: string;
  /** The largest file Punchcard reads for it: what the client's own reader still accepts. */
  maxConfigBytes: number;
}

/**
 * MCP config files are kilobytes; 16 MB is far past any a client writes, and a file that size is
 * still read and edited in well under a second.
 */
const CONFIG_FILE_BYTES = 16 * 1024 * 1024;

/**
 * Claude Code keeps every project's history in `~/.claude.json`, and people who use it daily have
 * files of 65 to 100 MB. Claude Code reads the file whole into one string and `JSON.parse`s it, so
 * the largest file it can read is V8's longest string (2^29 - 24 characters on 64-bit, about 512
 * MiB of ASCII); Punchcard accepts what Claude Code itself can read.
 */
const CLAUDE_CODE_FILE_BYTES = 512 * 1024 * 1024;

/** Two spaces unless the client writes its own files otherwise (VS Code uses tabs). */
const TWO_SPACES = '  ';

type Env = ClientEnvironment;

const join = (environment: Env, ...parts: string[]) => pathsFor(environment).join(...parts);
const anyExists = (probe: Probe, paths: string[]) => paths.some((path) => probe.exists(path));
const onPath = (environment: Env, probe: Probe, ...names: string[]) => names.some((name) => findOnPath(name, environment, probe) !== null);

/** Claude Desktop from the Microsoft Store runs in a package container with its own AppData. */
function claudeMsixFolders(environment: Env, probe: Probe): string[] {
  const packages = join(environment, localAppDataDir(environment), 'Packages');
  return probe
    .list(packages)
    .filter((name) => /^Claude_[a-z0-9]+$/i.test(name))
    .map((name) => join(environment, packages, name, 'LocalCache', 'Roaming', 'Claude'));
}

function claudeDesktopFiles(environment: Env, probe: Probe): string[] {
  const classic = join(environment, appDataDir(environment), 'Claude');
  if (environment.platform !== 'win32') return [join(environment, classic, 'claude_desktop_config.json')];
  // The packaged app never sees the classic file; write where the installed app(s) read. With no
  // package, or a classic folder beside it, the classic file is written too.
  const folders = claudeMsixFolders(environment, probe);
  if (folders.length === 0 || probe.exists(classic)) folders.push(classic);
  return folders.map((folder) => join(environment, folder, 'claude_desktop_config.json'));
}

function vscodeUserDir(environment: Env, flavour: 'Code' | 'Code - Insiders'): string {
  return join(environment, appDataDir(environment), flavour, 'User');
}

function macApp(environment: Env, probe: Probe, bundle: string): boolean {
  return environment.platform === 'darwin' && anyExists(probe, [`/Applications/${bundle}`, join(environment, environment.home, 'Applications', bundle)]);
}

const stdioEntry = (launch: LaunchSpec): EntryPatch => ({ type: 'stdio', ...basePatch(launch) });

/**
 * The common case: one file in a folder of the client's own. The client counts as installed when
 * that folder exists, a launcher is on PATH, or (macOS) its app bundle is there.
 */
function folderClient(spec: {
  id: string;
  name: string;
  format?: ConfigFormat;
  /** The client's folder; `file` lives in it. */
  folder: (environment: Env) => string;
  file: string;
  launchers?: string[];
  macBundle?: string;
  entry?: (launch: LaunchSpec) => EntryPatch;
  container?: readonly string[];
  nextStep: string;
}): ClientDefinition {
  return {
    id: spec.id,
    name: spec.name,
    format: spec.format ?? 'json',
    container: spec.container ?? ['mcpServers'],
    configFiles: (environment) => [join(environment, spec.folder(environment), spec.file)],
    installed: (environment, probe) =>
      probe.exists(spec.folder(environment)) ||
      onPath(environment, probe, ...(spec.launchers ?? [])) ||
      (spec.macBundle !== undefined && macApp(environment, probe, spec.macBundle)),
    entry: spec.entry ?? basePatch,
    nextStep: spec.nextStep,
    newFileIndent: TWO_SPACES,
    maxConfigBytes: CONFIG_FILE_BYTES,
  };
}

/** `~/<parts>`, or the folder an override variable names (CODEX_HOME, COPILOT_HOME). */
const inHome = (parts: string[], override?: string) => (environment: Env) =>
  (override && environment.env[override]) || join(environment, environment.home, ...parts);

/** `<home>/<parts>`, where a variable may stand in for the home folder (GEMINI_CLI_HOME). */
const underHome = (parts: string[], homeVariable: string) => (environment: Env) =>
  join(environment, environment.env[homeVariable] || environment.home, ...parts);

/**
 * Claude Code keeps its user config in `~/.claude.json`, or in `$CLAUDE_CONFIG_DIR/.claude.json`
 * when that is set (docs.anthropic.com/en/docs/claude-code/settings, "Environment variables").
 */
const claudeCodeFolder = (environment: Env) => environment.env.CLAUDE_CONFIG_DIR || environment.home;

function vscode(id: string, name: string, flavour: 'Code' | 'Code - Insiders', launcher: string): ClientDefinition {
  return {
    id,
    name,
    format: 'jsonc',
    container: ['servers'],
    // Each non-default profile keeps its own servers in User/profiles/<id>/mcp.json
    // (code.visualstudio.com/docs/configure/profiles); a person who works in a profile sees
    // only that one, so every profile there is gets the entry too.
    configFiles: (environment, probe) => {
      const user = vscodeUserDir(environment, flavour);
      const profiles = join(environment, user, 'profiles');
      return [
        join(environment, user, 'mcp.json'),
        ...probe
          .list(profiles)
          .sort()
          .map((id) => join(environment, profiles, id, 'mcp.json')),
      ];
    },
    installed: (environment, probe) =>
      probe.exists(vscodeUserDir(environment, flavour)) ||
      onPath(environment, probe, launcher) ||
      macApp(environment, probe, flavour === 'Code' ? 'Visual Studio Code.app' : 'Visual Studio Code - Insiders.app'),
    entry: stdioEntry,
    nextStep: `In ${name}, start "punchcard" from the MCP server list (or the code lens in mcp.json) and confirm that you trust it.`,
    newFileIndent: '\t',
    maxConfigBytes: CONFIG_FILE_BYTES,
  };
}

function extensionOfVsCode(id: string, name: string, extension: string, fileName: string): ClientDefinition {
  const folder = (environment: Env) => join(environment, vscodeUserDir(environment, 'Code'), 'globalStorage', extension);
  return {
    id,
    name,
    format: 'json',
    container: ['mcpServers'],
    configFiles: (environment) => [join(environment, folder(environment), 'settings', fileName)],
    installed: (environment, probe) => probe.exists(folder(environment)),
    entry: basePatch,
    nextStep: `${name} picks up the change by itself; check the MCP servers view in its panel.`,
    newFileIndent: TWO_SPACES,
    maxConfigBytes: CONFIG_FILE_BYTES,
  };
}

/*
 * What each client's own reader accepts (the format below keeps Punchcard within it), what moves its
 * file, and its own add command, with the source checked (docs/clients.md has the full
 * citations). Where a source is silent, the strict reading is assumed.
 * - claude-desktop: strict JSON (a parse error disables every server); nothing moves the file; no add
 *   command. modelcontextprotocol.io/docs/develop/connect-local-servers
 * - vscode, vscode-insiders: VS Code's JSONC reader (comments, trailing commas); profiles in
 *   User/profiles/<id>/; `code --add-mcp` and vscode:mcp/install links. code.visualstudio.com/docs/copilot/reference/mcp-configuration
 * - cursor: not documented, strict JSON; no variable; install links only. cursor.com/docs/mcp
 * - claude-code: strict JSON (comments have cost people their servers); CLAUDE_CONFIG_DIR;
 *   `claude mcp add` / `add-json`. code.claude.com/docs/en/mcp, …/settings (environment variables)
 * - codex: TOML; CODEX_HOME; `codex mcp add`. developers.openai.com/codex/mcp
 * - windsurf: not documented, strict JSON; no variable; no add command. docs.windsurf.com/windsurf/cascade/mcp
 * - zed: JSONC; XDG_CONFIG_HOME on Linux; no add command. zed.dev/docs/ai/mcp
 * - gemini-cli: comments stripped, then JSON.parse (no trailing commas); GEMINI_CLI_HOME;
 *   `gemini mcp add`. geminicli.com/docs/tools/mcp-server, packages/core/src/utils/paths.ts
 * - lm-studio: strict JSON; no variable; lmstudio://add_mcp links. lmstudio.ai/docs/app/mcp
 * - cline, roo-code: strict JSON in VS Code's globalStorage; no variable. docs.cline.bot, docs.roocode.com
 * - copilot-cli: comments and trailing commas accepted (checked with `copilot mcp list`); COPILOT_HOME;
 *   `copilot mcp add`. docs.github.com …/cli-config-dir-reference, github/copilot-cli#1954
 * - goose (YAML) and jetbrains (an IDE dialog): copy and paste only.
 */
export const CLIENTS: readonly ClientDefinition[] = [
  {
    id: 'claude-desktop',
    name: 'Claude Desktop',
    format: 'json',
    container: ['mcpServers'],
    configFiles: claudeDesktopFiles,
    installed: (environment, probe) =>
      macApp(environment, probe, 'Claude.app') ||
      claudeMsixFolders(environment, probe).length > 0 ||
      anyExists(probe, [
        join(environment, appDataDir(environment), 'Claude'),
        ...(environment.platform === 'win32' ? [join(environment, localAppDataDir(environment), 'AnthropicClaude')] : []),
      ]) ||
      (environment.platform === 'linux' && onPath(environment, probe, 'claude-desktop')),
    entry: basePatch,
    nextStep: 'Quit Claude Desktop completely (not just its window) and open it again.',
    newFileIndent: TWO_SPACES,
    maxConfigBytes: CONFIG_FILE_BYTES,
  },
  vscode('vscode', 'VS Code', 'Code', 'code'),
  vscode('vscode-insiders', 'VS Code Insiders', 'Code - Insiders', 'code-insiders'),
  folderClient({
    id: 'cursor',
    name: 'Cursor',
    folder: inHome(['.cursor']),
    file: 'mcp.json',
    launchers: ['cursor'],
    macBundle: 'Cursor.app',
    nextStep: 'Open Cursor Settings → MCP and switch "punchcard" on.',
  }),
  {
    id: 'claude-code',
    name: 'Claude Code',
    format: 'json',
    container: ['mcpServers'],
    configFiles: (environment) => [join(environment, claudeCodeFolder(environment), '.claude.json')],
    installed: (environment, probe) =>
      anyExists(probe, [join(environment, claudeCodeFolder(environment), '.claude.json'), join(environment, environment.home, '.claude')]) ||
      onPath(environment, probe, 'claude'),
    entry: stdioEntry,
    nextStep: 'Start a new Claude Code session; /mcp lists "punchcard".',
    newFileIndent: TWO_SPACES,
    maxConfigBytes: CLAUDE_CODE_FILE_BYTES,
  },
  folderClient({
    id: 'codex',
    name: 'Codex',
    format: 'toml',
    container: ['mcp_servers'],
    folder: inHome(['.codex'], 'CODEX_HOME'),
    file: 'config.toml',
    launchers: ['codex'],
    nextStep: 'Start a new Codex session (CLI, IDE extension or app); /mcp lists "punchcard".',
  }),
  folderClient({
    id: 'windsurf',
    name: 'Windsurf',
    folder: inHome(['.codeium', 'windsurf']),
    file: 'mcp_config.json',
    launchers: ['windsurf'],
    macBundle: 'Windsurf.app',
    nextStep: 'In Windsurf, open the Cascade MCP panel and press Refresh.',
  }),
  folderClient({
    id: 'zed',
    name: 'Zed',
    format: 'jsonc',
    container: ['context_servers'],
    // Zed keeps ~/.config/zed on macOS too; Linux honours XDG_CONFIG_HOME, Windows uses %APPDATA%\Zed.
    folder: (environment) =>
      environment.platform === 'win32'
        ? join(environment, appDataDir(environment), 'Zed')
        : join(environment, environment.platform === 'darwin' ? join(environment, environment.home, '.config') : appDataDir(environment), 'zed'),
    file: 'settings.json',
    launchers: ['zed', 'zeditor'],
    macBundle: 'Zed.app',
    // Older Zed releases wanted `source: "custom"`; newer ones accept and ignore it.
    entry: (launch) => ({ source: 'custom', ...basePatch(launch) }),
    nextStep: 'Zed reloads its settings by itself; the agent panel lists "punchcard" under context servers.',
  }),
  folderClient({
    id: 'gemini-cli',
    name: 'Gemini CLI',
    format: 'json-comments',
    // GEMINI_CLI_HOME moves the home folder Gemini CLI reads `.gemini/` from
    // (github.com/google-gemini/gemini-cli, packages/core/src/utils/paths.ts: homedir()).
    folder: underHome(['.gemini'], 'GEMINI_CLI_HOME'),
    file: 'settings.json',
    launchers: ['gemini'],
    nextStep: 'Start a new Gemini CLI session; /mcp lists "punchcard".',
  }),
  folderClient({
    id: 'lm-studio',
    name: 'LM Studio',
    folder: inHome(['.lmstudio']),
    file: 'mcp.json',
    launchers: ['lms'],
    nextStep: 'LM Studio reloads mcp.json by itself; enable "punchcard" in the Program tab.',
  }),
  extensionOfVsCode('cline', 'Cline', 'saoudrizwan.claude-dev', 'cline_mcp_settings.json'),
  extensionOfVsCode('roo-code', 'Roo Code', 'rooveterinaryinc.roo-cline', 'mcp_settings.json'),
  folderClient({
    id: 'copilot-cli',
    name: 'GitHub Copilot CLI',
    // Its reader takes comments and trailing commas (checked with `copilot mcp list`, 1.0.102).
    // COPILOT_HOME moves the folder; XDG_CONFIG_HOME no longer does (github/copilot-cli#1954,
    // docs.github.com …/copilot-cli-reference/cli-config-dir-reference).
    format: 'jsonc',
    folder: inHome(['.copilot'], 'COPILOT_HOME'),
    file: 'mcp-config.json',
    launchers: ['copilot'],
    // The Copilot CLI requires `tools`; "*" offers every tool Punchcard's own switches allow.
    entry: (launch) => ({ type: 'local', ...basePatch(launch), tools: ['*'] }),
    nextStep: 'Start a new Copilot CLI session; /mcp lists "punchcard".',
  }),
  {
    id: 'goose',
    name: 'Goose',
    format: 'yaml',
    container: ['extensions'],
    configFiles: () => [],
    installed: (environment, probe) =>
      probe.exists(
        environment.platform === 'win32'
          ? join(environment, appDataDir(environment), 'Block', 'goose')
          : join(environment, environment.home, '.config', 'goose'),
      ) || onPath(environment, probe, 'goose'),
    entry: (launch) => ({
      type: 'stdio',
      name: 'punchcard',
      enabled: true,
      cmd: launch.command,
      args: launch.args,
      envs: launch.env,
      timeout: 300,
    }),
    nextStep:
      "Paste the snippet under `extensions:` in Goose's config.yaml (~/.config/goose/ on macOS and Linux, %APPDATA%\\Block\\goose\\config\\ on Windows), then restart Goose.",
    newFileIndent: TWO_SPACES,
    maxConfigBytes: CONFIG_FILE_BYTES,
  },
  {
    id: 'jetbrains',
    name: 'JetBrains AI Assistant',
    format: 'settings',
    container: ['mcpServers'],
    configFiles: () => [],
    installed: (environment, probe) => probe.exists(join(environment, appDataDir(environment), 'JetBrains')),
    entry: basePatch,
    nextStep: 'In the IDE open Settings → Tools → AI Assistant → Model Context Protocol, choose Add, and paste the snippet.',
    newFileIndent: TWO_SPACES,
    maxConfigBytes: CONFIG_FILE_BYTES,
  },
];

export function findClient(id: string): ClientDefinition | undefined {
  return CLIENTS.find((client) => client.id === id);
}

export function isWritable(client: ClientDefinition): boolean {
  return EDITABLE_FORMATS.has(client.format);
}
