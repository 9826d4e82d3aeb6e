// Requests spaced to a per-second limit: the ones past the limit wait for the oldest to leave the
// second, in the order they came, each counted from when it went out. Measured on a clock the test
// moves, not on time passing.
import { describe, expect, it } from 'vitest';
import { pacer } from '../../../../mcp-server/providers/remote/pacing.ts';

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

  it('counts a request from when it went out: one that waited for a socket holds the next back from then', async () => {
    let clock = 0;
    const gate = pacer(1, () => clock);
    const wentOut = await gate();
    // Its socket came free a second later; 1.3 s after it was let through it is 0.3 s on the wire.
    clock = 1_000;
    wentOut();
    clock = 1_300;
    let next = false;
    const waiting = gate().then(() => {
      next = true;
    });
    await new Promise((done) => setImmediate(done));
    expect(next).toBe(false);
    clock = 2_200;
    await waiting;
    expect(next).toBe(true);
  });

  it('spreads them over the window a back end asks for', async () => {
    let clock = 0;
    const gate = pacer(1, () => clock, 2_000);
    await gate();
    clock = 1_300;
    let next = false;
    const waiting = gate().then(() => {
      next = true;
    });
    await new Promise((done) => setImmediate(done));
    expect(next).toBe(false);
    clock = 2_000;
    await waiting;
    expect(next).toBe(true);
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
