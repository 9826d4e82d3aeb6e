// What Clockodo answered, as a refusal a person can act on (worded in contract/outcomes/
// remote-clockodo.ts). Clockodo's OpenAPI file has three error bodies (docs/back-ends/clockodo.md,
// "Errors"): `{errors:[{type,message,details}]}` for most failures, `{error:{code,message,fields}}` on
// the v2 entries and clock, and a 422 whose items may wrap an `error` object; all three are read. Its
// messages are written for people (English, as Punchcard asks with Accept-Language), so they are
// quoted as facts; logic reads only the status and the error `type`.
import type { HttpAnswer } from '../remote/json-http.ts';
import {
  hostOf,
  looksHtml,
  rateLimited,
  type RefusalFor,
  RemoteError,
  type RemoteFailure,
  remoteRefusal,
  serverTrouble,
  type ServiceWords,
  unexpectedStatus,
} from '../remote/remote-error.ts';
import { isObject } from '../remote/wire.ts';

export const CLOCKODO_WORDS: ServiceWords = { service: 'Clockodo', address: 'the Clockodo address' };

/** What the request was for, so a failure can say so in the person's terms. */
export interface RequestPurpose {
  /** 'start the timer', 'list your time entries': completes "… could not …". */
  action: string;
  /** Said on 404 instead of the generic refusal, e.g. that there is no time entry #12 in Clockodo. */
  notFound?: RefusalFor<'not_found'>;
}

/** A Clockodo failure, with the error `type` and `details` its body carried (AbsenceCollision and its ids). */
export class ClockodoError<F extends RemoteFailure = RemoteFailure> extends RemoteError<F> {
  readonly errorType: string | undefined;
  readonly details: Record<string, unknown> | undefined;
  constructor(failure: F, said: RefusalFor<F>, status?: number, problem?: { type?: string | undefined; details?: Record<string, unknown> | undefined }) {
    super(failure, said, status);
    this.name = 'ClockodoError';
    this.errorType = problem?.type;
    this.details = problem?.details;
  }
}

interface Problem {
  type?: string;
  message?: string;
  details?: Record<string, unknown>;
  fields?: string[];
}

/** The problems a body names, from whichever of Clockodo's shapes it has. */
export function problemsOf(body: unknown): Problem[] {
  if (!isObject(body)) return [];
  const read = (item: unknown): Problem | undefined => {
    if (!isObject(item)) return undefined;
    const inner = isObject(item.error) ? item.error : item;
    const problem: Problem = {};
    if (typeof inner.type === 'string') problem.type = inner.type;
    if (typeof inner.message === 'string' && inner.message.trim() !== '') problem.message = inner.message.trim();
    if (isObject(inner.details)) problem.details = inner.details;
    if (Array.isArray(inner.fields)) problem.fields = inner.fields.filter((field): field is string => typeof field === 'string');
    return Object.keys(problem).length > 0 ? problem : undefined;
  };
  if (Array.isArray(body.errors)) return body.errors.map(read).filter((problem): problem is Problem => problem !== undefined);
  if (isObject(body.error)) return [read(body.error)].filter((problem): problem is Problem => problem !== undefined);
  if (typeof body.error === 'string') return [{ message: body.error }];
  if (typeof body.message === 'string') return [{ message: body.message }];
  return [];
}

/** `email`: the login the key goes with, or null for the company owner's under one organisation credential (never said). */
export function describeHttpFailure(answer: HttpAnswer, purpose: RequestPurpose, baseUrl: string, email: string | null): ClockodoError {
  const { status } = answer;
  const { action } = purpose;
  const problems = problemsOf(answer.json);
  const first = problems[0];
  const messages = problems.map((problem) => problem.message).filter((message): message is string => message !== undefined);
  const fail = <F extends RemoteFailure>(failure: F, said: RefusalFor<F>) => new ClockodoError<F>(failure, said, status, first);
  if (status === 401)
    return fail(
      'bad_token',
      email === null ? remoteRefusal('organisation_key_refused', { back_end: 'Clockodo' }) : remoteRefusal('clockodo_key_refused', { email }),
    );
  if (status === 403) return fail('forbidden', remoteRefusal('clockodo_forbidden', { action, messages }));
  if (status === 404) {
    if (looksHtml(answer.text)) return describeNotJson(baseUrl, answer);
    return fail('not_found', purpose.notFound ?? remoteRefusal('clockodo_no_such_address', { host: hostOf(baseUrl), action }));
  }
  if (status === 410) return fail('server_error', remoteRefusal('clockodo_api_retired', { action }));
  if (status === 400 || status === 409 || status === 422) {
    const fields = problems.flatMap((problem) => problem.fields ?? []);
    const refusal = remoteRefusal('clockodo_refused', { action, fields, messages });
    return status === 400 && messages.length === 0 ? fail('bad_request', refusal) : fail('validation', refusal);
  }
  const trouble =
    status === 429
      ? rateLimited(answer, action, CLOCKODO_WORDS)
      : (serverTrouble(status, action, CLOCKODO_WORDS) ?? unexpectedStatus(status, action, CLOCKODO_WORDS));
  return new ClockodoError(trouble.failure, trouble.refusal, status, first);
}

export function describeNotJson(baseUrl: string, answer: HttpAnswer): ClockodoError {
  return new ClockodoError('wrong_service', remoteRefusal('clockodo_not_json', { url: baseUrl, web_page: looksHtml(answer.text) }), answer.status);
}
