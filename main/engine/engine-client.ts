// The app's connection to its engine (docs/decisions.md, "The app calls its own engine's tools"):
// the bundled MCP server as a child process, spoken to over stdio with the official SDK client,
// exactly as an AI client would. Started on the first call (concurrent first calls share one
// start), kept warm, started again on the next call after it dies — with a growing wait when it
// keeps dying at once — and shut down for real on close. The tool list is asked once per engine
// process and kept until the engine says it changed. Electron-free: the command is given
// (Electron's own binary in Node mode in the app, Node in tests).
import { existsSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { Client, ProtocolError, SdkError, SdkErrorCode } from '@modelcontextprotocol/client';
import { childEnvironment } from './child-environment.ts';
import { EngineError, messages } from './engine-error.ts';
import { EngineTransport } from './engine-transport.ts';
import { LineTail } from './line-tail.ts';
import { refusalIn } from './refusal-words.ts';
import { StartGate } from './start-gate.ts';

export interface EngineClientOptions {
  command: string;
  args: readonly string[];
  /** Added to the child's environment (e.g. ELECTRON_RUN_AS_NODE); wins over what is passed through. */
  env?: Readonly<Record<string, string>>;
  /** Where the passed-through variables come from (see child-environment.ts); default process.env. */
  parentEnv?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Files a start needs (the bundle): a missing one is a clear error instead of Node's stack trace. */
  requiredFiles?: readonly string[];
  /** Per call; default 30 s, above the 15 s a Kimai request may take before the engine gives up on it. */
  callTimeoutMs?: number;
  /** Spawn to answered `initialize`; default 20 s (a cold start takes a fraction of a second). */
  startTimeoutMs?: number;
  /** The wait before a start after a failed one, doubling per failure; default 1 s up to 30 s. */
  restartDelay?: { baseMs: number; maxMs: number };
  /** One line per call: the client's own notes and every line the engine writes to stderr. */
  log: (message: string) => void;
  /** The engine's tool list changed (a back end gained or lost a feature): tools() asks it again. */
  onToolsChanged?: () => void;
  clientInfo?: { name: string; version: string };
  /** The clock for restart waits; tests pass their own. */
  now?: () => number;
}

export interface ToolResult {
  /** The tool's `structuredContent`; the caller parses it with the tool's output schema. */
  structured: unknown;
  /** The tool's short text rendering. */
  text: string;
}

export interface EngineState {
  /** The running engine's process id, or null when none runs (not started yet, stopped, closed). */
  pid: number | null;
  /** Processes started so far. */
  starts: number;
  /** Failed starts since the last answered call. */
  failures: number;
  closed: boolean;
}

export interface EngineClient {
  /** Calls a tool; rejects with an EngineError (a tool's `isError` answer included). */
  callTool(name: string, args?: Record<string, unknown>): Promise<ToolResult>;
  /** The names of the tools the engine lists now (asked once per engine, again after it says they changed). */
  tools(): Promise<string[]>;
  /** Stops the running engine (if any); the next call starts a new one at once. For a changed back end. */
  restart(): Promise<void>;
  /** Stops the engine and refuses further calls. Idempotent; resolves when the process is gone. */
  close(): Promise<void>;
  state(): EngineState;
}

/** How many of the engine's stderr lines are kept for error messages. */
const STDERR_LINES = 20;
/** A stopped engine gets this long to finish writing stderr before its error is worded. */
const STDERR_GRACE_MS = 1_000;
/** After asking the process to stop (the SDK ends stdin, then SIGTERM, then SIGKILL): the last wait. */
const EXIT_WAIT_MS = 5_000;
/** After a timed-out call, whether the engine still answers at all (at most the call timeout). */
const PING_TIMEOUT_MS = 5_000;

interface Connection {
  readonly client: Client;
  readonly tail: LineTail;
  pid: number | null;
  /** The process is gone (its stdio closed). */
  readonly exited: Promise<void>;
  readonly stderrEnded: Promise<void>;
  /** `initialize` was answered. */
  started: boolean;
  /** A call was answered: a later death is a crash, not a failed start. */
  answered: boolean;
  dead: boolean;
  /** We are stopping it on purpose: its end is no failure. */
  stopping: boolean;
  /** A liveness check after a timeout is under way. */
  checking: boolean;
  /** Set once stop() began; later calls wait for the same end. */
  stopped?: Promise<void>;
  /**
   * This process's tool list, asked or being asked. A process keeps its list until it says it
   * changed (notifications/tools/list_changed), so a status refresh costs no tools/list.
   */
  tools?: Promise<readonly string[]>;
}

export function createEngineClient(options: EngineClientOptions): EngineClient {
  const callTimeoutMs = options.callTimeoutMs ?? 30_000;
  const startTimeoutMs = options.startTimeoutMs ?? 20_000;
  const now = options.now ?? Date.now;
  const log = options.log;
  const env = childEnvironment(options.parentEnv ?? process.env, options.env);
  // The reason is worded when asked for: the engine's last stderr lines may still be arriving.
  const gate = new StartGate<() => EngineError>({ baseDelayMs: options.restartDelay?.baseMs ?? 1_000, maxDelayMs: options.restartDelay?.maxMs ?? 30_000 });
  let current: Connection | undefined;
  let starting: Promise<Connection> | undefined;
  // Every process not yet gone, the current one and any being stopped: close() waits for them all.
  const live = new Set<Connection>();
  let closing: Promise<void> | undefined;
  let starts = 0;

  function connect(): Promise<Connection> {
    if (closing) return Promise.reject(new EngineError('closed', messages.closed()));
    if (current && !current.dead) return Promise.resolve(current);
    if (starting) return starting;
    const refusal = backingOff(gate, now());
    if (refusal) return Promise.reject(refusal);
    const attempt = start().then(
      (connection) => {
        current = connection;
        return connection;
      },
      (error: unknown) => {
        const failure = error instanceof EngineError ? error : new EngineError('start', messages.exitedAtStart(String(error), []));
        gate.failed(now(), () => failure);
        throw failure;
      },
    );
    starting = attempt;
    void attempt
      .finally(() => {
        if (starting === attempt) starting = undefined;
      })
      .catch(() => {});
    return attempt;
  }

  async function start(): Promise<Connection> {
    requireFiles(options.requiredFiles ?? []);
    starts++;
    const { tail, transport, stderrEnded, exited, markExited } = engineProcess(options, env);
    // Always listened to: the kept tool list depends on it. It only comes once connected, when
    // `connection` below exists.
    const client = newClient(options, () => toolsChanged(connection));
    const connection = newConnection({ client, tail, exited, stderrEnded });
    live.add(connection);
    // Set before connect(): the SDK chains its own handlers after these.
    transport.onclose = () => {
      live.delete(connection);
      markExited();
      engineStopped(connection);
    };
    try {
      await client.connect(transport, { timeout: startTimeoutMs });
    } catch (error) {
      await stop(connection);
      await settles(stderrEnded, STDERR_GRACE_MS);
      throw startError(error, tail.lines(), { command: options.command, startTimeoutMs });
    }
    connection.started = true;
    connection.pid = transport.pid;
    log(`Engine started (pid ${connection.pid ?? '?'}).`);
    return connection;
  }

  /** The process is gone: whoever calls next starts a new one (after a wait, when it never worked). */
  function engineStopped(connection: Connection): void {
    connection.dead = true;
    if (current === connection) current = undefined;
    if (connection.stopping || !connection.started || closing) return;
    log(`The engine stopped (pid ${connection.pid ?? '?'}); it starts again on the next call.`);
    if (!connection.answered) gate.failed(now(), () => stoppedBeforeAnswering(connection));
  }

  /** Stops one engine process and waits until it is really gone. */
  function stop(connection: Connection): Promise<void> {
    if (!connection.stopped && current === connection) current = undefined;
    connection.stopped ??= stopProcess(connection, log);
    return connection.stopped;
  }

  /**
   * The engine's tools changed: its list is asked again on the next tools(). A list still being asked
   * is dropped too, as its answer may be from before the change; its callers still get it.
   */
  function toolsChanged(connection: Connection): void {
    connection.tools = undefined;
    options.onToolsChanged?.();
  }

  /** How a failed call is worded, with what this client knows at the moment it failed. */
  const callError = (error: unknown, tool: string, connection: Connection): Promise<EngineError> =>
    wordCallError(error, tool, connection, {
      callTimeoutMs,
      closing: closing !== undefined,
      timedOut: () => void checkAlive(connection, { callTimeoutMs, log, stop }),
    });

  /** Waits for a start under way, then stops every process not yet gone. */
  async function stopAll(): Promise<void> {
    await starting?.catch(() => undefined);
    await Promise.all([...live].map(stop));
  }

  function answered(connection: Connection): void {
    connection.answered = true;
    gate.reset();
  }

  return {
    async callTool(name, args = {}) {
      const connection = await connect();
      let result: Awaited<ReturnType<Client['callTool']>>;
      try {
        result = await connection.client.callTool({ name, arguments: args }, { timeout: callTimeoutMs });
      } catch (error) {
        throw await callError(error, name, connection);
      }
      answered(connection);
      return toolResult(name, result);
    },

    async tools() {
      const connection = await connect();
      connection.tools ??= listTools(connection, { callTimeoutMs, answered, callError });
      return [...(await connection.tools)];
    },

    async restart() {
      if (closing) return;
      gate.reset();
      await stopAll();
    },

    close() {
      closing ??= stopAll();
      return closing;
    },

    state: () => ({ pid: current && !current.dead ? current.pid : null, starts, failures: gate.failures, closed: closing !== undefined }),
  };
}

/** Whether the promise settled within `ms`. */
async function settles(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([
      promise.then(
        () => true,
        () => true,
      ),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The tool's answer as the app reads it, or its error answer as an EngineError. */
export function toolResult(
  name: string,
  result: Pick<Awaited<ReturnType<Client['callTool']>>, 'content' | 'isError' | 'structuredContent' | '_meta'>,
): ToolResult {
  const text = result.content
    .map((block) => (block.type === 'text' ? block.text : ''))
    .filter((line) => line !== '')
    .join('\n');
  if (result.isError) {
    const refusal = refusalIn(result._meta);
    throw new EngineError('tool', text || `${name} failed without saying why.`, { tool: name, ...(refusal ? { refusal } : {}) });
  }
  return { structured: result.structuredContent, text };
}

/** A missing file a start needs (the bundle) is a clear error instead of Node's stack trace. */
function requireFiles(files: readonly string[]): void {
  for (const file of files) {
    if (!existsSync(file)) throw new EngineError('start', messages.missingScript(file));
  }
}

/** The refusal while starts wait after failures (StartGate), or null when a start may go ahead. */
function backingOff(gate: StartGate<() => EngineError>, at: number): EngineError | null {
  const waitMs = gate.waitMs(at);
  const reason = gate.lastReason;
  if (!(waitMs > 0 && reason)) return null;
  const last = reason();
  return new EngineError('start', messages.backingOff(gate.failures, waitMs, last.message), { stderr: last.stderr, cause: last });
}

/** An engine that started but died before answering any call counts as a failed start. */
function stoppedBeforeAnswering(connection: Connection): EngineError {
  return new EngineError('start', messages.exitedAtStart('it stopped before answering any call', connection.tail.lines()), {
    stderr: connection.tail.lines(),
  });
}

/**
 * The transport for one engine process (spawned at connect), the tail its stderr feeds and a
 * promise for its end. The transport hands out its stderr stream before the process exists, so
 * no early line is lost.
 */
function engineProcess(options: EngineClientOptions, env: Record<string, string>) {
  const tail = new LineTail(STDERR_LINES, (line) => options.log(`[engine] ${line}`));
  const transport = new EngineTransport({ command: options.command, args: options.args, env, ...(options.cwd ? { cwd: options.cwd } : {}) });
  const stderrEnded = pipeStderr(transport.stderr, tail);
  transport.onerror = (error) => options.log(`Engine connection: ${error.message}`);
  let markExited = () => {};
  const exited = new Promise<void>((resolve) => (markExited = resolve));
  return { tail, transport, stderrEnded, exited, markExited: () => markExited() };
}

/** The SDK client; tells `toolsChanged` when the engine says its tool list changed (never refreshed by the SDK itself). */
function newClient(options: EngineClientOptions, toolsChanged: () => void): Client {
  return new Client(options.clientInfo ?? { name: 'punchcard-app', version: '0.0.0' }, {
    listChanged: { tools: { autoRefresh: false, debounceMs: 0, onChanged: toolsChanged } },
  });
}

/** A connection to a process just spawned, before `initialize` is answered. */
function newConnection(parts: Pick<Connection, 'client' | 'tail' | 'exited' | 'stderrEnded'>): Connection {
  return { ...parts, pid: null, started: false, answered: false, dead: false, stopping: false, checking: false };
}

/** Feeds the engine's stderr into the tail line by line; resolves when the stream ends. */
function pipeStderr(stream: NodeJS.ReadableStream, tail: LineTail): Promise<void> {
  return new Promise<void>((resolve) => {
    const decoder = new StringDecoder('utf8');
    stream.on('data', (chunk: Buffer) => tail.push(decoder.write(chunk)));
    stream.once('end', () => {
      tail.push(decoder.end());
      tail.end();
      resolve();
    });
  });
}

/** Why a start failed, in words: the command cannot run, the engine did not answer in time, or it exited. */
export function startError(error: unknown, stderr: string[], how: { command: string; startTimeoutMs: number }): EngineError {
  if (error instanceof EngineError) return error;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && String((error as { syscall?: unknown }).syscall ?? '').startsWith('spawn')) {
    return new EngineError('start', messages.cannotRun(how.command, code), { stderr, cause: error });
  }
  if (error instanceof SdkError && error.code === SdkErrorCode.RequestTimeout) {
    return new EngineError('start', messages.startTimeout(how.startTimeoutMs, stderr), { stderr, cause: error });
  }
  const reason = error instanceof SdkError && error.code === SdkErrorCode.ConnectionClosed ? 'it exited before answering' : errorText(error);
  return new EngineError('start', messages.exitedAtStart(reason, stderr), { stderr, cause: error });
}

/** Why a call failed, in words; a timed-out call also has the engine's liveness checked (`timedOut`). */
async function wordCallError(
  error: unknown,
  tool: string,
  connection: Connection,
  how: { callTimeoutMs: number; closing: boolean; timedOut: () => void },
): Promise<EngineError> {
  if (error instanceof EngineError) return error;
  if (error instanceof SdkError && error.code === SdkErrorCode.RequestTimeout) {
    how.timedOut();
    return new EngineError('timeout', messages.timeout(tool, how.callTimeoutMs), { tool, stderr: connection.tail.lines(), cause: error });
  }
  if (error instanceof SdkError && (error.code === SdkErrorCode.ConnectionClosed || error.code === SdkErrorCode.NotConnected)) {
    if (how.closing) return new EngineError('closed', messages.closed(), { tool, cause: error });
    // Stopped on purpose under this call: restart() (a new back end) or a hung engine replaced.
    if (connection.stopping) return new EngineError('crashed', messages.restarted(tool), { tool, cause: error });
    await settles(connection.stderrEnded, STDERR_GRACE_MS);
    return new EngineError('crashed', messages.crashed(tool, connection.tail.lines()), { tool, stderr: connection.tail.lines(), cause: error });
  }
  if (error instanceof ProtocolError) return new EngineError('protocol', messages.refused(tool, error.message), { tool, cause: error });
  return new EngineError('protocol', messages.unreadable(tool, errorText(error)), { tool, cause: error });
}

/**
 * After a timeout: an engine waiting on a slow server still answers a ping and is kept; one that
 * hangs (a busy loop, a deadlock) does not, and is replaced on the next call.
 */
async function checkAlive(
  connection: Connection,
  how: { callTimeoutMs: number; log: (message: string) => void; stop: (connection: Connection) => Promise<void> },
): Promise<void> {
  if (connection.dead || connection.checking || connection.stopping) return;
  connection.checking = true;
  try {
    await connection.client.ping({ timeout: Math.min(PING_TIMEOUT_MS, how.callTimeoutMs) });
  } catch {
    if (connection.dead || connection.stopping) return;
    how.log(`The engine (pid ${connection.pid ?? '?'}) does not answer any more; stopping it, the next call starts a new one.`);
    await how.stop(connection);
  } finally {
    connection.checking = false;
  }
}

/** Asks the process for its tool list; a failure is not kept, so the next tools() asks again. */
function listTools(
  connection: Connection,
  how: {
    callTimeoutMs: number;
    answered: (connection: Connection) => void;
    callError: (error: unknown, tool: string, connection: Connection) => Promise<EngineError>;
  },
): Promise<readonly string[]> {
  const listing = (async () => {
    try {
      const { tools } = await connection.client.listTools(undefined, { timeout: how.callTimeoutMs });
      how.answered(connection);
      return tools.map((tool) => tool.name);
    } catch (error) {
      throw await how.callError(error, 'tools/list', connection);
    }
  })();
  listing.catch(() => {
    if (connection.tools === listing) connection.tools = undefined;
  });
  return listing;
}

/** Stops one process: ends stdin (the server's normal signal to quit), then SIGTERM, then SIGKILL; waits until it is gone. */
async function stopProcess(connection: Connection, log: (message: string) => void): Promise<void> {
  connection.stopping = true;
  try {
    await connection.client.close();
  } catch (error) {
    log(`Closing the engine: ${errorText(error)}`);
  }
  if (await settles(connection.exited, EXIT_WAIT_MS)) return;
  if (connection.pid !== null) {
    log(`The engine (pid ${connection.pid}) did not exit; killing it.`);
    try {
      process.kill(connection.pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
    await settles(connection.exited, EXIT_WAIT_MS);
  }
}
