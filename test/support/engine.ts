// Spawns the BUILT server (dist/) over real stdio and connects the official SDK client to it, as
// an AI client would. `npm test` builds first; run `npm run build` before running a file alone.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client, type ElicitRequestFormParams, type ElicitResult, type Transport } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { APP_MIME_TYPE, UI_EXTENSION } from '../../mcp-server/apps/app-catalog.ts';

// PUNCHCARD_TEST_BUNDLE points the tests at another build (`vite build --outDir dist-…`), so two
// people working in one checkout do not rebuild the bundle under each other's running tests.
export const SERVER_BUNDLE = resolve(process.env.PUNCHCARD_TEST_BUNDLE ?? resolve(import.meta.dirname, '../../dist/mcp-server/punchcard-mcp.mjs'));
/** The team server's build (team-server/index.ts): the same command line with `serve`, `audit` and `admin`, beside the engine's. */
export const TEAM_SERVER_BUNDLE = resolve(SERVER_BUNDLE, '../../team-server/punchcard-mcp.mjs');

export type Era = 'legacy' | 'modern';

/**
 * An engine a test talks MCP to: the bundle over stdio (below; its transport knows the child's pid),
 * or the engine in this process (in-process-engine.ts), whose handle is an `EngineHandle<Transport>`.
 */
export interface EngineHandle<T extends Transport = StdioClientTransport> {
  client: Client;
  transport: T;
  userDataDir: string;
  stderr: () => string;
  /** Calls a tool and returns its result, failing the test on a protocol error. */
  call: (name: string, args?: Record<string, unknown>) => Promise<ToolResult>;
  close: () => Promise<void>;
}

export interface ToolResult {
  isError?: boolean;
  content: Array<{ type: string; text?: string }>;
  structuredContent?: Record<string, unknown>;
}

export function makeUserDataDir(settings?: Record<string, unknown>): string {
  const dir = mkdtempSync(join(tmpdir(), 'punchcard-test-'));
  if (settings) writeSettings(dir, settings);
  return dir;
}

export function writeSettings(dir: string, settings: Record<string, unknown>): void {
  writeFileSync(join(dir, 'config.json'), JSON.stringify({ schemaVersion: 1, ...settings }, null, 2));
}

export async function startEngine(
  options: {
    era?: Era;
    userDataDir?: string;
    args?: string[];
    env?: Record<string, string>;
    listChanged?: () => void;
    /** Called when the prompt list changes (prompts/list_changed, or a 2026 subscription). */
    promptsChanged?: () => void;
    /**
     * Declares form elicitation and answers each question with this (the SDK's real client: a 2025
     * connection gets elicitation/create, a 2026 one input_required results it fulfils and retries).
     */
    elicitation?: (params: ElicitRequestFormParams) => ElicitResult | Promise<ElicitResult>;
    /** Node's own flags, before the bundle (a registered entry's heap flags: mcp-server/engine-flags.ts). */
    nodeFlags?: readonly string[];
    /** Declares the MCP Apps extension (`io.modelcontextprotocol/ui`), as a host that draws apps does. */
    apps?: boolean;
  } = {},
): Promise<EngineHandle> {
  if (!existsSync(SERVER_BUNDLE)) throw new Error(`No server bundle at ${SERVER_BUNDLE}: run npm run build first.`);
  const userDataDir = options.userDataDir ?? makeUserDataDir();
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [...(options.nodeFlags ?? []), SERVER_BUNDLE, '--user-data', userDataDir, ...(options.args ?? [])],
    env: { PATH: process.env.PATH ?? '', HOME: userDataDir, TZ: 'Europe/Berlin', ...options.env },
    stderr: 'pipe',
  });
  let stderr = '';
  transport.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
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
  await client.connect(transport);
  return {
    client,
    transport,
    userDataDir,
    stderr: () => stderr,
    call: async (name, args = {}) => (await client.callTool({ name, arguments: args })) as ToolResult,
    close: async () => {
      await client.close();
      if (!options.userDataDir) rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

export function textOf(result: ToolResult): string {
  return result.content.map((block) => block.text ?? '').join('\n');
}
