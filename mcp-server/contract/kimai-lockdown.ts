// Kimai's lockdown (its closed past periods) as a Kimai account's settings name it: `provider.lockdown`
// {period_start, period_end, timezone}, in the words Kimai's own system settings take for
// lockdown_period_start, lockdown_period_end and lockdown_period_timezone. Kimai reads those words
// with PHP's relative dates and publishes the result through no API (docs/back-ends/kimai.md,
// "Administration"), so Punchcard evaluates them itself: only the forms Kimai's documentation uses,
// and anything else is refused when the settings are read rather than guessed at. Free of zod and
// of Node: the settings schema checks with it and the engine evaluates with it.
import { addDays, formatWallClock, isoWeekday, localDate, localDateTimeToEpoch } from '../domain/time.ts';
import { isValidTimeZone } from './time-zone.ts';

export interface KimaiLockdown {
  period_start: string;
  period_end: string;
  /** An IANA zone; left out, the person's Kimai profile zone (as Kimai does with an empty one). */
  timezone?: string;
}

/** What a lockdown says now: everything that began up to `end` (inclusive) is locked. */
export interface LockedPeriod {
  start: number;
  end: number;
  timezone: string;
}

const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
/** PHP's words for "this", "last" and "next" month or week. */
const SHIFT: Readonly<Record<string, number>> = { this: 0, current: 0, last: -1, previous: -1, next: 1 };
const TIME = '(?:\\s+(\\d{1,2}):(\\d{2})(?::(\\d{2}))?)?';
const DAY_OF_MONTH = new RegExp(`^(first|last) day of (this|current|last|previous|next) month${TIME}$`);
const DAY_OF_WEEK = new RegExp(`^(${WEEKDAYS.join('|')}) (this|current|last|previous|next) week${TIME}$`);
const NAMED_DAY = new RegExp(`^(today|yesterday|tomorrow|midnight)${TIME}$`);

/** The forms Punchcard evaluates, for the error that refuses any other. */
export const LOCKDOWN_FORMS =
  '"first day of previous month 00:00:00", "last day of last month 23:59:59", "monday last week 00:00:00", "sunday this week 23:59:59", "today", "yesterday 23:59:59"';

interface Parsed {
  /** The day, from the local day it is evaluated on. */
  day: (today: string) => string;
  /** 'HH:mm:ss', or undefined where PHP keeps the time of day it is evaluated at. */
  time: string | undefined;
}

function clock(hour: string | undefined, minute: string | undefined, second: string | undefined): string | undefined | null {
  if (hour === undefined || minute === undefined) return undefined;
  const [h, m, s] = [Number(hour), Number(minute), Number(second ?? '0')];
  if (h > 23 || m > 59 || s > 59) return null;
  return `${String(h).padStart(2, '0')}:${minute}:${String(s).padStart(2, '0')}`;
}

function monthShift(today: string, months: number): { year: number; month: number } {
  const index = Number(today.slice(0, 4)) * 12 + Number(today.slice(5, 7)) - 1 + months;
  return { year: Math.floor(index / 12), month: (index % 12) + 1 };
}

function parse(words: string): Parsed | undefined {
  const text = words.trim().toLowerCase().replace(/\s+/g, ' ');
  let match = DAY_OF_MONTH.exec(text);
  if (match) {
    const [, which, shift, h, m, s] = match;
    const time = clock(h, m, s);
    if (time === null) return undefined;
    const months = SHIFT[shift as string] as number;
    return {
      // PHP's "first day of" and "last day of" keep the time of day unless one is written.
      time,
      day: (today) => {
        const { year, month } = monthShift(today, months);
        const first = `${year}-${String(month).padStart(2, '0')}-01`;
        if (which === 'first') return first;
        const next = monthShift(first, 1);
        return addDays(`${next.year}-${String(next.month).padStart(2, '0')}-01`, -1);
      },
    };
  }
  match = DAY_OF_WEEK.exec(text);
  if (match) {
    const [, weekday, shift, h, m, s] = match;
    const time = clock(h, m, s);
    if (time === null) return undefined;
    const weeks = SHIFT[shift as string] as number;
    // PHP reads "<weekday> last week" within the ISO week (Monday to Sunday) a week back, at midnight.
    return {
      time: time ?? '00:00:00',
      day: (today) => addDays(today, 7 * weeks + WEEKDAYS.indexOf(weekday as string) + 1 - isoWeekday(today)),
    };
  }
  match = NAMED_DAY.exec(text);
  if (match) {
    const [, name, h, m, s] = match;
    const time = clock(h, m, s);
    if (time === null) return undefined;
    const offset = name === 'yesterday' ? -1 : name === 'tomorrow' ? 1 : 0;
    return { time: time ?? '00:00:00', day: (today) => addDays(today, offset) };
  }
  return undefined;
}

/** Why a `provider.lockdown` is not one Punchcard can evaluate, naming the key; undefined where it is. */
export function lockdownProblem(lockdown: KimaiLockdown): string | undefined {
  for (const key of ['period_start', 'period_end'] as const) {
    if (parse(lockdown[key]) === undefined) {
      return `provider.lockdown.${key} "${lockdown[key].slice(0, 60)}" is not a form of Kimai's relative dates Punchcard can evaluate; write it as Kimai's settings do, one of ${LOCKDOWN_FORMS}.`;
    }
  }
  if (lockdown.timezone !== undefined && lockdown.timezone !== '' && !isValidTimeZone(lockdown.timezone)) {
    return `provider.lockdown.timezone "${lockdown.timezone.slice(0, 60)}" is not a time zone; name one such as Europe/Berlin, or leave it out for your Kimai profile's zone.`;
  }
  return undefined;
}

/** The locked period at `now`, read in `timezone` (or `fallbackZone`, the person's Kimai zone, where the settings name none). */
export function lockedPeriod(lockdown: KimaiLockdown, now: number, fallbackZone: string): LockedPeriod {
  const timezone = lockdown.timezone ? lockdown.timezone : fallbackZone;
  const today = localDate(now, timezone);
  const at = (words: string): number => {
    const parsed = parse(words);
    if (!parsed) throw new RangeError(`Not a lockdown date Punchcard evaluates: ${words}`);
    // Where no time is written, PHP keeps the wall-clock time of now in the zone.
    const wall = parsed.time ?? formatWallClock(now, timezone).slice(11, 19);
    return localDateTimeToEpoch(parsed.day(today), wall, timezone);
  };
  return { start: at(lockdown.period_start), end: at(lockdown.period_end), timezone };
}

/**
 * Whether Kimai keeps an entry that began at `begin` locked: one begun inside the period, or before
 * its start (Kimai's lockdown closes everything up to the period's end), for every role Punchcard
 * acts for (an administrator's override is not used: docs/back-ends/kimai.md, "Administration").
 */
export function isLocked(period: LockedPeriod, begin: number): boolean {
  return begin <= period.end;
}
