// Turns what Kimai answered into a refusal a person can act on (docs/back-ends/kimai.md, "Bad
// credentials", "Errors"), worded in contract/outcomes/remote-kimai.ts; the network's failures are
// the shared remote layer's (remote/remote-error.ts) in Kimai's terms. Pure: the HTTP edge hands in
// status, body and what it was doing. No refusal ever contains the token, and message texts from Kimai
// are never parsed for logic: they are translated per instance language and generic on production
// servers; they are quoted as facts.
import type { HttpAnswer } from '../remote/json-http.ts';
import {
  looksHtml,
  type NetworkProblem,
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

export { looksHtml, type NetworkProblem };

/** Why a Kimai call failed. The connection test reports these as its verdicts; tools only show the message. */
export type KimaiFailure = RemoteFailure;

/** A failure of a Kimai call: the one kind of error every remote back end throws, network failures included. */
export { RemoteError as KimaiError };

export const KIMAI_WORDS: ServiceWords = {
  service: 'Kimai',
  address: 'the Kimai URL',
  caFile: true,
  operator: 'your Kimai administrator',
};

/** What the request was for, so a failure can say so in the person's terms. */
export interface RequestPurpose {
  /** 'start the timer', 'list time entries': completes "Kimai did not let you …". */
  action: string;
  /** Said on 404 instead of the generic refusal, e.g. that there is no time entry #12 in Kimai. */
  notFound?: RefusalFor<'not_found'>;
  /**
   * Fields of the body that only some accounts or tracking modes may send, and why; used when Kimai
   * answers with its nameless "extra fields" error (docs/back-ends/kimai.md, "Errors").
   */
  gatedFields?: Array<{ field: string; reason: string }>;
}

/**
 * `organisation`: the token is the organisation's, with which the team server acts for the person (acting.ts): a
 * token Kimai refuses is the administrator's to renew, not the person's to create.
 */
export function describeHttpFailure(answer: HttpAnswer, purpose: RequestPurpose, baseUrl: string, organisation = false): RemoteError {
  const { status } = answer;
  const { action } = purpose;
  const body = isObject(answer.json) ? answer.json : undefined;
  const refused = (code: 401 | 403) =>
    new RemoteError(
      'bad_token',
      organisation ? remoteRefusal('organisation_key_refused', { back_end: 'Kimai' }) : remoteRefusal('kimai_token_refused', { url: baseUrl, status: code }),
      code,
    );
  if (status === 401) return refused(401);
  if (status === 403) {
    // A 403 without a numeric `code` comes from the authenticator, not from a permission check
    // (docs/back-ends/kimai.md, "Bad credentials").
    if (body && body.code === undefined) return refused(403);
    return new RemoteError('forbidden', remoteRefusal('kimai_forbidden', { action }), status);
  }
  if (status === 404) return new RemoteError('not_found', purpose.notFound ?? remoteRefusal('kimai_no_such_address', { url: baseUrl, action }), status);
  if (status === 400) return describeBadRequest(body, purpose);
  return status === 429
    ? rateLimited(answer, action, KIMAI_WORDS)
    : (serverTrouble(status, action, KIMAI_WORDS) ?? unexpectedStatus(status, action, KIMAI_WORDS));
}

function describeBadRequest(body: Record<string, unknown> | undefined, purpose: RequestPurpose): RemoteError {
  const { action } = purpose;
  const errors = isObject(body?.errors) ? body.errors : undefined;
  if (!errors) return new RemoteError('bad_request', remoteRefusal('kimai_malformed_request', { action }), 400);
  const global = Array.isArray(errors.errors) ? errors.errors.filter((item): item is string => typeof item === 'string') : [];
  if (global.some((message) => /extra fields/i.test(message))) return describeExtraFields(purpose);
  return new RemoteError('validation', remoteRefusal('kimai_form_refused', { action, fields: collectFieldErrors(errors.children, []), messages: global }), 400);
}

/**
 * Kimai never names the field it did not want (docs/back-ends/kimai.md, "Errors"); Punchcard knows
 * which ones it sent and why they may be refused.
 */
function describeExtraFields(purpose: RequestPurpose): RemoteError {
  const { action } = purpose;
  const gated = purpose.gatedFields ?? [];
  if (gated.length === 0) return new RemoteError('restricted', remoteRefusal('kimai_field_not_allowed', { action }), 400);
  const reasons = [...new Set(gated.map((item) => item.reason))];
  return new RemoteError('restricted', remoteRefusal('kimai_fields_not_allowed', { action, fields: gated.map((item) => item.field), reasons }), 400);
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

export function describeNotJson(baseUrl: string, answer: HttpAnswer): RemoteError {
  return new RemoteError('wrong_service', remoteRefusal('kimai_not_json', { url: baseUrl, web_page: looksHtml(answer.text) }), answer.status);
}
