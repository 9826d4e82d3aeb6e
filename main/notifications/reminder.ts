// "Your timer is still running": one reminder per time entry once it has run longer than the hours
// set in the preferences (0 turns it off). Pure: what to say and when, from the status and a clock.
import type { StatusView } from '../../window-contract/status.ts';
import { formatDuration, formatLocalTime, parseOffsetDateTime, systemTimeZone } from '../../mcp-server/for-the-app.ts';

const HOUR = 3_600_000;

export type ReminderDecision = { notify: false } | { notify: true; entryId: number; title: string; body: string };

/** When the running entry started (epoch ms), or null without one. */
function startOf(status: StatusView | null): number | null {
  const running = status?.running;
  if (!running) return null;
  const parsed = parseOffsetDateTime(running.start) ?? Date.parse(running.start);
  return Number.isFinite(parsed) ? parsed : status.asOf - running.minutes * 60_000;
}

function enabled(reminderHours: number): boolean {
  return Number.isFinite(reminderHours) && reminderHours > 0;
}

/** Whether to remind now, and the words; never twice for the same entry. */
export function reminderDue(
  status: StatusView | null,
  now: number,
  reminderHours: number,
  alreadyNotifiedForEntryId: number | null,
  timeZone?: string,
): ReminderDecision {
  const running = status?.running;
  const start = startOf(status);
  if (!running || start === null || !enabled(reminderHours)) return { notify: false };
  if (running.id === alreadyNotifiedForEntryId) return { notify: false };
  const elapsed = now - start;
  if (elapsed < reminderHours * HOUR) return { notify: false };
  const what = [running.project, running.activity].filter((part) => !!part && part.trim() !== '').join(' · ');
  const since = formatLocalTime(start, timeZone || systemTimeZone());
  return {
    notify: true,
    entryId: running.id,
    title: 'Your timer is still running',
    body: `${what ? `${what}: ` : ''}${formatDuration(elapsed)} since ${since}. Clock out from the tray if you have stopped working.`,
  };
}

/** Milliseconds until the reminder falls due (0 when it is due now), or null when none will. */
export function reminderDelay(status: StatusView | null, now: number, reminderHours: number, alreadyNotifiedForEntryId: number | null): number | null {
  const running = status?.running;
  const start = startOf(status);
  if (!running || start === null || !enabled(reminderHours) || running.id === alreadyNotifiedForEntryId) return null;
  // The same comparison as reminderDue, so "due" and "zero delay" always agree.
  return Math.max(0, reminderHours * HOUR - (now - start));
}
