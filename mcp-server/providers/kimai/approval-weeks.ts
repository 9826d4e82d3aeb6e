// The ApprovalBundle plugin's weeks, pure (docs/back-ends/kimai.md, "Timesheet approvals"): the id
// Punchcard gives a person's week (the plugin has none), the status words its API answers, and the
// Mondays of a span. No HTTP here: approvals.ts reads the plugin.
import { yearProblem } from '../../domain/call-limits.ts';
import { addDays, isoWeekday } from '../../domain/time.ts';
import type { ApprovalStatus, DaySpan } from '../../domain/approvals.ts';

/** The plugin approves Monday-based weeks (its README: a Sunday start is not supported). */
export const KIMAI_APPROVAL_RULE = { period: 'week', weekStart: 1 } as const;

/** A week's state as the plugin keeps it (its ApprovalStatus; `granted` is an old name of approved). */
export type KimaiWeekStatus = 'not_submitted' | 'submitted' | 'approved' | 'denied';

/**
 * The id of a person's week: `user-<Kimai user id>-week-<its Monday>`, e.g. `user-7-week-2026-11-16`.
 * The plugin keys a submission by the person and the week's Monday and shows no number of its own, so
 * the id is those two, stable across calls and servers' restarts.
 */
export function weekId(userId: number, monday: string): string {
  return `user-${userId}-week-${monday}`;
}

const WEEK_ID = /^user-([1-9]\d{0,9})-week-(\d{4}-\d{2}-\d{2})$/;

/** The person and the Monday an id names, or undefined for anything else: another form, a day that is no Monday, a year out of range. */
export function parseWeekId(id: string): { userId: number; monday: string } | undefined {
  const match = WEEK_ID.exec(id);
  if (!match) return undefined;
  const userId = Number(match[1]);
  const monday = match[2] as string;
  if (!Number.isSafeInteger(userId) || yearProblem(monday) || !isRealDay(monday) || isoWeekday(monday) !== 1) return undefined;
  return { userId, monday };
}

function isRealDay(day: string): boolean {
  const date = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === day;
}

/**
 * The plugin answers a week's status translated into the caller's language (its week-status runs the
 * status through Kimai's translator): its own keys, and the words of the languages it ships (English,
 * German, Croatian), compared without case. Anything else is undefined: the caller says so rather than guess.
 */
const STATUS_WORDS: ReadonlyMap<string, KimaiWeekStatus> = new Map([
  ['not_submitted', 'not_submitted'],
  ['submitted', 'submitted'],
  ['approved', 'approved'],
  ['granted', 'approved'],
  ['denied', 'denied'],
  ['rejected', 'denied'],
  ['not submitted', 'not_submitted'],
  ['nicht abgeschickt', 'not_submitted'],
  ['abgeschickt', 'submitted'],
  ['angenommen', 'approved'],
  ['abgelehnt', 'denied'],
  ['nepodneseno', 'not_submitted'],
  ['podneseno', 'submitted'],
  ['odobreno', 'approved'],
  ['odbijeno', 'denied'],
]);

export function readWeekStatus(answer: unknown): KimaiWeekStatus | undefined {
  return typeof answer === 'string' ? STATUS_WORDS.get(answer.trim().toLowerCase()) : undefined;
}

/** Punchcard's word for a week's state; a week not submitted is no submission at all. */
export function submissionStatus(status: KimaiWeekStatus): ApprovalStatus | undefined {
  if (status === 'submitted') return 'pending';
  if (status === 'approved') return 'approved';
  if (status === 'denied') return 'rejected';
  return undefined;
}

/** A Monday as the plugin's next-week answers it, or undefined. */
export function readMonday(answer: unknown): string | undefined {
  if (typeof answer !== 'string') return undefined;
  const day = answer.trim().slice(0, 10);
  return /^\d{4}-\d{2}-\d{2}$/.test(day) && isRealDay(day) && isoWeekday(day) === 1 ? day : undefined;
}

/** The Mondays of the weeks that share a day with the span, earliest first. */
export function mondaysTouching(span: DaySpan): string[] {
  const first = addDays(span.firstDay, 1 - isoWeekday(span.firstDay));
  const mondays: string[] = [];
  for (let monday = first; monday <= span.lastDay; monday = addDays(monday, 7)) mondays.push(monday);
  return mondays;
}

/** The week a Monday starts, as a span. */
export function weekOf(monday: string): DaySpan {
  return { firstDay: monday, lastDay: addDays(monday, 6) };
}
