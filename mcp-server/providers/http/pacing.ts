// Requests spaced to a back end's per-second limit (Clockify counts requests per second): a call
// that fans out (a page after page, a project's tasks after another's) sends at most `perSecond`
// requests in any second (counted over a little more than a second), so it is slowed down rather
// than refused with 429. Counted per process;
// several processes on one key can still meet the limit, and then the one 429 wait of json-http.ts
// takes over.
import { setTimeout as delay } from 'node:timers/promises';

/**
 * The second counted, with room to spare: requests sent a second apart can arrive closer together
 * (one waits on a busy socket, the next does not), and the back end counts them as they arrive.
 */
const WINDOW_MS = 1_200;

/** A gate each request passes before it goes out; it resolves when the request may be sent. */
export function pacer(perSecond: number, now: () => number = () => performance.now()): () => Promise<void> {
  const sent: number[] = [];
  let queue: Promise<void> = Promise.resolve();
  return () => {
    const turn = queue.then(async () => {
      let at = now();
      while (sent.length > 0 && at - (sent[0] as number) >= WINDOW_MS) sent.shift();
      if (sent.length >= perSecond) {
        await delay(WINDOW_MS - (at - (sent[0] as number)));
        sent.shift();
        at = now();
      }
      sent.push(at);
    });
    queue = turn;
    return turn;
  };
}
