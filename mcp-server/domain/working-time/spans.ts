// The time the rules count, as one timeline: every connection's worked spans, the agents' own time
// left out, time booked twice counted once, and the spans joined into stretches of work where the
// gaps between them are shorter than a break. What the rules then measure (days, breaks, rests,
// nights) is read off this timeline.
import type { TimeEntry, WorkSpan } from '../records.ts';
import { addDays, localDate, localDateTimeToEpoch, startOfLocalDay } from '../time.ts';

export const MINUTE_MS = 60_000;

/** A worked span as the rules take it: what a back end's workSpans lists, labelled with its connection where there are several. */
export interface CountedSpan extends Pick<WorkSpan, 'start' | 'end' | 'agent' | 'span'> {
  /** The connection whose entry it is; absent with one tracker. */
  tracker?: string;
}

/**
 * The spans of entries as the rules count them: a running entry ends now, and the breaks taken inside
 * an entry (start_break, a Calamari shift's) are cut out of it, so they are gaps, not work.
 */
export function spansOfEntries(entries: readonly TimeEntry[], now: number, tracker?: string): CountedSpan[] {
  const spans: CountedSpan[] = [];
  for (const entry of entries) {
    const end = entry.end ?? Math.max(now, entry.start);
    const label = {
      ...(tracker === undefined ? {} : { tracker }),
      ...(entry.agent ? { agent: entry.agent } : {}),
      ...(entry.span ? { span: entry.span } : {}),
    };
    const pauses = (entry.breaks ?? []).map((pause) => ({ start: pause.start, end: pause.end ?? now })).sort((a, b) => a.start - b.start);
    let cursor = entry.start;
    for (const pause of pauses) {
      if (pause.start > cursor) spans.push({ start: cursor, end: Math.min(pause.start, end), ...label });
      cursor = Math.max(cursor, pause.end);
    }
    spans.push({ start: cursor, end, ...label });
  }
  return spans.filter((span) => span.end > span.start);
}

/** A piece of the timeline where someone worked without any gap, and the connections that booked it. */
export interface Interval {
  start: number;
  end: number;
  trackers: ReadonlySet<string>;
}

/**
 * Work in a row: intervals whose gaps are all shorter than the break block. It belongs whole to the
 * day it began, as a span across midnight does (and so do entries split at midnight, which continue it).
 */
export interface Stretch {
  date: string;
  start: number;
  end: number;
  /** Time worked inside it, the short gaps left out. */
  workMs: number;
  intervals: readonly Interval[];
}

/** The person's own time: agents' own time (record_agent_time) never counts. */
export function ownTime(spans: readonly CountedSpan[]): { timed: CountedSpan[]; untimed: CountedSpan[] } {
  const own = spans.filter((span) => !span.agent && span.end > span.start);
  // An entry that keeps its day and length only (Harvest's duration accounts) has no times: its length
  // counts to its day, but it makes no breaks, rests, stretches or nights.
  return { timed: own.filter((span) => span.span !== 'day'), untimed: own.filter((span) => span.span === 'day') };
}

/** The union of the spans, in time order: an hour booked to two connections is one hour worked. */
export function unionOf(spans: readonly CountedSpan[]): Interval[] {
  const sorted = [...spans].sort((a, b) => a.start - b.start || a.end - b.end);
  const merged: Array<{ start: number; end: number; trackers: Set<string> }> = [];
  for (const span of sorted) {
    const last = merged.at(-1);
    if (last && span.start <= last.end) {
      last.end = Math.max(last.end, span.end);
      if (span.tracker !== undefined) last.trackers.add(span.tracker);
    } else {
      merged.push({ start: span.start, end: span.end, trackers: new Set(span.tracker === undefined ? [] : [span.tracker]) });
    }
  }
  return merged;
}

/** The intervals joined wherever the gap between two is shorter than `blockMinutes`. */
export function stretchesOf(intervals: readonly Interval[], blockMinutes: number, zone: string): Stretch[] {
  const stretches: Array<Stretch & { intervals: Interval[] }> = [];
  for (const interval of intervals) {
    const last = stretches.at(-1);
    if (last && interval.start - last.end < blockMinutes * MINUTE_MS) {
      last.end = interval.end;
      last.workMs += interval.end - interval.start;
      last.intervals.push(interval);
    } else {
      stretches.push({
        date: localDate(interval.start, zone),
        start: interval.start,
        end: interval.end,
        workMs: interval.end - interval.start,
        intervals: [interval],
      });
    }
  }
  return stretches;
}

/** Where the interval falls on each calendar day it touches, split at local midnight (as the law counts a Sunday: 0 to 24 h). */
export function calendarPieces(interval: { start: number; end: number }, zone: string): Array<{ date: string; start: number; end: number }> {
  const pieces: Array<{ date: string; start: number; end: number }> = [];
  let date = localDate(interval.start, zone);
  let cursor = interval.start;
  while (cursor < interval.end) {
    const next = addDays(date, 1);
    const pieceEnd = Math.min(interval.end, startOfLocalDay(next, zone));
    pieces.push({ date, start: cursor, end: pieceEnd });
    cursor = pieceEnd;
    date = next;
  }
  return pieces;
}

/** The night hours of a calendar day, 00:00 to 06:00 and 23:00 to 24:00 by the wall clock, as instants (DST nights are an hour shorter or longer). */
export function nightOf(date: string, zone: string): Array<{ start: number; end: number }> {
  return [
    { start: startOfLocalDay(date, zone), end: localDateTimeToEpoch(date, '06:00', zone) },
    { start: localDateTimeToEpoch(date, '23:00', zone), end: startOfLocalDay(addDays(date, 1), zone) },
  ];
}

/** The length of the part of [start, end) inside [from, to). */
export function overlapMs(start: number, end: number, from: number, to: number): number {
  return Math.max(0, Math.min(end, to) - Math.max(start, from));
}

/** Whole minutes, as the days and findings show them. */
export function minutesOf(ms: number): number {
  return Math.round(ms / MINUTE_MS);
}

/** The connections' names in order, of the intervals and spans a finding counts, or nothing where they name none (one tracker). */
export function trackerList(counted: Iterable<Interval | CountedSpan>): { trackers?: string[] } {
  const names = new Set<string>();
  for (const item of counted) {
    if ('trackers' in item) for (const name of item.trackers) names.add(name);
    else if (item.tracker !== undefined) names.add(item.tracker);
  }
  return names.size === 0 ? {} : { trackers: [...names].sort() };
}
