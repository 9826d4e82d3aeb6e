// The loopback HTTP bridge that stands in for the preload in renderer tests (docs/decisions.md,
// "Testing without the Electron binary"): the page's `window.punchcard.<name>(request)` becomes
// `POST /ipc/<name>` with a per-run token, and main's events reach the page as server-sent events
// on `GET /events`. The handlers are anything shaped like the window's API: the in-memory fake
// (fake-bridge.ts) or the real IPC handlers.
//
// Loopback only: it listens on 127.0.0.1, answers only requests whose Host names that address (no
// DNS rebinding) and whose Origin, when there is one, is a loopback page, and requires the token.
// Everything else gets 403.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CHANNEL_NAMES, type ChannelName, type EventName } from '../../window-contract/channels.ts';
import { contract, events, type EventPayload, type Handlers, type PunchcardApi } from '../../window-contract/index.ts';
import { createDispatch } from '../../main/ipc/dispatch.ts';
import type { Refusal } from '../../mcp-server/contract/outcomes/refusals.ts';
import { PATIENCE_MS } from '../support/patience.ts';

export const TOKEN_HEADER = 'x-punchcard-token';
export const CHANNELS: readonly ChannelName[] = CHANNEL_NAMES;
export const EVENTS = Object.keys(events) as EventName[];
const MAX_BODY_BYTES = 1024 * 1024;

/**
 * main's handlers (contract `Handlers`: one async function per channel, given the parsed request);
 * `on`, when present, feeds the event stream. Requests go through main's own dispatcher
 * (main/ipc/dispatch.ts): the same validation and the same error messages as in the app.
 */
export type BridgeHandlers = Handlers & { on?: PunchcardApi['on'] };

export interface BridgeServerOptions {
  /** Defaults to 32 random bytes, hex. */
  token?: string;
  /** Where the dispatcher logs unexpected failures (default: collected in `log`). */
  log?: (message: string) => void;
  /** Extra origins allowed besides loopback http(s) pages. */
  allowedOrigins?: string[];
  port?: number;
}

export interface BridgeCall {
  name: string;
  request: unknown;
  status: number;
  error?: string;
}

export interface BridgeServer {
  /** http://127.0.0.1:<port> */
  url: string;
  token: string;
  /** Sends an event to every connected page; returns how many streams got it. */
  emit<E extends EventName>(event: E, payload: EventPayload<E>): number;
  /** Pages listening on /events right now. */
  eventStreams(): number;
  /** Resolves once at least `count` pages listen on /events. */
  waitForEventStreams(count?: number, timeoutMs?: number): Promise<void>;
  /** Every /ipc call so far, in order, with its HTTP status. */
  calls: BridgeCall[];
  /** What the dispatcher logged: failures that were bugs rather than sentences for the person. */
  log: string[];
  close(): Promise<void>;
}

export class BridgeError extends Error {
  readonly status: number;
  /** The engine's refusal the failure carried, sent on to the page as the preload would. */
  readonly refusal: Refusal | undefined;
  constructor(status: number, message: string, refusal?: Refusal) {
    super(message);
    this.status = status;
    this.refusal = refusal;
  }
}

function isLoopbackHost(host: string | undefined, port: number): boolean {
  return host === `127.0.0.1:${port}` || host === `localhost:${port}`;
}

function isLoopbackOrigin(origin: string): boolean {
  try {
    const url = new URL(origin);
    return (url.protocol === 'http:' || url.protocol === 'https:') && (url.hostname === '127.0.0.1' || url.hostname === 'localhost');
  } catch {
    return false;
  }
}

function sameToken(given: string | null | undefined, token: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

function send(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body ?? {});
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
  response.end(text);
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new BridgeError(413, 'The request is larger than 1 MB.'));
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

export async function startBridgeServer(handlers: BridgeHandlers, options: BridgeServerOptions = {}): Promise<BridgeServer> {
  const token = options.token ?? randomBytes(32).toString('hex');
  const log: string[] = [];
  const dispatch = createDispatch(handlers, options.log ?? ((message) => log.push(message)));
  const allowed = new Set(options.allowedOrigins ?? []);
  const streams = new Set<ServerResponse>();
  const streamWaiters = new Set<() => void>();
  const calls: BridgeCall[] = [];
  let port = 0;

  const write = (event: string, payload: unknown): number => {
    const frame = `event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`;
    for (const stream of streams) stream.write(frame);
    return streams.size;
  };

  const unsubscribe = EVENTS.map((event) => handlers.on?.(event, (payload) => write(event, payload)) ?? (() => {}));

  async function handleIpc(name: string, request: IncomingMessage, response: ServerResponse): Promise<void> {
    const call: BridgeCall = { name, request: undefined, status: 200 };
    calls.push(call);
    try {
      if (request.method !== 'POST') throw new BridgeError(405, 'Bridge calls are POST requests.');
      if (!(CHANNELS as string[]).includes(name)) throw new BridgeError(404, `There is no bridge function called ${name}.`);
      if (!String(request.headers['content-type']).startsWith('application/json')) throw new BridgeError(415, 'Send JSON.');
      let body: { request?: unknown };
      try {
        body = JSON.parse((await readBody(request)) || '{}') as { request?: unknown };
      } catch (error) {
        if (error instanceof BridgeError) throw error;
        throw new BridgeError(400, 'The request body is not JSON.');
      }
      call.request = body.request;
      const envelope = await dispatch(name, body.request);
      if (!envelope.ok) {
        // 400 for a request the contract refuses, 500 for a handler that failed.
        const invalid = !contract[name as ChannelName].request.safeParse(body.request).success;
        throw new BridgeError(invalid ? 400 : 500, envelope.message, envelope.refusal);
      }
      send(response, 200, envelope.value === undefined ? {} : { result: envelope.value });
    } catch (error) {
      const status = error instanceof BridgeError ? error.status : 500;
      const message = error instanceof Error ? error.message : String(error);
      call.status = status;
      call.error = message;
      const refusal = error instanceof BridgeError ? error.refusal : undefined;
      send(response, status, refusal === undefined ? { error: message } : { error: message, refusal });
    }
  }

  function handleEvents(request: IncomingMessage, response: ServerResponse): void {
    if (request.method !== 'GET') return send(response, 405, { error: 'The event stream is a GET request.' });
    response.writeHead(200, {
      'content-type': 'text/event-stream',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      'x-content-type-options': 'nosniff',
    });
    response.write('retry: 500\n\n');
    streams.add(response);
    for (const waiter of streamWaiters) waiter();
    request.on('close', () => streams.delete(response));
  }

  const server = createServer((request, response) => {
    if (!isLoopbackHost(request.headers.host, port)) return send(response, 403, { error: 'Forbidden host.' });
    const origin = request.headers.origin;
    if (origin !== undefined && !isLoopbackOrigin(origin) && !allowed.has(origin)) return send(response, 403, { error: 'Forbidden origin.' });
    const url = new URL(request.url ?? '/', `http://127.0.0.1:${port}`);
    const given = url.pathname === '/events' ? url.searchParams.get('token') : request.headers[TOKEN_HEADER];
    if (!sameToken(Array.isArray(given) ? given[0] : given, token)) return send(response, 403, { error: 'Wrong or missing bridge token.' });
    if (url.pathname === '/events') return handleEvents(request, response);
    const match = /^\/ipc\/([A-Za-z]+)$/.exec(url.pathname);
    if (!match?.[1]) return send(response, 404, { error: 'Not found.' });
    void handleIpc(match[1], request, response);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}`,
    token,
    calls,
    log,
    emit: (event, payload) => write(event, payload),
    eventStreams: () => streams.size,
    waitForEventStreams(count = 1, timeoutMs = PATIENCE_MS) {
      if (streams.size >= count) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          streamWaiters.delete(check);
          reject(new Error(`No page connected to the event stream within ${timeoutMs} ms.`));
        }, timeoutMs);
        const check = () => {
          if (streams.size < count) return;
          clearTimeout(timer);
          streamWaiters.delete(check);
          resolve();
        };
        streamWaiters.add(check);
      });
    },
    async close() {
      for (const stop of unsubscribe) stop();
      for (const stream of streams) stream.end();
      streams.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
