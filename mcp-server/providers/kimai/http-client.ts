// The only module that talks HTTP to Kimai: the Bearer token, Kimai's URL and query conventions,
// and every failure turned into a KimaiError (errors.ts). Transport, TLS, deadlines and the 429
// retry are the shared JSON-over-HTTP layer's (providers/http/json-http.ts).
import { createJsonHttp } from '../http/json-http.ts';
import { cachedSecret } from '../http/secret.ts';
import {
  describeHttpFailure,
  describeNetworkFailure,
  describeNotJson,
  describeTimeout,
  KimaiError,
  looksHtml,
  type RequestPurpose,
} from './errors.ts';

export const DEFAULT_TIMEOUT_MS = 15_000;
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

export function createKimaiHttp(options: KimaiHttpOptions): KimaiHttp {
  const base = new URL(`${options.baseUrl}/`);
  const token = cachedSecret(options.token, {
    unreadable: (reason) => new KimaiError('no_token', `The Kimai token could not be read from the keychain: ${reason}`),
    missing: (action) =>
      new KimaiError(
        'no_token',
        `No Kimai API token is stored for ${options.baseUrl}, so Punchcard could not ${action}. ` +
          'Save one in the Punchcard app (create it in your Kimai profile under API access), or set PUNCHCARD_KIMAI_TOKEN.',
      ),
  });
  const transport = createJsonHttp<RequestPurpose>({
    baseUrl: options.baseUrl,
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    maxSockets: MAX_PARALLEL_REQUESTS,
    ...(options.caFile ? { caFile: options.caFile } : {}),
    ...(options.allowInsecureTls ? { allowInsecureTls: true } : {}),
    insecureWarning:
      `WARNING: TLS certificate checks are OFF for ${options.baseUrl} (allowInsecureTls). Anyone on the network path ` +
      'can read your Kimai token and data. Use caFile with your Kimai\'s CA certificate instead.',
    failures: {
      network: (error, purpose) => describeNetworkFailure(error, options.baseUrl, purpose),
      timeout: (timeoutMs, purpose) => describeTimeout(options.baseUrl, timeoutMs, purpose),
      caFile: (caFile, error, purpose) =>
        new KimaiError('config', `The CA file ${caFile} could not be read (${error.code ?? error.message}), so Punchcard could not ${purpose.action}. Fix provider.caFile in the settings.`),
    },
    log: options.log,
  });

  function urlOf(request: KimaiRequest): URL {
    const url = new URL(`api${request.path}`, base);
    for (const [key, value] of Object.entries(request.query ?? {})) {
      if (value === undefined) continue;
      if (Array.isArray(value)) for (const item of value) url.searchParams.append(`${key}[]`, String(item));
      else url.searchParams.set(key, String(value));
    }
    return url;
  }

  return {
    baseUrl: options.baseUrl,
    async request<T>(request: KimaiRequest): Promise<KimaiResponse<T>> {
      const secret = await token.get(request.purpose.action);
      const answer = await transport.sendRetrying({
        method: request.method,
        url: urlOf(request),
        headers: { Authorization: `Bearer ${secret}` },
        ...(request.body === undefined ? {} : { body: request.body }),
        purpose: request.purpose,
      });
      if (answer.status === 401) token.forget(); // The app may have saved a new token since.
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
      transport.close();
    },
  };
}
