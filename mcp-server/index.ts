// `punchcard-mcp [--user-data DIR] [--all-tools]`: the MCP server an AI client launches, on stdio.
// It answers `tools/list` before touching the database: the timesheet opens on the first tool call.
import { serveStdio } from '@modelcontextprotocol/server/stdio';
import { parseArguments, USAGE } from './cli/arguments.ts';
import { createClock } from './clock.ts';
import { stderrLog } from './log.ts';
import { createEngine, SERVER_VERSION } from './server.ts';

function main(): void {
  const parsed = parseArguments(process.argv.slice(2), process.env);
  if (parsed.kind === 'error') {
    process.stderr.write(`${parsed.message}\n\n${USAGE}\n`);
    process.exitCode = 2;
    return;
  }
  if (parsed.kind === 'help') {
    process.stderr.write(`${USAGE}\n`);
    return;
  }
  if (parsed.kind === 'version') {
    process.stderr.write(`punchcard-mcp ${SERVER_VERSION}\n`);
    return;
  }
  const engine = createEngine({
    userDataDir: parsed.userDataDir,
    allTools: parsed.allTools,
    now: createClock(),
    log: stderrLog,
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

main();
