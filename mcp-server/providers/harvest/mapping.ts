// Harvest's records as Punchcard's, and back (docs/back-ends/harvest.md): pure, unit-tested. Harvest keeps an entry
// by its day (`spent_date`) and either its hours (a duration account) or its start and end times on the person's
// wall clock (a timestamp account: the company's `wants_timestamp_timers`); Punchcard's entries are instants.
import { splitAgentPrefix } from '../../domain/agents.ts';
import { addDays, formatLocalTime, localDate, localDateTimeToEpoch } from '../../domain/time.ts';
import type { WorkWeek } from '../../contract/settings.ts';
import { checkedEntry, type TimeEntry } from '../time-tracker.ts';
import type { HarvestTimeEntry } from './wire.ts';
import { quotedLine } from '../../contract/outcomes/quoted-line.ts';

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;

/**
 * How the account keeps time: durations (hours on a day), or start and end times on the wall clock; `either` where it
 * is not known (the company not shown, nothing remembered, no entry of the person's to go by: context.ts, tracking),
 * and a write takes a form both kinds keep as asked (a span with its times and its hours, which neither takes for a
 * timer).
 */
export type TrackingKind = 'durations' | 'timestamps' | 'either';

/** Hours as Harvest takes them: two decimals, never below zero. */
export function hoursOf(ms: number): number {
  return Math.max(0, Math.round(ms / 36_000) / 100);
}

/** A time of day as Harvest writes it ("8:00am", "2:59pm", "14:59") as 'HH:mm'; undefined where it is none of those. */
export function clockTime(text: string | null | undefined): string | undefined {
  const match = /^\s*(\d{1,2}):(\d{2})\s*([ap]\.?m\.?)?\s*$/i.exec(text ?? '');
  if (!match) return undefined;
  let hour = Number(match[1]);
  const minute = Number(match[2]);
  const half = match[3]?.toLowerCase().replace(/\./g, '');
  if (half) {
    if (hour < 1 || hour > 12) return undefined;
    hour = (hour % 12) + (half === 'pm' ? 12 : 0);
  }
  if (hour > 23 || minute > 59) return undefined;
  return `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
}

/** The wall-clock time Harvest is sent for an instant, in the person's zone ('14:59': Harvest reads 24-hour times too). */
export function harvestTime(epochMs: number, zone: string): string {
  return formatLocalTime(epochMs, zone);
}

/** The day and wall-clock times of a span on a timestamp account, or 'over_midnight' where it crosses into another day. */
export function timestampSpan(
  start: number,
  end: number | null,
  zone: string,
): { spent_date: string; started_time: string; ended_time?: string } | 'over_midnight' {
  const day = localDate(start, zone);
  if (end !== null) {
    // An end at midnight is the day's last minute: Harvest keeps times of one day.
    const endDay = localDate(end - 1, zone);
    if (endDay !== day) return 'over_midnight';
  }
  const ended = end === null ? undefined : localDate(end, zone) === day ? harvestTime(end, zone) : '23:59';
  return { spent_date: day, started_time: harvestTime(start, zone), ...(ended === undefined ? {} : { ended_time: ended }) };
}

/**
 * When an entry starts and ends, as instants. A timestamp entry by its times on its day in the person's zone; a
 * running duration entry by when its timer started, less what it held before; a stopped duration entry has no times
 * in Harvest, so it is shown from the start of its day for its hours (docs/back-ends/harvest.md, "Two kinds of
 * account"). `now` counts a running entry's time.
 */
export function entrySpan(entry: HarvestTimeEntry, zone: string, now: number): { start: number; end: number | null; span?: 'day' } {
  const hours = (entry.hours ?? 0) * HOUR_MS;
  const started = clockTime(entry.started_time);
  if (started) {
    const start = localDateTimeToEpoch(entry.spent_date, started, zone);
    if (entry.is_running) return { start, end: null };
    const ended = clockTime(entry.ended_time);
    if (ended) {
      const end = localDateTimeToEpoch(entry.spent_date, ended, zone);
      return { start, end: end >= start ? end : localDateTimeToEpoch(addDays(entry.spent_date, 1), ended, zone) };
    }
    return { start, end: start + Math.round(hours) };
  }
  if (entry.is_running) {
    const timer = Date.parse(entry.timer_started_at ?? '');
    const before = (entry.hours_without_timer ?? 0) * HOUR_MS;
    // Derived from hours Harvest keeps to the hundredth (36 s), and from when the timer last (re)started: to the
    // minute, so a timer clocked in at 07:30 and restarted a second later reads 07:30, not 07:30:01.
    const start = Number.isNaN(timer) ? now - hours : timer - Math.round(before);
    return { start: Math.round(start / MINUTE_MS) * MINUTE_MS, end: null };
  }
  // No times to show: the entry is marked as keeping its day and length only (TimeEntry.span).
  const start = localDateTimeToEpoch(entry.spent_date, '00:00', zone);
  return { start, end: start + Math.round(hours), span: 'day' };
}

/** Harvest's words of an approval status, for an entry's lock. */
const APPROVAL_WORDS: Readonly<Record<string, string>> = { submitted: 'submitted for approval', approved: 'approved' };

/** Why the person may not change the entry, in words, quoting Harvest's reason; undefined where they may. */
export function lockOf(entry: HarvestTimeEntry): string | undefined {
  if (!entry.is_locked) return undefined;
  const status = APPROVAL_WORDS[entry.approval_status ?? ''];
  const reason = entry.locked_reason?.trim();
  return `Locked in Harvest${reason ? `: ${quotedLine(reason)}` : ''}${status ? ` (${status})` : ''}.`;
}

/**
 * Harvest's entry as Punchcard's: its project and task as Harvest names them, its notes without an agent's mark. One
 * of negative hours (it ends before it starts) or longer than any stretch of work is marked impossible (checkedEntry).
 */
export function toTimeEntry(entry: HarvestTimeEntry, zone: string, now: number): TimeEntry {
  const { start, end, span } = entrySpan(entry, zone, now);
  const { agent, description } = splitAgentPrefix(entry.notes ?? '');
  const locked = lockOf(entry);
  return checkedEntry({
    id: entry.id,
    start,
    end,
    ...(span ? { span } : {}),
    project: entry.project ? { id: entry.project.id, name: entry.project.name } : null,
    activity: entry.task ? { id: entry.task.id, name: entry.task.name } : null,
    description,
    ...(locked ? { locked } : {}),
    ...(agent ? { agent } : {}),
  });
}

/** Harvest's days ('YYYY-MM-DD') a range of instants touches, in the person's zone: a list's `from` and `to`. */
export function daysOf(from: number, to: number, zone: string): { from: string; to: string } {
  return { from: localDate(from, zone), to: localDate(Math.max(from, to - 1), zone) };
}

/**
 * The query of a list's next page, from Harvest's `links.next`, where that link stays on the address, path and
 * filters Punchcard asked with (a cursor and a page are Harvest's to add); undefined where it leaves them: Punchcard
 * never sends the token where a link alone says.
 */
export function nextPageQuery(next: string, asked: URL): Record<string, string> | undefined {
  let link: URL;
  try {
    link = new URL(next, asked);
  } catch {
    return undefined;
  }
  if (link.origin !== asked.origin || link.pathname !== asked.pathname) return undefined;
  const PAGING = new Set(['cursor', 'ref', 'page', 'per_page']);
  const filters = (url: URL) =>
    [...url.searchParams.entries()]
      .filter(([name]) => !PAGING.has(name))
      // A day may come back as Harvest writes it in its own links (20261116) rather than as asked (2026-11-16).
      .map(([name, value]) => `${name}=${name === 'from' || name === 'to' ? value.replace(/-/g, '') : value}`)
      .sort()
      .join('&');
  if (filters(link) !== filters(asked)) return undefined;
  return Object.fromEntries(link.searchParams.entries());
}

const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

/**
 * A weekly target in hours over the working days of `week`, in their proportions (an even week where it has none):
 * Harvest keeps a weekly capacity and no working days, so the person's plan and a colleague's target in the team report
 * spread it over the settings' week.
 */
export function weekOfCapacity(hours: number, week: WorkWeek): WorkWeek {
  const total = DAYS.reduce((sum, day) => sum + week[day], 0);
  const shares = total > 0 ? DAYS.map((day) => week[day] / total) : DAYS.map((day) => (day === 'sat' || day === 'sun' ? 0 : 1 / 5));
  return Object.fromEntries(DAYS.map((day, index) => [day, Math.round(hours * (shares[index] ?? 0) * 100) / 100])) as WorkWeek;
}
