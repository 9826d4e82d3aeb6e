// JSON over HTTP for every remote back end (Kimai, Clockodo, Calamari): Node's own http/https
// loaded on the first request, one keep-alive agent with a bounded number of sockets,
// TLS options (a company CA in addition to the usual ones, or checks off with a loud warning), one
// deadline per exchange, and one wait-and-retry on 429 within a bound. What a failure means in words
// is the back end's business: each passes its own describers, so secrets and wording stay there.
import { readFileSync } from 'node:fs';
import type * as Http from 'node:http';
import type * as Https from 'node:https';
import type * as Tls from 'node:tls';
import { pacer } from './pacing.ts';
import { redactSecrets } from './redaction.ts';
import { spendRequest } from './request-budget.ts';

/** Longest Retry-After a call waits for; a longer one is reported instead (a tool call should not hang). */
const RETRY_AFTER_CAP_MS = 10_000;
/** A request's deadline unless PUNCHCARD_<BACK END>_TIMEOUT_MS says otherwise (every back end alike). */
export const DEFAULT_TIMEOUT_MS = 15_000;

export interface HttpAnswer {
  status: number;
  /** Parsed JSON, or undefined when the body was empty or not JSON. */
  json: unknown;
  text: string;
  headers: Record<string, string | string[] | undefined>;
}

export interface OutgoingRequest<Purpose> {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: URL;
  headers: Record<string, string>;
  body?: unknown;
  /** What the request is for, handed to the describers. */
  purpose: Purpose;
  /**
   * The secrets the request carries (a token; for HTTP Basic also `user:secret`): taken out of the
   * answer before anything reads it, in every form a server could echo them (redaction.ts).
   */
  secrets?: readonly string[];
}

/** Turns what went wrong into the back end's own error, in words a person can act on. */
export interface FailureDescribers<Purpose> {
  network(error: NodeJS.ErrnoException, purpose: Purpose): Error;
  timeout(timeoutMs: number, purpose: Purpose): Error;
}

/**
 * A company CA file and what it means when the file cannot be read, given together: only a back end
 * with a CA option (Kimai, self-hosted) can fail that way, so the SaaS ones need no words for it.
 */
export interface CaFile<Purpose> {
  file: string;
  unreadable(file: string, error: NodeJS.ErrnoException, purpose: Purpose): Error;
}

export interface JsonHttpOptions<Purpose> {
  /** Where the back end lives; decides http or https. */
  baseUrl: string;
  /** The back end's name in sentences ('Kimai'): a call over its request budget says whose. */
  service: string;
  timeoutMs: number;
  /** Sockets per back end: bounds how many requests batched work has in flight. */
  maxSockets: number;
  ca?: CaFile<Purpose>;
  allowInsecureTls?: boolean;
  /** Said once when TLS checks are off. */
  insecureWarning?: string;
  failures: FailureDescribers<Purpose>;
  log: (message: string) => void;
  /**
   * Whether a 429 without Retry-After is tried again after a second (default). A back end whose limit
   * is counted per hour (Calamari) says when by other means, and a blind retry only spends quota.
   */
  retryWithoutRetryAfter?: boolean;
  /** Requests per second the back end allows (Clockify): requests beyond it wait their turn (pacing.ts). */
  maxPerSecond?: number;
  /**
   * Passed before each request goes out, after the call's budget: it may wait, or refuse in words by
   * throwing, and the request is then not sent (the team server counts Calamari's limit, which is
   * the whole organisation's, across all its people).
   */
  gate?: () => Promise<void>;
}

export interface JsonHttp<Purpose> {
  /** One exchange: any status comes back as an answer; only transport failures throw. */
  send(request: OutgoingRequest<Purpose>): Promise<HttpAnswer>;
  /** `send`, waiting once for a 429's Retry-After when it is short enough. */
  sendRetrying(request: OutgoingRequest<Purpose>): Promise<HttpAnswer>;
  close(): void;
}

/**
 * Node's HTTP modules, loaded on the first request: importing node:http alone takes ~15 ms, which a
 * server that only answers tools/list (or runs on the local timesheet) should not pay at start.
 */
let modules: Promise<{ http: typeof Http; https: typeof Https; tls: typeof Tls }> | undefined;
function loadHttpModules() {
  modules ??= Promise.all([import('node:http'), import('node:https'), import('node:tls')]).then(([http, https, tls]) => ({ http, https, tls }));
  return modules;
}

export function createJsonHttp<Purpose>(options: JsonHttpOptions<Purpose>): JsonHttp<Purpose> {
  const secure = new URL(options.baseUrl).protocol === 'https:';
  let agent: Http.Agent | undefined;
  const paced = options.maxPerSecond ? pacer(options.maxPerSecond) : undefined;
  if (secure && options.allowInsecureTls && options.insecureWarning) options.log(options.insecureWarning);

  function agentFor(purpose: Purpose, { http, https, tls }: Awaited<ReturnType<typeof loadHttpModules>>): Http.Agent {
    if (agent) return agent;
    if (!secure) {
      agent = new http.Agent({ keepAlive: true, maxSockets: options.maxSockets });
      return agent;
    }
    let ca: string[] | undefined;
    if (options.ca) {
      try {
        // The company CA is trusted in addition to the usual authorities, not instead of them.
        ca = [...tls.rootCertificates, readFileSync(options.ca.file, 'utf8')];
      } catch (error) {
        throw options.ca.unreadable(options.ca.file, error as NodeJS.ErrnoException, purpose);
      }
    }
    agent = new https.Agent({
      keepAlive: true,
      maxSockets: options.maxSockets,
      rejectUnauthorized: !options.allowInsecureTls,
      ...(ca ? { ca } : {}),
    });
    return agent;
  }

  async function send(request: OutgoingRequest<Purpose>): Promise<HttpAnswer> {
    // Counted against the tool call it serves, before anything goes out.
    spendRequest(options.service);
    await options.gate?.();
    await paced?.();
    const loaded = await loadHttpModules();
    const payload = request.body === undefined ? undefined : JSON.stringify(request.body);
    const headers: Record<string, string> = { Accept: 'application/json', 'User-Agent': 'Punchcard', ...request.headers };
    if (payload !== undefined) {
      headers['Content-Type'] = 'application/json';
      headers['Content-Length'] = String(Buffer.byteLength(payload));
    }
    const transport = secure ? loaded.https : loaded.http;
    const requestAgent = agentFor(request.purpose, loaded);
    return new Promise<HttpAnswer>((resolve, reject) => {
      let settled = false;
      const finish = (error: Error | null, answer?: HttpAnswer) => {
        if (settled) return;
        settled = true;
        clearTimeout(deadline);
        if (error) reject(error);
        else if (answer) resolve(answer);
      };
      const outgoing = transport.request(request.url, { method: request.method, headers, agent: requestAgent }, (incoming) => {
        const chunks: Buffer[] = [];
        incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
        incoming.on('error', (error: NodeJS.ErrnoException) => finish(options.failures.network(error, request.purpose)));
        incoming.on('end', () => {
          const text = redactSecrets(Buffer.concat(chunks).toString('utf8'), request.secrets ?? []);
          let json: unknown;
          if (text.trim() !== '') {
            try {
              json = JSON.parse(text);
            } catch {
              json = undefined;
            }
          }
          finish(null, { status: incoming.statusCode ?? 0, json, text, headers: incoming.headers });
        });
      });
      // One deadline for the whole exchange (connect, TLS, server time, body), not an idle timer.
      const deadline = setTimeout(() => {
        finish(options.failures.timeout(options.timeoutMs, request.purpose));
        outgoing.destroy();
      }, options.timeoutMs);
      outgoing.on('error', (error: NodeJS.ErrnoException) => finish(options.failures.network(error, request.purpose)));
      if (payload !== undefined) outgoing.write(payload);
      outgoing.end();
    });
  }

  return {
    send,
    async sendRetrying(request) {
      const answer = await send(request);
      if (answer.status !== 429) return answer;
      if (options.retryWithoutRetryAfter === false && answer.headers['retry-after'] === undefined) return answer;
      const wait = retryAfterMs(answer.headers['retry-after'], Date.now());
      if (wait > RETRY_AFTER_CAP_MS) return answer;
      await new Promise((done) => setTimeout(done, wait));
      return send(request);
    },
    close() {
      agent?.destroy();
      agent = undefined;
    },
  };
}

/** Retry-After in seconds or as an HTTP date (RFC 9110 §10.2.3); 1 s when absent or unreadable. */
export function retryAfterMs(header: string | string[] | undefined, nowMs: number): number {
  const value = Array.isArray(header) ? header[0] : header;
  if (value === undefined || value.trim() === '') return 1_000;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1_000;
  // An HTTP date names its weekday; Date.parse would also read '-1' or '1.5' as some year.
  if (!/^[A-Za-z]{3,9},? /.test(value.trim())) return 1_000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? 1_000 : Math.max(0, date - nowMs);
}

/** A header as one number, or undefined. */
export function headerNumber(headers: Record<string, string | string[] | undefined>, name: string): number | undefined {
  const value = headers[name.toLowerCase()];
  const text = Array.isArray(value) ? value[0] : value;
  if (text === undefined || !/^\d+$/.test(text.trim())) return undefined;
  return Number(text);
}
