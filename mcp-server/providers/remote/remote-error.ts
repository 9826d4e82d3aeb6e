// What went wrong between Punchcard and a remote back end, as a refusal (a code and its facts, worded
// in contract/outcomes/remote.ts and the back ends' families beside it), and as the verdict a
// connection test reports. The parts every back end shares live here: the kinds of failure, the
// network and deadline failures (which depend on the transport, not on the API), and the report of a
// connection test. Each back end describes its own HTTP answers (its error bodies, its words for a
// token or a key) in its own errors module. No refusal ever holds a secret.
import { formatWait } from '../../contract/outcomes/format.ts';
import type { FactsOf, Refusal, RefusalArgs, RefusalCode, REFUSALS } from '../../contract/outcomes/refusals.ts';
import { inWords } from '../../contract/outcomes/remote.ts';
import type { RefusalKind } from '../../contract/outcomes/wording.ts';
import { BackEndError, type BackEndKind } from '../time-tracker.ts';
import type { Oversize } from './answer-size.ts';
import { retryAfterMs } from './asked-wait.ts';
import type { HttpAnswer } from './json-http.ts';

export { formatWait, inWords };

export type RemoteFailure =
  | 'no_token'
  | 'bad_token'
  | 'forbidden'
  | 'not_found'
  /** The address answers, but not as this back end's API (a web page, another server). */
  | 'wrong_service'
  /** The configured person is not known to the back end (Calamari: no such active employee). */
  | 'unknown_person'
  | 'validation'
  | 'restricted'
  | 'bad_request'
  | 'rate_limited'
  | 'server_error'
  | 'timeout'
  /** An answer larger than Punchcard reads (answer-size.ts), or a call whose answers add up to more. */
  | 'too_large'
  | 'unreachable'
  | 'tls'
  | 'config';

/** A kind for every failure, each one of a back end's: the table below is held to it. */
type KindOfEach<T extends Record<RemoteFailure, BackEndKind>> = T;

/** What the engine does with each failure (time-tracker.ts, BackEndError): its refusal is of this kind. */
type FailureKinds = KindOfEach<{
  no_token: 'denied';
  bad_token: 'denied';
  forbidden: 'denied';
  not_found: 'not_found';
  wrong_service: 'unavailable';
  unknown_person: 'denied';
  validation: 'invalid';
  restricted: 'invalid';
  bad_request: 'invalid';
  rate_limited: 'unavailable';
  server_error: 'unavailable';
  timeout: 'unavailable';
  too_large: 'unavailable';
  unreachable: 'unavailable';
  tls: 'unavailable';
  config: 'invalid';
}>;

/** The refusals of each kind. */
type RefusalsOfKind = { [K in RefusalKind]: Refusal<{ [C in RefusalCode]: (typeof REFUSALS)[C]['kind'] extends K ? C : never }[RefusalCode]> };

/**
 * A refusal a failure may carry: one of the kind the failure is (a 404 a `not_found` code, a 429 an
 * `unavailable` one), so the compiler holds each describer to it.
 */
export type RefusalFor<F extends RemoteFailure> = RefusalsOfKind[FailureKinds[F]];

/** A refusal typed by its code (refusals.ts's `refusalOf` answers any refusal): what a RemoteError's failure is checked against. */
export function remoteRefusal<C extends RefusalCode>(code: C, facts: FactsOf<C>): Refusal<C> {
  return { code, facts } as Refusal<C>;
}

/**
 * A failure of a remote back end: its kind for the code paths that read it (`failure`, `status`), and
 * its refusal. `F` is the failure it was made with, only so the compiler checks the refusal's kind.
 */
export class RemoteError<F extends RemoteFailure = RemoteFailure> extends BackEndError {
  declare readonly refusal: RefusalFor<RemoteFailure>;
  readonly failure: RemoteFailure;
  /** HTTP status, when the back end answered at all. */
  readonly status: number | undefined;
  /**
   * Node's code for a failure of the connection itself (ECONNRESET, ENOTFOUND), where there was one:
   * a secure connection cut halfway is told apart from a certificate that was refused by it.
   */
  networkCode: string | undefined;
  /** `said`: the refusal, of the failure's kind. */
  constructor(failure: F, said: RefusalFor<F>, status?: number) {
    super(...([said.code, said.facts] as RefusalArgs));
    this.name = 'RemoteError';
    this.failure = failure;
    this.status = status;
  }
}

/** How a back end is named in sentences about its address. */
export interface ServiceWords {
  /** 'Kimai', 'Clockodo', 'Calamari'. */
  service: string;
  /** What to check when the address is wrong: 'the Kimai URL'. */
  address: string;
  /** The back end takes a company CA file (a self-hosted Kimai): a certificate it does not trust is said with where to set one. */
  caFile?: boolean;
  /** Who can read the server's log ('your Kimai administrator'), where a person can reach them. */
  operator?: string;
  /**
   * The longest wait the back end's request limits can mean (the longest window it counts in: Harvest's 15 seconds,
   * Toggl's hour): every wait it asks for is held to it (asked-wait.ts). A day where unset.
   */
  longestWaitMs?: number;
}

/**
 * What every back end answers alike: a server or a proxy in front of it that is down (502–504), and
 * an internal error (other 5xx). Undefined below 500: a back end describes its own 4xx.
 */
export function serverTrouble(status: number, action: string, words: ServiceWords): RemoteError | undefined {
  const { service } = words;
  if (status === 502 || status === 503 || status === 504)
    return new RemoteError('server_error', remoteRefusal('remote_unavailable', { service, status }), status);
  if (status >= 500) {
    return new RemoteError('server_error', remoteRefusal('remote_internal_error', { service, status, action, operator: words.operator ?? null }), status);
  }
  return undefined;
}

/**
 * The Retry-After of an answer, in whole seconds, where it gives one it can mean: held to the back end's longest
 * window (asked-wait.ts), as the transport held the wait it did not wait out.
 */
export function retryAfterSeconds(answer: Pick<HttpAnswer, 'headers'>, words?: Pick<ServiceWords, 'longestWaitMs'>): number | null {
  const ms = retryAfterMs(answer.headers['retry-after'], Date.now(), words?.longestWaitMs);
  return ms === undefined ? null : Math.ceil(ms / 1_000);
}

/**
 * A 429 from a back end that says nothing more about its limit than the status (Kimai's proxy,
 * Clockodo). It reaches the person only after the HTTP layer has waited out a short Retry-After once,
 * so a longer one is said rather than "a minute".
 */
export function rateLimited(answer: Pick<HttpAnswer, 'headers'>, action: string, words: ServiceWords): RemoteError {
  return new RemoteError(
    'rate_limited',
    remoteRefusal('remote_rate_limited', { service: words.service, action, retry_after_s: retryAfterSeconds(answer, words) }),
    429,
  );
}

/**
 * A redirect (any 3xx), said alike for every back end before its own describer is asked: Punchcard follows none
 * (Node's client never does), so a secret goes only to the address the person set. Where it leads is read from its
 * Location for the words, as a host alone (a URL's host holds no spaces nor line breaks), and never asked.
 */
export function describeRedirect(answer: Pick<HttpAnswer, 'status' | 'headers'>, url: URL, action: string, words: ServiceWords): RemoteError {
  const location = answer.headers.location;
  let elsewhere: string | null = null;
  try {
    const to = new URL(Array.isArray(location) ? (location[0] ?? '') : (location ?? ''), url);
    if (location !== undefined && to.host !== url.host && to.host !== '') elsewhere = to.host;
  } catch {
    // A Location that is no address says nothing of where.
  }
  return new RemoteError(
    'wrong_service',
    remoteRefusal('remote_redirect_refused', { service: words.service, host: url.host, status: answer.status, elsewhere, action, address: words.address }),
    answer.status,
  );
}

/** A status the back end's own describer has no words for. */
export function unexpectedStatus(status: number, action: string, words: ServiceWords): RemoteError {
  return new RemoteError('bad_request', remoteRefusal('remote_status_unknown', { service: words.service, status, action }), status);
}

export type ConnectionVerdict =
  | 'ok'
  | 'wrong_url'
  | 'unreachable'
  | 'bad_token'
  | 'no_token'
  | 'no_permission'
  | 'unknown_person'
  | 'tls'
  | 'server_error'
  | 'misconfigured'
  /** The organisation's policy does not let Punchcard contact this back end; nothing was sent. */
  | 'not_allowed'
  /** Punchcard itself failed while testing (an answer it could not read); the message says what. */
  | 'error';

/** What every back end's connection test reports; back ends add what they learned. */
export interface ConnectionReport {
  ok: boolean;
  verdict: ConnectionVerdict;
  /** One or two sentences for a person; never contains a secret. */
  message: string;
  /**
   * Every workspace the secret sees, where a back end has several per key (Clockify): the app's Account
   * screen offers each as a connection of its own (docs/using-the-app.md, "Several connections").
   */
  workspaces?: ReadonlyArray<{ id: string; name: string }>;
}

const VERDICTS: Record<RemoteFailure, ConnectionVerdict> = {
  no_token: 'no_token',
  bad_token: 'bad_token',
  forbidden: 'no_permission',
  not_found: 'wrong_url',
  wrong_service: 'wrong_url',
  unknown_person: 'unknown_person',
  validation: 'server_error',
  restricted: 'no_permission',
  bad_request: 'server_error',
  rate_limited: 'server_error',
  server_error: 'server_error',
  timeout: 'unreachable',
  too_large: 'server_error',
  unreachable: 'unreachable',
  tls: 'tls',
  config: 'misconfigured',
};

/** A failed connection test's report: the failure's verdict and its sentence. */
export function failedConnection(error: RemoteError): ConnectionReport {
  return { ok: false, verdict: VERDICTS[error.failure], message: error.message };
}

/** A Node network error as it reaches the HTTP edge. */
export interface NetworkProblem {
  code?: string | undefined;
  message: string;
}

const TLS_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_UNTRUSTED',
  'CERT_REVOKED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'ERR_SSL_WRONG_VERSION_NUMBER',
  'EPROTO',
]);

export function describeNetworkFailure(problem: NetworkProblem, baseUrl: string, action: string, words: ServiceWords): RemoteError {
  const error = networkFailure(problem, baseUrl, action, words);
  error.networkCode = problem.code;
  return error;
}

function networkFailure(problem: NetworkProblem, baseUrl: string, action: string, words: ServiceWords): RemoteError {
  const host = hostOf(baseUrl);
  const code = problem.code ?? '';
  const { service, address } = words;
  if (TLS_CODES.has(code) || /certificate|ssl|tls/i.test(problem.message)) {
    const tls =
      code === 'CERT_HAS_EXPIRED'
        ? 'expired'
        : code === 'ERR_TLS_CERT_ALTNAME_INVALID'
          ? 'other_host'
          : code === 'ERR_SSL_WRONG_VERSION_NUMBER' || code === 'EPROTO'
            ? 'not_tls'
            : 'untrusted';
    return new RemoteError('tls', remoteRefusal('remote_tls_failed', { service, host, problem: tls, ca_file: words.caFile === true }));
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return new RemoteError('unreachable', remoteRefusal('remote_host_not_found', { host, address }));
  if (code === 'ECONNREFUSED') return new RemoteError('unreachable', remoteRefusal('remote_connection_refused', { service, host, address }));
  if (code === 'ECONNRESET' || code === 'EPIPE' || code === 'ETIMEDOUT' || code === 'EHOSTUNREACH' || code === 'ENETUNREACH') {
    return new RemoteError('unreachable', remoteRefusal('remote_connection_lost', { host, code, action }));
  }
  return new RemoteError('unreachable', remoteRefusal('remote_unreachable', { service, host, action, reason: code || problem.message }));
}

export function describeTimeout(baseUrl: string, timeoutMs: number, action: string, words: ServiceWords): RemoteError {
  return new RemoteError('timeout', remoteRefusal('remote_timeout', { service: words.service, host: hostOf(baseUrl), action, timeout_ms: timeoutMs }));
}

/**
 * An answer Punchcard stopped reading (answer-size.ts): one larger than any page a back end sends,
 * or the answers of one call together. `changes`: the request may have changed something, which the
 * back end did before it answered, so the person checks before repeating it.
 */
export function describeTooLarge(baseUrl: string, oversize: Oversize, action: string, words: ServiceWords, changes: boolean): RemoteError {
  const { service } = words;
  const unit = oversize.kind === 'call_bytes' || oversize.kind === 'answer_bytes' ? 'bytes' : 'objects';
  if (oversize.kind === 'call_bytes' || oversize.kind === 'call_objects') {
    return new RemoteError('too_large', remoteRefusal('remote_call_answers_too_large', { service, limit: oversize.limit, unit, may_have_changed: changes }));
  }
  return new RemoteError(
    'too_large',
    remoteRefusal('remote_answer_too_large', {
      service,
      host: hostOf(baseUrl),
      action,
      limit: oversize.limit,
      unit,
      declared: oversize.kind === 'answer_bytes' ? (oversize.declared ?? null) : null,
      operator: words.operator ?? null,
      may_have_changed: changes,
    }),
  );
}

/** A body that starts like markup: a web page where a JSON API was expected. */
export function looksHtml(text: string): boolean {
  return /^\s*</.test(text);
}

export function hostOf(baseUrl: string): string {
  try {
    return new URL(baseUrl).host;
  } catch {
    return baseUrl;
  }
}

/**
 * A read the back end may refuse this person (403: their role, a plan or a workspace setting): null
 * then, and the caller does without; its words come from elsewhere. A read of an optional feature is
 * declared instead (optional-read.ts), which takes 402 and a 404 in the API's own form alike and says so
 * once in the log.
 */
export async function unlessRefused<T>(read: Promise<T>): Promise<T | null> {
  try {
    return await read;
  } catch (error) {
    if (error instanceof RemoteError && error.status === 403) return null;
    throw error;
  }
}
