// What a remote back end offers right now, and who wants to hear when that changes: the engine
// subscribes to switch tools on and off live (notifications/tools/list_changed). One holder for
// every back end whose capabilities are learned at run time (Kimai's plugin, Clockodo's rights,
// Calamari's modules).
import type { Capability } from './time-tracker.ts';

export class CapabilityState {
  #current: ReadonlySet<Capability>;
  readonly #listeners = new Set<() => void>();

  constructor(initial: ReadonlySet<Capability>) {
    this.#current = initial;
  }

  get current(): ReadonlySet<Capability> {
    return this.#current;
  }

  /** Returns the unsubscribe function. */
  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Switches to `next`, telling the listeners only when that changes what is offered; says whether it did. */
  set(next: ReadonlySet<Capability>): boolean {
    if (next.size === this.#current.size && [...next].every((capability) => this.#current.has(capability))) return false;
    this.#current = next;
    for (const listener of this.#listeners) listener();
    return true;
  }

  close(): void {
    this.#listeners.clear();
  }
}
