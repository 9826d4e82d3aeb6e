// One timer status, many listeners: the tray, the reminder and the window all hear every change,
// from whichever side it came (the window, the tray, an AI client's engine). A status that differs
// from the last one only in when it was taken is not news and is not repeated, and one read before
// the last one published (a slow background refresh) is old news and is dropped.
import type { StatusView } from '../../window-contract/status.ts';

export interface StatusBroadcast {
  publish(status: StatusView): void;
  subscribe(listener: (status: StatusView) => void): () => void;
}

export function createStatusBroadcast(): StatusBroadcast {
  const listeners = new Set<(status: StatusView) => void>();
  let lastKey: string | null = null;
  let lastSequence = -Infinity;
  return {
    publish(status) {
      if (status.sequence < lastSequence) return;
      lastSequence = status.sequence;
      const key = JSON.stringify({ ...status, asOf: 0, sequence: 0 });
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
