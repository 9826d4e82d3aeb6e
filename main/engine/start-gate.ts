// When the engine may be started again after failing. A crash loop (an engine that dies as soon as
// it starts) must not turn every tray tick into a new process: after a failure, starts wait an
// exponentially growing delay, and calls in that window fail at once with the last reason. A
// success (a call answered) clears the count, so an engine killed after a good run restarts at once.
// Pure: the caller supplies the time.

export interface StartGateOptions {
  /** The wait after the first failure; it doubles with each further one. */
  baseDelayMs: number;
  maxDelayMs: number;
}

/** `Reason` is whatever explains the last failure to the caller (kept, never looked into). */
export class StartGate<Reason> {
  readonly #options: StartGateOptions;
  #failures = 0;
  #lastFailureAt = 0;
  #lastReason: Reason | undefined;

  constructor(options: StartGateOptions) {
    this.#options = options;
  }

  /** Failed starts (or engines that died before answering anything) since the last success. */
  get failures(): number {
    return this.#failures;
  }

  get lastReason(): Reason | undefined {
    return this.#lastReason;
  }

  failed(now: number, reason: Reason): void {
    this.#failures++;
    this.#lastFailureAt = now;
    this.#lastReason = reason;
  }

  /** A call was answered, or a restart was asked for: start at once next time. */
  reset(): void {
    this.#failures = 0;
    this.#lastReason = undefined;
  }

  /** How long a start must still wait; 0 when it may go ahead. */
  waitMs(now: number): number {
    if (this.#failures === 0) return 0;
    const delay = Math.min(this.#options.baseDelayMs * 2 ** (this.#failures - 1), this.#options.maxDelayMs);
    return Math.max(0, this.#lastFailureAt + delay - now);
  }
}
