// One event, many listeners, none of whom the sender knows: how a part set up early tells parts set up
// after it (main/index.ts: the services say the preferences changed, the updater that its state did;
// the tray and the window, which need the services, listen). A listener added later hears what is
// published from then on.
export interface Signal<T = void> {
  publish(value: T): void;
  subscribe(listener: (value: T) => void): () => void;
}

export function createSignal<T = void>(): Signal<T> {
  const listeners = new Set<(value: T) => void>();
  return {
    publish(value) {
      for (const listener of [...listeners]) listener(value);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
