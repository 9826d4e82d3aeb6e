// What Clockify answered, as a refusal a person can act on (worded in contract/outcomes/
// remote-clockify.ts). Clockify's failures carry `{message, code}` (docs/back-ends/clockify.md,
// "Errors"); its messages are written for people, so they are quoted as facts, and logic reads only
// the status. The key is the person's own: a 401 means it is wrong or was regenerated, a 403 that the
// person, the workspace's settings or its plan do not allow the action.
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

export const CLOCKIFY_WORDS: ServiceWords = { service: 'Clockify', address: 'the Clockify address' };

/** Which part of Clockify a request belongs to; `account` is a read Punchcard can do without. */
export type ClockifyArea = 'tracking' | 'timeOff' | 'account';

/** What the request was for, so a failure can say so in the person's terms. */
export interface RequestPurpose {
  /** 'start the timer', 'list your time entries': completes "… could not …". */
  action: string;
  area: ClockifyArea;
  /**
   * A time-off read every person with time off may make (their balances, their own requests): its
   * refusal means time off is not theirs, and withdraws the leave tools. A refused filing or
   * withdrawal speaks of one policy or one request only.
   */
  decidesTimeOff?: boolean;
  /** Said on 404 instead of the generic refusal, e.g. that there is no time entry #12 in Clockify. */
  notFound?: RefusalFor<'not_found'>;
  /** A search sent as a POST (time-off requests): it changes nothing (remote/remote-client.ts). */
  onlyReads?: boolean;
}

export class ClockifyError<F extends RemoteFailure = RemoteFailure> extends RemoteError<F> {
  constructor(failure: F, said: RefusalFor<F>, status?: number) {
    super(failure, said, status);
    this.name = 'ClockifyError';
  }
}

/** Clockify's own words from an error body, where it has any. */
export function messageOf(body: unknown): string | undefined {
  if (!isObject(body)) return undefined;
  const said = typeof body.message === 'string' ? body.message.trim() : '';
  return said === '' ? undefined : said.slice(0, 300);
}

/** Words of a 403 that say the workspace's plan lacks the feature, rather than the person a right. */
const PLAN_WORDS = /\b(plan|upgrade|subscription|feature)\b/i;

/**
 * `organisation`: the key is the organisation's, with which the team server acts for the person (acting.ts): a key
 * Clockify refuses is the administrator's to renew, not the person's to copy from their profile.
 */
export function describeHttpFailure(answer: HttpAnswer, purpose: RequestPurpose, baseUrl: string, organisation = false): ClockifyError {
  const { status } = answer;
  const { action } = purpose;
  const message = messageOf(answer.json) ?? null;
  const fail = <F extends RemoteFailure>(failure: F, said: RefusalFor<F>) => new ClockifyError<F>(failure, said, status);
  if (status === 401)
    return fail(
      'bad_token',
      organisation ? remoteRefusal('organisation_key_refused', { back_end: 'Clockify' }) : remoteRefusal('clockify_key_refused', { host: hostOf(baseUrl) }),
    );
  if (status === 403) {
    if (message && PLAN_WORDS.test(message)) return fail('restricted', remoteRefusal('clockify_plan_lacks', { action, message }));
    return fail('forbidden', remoteRefusal('clockify_forbidden', { action, time_off: purpose.area === 'timeOff', message }));
  }
  if (status === 404) {
    if (looksHtml(answer.text)) return describeNotJson(baseUrl, answer);
    return fail('not_found', purpose.notFound ?? remoteRefusal('clockify_no_such_address', { host: hostOf(baseUrl), action }));
  }
  if (status === 400 || status === 409 || status === 422) {
    const refusal = remoteRefusal('clockify_refused', { action, message });
    return status === 400 && !message ? fail('bad_request', refusal) : fail('validation', refusal);
  }
  if (status === 429) return fail('rate_limited', remoteRefusal('clockify_rate_limited', { action, retry_after_s: retryAfterSeconds(answer, CLOCKIFY_WORDS) }));
  const trouble = serverTrouble(status, action, CLOCKIFY_WORDS) ?? unexpectedStatus(status, action, CLOCKIFY_WORDS);
  return new ClockifyError(trouble.failure, trouble.refusal, status);
}

export function describeNotJson(baseUrl: string, answer: HttpAnswer): ClockifyError {
  return new ClockifyError('wrong_service', remoteRefusal('clockify_not_json', { url: baseUrl, web_page: looksHtml(answer.text) }), answer.status);
}

/** What Clockify sent where Punchcard needed something else (a missing id, a time it cannot read). */
export function unreadable(what: string): ClockifyError {
  return new ClockifyError('wrong_service', remoteRefusal('clockify_unreadable', { what }));
}
