import type { WallClock } from '../../mcp-server/clock.ts';

// The clock fake back ends run on: it starts at a given moment and then runs in real time, like the
// engine's PUNCHCARD_NOW, so a test's "now" agrees on both sides of the wire.
export function clockStartingAt(iso: string): () => number {
  const start = Date.parse(iso);
  const origin = performance.now();
  return () => Math.floor(start + (performance.now() - origin));
}

/** A clockStartingAt that a test moves on at will: an hour passes between two engines' calls without waiting it out. */
export interface MovableClock {
  (): number;
  /** Moves the clock `ms` on. */
  advance(ms: number): void;
}

export function movableClockStartingAt(iso: string): MovableClock {
  const clock = clockStartingAt(iso);
  let moved = 0;
  return Object.assign(() => clock() + moved, {
    advance: (ms: number) => {
      moved += ms;
    },
  });
}

/**
 * A wall clock for the engine's waits (mcp-server/clock.ts, WallClock) that stands still but for the
 * waits asked of it, each of which moves it on at once: a hold of seconds costs the test none, and
 * each wait is exactly what was asked. Each is noted.
 */
export interface WaitingClock extends WallClock {
  /** Each wait, in milliseconds, in the order asked. */
  waits: number[];
  /** Sets the clock to `to` (epoch ms), never back: a person who comes back when they were told to. */
  moveTo(to: number): void;
}

export function waitingClockAt(iso: string): WaitingClock {
  let at = Date.parse(iso);
  const waits: number[] = [];
  return {
    now: () => at,
    waits,
    moveTo: (to) => {
      at = Math.max(at, to);
    },
    wait: async (ms, signal) => {
      if (signal?.aborted) return;
      waits.push(ms);
      at += ms;
    },
  };
}
