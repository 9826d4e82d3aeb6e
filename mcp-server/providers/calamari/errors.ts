// What Calamari answered, as one sentence a person can act on. Every failure has one body,
// `{message, code, field}` (docs/back-ends/calamari.md, "Errors"); logic reads the status and the
// code, and Calamari's message is quoted for the rest.
import { headerNumber, type HttpAnswer, type LimitWindow } from '../remote/json-http.ts';
import {
  hostOf,
  inWords,
  looksHtml,
  notJsonApi,
  RemoteError,
  type RemoteFailure,
  sentence,
  serverTrouble,
  type ServiceWords,
  unexpectedStatus,
} from '../remote/remote-error.ts';
import { isObject } from '../remote/wire.ts';
import { usedUpLimit } from './quota.ts';

/** Each of Calamari's limits in words: "Calamari's limit of requests an hour". */
const PER_LIMIT: Record<LimitWindow, string> = { second: 'a second', hour: 'an hour', day: 'a day' };

export const CALAMARI_WORDS: ServiceWords = { service: 'Calamari', address: 'the Calamari address' };

/** Which of Calamari's modules a request belongs to: a refusal of one says which part is unavailable. */
export type CalamariModule = 'timeAndAttendance' | 'timeOff' | 'people';

export interface RequestPurpose {
  /** 'start your shift', 'list your leave requests': completes "… could not …". */
  action: string;
  module: CalamariModule;
  /** Every read is a POST too: marked, so a call stopped midway does not count it as a change (remote/remote-client.ts). */
  onlyReads?: boolean;
}

/** A failure Calamari answered, or one of reaching it; the sentence says what its body carried. */
export class CalamariError extends RemoteError {
  /** Calamari's own code for it (`INVALID_PROJECT`), where its answer named one. */
  readonly calamariCode: string | undefined;
  constructor(failure: RemoteFailure, message: string, status?: number, calamariCode?: string) {
    super(failure, message, status);
    this.name = 'CalamariError';
    this.calamariCode = calamariCode;
  }
}

/**
 * Calamari's codes for a project the person may not book on: unknown, archived or closed to them
 * (the clock-in's INVALID_PROJECT, the shift's INVALID_PROJECT_TYPE and INVALID_PROJECT_FOR_USER;
 * docs/back-ends/calamari.md, "Projects"). The projects Punchcard kept may name one archived since.
 */
const PROJECT_REFUSALS: ReadonlySet<string> = new Set(['INVALID_PROJECT', 'INVALID_PROJECT_TYPE', 'INVALID_PROJECT_FOR_USER']);

export function isProjectRefusal(error: unknown): boolean {
  return error instanceof CalamariError && error.calamariCode !== undefined && PROJECT_REFUSALS.has(error.calamariCode);
}

/** The configured e-mail names no active employee: said alike whether Calamari's code or an empty search says it. */
export function unknownEmployee(email: string): CalamariError {
  return new CalamariError(
    'unknown_person',
    `Calamari has no active employee ${email}. Check the e-mail in Punchcard's account settings; it must be the one you sign in to Calamari with.`,
  );
}

const MODULE_WORDS: Record<CalamariModule, string> = {
  timeAndAttendance: 'Time & Attendance',
  timeOff: 'Time Off',
  people: 'the employee list',
};

export function moduleName(module: CalamariModule): string {
  return MODULE_WORDS[module];
}

export function describeHttpFailure(answer: HttpAnswer, purpose: RequestPurpose, baseUrl: string, email: string): CalamariError {
  const { status } = answer;
  const body = isObject(answer.json) ? answer.json : {};
  const code = typeof body.code === 'string' && body.code !== '' ? body.code : undefined;
  const field = typeof body.field === 'string' && body.field !== '' ? body.field : undefined;
  const said = typeof body.message === 'string' && body.message.trim() !== '' ? body.message.trim() : undefined;
  const fail = (failure: RemoteFailure, message: string) => new CalamariError(failure, sentence(message), status, code);
  if (status === 401) {
    return fail(
      'bad_token',
      `Calamari at ${hostOf(baseUrl)} did not accept the API key (API access is off for the organisation, or the key is wrong or was deleted). Ask your Calamari administrator for a key and save it in Punchcard, or set PUNCHCARD_CALAMARI_TOKEN`,
    );
  }
  if (status === 403) {
    return fail(
      'forbidden',
      `The Calamari API key may not ${purpose.action} (403): ${moduleName(purpose.module)} is not in use by your organisation, or the key lacks that group of endpoints. Ask your Calamari administrator`,
    );
  }
  if (code === 'INVALID_EMPLOYEE') {
    const unknown = unknownEmployee(email);
    return new CalamariError(unknown.failure, unknown.message, status, code);
  }
  if (code === 'API_TERMINAL_NOT_AVAILABLE') {
    return fail(
      'restricted',
      `Calamari has no API terminal you may use, so Punchcard cannot ${purpose.action}. Your Calamari administrator adds one under Clockin settings and gives you access to it`,
    );
  }
  if (status === 404) {
    if (looksHtml(answer.text) || code !== 'INVALID_METHOD_URL') return describeNotJson(baseUrl, answer);
    return fail(
      'wrong_service',
      `Calamari at ${hostOf(baseUrl)} does not know this part of its API (404) trying to ${purpose.action}. Check the Calamari address, such as https://your-company.calamari.io`,
    );
  }
  if (status === 429) {
    // Reaching the person, the hold the 429 asked for was waited out once already, or said with when
    // it lifts (remote/organisation-limit.ts): this is a refusal that came again on the one retry, or
    // one no ledger could note. It says which limit, where Calamari's body says (quota.ts).
    const seconds = headerNumber(answer.headers, 'retry-after');
    const window = usedUpLimit(answer);
    const when = seconds !== undefined ? inWords(seconds) : window === 'second' ? 'in a moment' : 'later';
    const limit = window
      ? `Calamari's limit of requests ${PER_LIMIT[window]} for your organisation is used up`
      : "Calamari's request limit for your organisation is used up for now";
    return fail(
      'rate_limited',
      `${limit} (429${field ? `: ${field}` : ''}) trying to ${purpose.action}. Try again ${when}; Punchcard asks Calamari as little as it can`,
    );
  }
  // Calamari's own rule for leave beyond what the person has (docs/back-ends/calamari.md, "Leave requests").
  if (code === 'INVALID_ABSENCE_ALLOWANCE')
    return fail('validation', `Calamari refused to ${purpose.action}: your allowance does not cover it (${said ?? 'not enough allowance'})`);
  if (code !== undefined && PROJECT_REFUSALS.has(code))
    return fail(
      'validation',
      `Calamari refused to ${purpose.action}: the project is not one you may book on (${said ?? code}), perhaps archived since Punchcard read your projects; list_catalog shows the ones you may use`,
    );
  if (status === 400) return fail('validation', `Calamari refused to ${purpose.action}: ${said ?? code ?? 'no reason given'}${field ? ` (${field})` : ''}`);
  if (status === 405) return fail('bad_request', `Calamari refused the request to ${purpose.action} (405, wrong method); update Punchcard`);
  const trouble = serverTrouble(status, purpose.action, CALAMARI_WORDS) ?? unexpectedStatus(status, purpose.action, CALAMARI_WORDS);
  return fail(trouble.failure, trouble.message);
}

export function describeNotJson(baseUrl: string, answer: HttpAnswer): CalamariError {
  const wrong = notJsonApi(
    baseUrl,
    answer,
    CALAMARI_WORDS,
    "Check the address: it is your organisation's, such as https://your-company.calamari.io, without /api.",
  );
  return new CalamariError(wrong.failure, wrong.message, answer.status);
}
