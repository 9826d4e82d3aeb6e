// What Harvest answered, as a refusal a person can act on (worded in contract/outcomes/remote-harvest.ts). Harvest
// documents its statuses but not its error bodies beyond the 401's OAuth body (docs/back-ends/harvest.md, "Errors"): a
// `message`, an `error_description` or an `error` is quoted where one comes, and logic reads only the status. The token
// is the person's own: a 401 means it is wrong, expired or revoked (or the account id is not the token's), a 403 that
// their role does not allow the action.
import type { HttpAnswer } from '../remote/json-http.ts';
import {
  hostOf,
  looksHtml,
  type RefusalFor,
  RemoteError,
  type RemoteFailure,
  remoteRefusal,
  retryAfterSeconds,
  serverTrouble,
  type ServiceWords,
  unexpectedStatus,
} from '../remote/remote-error.ts';
import { isObject } from '../remote/wire.ts';

/** Harvest counts requests in windows of 15 seconds: no 429 of its means a longer wait (docs/back-ends/harvest.md, "Rate limits"). */
export const RATE_WINDOW_MS = 15_000;

export const HARVEST_WORDS: ServiceWords = { service: 'Harvest', address: 'the Harvest address', longestWaitMs: RATE_WINDOW_MS };

/** What the request was for, so a failure can say so in the person's terms. */
export interface RequestPurpose {
  /** 'start the timer', 'list your time entries': completes "… could not …". */
  action: string;
  /** Said on 404 instead of the generic refusal, e.g. that there is no time entry #12 of yours in Harvest. */
  notFound?: RefusalFor<'not_found'>;
  /** Said on 403 instead of the generic refusal (a colleague's entry). */
  forbidden?: RefusalFor<'forbidden'>;
}

export class HarvestError<F extends RemoteFailure = RemoteFailure> extends RemoteError<F> {
  constructor(failure: F, said: RefusalFor<F>, status?: number) {
    super(failure, said, status);
    this.name = 'HarvestError';
  }
}

/** Harvest's own words from an error body, where it has any: `message`, an OAuth `error_description`, or `error`. */
export function messageOf(body: unknown, text = ''): string | null {
  if (isObject(body)) {
    for (const key of ['message', 'error_description', 'error']) {
      const said = body[key];
      if (typeof said === 'string' && said.trim() !== '') return said.trim().slice(0, 300);
    }
    return null;
  }
  // A plain-text body (a proxy's, or Harvest's own where it sends one) is quoted unless it is a web page.
  const plain = text.trim();
  return plain === '' || looksHtml(plain) ? null : plain.slice(0, 300);
}

export interface FailureContext {
  baseUrl: string;
  accountId: () => string;
  /** The wall-clock time in the person's zone an instant is, for when to try again ('10:55'); null where unknown. */
  clockAt: (epochMs: number) => string | null;
  now: () => number;
}

export function describeHttpFailure(answer: HttpAnswer, purpose: RequestPurpose, context: FailureContext): HarvestError {
  const { status } = answer;
  const { action } = purpose;
  const message = messageOf(answer.json, answer.text);
  const fail = <F extends RemoteFailure>(failure: F, said: RefusalFor<F>) => new HarvestError<F>(failure, said, status);
  if (status === 401) return fail('bad_token', remoteRefusal('harvest_token_refused', { host: hostOf(context.baseUrl), account_id: context.accountId() }));
  if (status === 403) return fail('forbidden', purpose.forbidden ?? remoteRefusal('harvest_forbidden', { action, message }));
  if (status === 404) {
    if (looksHtml(answer.text)) return describeNotJson(context.baseUrl, answer);
    return fail('not_found', purpose.notFound ?? remoteRefusal('harvest_no_such_address', { host: hostOf(context.baseUrl), action }));
  }
  if (status === 400 || status === 409 || status === 422) {
    const refusal = remoteRefusal('harvest_refused', { action, message });
    return status === 400 && !message ? fail('bad_request', refusal) : fail('validation', refusal);
  }
  if (status === 429) {
    const seconds = retryAfterSeconds(answer, HARVEST_WORDS);
    const at = seconds === null ? null : context.clockAt(context.now() + seconds * 1000);
    return fail('rate_limited', remoteRefusal('harvest_rate_limited', { action, retry_after_s: seconds, at }));
  }
  const trouble = serverTrouble(status, action, HARVEST_WORDS) ?? unexpectedStatus(status, action, HARVEST_WORDS);
  return new HarvestError(trouble.failure, trouble.refusal, status);
}

export function describeNotJson(baseUrl: string, answer: HttpAnswer): HarvestError {
  return new HarvestError('wrong_service', remoteRefusal('harvest_not_json', { url: baseUrl, web_page: looksHtml(answer.text) }), answer.status);
}

/** What Harvest sent where Punchcard needed something else (a missing id, a list that is none). */
export function unreadable(what: string): HarvestError {
  return new HarvestError('wrong_service', remoteRefusal('harvest_unreadable', { what }));
}
