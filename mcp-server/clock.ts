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
