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
