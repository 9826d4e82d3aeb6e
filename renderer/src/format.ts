// Times and durations as the window shows them. Times of day are read from the engine's ISO strings,
// which carry the offset of the person's configured zone, so the window shows that zone's wall clock
// even when the computer runs in another one. Durations always carry a unit, in the style chosen in
// Preferences (mcp-server/contract/durations.ts; screens get it from useDurations in hooks.ts), so
// "3 h 45 min" never reads as a time of day beside "8:45 AM".
import { durationText, signedDurationText, type DurationStyle } from '../../mcp-server/contract/durations.ts';

export type { DurationStyle } from '../../mcp-server/contract/durations.ts';

/** 465 → "7 h 45 min", or "7.75 h" in decimal hours. */
export function formatDuration(minutes: number, style: DurationStyle = 'units'): string {
  return durationText(Math.max(0, minutes), style);
}

/** 465 → "7h 45m" or "7.75h": where room is short (a chart's bar, the week strip). */
export function compactDuration(minutes: number, style: DurationStyle = 'units'): string {
  return durationText(Math.max(0, minutes), style, { compact: true });
}

/** A chart bar's label, on two lines where that keeps it narrow: ["7h", "45m"], or ["7.75h"]. */
export function barLabelLines(minutes: number, style: DurationStyle = 'units'): string[] {
  const whole = Math.max(0, Math.round(minutes));
  if (style === 'units' && whole >= 60 && whole % 60 !== 0) return [`${Math.floor(whole / 60)}h`, `${whole % 60}m`];
  return [compactDuration(whole, style)];
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

const weekdayLongFormat = new Intl.DateTimeFormat(undefined, { weekday: 'long', timeZone: 'UTC' });

/** "2026-05-13" → "Wednesday". */
export function weekdayLong(date: string): string {
  return weekdayLongFormat.format(utcDate(date));
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

/** "2026-05-13" + 3 → "2026-05-16", on the calendar (no zone involved). */
export function addDaysTo(date: string, days: number): string {
  return new Date(utcDate(date) + days * 86_400_000).toISOString().slice(0, 10);
}

/** Monday of the week `date` is in. */
export function mondayOf(date: string): string {
  const weekday = (new Date(utcDate(date)).getUTCDay() + 6) % 7;
  return addDaysTo(date, -weekday);
}

/** "2026-05" of a day, and the first and last day of a month. */
export function monthOf(date: string): string {
  return date.slice(0, 7);
}

export function monthStart(month: string): string {
  return `${month}-01`;
}

export function monthEnd(month: string): string {
  const [year = 2000, index = 1] = month.split('-').map(Number);
  return new Date(Date.UTC(year, index, 0)).toISOString().slice(0, 10);
}

/** "2026-05" + 1 → "2026-06". */
export function addMonths(month: string, count: number): string {
  const [year = 2000, index = 1] = month.split('-').map(Number);
  return new Date(Date.UTC(year, index - 1 + count, 1)).toISOString().slice(0, 7);
}

const monthFormat = new Intl.DateTimeFormat(undefined, { month: 'long', year: 'numeric', timeZone: 'UTC' });
const shortDayFormat = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', timeZone: 'UTC' });
const fullDateFormat = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
const dayNumberFormat = new Intl.DateTimeFormat(undefined, { day: 'numeric', timeZone: 'UTC' });

/** "2026-05" → "May 2026". */
export function monthLabel(month: string): string {
  return monthFormat.format(utcDate(monthStart(month)));
}

/** "2026-05-13" → "May 13". */
export function dayShort(date: string): string {
  return shortDayFormat.format(utcDate(date));
}

/** "2026-05-13" → "May 13, 2026". */
export function dayFull(date: string): string {
  return fullDateFormat.format(utcDate(date));
}

/** "2026-05-13" → "13". */
export function dayNumber(date: string): string {
  return dayNumberFormat.format(utcDate(date));
}

/** "May 11 – 17, 2026", across months "Apr 27 – May 3, 2026"; "11.–17. Mai 2026" in German. */
export function rangeLabel(from: string, to: string): string {
  if (from === to) return dayFull(from);
  return fullDateFormat.formatRange(utcDate(from), utcDate(to));
}

/** Every day of [from, to]. */
export function daysBetween(from: string, to: string): string[] {
  const days: string[] = [];
  for (let day = from; day <= to; day = addDaysTo(day, 1)) days.push(day);
  return days;
}

/** "+1 h 30 min" / "−45 min": a signed duration, for overtime and undertime. */
export function formatSigned(minutes: number, style: DurationStyle = 'units'): string {
  return signedDurationText(minutes, style);
}

/** "HH:MM" of an engine time, as written (the person's zone). */
export function clockOf(iso: string): string {
  return iso.slice(11, 16);
}

/** The YYYY-MM-DD of an instant on this computer's calendar. */
export function localDateOf(epochMs: number): string {
  const date = new Date(epochMs);
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
}

const daysNumber = new Intl.NumberFormat(undefined, { maximumFractionDigits: 2 });

/** 1 → "1 day", 2.5 → "2.5 days". */
export function daysText(days: number): string {
  return `${daysNumber.format(days)} ${days === 1 ? 'day' : 'days'}`;
}

/** "Dec 21 – Dec 23", "Dec 21 (afternoon)": a leave request's days and half days. */
export function leaveSpanText(request: { firstDay: string; lastDay: string; firstDayPart: 'full' | 'afternoon'; lastDayPart: 'full' | 'morning' }): string {
  const first = `${dayShort(request.firstDay)}${request.firstDayPart === 'afternoon' ? ' (afternoon)' : ''}`;
  if (request.firstDay === request.lastDay) return request.lastDayPart === 'morning' ? `${dayShort(request.firstDay)} (morning)` : first;
  return `${first} – ${dayShort(request.lastDay)}${request.lastDayPart === 'morning' ? ' (morning)' : ''}`;
}
