// Timers that run only when a test moves them on (mcp-server/clock.ts, `Timers`): an outage that
// lasts minutes is a call to `advance`, not minutes of waiting, and the waits the engine chose can be
// read (`pending`). Only what the engine schedules through its `Timers` is manual; sockets, deadlines
// and the back ends' fakes keep Node's own timers, so the network behaves as it does.
import type { Timers } from '../../mcp-server/clock.ts';

interface Scheduled {
  at: number;
  run: () => void;
}

export class ManualTimers implements Timers {
  #elapsed = 0;
  #scheduled: Scheduled[] = [];

  after(ms: number, run: () => void): () => void {
    const entry: Scheduled = { at: this.#elapsed + ms, run };
    this.#scheduled.push(entry);
    return () => {
      this.#scheduled = this.#scheduled.filter((scheduled) => scheduled !== entry);
    };
  }

  /** The waits scheduled and not yet run, in milliseconds from now, soonest first. */
  get pending(): number[] {
    return this.#scheduled.map((entry) => entry.at - this.#elapsed).sort((a, b) => a - b);
  }

  /** Moves time on by `ms`, running what falls due on the way, in the order it falls due. */
  advance(ms: number): void {
    const until = this.#elapsed + ms;
    for (;;) {
      const next = this.#scheduled.filter((entry) => entry.at <= until).sort((a, b) => a.at - b.at)[0];
      if (!next) break;
      this.#scheduled = this.#scheduled.filter((entry) => entry !== next);
      this.#elapsed = next.at;
      next.run();
    }
    this.#elapsed = until;
  }
}
