// The only module that talks HTTP to Kimai: Bearer header, JSON in and out, a deadline per request,
// one retry on 429, TLS options, and every failure turned into a KimaiError (errors.ts). Built on
// Node's own http/https so the server bundle gains no dependency.
import { readFileSync } from 'node:fs';
import type * as Http from 'node:http';
import type * as Https from 'node:https';
import type * as Tls from 'node:tls';
import {
  describeHttpFailure,
  describeNetworkFailure,
  describeNotJson,
  describeTimeout,
  type HttpAnswer,
  KimaiError,
  looksHtml,
  type RequestPurpose,
} from './errors.ts';

export const DEFAULT_TIMEOUT_MS = 15_000;
/** Longest Retry-After Punchcard waits for; a longer one is reported instead (a tool call should not hang). */
const RETRY_AFTER_CAP_MS = 10_000;
/** Sockets per Kimai: bounds how many requests a batched call (report pages, leave parts) has in flight. */
export const MAX_PARALLEL_REQUESTS = 4;

export type QueryValue = string | number | boolean | undefined | readonly (string | number)[];

export interface KimaiRequest {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** Below /api, e.g. '/timesheets/active'. */
  path: string;
  query?: Record<string, QueryValue>;
  body?: unknown;
  purpose: RequestPurpose;
}

export interface KimaiResponse<T = unknown> {
  status: number;
  data: T;
  headers: Record<string, string | string[] | undefined>;
}

export interface KimaiHttpOptions {
  baseUrl: string;
  /** Resolves the API token, or null when none is stored. Asked again after a 401. */
  token: () => Promise<string | null>;
  timeoutMs?: number;
  caFile?: string;
  allowInsecureTls?: boolean;
  log: (message: string) => void;
}

export interface KimaiHttp {
  readonly baseUrl: string;
  request<T = unknown>(request: KimaiRequest): Promise<KimaiResponse<T>>;
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

export function createKimaiHttp(options: KimaiHttpOptions): KimaiHttp {
  const base = new URL(`${options.baseUrl}/`);
  const secure = base.protocol === 'https:';
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  let agent: Http.Agent | undefined;
  let token: Promise<string | null> | undefined;

  if (secure && options.allowInsecureTls) {
    options.log(
      `WARNING: TLS certificate checks are OFF for ${options.baseUrl} (allowInsecureTls). Anyone on the network path ` +
        'can read your Kimai token and data. Use caFile with your Kimai\'s CA certificate instead.',
    );
  }

  function agentFor(purpose: RequestPurpose, { http, https, tls }: Awaited<ReturnType<typeof loadHttpModules>>): Http.Agent {
    if (agent) return agent;
    if (!secure) {
      agent = new http.Agent({ keepAlive: true, maxSockets: MAX_PARALLEL_REQUESTS });
      return agent;
    }
    let ca: string[] | undefined;
    if (options.caFile) {
      try {
        // The company CA is trusted in addition to the usual authorities, not instead of them.
        ca = [...tls.rootCertificates, readFileSync(options.caFile, 'utf8')];
      } catch (error) {
        throw new KimaiError('config', `The CA file ${options.caFile} could not be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}), so Punchcard could not ${purpose.action}. Fix provider.caFile in the settings.`);
      }
    }
    agent = new https.Agent({
      keepAlive: true,
      maxSockets: MAX_PARALLEL_REQUESTS,
      rejectUnauthorized: !options.allowInsecureTls,
      ...(ca ? { ca } : {}),
    });
    return agent;
  }

  async function bearer(purpose: RequestPurpose): Promise<string> {
    token ??= options.token();
    let value: string | null;
    try {
      value = await token;
    } catch (error) {
      token = undefined;
      throw new KimaiError('no_token', `The Kimai token could not be read from the keychain: ${(error as Error).message}`);
    }
    if (!value) {
      token = undefined;
      throw new KimaiError(
        'no_token',
        `No Kimai API token is stored for ${options.baseUrl}, so Punchcard could not ${purpose.action}. ` +
          'Save one in the Punchcard app (create it in your Kimai profile under API access), or set PUNCHCARD_KIMAI_TOKEN.',
      );
    }
    return value;
  }

  async function send(request: KimaiRequest): Promise<HttpAnswer> {
    const secret = await bearer(request.purpose);
    const loaded = await loadHttpModules();
    const url = new URL(`api${request.path}`, base);
    for (const [key, value] of Object.entries(request.query ?? {})) {
      if (value === undefined) continue;
      if (Array.isArray(value)) for (const item of value) url.searchParams.append(`${key}[]`, String(item));
      else url.searchParams.set(key, String(value));
    }
    const payload = request.body === undefined ? undefined : JSON.stringify(request.body);
    const headers: Record<string, string> = {
      Accept: 'application/json',
      Authorization: `Bearer ${secret}`,
      'User-Agent': 'Punchcard',
    };
    if (payload !== undefined) {
      headers['Content-Type'] = 'application/json';
      headers['Content-Length'] = String(Buffer.byteLength(payload));
    }
    const transport = secure ? loaded.https : loaded.http;
    const requestAgent = agentFor(request.purpose, loaded);
    return new Promise<HttpAnswer>((resolve, reject) => {
      let settled = false;
      const finish = (error: KimaiError | null, answer?: HttpAnswer) => {
        if (settled) return;
        settled = true;
        clearTimeout(deadline);
        if (error) reject(error);
        else if (answer) resolve(answer);
      };
      const outgoing = transport.request(url, { method: request.method, headers, agent: requestAgent }, (incoming) => {
        const chunks: Buffer[] = [];
        incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
        incoming.on('error', (error: NodeJS.ErrnoException) => finish(describeNetworkFailure(error, options.baseUrl, request.purpose)));
        incoming.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
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
        finish(describeTimeout(options.baseUrl, timeoutMs, request.purpose));
        outgoing.destroy();
      }, timeoutMs);
      outgoing.on('error', (error: NodeJS.ErrnoException) => finish(describeNetworkFailure(error, options.baseUrl, request.purpose)));
      if (payload !== undefined) outgoing.write(payload);
      outgoing.end();
    });
  }

  return {
    baseUrl: options.baseUrl,
    async request<T>(request: KimaiRequest): Promise<KimaiResponse<T>> {
      let answer = await send(request);
      if (answer.status === 429) {
        const wait = retryAfterMs(answer.headers['retry-after'], Date.now());
        if (wait <= RETRY_AFTER_CAP_MS) {
          await new Promise((done) => setTimeout(done, wait));
          answer = await send(request);
        }
      }
      if (answer.status === 401) token = undefined; // The app may have saved a new token since.
      if (answer.status < 200 || answer.status >= 300) {
        // An HTML 404 page at /api/… is a web server that is not Kimai (or a Kimai below another path).
        if (answer.status === 404 && looksHtml(answer.text)) throw describeNotJson(options.baseUrl, answer);
        throw describeHttpFailure(answer, request.purpose, options.baseUrl);
      }
      if (answer.status === 204 || answer.text.trim() === '') return { status: answer.status, data: undefined as T, headers: answer.headers };
      if (answer.json === undefined) throw describeNotJson(options.baseUrl, answer);
      return { status: answer.status, data: answer.json as T, headers: answer.headers };
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
