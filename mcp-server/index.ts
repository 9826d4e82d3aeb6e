// `punchcard-mcp [--user-data DIR] [--all-tools] [--provider kimai --url URL]`: the MCP server an AI
// client launches, on stdio; `--test-connection [--json]` checks the back end instead and exits.
// `punchcard-mcp clients|register|unregister|repair|snippet`: connect AI clients (clients/).
// It answers `tools/list` before touching the database: the timesheet opens on the first tool call.
import { realpathSync } from 'node:fs';
import { serveStdio } from '@modelcontextprotocol/server/stdio';
import { parseArguments, USAGE } from './cli/arguments.ts';
import { formatJsonLine, formatVerdict, runConnectionTest } from './cli/test-connection.ts';
import { createClock } from './clock.ts';
import { stderrLog } from './log.ts';
import { createEngine, SERVER_VERSION } from './server.ts';

const CLIENT_COMMANDS = new Set(['clients', 'register', 'unregister', 'repair', 'snippet']);

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (CLIENT_COMMANDS.has(argv[0] ?? '')) {
    process.exitCode = await runClientCommand(argv);
    return;
  }
  const parsed = parseArguments(argv, process.env);
  if (parsed.kind === 'error') {
    const { CLIENTS_USAGE } = await import('./clients/cli.ts');
    process.stderr.write(`${parsed.message}\n\n${USAGE}\n\n${CLIENTS_USAGE}\n`);
    process.exitCode = 2;
    return;
  }
  if (parsed.kind === 'help') {
    const { CLIENTS_USAGE } = await import('./clients/cli.ts');
    process.stderr.write(`${USAGE}\n\n${CLIENTS_USAGE}\n`);
    return;
  }
  if (parsed.kind === 'version') {
    process.stderr.write(`punchcard-mcp ${SERVER_VERSION}\n`);
    return;
  }
  if (parsed.kind === 'test-connection') {
    void runConnectionTest({ ...parsed, env: process.env, log: stderrLog }).then((result) => {
      process.stderr.write(`${formatVerdict(result.report)}\n`);
      // Not a log line but the command's answer, asked for with --json; nothing else is on stdout
      // (no MCP is spoken in this mode).
      if (parsed.json) process.stdout.write(`${formatJsonLine(result)}\n`);
      process.exitCode = result.exitCode;
    });
    return;
  }
  const engine = createEngine({
    userDataDir: parsed.userDataDir,
    allTools: parsed.allTools,
    now: createClock(),
    log: stderrLog,
    ...(parsed.provider ? { provider: parsed.provider } : {}),
  });
  let closing = false;
  const handle = serveStdio(() => engine.createServer(), {
    onerror: (error) => stderrLog(`transport: ${error.message}`),
  });
  const shutdown = () => {
    if (closing) return;
    closing = true;
    void handle.close().finally(() => engine.close());
  };
  // The client closing our stdin is the normal way a stdio server is told to stop.
  process.stdin.once('end', shutdown);
  process.stdin.once('close', shutdown);
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
  stderrLog(`serving on stdio (data in ${parsed.userDataDir}${parsed.allTools ? ', all tools' : ''})`);
}

/**
 * AI-client registration lives with the app (main/clients, Electron-free) and is loaded only for
 * these commands, so serving MCP never pays for it.
 */
async function runClientCommand(argv: string[]): Promise<number> {
  const { runClientCommand: run } = await import('./clients/cli.ts');
  return run({
    argv,
    env: process.env,
    executable: process.execPath,
    serverScript: realpathSync(process.argv[1] ?? ''),
    // Inside the Electron app this file runs under the app's own binary in Node mode.
    runAsNode: process.versions.electron !== undefined,
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
  });
}

void main();
