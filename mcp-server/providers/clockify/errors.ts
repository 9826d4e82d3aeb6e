// What Clockify answered, as one sentence a person can act on. Clockify's failures carry
// `{message, code}` (docs/back-ends/clockify.md, "Errors"); its messages are written for people, so
// they are quoted, and logic reads only the status. The key is the person's own: a 401 means it is
// wrong or was regenerated, a 403 that the person, the workspace's settings or its plan do not allow
// the action.
import { CLOCKIFY_URL } from '../../contract/back-ends/clockify.ts';
import type { HttpAnswer } from '../remote/json-http.ts';
import {
  hostOf,
  looksHtml,
  notJsonApi,
  rateLimited,
  RemoteError,
  type RemoteFailure,
  sentence,
  serverTrouble,
  type ServiceWords,
  unexpectedStatus,
} from '../remote/remote-error.ts';
import { isObject } from '../remote/wire.ts';

export const CLOCKIFY_WORDS: ServiceWords = {
  service: 'Clockify',
  address: 'the Clockify address',
  rateLimit: { counts: 'it counts requests per second for your key and workspace', retry: 'in a moment' },
};

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
  /** Said on 404 instead of the generic text, e.g. 'There is no time entry #12 in Clockify.' */
  notFound?: string;
  /** A search sent as a POST (time-off requests): it changes nothing (remote/remote-client.ts). */
  onlyReads?: boolean;
}

export class ClockifyError extends RemoteError {
  constructor(failure: RemoteFailure, message: string, status?: number) {
    super(failure, message, status);
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

export function describeHttpFailure(answer: HttpAnswer, purpose: RequestPurpose, baseUrl: string): ClockifyError {
  const { status } = answer;
  const said = messageOf(answer.json);
  const quoted = said ? `: ${said}` : '';
  const fail = (failure: RemoteFailure, message: string) => new ClockifyError(failure, sentence(message), status);
  if (status === 401) {
    return fail(
      'bad_token',
      `Clockify at ${hostOf(baseUrl)} did not accept the API key (it is wrong, or was regenerated or deleted). ` +
        'Copy a key from your profile settings in Clockify (a workspace on its own subdomain has keys of its own) and save it in Punchcard, or set PUNCHCARD_CLOCKIFY_TOKEN',
    );
  }
  if (status === 403) {
    if (said && PLAN_WORDS.test(said)) return fail('restricted', `Your Clockify workspace's plan does not let Punchcard ${purpose.action}${quoted}`);
    const area = purpose.area === 'timeOff' ? ' (time off may be off in your workspace, or not open to you)' : '';
    return fail('forbidden', `Your Clockify account may not ${purpose.action}${area} (Clockify answered 403${quoted}). Ask a workspace admin`);
  }
  if (status === 404) {
    if (looksHtml(answer.text)) return describeNotJson(baseUrl, answer);
    return fail(
      'not_found',
      purpose.notFound ?? `Clockify at ${hostOf(baseUrl)} has no such address (404) trying to ${purpose.action}. Check the Clockify address`,
    );
  }
  if (status === 400 || status === 409 || status === 422) {
    return fail(status === 400 && !said ? 'bad_request' : 'validation', `Clockify refused to ${purpose.action}${quoted || ' and gave no reason'}`);
  }
  const trouble =
    (status === 429 ? rateLimited(answer, purpose.action, CLOCKIFY_WORDS) : undefined) ??
    serverTrouble(status, purpose.action, CLOCKIFY_WORDS) ??
    unexpectedStatus(status, purpose.action, CLOCKIFY_WORDS);
  return fail(trouble.failure, trouble.message);
}

export function describeNotJson(baseUrl: string, answer: HttpAnswer): ClockifyError {
  const wrong = notJsonApi(
    baseUrl,
    answer,
    CLOCKIFY_WORDS,
    `Check the address: it is ${CLOCKIFY_URL}/api, or your region's, such as https://euc1.clockify.me/api.`,
  );
  return new ClockifyError(wrong.failure, wrong.message, answer.status);
}

/** What Clockify sent where Punchcard needed something else (a missing id, a time it cannot read). */
export function unreadable(what: string): ClockifyError {
  return new ClockifyError('wrong_service', `Clockify sent ${what} Punchcard cannot read; if it keeps happening, update Punchcard.`);
}
