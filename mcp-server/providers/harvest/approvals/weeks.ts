// A person's weeks as Harvest's entries show their approval (docs/back-ends/harvest.md, "Timesheet approvals"): pure.
// Harvest keeps no submission object its API shows, only each entry's approval_status (unsubmitted, submitted,
// approved) and lock; a week is a submission where its entries are all submitted or approved: pending while any is
// only submitted, approved when all are. Its id is the person and the week's first day, as no record of Harvest's names it.
import type { ApprovalRule, DaySpan, PeriodLock, TimesheetSubmission } from '../../../domain/approvals.ts';
import { periodHolding } from '../../../domain/approvals.ts';
import type { HarvestTimeEntry } from '../wire.ts';

/** Harvest's week_start_day as an ISO weekday (Monday 1 … Sunday 7); Monday where it names none Punchcard knows. */
export function weekStartOf(day: string | null | undefined): number {
  return { Saturday: 6, Sunday: 7, Monday: 1 }[day ?? ''] ?? 1;
}

/** The days of the weeks touching the span: what one read of entries covers. */
export function weeksCovering(span: DaySpan, rule: ApprovalRule): DaySpan {
  return { firstDay: periodHolding(span.firstDay, rule).firstDay, lastDay: periodHolding(span.lastDay, rule).lastDay };
}

/** A person's week with its entries. */
export interface Week extends DaySpan {
  entries: HarvestTimeEntry[];
}

/** The entries by the week they fall in, earliest week first. */
export function weeksOf(entries: readonly HarvestTimeEntry[], rule: ApprovalRule): Week[] {
  const weeks = new Map<string, Week>();
  for (const entry of entries) {
    const week = periodHolding(entry.spent_date, rule);
    const found = weeks.get(week.firstDay) ?? { ...week, entries: [] };
    found.entries.push(entry);
    weeks.set(week.firstDay, found);
  }
  return [...weeks.values()].sort((a, b) => a.firstDay.localeCompare(b.firstDay));
}

/** The week's status as a submission: pending or approved where every entry is submitted or approved, else none. */
export function weekStatus(week: Week): 'pending' | 'approved' | null {
  const statuses = week.entries.map((entry) => entry.approval_status ?? 'unsubmitted');
  if (statuses.length === 0 || statuses.some((status) => status !== 'submitted' && status !== 'approved')) return null;
  return statuses.every((status) => status === 'approved') ? 'approved' : 'pending';
}

/** The id of a person's week: their Harvest user id and its first day ("1001:2026-11-09"). */
export function weekId(userId: number, firstDay: string): string {
  return `${userId}:${firstDay}`;
}

/** A week's id read back, or undefined where it is none of Punchcard's. */
export function readWeekId(id: string): { userId: number; firstDay: string } | undefined {
  const match = /^(\d{1,15}):(\d{4}-\d{2}-\d{2})$/.exec(id.trim());
  return match ? { userId: Number(match[1]), firstDay: match[2] as string } : undefined;
}

/** The person's submitted or approved weeks as submissions, with the hours they hold. */
export function submissionsOf(person: { id: number; name: string }, weeks: readonly Week[]): TimesheetSubmission[] {
  return weeks.flatMap((week) => {
    const status = weekStatus(week);
    if (status === null) return [];
    const seconds = Math.round(week.entries.reduce((sum, entry) => sum + (entry.hours ?? 0), 0) * 3600);
    return [
      {
        id: weekId(person.id, week.firstDay),
        person: person.name,
        personId: String(person.id),
        period: 'week' as const,
        status,
        trackedSeconds: seconds,
        note: null,
        decidedBy: null,
        firstDay: week.firstDay,
        lastDay: week.lastDay,
      },
    ];
  });
}

/**
 * The weeks no write may reach: approved ones (Harvest locks approved time), and submitted ones whose entries Harvest
 * shows locked (whether it locks submitted time is its own to say, entry by entry). An entry locked by an invoice alone
 * locks itself, not its week: a change of it is refused as that entry's (harvest_entry_locked).
 */
export function locksOf(weeks: readonly Week[]): PeriodLock[] {
  return weeks.flatMap((week): PeriodLock[] => {
    const status = weekStatus(week);
    if (status === 'approved') return [{ firstDay: week.firstDay, lastDay: week.lastDay, status: 'approved', reopenedBy: 'an_approver' }];
    if (status === 'pending' && week.entries.every((entry) => entry.is_locked === true)) {
      return [{ firstDay: week.firstDay, lastDay: week.lastDay, status: 'pending', reopenedBy: 'an_approver' }];
    }
    return [];
  });
}
