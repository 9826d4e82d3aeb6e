// What went wrong between Punchcard and a remote back end, as one sentence a person can act on, and
// as the verdict a connection test reports. The parts every back end shares live here: the kinds of
// failure, the network and deadline failures (which depend on the transport, not on the API), and
// the report of a connection test. Each back end describes its own HTTP answers (its error bodies,
// its words for a token or a key) in its own errors module. No message ever holds a secret.
import { BackEndError, type BackEndKind } from '../time-tracker.ts';
import { megabytes, type Oversize } from './answer-size.ts';
import { headerNumber, type HttpAnswer } from './json-http.ts';

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

const PROVIDER_CODES: Record<RemoteFailure, BackEndKind> = {
  no_token: 'denied',
  bad_token: 'denied',
  forbidden: 'denied',
  not_found: 'not_found',
  wrong_service: 'unavailable',
  unknown_person: 'denied',
  validation: 'invalid',
  restricted: 'invalid',
  bad_request: 'invalid',
  rate_limited: 'unavailable',
  server_error: 'unavailable',
  timeout: 'unavailable',
  too_large: 'unavailable',
  unreachable: 'unavailable',
  tls: 'unavailable',
  config: 'invalid',
};

export class RemoteError extends BackEndError {
  readonly failure: RemoteFailure;
  /** HTTP status, when the back end answered at all. */
  readonly status: number | undefined;
  /**
   * Node's code for a failure of the connection itself (ECONNRESET, ENOTFOUND), where there was one:
   * a secure connection cut halfway is told apart from a certificate that was refused by it.
   */
  networkCode: string | undefined;
  constructor(failure: RemoteFailure, message: string, status?: number) {
    super(PROVIDER_CODES[failure], message);
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
  /** Said when a certificate is not trusted, or omitted where no CA option exists (SaaS). */
  caHint?: string;
  /** Who can read the server's log ('your Kimai administrator'), where a person can reach them. */
  operator?: string;
  /** How the back end counts requests, where it says ('it counts requests per second for your key'), and so when to try again. */
  rateLimit?: { counts: string; retry: string };
}

/**
 * What every back end answers alike: a server or a proxy in front of it that is down (502–504), and
 * an internal error (other 5xx). Undefined below 500: a back end describes its own 4xx.
 */
export function serverTrouble(status: number, action: string, words: ServiceWords): { failure: RemoteFailure; message: string } | undefined {
  if (status === 502 || status === 503 || status === 504) {
    return { failure: 'server_error', message: `${words.service}, or a proxy in front of it, is unavailable (${status}). Try again later.` };
  }
  if (status >= 500) {
    const operator = words.operator ? `; if it keeps happening, ask ${words.operator} to check its log` : '';
    return { failure: 'server_error', message: `${words.service} had an internal error (${status}) trying to ${action}. Try again later${operator}.` };
  }
  return undefined;
}

/** When to try again, from a wait in seconds: 'in a minute' under a minute and a half, then minutes, then hours. */
export function inWords(seconds: number): string {
  if (seconds < 90) return 'in a minute';
  const minutes = Math.ceil(seconds / 60);
  if (minutes < 120) return `in ${minutes} minutes`;
  return `in ${Math.ceil(minutes / 60)} hours`;
}

/**
 * A 429 from a back end that says nothing more about its limit than the status (Kimai's proxy,
 * Clockodo). It reaches the person only after the HTTP layer has waited out a short Retry-After once,
 * so a longer one (in seconds; the date form is rare behind a rate limit) is said rather than "a minute".
 */
export function rateLimited(answer: Pick<HttpAnswer, 'headers'>, action: string, words: ServiceWords): { failure: RemoteFailure; message: string } {
  const seconds = headerNumber(answer.headers, 'retry-after') ?? 0;
  const when = seconds > 60 ? `in ${Math.ceil(seconds / 60)} minutes` : (words.rateLimit?.retry ?? 'in a minute');
  const counts = words.rateLimit ? `; ${words.rateLimit.counts}` : '';
  return { failure: 'rate_limited', message: `${words.service} is limiting requests (429 Too Many Requests${counts}). Try to ${action} again ${when}.` };
}

/**
 * Something other than the back end's JSON where it was expected (a web page, a proxy's error, broken
 * JSON): the address is most likely wrong. `hint` says what the right one looks like.
 */
export function notJsonApi(baseUrl: string, answer: Pick<HttpAnswer, 'text'>, words: ServiceWords, hint: string): { failure: RemoteFailure; message: string } {
  return {
    failure: 'wrong_service',
    message: `The server at ${baseUrl} answered with ${looksHtml(answer.text) ? 'a web page' : 'something'} that is not ${words.service}'s JSON API. ${hint}`,
  };
}

/** A status the back end's own describer has no words for. */
export function unexpectedStatus(status: number, action: string, words: ServiceWords): { failure: RemoteFailure; message: string } {
  return { failure: 'bad_request', message: `${words.service} answered ${status} trying to ${action}; Punchcard does not know what that means here.` };
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
  if (TLS_CODES.has(code) || /certificate|ssl|tls/i.test(problem.message)) {
    const why =
      code === 'CERT_HAS_EXPIRED'
        ? 'its certificate has expired'
        : code === 'ERR_TLS_CERT_ALTNAME_INVALID'
          ? `its certificate is not for ${host}`
          : code === 'ERR_SSL_WRONG_VERSION_NUMBER' || code === 'EPROTO'
            ? 'it does not speak TLS on that port (try http:// or another port)'
            : 'its certificate is not signed by an authority this computer trusts';
    return new RemoteError('tls', `The secure connection to ${host} failed: ${why}.${words.caHint ? ` ${words.caHint}` : ''}`);
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return new RemoteError('unreachable', `The host name ${host} could not be found. Check ${words.address} and your network connection.`);
  }
  if (code === 'ECONNREFUSED') {
    return new RemoteError(
      'unreachable',
      `Nothing answers at ${host} (connection refused). Check ${words.address} and port, and that ${words.service} is running.`,
    );
  }
  if (code === 'ECONNRESET' || code === 'EPIPE' || code === 'ETIMEDOUT' || code === 'EHOSTUNREACH' || code === 'ENETUNREACH') {
    return new RemoteError('unreachable', `The connection to ${host} was lost (${code}) trying to ${action}. Check your network and try again.`);
  }
  return new RemoteError('unreachable', `${words.service} at ${host} could not be reached trying to ${action} (${code || problem.message}).`);
}

export function describeTimeout(baseUrl: string, timeoutMs: number, action: string, words: ServiceWords): RemoteError {
  return new RemoteError(
    'timeout',
    `${words.service} at ${hostOf(baseUrl)} did not answer within ${formatWait(timeoutMs)} trying to ${action}. ` +
      'It may be overloaded or unreachable; try again later. (A write may still have happened: check before repeating it.)',
  );
}

/**
 * An answer Punchcard stopped reading (answer-size.ts): one larger than any page a back end sends,
 * or the answers of one call together. `changes`: the request may have changed something, which the
 * back end did before it answered, so the person checks before repeating it.
 */
export function describeTooLarge(baseUrl: string, oversize: Oversize, action: string, words: ServiceWords, changes: boolean): RemoteError {
  const check = changes ? ' (The change may have been made: check before repeating it.)' : '';
  if (oversize.kind === 'call_bytes' || oversize.kind === 'call_objects') {
    const what =
      oversize.kind === 'call_bytes' ? `${megabytes(oversize.limit)} of answers` : `${oversize.limit.toLocaleString('en-US')} JSON objects and lists`;
    return new RemoteError(
      'too_large',
      `This needs more than ${what} from ${words.service}, more than one call may read, so Punchcard stopped reading. ` +
        `Ask for less at once (a shorter range, or one page at a time).${check}`,
    );
  }
  const sent =
    oversize.kind === 'answer_objects'
      ? `an answer of more than ${oversize.limit.toLocaleString('en-US')} JSON objects and lists`
      : oversize.declared === undefined
        ? `more than ${megabytes(oversize.limit)}`
        : `an answer of ${megabytes(oversize.declared)}`;
  const most = oversize.kind === 'answer_objects' ? `${oversize.limit.toLocaleString('en-US')} of them` : megabytes(oversize.limit);
  const operator = words.operator ? ` If it keeps happening, ask ${words.operator} why it answers so much.` : '';
  return new RemoteError(
    'too_large',
    `${words.service} at ${hostOf(baseUrl)} sent ${sent} trying to ${action}; Punchcard reads at most ${most} of one answer ` +
      `(far more than any page it asks for), so it stopped reading. Ask for less at once (a shorter range).${operator}${check}`,
  );
}

/** 300 ms, 15 s, 1.5 s: a deadline below a second is not "0 s". */
export function formatWait(ms: number): string {
  return ms < 1_000 ? `${Math.round(ms)} ms` : `${Number((ms / 1_000).toFixed(1))} s`;
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

/** A sentence's own full stop, once: "… the reason." not "… the reason.." */
export function sentence(text: string): string {
  return text.replace(/([^.!?])$/, '$1.');
}

/**
 * A read the back end may refuse this person (403: their role, a plan or a workspace setting): null
 * then, and the caller does without; its words come from elsewhere.
 */
export async function unlessRefused<T>(read: Promise<T>): Promise<T | null> {
  try {
    return await read;
  } catch (error) {
    if (error instanceof RemoteError && error.status === 403) return null;
    throw error;
  }
}
