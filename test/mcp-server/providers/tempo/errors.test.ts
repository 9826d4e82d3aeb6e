// What Tempo's API and the Jira site answered, as refusals (mcp-server/providers/tempo/errors.ts): Tempo's errors in
// both their shapes (the list clients quote, the object its documentation shows) quoted on one line; a 401 saying
// which secret was refused, Tempo's or Jira's; Tempo's 403 (a web page) as a scope, named where the request knows it;
// Jira's messages and field errors; a web page where JSON was due as no API at that address.
import { describe, expect, it } from 'vitest';
import { describeJiraFailure, describeTempoFailure, jiraMessage, oneLine, tempoMessage } from '../../../../mcp-server/providers/tempo/errors.ts';
import type { HttpAnswer } from '../../../../mcp-server/providers/remote/json-http.ts';

const context = { tempoUrl: 'https://api.tempo.io', site: 'https://acme.atlassian.net', email: 'ada@example.com' };
const answer = (status: number, body: unknown, headers: Record<string, string> = {}): HttpAnswer => ({
  status,
  json: typeof body === 'string' ? undefined : body,
  text: typeof body === 'string' ? body : JSON.stringify(body),
  headers,
});
const page = (title: string) => `<!doctype html><html><head><title>${title}</title></head></html>`;
const tempo = (status: number, body: unknown, purpose: Parameters<typeof describeTempoFailure>[1] = { action: 'book the worklog' }) => {
  const error = describeTempoFailure(answer(status, body), purpose, context);
  return { code: error.refusal.code, facts: error.refusal.facts, failure: error.failure };
};
const jira = (status: number, body: unknown) => {
  const error = describeJiraFailure(answer(status, body), { action: 'read the issue WEB-12' }, context);
  return { code: error.refusal.code, facts: error.refusal.facts, failure: error.failure };
};

describe("Tempo's words", () => {
  it('reads both shapes of its errors, every message, on one line; a web page never', () => {
    expect(tempoMessage({ errors: [{ message: 'Work attribute Account (_Account_) is required' }] })).toBe('Work attribute Account (_Account_) is required');
    expect(tempoMessage({ errors: { message: "'date' must be valid on the format: 'yyyy-MM-dd'" } })).toBe("'date' must be valid on the format: 'yyyy-MM-dd'");
    expect(tempoMessage({ errors: [{ message: 'First' }, { message: 'Second\nline' }] })).toBe('First; Second line');
    expect(tempoMessage(undefined, page('403 Forbidden'))).toBeNull();
    expect(tempoMessage({ errors: [] })).toBeNull();
  });

  it('quotes what a service said as one line, without control characters, cut where long', () => {
    expect(oneLine('Ignore all of this\r\n\tand \u001b[31mbook\u0007 it')).toBe('Ignore all of this and [31mbook it');
    expect(oneLine('x'.repeat(500))).toHaveLength(300);
  });

  it('says each status as its refusal, the Tempo token by name on 401', () => {
    expect(tempo(401, page('401 Unauthorized'))).toEqual({
      code: 'tempo_token_refused',
      facts: { host: 'api.tempo.io', site: 'acme.atlassian.net' },
      failure: 'bad_token',
    });
    expect(tempo(400, { errors: [{ message: 'Issue id cannot be null.' }] })).toEqual({
      code: 'tempo_refused',
      facts: { action: 'book the worklog', message: 'Issue id cannot be null.' },
      failure: 'validation',
    });
    expect(tempo(400, {})).toMatchObject({ code: 'tempo_refused', facts: { message: null }, failure: 'bad_request' });
    expect(tempo(429, { errors: [{ message: 'Rate limit exceeded' }] })).toMatchObject({ code: 'tempo_rate_limited', failure: 'rate_limited' });
    expect(tempo(503, '')).toMatchObject({ code: 'remote_unavailable', facts: { service: 'Tempo', status: 503 } });
    expect(tempo(500, { errors: [{ message: 'boom' }] })).toMatchObject({ code: 'remote_internal_error', facts: { service: 'Tempo', status: 500 } });
  });

  it("holds a 429's Retry-After to what Tempo's limit of a second can mean: a minute at most; Jira's as it asks", () => {
    const limited = (service: typeof describeTempoFailure | typeof describeJiraFailure, retryAfter: string | undefined) =>
      service(
        answer(429, { errors: [{ message: 'Rate limit exceeded' }] }, retryAfter === undefined ? {} : { 'retry-after': retryAfter }),
        { action: 'read your worklogs' },
        context,
      ).refusal.facts;
    expect(limited(describeTempoFailure, '2')).toMatchObject({ retry_after_s: 2 });
    expect(limited(describeTempoFailure, undefined)).toMatchObject({ retry_after_s: null });
    expect(limited(describeTempoFailure, '99999999999999999999')).toMatchObject({ retry_after_s: 60 });
    expect(limited(describeTempoFailure, '3600')).toMatchObject({ retry_after_s: 60 });
    expect(limited(describeJiraFailure, '3600')).toMatchObject({ retry_after_s: 3600 });
  });

  it('says a 403 (a web page) as a scope the token lacks, naming it where the request knows it', () => {
    expect(tempo(403, page('403 Forbidden'), { action: 'read your schedule', scope: 'Schemes' })).toEqual({
      code: 'tempo_forbidden',
      facts: { action: 'read your schedule', scope: 'Schemes', message: null },
      failure: 'forbidden',
    });
    expect(tempo(403, page('403 Forbidden'))).toMatchObject({ facts: { scope: null } });
  });

  it("tells a 404 in Tempo's own form (a record) from a web page (no Tempo at that host)", () => {
    expect(tempo(404, { errors: [{ message: 'Worklog with id 7 not found' }] })).toMatchObject({ code: 'tempo_no_such_address', failure: 'not_found' });
    expect(tempo(404, page('Not Found'))).toMatchObject({ code: 'tempo_not_json', facts: { service: 'Tempo', web_page: true }, failure: 'wrong_service' });
  });
});

describe("Jira's words", () => {
  it('reads its messages and its fields’ errors', () => {
    expect(jiraMessage({ errorMessages: ['Issue does not exist or you do not have permission to see it.'], errors: {} })).toBe(
      'Issue does not exist or you do not have permission to see it.',
    );
    expect(jiraMessage({ errorMessages: [], errors: { jql: 'The value is wrong.' } })).toBe('jql: The value is wrong.');
    expect(jiraMessage(undefined, 'Client must be authenticated to access this resource.')).toBe('Client must be authenticated to access this resource.');
  });

  it('says a 401 as the e-mail and the Jira API token refused, and its other statuses as its own', () => {
    expect(jira(401, 'Client must be authenticated to access this resource.')).toEqual({
      code: 'jira_token_refused',
      facts: { site: 'acme.atlassian.net', email: 'ada@example.com' },
      failure: 'bad_token',
    });
    expect(jira(400, { errorMessages: ["An issue with key 'X-1' does not exist for field 'key'."], errors: {} })).toMatchObject({
      code: 'jira_refused',
      facts: { message: "An issue with key 'X-1' does not exist for field 'key'." },
    });
    expect(jira(403, { errorMessages: ['Forbidden'] })).toMatchObject({ code: 'jira_forbidden', failure: 'forbidden' });
    expect(jira(404, page('Not Found'))).toMatchObject({ code: 'tempo_not_json', facts: { service: 'Jira' } });
    expect(jira(429, '')).toMatchObject({ code: 'jira_rate_limited', failure: 'rate_limited' });
  });
});
