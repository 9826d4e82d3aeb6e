// Requests spaced to a per-second limit: the ones past the limit wait for the oldest to leave the
// second, in the order they came. Measured on a clock the test moves, not on time passing.
import { describe, expect, it } from 'vitest';
import { pacer } from '../../../../mcp-server/providers/http/pacing.ts';

describe('pacer', () => {
  it('lets `perSecond` requests through at once and holds the next until a second (and a margin) has passed since the first', async () => {
    let clock = 0;
    const gate = pacer(2, () => clock);
    const order: string[] = [];
    await gate();
    await gate();
    order.push('two passed');
    let third = false;
    const waiting = gate().then(() => {
      third = true;
    });
    await new Promise((done) => setImmediate(done));
    expect(third).toBe(false);
    clock = 1_200;
    await waiting;
    expect(third).toBe(true);
    expect(order).toEqual(['two passed']);
  });

  it('lets requests through without waiting once the second has passed', async () => {
    let clock = 0;
    const gate = pacer(1, () => clock);
    await gate();
    clock = 5_000;
    let passed = false;
    await gate().then(() => {
      passed = true;
    });
    expect(passed).toBe(true);
  });
});
