// The only module that talks HTTP to Clockodo: the person's e-mail and API key in Clockodo's two
// headers, the application header Clockodo asks every integration to send, its URL and query
// conventions (`filter[users_id]`, arrays as `filter[year][]`), and every failure turned into a
// ClockodoError (errors.ts). Transport, deadlines and the 429 retry are the shared layer's.
import { createJsonHttp, DEFAULT_TIMEOUT_MS } from '../http/json-http.ts';
import { describeNetworkFailure, describeTimeout } from '../http/remote-error.ts';
import { cachedSecret } from '../http/secret.ts';
import { apiUrl, type QueryValue } from '../http/wire.ts';
import { CLOCKODO_WORDS, ClockodoError, describeHttpFailure, describeNotJson, type RequestPurpose } from './errors.ts';

/** Sockets per Clockodo; the community SDK fetches at most three pages at once too. */
export const MAX_PARALLEL_REQUESTS = 4;
/** Clockodo's limit for the application header (clockodo.md §2; the community SDK enforces it). */
const EXTERNAL_APPLICATION_LIMIT = 50;

/**
 * `name;contact e-mail` of the integration, required on every request. Punchcard has no operator of
 * its own to name: each installation is run by the person using it, so their login is the contact
 * Clockodo would reach (it already has it, in X-ClockodoApiUser). A login too long for the limit
 * names its domain's postmaster, which every mail domain has (RFC 5321 §4.5.1).
 */
export function externalApplication(email: string): string {
  const candidates = [`Punchcard;${email}`, `PC;${email}`, `Punchcard;postmaster@${email.slice(email.indexOf('@') + 1)}`];
  return candidates.find((value) => value.length <= EXTERNAL_APPLICATION_LIMIT) ?? (candidates[2] as string);
}

export type { QueryValue };

export interface ClockodoRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Below /api, e.g. '/v2/clock'. */
  path: string;
  query?: Record<string, QueryValue>;
  body?: unknown;
  purpose: RequestPurpose;
}

export interface ClockodoHttpOptions {
  baseUrl: string;
  email: string;
  /** Resolves the API key, or null when none is stored. Asked again after a 401. */
  apiKey: () => Promise<string | null>;
  timeoutMs?: number;
  log: (message: string) => void;
}

export interface ClockodoHttp {
  request<T>(request: ClockodoRequest): Promise<T>;
  close(): void;
}

export function createClockodoHttp(options: ClockodoHttpOptions): ClockodoHttp {
  const application = externalApplication(options.email);
  const key = cachedSecret(options.apiKey, {
    unreadable: (reason) => new ClockodoError('no_token', `The Clockodo API key could not be read from the keychain: ${reason}`),
    missing: (action) =>
      new ClockodoError(
        'no_token',
        `No Clockodo API key is stored for ${options.email}, so Punchcard could not ${action}. ` +
          'Save it in the Punchcard app (it is in your personal data in Clockodo), or set PUNCHCARD_CLOCKODO_TOKEN.',
      ),
  });
  const transport = createJsonHttp<RequestPurpose>({
    baseUrl: options.baseUrl,
    service: 'Clockodo',
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    maxSockets: MAX_PARALLEL_REQUESTS,
    failures: {
      network: (error, purpose) => describeNetworkFailure(error, options.baseUrl, purpose.action, CLOCKODO_WORDS),
      timeout: (timeoutMs, purpose) => describeTimeout(options.baseUrl, timeoutMs, purpose.action, CLOCKODO_WORDS),
    },
    log: options.log,
  });

  return {
    async request<T>(request: ClockodoRequest): Promise<T> {
      const secret = await key.get(request.purpose.action);
      const answer = await transport.sendRetrying({
        method: request.method,
        url: apiUrl(options.baseUrl, request.path, request.query),
        headers: {
          'X-ClockodoApiUser': options.email,
          'X-ClockodoApiKey': secret,
          'X-Clockodo-External-Application': application,
          // Legacy endpoints (/targethours, /userreports) answer ISO UTC times only when asked to.
          'X-ClockodoEnableIsoUtcDateTimes': '1',
          'Accept-Language': 'en',
        },
        ...(request.body === undefined ? {} : { body: request.body }),
        purpose: request.purpose,
        secrets: [secret],
      });
      if (answer.status === 401) key.forget(); // The app may have saved a new key since.
      if (answer.status < 200 || answer.status >= 300) throw describeHttpFailure(answer, request.purpose, options.baseUrl, options.email);
      if (answer.json === undefined) {
        if (answer.text.trim() === '') return undefined as T;
        throw describeNotJson(options.baseUrl, answer);
      }
      return answer.json as T;
    },
    close() {
      transport.close();
    },
  };
}
