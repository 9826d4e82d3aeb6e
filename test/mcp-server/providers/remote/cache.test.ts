// The small caches every remote back end keeps its answers in: a load shared while in flight, kept
// for its time and not after a failure; one per key, expired keys let go; calls that settle together.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { allSettled, Expiring, ExpiringByKey, mapWithLimit } from '../../../../mcp-server/providers/remote/cache.ts';

// Only performance.now is faked (the caches' clock); timers stay real.
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['performance'] });
});
afterEach(() => {
  vi.useRealTimers();
});

function counter<T>(value: T) {
  const load = vi.fn(async () => value);
  return load;
}

describe('Expiring', () => {
  it('shares one load between callers while it is in flight and fresh, and loads again after its time', async () => {
    const cache = new Expiring<number>(1_000);
    const load = counter(7);
    const [a, b] = await Promise.all([cache.get(load), cache.get(load)]);
    expect([a, b, load.mock.calls.length]).toEqual([7, 7, 1]);
    vi.advanceTimersByTime(999);
    await cache.get(load);
    expect(load).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1);
    expect(cache.holds()).toBe(false);
    await cache.get(load);
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('times its value from the answer, not the asking: a load slower than the time is shared while in flight and kept after', async () => {
    const cache = new Expiring<number>(1_000);
    let answer: (value: number) => void = () => {};
    const load = vi.fn(() => new Promise<number>((resolve) => (answer = resolve)));
    const first = cache.get(load);
    vi.advanceTimersByTime(1_500);
    expect(cache.holds()).toBe(true);
    const second = cache.get(load);
    answer(4);
    expect([await first, await second]).toEqual([4, 4]);
    vi.advanceTimersByTime(999);
    expect(await cache.get(load)).toBe(4);
    expect(load).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1);
    expect(cache.holds()).toBe(false);
  });

  it('does not keep a failed load: the next call tries again', async () => {
    const cache = new Expiring<number>(1_000);
    await expect(cache.get(async () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    expect(cache.holds()).toBe(false);
    expect(await cache.get(async () => 3)).toBe(3);
  });

  it('forgets on invalidate', async () => {
    const cache = new Expiring<number>(1_000);
    const load = counter(1);
    await cache.get(load);
    cache.invalidate();
    await cache.get(load);
    expect(load).toHaveBeenCalledTimes(2);
  });
});

describe('ExpiringByKey', () => {
  it('keeps one answer per key and lets expired keys go when another is added', async () => {
    const cache = new ExpiringByKey<string, string>(1_000);
    const load = vi.fn(async () => 'x');
    await cache.get('2026', load);
    await cache.get('2027', load);
    await cache.get('2026', load);
    expect(load).toHaveBeenCalledTimes(2);
    expect(cache.size).toBe(2);
    vi.advanceTimersByTime(1_000);
    await cache.get('2028', load);
    expect(cache.size).toBe(1);
    cache.clear();
    expect(cache.size).toBe(0);
  });
});

describe('allSettled', () => {
  it('waits for every promise before it rejects, and reports the first failure in argument order', async () => {
    let lateDone = false;
    const late = new Promise<number>((resolve) =>
      setTimeout(() => {
        lateDone = true;
        resolve(1);
      }, 5),
    );
    const outcome = allSettled([Promise.reject(new Error('first')), late, Promise.reject(new Error('second'))]);
    await expect(outcome).rejects.toThrow('first');
    expect(lateDone).toBe(true);
    expect(await allSettled([Promise.resolve(1), Promise.resolve('two')])).toEqual([1, 'two']);
  });
});

describe('mapWithLimit', () => {
  it('keeps the order of its items and never has more than the limit in flight', async () => {
    let inFlight = 0;
    let most = 0;
    const result = await mapWithLimit([5, 1, 4, 2, 3], 2, async (item) => {
      inFlight++;
      most = Math.max(most, inFlight);
      await new Promise((resolve) => setTimeout(resolve, item));
      inFlight--;
      return item * 10;
    });
    expect(result).toEqual([50, 10, 40, 20, 30]);
    expect(most).toBe(2);
  });
});
