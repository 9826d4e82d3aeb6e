// Turns what Kimai (or the network on the way to it) answered into one short sentence a person can
// act on (kimai.md §2.3, §4). Pure: the HTTP edge hands in status, body and what it was doing. No
// message ever contains the token, and message texts from Kimai are never parsed for logic: they are
// translated per instance language and generic on production servers.
import type { HttpAnswer } from '../http/json-http.ts';
import { ProviderError } from '../time-tracker.ts';
import { isObject } from './wire.ts';

/**
 * Why a Kimai call failed. The connection test reports these as its verdicts; tools only show the
 * message.
 */
export type KimaiFailure =
  | 'no_token'
  | 'bad_token'
  | 'forbidden'
  | 'not_found'
  | 'not_kimai'
  | 'validation'
  | 'restricted'
  | 'bad_request'
  | 'rate_limited'
  | 'server_error'
  | 'timeout'
  | 'unreachable'
  | 'tls'
  | 'config';

const PROVIDER_CODES: Record<KimaiFailure, ProviderError['code']> = {
  no_token: 'denied',
  bad_token: 'denied',
  forbidden: 'denied',
  not_found: 'not_found',
  not_kimai: 'unavailable',
  validation: 'invalid',
  restricted: 'invalid',
  bad_request: 'invalid',
  rate_limited: 'unavailable',
  server_error: 'unavailable',
  timeout: 'unavailable',
  unreachable: 'unavailable',
  tls: 'unavailable',
  config: 'invalid',
};

export class KimaiError extends ProviderError {
  readonly failure: KimaiFailure;
  /** HTTP status, when Kimai answered at all. */
  readonly status: number | undefined;
  constructor(failure: KimaiFailure, message: string, status?: number) {
    super(PROVIDER_CODES[failure], message);
    this.name = 'KimaiError';
    this.failure = failure;
    this.status = status;
  }
}

/** What the request was for, so a failure can say so in the person's terms. */
export interface RequestPurpose {
  /** 'start the timer', 'list time entries': completes "Kimai did not let you …". */
  action: string;
  /** Said on 404 instead of the generic text, e.g. 'There is no time entry #12 in Kimai.' */
  notFound?: string;
  /**
   * Fields of the body that only some accounts or tracking modes may send, and why; used when Kimai
   * answers with its nameless "extra fields" error (kimai.md §3.5).
   */
  gatedFields?: Array<{ field: string; reason: string }>;
}


/** Kimai's names for the fields Punchcard sends, in the words its tools use. */
const FIELD_WORDS: Record<string, string> = {
  begin: 'start',
  begin_date: 'start',
  end: 'end',
  end_date: 'end',
  project: 'project',
  activity: 'activity',
  customer: 'customer',
  description: 'description',
  duration: 'duration',
  tags: 'tags',
  name: 'name',
  date: 'first day',
  type: 'leave type',
  halfDay: 'half day',
  comment: 'comment',
  visible: 'archived',
};

export function describeHttpFailure(answer: HttpAnswer, purpose: RequestPurpose, baseUrl: string): KimaiError {
  const { status } = answer;
  const body = isObject(answer.json) ? answer.json : undefined;
  if (status === 401) {
    return new KimaiError(
      'bad_token',
      `Kimai at ${baseUrl} did not accept the API token (it is wrong, expired or revoked). ` +
        'Create a new API token in your Kimai profile and save it in Punchcard, or set PUNCHCARD_KIMAI_TOKEN.',
      status,
    );
  }
  if (status === 403) {
    // A 403 without a numeric `code` comes from the authenticator, not from a permission check (§2.3).
    if (body && body.code === undefined) {
      return new KimaiError('bad_token', `Kimai at ${baseUrl} refused the credentials. Create a new API token in your Kimai profile and save it in Punchcard.`, status);
    }
    return new KimaiError(
      'forbidden',
      `Your Kimai account may not ${purpose.action} (Kimai answered 403 Forbidden). ` +
        'The period may be locked or the record exported, or your role lacks the permission; ask your Kimai administrator.',
      status,
    );
  }
  if (status === 404) {
    return new KimaiError('not_found', purpose.notFound ?? `Kimai at ${baseUrl} has no such address (404) when trying to ${purpose.action}. Check the Kimai URL.`, status);
  }
  if (status === 400) return describeBadRequest(body, purpose);
  if (status === 429) {
    return new KimaiError('rate_limited', `Kimai is limiting requests (429 Too Many Requests). Try to ${purpose.action} again in a minute.`, status);
  }
  if (status === 502 || status === 503 || status === 504) {
    return new KimaiError('server_error', `Kimai at ${baseUrl}, or a proxy in front of it, is unavailable (${status}). Try again later.`, status);
  }
  if (status >= 500) {
    return new KimaiError(
      'server_error',
      `Kimai had an internal error (${status}) trying to ${purpose.action}. Try again later; if it keeps happening, ask your Kimai administrator to check its log.`,
      status,
    );
  }
  return new KimaiError('bad_request', `Kimai answered ${status} trying to ${purpose.action}; Punchcard does not know what that means here.`, status);
}

function describeBadRequest(body: Record<string, unknown> | undefined, purpose: RequestPurpose): KimaiError {
  const errors = isObject(body?.errors) ? body.errors : undefined;
  if (!errors) {
    return new KimaiError(
      'bad_request',
      `Kimai refused the request to ${purpose.action} as malformed (400 Bad Request). A filter value may be wrong, for example a tag that does not exist.`,
      400,
    );
  }
  const global = Array.isArray(errors.errors) ? errors.errors.filter((item): item is string => typeof item === 'string') : [];
  if (global.some((message) => /extra fields/i.test(message))) return describeExtraFields(purpose);
  const fields = collectFieldErrors(errors.children, []);
  const parts = [...fields.map(({ path, messages }) => `${wordFor(path)}: ${messages.join(' ')}`), ...global];
  const detail = parts.length > 0 ? parts.join('; ') : 'no reason given';
  return new KimaiError('validation', `Kimai refused to ${purpose.action}: ${detail}`.replace(/([^.!?])$/, '$1.'), 400);
}

/** Kimai never names the field it did not want (§3.5); Punchcard knows which ones it sent and why they may be refused. */
function describeExtraFields(purpose: RequestPurpose): KimaiError {
  const gated = purpose.gatedFields ?? [];
  if (gated.length === 0) {
    return new KimaiError('restricted', `Kimai refused to ${purpose.action}: the request carried a field your account may not set.`, 400);
  }
  const reasons = [...new Set(gated.map((item) => item.reason))];
  const fields = gated.map((item) => FIELD_WORDS[item.field] ?? item.field);
  return new KimaiError(
    'restricted',
    `Kimai did not let you set ${[...new Set(fields)].join(' and ')} to ${purpose.action}: ${reasons.join(' ')}`.replace(/([^.!?])$/, '$1.'),
    400,
  );
}

function collectFieldErrors(children: unknown, path: string[]): Array<{ path: string[]; messages: string[] }> {
  if (!isObject(children)) return [];
  const found: Array<{ path: string[]; messages: string[] }> = [];
  for (const [name, child] of Object.entries(children)) {
    if (!isObject(child)) continue;
    const messages = Array.isArray(child.errors) ? child.errors.filter((item): item is string => typeof item === 'string') : [];
    if (messages.length > 0) found.push({ path: [...path, name], messages });
    found.push(...collectFieldErrors(child.children, [...path, name]));
  }
  return found;
}

function wordFor(path: string[]): string {
  return path.map((part) => FIELD_WORDS[part] ?? part).join('.');
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

export function describeNetworkFailure(problem: NetworkProblem, baseUrl: string, purpose: RequestPurpose): KimaiError {
  const host = hostOf(baseUrl);
  const code = problem.code ?? '';
  if (TLS_CODES.has(code) || /certificate|ssl|tls/i.test(problem.message)) {
    const why = code === 'CERT_HAS_EXPIRED' ? 'its certificate has expired'
      : code === 'ERR_TLS_CERT_ALTNAME_INVALID' ? `its certificate is not for ${host}`
      : code === 'ERR_SSL_WRONG_VERSION_NUMBER' || code === 'EPROTO' ? 'it does not speak TLS on that port (try http:// or another port)'
      : 'its certificate is not signed by an authority this computer trusts';
    return new KimaiError(
      'tls',
      `The secure connection to ${host} failed: ${why}. If your Kimai uses a company or self-signed certificate, ` +
        'set its CA file in Punchcard (settings provider.caFile, or --ca-file).',
    );
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return new KimaiError('unreachable', `The host name ${host} could not be found. Check the Kimai URL and your network connection.`);
  }
  if (code === 'ECONNREFUSED') {
    return new KimaiError('unreachable', `Nothing answers at ${host} (connection refused). Check the Kimai URL and port, and that Kimai is running.`);
  }
  if (code === 'ECONNRESET' || code === 'EPIPE' || code === 'ETIMEDOUT' || code === 'EHOSTUNREACH' || code === 'ENETUNREACH') {
    return new KimaiError('unreachable', `The connection to ${host} was lost (${code}) trying to ${purpose.action}. Check your network and try again.`);
  }
  return new KimaiError('unreachable', `Kimai at ${host} could not be reached trying to ${purpose.action} (${code || problem.message}).`);
}

export function describeTimeout(baseUrl: string, timeoutMs: number, purpose: RequestPurpose): KimaiError {
  return new KimaiError(
    'timeout',
    `Kimai at ${hostOf(baseUrl)} did not answer within ${formatWait(timeoutMs)} trying to ${purpose.action}. ` +
      'It may be overloaded or unreachable; try again later. (A write may still have happened: check before repeating it.)',
  );
}

/** 300 ms, 15 s, 1.5 s: a deadline below a second is not "0 s". */
function formatWait(ms: number): string {
  return ms < 1_000 ? `${Math.round(ms)} ms` : `${Number((ms / 1_000).toFixed(1))} s`;
}

/** A body that starts like markup: a web page where Kimai's JSON was expected. */
export function looksHtml(text: string): boolean {
  return /^\s*</.test(text);
}

export function describeNotJson(baseUrl: string, answer: HttpAnswer): KimaiError {
  return new KimaiError(
    'not_kimai',
    `The server at ${baseUrl} answered with ${looksHtml(answer.text) ? 'a web page' : 'something'} that is not Kimai's JSON API. ` +
      'Check the URL: it is the address of your Kimai, such as https://kimai.example.com, without /api.',
    answer.status,
  );
}

function hostOf(baseUrl: string): string {
  try {
    return new URL(baseUrl).host;
  } catch {
    return baseUrl;
  }
}
