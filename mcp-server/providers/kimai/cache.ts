// Small helpers for the Kimai edge: a value kept for a short time, and a bounded parallel map.

/**
 * Keeps a loaded value for `ttlMs`. Calls that arrive while a load is in flight share it, so a tool
 * that needs the catalog twice, or two tools at once, cause one request. A failed load is not kept.
 */
export class Expiring<T> {
  readonly #ttlMs: number;
  #value: { at: number; promise: Promise<T> } | undefined;

  constructor(ttlMs: number) {
    this.#ttlMs = ttlMs;
  }

  get(load: () => Promise<T>): Promise<T> {
    const now = performance.now();
    if (this.#value && now - this.#value.at < this.#ttlMs) return this.#value.promise;
    const promise = load();
    const entry = { at: now, promise };
    this.#value = entry;
    promise.catch(() => {
      if (this.#value === entry) this.#value = undefined;
    });
    return promise;
  }

  invalidate(): void {
    this.#value = undefined;
  }
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
