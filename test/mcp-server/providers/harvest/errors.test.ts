// Harvest's answers as refusals (mcp-server/providers/harvest/errors.ts): each status its code and facts, Harvest's
// own words quoted from a JSON body or a plain one, a web page never quoted, when to try again in the person's time.
import { describe, expect, it } from 'vitest';
import { describeHttpFailure, messageOf } from '../../../../mcp-server/providers/harvest/errors.ts';
import type { HttpAnswer } from '../../../../mcp-server/providers/remote/json-http.ts';

const context = { baseUrl: 'https://api.harvestapp.com', accountId: () => '123', clockAt: () => '10:55', now: () => 0 };
const answer = (status: number, body: unknown, headers: Record<string, string> = {}): HttpAnswer => ({
  status,
  json: typeof body === 'string' ? undefined : body,
  text: typeof body === 'string' ? body : JSON.stringify(body),
  headers,
});
const refusal = (status: number, body: unknown, headers?: Record<string, string>) => {
  const error = describeHttpFailure(answer(status, body, headers), { action: 'start the timer' }, context);
  return { code: error.refusal.code, facts: error.refusal.facts, failure: error.failure };
};

describe("Harvest's answers", () => {
  it('quotes a message, an OAuth description or plain text, never a web page', () => {
    expect(messageOf({ message: 'Project is archived' })).toBe('Project is archived');
    expect(messageOf({ error: 'invalid_token', error_description: 'The access token provided is expired' })).toBe('The access token provided is expired');
    expect(messageOf(undefined, 'Forbidden')).toBe('Forbidden');
    expect(messageOf(undefined, '<html><body>Sign in</body></html>')).toBeNull();
    expect(messageOf({})).toBeNull();
  });

  it('says each status as its refusal', () => {
    expect(refusal(401, { error: 'invalid_token' })).toEqual({
      code: 'harvest_token_refused',
      facts: { host: 'api.harvestapp.com', account_id: '123' },
      failure: 'bad_token',
    });
    expect(refusal(403, 'Forbidden')).toMatchObject({ code: 'harvest_forbidden', facts: { message: 'Forbidden' }, failure: 'forbidden' });
    expect(refusal(404, { message: 'Not found' })).toMatchObject({ code: 'harvest_no_such_address', failure: 'not_found' });
    expect(refusal(422, { message: 'Task is not assigned to project' })).toMatchObject({
      code: 'harvest_refused',
      facts: { message: 'Task is not assigned to project' },
    });
    expect(refusal(429, { message: 'Too Many Requests' }, { 'retry-after': '12' })).toEqual({
      code: 'harvest_rate_limited',
      facts: { action: 'start the timer', retry_after_s: 12, at: '10:55' },
      failure: 'rate_limited',
    });
    // Harvest counts in windows of 15 seconds: no 429 of its means longer, however long it says.
    for (const longer of ['120', '99999999999999999999', 'Fri, 31 Dec 9999 23:59:59 GMT']) {
      expect(refusal(429, 'Too Many Requests', { 'retry-after': longer }), longer).toMatchObject({ facts: { retry_after_s: 15, at: '10:55' } });
    }
    expect(refusal(429, 'Too Many Requests')).toMatchObject({ facts: { retry_after_s: null, at: null } });
    expect(refusal(503, 'down')).toMatchObject({ code: 'remote_unavailable' });
    expect(refusal(500, 'oops')).toMatchObject({ code: 'remote_internal_error' });
  });
});
