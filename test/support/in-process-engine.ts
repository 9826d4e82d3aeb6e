// The engine in this test process: the same desktop engine the stdio host opens
// (mcp-server/engine/desktop-engine.ts, as mcp-server/stdio/engine-session.ts builds it), served by the
// SDK's stdio entry over an in-memory pair instead of a pipe, and the SDK's real client on the other
// end. What a test sees is the bundle's engine answering MCP, minus what belongs to a process: the
// opening that answers before the engine loads, stdout, signals, Node's flags and the zone Node takes
// from TZ. Files that test those stay on the bundle (test/support/engine.ts).
import { rmSync } from 'node:fs';
import { Client, InMemoryTransport, type ElicitRequestFormParams, type ElicitResult, type Transport } from '@modelcontextprotocol/client';
import { serveStdio } from '@modelcontextprotocol/server/stdio';
import { APP_MIME_TYPE, UI_EXTENSION } from '../../mcp-server/apps/app-catalog.ts';
import { parseArguments } from '../../mcp-server/cli/arguments.ts';
import { createClock, type Timers } from '../../mcp-server/clock.ts';
import { openDesktopEngine } from '../../mcp-server/engine/desktop-engine.ts';
import { withoutControls } from '../../mcp-server/plain-text.ts';
import { type EngineHandle, type Era, makeUserDataDir } from './engine.ts';

export interface InProcessEngineOptions {
  era?: Era;
  userDataDir?: string;
  /** The command line after `--user-data DIR`, parsed as the bundle parses it (mcp-server/cli/arguments.ts). */
  args?: string[];
  /**
   * The variables the engine reads (PUNCHCARD_NOW, a back end's token or deadline, PUNCHCARD_POLICY_FILE):
   * handed to it as its own environment, never put into this process's. TZ is refused: the zone is
   * the process's, so a test that sets it needs the bundle.
   */
  env?: Record<string, string>;
  listChanged?: () => void;
  promptsChanged?: () => void;
  elicitation?: (params: ElicitRequestFormParams) => ElicitResult | Promise<ElicitResult>;
  apps?: boolean;
  /** What the outbox's background rounds wait with: a test's own (manual-timers.ts) to move on instead of waiting. */
  timers?: Timers;
}

/** Its transport is an in-memory one: there is no process to signal. */
export type InProcessEngineHandle = EngineHandle<Transport>;

/** What the in-process engine logged, line by line as the bundle writes them to stderr (mcp-server/log.ts). */
function collectedLog() {
  let text = '';
  return { log: (message: string) => (text += `[punchcard] ${withoutControls(message)}\n`), text: () => text };
}

/**
 * The in-memory pair hands over the very objects sent; a pipe carries JSON. Each message is written
 * and read as JSON here, so what a test sees is what a client of the bundle would (no undefined
 * fields, no shared objects between the two ends).
 */
function asOnAWire(transport: InMemoryTransport): void {
  const send = transport.send.bind(transport);
  transport.send = (message, options) => send(JSON.parse(JSON.stringify(message)) as typeof message, options);
}

export async function startInProcessEngine(options: InProcessEngineOptions = {}): Promise<InProcessEngineHandle> {
  const env: NodeJS.ProcessEnv = { ...options.env };
  if (env.TZ !== undefined) throw new Error("TZ is the process's zone: a test that sets it runs the bundle (startEngine).");
  const userDataDir = options.userDataDir ?? makeUserDataDir();
  const parsed = parseArguments(['--user-data', userDataDir, ...(options.args ?? [])], env);
  if (parsed.kind !== 'serve') throw new Error(`The in-process engine serves MCP only; these arguments ask for ${parsed.kind}.`);
  const logged = collectedLog();
  const engine = await openDesktopEngine({
    userDataDir,
    allTools: parsed.allTools,
    now: createClock(env),
    log: logged.log,
    env,
    ...(parsed.provider ? { provider: parsed.provider } : {}),
    ...(parsed.formBackEnd ? { formBackEnd: parsed.formBackEnd } : {}),
    ...(options.timers ? { timers: options.timers } : {}),
  });
  const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair();
  asOnAWire(clientTransport);
  asOnAWire(serverTransport);
  // The SDK's stdio entry decides the era from the opening, as it does behind the bundle's pipe (mcp-server/stdio/sdk-link.ts).
  const served = serveStdio(() => engine.createServer(), { transport: serverTransport, onerror: (error) => logged.log(`transport: ${error.message}`) });
  const client = new Client(
    { name: 'punchcard-tests', version: '1.0.0' },
    {
      ...(options.era === 'modern' ? { versionNegotiation: { mode: { pin: '2026-07-28' as const } } } : {}),
      ...(options.elicitation || options.apps
        ? {
            capabilities: {
              ...(options.elicitation ? { elicitation: { form: {} } } : {}),
              ...(options.apps ? { extensions: { [UI_EXTENSION]: { mimeTypes: [APP_MIME_TYPE] } } } : {}),
            },
          }
        : {}),
      ...(options.listChanged || options.promptsChanged
        ? {
            listChanged: {
              ...(options.listChanged ? { tools: { onChanged: () => options.listChanged?.() } } : {}),
              ...(options.promptsChanged ? { prompts: { onChanged: () => options.promptsChanged?.() } } : {}),
            },
          }
        : {}),
    },
  );
  const answer = options.elicitation;
  if (answer) client.setRequestHandler('elicitation/create', async (request) => answer(request.params as ElicitRequestFormParams));
  await client.connect(clientTransport);
  return {
    client,
    transport: clientTransport,
    userDataDir,
    stderr: logged.text,
    call: async (name, args = {}) => (await client.callTool({ name, arguments: args })) as Awaited<ReturnType<EngineHandle['call']>>,
    close: async () => {
      await client.close();
      await served.close();
      engine.close();
      if (!options.userDataDir) rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}
