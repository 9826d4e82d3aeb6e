// What Toggl Track answered, as a refusal a person can act on (worded in contract/outcomes/remote-toggl.ts;
// docs/back-ends/toggl.md, "Errors"). Toggl's error bodies are plain text (a sentence and a newline), which some
// answers send as a JSON string instead: both are read. A token it does not take is a 403 with an empty body (Toggl
// never answers 401); a 403 with words is a right the person lacks. A 402 is an hourly quota used up, or a feature of
// a paid plan (quota.ts tells them apart). Its sentences are written for people, so they are quoted as facts; logic
// reads only the status and the quota's words.
import { formatLocalTime } from '../../domain/time.ts';
import type { HttpAnswer } from '../remote/json-http.ts';
import {
  hostOf,
  looksHtml,
  type RefusalFor,
  RemoteError,
  type RemoteFailure,
  remoteRefusal,
  serverTrouble,
  type ServiceWords,
  unexpectedStatus,
} from '../remote/remote-error.ts';
import { isObject } from '../remote/wire.ts';
import { QUOTA_WINDOW_MS, readPayment, type TogglQuota } from './quota.ts';

/** Toggl counts its quotas by the hour: no wait it asks for means longer (quota.ts). */
export const TOGGL_WORDS: ServiceWords = { service: 'Toggl Track', address: 'the Toggl Track address', longestWaitMs: QUOTA_WINDOW_MS };

/** What the request was for, so a failure can say so in the person's terms. */
export interface RequestPurpose {
  /** 'start the timer', 'list your time entries': completes "… could not …". */
  action: string;
  /** The hourly quota the request counts on: the person's own for /me requests, else the organisation's. */
  quota: TogglQuota;
  /** Said on 404 instead of the generic refusal, e.g. that there is no time entry #12. */
  notFound?: RefusalFor<'not_found'>;
  /** Said on 409 instead of Toggl's words (the timer already stopped). */
  conflict?: RefusalFor<'not_found'>;
  onlyReads?: boolean;
}

export class TogglError<F extends RemoteFailure = RemoteFailure> extends RemoteError<F> {
  /** A used-up quota's reset, in seconds from the answer, where it said one (the client holds the quota that long). */
  readonly quota: { which: TogglQuota; resetsInS: number | null } | undefined;
  constructor(failure: F, said: RefusalFor<F>, status?: number, quota?: { which: TogglQuota; resetsInS: number | null }) {
    super(failure, said, status);
    this.name = 'TogglError';
    this.quota = quota;
  }
}

/** Toggl's own words from an error body: plain text, a JSON string, or an object's message; none for an empty body or a web page. */
export function messageOf(answer: Pick<HttpAnswer, 'json' | 'text'>): string | null {
  const { json } = answer;
  let said = '';
  if (typeof json === 'string') said = json;
  else if (isObject(json)) said = typeof json.message === 'string' ? json.message : typeof json.error === 'string' ? json.error : '';
  else if (json === undefined && !looksHtml(answer.text)) said = answer.text;
  said = said.trim();
  return said === '' ? null : said.slice(0, 300);
}

/** The person's wall clock, for when a quota resets: "10:55" in their zone. */
export interface Clock {
  now(): number;
  zone(): string;
}

/** When a quota that resets in `seconds` is free again, on the person's wall clock; null where Toggl did not say. */
export function resetsAt(seconds: number | null, clock: Clock): string | null {
  return seconds === null ? null : formatLocalTime(clock.now() + seconds * 1_000, clock.zone());
}

export function describeHttpFailure(answer: HttpAnswer, purpose: RequestPurpose, baseUrl: string, clock: Clock): TogglError {
  const { status } = answer;
  const { action } = purpose;
  const message = messageOf(answer);
  const fail = <F extends RemoteFailure>(failure: F, said: RefusalFor<F>) => new TogglError<F>(failure, said, status);
  if (status === 401 || (status === 403 && message === null)) return fail('bad_token', remoteRefusal('toggl_token_refused', { host: hostOf(baseUrl) }));
  if (status === 403) return fail('forbidden', remoteRefusal('toggl_forbidden', { action, message }));
  if (status === 402) {
    const payment = readPayment(message, answer.headers);
    if (payment.kind === 'premium') return fail('restricted', remoteRefusal('toggl_premium_feature', { action, message }));
    const facts = { quota: purpose.quota, action, resets_in_s: payment.resetsInS, resets_at: resetsAt(payment.resetsInS, clock), sent: true };
    return new TogglError('rate_limited', remoteRefusal('toggl_quota_used', facts), status, { which: purpose.quota, resetsInS: payment.resetsInS });
  }
  if (status === 404) {
    if (looksHtml(answer.text)) return describeNotJson(baseUrl, answer);
    return fail('not_found', purpose.notFound ?? remoteRefusal('toggl_no_such_address', { host: hostOf(baseUrl), action }));
  }
  if (status === 409 && purpose.conflict) return fail('not_found', purpose.conflict);
  if (status === 400 || status === 409 || status === 422) {
    const refusal = remoteRefusal('toggl_refused', { action, message });
    return status === 400 && !message ? fail('bad_request', refusal) : fail('validation', refusal);
  }
  if (status === 429) return fail('rate_limited', remoteRefusal('toggl_rate_limited', { action }));
  const trouble = serverTrouble(status, action, TOGGL_WORDS) ?? unexpectedStatus(status, action, TOGGL_WORDS);
  return new TogglError(trouble.failure, trouble.refusal, status);
}

export function describeNotJson(baseUrl: string, answer: Pick<HttpAnswer, 'text' | 'status'>): TogglError {
  return new TogglError('wrong_service', remoteRefusal('toggl_not_json', { url: baseUrl, web_page: looksHtml(answer.text) }), answer.status);
}

/** What Toggl sent where Punchcard needed something else (a missing id, a time it cannot read). */
export function unreadable(what: string): TogglError {
  return new TogglError('wrong_service', remoteRefusal('toggl_unreadable', { what }));
}
