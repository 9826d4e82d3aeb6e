// The heaviest legitimate calls fit within one call's budget of requests, on every remote back end
// (test/support/heaviest-calls.ts): a range at its limit on a busy person's data, in a fresh engine.
// A write, above all, must never be stopped halfway by the budget.
import { describe, expect, it } from 'vitest';
import { HEAVY_BACK_ENDS, MAX_REQUESTS_PER_CALL, measureHeavyCall } from '../../support/heaviest-calls.ts';

describe.each(HEAVY_BACK_ENDS.map((backEnd) => [backEnd.name, backEnd] as const))('%s', (_name, backEnd) => {
  it.each(backEnd.calls.map((call) => [call.label, call] as const))(`%s: answered within ${MAX_REQUESTS_PER_CALL} requests`, async (_label, call) => {
    const result = await measureHeavyCall(backEnd, call, () => null);
    expect(result.isError, result.text).toBe(false);
    expect(result.requests).toBeLessThanOrEqual(MAX_REQUESTS_PER_CALL);
  });
});
