// Small helpers for every remote back end: a value kept for a short time, requests that settle together,
// and a bounded parallel map.

/**
 * Keeps a loaded value for `ttlMs` from when it arrived. Calls that arrive while a load is in flight share
 * it, however long it takes, so a tool that needs the catalog twice, or two tools at once, cause one
 * request; and a slow answer is kept as long as a quick one (timed from the asking, an answer slower than
 * its time was stale on arrival, and a busy machine or a slow back end was asked again at once). A failed
 * load is not kept. Its clock is the process's, or the tracker's where a test moves that one (the hourly
 * re-read of a person acted for: providers/<name>/acting.ts).
 */
export class Expiring<T> {
  readonly #ttlMs: number;
  readonly #now: () => number;
  /** `at` is when the value arrived; undefined while it is on its way. */
  #value: { at: number | undefined; promise: Promise<T> } | undefined;

  constructor(ttlMs: number, now: () => number = () => performance.now()) {
    this.#ttlMs = ttlMs;
    this.#now = now;
  }

  get(load: () => Promise<T>): Promise<T> {
    if (this.holds() && this.#value) return this.#value.promise;
    const promise = load();
    const entry: { at: number | undefined; promise: Promise<T> } = { at: undefined, promise };
    this.#value = entry;
    promise.then(
      () => {
        entry.at = this.#now();
      },
      () => {
        if (this.#value === entry) this.#value = undefined;
      },
    );
    return promise;
  }

  /** Whether a fresh value (or a load of one) is there, so a caller can prefer it to a narrower load. */
  holds(): boolean {
    if (this.#value === undefined) return false;
    return this.#value.at === undefined || this.#now() - this.#value.at < this.#ttlMs;
  }

  invalidate(): void {
    this.#value = undefined;
  }

  /** Loads afresh, and keeps what it loads. */
  refresh(load: () => Promise<T>): Promise<T> {
    this.invalidate();
    return this.get(load);
  }
}

/**
 * One Expiring per key (a year, a date range), for answers that depend on what was asked. Keys whose
 * value has expired are dropped when another is added, so a server that runs for weeks does not keep
 * every range it was ever asked about.
 */
export class ExpiringByKey<K, T> {
  readonly #ttlMs: number;
  readonly #now: () => number;
  readonly #entries = new Map<K, Expiring<T>>();

  constructor(ttlMs: number, now: () => number = () => performance.now()) {
    this.#ttlMs = ttlMs;
    this.#now = now;
  }

  get(key: K, load: () => Promise<T>): Promise<T> {
    let entry = this.#entries.get(key);
    if (!entry) {
      for (const [other, value] of this.#entries) if (!value.holds()) this.#entries.delete(other);
      entry = new Expiring<T>(this.#ttlMs, this.#now);
      this.#entries.set(key, entry);
    }
    return entry.get(load);
  }

  /** Whether a fresh value (or a load of one) is kept for `key`: a caller counting the requests ahead skips those. */
  holds(key: K): boolean {
    return this.#entries.get(key)?.holds() === true;
  }

  /** After a write (or a miss) that may change the answer for `key`. */
  forget(key: K): void {
    this.#entries.delete(key);
  }

  /** After a write that may change any of the answers. */
  clear(): void {
    this.#entries.clear();
  }

  /** How many keys are kept (for tests). */
  get size(): number {
    return this.#entries.size;
  }
}

/**
 * Like Promise.all, but settles every promise before it rejects: a call's answer never leaves one of
 * its requests still in flight, where it would outlive the call or overlap the next call's attempt.
 * The first failure in argument order is the one reported.
 */
export async function allSettled<T extends readonly unknown[]>(promises: readonly [...{ [K in keyof T]: Promise<T[K]> }]): Promise<T> {
  const results = await Promise.allSettled(promises);
  const failed = results.find((result): result is PromiseRejectedResult => result.status === 'rejected');
  if (failed) throw failed.reason;
  // Every one is fulfilled: Promise.all gives their values in order, typed from the promises.
  return Promise.all(promises);
}

/** Maps with at most `limit` calls in flight, keeping the order of `items`. */
export async function mapWithLimit<In, Out>(items: readonly In[], limit: number, map: (item: In) => Promise<Out>): Promise<Out[]> {
  const results = new Array<Out>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await map(items[index] as In);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
