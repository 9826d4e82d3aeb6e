// What `punchcard-mcp` does with its arguments: serve MCP on stdio (the default), check the
// connection to the back end, check a policy, or run the AI-client commands. Each mode loads only its
// own code. The team server's build runs this same command line with its own commands added (`serve`,
// `audit`, `admin`: team-server/index.ts); the desktop's engine holds none of them. Only serving MCP
// owns stdout; every other mode answers there (`--help`, `--version`, a command's answer, so
// `V=$(punchcard-mcp --version)` works), and says what went wrong on stderr.
import { realpathSync } from 'node:fs';
import { stderrLog } from '../log.ts';
import { withoutControls } from '../plain-text.ts';
import { serveMcp } from '../stdio/serve.ts';
import { parseArguments, USAGE } from './arguments.ts';
import { SERVER_VERSION } from '../server-info.ts';

const CLIENT_COMMANDS = new Set(['clients', 'register', 'unregister', 'repair', 'snippet']);

// What the commands print reaches a terminal, and holds words from outside: a value an extension's
// form set (said back when it is wrong), an organisation's policy, paths from the environment. None
// of it may steer the terminal (plain-text.ts).
const out = (text: string) => process.stdout.write(withoutControls(text));
const err = (text: string) => process.stderr.write(withoutControls(text));

/**
 * Commands a program adds to the engine's own, by their first word, and what its usage says of them,
 * which `--help` leads with (the program is theirs first; the engine's own usage follows): the team
 * server's build adds `serve`, `audit` and `admin` (team-server/cli/team-commands.ts). Each
 * gets the words after its own and the terminal's writers (`out`, `err`: controls taken out), and
 * answers with the exit code.
 */
export interface AddedCommands {
  usage: string;
  run: Readonly<Record<string, (argv: readonly string[], terminal: Terminal) => Promise<number>>>;
}

/** Where a command writes its answer (stdout) and what went wrong (stderr), controls taken out. */
export interface Terminal {
  out: (text: string) => void;
  err: (text: string) => void;
}

const NO_COMMANDS: AddedCommands = { usage: '', run: {} };

/** The team server's commands, named so the desktop's engine can say where they went. */
const TEAM_SERVER_COMMANDS = new Set(['serve', 'audit', 'admin']);

export async function main(argv: readonly string[], added: AddedCommands = NO_COMMANDS): Promise<void> {
  const command = argv[0] ?? '';
  if (command === 'policy') {
    const { runPolicyCommand } = await import('./policy-command.ts');
    process.exitCode = await runPolicyCommand(argv.slice(1), process.env, out, err);
    return;
  }
  const run = Object.hasOwn(added.run, command) ? added.run[command] : undefined;
  if (run) {
    process.exitCode = await run(argv.slice(1), { out, err });
    return;
  }
  if (TEAM_SERVER_COMMANDS.has(command)) {
    err(
      `punchcard-mcp ${command} belongs to the team server, which this copy does not hold: the desktop app's engine speaks MCP ` +
        'on stdio only. The team server ships as its own container image and punchcard-server package (docs/team-server/README.md).\n',
    );
    process.exitCode = 2;
    return;
  }
  if (CLIENT_COMMANDS.has(command)) {
    process.exitCode = await runClientCommand(argv);
    return;
  }
  const parsed = parseArguments(argv, process.env);
  if (parsed.kind === 'help') {
    out(await fullUsage(added));
    return;
  }
  if (parsed.kind === 'error') {
    err(`${parsed.message}\n\n${await fullUsage(added)}`);
    process.exitCode = 2;
    return;
  }
  if (parsed.kind === 'version') {
    out(`punchcard-mcp ${SERVER_VERSION}\n`);
    return;
  }
  if (parsed.kind === 'test-connection') {
    const { formatJsonLine, formatVerdict, runConnectionTest } = await import('./test-connection.ts');
    const result = await runConnectionTest({ ...parsed, env: process.env, log: stderrLog });
    process.stderr.write(`${formatVerdict(result.report)}\n`);
    // Not a log line but the command's answer, asked for with --json; nothing else is on stdout
    // (no MCP is spoken in this mode).
    if (parsed.json) process.stdout.write(`${formatJsonLine(result)}\n`);
    process.exitCode = result.exitCode;
    return;
  }
  await serveMcp({
    userDataDir: parsed.userDataDir,
    allTools: parsed.allTools,
    log: stderrLog,
    ...(parsed.provider ? { provider: parsed.provider } : {}),
    ...(parsed.formBackEnd ? { formBackEnd: parsed.formBackEnd } : {}),
  });
}

/** The whole usage: the added commands' first, where a program added some, then the engine's and the AI-client commands. */
async function fullUsage(added: AddedCommands): Promise<string> {
  const { CLIENTS_USAGE } = await import('../clients/cli.ts');
  const engine = `${USAGE}\n\n${CLIENTS_USAGE}`;
  return `${added.usage === '' ? engine : `${added.usage}\n\nThe same program is also the engine the desktop app runs, for one person over stdio:\n\n${engine}`}\n`;
}

/** AI-client registration (mcp-server/clients) loads only for these commands. */
async function runClientCommand(argv: readonly string[]): Promise<number> {
  const { runClientCommand: run } = await import('../clients/cli.ts');
  const { clientRefusal, loadPolicy, policyPaths } = await import('../policy/policy.ts');
  const policy = await loadPolicy(policyPaths(process.env));
  return run({
    refusal: (clientId) => clientRefusal(policy, clientId),
    argv: [...argv],
    env: process.env,
    executable: process.execPath,
    serverScript: realpathSync(process.argv[1] ?? ''),
    // Inside the Electron app this file runs under the app's own binary in Node mode.
    runAsNode: process.versions.electron !== undefined,
    out,
    err,
  });
}
