// Timesheet approvals, pure: the period a day falls in, the records the approvals part answers with,
// and which periods bind a write. Back ends say the facts (providers/<name>/approvals.ts); the tools
// read them (tools/approval-lock.ts, tools/submit-timesheet.ts and the rest).
import type { ApprovalPeriod, ApprovalStatus, PeriodLockStatus } from '../contract/vocabulary.ts';
import { addDays, isoWeekday, localDate } from './time.ts';

export type { ApprovalPeriod, ApprovalStatus, PeriodLockStatus };

/** A span of whole days, both included ('YYYY-MM-DD'). */
export interface DaySpan {
  readonly firstDay: string;
  readonly lastDay: string;
}

/** How a back end approves: by which period, and the weekday its weeks start on (1 Monday … 7 Sunday). */
export interface ApprovalRule {
  readonly period: ApprovalPeriod;
  readonly weekStart: number;
}

/** One submission of a person's period, as the back end keeps it. */
export interface TimesheetSubmission extends DaySpan {
  /** The back end's id, as text (Clockify's are hex; Kimai's plugin has none, so it is the person and the week). */
  readonly id: string;
  readonly person: string;
  readonly personId: string;
  readonly period: ApprovalPeriod;
  readonly status: ApprovalStatus;
  /** Time tracked in the period, in seconds, where the back end's answer counts it. */
  readonly trackedSeconds: number | null;
  /** The approver's note with a rejection or an approval, where the back end shows it to this reader. */
  readonly note: string | null;
  /** Who last decided or withdrew it, where the back end says. */
  readonly decidedBy: string | null;
}

/** One entry of a submission, as its approver reads it. */
export interface SubmissionEntry {
  readonly start: number;
  /** Null while it runs. */
  readonly end: number | null;
  readonly project: string | null;
  readonly activity: string | null;
  readonly description: string;
}

/**
 * A period whose time is kept as it is: no write reaches it through Punchcard. `status` is the period's
 * own: submitted (`pending`), approved, or `not_submitted` where the back end locks a period nobody
 * submitted because a later one is (Kimai's plugin takes weeks in order). `reopenedBy` says who can
 * lift it (an approver withdraws an approval in Clockify; an administrator resets a week in Kimai's
 * plugin; the person withdraws their own pending submission).
 */
export interface PeriodLock extends DaySpan {
  readonly status: PeriodLockStatus;
  readonly reopenedBy: 'the_person' | 'an_approver' | 'an_administrator';
}

/** The period of kind `period` holding `day`: a week from `weekStart`, the 1st to the 15th or the 16th to the month's end, or the month. */
export function periodHolding(day: string, rule: ApprovalRule): DaySpan {
  // Reading the weekday refuses a day the calendar lacks (RangeError), so a '2026-02-30' is not read as
  // February's second half by its digits alone; a week start outside 1..7 would put the day outside its week.
  const weekday = isoWeekday(day);
  if (rule.period === 'week') {
    if (!Number.isInteger(rule.weekStart) || rule.weekStart < 1 || rule.weekStart > 7) {
      throw new RangeError(`A week starts on a weekday from 1 (Monday) to 7 (Sunday), not ${rule.weekStart}`);
    }
    const back = (weekday - rule.weekStart + 7) % 7;
    const firstDay = addDays(day, -back);
    return { firstDay, lastDay: addDays(firstDay, 6) };
  }
  const month = day.slice(0, 8);
  const monthEnd = addDays(`${nextMonth(day)}-01`, -1);
  if (rule.period === 'month') return { firstDay: `${month}01`, lastDay: monthEnd };
  return Number(day.slice(8, 10)) <= 15 ? { firstDay: `${month}01`, lastDay: `${month}15` } : { firstDay: `${month}16`, lastDay: monthEnd };
}

/** A span of time a write touches: where an entry is, or where it would be (`end` not included). */
export interface TimeSpan {
  readonly start: number;
  readonly end: number;
}

/** The days a span of time touches in `zone`: the day it starts and the day of its last moment. */
export function daysOfSpan(span: TimeSpan, zone: string): DaySpan {
  return { firstDay: localDate(span.start, zone), lastDay: localDate(Math.max(span.start, span.end - 1), zone) };
}

/** The days from the first of the spans' days to the last: one read of the locks covers them all. */
export function daysCovering(spans: readonly TimeSpan[], zone: string): DaySpan {
  const days = spans.flatMap((span) => Object.values(daysOfSpan(span, zone))).sort();
  return { firstDay: days[0] as string, lastDay: days[days.length - 1] as string };
}

/** The first lock that one of `spans` touches, by the spans' order (the earliest of a span's); undefined where none. */
export function lockTouchedBy(locks: readonly PeriodLock[], spans: readonly TimeSpan[], zone: string): PeriodLock | undefined {
  for (const span of spans) {
    const touched = locksTouching(locks, daysOfSpan(span, zone))[0];
    if (touched) return touched;
  }
  return undefined;
}

/**
 * The first lock that one of `spans` touches, by the spans' order, with the locks read for each span's
 * own days (`locksOf`), never for all the days between two far apart (an entry moved by months): a back
 * end that reads a period's status a request at a time (Kimai's plugin) then reads only the periods
 * written. `locksOf` answering undefined (the back end out of reach) ends the search with none.
 */
export async function firstLockOfSpans(
  spans: readonly TimeSpan[],
  zone: string,
  locksOf: (days: DaySpan) => Promise<readonly PeriodLock[] | undefined>,
): Promise<PeriodLock | undefined> {
  for (const span of spans) {
    const days = daysOfSpan(span, zone);
    const locks = await locksOf(days);
    if (locks === undefined) return undefined;
    const touched = locksTouching(locks, days)[0];
    if (touched) return touched;
  }
  return undefined;
}

/** The locks among `locks` that share a day with [firstDay, lastDay], earliest first. */
export function locksTouching(locks: readonly PeriodLock[], span: DaySpan): PeriodLock[] {
  return locks.filter((lock) => lock.firstDay <= span.lastDay && lock.lastDay >= span.firstDay).sort((a, b) => a.firstDay.localeCompare(b.firstDay));
}

function nextMonth(day: string): string {
  const year = Number(day.slice(0, 4));
  const month = Number(day.slice(5, 7));
  return month === 12 ? `${year + 1}-01` : `${year}-${String(month + 1).padStart(2, '0')}`;
}
