// The only module that talks HTTP to Calamari: HTTP Basic with user `calamari` and the
// organisation's key, POST with a JSON body for reads too (calamari.md §1), one body shape for
// failures (errors.ts). Transport and deadlines are the shared layer's; a 429 is not retried
// blindly, as Calamari's limit is counted per hour and a retry would only spend it.
import { createJsonHttp, DEFAULT_TIMEOUT_MS } from '../http/json-http.ts';
import { describeNetworkFailure, describeTimeout } from '../http/remote-error.ts';
import { cachedSecret } from '../http/secret.ts';
import { apiUrl } from '../http/wire.ts';
import { CALAMARI_WORDS, CalamariError, describeHttpFailure, describeNotJson, type RequestPurpose } from './errors.ts';

const MAX_PARALLEL_REQUESTS = 4;

export interface CalamariHttpOptions {
  baseUrl: string;
  /** The person every request is about; said in the failures that concern them. */
  email: string;
  apiKey: () => Promise<string | null>;
  timeoutMs?: number;
  log: (message: string) => void;
}

export interface CalamariHttp {
  /** POST `body` to /api`path`: Calamari reads with POST too. */
  post<T>(path: string, body: unknown, purpose: RequestPurpose): Promise<T>;
  close(): void;
}

export function createCalamariHttp(options: CalamariHttpOptions): CalamariHttp {
  const key = cachedSecret(options.apiKey, {
    unreadable: (reason) => new CalamariError('no_token', `The Calamari API key could not be read from the keychain: ${reason}`),
    missing: (action) =>
      new CalamariError(
        'no_token',
        `No Calamari API key is stored for ${options.baseUrl}, so Punchcard could not ${action}. Save the key your administrator gave you in the Punchcard app, or set PUNCHCARD_CALAMARI_TOKEN.`,
      ),
  });
  const transport = createJsonHttp<RequestPurpose>({
    baseUrl: options.baseUrl,
    service: 'Calamari',
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    maxSockets: MAX_PARALLEL_REQUESTS,
    retryWithoutRetryAfter: false,
    failures: {
      network: (error, purpose) => describeNetworkFailure(error, options.baseUrl, purpose.action, CALAMARI_WORDS),
      timeout: (timeoutMs, purpose) => describeTimeout(options.baseUrl, timeoutMs, purpose.action, CALAMARI_WORDS),
    },
    log: options.log,
  });

  async function post<T>(path: string, body: unknown, purpose: RequestPurpose): Promise<T> {
    const secret = await key.get(purpose.action);
    const answer = await transport.sendRetrying({
      method: 'POST',
      url: apiUrl(options.baseUrl, path),
      headers: { Authorization: `Basic ${Buffer.from(`calamari:${secret}`).toString('base64')}` },
      secrets: [secret, `calamari:${secret}`],
      body: body ?? {},
      purpose,
    });
    if (answer.status === 401) key.forget(); // The app may have saved a new key since.
    if (answer.status < 200 || answer.status >= 300) throw describeHttpFailure(answer, purpose, options.baseUrl, options.email);
    if (answer.json === undefined) {
      // 201 carries no body (calamari.md §3).
      if (answer.text.trim() === '') return undefined as T;
      throw describeNotJson(options.baseUrl, answer);
    }
    return answer.json as T;
  }

  return {
    post,
    close() {
      transport.close();
    },
  };
}
