// Desktop notifications (docs/electron.md, "Notifications"): rare and actionable. The timer
// reminder waits on one timeout for the moment it falls due (nothing runs while no timer does),
// re-checks after the machine wakes (timeouts do not count sleep), and clicking a notification
// opens the window.
import { Notification, powerMonitor } from 'electron';
import type { Screen } from '../../window-contract/channels.ts';
import type { StatusView } from '../../window-contract/status.ts';
import { type ReminderKey, reminderDelay, reminderDue, reminderKey } from './reminder.ts';

// Electron forgets a notification's click handler once the object is garbage-collected.
const live = new Set<Notification>();

/** Shows a notification when the system supports them; a click opens the window on a screen. */
export function notify(message: { title: string; body: string; screen?: Screen; icon?: string }, openScreen: (screen: Screen) => void): boolean {
  if (!Notification.isSupported()) return false;
  const notification = new Notification({ title: message.title, body: message.body, ...(message.icon ? { icon: message.icon } : {}) });
  live.add(notification);
  const forget = () => live.delete(notification);
  notification.on('click', () => {
    forget();
    openScreen(message.screen ?? 'status');
  });
  notification.on('close', forget);
  notification.on('failed', forget);
  notification.show();
  return true;
}

export interface ReminderOptions {
  /** The preference, read at each check: hours a timer may run before the reminder; 0 is off. */
  reminderHours(): number;
  openScreen(screen: Screen): void;
  timeZone?: () => string | undefined;
  now?: () => number;
  icon?: string;
}

export interface Reminders {
  /** Call with every new status, and without one after the preference changed. */
  update(status?: StatusView | null): void;
  destroy(): void;
}

// setTimeout keeps at most 2^31 - 1 ms.
const LONGEST_TIMEOUT = 2_147_483_647;

export function setupReminders(options: ReminderOptions): Reminders {
  const now = options.now ?? Date.now;
  let status: StatusView | null = null;
  // The timers reminded of (with several connections, each by its id in its connection); the latest few are enough.
  let notifiedFor: ReminderKey[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;

  function check(): void {
    clearTimeout(timer);
    timer = undefined;
    const hours = options.reminderHours();
    const decision = reminderDue(status, now(), hours, notifiedFor, options.timeZone?.());
    if (decision.notify) {
      // Marked even where notifications are unsupported, so nothing retries every minute.
      notifiedFor = [...notifiedFor, reminderKey({ id: decision.entryId, ...(decision.tracker ? { tracker: decision.tracker } : {}) })].slice(-16);
      notify({ title: decision.title, body: decision.body, screen: 'status', ...(options.icon ? { icon: options.icon } : {}) }, options.openScreen);
    }
    // Another running timer (another connection's) may fall due later: waited for the same way.
    const delay = reminderDelay(status, now(), hours, notifiedFor);
    if (delay !== null) timer = setTimeout(check, Math.min(Math.max(delay, 1), LONGEST_TIMEOUT));
  }

  powerMonitor.on('resume', check);

  return {
    update(next) {
      if (next !== undefined) status = next;
      check();
    },
    destroy() {
      clearTimeout(timer);
      powerMonitor.off('resume', check);
    },
  };
}
