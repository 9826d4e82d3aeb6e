import { describe, expect, it } from 'vitest';
import { StartGate } from '../../../main/engine/start-gate.ts';

describe('StartGate', () => {
  it('lets the first start and a start after success go at once', () => {
    const gate = new StartGate<string>({ baseDelayMs: 1_000, maxDelayMs: 8_000 });
    expect(gate.waitMs(0)).toBe(0);
    gate.failed(0, 'crashed');
    gate.reset();
    expect(gate.waitMs(0)).toBe(0);
    expect(gate.lastReason).toBeUndefined();
  });

  it('doubles the wait with each failure in a row, up to the maximum', () => {
    const gate = new StartGate<string>({ baseDelayMs: 1_000, maxDelayMs: 8_000 });
    const waits: number[] = [];
    for (let failure = 0; failure < 6; failure++) {
      gate.failed(100_000, `failure ${failure}`);
      waits.push(gate.waitMs(100_000));
    }
    expect(waits).toEqual([1_000, 2_000, 4_000, 8_000, 8_000, 8_000]);
    expect(gate.failures).toBe(6);
    expect(gate.lastReason).toBe('failure 5');
  });

  it('counts the wait from the last failure', () => {
    const gate = new StartGate<string>({ baseDelayMs: 1_000, maxDelayMs: 8_000 });
    gate.failed(5_000, 'x');
    expect(gate.waitMs(5_400)).toBe(600);
    expect(gate.waitMs(6_000)).toBe(0);
    expect(gate.waitMs(9_000)).toBe(0);
  });
});
