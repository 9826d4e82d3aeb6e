// Turns what Kimai answered into one short sentence a person can act on (docs/back-ends/kimai.md,
// "Bad credentials", "Errors"); the network's failures are worded by the shared remote layer
// (remote/remote-error.ts) in Kimai's terms. Pure: the HTTP edge hands in status, body and what it
// was doing. No message ever contains the token, and message texts from Kimai are never parsed for
// logic: they are translated per instance language and generic on production servers.
import type { HttpAnswer } from '../remote/json-http.ts';
import {
  looksHtml,
  type NetworkProblem,
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

export { looksHtml, type NetworkProblem };

/** Why a Kimai call failed. The connection test reports these as its verdicts; tools only show the message. */
export type KimaiFailure = RemoteFailure;

/** A failure of a Kimai call: the one kind of error every remote back end throws, network failures included. */
export { RemoteError as KimaiError };

export const KIMAI_WORDS: ServiceWords = {
  service: 'Kimai',
  address: 'the Kimai URL',
  caHint: 'If your Kimai uses a company or self-signed certificate, set its CA file in Punchcard (settings provider.caFile, or --ca-file).',
  operator: 'your Kimai administrator',
};

/** What the request was for, so a failure can say so in the person's terms. */
export interface RequestPurpose {
  /** 'start the timer', 'list time entries': completes "Kimai did not let you …". */
  action: string;
  /** Said on 404 instead of the generic text, e.g. 'There is no time entry #12 in Kimai.' */
  notFound?: string;
  /**
   * Fields of the body that only some accounts or tracking modes may send, and why; used when Kimai
   * answers with its nameless "extra fields" error (docs/back-ends/kimai.md, "Errors").
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

export function describeHttpFailure(answer: HttpAnswer, purpose: RequestPurpose, baseUrl: string): RemoteError {
  const { status } = answer;
  const body = isObject(answer.json) ? answer.json : undefined;
  if (status === 401) {
    return new RemoteError(
      'bad_token',
      `Kimai at ${baseUrl} did not accept the API token (it is wrong, expired or revoked). ` +
        'Create a new API token in your Kimai profile and save it in Punchcard, or set PUNCHCARD_KIMAI_TOKEN.',
      status,
    );
  }
  if (status === 403) {
    // A 403 without a numeric `code` comes from the authenticator, not from a permission check
    // (docs/back-ends/kimai.md, "Bad credentials").
    if (body && body.code === undefined) {
      return new RemoteError(
        'bad_token',
        `Kimai at ${baseUrl} refused the credentials. Create a new API token in your Kimai profile and save it in Punchcard.`,
        status,
      );
    }
    return new RemoteError(
      'forbidden',
      `Your Kimai account may not ${purpose.action} (Kimai answered 403 Forbidden). ` +
        'The period may be locked or the record exported, or your role lacks the permission; ask your Kimai administrator.',
      status,
    );
  }
  if (status === 404) {
    return new RemoteError(
      'not_found',
      purpose.notFound ?? `Kimai at ${baseUrl} has no such address (404) when trying to ${purpose.action}. Check the Kimai URL.`,
      status,
    );
  }
  if (status === 400) return describeBadRequest(body, purpose);
  const { failure, message } =
    status === 429
      ? rateLimited(answer, purpose.action, KIMAI_WORDS)
      : (serverTrouble(status, purpose.action, KIMAI_WORDS) ?? unexpectedStatus(status, purpose.action, KIMAI_WORDS));
  return new RemoteError(failure, message, status);
}

function describeBadRequest(body: Record<string, unknown> | undefined, purpose: RequestPurpose): RemoteError {
  const errors = isObject(body?.errors) ? body.errors : undefined;
  if (!errors) {
    return new RemoteError(
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
  return new RemoteError('validation', sentence(`Kimai refused to ${purpose.action}: ${detail}`), 400);
}

/**
 * Kimai never names the field it did not want (docs/back-ends/kimai.md, "Errors"); Punchcard knows
 * which ones it sent and why they may be refused.
 */
function describeExtraFields(purpose: RequestPurpose): RemoteError {
  const gated = purpose.gatedFields ?? [];
  if (gated.length === 0) {
    return new RemoteError('restricted', `Kimai refused to ${purpose.action}: the request carried a field your account may not set.`, 400);
  }
  const reasons = [...new Set(gated.map((item) => item.reason))];
  const fields = gated.map((item) => FIELD_WORDS[item.field] ?? item.field);
  return new RemoteError(
    'restricted',
    sentence(`Kimai did not let you set ${[...new Set(fields)].join(' and ')} to ${purpose.action}: ${reasons.join(' ')}`),
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

export function describeNotJson(baseUrl: string, answer: HttpAnswer): RemoteError {
  const wrong = notJsonApi(baseUrl, answer, KIMAI_WORDS, 'Check the URL: it is the address of your Kimai, such as https://kimai.example.com, without /api.');
  return new RemoteError(wrong.failure, wrong.message, answer.status);
}
