// The stdio transport to the app's own engine: the SDK's newline-delimited JSON-RPC over the child's
// stdin and stdout, plus one thing no AI client's entry can give a server: a fourth descriptor, a
// pipe the app writes its proof line into (mcp-server/policy/app-engine-proof.ts). With it, and only
// with it, `--all-tools` gets past an organisation's policy. The SDK's own StdioClientTransport
// spawns with three descriptors and no way to add one, hence this transport. Electron-free.
import { spawn, type ChildProcess } from 'node:child_process';
import { PassThrough, type Readable } from 'node:stream';
import { type JSONRPCMessage, ReadBuffer, serializeMessage, type Transport } from '@modelcontextprotocol/client';
import { APP_ENGINE_PROOF_FD, APP_ENGINE_PROOF_LINE } from '../../mcp-server/for-the-app.ts';

export interface EngineTransportOptions {
  command: string;
  args: readonly string[];
  /** The child's whole environment. */
  env: Record<string, string>;
  cwd?: string;
}

/** After the end of stdin, how long the engine gets before SIGTERM, and again before SIGKILL. */
const CLOSE_GRACE_MS = 2_000;

export class EngineTransport implements Transport {
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: (message: JSONRPCMessage) => void;

  readonly #options: EngineTransportOptions;
  readonly #readBuffer = new ReadBuffer();
  /** Handed out before the process exists, so no early line of stderr is lost. */
  readonly #stderr = new PassThrough();
  #process: ChildProcess | undefined;

  constructor(options: EngineTransportOptions) {
    this.#options = options;
  }

  get stderr(): Readable {
    return this.#stderr;
  }

  get pid(): number | null {
    return this.#process?.pid ?? null;
  }

  start(): Promise<void> {
    if (this.#process) throw new Error('The engine transport is already started.');
    return new Promise((resolve, reject) => {
      const child = spawn(this.#options.command, [...this.#options.args], {
        env: this.#options.env,
        stdio: ['pipe', 'pipe', 'pipe', 'pipe'],
        windowsHide: true,
        ...(this.#options.cwd ? { cwd: this.#options.cwd } : {}),
      });
      this.#process = child;
      child.once('error', (error) => {
        reject(error);
        this.onerror?.(error);
      });
      child.once('spawn', () => {
        const proof = child.stdio[APP_ENGINE_PROOF_FD] as NodeJS.WritableStream | null;
        // The engine reads one line and closes its end; a write error then is no concern of ours.
        (proof as unknown as { on?: (event: string, listener: () => void) => void } | null)?.on?.('error', () => {});
        proof?.end(`${APP_ENGINE_PROOF_LINE}\n`);
        resolve();
      });
      child.once('close', () => {
        this.#process = undefined;
        this.onclose?.();
      });
      child.stdin?.on('error', (error) => this.onerror?.(error));
      child.stdout?.on('error', (error) => this.onerror?.(error));
      child.stdout?.on('data', (chunk: Buffer) => {
        try {
          this.#readBuffer.append(chunk);
        } catch (error) {
          // A line past the buffer's bound: the engine is not speaking MCP any more.
          this.onerror?.(error as Error);
          void this.close();
          return;
        }
        this.#drain();
      });
      child.stderr?.pipe(this.#stderr);
    });
  }

  send(message: JSONRPCMessage): Promise<void> {
    return new Promise((resolve, reject) => {
      const stdin = this.#process?.stdin;
      if (!stdin) return reject(new Error('The engine is not running.'));
      if (stdin.write(serializeMessage(message))) resolve();
      else stdin.once('drain', resolve);
    });
  }

  /** Ends stdin (the server's normal signal to stop), then SIGTERM, then SIGKILL. */
  async close(): Promise<void> {
    const child = this.#process;
    if (!child) return;
    const closed = new Promise<void>((resolve) => child.once('close', () => resolve()));
    try {
      child.stdin?.end();
    } catch {
      // Already gone.
    }
    for (const signal of ['SIGTERM', 'SIGKILL'] as const) {
      if (await settlesWithin(closed, CLOSE_GRACE_MS)) return;
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    }
    await closed;
  }

  #drain(): void {
    for (;;) {
      let message: JSONRPCMessage | null;
      try {
        message = this.#readBuffer.readMessage();
      } catch (error) {
        this.onerror?.(error as Error);
        continue;
      }
      if (message === null) return;
      this.onmessage?.(message);
    }
  }
}

async function settlesWithin(promise: Promise<void>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([promise.then(() => true as const), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
