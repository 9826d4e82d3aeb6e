// The clock fake back ends run on: it starts at a given moment and then runs in real time, like the
// engine's PUNCHCARD_NOW, so a test's "now" agrees on both sides of the wire.
export function clockStartingAt(iso: string): () => number {
  const start = Date.parse(iso);
  const origin = performance.now();
  return () => Math.floor(start + (performance.now() - origin));
}
