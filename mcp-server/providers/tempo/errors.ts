// What Tempo's API and the Jira site answered, as a refusal a person can act on (worded in
// contract/outcomes/remote-tempo.ts). Tempo documents its errors as `{"errors": {"message": …}}` while the answers
// clients quote are a list, `{"errors": [{"message": …}]}`: both are read, and every message is quoted
// (docs/back-ends/tempo.md, "Errors"). Tempo's 401 and 403 come as web pages (text/html): a 401 is the Tempo token
// refused, a 403 a scope the token lacks or a permission the person lacks, naming the scope where the request knows
// it (Schemes for the schedule). Jira's bodies are `{"errorMessages": […], "errors": {field: message}}`; its 401 is
// the e-mail and the Jira API token refused. Logic reads only the status; what a body says is quoted as a fact.
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

/** Tempo counts requests a second: a 429 never asks for a long wait (docs/back-ends/tempo.md, "Limits"). */
export const TEMPO_LONGEST_WAIT_MS = 60_000;

export const TEMPO_WORDS: ServiceWords = { service: 'Tempo', address: "Tempo's host (tempoUrl)", longestWaitMs: TEMPO_LONGEST_WAIT_MS };
export const JIRA_WORDS: ServiceWords = { service: 'Jira', address: 'the Jira site address' };

/** The scopes a Tempo API token is made with (Tempo → Settings → API integration), as Tempo names them. */
export type TempoScope = 'Worklogs' | 'Schemes' | 'Approvals' | 'Teams' | 'Accounts';

/** What a request was for, so a failure can say so in the person's terms. */
export interface RequestPurpose {
  /** 'read your worklogs': completes "… could not …". */
  action: string;
  /** A search sent as POST that changes nothing (Jira's search/jql). */
  onlyReads?: boolean;
  /** The scope of Tempo's token the endpoint needs, said where Tempo refuses it (403). */
  scope?: TempoScope;
  /** Said on 404 instead of the generic refusal (no worklog #12 of yours, no issue WEB-12). */
  notFound?: RefusalFor<'not_found'>;
}

export class TempoError<F extends RemoteFailure = RemoteFailure> extends RemoteError<F> {
  constructor(failure: F, said: RefusalFor<F>, status?: number) {
    super(failure, said, status);
    this.name = 'TempoError';
  }
}

/** The most of a service's own words a refusal quotes. */
const QUOTED_MAX = 300;

/** Text from a service as one line: its white space (line breaks included) made single spaces, at most QUOTED_MAX characters. */
export function oneLine(text: string): string {
  // Line breaks and tabs are white space here, and every other control character (C0, DEL, C1) goes.
  const line = [...text.replace(/\s+/g, ' ')]
    .filter((character) => {
      const code = character.codePointAt(0) as number;
      return code >= 0x20 && (code < 0x7f || code > 0x9f);
    })
    .join('')
    .trim();
  return line.length > QUOTED_MAX ? `${line.slice(0, QUOTED_MAX - 1)}…` : line;
}

/**
 * Every message of a Tempo error body, in both its shapes (`errors` a list of `{message}` or one `{message}`), or a
 * top-level `message`; a plain-text body is quoted unless it is a web page. Null where it says nothing.
 */
export function tempoMessage(body: unknown, text = ''): string | null {
  if (isObject(body)) {
    const { errors } = body;
    const items = Array.isArray(errors) ? errors : isObject(errors) ? [errors] : [];
    const messages = items.flatMap((item) => (isObject(item) && typeof item.message === 'string' && item.message.trim() !== '' ? [item.message] : []));
    if (messages.length > 0) return oneLine(messages.join('; '));
    if (typeof body.message === 'string' && body.message.trim() !== '') return oneLine(body.message);
    return null;
  }
  const plain = text.trim();
  return plain === '' || looksHtml(plain) ? null : oneLine(plain);
}

/** Every message of a Jira error body: its `errorMessages` and each field's message in `errors`, or a `message`. */
export function jiraMessage(body: unknown, text = ''): string | null {
  if (isObject(body)) {
    const listed = Array.isArray(body.errorMessages) ? body.errorMessages.filter((item): item is string => typeof item === 'string' && item.trim() !== '') : [];
    const fields = isObject(body.errors)
      ? Object.entries(body.errors).flatMap(([field, said]) => (typeof said === 'string' && said.trim() !== '' ? [`${field}: ${said}`] : []))
      : [];
    const messages = [...listed, ...fields];
    if (messages.length > 0) return oneLine(messages.join('; '));
    if (typeof body.message === 'string' && body.message.trim() !== '') return oneLine(body.message);
    return null;
  }
  const plain = text.trim();
  return plain === '' || looksHtml(plain) ? null : oneLine(plain);
}

export interface FailureContext {
  /** Tempo's host (tempoUrl) and the Jira site (url). */
  tempoUrl: string;
  site: string;
  email: string;
}

/** A failure of Tempo's API, in Tempo's words where it gave any. */
export function describeTempoFailure(answer: HttpAnswer, purpose: RequestPurpose, context: FailureContext): TempoError {
  const { status } = answer;
  const { action } = purpose;
  const message = tempoMessage(answer.json, answer.text);
  const fail = <F extends RemoteFailure>(failure: F, said: RefusalFor<F>) => new TempoError<F>(failure, said, status);
  if (status === 401) return fail('bad_token', remoteRefusal('tempo_token_refused', { host: hostOf(context.tempoUrl), site: hostOf(context.site) }));
  if (status === 403) return fail('forbidden', remoteRefusal('tempo_forbidden', { action, scope: purpose.scope ?? null, message }));
  if (status === 404) {
    // A 404 in Tempo's own form is about the record asked; a web page is no Tempo API at this host.
    if (answer.json === undefined) return describeNotJson(context.tempoUrl, answer, 'Tempo');
    return fail('not_found', purpose.notFound ?? remoteRefusal('tempo_no_such_address', { host: hostOf(context.tempoUrl), action, message }));
  }
  if (status === 400 || status === 409 || status === 422) {
    const refusal = remoteRefusal('tempo_refused', { action, message });
    return message ? fail('validation', refusal) : fail('bad_request', refusal);
  }
  if (status === 429) return fail('rate_limited', remoteRefusal('tempo_rate_limited', { action, retry_after_s: retryAfterSeconds(answer, TEMPO_WORDS) }));
  const trouble = serverTrouble(status, action, TEMPO_WORDS) ?? unexpectedStatus(status, action, TEMPO_WORDS);
  return new TempoError(trouble.failure, trouble.refusal, status);
}

/** A failure of the Jira site, in Jira's words where it gave any. */
export function describeJiraFailure(answer: HttpAnswer, purpose: RequestPurpose, context: FailureContext): TempoError {
  const { status } = answer;
  const { action } = purpose;
  const message = jiraMessage(answer.json, answer.text);
  const fail = <F extends RemoteFailure>(failure: F, said: RefusalFor<F>) => new TempoError<F>(failure, said, status);
  if (status === 401) return fail('bad_token', remoteRefusal('jira_token_refused', { site: hostOf(context.site), email: context.email }));
  if (status === 403) return fail('forbidden', remoteRefusal('jira_forbidden', { action, message }));
  if (status === 404) {
    if (answer.json === undefined) return describeNotJson(context.site, answer, 'Jira');
    return fail('not_found', purpose.notFound ?? remoteRefusal('jira_no_such_address', { site: hostOf(context.site), action, message }));
  }
  if (status === 400 || status === 409 || status === 422) {
    const refusal = remoteRefusal('jira_refused', { action, message });
    return message ? fail('validation', refusal) : fail('bad_request', refusal);
  }
  if (status === 429) return fail('rate_limited', remoteRefusal('jira_rate_limited', { action, retry_after_s: retryAfterSeconds(answer, JIRA_WORDS) }));
  const trouble = serverTrouble(status, action, JIRA_WORDS) ?? unexpectedStatus(status, action, JIRA_WORDS);
  return new TempoError(trouble.failure, trouble.refusal, status);
}

/** Something other than the service's JSON where it was due: most likely not its API at this address. */
export function describeNotJson(url: string, answer: HttpAnswer, service: 'Tempo' | 'Jira'): TempoError {
  return new TempoError('wrong_service', remoteRefusal('tempo_not_json', { service, url, web_page: looksHtml(answer.text) }), answer.status);
}

/** What a service sent where Punchcard needed something else (a worklog without its id, a list that is none). */
export function unreadable(service: 'Tempo' | 'Jira', what: string): TempoError {
  return new TempoError('wrong_service', remoteRefusal('tempo_unreadable', { service, what }));
}
