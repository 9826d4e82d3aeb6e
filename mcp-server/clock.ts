// The engine's clock. `PUNCHCARD_NOW` (an ISO instant) starts it at a fixed moment that then
// advances in real time: tests and demos get a reproducible "today" without touching the system.
export type Clock = () => number;

/** Resolves once `ms` have passed, or at once when `signal` aborts; never rejects. */
export type Wait = (ms: number, signal?: AbortSignal) => Promise<void>;

/** Node's own timer. */
export const realWait: Wait = (ms, signal) =>
  new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });

/**
 * The wall clock every process of ours on a computer shares (not the engine's clock of the person's
 * day, which PUNCHCARD_NOW may set), and a request's wait on it: an organisation's request limit is
 * counted and held by it (providers/remote/organisation-limit.ts). Tests give one they move on, so a
 * hold of a second costs them none.
 */
export interface WallClock {
  now: Clock;
  wait: Wait;
}

export const SYSTEM_WALL_CLOCK: WallClock = { now: Date.now, wait: realWait };

export function createClock(env: NodeJS.ProcessEnv = process.env): Clock {
  const fixed = env.PUNCHCARD_NOW;
  if (!fixed) return Date.now;
  const start = Date.parse(fixed);
  if (Number.isNaN(start)) throw new Error(`PUNCHCARD_NOW is not an ISO time: ${fixed}`);
  const origin = performance.now();
  return () => Math.floor(start + (performance.now() - origin));
}

/**
 * How the engine's background waits (the outbox's next round): Node's own timers, unref'd so a round
 * waiting never keeps a process alive. Tests hand timers they move on themselves
 * (test/support/manual-timers.ts), so an outage of minutes costs no minutes.
 */
export interface Timers {
  /** Runs `run` once `ms` have passed; the function returned cancels it. */
  after(ms: number, run: () => void): () => void;
}

export const NODE_TIMERS: Timers = {
  after(ms, run) {
    const timer = setTimeout(run, ms);
    timer.unref();
    return () => clearTimeout(timer);
  },
};
