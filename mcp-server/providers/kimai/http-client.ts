// The only module that talks HTTP to Kimai: the Bearer token, Kimai's URL and query conventions,
// and every failure turned into a KimaiError (errors.ts). Transport, TLS, deadlines and the 429
// retry are the shared JSON-over-HTTP layer's (providers/http/json-http.ts).
import { createJsonHttp, DEFAULT_TIMEOUT_MS } from '../http/json-http.ts';
import { cachedSecret } from '../http/secret.ts';
import { apiUrl, type QueryValue } from '../http/wire.ts';
import {
  describeHttpFailure,
  describeNetworkFailure,
  describeNotJson,
  describeTimeout,
  KimaiError,
  looksHtml,
  type RequestPurpose,
} from './errors.ts';

/** Sockets per Kimai: bounds how many requests a batched call (report pages, leave parts) has in flight. */
export const MAX_PARALLEL_REQUESTS = 4;

export type { QueryValue };

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
    service: 'Kimai',
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    maxSockets: MAX_PARALLEL_REQUESTS,
    ca: options.caFile ? {
      file: options.caFile,
      unreadable: (file, error, purpose) =>
        new KimaiError('config', `The CA file ${file} could not be read (${error.code ?? error.message}), so Punchcard could not ${purpose.action}. Fix provider.caFile in the settings.`),
    } : undefined,
    ...(options.allowInsecureTls ? { allowInsecureTls: true } : {}),
    insecureWarning:
      `WARNING: TLS certificate checks are OFF for ${options.baseUrl} (allowInsecureTls). Anyone on the network path ` +
      'can read your Kimai token and data. Use caFile with your Kimai\'s CA certificate instead.',
    failures: {
      network: (error, purpose) => describeNetworkFailure(error, options.baseUrl, purpose),
      timeout: (timeoutMs, purpose) => describeTimeout(options.baseUrl, timeoutMs, purpose),
    },
    log: options.log,
  });

  return {
    baseUrl: options.baseUrl,
    async request<T>(request: KimaiRequest): Promise<KimaiResponse<T>> {
      const secret = await token.get(request.purpose.action);
      const answer = await transport.sendRetrying({
        method: request.method,
        url: apiUrl(options.baseUrl, request.path, request.query),
        headers: { Authorization: `Bearer ${secret}` },
        secrets: [secret],
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
