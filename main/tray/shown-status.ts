// The timer status the tray shows, kept where parts set up before the tray can read it: the updates
// wait with an automatic restart while it says a timer runs or a write waits to be sent
// (main/updates/update-model.ts, workInFlight). The tray tells it at each draw (tray.ts, `shown`);
// null until the engine first answers, and again while it does not.
import type { StatusView } from '../../window-contract/status.ts';

export interface ShownStatus {
  show(status: StatusView | null): void;
  current(): StatusView | null;
}

export function createShownStatus(): ShownStatus {
  let status: StatusView | null = null;
  return {
    show: (next) => void (status = next),
    current: () => status,
  };
}
