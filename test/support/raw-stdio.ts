// Talks to the built server with raw JSON-RPC lines over stdio, so what is timed is the server and
// the pipe, not a client library. Every child and temporary folder made here is remembered and
// removed by `cleanUp()`, also when a benchmark throws.
import { spawn } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SERVER_BUNDLE } from './engine.ts';

const RESPONSE_TIMEOUT_MS = 15_000;
const EXIT_TIMEOUT_MS = 5_000;

const children = new Set<ChildProcessWithoutNullStreams>();
const folders = new Set<string>();

export function makeTempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'punchcard-bench-'));
  folders.add(dir);
  return dir;
}

export function removeTempDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
  folders.delete(dir);
}

/** The environment every server in the benchmarks gets: nothing from this shell leaks in. */
export function serverEnv(userDataDir: string, extra: Record<string, string> = {}): Record<string, string> {
  return { PATH: process.env.PATH ?? '', HOME: userDataDir, TZ: 'Europe/Berlin', ...extra };
}

/**
 * The floor the stdio benchmarks measure against: a bare Node stdio server that answers every
 * request at once (an empty tool list, an empty result), written into `dir`. Returns its path.
 */
export function writeFloorServer(dir: string): string {
  const floor = join(dir, 'floor.mjs');
  writeFileSync(
    floor,
    "import { createInterface } from 'node:readline';\n" +
      "createInterface({ input: process.stdin }).on('line', (line) => {\n" +
      '  const message = JSON.parse(line);\n' +
      "  if (message.id !== undefined) process.stdout.write(JSON.stringify({ jsonrpc: '2.0', id: message.id, result: message.method === 'tools/list' ? { tools: [] } : {} }) + '\\n');\n" +
      '});\n',
  );
  return floor;
}

export type SessionTimes = [initialize: number, toolsList: number, firstCall: number];

/**
 * A client-like session, timed: `node nodeArgs` with `home` as its home; initialize, then
 * initialized and tools/list, then the first tools/call (timer_status), each sent when the answer
 * before it arrived. Milliseconds from spawn to each of the three answers; `label` names the
 * server in a failed request's error.
 */
export function clientSession(nodeArgs: string[], home: string, label = 'the server'): Promise<SessionTimes> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, nodeArgs, { env: serverEnv(home), stdio: ['pipe', 'pipe', 'ignore'] });
    const send = (message: object) => child.stdin.write(`${JSON.stringify(message)}\n`);
    const at: number[] = [];
    let pending = '';
    child.on('error', reject);
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      pending += chunk;
      for (let newline = pending.indexOf('\n'); newline !== -1; newline = pending.indexOf('\n')) {
        const message = JSON.parse(pending.slice(0, newline)) as { id?: number; error?: unknown };
        pending = pending.slice(newline + 1);
        if (message.error) return reject(new Error(`${label}: request ${message.id} failed: ${JSON.stringify(message.error)}`));
        if (message.id === undefined) continue;
        at[message.id] = performance.now() - started;
        if (message.id === 1) {
          send({ jsonrpc: '2.0', method: 'notifications/initialized' });
          send({ jsonrpc: '2.0', id: 2, method: 'tools/list' });
        } else if (message.id === 2) {
          send({ jsonrpc: '2.0', id: 3, method: 'tools/call', params: { name: 'timer_status', arguments: {} } });
        } else if (message.id === 3) {
          child.once('exit', () => resolve([at[1] as number, at[2] as number, at[3] as number]));
          child.stdin.end();
        }
      }
    });
    send({
      jsonrpc: '2.0',
      id: 1,
      method: 'initialize',
      params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'bench', version: '1' } },
    });
  });
}

export interface RawResponse {
  /** The whole line as it came on stdout, without the newline. */
  line: string;
  message: { id?: unknown; method?: string; params?: unknown; result?: unknown; error?: { code: number; message: string; data?: unknown } };
  /** performance.now() when the line's newline arrived. */
  at: number;
}

export interface RawServer {
  readonly pid: number;
  /** performance.now() just before the process was spawned. */
  readonly spawnedAt: number;
  send: (...messages: object[]) => void;
  /** Writes text as it is (for lines that are not messages). */
  sendRaw: (text: string) => void;
  response: (id: number) => Promise<RawResponse>;
  /** Every message the server wrote so far, in order, responses and notifications alike. */
  messages: () => RawResponse['message'][];
  /** The first message (already written or still to come) that satisfies `matches`. */
  next: (matches: (message: RawResponse['message']) => boolean) => Promise<RawResponse['message']>;
  stderr: () => string;
  close: () => Promise<void>;
  /** Sends a signal and waits (up to the exit timeout) for the process to end; true when it did. */
  signalAndWait: (signal: NodeJS.Signals) => Promise<boolean>;
}

/**
 * `launcher` runs the server through another command (its arguments first, then node and the
 * bundle), for a server that must see the file system differently (a read-only mount). `fd3` is
 * what the server gets as descriptor 3, as the app gives its engine a pipe with its proof line
 * (mcp-server/policy/app-engine-proof.ts): text written into a pipe, or an open descriptor.
 * `nodeFlags` go to Node before the bundle, as a registered entry passes them (engine-flags.ts).
 */
export function spawnRawServer(
  args: string[],
  env: Record<string, string>,
  bundle: string = SERVER_BUNDLE,
  launcher: string[] = [],
  fd3?: { text: string } | { descriptor: number },
  nodeFlags: readonly string[] = [],
): RawServer {
  const spawnedAt = performance.now();
  const [command, ...commandArgs] = [...launcher, process.execPath, ...nodeFlags, bundle, ...args] as [string, ...string[]];
  const stdio: Array<'pipe' | number> = ['pipe', 'pipe', 'pipe'];
  if (fd3) stdio.push('text' in fd3 ? 'pipe' : fd3.descriptor);
  const child = spawn(command, commandArgs, { env, stdio }) as ChildProcessWithoutNullStreams;
  if (fd3 && 'text' in fd3) (child.stdio[3] as NodeJS.WritableStream).end(fd3.text);
  children.add(child);
  const received = new Map<number, RawResponse>();
  const all: RawResponse['message'][] = [];
  const watchers = new Set<() => void>();
  const waiting = new Map<number, { resolve: (response: RawResponse) => void; reject: (error: Error) => void }>();
  let buffer = '';
  let stderr = '';
  let exited = false;

  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    const at = performance.now();
    buffer += chunk;
    for (let newline = buffer.indexOf('\n'); newline >= 0; newline = buffer.indexOf('\n')) {
      const line = buffer.slice(0, newline).replace(/\r$/, '');
      buffer = buffer.slice(newline + 1);
      if (line.trim() === '') continue;
      const message = JSON.parse(line) as RawResponse['message'];
      all.push(message);
      for (const watcher of watchers) watcher();
      if (typeof message.id !== 'number') continue;
      const response = { line, message, at };
      received.set(message.id, response);
      waiting.get(message.id)?.resolve(response);
      waiting.delete(message.id);
    }
  });
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => (stderr += chunk));
  const exitedPromise = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      exited = true;
      children.delete(child);
      for (const [id, waiter] of waiting) {
        waiter.reject(new Error(`Server exited (${signal ?? code}) before answering request ${id}. stderr:\n${stderr}`));
      }
      waiting.clear();
      resolve();
    });
  });

  if (child.pid === undefined) throw new Error(`Could not start ${SERVER_BUNDLE}.`);
  const pid = child.pid;

  return {
    pid,
    spawnedAt,
    send: (...messages) => {
      child.stdin.write(messages.map((message) => `${JSON.stringify(message)}\n`).join(''));
    },
    sendRaw: (text) => {
      child.stdin.write(text);
    },
    messages: () => [...all],
    next: (matches) =>
      new Promise((resolve, reject) => {
        const check = () => {
          const found = all.find(matches);
          if (!found) return false;
          cleanup();
          resolve(found);
          return true;
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(
            new Error(
              `No matching message within ${RESPONSE_TIMEOUT_MS} ms. Got:\n${all.map((message) => JSON.stringify(message).slice(0, 200)).join('\n')}\nstderr:\n${stderr}`,
            ),
          );
        }, RESPONSE_TIMEOUT_MS);
        const watcher = () => void check();
        const cleanup = () => {
          clearTimeout(timer);
          watchers.delete(watcher);
        };
        if (!check()) watchers.add(watcher);
      }),
    response: (id) => {
      const done = received.get(id);
      if (done) return Promise.resolve(done);
      if (exited) return Promise.reject(new Error(`Server already exited; no answer to request ${id}.`));
      return new Promise<RawResponse>((resolve, reject) => {
        const timer = setTimeout(() => {
          waiting.delete(id);
          reject(new Error(`No answer to request ${id} within ${RESPONSE_TIMEOUT_MS} ms. stderr:\n${stderr}`));
        }, RESPONSE_TIMEOUT_MS);
        waiting.set(id, {
          resolve: (response) => {
            clearTimeout(timer);
            resolve(response);
          },
          reject: (error) => {
            clearTimeout(timer);
            reject(error);
          },
        });
      });
    },
    stderr: () => stderr,
    // Closing stdin is how a client tells a stdio server to stop; a kill is only the fallback.
    signalAndWait: async (signal) => {
      child.kill(signal);
      let timer: NodeJS.Timeout | undefined;
      const ended = await Promise.race([
        exitedPromise.then(() => true),
        new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), EXIT_TIMEOUT_MS))),
      ]);
      clearTimeout(timer);
      return ended;
    },
    close: async () => {
      if (exited) return;
      child.stdin.end();
      const timer = setTimeout(() => child.kill('SIGKILL'), EXIT_TIMEOUT_MS);
      await exitedPromise;
      clearTimeout(timer);
    },
  };
}

/** Kills whatever server this process started and is still running, and removes temp folders. */
export function cleanUp(): void {
  for (const child of children) child.kill('SIGKILL');
  children.clear();
  for (const dir of folders) rmSync(dir, { recursive: true, force: true });
  folders.clear();
}

/** Resident set size of a process in MB (Linux only: null elsewhere). */
export function residentMemory(pid: number): { rssMb: number; peakMb: number } | null {
  if (process.platform !== 'linux') return null;
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kilobytes = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN);
  return { rssMb: kilobytes('VmRSS') / 1024, peakMb: kilobytes('VmHWM') / 1024 };
}

// The two ways to open a connection and list the tools, as lines a client writes at once.
const CLIENT_INFO = { name: 'punchcard-bench', version: '1.0.0' };

export function legacyOpening(): object[] {
  return [
    {
      jsonrpc: '2.0',
      id: 1,
      method: 'initialize',
      params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: CLIENT_INFO },
    },
    { jsonrpc: '2.0', method: 'notifications/initialized' },
    { jsonrpc: '2.0', id: 2, method: 'tools/list', params: {} },
  ];
}

/** 2026-07-28: no handshake; every request carries the `_meta` envelope. */
export function modernOpening(): object[] {
  const _meta = {
    'io.modelcontextprotocol/protocolVersion': '2026-07-28',
    'io.modelcontextprotocol/clientCapabilities': {},
    'io.modelcontextprotocol/clientInfo': CLIENT_INFO,
  };
  return [
    { jsonrpc: '2.0', id: 1, method: 'server/discover', params: { _meta } },
    { jsonrpc: '2.0', id: 2, method: 'tools/list', params: { _meta } },
  ];
}

/** Id of the tools/list request in both openings. */
export const TOOLS_LIST_ID = 2;

export type Era = 'legacy' | 'modern';

/** A request as a client of either era writes it: 2026-07-28 carries the `_meta` envelope on each. */
export function eraRequest(era: Era, id: number, method: string, params: Record<string, unknown> = {}): object {
  const meta = (modernOpening()[0] as { params: { _meta: Record<string, unknown> } }).params._meta;
  return { jsonrpc: '2.0', id, method, params: era === 'modern' ? { ...params, _meta: meta } : params };
}
