// What an AI client runs to start Punchcard's MCP server (docs/decisions.md, "The registered
// entry"). Inside the installed app that is the app's own executable in Node mode with the bundled
// server script; outside it (a development checkout, a command-line install) it is Node with the
// built server file. Always absolute paths: GUI clients start servers with a bare environment and
// no shell PATH. Never a secret: the server reads those from the keychain.
import { ENGINE_NODE_FLAGS } from '../engine-flags.ts';
import type { EntryPatch } from './json-config.ts';

export const ENTRY_NAME = 'punchcard';

export interface LaunchSpec {
  command: string;
  args: string[];
  /** Variables Punchcard needs set; empty outside the app. */
  env: Record<string, string>;
}

export interface LaunchOptions {
  /** `process.execPath`: Node, or the app's executable. */
  executable: string;
  /** Absolute path of the built `punchcard-mcp.mjs`. */
  serverScript: string;
  userDataDir: string;
  /** True inside the Electron app: the executable needs ELECTRON_RUN_AS_NODE to act as Node. */
  runAsNode: boolean;
}

export function launchSpec(options: LaunchOptions): LaunchSpec {
  return {
    command: options.executable,
    args: [...ENGINE_NODE_FLAGS, options.serverScript, '--user-data', options.userDataDir],
    env: options.runAsNode ? { ELECTRON_RUN_AS_NODE: '1' } : {},
  };
}

/**
 * The keys of the entry Punchcard owns. ELECTRON_RUN_AS_NODE is listed even when unset so a
 * development registration replacing an app one removes it; any other variable in `env` is the
 * user's and stays.
 */
export function basePatch(launch: LaunchSpec): EntryPatch {
  return {
    command: launch.command,
    args: launch.args,
    env: { ELECTRON_RUN_AS_NODE: launch.env.ELECTRON_RUN_AS_NODE },
  };
}

/**
 * Why an existing entry can no longer start the server, or null when it still can: its command or
 * its script is gone (an uninstalled app, a moved checkout).
 */
export function staleReason(entry: unknown, exists: (path: string) => boolean): string | null {
  if (typeof entry !== 'object' || entry === null) return 'the entry is not an object';
  const { command, args } = entry as { command?: unknown; args?: unknown };
  if (typeof command !== 'string' || command === '') return 'the entry has no command';
  if (isPathLike(command) && !exists(command)) return `${command} no longer exists`;
  const script = Array.isArray(args) ? args.find((arg): arg is string => typeof arg === 'string' && /\.(mjs|cjs|js)$/.test(arg)) : undefined;
  if (script && isPathLike(script) && !exists(script)) return `${script} no longer exists`;
  return null;
}

function isPathLike(value: string): boolean {
  return value.startsWith('/') || /^[A-Za-z]:[\\/]/.test(value) || value.startsWith('\\\\');
}
