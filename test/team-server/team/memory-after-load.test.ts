// The team server's one full collection after a spell of load (team-server/team/memory-after-load.ts):
// asked for once the requests stop after a busy spell, never while they go on, never for a quiet
// server, and once a spell; and the collection it asks for is V8's own, which this Node hands out.
import { afterEach, describe, expect, it } from 'vitest';
import { BUSY_REQUESTS, fullCollection, MemoryAfterLoad } from '../../../team-server/team/memory-after-load.ts';

const watchers: MemoryAfterLoad[] = [];
afterEach(() => {
  for (const watcher of watchers.splice(0)) watcher.stop();
});

function watched(): { memory: MemoryAfterLoad; collections: () => number } {
  let collections = 0;
  const memory = new MemoryAfterLoad(() => (collections += 1));
  watchers.push(memory);
  return { memory, collections: () => collections };
}

const serve = (memory: MemoryAfterLoad, requests: number) => {
  for (let request = 0; request < requests; request++) memory.served();
};

describe('memory after a spell of load', () => {
  it('collects once when the requests stop after a busy spell, not while they go on', () => {
    const { memory, collections } = watched();
    serve(memory, BUSY_REQUESTS);
    memory.check();
    serve(memory, 10);
    memory.check();
    expect(collections()).toBe(0);
    memory.check();
    expect(collections()).toBe(1);
    memory.check();
    memory.check();
    expect(collections()).toBe(1);
  });

  it('leaves a server alone whose spell was short, however quiet it then is', () => {
    const { memory, collections } = watched();
    serve(memory, BUSY_REQUESTS - 1);
    memory.check();
    memory.check();
    memory.check();
    expect(collections()).toBe(0);
  });

  it('counts the next spell afresh after a collection', () => {
    const { memory, collections } = watched();
    serve(memory, BUSY_REQUESTS);
    memory.check();
    memory.check();
    serve(memory, BUSY_REQUESTS / 2);
    memory.check();
    memory.check();
    expect(collections()).toBe(1);
    serve(memory, BUSY_REQUESTS / 2);
    memory.check();
    memory.check();
    expect(collections()).toBe(2);
  });

  it("asks V8 itself for the collection, without a flag on the server's command line", async () => {
    expect(process.execArgv).not.toContain('--expose-gc');
    const collect = fullCollection();
    const { performance, PerformanceObserver, constants } = await import('node:perf_hooks');
    const major = new Promise<number>((resolve) => {
      const observer = new PerformanceObserver((list) => {
        const found = list.getEntries().find((entry) => (entry as { detail?: { kind?: number } }).detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR);
        if (found) {
          observer.disconnect();
          resolve(found.startTime);
        }
      });
      observer.observe({ entryTypes: ['gc'] });
    });
    const asked = performance.now();
    collect();
    expect(await major).toBeGreaterThanOrEqual(asked - 1);
  });
});
