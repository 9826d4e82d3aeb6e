// The store as the metrics see it (team-server/metrics/timed-store.ts): a real SQLite store, each
// request timed under the Store method that made it, failures timed and still thrown, and the store's
// own methods (with their private fields) working through the wrapper, closing among them.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { timedStore } from '../../../team-server/metrics/timed-store.ts';
import { openSqliteStore } from '../../../team-server/store/sqlite-store.ts';
import type { Store } from '../../../team-server/store/store.ts';

let dir: string;
let store: Store;
let timed: Array<[string, number]>;
let wrapped: Store;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'punchcard-timed-store-'));
  store = await openSqliteStore(join(dir, 'server.db'), { now: Date.now });
  timed = [];
  wrapped = timedStore(store, (operation, seconds) => timed.push([operation, seconds]));
});

afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('timedStore', () => {
  it('times each request under its operation, answering as the store does', async () => {
    await wrapped.ping();
    const person = await wrapped.savePerson({ id: 'p1', identity: 'kimai:ada', name: 'Ada', email: null, at: 1 });
    expect((await wrapped.person('p1'))?.name).toBe(person.name);
    await new Promise((settled) => setImmediate(settled));
    expect(timed.map(([operation]) => operation)).toEqual(['ping', 'savePerson', 'person']);
    for (const [, seconds] of timed) expect(seconds).toBeGreaterThanOrEqual(0);
    // Properties and the store's kind pass through untouched.
    expect(wrapped.kind).toBe('sqlite');
  });

  it('times a request that failed and still throws its error to the caller', async () => {
    await store.close();
    await expect(wrapped.person('p1')).rejects.toThrow();
    await new Promise((settled) => setImmediate(settled));
    expect(timed.map(([operation]) => operation)).toEqual(['person']);
    // Reopened for afterEach's close.
    store = await openSqliteStore(join(dir, 'server.db'), { now: Date.now });
  });

  it('closes the store itself (its private fields reached), untimed', async () => {
    const other = await openSqliteStore(join(dir, 'other.db'), { now: Date.now });
    await timedStore(other, (operation) => timed.push([operation, 0])).close();
    await expect(other.ping()).rejects.toThrow();
    expect(timed).toEqual([]);
  });
});
