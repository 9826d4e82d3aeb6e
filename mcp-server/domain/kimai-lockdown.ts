// Kimai's lockdown evaluated now: the dates contract/kimai-lockdown.ts reads from a Kimai account's
// settings, turned into the instants of the period Kimai keeps closed, in the lockdown's zone (or the
// person's Kimai zone where the settings name none), as Kimai reads them with PHP's relative dates.
import { type KimaiLockdown, type LockdownDate, readLockdownDate } from '../contract/kimai-lockdown.ts';
import { addDays, formatWallClock, isoWeekday, localDate, localDateTimeToEpoch } from './time.ts';

/** What a lockdown says now: everything that began up to `end` (inclusive) is locked. */
export interface LockedPeriod {
  start: number;
  end: number;
  timezone: string;
}

function monthShift(today: string, months: number): { year: number; month: number } {
  const index = Number(today.slice(0, 4)) * 12 + Number(today.slice(5, 7)) - 1 + months;
  return { year: Math.floor(index / 12), month: (index % 12) + 1 };
}

function firstOfMonth(month: { year: number; month: number }): string {
  return `${month.year}-${String(month.month).padStart(2, '0')}-01`;
}

/** The local day a lockdown date names, seen from the local day `today`. */
function dayOf(date: LockdownDate, today: string): string {
  switch (date.from) {
    case 'month': {
      const first = firstOfMonth(monthShift(today, date.months));
      return date.which === 'first' ? first : addDays(firstOfMonth(monthShift(first, 1)), -1);
    }
    case 'week':
      return addDays(today, 7 * date.weeks + date.weekday - isoWeekday(today));
    case 'today':
      return addDays(today, date.days);
  }
}

/** The locked period at `now`, read in `timezone` (or `fallbackZone`, the person's Kimai zone, where the settings name none). */
export function lockedPeriod(lockdown: KimaiLockdown, now: number, fallbackZone: string): LockedPeriod {
  const timezone = lockdown.timezone ? lockdown.timezone : fallbackZone;
  const today = localDate(now, timezone);
  const at = (words: string): number => {
    const date = readLockdownDate(words);
    if (!date) throw new RangeError(`Not a lockdown date Punchcard evaluates: ${words}`);
    // Where no time is written, PHP keeps the wall-clock time of now in the zone.
    const wall = date.time ?? formatWallClock(now, timezone).slice(11, 19);
    return localDateTimeToEpoch(dayOf(date, today), wall, timezone);
  };
  return { start: at(lockdown.period_start), end: at(lockdown.period_end), timezone };
}
