// What a starting server has opened so far (the policy's watcher, the store, the metrics listener, the
// main listener, timers), closed in the reverse order when a later step fails. A server that cannot
// start must leave nothing behind: a listener still bound or a timer still set keeps the process alive
// after the refusal was said, and systemd's `Restart=on-failure` or Kubernetes then never see it fail.

export class OpenedSoFar {
  readonly #closers: (() => unknown)[] = [];

  /** Keeps `close` to be run if a later step fails; returns `part`, so a step reads as it did. */
  add<T>(part: T, close: (part: T) => unknown): T {
    this.#closers.push(() => close(part));
    return part;
  }

  /**
   * Closes what was opened, the last first (the audit writer before the store it writes to). One part
   * that fails to close does not keep the others open, and says nothing: the reason the start failed
   * is what the administrator needs, not a second error from undoing it.
   */
  async closeAll(): Promise<void> {
    for (const close of this.#closers.splice(0).reverse()) {
      try {
        await close();
      } catch {
        // Closing after a failed start is best effort; the start's own error is the one thrown.
      }
    }
  }
}
