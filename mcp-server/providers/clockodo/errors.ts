// What Clockodo answered, as one sentence a person can act on. Clockodo's OpenAPI file has three error
// bodies (docs/back-ends/clockodo.md, "Errors"): `{errors:[{type,message,details}]}` for most
// failures, `{error:{code,message,fields}}` on the v2 entries and clock, and a 422 whose items may
// wrap an `error` object; all three are read. Its messages are written for people (English, as
// Punchcard asks with Accept-Language), so they are quoted; logic reads only the status and the
// error `type`.
import { CLOCKODO_URL } from '../../contract/back-ends/clockodo.ts';
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

export const CLOCKODO_WORDS: ServiceWords = { service: 'Clockodo', address: 'the Clockodo address' };

/** What the request was for, so a failure can say so in the person's terms. */
export interface RequestPurpose {
  /** 'start the timer', 'list your time entries': completes "… could not …". */
  action: string;
  /** Said on 404 instead of the generic text, e.g. 'There is no time entry #12 in Clockodo.' */
  notFound?: string;
}

/** A Clockodo failure, with the error `type` and `details` its body carried (AbsenceCollision and its ids). */
export class ClockodoError extends RemoteError {
  readonly errorType: string | undefined;
  readonly details: Record<string, unknown> | undefined;
  constructor(
    failure: RemoteFailure,
    message: string,
    status?: number,
    problem?: { type?: string | undefined; details?: Record<string, unknown> | undefined },
  ) {
    super(failure, message, status);
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

/** Clockodo's names for the fields Punchcard sends, in the words its tools use. */
const FIELD_WORDS: Record<string, string> = {
  time_since: 'start',
  time_until: 'end',
  customers_id: 'customer',
  projects_id: 'project',
  services_id: 'activity (service)',
  text: 'description',
  date_since: 'first day',
  date_until: 'last day',
  type: 'leave type',
  half_day: 'half day',
  name: 'name',
};

export function describeHttpFailure(answer: HttpAnswer, purpose: RequestPurpose, baseUrl: string, email: string): ClockodoError {
  const { status } = answer;
  const problems = problemsOf(answer.json);
  const first = problems[0];
  const said = problems.map((problem) => problem.message).filter((message): message is string => message !== undefined);
  const quoted = said.length > 0 ? `: ${said.join(' ')}` : '';
  const fail = (failure: RemoteFailure, message: string) => new ClockodoError(failure, sentence(message), status, first);
  if (status === 401) {
    return fail(
      'bad_token',
      `Clockodo did not accept ${email} with this API key (the e-mail is not a Clockodo login, or the key is wrong or was renewed). ` +
        'Copy your API key from your personal data in Clockodo and save it in Punchcard, or set PUNCHCARD_CLOCKODO_TOKEN',
    );
  }
  if (status === 403) {
    return fail(
      'forbidden',
      `Your Clockodo account may not ${purpose.action} (Clockodo answered 403${quoted}). Ask whoever manages Clockodo in your company for the right`,
    );
  }
  if (status === 404) {
    if (looksHtml(answer.text)) return describeNotJson(baseUrl, answer);
    return fail(
      'not_found',
      purpose.notFound ?? `Clockodo at ${hostOf(baseUrl)} has no such address (404) when trying to ${purpose.action}. Check the Clockodo address`,
    );
  }
  if (status === 410) {
    return fail('server_error', `Clockodo has retired the part of its API Punchcard used to ${purpose.action} (410 Gone). Update Punchcard`);
  }
  if (status === 400 || status === 409 || status === 422) {
    const fields = [...new Set(problems.flatMap((problem) => problem.fields ?? []).map((field) => FIELD_WORDS[field] ?? field))];
    const which = fields.length > 0 ? ` (${fields.join(', ')})` : '';
    return fail(
      status === 400 && said.length === 0 ? 'bad_request' : 'validation',
      `Clockodo refused to ${purpose.action}${which}${quoted || ' and gave no reason'}`,
    );
  }
  const { failure, message } =
    status === 429
      ? rateLimited(answer, purpose.action, CLOCKODO_WORDS)
      : (serverTrouble(status, purpose.action, CLOCKODO_WORDS) ?? unexpectedStatus(status, purpose.action, CLOCKODO_WORDS));
  return fail(failure, message);
}

export function describeNotJson(baseUrl: string, answer: HttpAnswer): ClockodoError {
  const wrong = notJsonApi(baseUrl, answer, CLOCKODO_WORDS, `Check the address: it is ${CLOCKODO_URL} unless you were given a test server, without /api.`);
  return new ClockodoError(wrong.failure, wrong.message, answer.status);
}
