// Times and durations as the window shows them. Times of day are read from the engine's ISO strings,
// which carry the offset of the person's configured zone, so the window shows that zone's wall clock
// even when the computer runs in another one.

/** 465 → "7:45". */
export function formatDuration(minutes: number): string {
  const whole = Math.max(0, Math.round(minutes));
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, '0')}`;
}

/** 465 → "7 hours 45 minutes": what a screen reader says for a duration. */
export function spokenDuration(minutes: number): string {
  const whole = Math.max(0, Math.round(minutes));
  const hours = Math.floor(whole / 60);
  const rest = whole % 60;
  const parts = [];
  if (hours) parts.push(`${hours} hour${hours === 1 ? '' : 's'}`);
  if (rest || !hours) parts.push(`${rest} minute${rest === 1 ? '' : 's'}`);
  return parts.join(' ');
}

/** 5025000 ms → "1:23:45". */
export function formatElapsed(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  return `${h}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`;
}

/** ISO 8601 duration for `<time dateTime>`. */
export function isoDuration(minutes: number): string {
  const whole = Math.max(0, Math.round(minutes));
  return `PT${Math.floor(whole / 60)}H${whole % 60}M`;
}

const WALL_CLOCK = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/;
const timeFormat = new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit', timeZone: 'UTC' });

/** "2026-05-13T09:05:00+02:00" → "9:05 AM" or "09:05" (the system's locale), in the string's own zone. */
export function wallClock(iso: string): string {
  const match = WALL_CLOCK.exec(iso);
  if (!match) return iso;
  const [, y, mo, d, h, mi] = match.map(Number) as [number, number, number, number, number, number];
  return timeFormat.format(Date.UTC(y, mo - 1, d, h, mi));
}

const weekdayFormat = new Intl.DateTimeFormat(undefined, { weekday: 'short', timeZone: 'UTC' });
const longDayFormat = new Intl.DateTimeFormat(undefined, { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' });

function utcDate(date: string): number {
  const [y = 1970, m = 1, d = 1] = date.split('-').map(Number);
  return Date.UTC(y, m - 1, d);
}

/** "2026-05-13" → "Wed". */
export function weekdayShort(date: string): string {
  return weekdayFormat.format(utcDate(date));
}

/** "2026-05-13" → "Wednesday, May 13". */
export function dayLong(date: string): string {
  return longDayFormat.format(utcDate(date));
}

/** The YYYY-MM-DD part of an engine time ("today" in the person's zone). */
export function dateOf(iso: string): string {
  return iso.slice(0, 10);
}
