// The one harness for tests that talk MCP to the engine with the official SDK client, as an AI client
// would. It opens the engine one of two ways behind the same client and handle:
// - startInProcessEngine: the same desktop engine the stdio host opens (mcp-server/engine/desktop-engine.ts,
//   as mcp-server/stdio/engine-session.ts builds it) in this test process, served by the SDK's stdio
//   entry over an in-memory pair instead of a pipe. What a test sees is the bundle's engine answering
//   MCP, minus what belongs to a process: the opening that answers before the engine loads, stdout,
//   signals, Node's flags and the zone Node takes from TZ.
// - startActingEngine: the engine as the team server builds it for one person under one organisation
//   credential (team-server/team/person-engines.ts), through the team server's entry to the engine, in this
//   process and served the same way.
// - startEngine: the BUILT server (dist/) spawned over real stdio, for the files that test those.
//   `npm test` builds first; run `npm run build` before running such a file alone.
// - openEngine: either of the first and the last, for a scenario the tests and `npm run bench` share.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client, type ElicitRequestFormParams, type ElicitResult, InMemoryTransport, type Transport } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import type { McpServer } from '@modelcontextprotocol/server';
import { APP_MIME_TYPE, UI_EXTENSION } from '../../mcp-server/apps/app-catalog.ts';
import { REFUSAL_META_KEY } from '../../mcp-server/contract/outcomes/refusal-meta.ts';
import type { Timers, WallClock } from '../../mcp-server/clock.ts';
import { testPace } from './test-pace.ts';

// PUNCHCARD_TEST_BUNDLE points the tests at another build (`vite build --outDir dist-…`), so two
// people working in one checkout do not rebuild the bundle under each other's running tests.
export const SERVER_BUNDLE = resolve(process.env.PUNCHCARD_TEST_BUNDLE ?? resolve(import.meta.dirname, '../../dist/mcp-server/punchcard-mcp.mjs'));
/** The team server's build (team-server/index.ts): the same command line with `serve`, `audit` and `admin`, beside the engine's. */
export const TEAM_SERVER_BUNDLE = resolve(SERVER_BUNDLE, '../../team-server/punchcard-mcp.mjs');

export type Era = 'legacy' | 'modern';

/**
 * An engine a test talks MCP to: the bundle over stdio (its transport knows the child's pid), or the
 * engine in this process, whose handle is an `EngineHandle<Transport>` (InProcessEngineHandle).
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

/** Its transport is an in-memory one: there is no process to signal. */
export type InProcessEngineHandle = EngineHandle<Transport>;

/** Either kind, for what only talks MCP to the engine (a scenario both tests and the bench run: openEngine). */
export type AnyEngineHandle = EngineHandle<Transport>;

export interface ToolResult {
  isError?: boolean;
  content: Array<{ type: string; text?: string }>;
  structuredContent?: Record<string, unknown>;
  _meta?: Record<string, unknown>;
}

export function makeUserDataDir(settings?: Record<string, unknown>): string {
  const dir = mkdtempSync(join(tmpdir(), 'punchcard-test-'));
  if (settings) writeSettings(dir, settings);
  return dir;
}

export function writeSettings(dir: string, settings: Record<string, unknown>): void {
  writeFileSync(join(dir, 'config.json'), JSON.stringify({ schemaVersion: 1, ...settings }, null, 2));
}

/**
 * The refusal an error answer carries as data (its code and facts, in its `_meta`), or undefined for
 * an answer that is not one. A refusal carries no structured content (it would not match the tool's
 * output schema): asked of one that does, this fails the test.
 */
export function refusalOf(result: ToolResult): { code: string; facts: Record<string, unknown> } | undefined {
  const refusal = result._meta?.[REFUSAL_META_KEY] as { code: string; facts: Record<string, unknown> } | undefined;
  if (refusal !== undefined && result.structuredContent !== undefined)
    throw new Error(`A refusal (${refusal.code}) came with structured content: ${JSON.stringify(result.structuredContent)}`);
  return refusal;
}

export function textOf(result: ToolResult): string {
  return result.content.map((block) => block.text ?? '').join('\n');
}

/** What the test's client declares and listens to, the same whichever way the engine was opened. */
interface ClientOptions {
  era?: Era;
  listChanged?: () => void;
  /** Called when the prompt list changes (prompts/list_changed, or a 2026 subscription). */
  promptsChanged?: () => void;
  /**
   * Declares form elicitation and answers each question with this (the SDK's real client: a 2025
   * connection gets elicitation/create, a 2026 one input_required results it fulfils and retries).
   */
  elicitation?: (params: ElicitRequestFormParams) => ElicitResult | Promise<ElicitResult>;
  /** Declares the MCP Apps extension (`io.modelcontextprotocol/ui`), as a host that draws apps does. */
  apps?: boolean;
  /** The client's `clientInfo.name` (an AI agent's label): punchcard-tests unless said. */
  clientName?: string;
}

export interface EngineOptions extends ClientOptions {
  userDataDir?: string;
  args?: string[];
  env?: Record<string, string>;
  /** Node's own flags, before the bundle (a registered entry's heap flags: mcp-server/engine-flags.ts). */
  nodeFlags?: readonly string[];
}

export interface InProcessEngineOptions extends ClientOptions {
  userDataDir?: string;
  /** The command line after `--user-data DIR`, parsed as the bundle parses it (mcp-server/cli/arguments.ts). */
  args?: string[];
  /**
   * The variables the engine reads (PUNCHCARD_NOW, a back end's token or deadline, PUNCHCARD_POLICY_FILE):
   * handed to it as its own environment, never put into this process's. TZ is refused: the zone is
   * the process's, so a test that sets it needs the bundle.
   */
  env?: Record<string, string>;
  /** What the outbox's background rounds wait with: a test's own (manual-timers.ts) to move on instead of waiting. */
  timers?: Timers;
  /** The wall clock the organisation's request limit (Calamari's) holds by and waits on: a test's own (fake-clock.ts) to move on instead of waiting. */
  wallClock?: WallClock;
  /** The app's own engine, as if it proved so (mcp-server/policy/app-engine-proof.ts): with `--all-tools` it lists the window's tools too. */
  appEngine?: boolean;
}

/** Connects the SDK's real client over `transport`, declaring what the options ask for. */
async function connectClient(transport: Transport, options: ClientOptions): Promise<Client> {
  const client = new Client(
    { name: options.clientName ?? 'punchcard-tests', version: '1.0.0' },
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
  return client;
}

/** The handle over a connected client: closing it ends what serves the engine, and the folder too when the harness made it. */
function handleOf<T extends Transport>(opened: {
  client: Client;
  transport: T;
  userDataDir: string;
  madeFolder: boolean;
  stderr: () => string;
  closeServer: () => Promise<void>;
}): EngineHandle<T> {
  const { client, transport, userDataDir } = opened;
  return {
    client,
    transport,
    userDataDir,
    stderr: opened.stderr,
    call: async (name, args = {}) => (await client.callTool({ name, arguments: args })) as ToolResult,
    close: async () => {
      await client.close();
      await opened.closeServer();
      if (opened.madeFolder) rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** The built server as a child process over real stdio. */
export async function startEngine(options: EngineOptions = {}): Promise<EngineHandle> {
  if (!existsSync(SERVER_BUNDLE)) throw new Error(`No server bundle at ${SERVER_BUNDLE}: run npm run build first.`);
  const userDataDir = options.userDataDir ?? makeUserDataDir();
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [...(options.nodeFlags ?? []), SERVER_BUNDLE, '--user-data', userDataDir, ...(options.args ?? [])],
    env: { PATH: process.env.PATH ?? '', HOME: userDataDir, TZ: 'Europe/Berlin', ...testPace(), ...options.env },
    stderr: 'pipe',
  });
  let stderr = '';
  transport.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const client = await connectClient(transport, options);
  // Closing the client closes the transport, which ends the child.
  return handleOf({ client, transport, userDataDir, madeFolder: !options.userDataDir, stderr: () => stderr, closeServer: async () => {} });
}

/**
 * Where a scenario that tests and `npm run bench` share opens its engine: the bench measures the
 * bundle's process (its start, its memory), so it asks for 'bundle'; a test whose subject is what the
 * engine does (the requests it sends, its answers) asks for 'in process' and pays no process's start
 * and cold code for each engine. The in-process engine takes no TZ (startInProcessEngine).
 */
export type EngineWhere = 'bundle' | 'in process';

/** An engine opened where `where` says, behind the same handle. */
export function openEngine(where: EngineWhere, options: EngineOptions & InProcessEngineOptions = {}): Promise<AnyEngineHandle> {
  return where === 'bundle' ? startEngine(options) : startInProcessEngine(options);
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

/** The engine in this test process. */
export async function startInProcessEngine(options: InProcessEngineOptions = {}): Promise<InProcessEngineHandle> {
  const env: NodeJS.ProcessEnv = { ...testPace(), ...options.env };
  if (env.TZ !== undefined) throw new Error("TZ is the process's zone: a test that sets it runs the bundle (startEngine).");
  // Loaded here, not at the top: most files import this module for a folder or SERVER_BUNDLE only, and
  // the engine's modules would add a third of a second to each of them.
  const [{ parseArguments }, { createClock }, { openDesktopEngine }, { withoutControls }] = await Promise.all([
    import('../../mcp-server/cli/arguments.ts'),
    import('../../mcp-server/clock.ts'),
    import('../../mcp-server/engine/desktop-engine.ts'),
    import('../../mcp-server/plain-text.ts'),
  ]);
  const userDataDir = options.userDataDir ?? makeUserDataDir();
  const parsed = parseArguments(['--user-data', userDataDir, ...(options.args ?? [])], env);
  if (parsed.kind !== 'serve') throw new Error(`The in-process engine serves MCP only; these arguments ask for ${parsed.kind}.`);
  // What the engine logs, line by line as the bundle writes them to stderr (mcp-server/log.ts).
  let logged = '';
  const log = (message: string) => (logged += `[punchcard] ${withoutControls(message)}\n`);
  const engine = await openDesktopEngine({
    userDataDir,
    allTools: parsed.allTools,
    now: createClock(env),
    log,
    env,
    ...(parsed.provider ? { provider: parsed.provider } : {}),
    ...(parsed.formBackEnd ? { formBackEnd: parsed.formBackEnd } : {}),
    ...(options.timers ? { timers: options.timers } : {}),
    ...(options.wallClock ? { wallClock: options.wallClock } : {}),
    ...(options.appEngine ? { appEngine: true } : {}),
  });
  return serveInProcess(engine, { userDataDir, madeFolder: !options.userDataDir, log, logged: () => logged }, options);
}

/** An engine served over an in-memory pair, as the SDK's stdio entry serves it behind the bundle's pipe, with the SDK's client on the other end. */
async function serveInProcess(
  engine: { createServer(): McpServer; close(): void },
  made: { userDataDir: string; madeFolder: boolean; log: (message: string) => void; logged: () => string },
  options: ClientOptions,
): Promise<InProcessEngineHandle> {
  const { serveStdio } = await import('@modelcontextprotocol/server/stdio');
  const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair();
  asOnAWire(clientTransport);
  asOnAWire(serverTransport);
  // The SDK's stdio entry decides the era from the opening, as it does behind the bundle's pipe (mcp-server/stdio/sdk-link.ts).
  const served = serveStdio(() => engine.createServer(), { transport: serverTransport, onerror: (error) => made.log(`transport: ${error.message}`) });
  const client = await connectClient(clientTransport, options);
  return handleOf<Transport>({
    client,
    transport: clientTransport,
    userDataDir: made.userDataDir,
    madeFolder: made.madeFolder,
    stderr: made.logged,
    closeServer: async () => {
      await served.close();
      engine.close();
    },
  });
}

export interface ActingEngineOptions extends ClientOptions {
  /** The back end as the team server's config names it (read as the config is): its address, and Clockodo's owner login or Clockify's workspace. */
  provider: Record<string, unknown>;
  /** The organisation's credential (sign_in.organisation's key, or Calamari's own). */
  key: string;
  /**
   * The tracker user the person is pinned to, as the tracker names them (sign_in.organisation). None on Calamari,
   * whose key is the organisation's by nature and names the person by the e-mail of the provider's profile.
   */
  actingFor?: string;
  /** The person's name and zone, as the server's settings make them theirs. */
  person: { name: string; timezone: string };
  /** The variables the back end reads (PUNCHCARD_NOW, its deadline and pace), handed to the engine as its own. */
  env?: Record<string, string>;
}

/**
 * The engine as the team server builds it for one person under one organisation credential
 * (team-server/team/person-engines.ts), in this process through the team server's own entry to the engine
 * (mcp-server/for-the-team-server.ts): the organisation's key acting for the tracker user the person is pinned to,
 * in a data folder of the person's. Every tool the back end can serve this way, as `--all-tools` gives the desktop
 * engine's tests: what is withheld is the back end's or the organisation account's, never a switch. What is the
 * server's alone (the company sign-in, pinning, the store, the audit) is left out: the team server's tests keep it.
 */
export async function startActingEngine(options: ActingEngineOptions): Promise<InProcessEngineHandle> {
  const env: NodeJS.ProcessEnv = { ...testPace(), ...options.env };
  const [{ createTracker, Engine, PolicyFiles }, { createClock }, { defaultSettings }, { BackEndProfileSchema }, { withoutControls }] = await Promise.all([
    import('../../mcp-server/for-the-team-server.ts'),
    import('../../mcp-server/clock.ts'),
    import('../../mcp-server/contract/default-settings.ts'),
    import('../../mcp-server/contract/settings.ts'),
    import('../../mcp-server/plain-text.ts'),
  ]);
  // Read as the server's config reads its provider (its address in the normal form, without /api).
  const provider = BackEndProfileSchema.parse(options.provider);
  const userDataDir = makeUserDataDir();
  let logged = '';
  const log = (message: string) => (logged += `[punchcard] ${withoutControls(message)}\n`);
  const base = defaultSettings();
  const settings = { ...base, timezone: options.person.timezone, user: { ...base.user, name: options.person.name } };
  const policy = await PolicyFiles.open([], log);
  const engine = await Engine.open({
    settings: { where: 'the server configuration', read: () => ({ settings, text: null, problem: null, notes: [] }), watch: () => () => {} },
    policy,
    profile: () => provider,
    openTracker: (profile, basics) =>
      createTracker({
        ...basics,
        profile,
        userDataDir,
        env,
        ...(options.actingFor === undefined ? {} : { actingFor: { userId: options.actingFor } }),
        // The organisation's key, as the server holds it in memory: never a person's, never stored.
        credentials: {
          kind: 'team server',
          get: async () => options.key,
          set: () => Promise.reject(new Error('The team server stores credentials only at sign-in.')),
          delete: () => Promise.resolve(false),
        },
      }),
    now: createClock(env),
    log,
    callDeadlineMs: 45_000,
    allTools: true,
    // As the team server opens a person's back end; pinned under one organisation credential, its first check waited for.
    detection: { delayMs: 0, ...(options.actingFor === undefined ? {} : { beforeUseMs: 10_000 }) },
    explainsPolicy: false,
    closeWith: () => policy.close(),
  });
  return serveInProcess(engine, { userDataDir, madeFolder: true, log, logged: () => logged }, options);
}
