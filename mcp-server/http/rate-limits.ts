// Limits per person and per address, counted in the store so that every instance counts together:
// a fixed window per limit, and a refusal that says when to come back (429 with Retry-After). Limits
// are checked before the work they guard: a request before it is served, a sign-in before its secret
// is tried (only a failed sign-in counts).
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

/** Whether the limit still has room, without counting. */
export async function limitLeft(store: Store, limit: Limit, now: number): Promise<LimitVerdict> {
  const windowStart = now - (now % limit.windowMs);
  return verdict((await store.count(limit.key, windowStart)) + 1, limit.max, windowStart + limit.windowMs, now);
}

function verdict(count: number, max: number, windowEnd: number, now: number): LimitVerdict {
  if (count <= max) return { allowed: true };
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((windowEnd - now) / 1000)) };
}
