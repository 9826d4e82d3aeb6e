// What every fake back end shares (fake Kimai, Clockodo, Calamari): a loopback HTTP(S) server that
// records each request with its timing, and failures a test scripts for the next matching requests
// (a status and body, a raw text such as an HTML page or broken JSON, headers such as Retry-After, a
// delay past the client's deadline). Each fake decides what its API answers; this only carries it.
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';

export interface Failure {
  status?: number;
  body?: unknown;
  /** Sent as is instead of JSON (an HTML page, broken JSON). */
  raw?: string;
  /** E.g. Retry-After. */
  headers?: Record<string, string>;
  /** Waits before answering (longer than the client's timeout to test timeouts). */
  delayMs?: number;
  /** How many matching requests fail; default 1. */
  times?: number;
  /**
   * Builds the body from the request as it arrived, as a hostile or careless server does when it
   * quotes what it was sent (a 400 page that echoes the headers, the URL and the body).
   */
  reflect?: (request: { method: string; url: string; headers: http.IncomingHttpHeaders; body: string }) => unknown;
}

/** Recorded when the request has arrived, completed when answered. */
export interface RecordedRequest {
  method: string;
  /** The path without the query. */
  path: string;
  /** The query string with its '?' ('' when none). */
  query: string;
  /** 0 until answered, and for good when the client gave up first (a timeout). */
  status: number;
  /** The request body as sent ('' when none). */
  body: string;
  /** performance.now() when the request body had arrived, and when the response was written (0 until then). */
  receivedAt: number;
  answeredAt: number;
  /** Time the fake spent from the end of the request body to the end of the response. */
  serverMs: number;
  /** The credential the request carried (Authorization, X-Api-Key or X-ClockodoApiKey), for tests of whose it was. */
  credential?: string;
}

/** An answer on the wire. */
export interface Reply {
  status: number;
  body: string;
  headers: Record<string, string>;
  delayMs?: number;
}

/** What a fake's handler answers with: a status, a body to send as JSON, and headers. */
export class HttpAnswer {
  readonly status: number;
  readonly body: unknown;
  readonly headers: Record<string, string>;
  constructor(status: number, body: unknown, headers: Record<string, string> = {}) {
    this.status = status;
    this.body = body;
    this.headers = headers;
  }
}

/** Scripted failures, each for the next `times` requests that match. */
export class Failures {
  readonly #queue: Array<{ method?: string | undefined; path: string | RegExp; failure: Failure; left: number }> = [];

  add(match: { method?: string; path: string | RegExp }, failure: Failure): void {
    this.#queue.push({ method: match.method, path: match.path, failure, left: failure.times ?? 1 });
  }

  /** The reply for this request when a failure is scripted for it (used up by one), else undefined. */
  take(method: string, path: string, request?: { url: string; headers: http.IncomingHttpHeaders; body: string }): Reply | undefined {
    const found = this.#queue.find((item) => item.left > 0 && (item.method === undefined || item.method === method) && (typeof item.path === 'string' ? path === item.path : item.path.test(path)));
    if (!found) return undefined;
    found.left--;
    const { failure } = found;
    const body = failure.reflect && request ? failure.reflect({ method, ...request }) : failure.body;
    return {
      status: failure.status ?? 500,
      body: failure.raw ?? (body === undefined ? '' : JSON.stringify(body)),
      headers: { ...(failure.raw === undefined ? { 'Content-Type': 'application/json' } : {}), ...failure.headers },
      ...(failure.delayMs ? { delayMs: failure.delayMs } : {}),
    };
  }
}

export interface FakeServerOptions<Recorded extends RecordedRequest> {
  /** Serve HTTPS with this key and certificate (on localhost). */
  tls?: { key: string; cert: string };
  /** Where each request is recorded; `record` adds what a fake keeps beyond the common fields. */
  requests: Recorded[];
  record(common: RecordedRequest, request: http.IncomingMessage): Recorded;
  /** What the API answers (scripted failures are answered before this is asked). */
  respond(method: string, url: URL, headers: http.IncomingHttpHeaders, text: string): Reply;
  failures: Failures;
}

export async function startFakeServer<Recorded extends RecordedRequest>(options: FakeServerOptions<Recorded>): Promise<{ url: string; close(): Promise<void> }> {
  const listener: http.RequestListener = (request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const started = performance.now();
      const url = new URL(request.url ?? '/', 'http://fake.test');
      const method = request.method ?? 'GET';
      const text = Buffer.concat(chunks).toString('utf8');
      const carried = request.headers.authorization ?? request.headers['x-api-key'] ?? request.headers['x-clockodoapikey'];
      const credential = Array.isArray(carried) ? carried.join(',') : carried;
      const record = options.record({ method, path: url.pathname, query: url.search, status: 0, body: text, receivedAt: started, answeredAt: 0, serverMs: 0, ...(credential === undefined ? {} : { credential }) }, request);
      options.requests.push(record);
      const reply = options.failures.take(method, url.pathname, { url: request.url ?? '/', headers: request.headers, body: text }) ?? options.respond(method, url, request.headers, text);
      const send = () => {
        if (response.destroyed) return;
        response.writeHead(reply.status, reply.headers);
        response.end(reply.body);
        record.status = reply.status;
        record.answeredAt = performance.now();
        record.serverMs = record.answeredAt - started;
      };
      if (reply.delayMs) setTimeout(send, reply.delayMs);
      else send();
    });
  };
  const server = options.tls ? https.createServer({ key: options.tls.key, cert: options.tls.cert }, listener) : http.createServer(listener);
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `${options.tls ? 'https' : 'http'}://${options.tls ? 'localhost' : '127.0.0.1'}:${port}`,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A JSON reply (no body when `body` is undefined). */
export function jsonReply(status: number, body: unknown, headers: Record<string, string> = {}): Reply {
  return { status, body: body === undefined ? '' : JSON.stringify(body), headers: { ...(body === undefined ? {} : { 'Content-Type': 'application/json' }), ...headers } };
}

/** A web server that is not the back end's API: every address answers with a page (a wrong address). */
export function startWebSite(): Promise<{ url: string; close(): Promise<void> }> {
  return startFakeServer({
    requests: [],
    record: (common) => common,
    respond: () => ({ status: 200, body: '<!doctype html><title>Intranet</title>', headers: { 'Content-Type': 'text/html' } }),
    failures: new Failures(),
  });
}
