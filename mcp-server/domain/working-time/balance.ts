// The working-time balance: what the person brought in (`openingMinutes`), plus worked less target over
// every day from `since` up to yesterday (today is not over). One connection's own: its targets are its
// employer's, so balances of two employers are never added. Unless the settings say where it starts, it
// starts at the first work recorded this year: a person who began recording in March (or installed
// today) owes nothing for the months before, which no tracker of theirs knew.
import type { BalanceSinceReason, WorkingTimeBalance, WorkingTimeRules } from '../../contract/working-time.ts';
import { addDays, eachDate, startOfLocalDay } from '../time.ts';
import { dayTarget, type WorkCalendar } from './calendar.ts';
import { breakBlockMinutes } from './rule-sets.ts';
import { type CountedSpan, minutesOf } from './spans.ts';
import { type Timeline, timelineOf } from './timeline.ts';

/** Where the balance's reads start: the settings' day, or the first day of today's year (the balance then starts at the first work in it). */
export function balanceSince(since: string | undefined, today: string): string {
  return since ?? `${today.slice(0, 4)}-01-01`;
}

/**
 * What the balance reads: the spans from the day before `since` (a stretch begun then and run into it is
 * that day's) up to today's end (yesterday's span across midnight counts whole to yesterday), and the plan
 * and leave from `since` to yesterday; null where `since` is today or later and there is nothing to add.
 */
export function balanceReads(
  since: string,
  today: string,
  zone: string,
): { spans: { start: number; end: number }; calendar: { from: string; to: string } } | null {
  const yesterday = addDays(today, -1);
  if (since > yesterday) return null;
  return {
    spans: { start: startOfLocalDay(addDays(since, -1), zone), end: startOfLocalDay(addDays(today, 1), zone) },
    calendar: { from: since, to: yesterday },
  };
}

export interface BalanceInput {
  since: string;
  /**
   * `since` is no day the settings gave, only the earliest the balance may start (the first day of the year): it
   * starts at the first day with work on or after it, and where there is none yet, today.
   */
  fromFirstWork?: boolean;
  openingMinutes: number;
  today: string;
  zone: string;
  /** The rules' break block decides which short gaps join a stretch, and so the day a span across midnight belongs to. */
  rules: WorkingTimeRules;
  /** One connection's spans over balanceReads' `spans`. */
  spans: readonly CountedSpan[];
  /** Its plan and leave over balanceReads' `calendar`. */
  calendar: WorkCalendar;
}

/**
 * opening + Σ (worked − target) over the days from where it starts to yesterday, each day's minutes as working_time's
 * days show them; `since_reason` says why it starts there.
 */
export function workingTimeBalance(input: BalanceInput): WorkingTimeBalance {
  const yesterday = addDays(input.today, -1);
  const timeline = timelineOf(input.spans, input.zone, breakBlockMinutes(input.rules));
  const { since, reason } = input.fromFirstWork ? startAtFirstWork(input.since, input.today, timeline) : { since: input.since, reason: 'setting' as const };
  let minutes = input.openingMinutes;
  if (since <= yesterday) {
    for (const date of eachDate(since, yesterday)) minutes += minutesOf(timeline.day(date).workedMs) - dayTarget(input.calendar, date);
  }
  return { since, since_reason: reason, opening_minutes: input.openingMinutes, minutes };
}

/**
 * The later of `earliest` and the first day with work, looked for from the day before `earliest` (work begun then and
 * run into it is that day's, so the person was at work before `earliest`) up to today; today where there is none.
 */
function startAtFirstWork(earliest: string, today: string, timeline: Timeline): { since: string; reason: BalanceSinceReason } {
  // The first of the year is today: nothing is counted, whatever was read.
  if (earliest >= today) return { since: earliest, reason: 'year_start' };
  for (const date of eachDate(addDays(earliest, -1), today)) {
    if (timeline.day(date).workedMs === 0) continue;
    return date <= earliest ? { since: earliest, reason: 'year_start' } : { since: date, reason: 'first_work' };
  }
  return { since: today, reason: 'no_work' };
}
