// The working-time balance: what the person brought in (`openingMinutes`), plus worked less target over
// every day from `since` up to yesterday (today is not over). One connection's own: its targets are its
// employer's, so balances of two employers are never added.
import type { WorkingTimeBalance, WorkingTimeRules } from '../../contract/working-time.ts';
import { addDays, eachDate, startOfLocalDay } from '../time.ts';
import { dayTarget, type WorkCalendar } from './calendar.ts';
import { breakBlockMinutes } from './rule-sets.ts';
import { type CountedSpan, minutesOf } from './spans.ts';
import { timelineOf } from './timeline.ts';

/** Where the balance starts: the settings' day, or the first day of today's year. */
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

/** opening + Σ (worked − target) over the days from `since` to yesterday, each day's minutes as working_time's days show them. */
export function workingTimeBalance(input: BalanceInput): WorkingTimeBalance {
  const yesterday = addDays(input.today, -1);
  let minutes = input.openingMinutes;
  if (input.since <= yesterday) {
    const timeline = timelineOf(input.spans, input.zone, breakBlockMinutes(input.rules));
    for (const date of eachDate(input.since, yesterday)) minutes += minutesOf(timeline.day(date).workedMs) - dayTarget(input.calendar, date);
  }
  return { since: input.since, opening_minutes: input.openingMinutes, minutes };
}
