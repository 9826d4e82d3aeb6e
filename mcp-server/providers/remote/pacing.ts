// Requests spaced to a back end's per-second limit (Clockify counts requests per second): a call
// that fans out (a page after page, a project's tasks after another's) sends at most `perSecond`
// requests in any second (counted over a little more than a second), so it is slowed down rather
// than refused with 429. A request counts from when it goes out, not from when it was let through:
// one that waited for a socket would otherwise reach the back end among those let through after it.
// Counted per process; several processes on one key can still meet the limit, and then the one 429
// wait of json-http.ts takes over.
import { setTimeout as delay } from 'node:timers/promises';

/**
 * The second counted, with room to spare: requests sent a second apart can arrive closer together
 * (one waits on a busy socket, the next does not), and the back end counts them as they arrive. A
 * back end may ask for more room (`windowMs`).
 */
export const WINDOW_MS = 1_200;

/**
 * A gate each request passes before it goes out; it resolves when the request may be sent, with a
 * function to call when it really is (its socket assigned): a request that waited for a socket, behind
 * others of the same back end, is counted from then, so the ones paced after it keep their distance.
 */
export type Pacer = () => Promise<() => void>;

export function pacer(perSecond: number, now: () => number = () => performance.now(), windowMs = WINDOW_MS): Pacer {
  const sent: Array<{ at: number }> = [];
  let queue: Promise<unknown> = Promise.resolve();
  return () => {
    const turn = queue.then(async () => {
      for (;;) {
        const at = now();
        for (let index = sent.length - 1; index >= 0; index--) if (at - (sent[index] as { at: number }).at >= windowMs) sent.splice(index, 1);
        if (sent.length < perSecond) {
          const slot = { at };
          sent.push(slot);
          return () => {
            slot.at = Math.max(slot.at, now());
          };
        }
        await delay(windowMs - (at - Math.min(...sent.map((slot) => slot.at))));
      }
    });
    queue = turn.catch(() => {});
    return turn;
  };
}

/** A request waits for its turn in both paces, one after the other, and counts in both from when it goes out. */
export function bothPaces(first: Pacer, second: Pacer): Pacer {
  return async () => {
    const firstGoesOut = await first();
    const secondGoesOut = await second();
    return () => {
      firstGoesOut();
      secondGoesOut();
    };
  };
}
