// The person's work read day by day, the way the rules count it: a day's work is the stretches that
// began on it (a span across midnight counts whole to its first day, for the day's maximum, breaks and
// stretches), its breaks the gaps between them, its rest the time since the work before. What falls on
// each calendar day from 0 to 24 h (Sunday and holiday work, night hours) is kept beside it.
import { localDate } from '../time.ts';
import { type CountedSpan, calendarPieces, type Interval, nightOf, overlapMs, ownTime, type Stretch, stretchesOf, unionOf } from './spans.ts';

export interface DayWork {
  date: string;
  /** The stretches that began on the day, in time order. */
  stretches: readonly Stretch[];
  /** Entries without times on the day: their length counts, but they make no breaks or rests. */
  untimed: readonly CountedSpan[];
  workedMs: number;
  /** The gaps between the day's stretches, each at least a break block. */
  breakMs: number;
  /** The rest before the day's first stretch; null without timed work, or without work before it on the timeline. */
  restBefore: { ms: number; end: number; nextStart: number; counted: readonly Interval[] } | null;
}

/** What of the work falls on one calendar day, split at local midnight. */
export interface CalendarDay {
  ms: number;
  nightMs: number;
  counted: ReadonlyArray<Interval | CountedSpan>;
}

export interface Timeline {
  intervals: readonly Interval[];
  stretches: readonly Stretch[];
  day(date: string): DayWork;
  calendarDay(date: string): CalendarDay;
}

const NO_CALENDAR_WORK: CalendarDay = { ms: 0, nightMs: 0, counted: [] };

/** The timeline of the spans in the zone, with gaps shorter than `blockMinutes` not breaking a stretch. */
export function timelineOf(spans: readonly CountedSpan[], zone: string, blockMinutes: number): Timeline {
  const { timed, untimed } = ownTime(spans);
  const intervals = unionOf(timed);
  const stretches = stretchesOf(intervals, blockMinutes, zone);
  const days = daysOf(stretches, untimed, zone);
  const calendar = calendarDaysOf(intervals, untimed, zone);
  return {
    intervals,
    stretches,
    day: (date) => days.get(date) ?? { date, stretches: [], untimed: [], workedMs: 0, breakMs: 0, restBefore: null },
    calendarDay: (date) => calendar.get(date) ?? NO_CALENDAR_WORK,
  };
}

function daysOf(stretches: readonly Stretch[], untimed: readonly CountedSpan[], zone: string): Map<string, DayWork> {
  const days = new Map<string, DayWork & { stretches: Stretch[]; untimed: CountedSpan[] }>();
  const dayOf = (date: string) => {
    let day = days.get(date);
    if (!day) days.set(date, (day = { date, stretches: [], untimed: [], workedMs: 0, breakMs: 0, restBefore: null }));
    return day;
  };
  stretches.forEach((stretch, index) => {
    const day = dayOf(stretch.date);
    const before = day.stretches.at(-1) ?? null;
    const previous = stretches[index - 1];
    if (before) day.breakMs += stretch.start - before.end;
    else if (previous) {
      // The rest lies between the work that ended it and the work that cut it short: those are the entries it counts.
      const bounds = [previous.intervals.at(-1), stretch.intervals[0]] as Interval[];
      day.restBefore = { ms: stretch.start - previous.end, end: previous.end, nextStart: stretch.start, counted: bounds };
    }
    day.stretches.push(stretch);
    day.workedMs += stretch.workMs;
  });
  for (const span of untimed) {
    const day = dayOf(localDate(span.start, zone));
    day.untimed.push(span);
    day.workedMs += span.end - span.start;
  }
  return days;
}

function calendarDaysOf(intervals: readonly Interval[], untimed: readonly CountedSpan[], zone: string): Map<string, CalendarDay> {
  const days = new Map<string, { ms: number; nightMs: number; counted: Array<Interval | CountedSpan>; night: Array<{ start: number; end: number }> }>();
  const dayOf = (date: string) => {
    let day = days.get(date);
    if (!day) days.set(date, (day = { ms: 0, nightMs: 0, counted: [], night: nightOf(date, zone) }));
    return day;
  };
  for (const interval of intervals) {
    for (const piece of calendarPieces(interval, zone)) {
      const day = dayOf(piece.date);
      day.ms += piece.end - piece.start;
      day.nightMs += day.night.reduce((sum, night) => sum + overlapMs(piece.start, piece.end, night.start, night.end), 0);
      day.counted.push(interval);
    }
  }
  for (const span of untimed) {
    const day = dayOf(localDate(span.start, zone));
    day.ms += span.end - span.start;
    day.counted.push(span);
  }
  return days;
}
