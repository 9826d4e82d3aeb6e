// What Calamari answered, as a refusal a person can act on (worded in
// contract/outcomes/remote-calamari.ts). Every failure has one body, `{message, code, field}`
// (docs/back-ends/calamari.md, "Errors"); logic reads the status and the code, and Calamari's message
// is quoted as a fact for the rest.
import { type CalamariModule, moduleWords } from '../../contract/outcomes/remote-calamari.ts';
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
import { usedUpLimit } from './quota.ts';

export const CALAMARI_WORDS: ServiceWords = { service: 'Calamari', address: 'the Calamari address' };

/** Which of Calamari's modules a request belongs to: a refusal of one says which part is unavailable. */
export type { CalamariModule };

export interface RequestPurpose {
  /** 'start your shift', 'list your leave requests': completes "… could not …". */
  action: string;
  module: CalamariModule;
  /** Every read is a POST too: marked, so a call stopped midway does not count it as a change (remote/remote-client.ts). */
  onlyReads?: boolean;
}

/** A failure Calamari answered, or one of reaching it; its refusal says what its body carried. */
export class CalamariError<F extends RemoteFailure = RemoteFailure> extends RemoteError<F> {
  /** Calamari's own code for it (`INVALID_PROJECT`), where its answer named one. */
  readonly calamariCode: string | undefined;
  constructor(failure: F, said: RefusalFor<F>, status?: number, calamariCode?: string) {
    super(failure, said, status);
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
export function unknownEmployee(email: string, status?: number, calamariCode?: string): CalamariError {
  return new CalamariError('unknown_person', remoteRefusal('calamari_unknown_employee', { email }), status, calamariCode);
}

export function moduleName(module: CalamariModule): string {
  return moduleWords(module);
}

export function describeHttpFailure(answer: HttpAnswer, purpose: RequestPurpose, baseUrl: string, email: string): CalamariError {
  const { status } = answer;
  const { action } = purpose;
  const body = isObject(answer.json) ? answer.json : {};
  const code = typeof body.code === 'string' && body.code !== '' ? body.code : undefined;
  const field = typeof body.field === 'string' && body.field !== '' ? body.field : undefined;
  const message = typeof body.message === 'string' && body.message.trim() !== '' ? body.message.trim() : null;
  const fail = <F extends RemoteFailure>(failure: F, said: RefusalFor<F>) => new CalamariError<F>(failure, said, status, code);
  const host = hostOf(baseUrl);
  if (status === 401) return fail('bad_token', remoteRefusal('calamari_key_refused', { host }));
  if (status === 403) return fail('forbidden', remoteRefusal('calamari_forbidden', { action, module: purpose.module }));
  if (code === 'INVALID_EMPLOYEE') return unknownEmployee(email, status, code);
  if (code === 'API_TERMINAL_NOT_AVAILABLE') return fail('restricted', remoteRefusal('calamari_no_terminal', { action }));
  if (status === 404) {
    if (looksHtml(answer.text) || code !== 'INVALID_METHOD_URL') return describeNotJson(baseUrl, answer);
    // Calamari's own 404: the API answered and knows no such method (a feature's read takes it as not there).
    return fail('not_found', remoteRefusal('calamari_unknown_endpoint', { host, action }));
  }
  if (status === 429) {
    // Reaching the person, the hold the 429 asked for was waited out once already, or said with when
    // it lifts (remote/organisation-limit.ts): this is a refusal that came again on the one retry, or
    // one no ledger could note. It says which limit, where Calamari's body says (quota.ts).
    return fail(
      'rate_limited',
      remoteRefusal('calamari_rate_limited', {
        action,
        window: usedUpLimit(answer) ?? null,
        usage: field ?? null,
        retry_after_s: retryAfterSeconds(answer, CALAMARI_WORDS),
      }),
    );
  }
  // Calamari's own rule for leave beyond what the person has (docs/back-ends/calamari.md, "Leave requests").
  if (code === 'INVALID_ABSENCE_ALLOWANCE') return fail('validation', remoteRefusal('calamari_allowance_short', { action, message }));
  if (code !== undefined && PROJECT_REFUSALS.has(code)) return fail('validation', remoteRefusal('calamari_project_refused', { action, message, code }));
  if (status === 400) return fail('validation', remoteRefusal('calamari_refused', { action, message, code: code ?? null, field: field ?? null }));
  if (status === 405) return fail('bad_request', remoteRefusal('calamari_wrong_method', { action }));
  const trouble = serverTrouble(status, action, CALAMARI_WORDS) ?? unexpectedStatus(status, action, CALAMARI_WORDS);
  return new CalamariError(trouble.failure, trouble.refusal, status, code);
}

export function describeNotJson(baseUrl: string, answer: HttpAnswer): CalamariError {
  return new CalamariError('wrong_service', remoteRefusal('calamari_not_json', { url: baseUrl, web_page: looksHtml(answer.text) }), answer.status);
}
