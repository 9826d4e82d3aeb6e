// What a back end's timesheets read a moment ago (providers/remote/recent-reads.ts): reused by what follows at once,
// asked again after a moment, after a write, and where what runs must be seen as it is now. The clock is the test's.
import { describe, expect, it } from 'vitest';
import { A_MOMENT_MS, RecentReads } from '../../../../mcp-server/providers/remote/recent-reads.ts';

interface Entry {
  readonly id: number;
  readonly asked: number;
}

/** A back end that answers each read with the number of reads so far, and a clock the test moves. */
function world() {
  let clock = 0;
  let asked = 0;
  const answer = (id: number): Entry => ({ id, asked: ++asked });
  return {
    reads: new RecentReads<Entry>(() => clock),
    running: async () => answer(0),
    listing: async () => [answer(1), answer(2)],
    entry: (id: number) => async () => answer(id),
    later: (ms: number) => {
      clock += ms;
    },
    asked: () => asked,
  };
}

describe('what the timesheets read a moment ago', () => {
  it('answers the running entry again within a moment, and asks again after it', async () => {
    const w = world();
    const first = await w.reads.running(true, w.running);
    w.later(A_MOMENT_MS - 1);
    expect(await w.reads.running(true, w.running)).toBe(first);
    w.later(1);
    expect(await w.reads.running(true, w.running)).toEqual({ id: 0, asked: 2 });
  });

  it('asks afresh where what runs must be seen as it is now (a start, a switch)', async () => {
    const w = world();
    await w.reads.running(true, w.running);
    expect(await w.reads.running(false, w.running)).toEqual({ id: 0, asked: 2 });
    expect(await w.reads.running(true, w.running)).toEqual({ id: 0, asked: 2 });
  });

  it('keeps a listing by what it was asked for', async () => {
    const w = world();
    const week = await w.reads.listing('2025-03-03 2025-03-09', w.listing);
    expect(w.reads.holdsListing('2025-03-03 2025-03-09')).toBe(true);
    expect(w.reads.holdsListing('2025-03-10 2025-03-16')).toBe(false);
    expect(await w.reads.listing('2025-03-03 2025-03-09', w.listing)).toBe(week);
    await w.reads.listing('2025-03-10 2025-03-16', w.listing);
    expect(w.asked()).toBe(4);
    w.later(A_MOMENT_MS);
    expect(w.reads.holdsListing('2025-03-03 2025-03-09')).toBe(false);
  });

  it('serves an entry read for a change once: the write follows, and the next read asks again', async () => {
    const w = world();
    const shown = await w.reads.entry(7, w.entry(7));
    expect(await w.reads.entry(7, w.entry(7), 'change')).toBe(shown);
    expect(await w.reads.entry(7, w.entry(7))).toEqual({ id: 7, asked: 2 });
    await w.reads.entry(7, w.entry(7), 'delete');
    expect(await w.reads.entry(7, w.entry(7))).toEqual({ id: 7, asked: 3 });
  });

  it('forgets everything after a write, and the listings alone where asked', async () => {
    const w = world();
    await Promise.all([w.reads.running(true, w.running), w.reads.listing('week', w.listing), w.reads.entry(7, w.entry(7))]);
    expect(w.asked()).toBe(4);
    w.reads.forgetListings();
    await Promise.all([w.reads.running(true, w.running), w.reads.listing('week', w.listing), w.reads.entry(7, w.entry(7))]);
    expect(w.asked()).toBe(6);
    w.reads.forget();
    await Promise.all([w.reads.running(true, w.running), w.reads.listing('week', w.listing), w.reads.entry(7, w.entry(7))]);
    expect(w.asked()).toBe(10);
  });

  it('keeps no read that failed', async () => {
    const w = world();
    await expect(w.reads.entry(7, () => Promise.reject(new Error('Harvest is out of reach')))).rejects.toThrow('Harvest is out of reach');
    expect(await w.reads.entry(7, w.entry(7))).toEqual({ id: 7, asked: 1 });
  });

  it('shares a read in flight between two callers', async () => {
    const w = world();
    const [a, b] = await Promise.all([w.reads.listing('week', w.listing), w.reads.listing('week', w.listing)]);
    expect(a).toBe(b);
    expect(w.asked()).toBe(2);
  });
});
