// `punchcard-mcp serve --config FILE` runs the team server; `serve --dev` runs one on this computer
// against a local timesheet with a development sign-in (../../README.md, "Quick start"); `audit --config FILE`
// prints the audit log as JSON lines for the administrator. All of them say what is wrong in words and
// exit non-zero before anything listens; `--help` (or `-h`) answers with the command's own usage on
// stdout, exit 0.
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { defaultSettings } from '../../mcp-server/contract/default-settings.ts';
import { DEFAULT_REFRESH_GRACE_SECONDS, defaultLimits, type ServerConfig } from '../config/server-config.ts';
import { readFlags } from '../../mcp-server/for-the-team-server.ts';
import { auditUsage, REPOSITORY_GUIDE, serveUsage } from './serve-usage.ts';

/** Where a command's help goes (stdout, controls taken out) and the folder the guide it names ships in. */
export interface HelpTarget {
  out: (text: string) => void;
  guide: string;
}

/** The key variable a development server uses; its value lives in the data folder, 0600. */
const DEV_KEY_VARIABLE = 'PUNCHCARD_DEV_SERVER_KEY';

export async function runServeCommand(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
  err: (text: string) => void,
  help: HelpTarget = { out: (text) => process.stdout.write(text), guide: REPOSITORY_GUIDE },
  flagsNotice?: string,
): Promise<number> {
  const { read: options, problem } = readFlags(
    argv,
    {
      values: { config: '--config needs a value.', data: '--data needs a value.', port: '--port needs a value.' },
      switches: ['dev', 'help'],
      short: { h: 'help' },
      once: true,
    },
    unknownOption,
  );
  const text = serveUsage(help.guide);
  // --help answers at once, unless something before it was wrong (as the engine's own flags: cli/arguments.ts).
  if (options.switches.has('help')) return (help.out(`${text}\n`), 0);
  const usage = (problem: string) => usageError(err, problem, text);
  if (problem) return usage(problem);
  const dev = options.switches.has('dev');
  if (dev === options.values.has('config')) return usage('serve takes --config FILE, or --dev.');
  if (!dev && (options.values.has('data') || options.values.has('port')))
    return usage('--data and --port go with --dev; a configured server takes them from its FILE.');
  const portText = options.values.get('port') ?? '8787';
  const port = Number(portText);
  if (!/^\d{1,5}$/.test(portText) || port < 1 || port > 65535) return usage('--port takes a port number, 1 to 65535.');
  const { readServerConfigFile } = await import('../config/server-config-file.ts');
  let config: ServerConfig;
  let serverEnv: NodeJS.ProcessEnv;
  if (dev) {
    const prepared = developmentServer(options.values.get('data') ?? join(homedir(), '.local', 'share', 'punchcard-dev-server'), port);
    config = prepared.config;
    serverEnv = { ...env, [DEV_KEY_VARIABLE]: prepared.key };
  } else {
    const read = readServerConfigFile(options.values.get('config') as string);
    if (!read.ok) return refuse(err, read.problem);
    config = read.config;
    const secrets = await secretsFromFiles(env, config);
    if ('problem' in secrets) return refuse(err, secrets.problem);
    serverEnv = secrets.env;
  }
  // JSON lines for the log collector; lines for a person at the terminal with --dev (logs/team-log.ts).
  const { teamLog } = await import('../logs/team-log.ts');
  const log = await teamLog({ human: dev });
  if (flagsNotice) log.warn(flagsNotice);
  const { startTeamServer, ServeRefusal } = await import('../team/team-server.ts');
  let server: Awaited<ReturnType<typeof startTeamServer>>;
  try {
    server = await startTeamServer({ config, env: serverEnv, log });
  } catch (error) {
    if (error instanceof ServeRefusal) return refuse(err, error.message);
    throw error;
  }
  if (dev) log(`Development server: add ${config.public_url}/mcp to your MCP client and sign in with any name. Stop it with Ctrl+C.`);
  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      log(`${signal}: finishing the calls in flight, then stopping.`);
      void server.close().then(resolve);
    };
    process.once('SIGTERM', () => stop('SIGTERM'));
    process.once('SIGINT', () => stop('SIGINT'));
  });
  return 0;
}

export async function runAuditCommand(
  argv: readonly string[],
  out: (text: string) => void,
  err: (text: string) => void,
  help: HelpTarget = { out, guide: REPOSITORY_GUIDE },
): Promise<number> {
  const { read: options, problem } = readFlags(
    argv,
    {
      values: { config: '--config needs a value.', since: '--since needs a value.', limit: '--limit needs a value.' },
      switches: ['help'],
      short: { h: 'help' },
      once: true,
    },
    unknownOption,
  );
  const text = auditUsage(help.guide);
  if (options.switches.has('help')) return (help.out(`${text}\n`), 0);
  const usage = (problem: string) => usageError(err, problem, text);
  if (problem) return usage(problem);
  const file = options.values.get('config');
  if (!file) return usage("audit takes --config FILE (the server's).");
  const since = options.values.get('since');
  if (since !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(since)) return usage('--since takes a day, YYYY-MM-DD.');
  const limitText = options.values.get('limit') ?? '100000';
  if (!/^\d{1,7}$/.test(limitText)) return usage('--limit takes a number of records.');
  const { readServerConfigFile } = await import('../config/server-config-file.ts');
  const read = readServerConfigFile(file);
  if (!read.ok) return refuse(err, read.problem);
  const secrets = await secretsFromFiles(process.env, read.config);
  if ('problem' in secrets) return refuse(err, secrets.problem);
  // The records are not sealed, but a key that is not the store's is refused here as by every
  // command: an administrator learns it now, not from a server that will not start.
  const { openKeyedStore } = await import('../admin/admin-io.ts');
  const opened = await openKeyedStore(read.config, { env: secrets.env, out, err });
  if (!opened) return 1;
  const { store } = opened;
  try {
    const records = await store.readAudit({ ...(since ? { since: Date.parse(`${since}T00:00:00Z`) } : {}), limit: Number(limitText) });
    for (const record of records) out(`${JSON.stringify({ ...record, at: new Date(record.at).toISOString() })}\n`);
  } finally {
    await store.close();
  }
  return 0;
}

/** A development server's configuration, and its key, made once and kept in its data folder. */
function developmentServer(folder: string, port: number): { config: ServerConfig; key: string } {
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  chmodSync(folder, 0o700);
  const keyFile = join(folder, 'server.key');
  let key: string;
  try {
    key = readFileSync(keyFile, 'utf8').trim();
  } catch {
    key = randomBytes(32).toString('base64');
    writeFileSync(keyFile, `${key}\n`, { mode: 0o600, flag: 'wx' });
  }
  return {
    key,
    config: {
      public_url: `http://127.0.0.1:${port}`,
      listen: `127.0.0.1:${port}`,
      // The local timesheet: the default back end, which needs no account.
      provider: defaultSettings().provider,
      sign_in: { tracker: false, development: true },
      store: `sqlite:${join(folder, 'server.db')}`,
      key_env: DEV_KEY_VARIABLE,
      allowed_origins: [],
      trusted_proxies: [],
      refresh_token_grace_seconds: DEFAULT_REFRESH_GRACE_SECONDS,
      settings: {},
      limits: defaultLimits(),
    },
  };
}

/** The environment with each secret the config names filled from its NAME_FILE where one is set (team-server/config/secret-files.ts). */
async function secretsFromFiles(env: NodeJS.ProcessEnv, config: ServerConfig): Promise<{ env: NodeJS.ProcessEnv } | { problem: string }> {
  const { secretVariables, withSecretFiles } = await import('../config/secret-files.ts');
  return withSecretFiles(env, secretVariables(config));
}

const unknownOption = (argument: string) => `Unknown option: ${argument}.`;

/** A command given wrongly: what is wrong, then its usage, on stderr; exit 2. */
function usageError(err: (text: string) => void, problem: string, usage: string): number {
  err(`${problem}\n\n${usage}\n`);
  return 2;
}

function refuse(err: (text: string) => void, problem: string): number {
  err(`${problem}\n`);
  return 1;
}
