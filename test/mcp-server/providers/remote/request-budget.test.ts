import { describe, expect, it } from 'vitest';
import { ensureRequests, requestsSpent, spendRequest, withRequestBudget } from '../../../../mcp-server/providers/remote/request-budget.ts';

describe("a tool call's budget of requests", () => {
  it('counts each request of the call, across awaits and parallel work, and refuses the one past the limit', async () => {
    await withRequestBudget(3, async () => {
      await Promise.all([1, 2].map(async () => spendRequest('Kimai')));
      await new Promise((resolve) => setTimeout(resolve, 1));
      spendRequest('Kimai');
      expect(requestsSpent()).toBe(3);
      expect(() => spendRequest('Kimai')).toThrow(/^This needs more than 3 requests to Kimai, more than one call may send, so Punchcard stopped asking\./);
    });
  });

  it('keeps calls apart, and counts nothing outside a call (the background checks of a back end)', async () => {
    await Promise.all([
      withRequestBudget(1, async () => {
        spendRequest('A');
        await new Promise((resolve) => setTimeout(resolve, 2));
        expect(requestsSpent()).toBe(1);
      }),
      withRequestBudget(1, async () => {
        spendRequest('B');
        expect(requestsSpent()).toBe(1);
      }),
    ]);
    for (let index = 0; index < 100; index++) spendRequest('outside');
    expect(requestsSpent()).toBe(0);
  });

  it('refuses a fan-out a server announced before any of it is sent', async () => {
    await withRequestBudget(10, async () => {
      spendRequest('Clockodo');
      expect(() => ensureRequests(9, 'Clockodo')).not.toThrow();
      expect(() => ensureRequests(999_999, 'Clockodo')).toThrow(/^This needs more than 10 requests to Clockodo/);
      expect(requestsSpent()).toBe(1);
    });
  });
});
