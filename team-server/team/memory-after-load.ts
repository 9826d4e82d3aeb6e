// Memory given back when a spell of load ends. V8 shrinks a heap that grew under load through its
// memory reducer, which it arms only after a full collection. A server whose calls leave little
// garbage can go through a whole spell of load without one (its young generation takes it all), and
// then keeps everything the load grew for as long as it stays quiet: 360 MB instead of 150 in
// `npm run bench` (docs/team-server/README.md, "Operation"). So, once the requests stop after a busy
// spell, the server asks for one full collection; V8 gives the memory back by itself some seconds on,
// as after any other. A quiet server, or one that is busy still, is left alone.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** How often the server looks whether requests stopped; a spell is over after one look without any. */
export const QUIET_CHECK_MS = 5_000;
/** The requests since the last full collection that make a busy spell: fewer leave little to give back. */
export const BUSY_REQUESTS = 1_000;

export class MemoryAfterLoad {
  readonly #collect: () => void;
  #sinceCheck = 0;
  #sinceCollection = 0;
  readonly #timer: NodeJS.Timeout;

  /** `collect`: one full collection (fullCollection, where the test passes its own). */
  constructor(collect: () => void = fullCollection()) {
    this.#collect = collect;
    this.#timer = setInterval(() => this.check(), QUIET_CHECK_MS);
    this.#timer.unref();
  }

  /** Told of every request. */
  served(): void {
    this.#sinceCheck++;
    this.#sinceCollection++;
  }

  /** Collects once where a busy spell just ended (the timer calls this; a test may too). */
  check(): void {
    const quiet = this.#sinceCheck === 0;
    this.#sinceCheck = 0;
    if (!quiet || this.#sinceCollection < BUSY_REQUESTS) return;
    this.#sinceCollection = 0;
    this.#collect();
  }

  stop(): void {
    clearInterval(this.#timer);
  }
}

/**
 * A full collection, done concurrently where V8 can. Node hands out V8's `gc` only to a context made
 * after `--expose-gc` is set: setting it at run time adds that function to new contexts and changes
 * nothing else, so the server needs no flag on its command line (where the image, the unit and `npx`
 * would each have to carry it).
 */
export function fullCollection(): () => void {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as (options: { type: 'major'; execution: 'async' }) => Promise<void>;
  return () => void gc({ type: 'major', execution: 'async' });
}
