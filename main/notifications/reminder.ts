// "Your timer is still running": one reminder per time entry once it has run longer than the hours
// set in the preferences (0 turns it off). Pure: what to say and when, from the status and a clock.
// With several connections (issue 86) every running timer is reminded of apart, named with its
// connection; two connections may give out the same id, so a timer is known by its id in its connection.
import type { EntryView, StatusView } from '../../window-contract/status.ts';
import { formatDuration, formatLocalTime, parseOffsetDateTime, systemTimeZone } from '../../mcp-server/for-the-app.ts';

const HOUR = 3_600_000;

/** A running entry as the reminder remembers it: its id, or with several connections "acme#12". */
export type ReminderKey = number | string;

export type ReminderDecision = { notify: false } | { notify: true; entryId: number; tracker?: string; title: string; body: string };

/** Which timers were reminded of already: one key (the last, with one connection) or several. */
export type Reminded = ReminderKey | readonly ReminderKey[] | null;

export function reminderKey(entry: Pick<EntryView, 'id' | 'tracker'>): ReminderKey {
  return entry.tracker ? `${entry.tracker}#${entry.id}` : entry.id;
}

function wasReminded(entry: EntryView, reminded: Reminded): boolean {
  const key = reminderKey(entry);
  return Array.isArray(reminded) ? reminded.includes(key) : reminded === key;
}

/** Every running timer (several connections' each), oldest started first. */
function timersOf(status: StatusView | null): EntryView[] {
  if (!status) return [];
  return status.timers ?? (status.running ? [status.running] : []);
}

/** When a running entry started (epoch ms). */
function startOf(entry: EntryView, asOf: number): number {
  const parsed = parseOffsetDateTime(entry.start) ?? Date.parse(entry.start);
  return Number.isFinite(parsed) ? parsed : asOf - entry.minutes * 60_000;
}

function enabled(reminderHours: number): boolean {
  return Number.isFinite(reminderHours) && reminderHours > 0;
}

/** Whether to remind now, and the words; never twice for the same entry (the oldest due timer first). */
export function reminderDue(status: StatusView | null, now: number, reminderHours: number, reminded: Reminded, timeZone?: string): ReminderDecision {
  if (!status || !enabled(reminderHours)) return { notify: false };
  for (const running of timersOf(status)) {
    const start = startOf(running, status.asOf);
    const elapsed = now - start;
    if (wasReminded(running, reminded) || elapsed < reminderHours * HOUR) continue;
    const what = [running.project, running.activity].filter((part) => !!part && part.trim() !== '').join(' · ');
    const since = formatLocalTime(start, timeZone || systemTimeZone());
    return {
      notify: true,
      entryId: running.id,
      ...(running.tracker ? { tracker: running.tracker } : {}),
      title: running.tracker ? `Your timer in ${running.tracker} is still running` : 'Your timer is still running',
      body: `${what ? `${what}: ` : ''}${formatDuration(elapsed)} since ${since}. Clock out from the tray if you have stopped working.`,
    };
  }
  return { notify: false };
}

/** Milliseconds until the next reminder falls due (0 when one is due now), or null when none will. */
export function reminderDelay(status: StatusView | null, now: number, reminderHours: number, reminded: Reminded): number | null {
  if (!status || !enabled(reminderHours)) return null;
  const waits = timersOf(status)
    .filter((running) => !wasReminded(running, reminded))
    // The same comparison as reminderDue, so "due" and "zero delay" always agree.
    .map((running) => Math.max(0, reminderHours * HOUR - (now - startOf(running, status.asOf))));
  return waits.length === 0 ? null : Math.min(...waits);
}
