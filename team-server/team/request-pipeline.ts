// What every request to the team server passes through before and after its route: counted while
// in flight (a shutdown waits for those), a request id and a log scope of its own, its answer
// counted for the metrics and written to the log as one line (both under the route's label,
// metrics/route-labels.ts), a body nobody read settled, an address that cannot be read or a body
// declared too large refused unread, and a failure answered in words (the store away, a body
// refused) instead of a dropped connection.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { Context, Middleware } from 'koa';
import { STORE_RETRY_AFTER_SECONDS } from '../auth/authorization-server.ts';
import { BodyRefused, declaredTooLarge } from '../http/request-body.ts';
import { failedBecause, inRequest, type RequestContext } from '../logs/request-context.ts';
import type { TeamLog } from '../logs/team-log.ts';
import { OTHER, routeOf } from '../metrics/route-labels.ts';
import { NO_METRICS, type TeamMetrics } from '../metrics/team-metrics.ts';
import { StoreUnavailable, StoreVersionError } from '../store/store.ts';
import { plain } from './answers.ts';

/** How long a connection stays open after an answer sent before its request's body was all in. */
const LINGER_MS = 1_000;
/** How much of a body nobody read is still read to keep its connection (settleUnreadBody). */
const DRAIN_MAX_BYTES = 64 * 1024;

export class RequestPipeline {
  /** Set once a shutdown began: answers close their connection, and /readyz says so. */
  draining = false;
  #inFlight = 0;
  /** What the last /readyz that was logged said: the log has a line where readiness changed (quietProbe). */
  #loggedNotReady = false;
  readonly #log: TeamLog;
  readonly #metrics: TeamMetrics;

  readonly #served: () => void;

  /** `served`: told of every request as it arrives (memory-after-load.ts). */
  constructor(options: { log: TeamLog; metrics: TeamMetrics; served?: () => void }) {
    this.#log = options.log;
    this.#metrics = options.metrics;
    this.#served = options.served ?? (() => {});
  }

  /** Requests being answered now, a standing GET /mcp stream aside. */
  get inFlight(): number {
    return this.#inFlight;
  }

  /** The first step of the server's koa app (team-app.ts): every later step runs inside it. */
  middleware(): Middleware {
    return (ctx, next) => {
      const { req: request, res: response } = ctx;
      const started = performance.now();
      this.#served();
      // URL.parse, not new URL: a target no URL parses (`//[`) is refused below, never thrown here.
      const url = URL.parse(request.url ?? '/', 'http://server');
      const route = url ? routeOf(url.pathname) : OTHER;
      // A 2025-era client's standing stream (GET /mcp, server-sent events) carries no call and stays
      // open for as long as the client is connected: a shutdown waits for calls, not for it
      // (test/deploy/container/image.test.ts stops a server with such a client connected).
      if (request.method !== 'GET' || url?.pathname !== '/mcp') {
        this.#inFlight++;
        response.on('close', () => this.#inFlight--);
      }
      countAnswer(this.#metrics, route, response, started);
      // An answer sent before the request's body was all in (refused for its size, its token, its
      // limit): a small rest is read so the connection serves the client's next request, a large or
      // slow one is not (settleUnreadBody).
      response.once('finish', () => {
        if (!request.complete) settleUnreadBody(request);
      });
      if (this.draining) ctx.set('connection', 'close');
      ctx.set('x-content-type-options', 'nosniff');
      return inRequest(async (context) => {
        ctx.set('x-request-id', context.requestId);
        // Once the answer is sent, or the connection ended before it was: every request has its line.
        response.once('close', () => this.#logAnswer(request.method ?? 'GET', route, response, context, started));
        if (!url) return plain(ctx, 400, 'The address of this request could not be read.\n');
        const tooLarge = declaredTooLarge(request);
        if (tooLarge) return plain(ctx, tooLarge.status, `${tooLarge.message}\n`);
        // Caught inside the request's context, so that the cause said on the way is the request's.
        try {
          await next();
        } catch (error) {
          answerFailure(error, ctx, this.#metrics);
        }
      });
    };
  }

  #logAnswer(method: string, route: string, response: ServerResponse, context: RequestContext, started: number): void {
    const status = response.statusCode;
    if (this.#quietProbe(route, status)) return;
    this.#log.request({ context, method, route, status, durationMs: performance.now() - started, completed: response.writableFinished });
  }

  /**
   * Whether a health probe's answer stays out of the log. A load balancer or Kubernetes probes every
   * few seconds, on every instance: a line each would bury the lines of people's requests (and cost
   * a write each). /healthz says only that the process answers, which its other lines say too; a
   * /readyz has a line where its answer changed (not ready, with the cause, and ready again), so
   * the moment an instance left the balancer's pool is in the log once. While shutting down, /readyz
   * says so by design and the shutdown's own lines tell it.
   */
  #quietProbe(route: string, status: number): boolean {
    if (route === '/healthz') return true;
    if (route !== '/readyz') return false;
    const notReady = status !== 200;
    if (this.draining || notReady === this.#loggedNotReady) return true;
    this.#loggedNotReady = notReady;
    return false;
  }
}

/**
 * The answer to a request that failed: a body refused in its words, the store away or migrated past
 * this instance as 503 with Retry-After (counted for the metrics), anything else 500. A server
 * error's cause goes into the request's line in the log (failedBecause), with the stack for a fault
 * of the server's own. Nothing is written once the answer began; the connection then goes.
 */
function answerFailure(error: unknown, ctx: Context, metrics: TeamMetrics): void {
  const sent = ctx.res.headersSent;
  if (error instanceof BodyRefused) {
    if (!sent) return plain(ctx, error.status, `${error.message}\n`);
  } else if (error instanceof StoreUnavailable) {
    metrics.storeError('unavailable');
    failedBecause(error, { withStack: false });
    if (!sent) return storeAway(ctx, `Punchcard's database does not answer just now, so nothing was done. Try again in ${STORE_RETRY_AFTER_SECONDS} s.\n`);
  } else if (error instanceof StoreVersionError) {
    // A newer Punchcard migrated the database past this instance: it serves nothing more, and
    // the load balancer (told by /readyz) sends people to the newer instances.
    metrics.storeError('newer_version');
    failedBecause(error, { withStack: false });
    if (!sent)
      return storeAway(
        ctx,
        `This instance of Punchcard is older than its database and serves nothing more, so nothing was done; the upgraded instances answer. Try again in ${STORE_RETRY_AFTER_SECONDS} s.\n`,
      );
  } else {
    failedBecause(error, { withStack: true });
    if (!sent) return plain(ctx, 500, 'The server could not answer this request. Nothing was changed by it; try again.\n');
  }
  ctx.respond = false;
  ctx.res.destroy();
}

function storeAway(ctx: Context, words: string): void {
  ctx.status = 503;
  ctx.set({ 'content-type': 'text/plain; charset=utf-8', 'retry-after': String(STORE_RETRY_AFTER_SECONDS) });
  ctx.body = words;
}

/** Counts each answer by its route and status, with how long it took. */
function countAnswer(metrics: TeamMetrics, route: string, response: ServerResponse, started: number): void {
  if (metrics === NO_METRICS) return;
  response.once('finish', () => metrics.httpRequest(route, response.statusCode, (performance.now() - started) / 1000));
}

/**
 * The rest of a body nobody read. Up to 64 kB arriving within a second is read and dropped, so the
 * connection stays open for the client's next request: a 401 to a small POST without a token is
 * the first step of every client's sign-in, and ending that connection raced the client sending
 * its next request on it ("other side closed"). More, or slower, is not taken: the connection ends
 * once the answer had a moment to arrive, instead of reading whatever the client goes on sending
 * (Node would drain it all to keep the connection alive). Not by `Connection: close`, on which
 * Node closes at once and the client, still sending, may lose the answer to the reset.
 */
function settleUnreadBody(request: IncomingMessage): void {
  const socket = request.socket;
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > DRAIN_MAX_BYTES) return endAfterAnswer(socket);
  let drained = 0;
  const giveUp = () => {
    clearTimeout(timer);
    request.removeListener('data', count);
    endAfterAnswer(socket);
  };
  const count = (chunk: Buffer) => {
    drained += chunk.length;
    if (drained > DRAIN_MAX_BYTES) giveUp();
  };
  const timer = setTimeout(giveUp, LINGER_MS);
  timer.unref();
  request.on('data', count);
  request.once('end', () => clearTimeout(timer));
  request.resume();
}

/**
 * Half-closes a connection whose request is refused, and drops it once the answer had time to arrive.
 * Nothing more of the request is read meanwhile: the client's sending stops at the socket's buffers,
 * not after the megabytes a loopback client pushes in that second.
 */
function endAfterAnswer(socket: Socket): void {
  socket.pause();
  socket.end();
  setTimeout(() => socket.destroy(), LINGER_MS).unref();
}
