// Which of Calamari's limits its 429 says is used up: the body's `field` counts the second, the hour
// and the day against their limits (fake-calamari.ts, quotaExceeded; the fake's own limits answer the
// same), and the longest past its limit decides how long Punchcard holds back.
import { describe, expect, it } from 'vitest';
import { usedUpLimit } from '../../../../mcp-server/providers/calamari/quota.ts';

const refusal = (field: unknown, message: unknown = 'Too many requests') => ({ json: { message, code: 'QUOTA_EXCEEDED', field } });

describe('usedUpLimit', () => {
  it('names the limit past its count, the refused request counted', () => {
    expect(usedUpLimit(refusal('Requests: 35/720 per hour, 900/2880 per day, 11/10 per second'))).toBe('second');
    expect(usedUpLimit(refusal('Requests: 721/720 per hour, 900/2880 per day, 3/10 per second'))).toBe('hour');
    expect(usedUpLimit(refusal('Requests: 35/720 per hour, 2881/2880 per day, 3/10 per second'))).toBe('day');
  });

  it('takes the longest where several are past, since it decides when a request may go again', () => {
    expect(usedUpLimit(refusal('Requests: 721/720 per hour, 900/2880 per day, 11/10 per second'))).toBe('hour');
    expect(usedUpLimit(refusal('Requests: 721/720 per hour, 2881/2880 per day, 11/10 per second'))).toBe('day');
  });

  it('reads a count that has only reached its limit where none is past (a count without the refused request)', () => {
    expect(usedUpLimit(refusal('Requests: 720/720 per hour, 900/2880 per day, 3/10 per second'))).toBe('hour');
    expect(usedUpLimit(refusal('Requests: 35/720 per hour, 900/2880 per day, 10/10 per second'))).toBe('second');
    // A count past its limit wins over one that has only reached its own.
    expect(usedUpLimit(refusal('Requests: 720/720 per hour, 900/2880 per day, 11/10 per second'))).toBe('second');
  });

  it('reads the counts in any order, any case, and in the message where the field has none', () => {
    expect(usedUpLimit(refusal('3/10 PER SECOND; 2881 / 2880 per day; 35/720 per hour'))).toBe('day');
    expect(usedUpLimit(refusal(null, 'Limit exceeded: 1501/1500 requests per hour'))).toBe('hour');
  });

  it('guesses nothing where the body counts nothing or is not a body at all', () => {
    expect(usedUpLimit(refusal(null))).toBeUndefined();
    expect(usedUpLimit(refusal('Requests: 35/720 per hour, 900/2880 per day, 3/10 per second'))).toBeUndefined();
    expect(usedUpLimit(refusal('Requests: 1/0 per week'))).toBeUndefined();
    expect(usedUpLimit({ json: undefined })).toBeUndefined();
    expect(usedUpLimit({ json: ['Requests: 721/720 per hour'] })).toBeUndefined();
    expect(usedUpLimit(refusal(`${'x'.repeat(2_000)} 721/720 per hour`))).toBeUndefined();
  });
});
