// One timer status, many listeners: the tray, the reminder and the window all hear every change,
// from whichever side it came (the window, the tray, an AI client's engine). A status that differs
// from the last one only in when it was taken is not news and is not repeated.
import type { StatusView } from '../ipc/contract.ts';

export interface StatusBroadcast {
  publish(status: StatusView): void;
  subscribe(listener: (status: StatusView) => void): () => void;
}

export function createStatusBroadcast(): StatusBroadcast {
  const listeners = new Set<(status: StatusView) => void>();
  let lastKey: string | null = null;
  return {
    publish(status) {
      const key = JSON.stringify({ ...status, asOf: 0 });
      if (key === lastKey) return;
      lastKey = key;
      for (const listener of listeners) listener(status);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
