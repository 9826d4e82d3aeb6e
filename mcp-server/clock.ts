// The engine's clock. `PUNCHCARD_NOW` (an ISO instant) starts it at a fixed moment that then
// advances in real time: tests and demos get a reproducible "today" without touching the system.
export type Clock = () => number;

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
