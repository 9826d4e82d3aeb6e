// Limits per person and per address, counted in the store so that every instance counts together:
// a fixed window per limit, and a refusal that says when to come back (429 with Retry-After). Limits
// are checked before the work they guard: a request before it is served, a sign-in before its secret
// is tried. Only a failed sign-in counts in the end, but each is counted before it is tried and given
// back if it succeeds: counted after, fifty tries sent at once all passed the check before the first
// had failed. A reserved limit (the failed sign-ins) counts the window before too: in fixed windows
// alone, tries sent just before a window ends and just after it began would each find a window
// nearly empty, twice the limit in a moment.
import { type Limit, type LimitVerdict, limitVerdict, spendLimit } from '../../mcp-server/for-the-team-server.ts';
import type { Store } from '../store/store.ts';

export type { Limit, LimitVerdict };
export { spendLimit };

/**
 * One more counted now, for work that may turn out not to count: `release` gives it back. It is
 * allowed while this window and the one before hold at most `max` together, so no span as long as a
 * window ever holds more than `max` (any such span lies within two windows in a row). A refused one
 * is given back at once (it tried nothing), and told to come back when the window before is out of
 * reach: at this window's end when this window alone leaves room, else at the next one's.
 */
export async function reserveLimit(store: Store, limit: Limit, now: number): Promise<LimitVerdict & { release: () => Promise<void> }> {
  const windowStart = now - (now % limit.windowMs);
  const release = async () => void (await store.hit(limit.key, windowStart, -1));
  const [count, before] = await Promise.all([store.hit(limit.key, windowStart), store.count(limit.key, windowStart - limit.windowMs)]);
  if (before + count <= limit.max) return { allowed: true, release };
  await release();
  // What this window holds without this one is the window before, once the next one begins.
  const comeBack = windowStart + limit.windowMs * (count <= limit.max ? 1 : 2);
  return { ...limitVerdict(before + count, limit.max, comeBack, now), release: async () => {} };
}

/** What a request refused for a limit is told, and each call of a batch refused for it (batches.ts). */
export function tooManyRequestsWords(retryAfterSeconds: number): string {
  return `Too many requests: try again in ${retryAfterSeconds} s.`;
}

/** One key's current window: what the store last said of it, and what this process counted since. */
interface CountedWindow {
  windowStart: number;
  windowEnd: number;
  known: number;
  pending: number;
}

/** How many windows a flush tells the store at once: about what a PostgreSQL pool holds (store.ts). */
const FLUSH_PARALLEL = 8;

/**
 * Limits counted for every request (per person, per address): counted in this process at once and
 * told to the store once a second, so a request costs no write to the store, and every instance on
 * the store still learns what the others counted within a second. A limit can so be passed by at
 * most what the other instances counted in the last second, which for a limit per minute is noise.
 * A window is forgotten once it has ended and been told, so the memory it takes follows the people
 * and addresses of the current window, not of every address ever seen.
 */
export class RequestLimits {
  readonly #store: Store;
  readonly #now: () => number;
  readonly #log: (message: string) => void;
  readonly #windows = new Map<string, CountedWindow>();
  readonly #timer: NodeJS.Timeout;
  #flushing: Promise<void> | undefined;

  constructor(store: Store, now: () => number, log: (message: string) => void) {
    this.#store = store;
    this.#now = now;
    this.#log = log;
    this.#timer = setInterval(() => void this.flush(), 1_000);
    this.#timer.unref();
  }

  /** How many windows this process holds (people and addresses seen in their current window). */
  get windowsHeld(): number {
    return this.#windows.size;
  }

  spend(limit: Limit): LimitVerdict {
    const now = this.#now();
    const window = this.#window(limit, now);
    window.pending++;
    return limitVerdict(window.known + window.pending, limit.max, window.windowEnd, now);
  }

  /**
   * Counts `count` more at once (the further messages of a batch) and answers how many of them, the
   * first ones, are still within the limit. Those past it count too, as a refused request does.
   */
  spendMany(limit: Limit, count: number): { granted: number; retryAfterSeconds: number } {
    const now = this.#now();
    const window = this.#window(limit, now);
    const before = window.known + window.pending;
    window.pending += count;
    return { granted: Math.max(0, Math.min(count, limit.max - before)), retryAfterSeconds: Math.max(1, Math.ceil((window.windowEnd - now) / 1000)) };
  }

  /** The key's current window, begun afresh when the last one it counted has ended. */
  #window(limit: Limit, now: number): CountedWindow {
    const windowStart = now - (now % limit.windowMs);
    let window = this.#windows.get(limit.key);
    if (!window || window.windowStart !== windowStart) {
      // What the ended window counted since the last flush is not told: nobody asks about a window
      // that has ended.
      window = { windowStart, windowEnd: windowStart + limit.windowMs, known: 0, pending: 0 };
      this.#windows.set(limit.key, window);
    }
    return window;
  }

  /** Tells the store what was counted, and learns what everyone counted. */
  flush(): Promise<void> {
    this.#flushing ??= this.#flush().finally(() => (this.#flushing = undefined));
    return this.#flushing;
  }

  async #flush(): Promise<void> {
    const now = this.#now();
    const toTell: Array<[string, CountedWindow]> = [];
    for (const [key, window] of this.#windows) {
      if (window.pending > 0) toTell.push([key, window]);
      else if (window.windowEnd <= now) this.#windows.delete(key);
    }
    let failure: Error | undefined;
    // Several at once: told one after another, a thousand windows on a store a few milliseconds
    // away would take longer than the second between flushes.
    for (let first = 0; first < toTell.length && !failure; first += FLUSH_PARALLEL) {
      await Promise.all(
        toTell.slice(first, first + FLUSH_PARALLEL).map(async ([key, window]) => {
          const pending = window.pending;
          window.pending -= pending;
          try {
            window.known = await this.#store.hit(key, window.windowStart, pending);
          } catch (error) {
            window.pending += pending;
            failure ??= error as Error;
          }
        }),
      );
    }
    if (failure) this.#log(`Request counts could not be stored: ${failure.message}`);
  }

  async close(): Promise<void> {
    clearInterval(this.#timer);
    await this.flush();
  }
}
