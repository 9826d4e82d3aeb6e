// What every fake back end shares (fake Kimai, Clockodo, Calamari): a loopback HTTP(S) server that
// records each request with its timing, and failures a test scripts for the next matching requests
// (a status and body, a raw text such as an HTML page or broken JSON, headers such as Retry-After, a
// delay past the client's deadline, a body far larger than any page or one that never ends). Each
// fake decides what its API answers; this only carries it.
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
  /**
   * No failure but a slow back end: the API's own answer (the write done), sent after `delayMs`, so a
   * test can act while the request is in flight (stop the server's database, kill it).
   */
  late?: true;
  /** How many matching requests fail; default 1. */
  times?: number;
  /** How many matching requests are answered as ever before the failure starts (the second of two alike requests); default 0. */
  skip?: number;
  /**
   * Builds the body from the request as it arrived, as a hostile or careless server does when it
   * quotes what it was sent (a 400 page that echoes the headers, the URL and the body).
   */
  reflect?: (request: { method: string; url: string; headers: http.IncomingHttpHeaders; body: string }) => unknown;
  /** Instead of a body: a JSON list of this many bytes (or one that never ends), streamed (see Flood). */
  flood?: Flood;
}

/**
 * A body far larger than any page a back end sends (a runaway export, a hostile server): a JSON list
 * of records streamed as fast as the client reads it, until `bytes` are sent or the client hangs up.
 */
export interface Flood {
  bytes: number | 'endless';
  /** Says the size in Content-Length first (a finite flood only); chunked otherwise. */
  declared?: boolean;
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
  /** Bytes of the answer's body written to the client (for a flood: as far as the client read). */
  answerBytes: number;
  /** The client closed the connection before it was answered: it gave up on the request (a timeout, a cancelled call). */
  hungUp?: true;
}

/** An answer on the wire. */
export interface Reply {
  status: number;
  body: string;
  headers: Record<string, string>;
  delayMs?: number;
  flood?: Flood;
  /** The API's own answer is made when the delay is over (Failure.late). */
  late?: true;
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
  readonly #queue: Array<{ method?: string | undefined; path: string | RegExp; failure: Failure; left: number; skip: number }> = [];

  add(match: { method?: string; path: string | RegExp }, failure: Failure): void {
    this.#queue.push({ method: match.method, path: match.path, failure, left: failure.times ?? 1, skip: failure.skip ?? 0 });
  }

  /** The reply for this request when a failure is scripted for it (used up by one), else undefined. */
  take(method: string, path: string, request?: { url: string; headers: http.IncomingHttpHeaders; body: string }): Reply | undefined {
    const found = this.#queue.find(
      (item) =>
        item.left > 0 && (item.method === undefined || item.method === method) && (typeof item.path === 'string' ? path === item.path : item.path.test(path)),
    );
    if (!found) return undefined;
    if (found.skip > 0) {
      found.skip--;
      return undefined;
    }
    found.left--;
    const { failure } = found;
    if (failure.late) return { status: 0, body: '', headers: {}, delayMs: failure.delayMs ?? 0, late: true };
    const body = failure.reflect && request ? failure.reflect({ method, ...request }) : failure.body;
    return {
      status: failure.status ?? 500,
      body: failure.raw ?? (body === undefined ? '' : JSON.stringify(body)),
      headers: { ...(failure.raw === undefined ? { 'Content-Type': 'application/json' } : {}), ...failure.headers },
      ...(failure.delayMs ? { delayMs: failure.delayMs } : {}),
      ...(failure.flood ? { flood: failure.flood } : {}),
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

export async function startFakeServer<Recorded extends RecordedRequest>(
  options: FakeServerOptions<Recorded>,
): Promise<{ url: string; close(): Promise<void> }> {
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
      const record = options.record(
        {
          method,
          path: url.pathname,
          query: url.search,
          status: 0,
          body: text,
          receivedAt: started,
          answeredAt: 0,
          serverMs: 0,
          answerBytes: 0,
          ...(credential === undefined ? {} : { credential }),
        },
        request,
      );
      options.requests.push(record);
      response.once('close', () => {
        if (!response.writableFinished) record.hungUp = true;
      });
      const scripted = options.failures.take(method, url.pathname, { url: request.url ?? '/', headers: request.headers, body: text });
      // A late answer is the API's own, made only when it is sent: the write happens when the slow back end gets to it.
      const replyNow = () => (scripted && !scripted.late ? scripted : options.respond(method, url, request.headers, text));
      const reply = scripted?.late ? undefined : replyNow();
      const send = () => {
        if (response.destroyed) return;
        const answer = reply ?? replyNow();
        if (answer.flood) {
          record.status = answer.status;
          flood(response, answer.status, answer.headers, answer.flood, (bytes) => (record.answerBytes = bytes));
          return;
        }
        response.writeHead(answer.status, answer.headers);
        response.end(answer.body);
        record.answerBytes = Buffer.byteLength(answer.body);
        record.status = answer.status;
        record.answeredAt = performance.now();
        record.serverMs = record.answeredAt - started;
      };
      const delayMs = scripted?.delayMs ?? 0;
      if (delayMs > 0) setTimeout(send, delayMs);
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

/** The record a flood repeats: a plausible list entry of about a kilobyte. */
const FLOOD_RECORD = Buffer.from(`{"id":1,"description":"${'x'.repeat(960)}","duration":3600},`);
const FLOOD_END = '{"id":0}';

/**
 * Streams a flood, writing only as fast as the client reads, and stops when it hangs up. A finite
 * one is a valid JSON list of exactly `bytes` (padded with spaces before its last bracket).
 */
function flood(response: http.ServerResponse, status: number, headers: Record<string, string>, what: Flood, sent: (bytes: number) => void): void {
  const total = what.bytes === 'endless' ? Number.POSITIVE_INFINITY : what.bytes;
  const declared = what.declared && what.bytes !== 'endless' ? { 'Content-Length': String(what.bytes) } : {};
  response.writeHead(status, { ...headers, 'Content-Type': 'application/json', ...declared });
  const chunk = Buffer.concat(Array.from({ length: 64 }, () => FLOOD_RECORD));
  // Room for the last record and the bracket, so a finite flood ends as JSON.
  const body = total - FLOOD_END.length - 1;
  let written = 0;
  const write = (part: Buffer): boolean => {
    written += part.length;
    sent(written);
    return response.write(part);
  };
  const pump = () => {
    while (!response.destroyed && written < body) {
      const part =
        written === 0 ? Buffer.from('[') : chunk.subarray(0, Math.min(chunk.length, Math.floor((body - written) / FLOOD_RECORD.length) * FLOOD_RECORD.length));
      if (part.length === 0) break;
      if (!write(part)) return void response.once('drain', pump);
    }
    if (response.destroyed) return;
    write(Buffer.from(`${FLOOD_END}${' '.repeat(Math.max(0, total - written - FLOOD_END.length - 1))}]`));
    response.end();
  };
  pump();
}

/** A JSON reply (no body when `body` is undefined). */
export function jsonReply(status: number, body: unknown, headers: Record<string, string> = {}): Reply {
  return {
    status,
    body: body === undefined ? '' : JSON.stringify(body),
    headers: { ...(body === undefined ? {} : { 'Content-Type': 'application/json' }), ...headers },
  };
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

/**
 * Resolves once no request has arrived for half a second: what a client sent has been received even
 * on a busy machine (a fake records a request when it has read it, which can lag its sending), and a
 * back end's background checks are over.
 */
export async function untilQuiet(requests: readonly unknown[], timeoutMs = 15_000): Promise<void> {
  const until = performance.now() + timeoutMs;
  let seen = requests.length;
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    if (requests.length === seen) return;
    if (performance.now() > until) throw new Error(`Requests kept arriving for ${timeoutMs} ms.`);
    seen = requests.length;
  }
}
