// The one client every remote back end talks through. What a request is for every back end alike lives here once: the
// secret (read on the first request, forgotten after a 401 or any answer the back end words as a secret refused, so a
// key the app saved meanwhile is picked up; the connections stay), the headers that carry it and its forms to take out
// of answers, the transport (json-http.ts: deadlines, sockets, TLS, one wait on a short 429, answers read within their
// limits), an answer that is not a success turned into the back end's own error, a body that should be JSON and is not,
// an empty body as no data, a network failure, a missed deadline or an answer too large in the back end's words, a
// redirect refused (none is ever followed), a header value no request can carry refused before anything is sent
// (header-values.ts), and which requests may change something (a call stopped midway says what it changed). A back end
// says only what differs: how it authenticates and how it words its answers (its errors.ts); its api.ts then names each
// endpoint it uses.
import { createJsonHttp, DEFAULT_TIMEOUT_MS, type HttpAnswer, type JsonHttpOptions } from './json-http.ts';
import { type HeaderSource, unsendableHeader } from './header-values.ts';
import { describeNetworkFailure, describeRedirect, describeTimeout, describeTooLarge, RemoteError, type ServiceWords } from './remote-error.ts';
import { cachedSecret, type SecretWords } from './secret.ts';
import { apiUrl, type QueryValue } from './wire.ts';

export type { HttpAnswer, QueryValue };

/** What a request is for, in words: every back end's failures say "… trying to <action>". */
export interface Purpose {
  action: string;
  /**
   * A request that only reads although it is not a GET (a search with a JSON body; every Calamari
   * read). Any other POST, PUT, PATCH or DELETE may change something.
   */
  onlyReads?: boolean;
}

export interface RemoteRequest<P extends Purpose> {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Below the address's /api, e.g. '/v2/clock'. */
  path: string;
  query?: Record<string, QueryValue>;
  body?: unknown;
  purpose: P;
}

export interface RemoteAnswer<T> {
  status: number;
  /** The parsed JSON; undefined for an empty body (204, Calamari's 201). */
  data: T;
  headers: HttpAnswer['headers'];
}

/**
 * Where a back end is and what reaches it, the same for every back end: made from its tracker's
 * options (remote-tracker.ts, `remoteConnection`) and handed through its api.ts to this client as it is.
 */
export interface RemoteConnection extends Pick<JsonHttpOptions<Purpose>, 'gate' | 'pace' | 'log'> {
  baseUrl: string;
  /** The secret (token, API key) from the keychain or the environment; null when none is stored. Asked again after a 401. */
  secret: () => Promise<string | null>;
  /** One exchange's deadline (PUNCHCARD_<BACK END>_TIMEOUT_MS, where set). */
  timeoutMs?: number;
  /**
   * Requests a second, where the back end counts them (Clockify, Calamari), instead of its published
   * limit (PUNCHCARD_<BACK END>_PER_SECOND, where set): a plan with a higher limit, or a test against a
   * fake that counts nothing, need not wait for a pace the back end does not hold it to.
   */
  perSecond?: number;
}

export interface RemoteClientOptions<P extends Purpose>
  extends RemoteConnection,
    Pick<
      JsonHttpOptions<P>,
      'ca' | 'allowInsecureTls' | 'insecureWarning' | 'retryWithoutRetryAfter' | 'retryAfterCapMs' | 'readRefusal' | 'maxPerSecond' | 'pace'
    > {
  /** How the back end is named in sentences: its failures to connect are worded with these. */
  words: ServiceWords;
  /** Requests in flight at once: bounds batched work (report pages, leave parts). */
  maxParallel: number;
  /**
   * Where the API's paths start below the address: 'api' for every back end whose documentation writes its API
   * under /api (the default); '' where the paths start at the host's root (Harvest's /v2/…).
   */
  root?: string;
  secretWords: SecretWords;
  /**
   * The headers a request carries for this secret, and every secret among them (for HTTP Basic also
   * `user:secret`), which are then taken out of whatever the server answers.
   */
  authenticate(secret: string): { headers: Record<string, string>; secrets: string[] };
  /**
   * Where each header `authenticate` gives comes from, beside Punchcard's own constants and the secret: a value the
   * back end answered, or a setting. One that no header can carry is refused in those words before anything is sent.
   */
  headerSources?: Readonly<Record<string, HeaderSource>>;
  /** An answer outside 2xx as the back end's own error, in words a person can act on. */
  describeFailure(answer: HttpAnswer, purpose: P): Error;
  /** A body that is not JSON where JSON was due: most likely not the back end's API at all. */
  describeNotJson(answer: HttpAnswer): Error;
}

export interface RemoteClient<P extends Purpose> {
  readonly baseUrl: string;
  readonly service: string;
  readonly maxParallel: number;
  request<T>(request: RemoteRequest<P>): Promise<RemoteAnswer<T>>;
  close(): void;
}

export function createRemoteClient<P extends Purpose>(options: RemoteClientOptions<P>): RemoteClient<P> {
  const { baseUrl, words } = options;
  const secret = cachedSecret(options.secret, options.secretWords);
  const transport = createJsonHttp<P>({
    baseUrl,
    service: words.service,
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    maxSockets: options.maxParallel,
    ...(words.longestWaitMs === undefined ? {} : { longestWaitMs: words.longestWaitMs }),
    failures: {
      network: (error, purpose) => describeNetworkFailure(error, baseUrl, purpose.action, words),
      timeout: (timeoutMs, purpose) => describeTimeout(baseUrl, timeoutMs, purpose.action, words),
      tooLarge: (oversize, purpose, changes) => describeTooLarge(baseUrl, oversize, purpose.action, words, changes),
    },
    log: options.log,
    ...(options.ca ? { ca: options.ca } : {}),
    ...(options.allowInsecureTls ? { allowInsecureTls: true } : {}),
    ...(options.insecureWarning ? { insecureWarning: options.insecureWarning } : {}),
    ...(options.retryWithoutRetryAfter === false ? { retryWithoutRetryAfter: false } : {}),
    ...(options.retryAfterCapMs === undefined ? {} : { retryAfterCapMs: options.retryAfterCapMs }),
    ...(options.readRefusal ? { readRefusal: options.readRefusal } : {}),
    ...(options.maxPerSecond ? { maxPerSecond: options.maxPerSecond } : {}),
    ...(options.pace ? { pace: options.pace } : {}),
    ...(options.gate ? { gate: options.gate } : {}),
  });

  // What the secret makes a request carry, made again only when the secret changes: the same list of
  // secrets with each request lets the redaction work out their forms once (redaction.ts).
  let authenticated: { secret: string; as: ReturnType<RemoteClientOptions<P>['authenticate']> } | undefined;
  const authenticate = (current: string) => {
    if (authenticated?.secret !== current) authenticated = { secret: current, as: options.authenticate(current) };
    return authenticated.as;
  };

  return {
    baseUrl,
    service: words.service,
    maxParallel: options.maxParallel,
    async request<T>(request: RemoteRequest<P>): Promise<RemoteAnswer<T>> {
      const { headers, secrets } = authenticate(await secret.get(request.purpose.action));
      const unsendable = unsendableHeader(headers, {
        words,
        secretName: options.secretWords.name,
        secrets,
        ...(options.headerSources ? { sources: options.headerSources } : {}),
        action: request.purpose.action,
      });
      if (unsendable) throw unsendable;
      const url = apiUrl(baseUrl, request.path, request.query, options.root);
      const answer = await transport.sendRetrying({
        method: request.method,
        url,
        headers,
        ...(request.body === undefined ? {} : { body: request.body }),
        purpose: request.purpose,
        secrets,
        ...(request.method !== 'GET' && request.purpose.onlyReads !== true ? { change: request.purpose.action } : {}),
        ...(request.purpose.onlyReads === true ? { onlyReads: true } : {}),
      });
      if (answer.status === 401) secret.forget(); // The app may have saved a new secret since.
      // Every back end's redirect alike, before its own describer: none is followed.
      if (answer.status >= 300 && answer.status < 400) throw describeRedirect(answer, url, request.purpose.action, words);
      if (answer.status < 200 || answer.status >= 300) {
        const failure = options.describeFailure(answer, request.purpose);
        // A secret refused in whatever status the back end says it with (Toggl's and Kimai's 403) is read afresh
        // too. Only the secret: the connections stay, so the requests other calls have in flight are answered.
        if (failure instanceof RemoteError && failure.failure === 'bad_token') secret.forget();
        throw failure;
      }
      if (answer.text.trim() === '') return { status: answer.status, data: undefined as T, headers: answer.headers };
      if (answer.json === undefined) throw options.describeNotJson(answer);
      return { status: answer.status, data: answer.json as T, headers: answer.headers };
    },
    close() {
      transport.close();
    },
  };
}
