// What `punchcard-mcp` does with its arguments: serve MCP on stdio (the default), check the
// connection to the back end, or run the AI-client commands. Each mode loads only its own code.
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

export async function main(argv: readonly string[]): Promise<void> {
  if (argv[0] === 'policy') {
    const { runPolicyCommand } = await import('./policy-command.ts');
    process.exitCode = await runPolicyCommand(argv.slice(1), process.env, out);
    return;
  }
  if (argv[0] === 'serve') {
    const { runServeCommand } = await import('./serve-command.ts');
    process.exitCode = await runServeCommand(argv.slice(1), process.env, (text) => process.stderr.write(text));
    return;
  }
  if (argv[0] === 'admin') {
    const { runAdminCommand } = await import('../admin/admin-command.ts');
    // The command's answer is for the administrator at the terminal: stdout, one line a finding.
    process.exitCode = await runAdminCommand(argv.slice(1), process.env, out, err);
    return;
  }
  if (argv[0] === 'audit') {
    const { runAuditCommand } = await import('./serve-command.ts');
    // The records are the command's answer: stdout, one JSON line each (no MCP is spoken here).
    process.exitCode = await runAuditCommand(
      argv.slice(1),
      (text) => process.stdout.write(text),
      (text) => process.stderr.write(text),
    );
    return;
  }
  if (CLIENT_COMMANDS.has(argv[0] ?? '')) {
    process.exitCode = await runClientCommand(argv);
    return;
  }
  const parsed = parseArguments(argv, process.env);
  if (parsed.kind === 'error' || parsed.kind === 'help') {
    const { CLIENTS_USAGE } = await import('../clients/cli.ts');
    const usage = `${USAGE}\n\n${CLIENTS_USAGE}\n`;
    err(parsed.kind === 'error' ? `${parsed.message}\n\n${usage}` : usage);
    if (parsed.kind === 'error') process.exitCode = 2;
    return;
  }
  if (parsed.kind === 'version') {
    process.stderr.write(`punchcard-mcp ${SERVER_VERSION}\n`);
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
