// The window's stores, in Node: statuses reach the window out of order (main announces one it began
// reading before a load the window started, and the announcement lands after), and the status store
// keeps the one read last. Found by the real app's test of kept writes, where the older status hid
// the list of decisions until Status was opened again.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Store as StoreClass } from '../../renderer/src/store.ts';

let Store: typeof StoreClass;
beforeAll(async () => {
  // The bridge reads `window.punchcard` when it loads; outside a window it falls back to refusing calls.
  Object.assign(globalThis, { window: {} });
  ({ Store } = await import('../../renderer/src/store.ts'));
});

interface Numbered {
  sequence: number;
}

function deferred<T>() {
  let resolve: (value: T) => void = () => {};
  const promise = new Promise<T>((done) => (resolve = done));
  return { promise, resolve };
}

const bySequence = (incoming: Numbered, current: Numbered) => incoming.sequence >= current.sequence;

describe('a store whose answers can be told apart by age', () => {
  it('keeps a load that was read after an announcement that landed during it', async () => {
    const answer = deferred<Numbered>();
    const store = new Store<Numbered>(() => answer.promise, bySequence);
    const loading = store.load();
    store.set({ sequence: 1 });
    answer.resolve({ sequence: 2 });
    await loading;
    expect(store.get().data).toEqual({ sequence: 2 });
  });

  it('drops an announcement older than what it shows, and a load older than an announcement', async () => {
    const answer = deferred<Numbered>();
    const store = new Store<Numbered>(() => answer.promise, bySequence);
    store.set({ sequence: 5 });
    store.set({ sequence: 4 });
    expect(store.get().data).toEqual({ sequence: 5 });
    const loading = store.load();
    store.set({ sequence: 7 });
    answer.resolve({ sequence: 6 });
    await loading;
    expect(store.get().data).toEqual({ sequence: 7 });
    expect(store.get().loading).toBe(false);
  });

  it('without a way to tell age, lets the last set win over a load begun before it, as before', async () => {
    const answer = deferred<Numbered>();
    const store = new Store<Numbered>(() => answer.promise);
    const loading = store.load();
    store.set({ sequence: 1 });
    answer.resolve({ sequence: 2 });
    await loading;
    expect(store.get().data).toEqual({ sequence: 1 });
  });
});
