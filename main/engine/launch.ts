// How the app runs its bundled engine: the same file an AI client runs, under a given command. Pure:
// the command lines are built here and tested without spawning anything.
import { backEndOf, credentialAccount, isRemote, secondCredentialAccount, type BackEndProfile } from '../../mcp-server/contract/back-ends.ts';
import { ENGINE_NODE_FLAGS, envVariableFor } from '../../mcp-server/for-the-app.ts';

export interface EngineLaunch {
  /** The program: Electron's own binary in the app (with ELECTRON_RUN_AS_NODE=1 in `env`), Node in tests. */
  command: string;
  /** The server bundle, dist/mcp-server/punchcard-mcp.mjs (inside the app's resources when packaged). */
  script: string;
  /** The app's userData folder: settings, the local timesheet. */
  userDataDir: string;
  /** Added to the child's environment. */
  env?: Readonly<Record<string, string>>;
}

/**
 * The app's long-running engine: `--all-tools` because the tray and the window use tools the person
 * may have switched off for AI clients (docs/decisions.md, "The app calls its own engine's tools").
 */
export function serveArguments(launch: EngineLaunch): string[] {
  return [...ENGINE_NODE_FLAGS, launch.script, '--user-data', launch.userDataDir, '--all-tools'];
}

/**
 * One `--test-connection --json` run of the given back end (the account screen passes the saved one
 * when it tests that). A token goes into the environment, never onto the command line, where any
 * process on the machine could read it: into the one variable the engine reads that back end's
 * secret from. Back-end values are written inline (`--url=…`) so none can be taken for a flag.
 */
export function connectionTestCommand(
  launch: EngineLaunch,
  profile: BackEndProfile,
  token?: string,
  secondToken?: string,
): { command: string; args: string[]; env: Record<string, string> } {
  const args = [launch.script, '--test-connection', '--json', '--user-data', launch.userDataDir, `--provider=${profile.type}`, ...profileFlags(profile)];
  const secret = isRemote(profile) && token ? { [envVariableFor(credentialAccount(profile))]: token } : {};
  const secondAccount = isRemote(profile) ? secondCredentialAccount(profile) : null;
  // The second secret (Tempo's Jira API token) into its own variable, PUNCHCARD_<SERVICE>_TOKEN, likewise.
  const second = secondAccount !== null && secondToken ? { [envVariableFor(secondAccount)]: secondToken } : {};
  return { command: launch.command, args, env: { ...launch.env, ...secret, ...second } };
}

/**
 * A profile's fields as the engine's flags (mcp-server/cli/arguments.ts), each that is set: the login, the address, the
 * workspace, the account, the TLS options, a second service's address (Tempo's host, `--tempo-url`).
 */
function profileFlags(profile: BackEndProfile): string[] {
  const fields: { type: string; email?: string; url?: string; workspace?: string; account_id?: string; caFile?: string; allowInsecureTls?: boolean } = profile;
  const services = backEndOf(profile.type).fields.flatMap((field) => {
    const value = field.kind === 'service_url' ? (profile as Record<string, unknown>)[field.key] : undefined;
    return field.kind === 'service_url' && typeof value === 'string' ? [`--${kebab(field.key)}=${value}`] : [];
  });
  return [
    ...services,
    ...(fields.email ? [`--email=${fields.email}`] : []),
    ...(fields.url ? [`--url=${fields.url}`] : []),
    ...(fields.workspace ? [`--workspace=${fields.workspace}`] : []),
    ...(fields.account_id ? [`--account-id=${fields.account_id}`] : []),
    ...(fields.caFile ? [`--ca-file=${fields.caFile}`] : []),
    ...(fields.allowInsecureTls ? ['--allow-insecure-tls'] : []),
  ];
}

/** 'tempoUrl' → 'tempo-url': a profile key as its flag. */
function kebab(key: string): string {
  return key.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
}
