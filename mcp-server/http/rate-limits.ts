// Limits per person and per address, counted in the store so that every instance counts together:
// a fixed window per limit, and a refusal that says when to come back (429 with Retry-After). Limits
// are checked before the work they guard: a request before it is served, a sign-in before its secret
// is tried. Only a failed sign-in counts in the end, but each is counted before it is tried and given
// back if it succeeds: counted after, fifty tries sent at once all passed the check before the first
// had failed.
import type { Store } from '../store/store.ts';

export interface Limit {
  /** What is counted, with whose it is: `person:<id>`, `address:<ip>`, `sign-in:<ip>`. */
  key: string;
  max: number;
  windowMs: number;
}

export type LimitVerdict = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/** Counts one more and answers whether it is still within the limit. */
export async function spendLimit(store: Store, limit: Limit, now: number): Promise<LimitVerdict> {
  const windowStart = now - (now % limit.windowMs);
  return verdict(await store.hit(limit.key, windowStart), limit.max, windowStart + limit.windowMs, now);
}

/** One more counted now, for work that may turn out not to count: `release` gives it back. */
export async function reserveLimit(store: Store, limit: Limit, now: number): Promise<LimitVerdict & { release: () => Promise<void> }> {
  const windowStart = now - (now % limit.windowMs);
  const count = await store.hit(limit.key, windowStart);
  return { ...verdict(count, limit.max, windowStart + limit.windowMs, now), release: async () => void (await store.hit(limit.key, windowStart, -1)) };
}

function verdict(count: number, max: number, windowEnd: number, now: number): LimitVerdict {
  if (count <= max) return { allowed: true };
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((windowEnd - now) / 1000)) };
}

/**
 * Limits counted for every request (per person, per address): counted in this process at once and
 * told to the store once a second, so a request costs no write to the store, and every instance on
 * the store still learns what the others counted within a second. A limit can so be passed by at
 * most what the other instances counted in the last second, which for a limit per minute is noise.
 */
export class RequestLimits {
  readonly #store: Store;
  readonly #now: () => number;
  readonly #log: (message: string) => void;
  /** Per key and window: what the store last said, and what this process counted since. */
  readonly #windows = new Map<string, { windowStart: number; known: number; pending: number }>();
  readonly #timer: NodeJS.Timeout;
  #flushing: Promise<void> | undefined;

  constructor(store: Store, now: () => number, log: (message: string) => void) {
    this.#store = store;
    this.#now = now;
    this.#log = log;
    this.#timer = setInterval(() => void this.flush(), 1_000);
    this.#timer.unref();
  }

  spend(limit: Limit): LimitVerdict {
    const now = this.#now();
    const windowStart = now - (now % limit.windowMs);
    let window = this.#windows.get(limit.key);
    if (!window || window.windowStart !== windowStart) {
      window = { windowStart, known: 0, pending: 0 };
      this.#windows.set(limit.key, window);
    }
    window.pending++;
    return verdict(window.known + window.pending, limit.max, windowStart + limit.windowMs, now);
  }

  /** Tells the store what was counted, and learns what everyone counted. */
  flush(): Promise<void> {
    this.#flushing ??= this.#flush().finally(() => (this.#flushing = undefined));
    return this.#flushing;
  }

  async #flush(): Promise<void> {
    const now = this.#now();
    for (const [key, window] of [...this.#windows]) {
      const pending = window.pending;
      // A window that ended and was told is done.
      if (pending === 0) {
        if (window.windowStart + 3_600_000 < now) this.#windows.delete(key);
        continue;
      }
      window.pending -= pending;
      try {
        window.known = await this.#store.hit(key, window.windowStart, pending);
      } catch (error) {
        window.pending += pending;
        this.#log(`Request counts could not be stored: ${(error as Error).message}`);
        return;
      }
    }
  }

  async close(): Promise<void> {
    clearInterval(this.#timer);
    await this.flush();
  }
}
