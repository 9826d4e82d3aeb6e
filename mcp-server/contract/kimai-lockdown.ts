// Kimai's lockdown (its closed past periods) as a Kimai account's settings name it: `provider.lockdown`
// {period_start, period_end, timezone}, in the words Kimai's own system settings take for
// lockdown_period_start, lockdown_period_end and lockdown_period_timezone. Kimai reads those words
// with PHP's relative dates and publishes the result through no API (docs/back-ends/kimai.md,
// "Administration"), so Punchcard evaluates them itself: only the forms Kimai's documentation uses,
// and anything else is refused when the settings are read rather than guessed at. Free of zod and
// of Node and of the clock: the settings schema checks the words with it, and domain/kimai-lockdown.ts
// evaluates what it reads.
import { isValidTimeZone } from './time-zone.ts';

export interface KimaiLockdown {
  period_start: string;
  period_end: string;
  /** An IANA zone; left out, the person's Kimai profile zone (as Kimai does with an empty one). */
  timezone?: string;
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

/**
 * A lockdown date as data, from the words that name it: which day from the local day it is read on,
 * and the time of day ('HH:mm:ss', or undefined where PHP keeps the time of day it is read at).
 * domain/kimai-lockdown.ts turns it into an instant; here it only has to be one Punchcard can read.
 */
export type LockdownDate =
  | { from: 'month'; which: 'first' | 'last'; months: number; time: string | undefined }
  | { from: 'week'; weekday: number; weeks: number; time: string }
  | { from: 'today'; days: number; time: string };

function clock(hour: string | undefined, minute: string | undefined, second: string | undefined): string | undefined | null {
  if (hour === undefined || minute === undefined) return undefined;
  const [h, m, s] = [Number(hour), Number(minute), Number(second ?? '0')];
  if (h > 23 || m > 59 || s > 59) return null;
  return `${String(h).padStart(2, '0')}:${minute}:${String(s).padStart(2, '0')}`;
}

/** The lockdown date `words` name, in the forms of LOCKDOWN_FORMS; undefined for any other words. */
export function readLockdownDate(words: string): LockdownDate | undefined {
  const text = words.trim().toLowerCase().replace(/\s+/g, ' ');
  let match = DAY_OF_MONTH.exec(text);
  if (match) {
    const [, which, shift, h, m, s] = match;
    const time = clock(h, m, s);
    if (time === null) return undefined;
    // PHP's "first day of" and "last day of" keep the time of day unless one is written.
    return { from: 'month', which: which === 'first' ? 'first' : 'last', months: SHIFT[shift as string] as number, time };
  }
  match = DAY_OF_WEEK.exec(text);
  if (match) {
    const [, weekday, shift, h, m, s] = match;
    const time = clock(h, m, s);
    if (time === null) return undefined;
    // PHP reads "<weekday> last week" within the ISO week (Monday to Sunday) a week back, at midnight.
    return { from: 'week', weekday: WEEKDAYS.indexOf(weekday as string) + 1, weeks: SHIFT[shift as string] as number, time: time ?? '00:00:00' };
  }
  match = NAMED_DAY.exec(text);
  if (match) {
    const [, name, h, m, s] = match;
    const time = clock(h, m, s);
    if (time === null) return undefined;
    return { from: 'today', days: name === 'yesterday' ? -1 : name === 'tomorrow' ? 1 : 0, time: time ?? '00:00:00' };
  }
  return undefined;
}

/** Why a `provider.lockdown` is not one Punchcard can evaluate, naming the key; undefined where it is. */
export function lockdownProblem(lockdown: KimaiLockdown): string | undefined {
  for (const key of ['period_start', 'period_end'] as const) {
    if (readLockdownDate(lockdown[key]) === undefined) {
      return `provider.lockdown.${key} "${lockdown[key].slice(0, 60)}" is not a form of Kimai's relative dates Punchcard can evaluate; write it as Kimai's settings do, one of ${LOCKDOWN_FORMS}.`;
    }
  }
  if (lockdown.timezone !== undefined && lockdown.timezone !== '' && !isValidTimeZone(lockdown.timezone)) {
    return `provider.lockdown.timezone "${lockdown.timezone.slice(0, 60)}" is not a time zone; name one such as Europe/Berlin, or leave it out for your Kimai profile's zone.`;
  }
  return undefined;
}
