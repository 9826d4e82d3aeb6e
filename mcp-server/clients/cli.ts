// `punchcard-mcp clients | register | unregister | repair | snippet`: the registrar on the command
// line of the server bundle, so registration can be scripted and tried in a temporary HOME. These
// commands are not an MCP session, so they print results on stdout.
import { resolve } from 'node:path';
import { readFlags } from '../command-flags.ts';
import { defaultUserDataDir } from '../user-data.ts';
import { CLIENTS } from './catalog.ts';
import { currentEnvironment, realProbe, stableNodePath } from './environment.ts';
import { type ChangeReport, type ClientReport, createRegistrar, RegistrationError } from './registrar.ts';
import { launchSpec } from './server-entry.ts';

type Command = 'clients' | 'register' | 'unregister' | 'repair' | 'snippet';

/** Each command as written, and what it does: a line of the usage, and the start of its own help. */
const COMMANDS: Record<Command, { form: string; does: string }> = {
  clients: { form: 'clients [--json]', does: 'which clients are installed and registered' },
  register: { form: 'register <client>', does: "add Punchcard to the client's MCP config" },
  unregister: { form: 'unregister <client>', does: 'remove it again' },
  repair: { form: 'repair', does: 'fix entries that point at a moved or removed Punchcard' },
  snippet: { form: 'snippet <client>', does: "print what to paste, and the client's own command or link" },
};

const CLIENT_IDS = `Clients: ${CLIENTS.map((client) => client.id).join(', ')}`;

export const CLIENTS_USAGE = `Connect AI clients:
${Object.values(COMMANDS)
  .map(({ form, does }) => `  ${`punchcard-mcp ${form}`.padEnd(39)}  ${does}`)
  .join('\n')}
  (--user-data DIR works with each: the data folder the registered server uses)

${CLIENT_IDS}`;

/** `punchcard-mcp COMMAND --help`: one command's usage. */
export function commandUsage(command: Command): string {
  const { form, does } = COMMANDS[command];
  const json = command === 'clients' ? '\n  --json            the same as JSON, for programs' : '';
  return `Usage: punchcard-mcp ${form} [--user-data DIR]

${does[0]?.toUpperCase()}${does.slice(1)}.

  --user-data DIR   the data folder the registered server uses (default: the Punchcard app's own)${json}

${CLIENT_IDS}`;
}

export interface CliContext {
  argv: readonly string[];
  env: NodeJS.ProcessEnv;
  /** The executable running us and the server script: what the registered entry will start. */
  executable: string;
  serverScript: string;
  runAsNode: boolean;
  out: (text: string) => void;
  err: (text: string) => void;
  /** Why the organisation's policy refuses registering a client, or null. */
  refusal?: (clientId: string) => string | null;
}

/** Runs one command; returns the exit code (0 done, 1 failed, 2 usage error). */
export function runClientCommand(context: CliContext): number {
  const parsed = parse(context.argv);
  if ('help' in parsed) {
    context.out(`${commandUsage(parsed.help)}\n`);
    return 0;
  }
  if ('error' in parsed) {
    context.err(`${parsed.error}\n\n${CLIENTS_USAGE}\n`);
    return 2;
  }
  const environment = currentEnvironment(context.env);
  const registrar = createRegistrar({
    ...(context.refusal ? { refusal: context.refusal } : {}),
    environment,
    launch: launchSpec({
      // The app's own executable is what it is; Node is named by the link that survives upgrades.
      executable: context.runAsNode ? context.executable : stableNodePath(context.executable, environment, realProbe),
      serverScript: context.serverScript,
      userDataDir: parsed.userDataDir ? resolve(parsed.userDataDir) : defaultUserDataDir(process.platform, context.env),
      runAsNode: context.runAsNode,
    }),
  });
  try {
    switch (parsed.command) {
      case 'clients': {
        const reports = registrar.list();
        context.out(parsed.json ? `${JSON.stringify(reports, null, 2)}\n` : clientsTable(reports));
        return 0;
      }
      case 'register':
      case 'unregister':
        context.out(changeText(registrar[parsed.command](parsed.client), parsed.command));
        return 0;
      case 'repair': {
        const repaired = registrar.repair();
        // Broken entries of clients the policy rules out stay as they are; say so rather than "none".
        const left = registrar.list().filter((report) => report.refusal && report.status === 'stale');
        const leftText =
          left.length === 0 ? '' : `Left as they are (not allowed by your organisation's policy): ${left.map((report) => report.id).join(', ')}.\n`;
        context.out(
          (repaired.length === 0 && left.length === 0
            ? 'No client has a broken Punchcard entry.\n'
            : repaired.map((report) => changeText(report, 'register')).join('')) + leftText,
        );
        return 0;
      }
      case 'snippet': {
        const snippet = registrar.snippet(parsed.client);
        const parts = [snippet.text];
        if (snippet.command) parts.push(`Or run:\n  ${snippet.command}\n`);
        for (const link of snippet.links) parts.push(`${link.label}:\n  ${link.url}\n`);
        parts.push(`Then: ${snippet.nextStep}\n`);
        context.out(parts.join('\n'));
        return 0;
      }
    }
  } catch (error) {
    if (error instanceof RegistrationError) {
      context.err(`${error.message}\n`);
      return 1;
    }
    throw error;
  }
}

type Parsed =
  | { command: 'clients'; json: boolean; userDataDir?: string }
  | { command: 'register' | 'unregister' | 'snippet'; client: string; userDataDir?: string }
  | { command: 'repair'; userDataDir?: string }
  | { help: Command }
  | { error: string };

function parse(argv: readonly string[]): Parsed {
  const [command, ...rest] = argv;
  const { read, problem } = readFlags(
    rest,
    {
      values: { 'user-data': '--user-data needs a folder.' },
      switches: command === 'clients' ? ['json', 'help'] : ['help'],
      short: { h: 'help' },
      positionals: true,
    },
    (argument) => `Unknown option for ${command}: ${argument}`,
  );
  // --help answers at once, unless something before it was wrong (as the engine's own flags: cli/arguments.ts).
  if (read.switches.has('help') && command !== undefined && Object.hasOwn(COMMANDS, command)) return { help: command as Command };
  if (problem) return { error: problem };
  const { positionals } = read;
  const values = { 'user-data': read.values.get('user-data'), json: read.switches.has('json') };
  const withData = values['user-data'] ? { userDataDir: values['user-data'] } : {};
  const extra = (allowed: number) =>
    positionals.length > allowed ? { error: `Too many arguments for ${command}: ${positionals.slice(allowed).join(' ')}` } : null;
  switch (command) {
    case 'clients':
      return extra(0) ?? { command, json: values.json === true, ...withData };
    case 'repair':
      return extra(0) ?? { command, ...withData };
    case 'register':
    case 'unregister':
    case 'snippet': {
      const client = positionals[0];
      if (!client) return { error: `${command} needs a client, one of: ${CLIENTS.map((c) => c.id).join(', ')}` };
      return extra(1) ?? { command, client, ...withData };
    }
    default:
      return { error: `Unknown command: ${command ?? ''}` };
  }
}

const STATUS_WORDS: Record<ClientReport['status'], string> = {
  registered: 'registered',
  missing: 'not registered',
  stale: 'stale (repair)',
  outdated: 'other install (repair)',
  invalid: 'file has errors',
  manual: 'copy & paste',
};

function clientsTable(reports: readonly ClientReport[]): string {
  const rows = reports.map((report) => [
    report.id,
    report.installed ? 'yes' : 'no',
    STATUS_WORDS[report.status],
    report.files.map((file) => file.path).join(', ') || '(snippet)',
  ]);
  const header = ['client', 'installed', 'status', 'file'];
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)));
  const line = (cells: string[]) => cells.map((cell, column) => (column === cells.length - 1 ? cell : cell.padEnd(widths[column] ?? 0))).join('  ');
  const problems = reports.flatMap((report) => report.files.filter((file) => file.problem).map((file) => `  ${report.id}: ${file.problem}`));
  // One line for all: the policy gives the same reason for each client it does not allow.
  const refused = reports.filter((report) => report.refusal).map((report) => report.id);
  const policy = refused.length > 0 ? ['', `Not allowed by your organisation's policy: ${refused.join(', ')}.`] : [];
  return [line(header), ...rows.map(line), ...(problems.length ? ['', 'Problems:', ...problems] : []), ...policy].join('\n') + '\n';
}

function changeText(report: ChangeReport, action: 'register' | 'unregister'): string {
  const verb = action === 'register' ? 'Registered Punchcard with' : 'Removed Punchcard from';
  const lines: string[] = [];
  if (report.changed.length === 0) {
    lines.push(`${report.name}: nothing to change (${action === 'register' ? 'already registered' : 'not registered'}).`);
  } else {
    lines.push(`${verb} ${report.name}.`);
    for (const { path, backup } of report.changed) lines.push(`  wrote ${path}${backup ? ` (previous version in ${backup})` : ''}`);
    if (action === 'register') lines.push(`Next: ${report.nextStep}`);
  }
  return `${lines.join('\n')}\n`;
}
