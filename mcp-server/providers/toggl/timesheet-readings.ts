// How Punchcard reads what Toggl Track leaves undocumented about its timesheet approvals (docs/back-ends/toggl.md,
// "Timesheet approvals"), each one way and here only, so a reading found wrong on a live Premium workspace is changed in
// one place. Pure: no request, no zod.
// - The status words: none in Toggl's published API description. Read as a reimplementation of it reads them (open,
//   submitted, approved, rejected, reopened), case aside; Punchcard sends those words. A word it does not know is
//   refused in words (timesheet_status_unknown), never guessed.
// - `after` and `before` ("Timesheets starting after/before this date"): whether the day named is included is not
//   said. Each list is asked a day wider each side and the periods kept by their start, right either way.
// - The list's answer: the reference's `{data, page, per_page, total_count}`, which the swagger's schema writes as an
//   array of such pages; a bare array of timesheets too. All three are read.
// - The periodicity: `weekly` (a week from the setup's first day's weekday) and `monthly` (calendar months, where the
//   setup starts on a month's first day); any other is said in words (toggl_timesheet_period_unknown).
// - The lock: `period_locked` as Toggl says it; where it says nothing, an approved period is taken as locked
//   ("Approved time is kept").
import type { ApprovalPeriod, ApprovalRule, ApprovalStatus, DaySpan, PeriodLock } from '../../domain/approvals.ts';
import { addDays, isoWeekday } from '../../domain/time.ts';
import type { TogglTimesheet, TogglTimesheetSetup } from './wire.ts';

/** The words Punchcard sends to change a timesheet's status. */
export const SENT_STATUS = {
  submit: 'submitted',
  approve: 'approved',
  reject: 'rejected',
  /** The member takes back their own pending timesheet. */
  withdraw: 'open',
  /** An approver takes back an approval. */
  reopen: 'reopened',
} as const;

/** A timesheet's status as Punchcard reads it: a submission's, or `open` (never submitted, withdrawn, reopened: not listed). */
export type ReadStatus = Exclude<ApprovalStatus, 'withdrawn'> | 'open';

const STATUS_OF: Readonly<Record<string, ReadStatus>> = {
  open: 'open',
  reopened: 'open',
  submitted: 'pending',
  approved: 'approved',
  rejected: 'rejected',
};

/** The status Toggl wrote, read; undefined for a word Punchcard does not know. An empty or missing one is open. */
export function statusOf(word: string | null | undefined): ReadStatus | undefined {
  const key = (word ?? '').trim().toLowerCase();
  return key === '' ? 'open' : STATUS_OF[key];
}

/** The days a timesheet covers: its period's (period_start/period_end), else its start_date/end_date; undefined without a start. */
export function periodOf(timesheet: TogglTimesheet): DaySpan | undefined {
  const firstDay = dayOf(timesheet.period_start) ?? dayOf(timesheet.start_date);
  if (firstDay === undefined) return undefined;
  const lastDay = dayOf(timesheet.period_end) ?? dayOf(timesheet.end_date) ?? firstDay;
  return { firstDay, lastDay: lastDay < firstDay ? firstDay : lastDay };
}

/**
 * What a list of timesheets asks for the periods starting from `firstStart` to `lastStart`, both included: a day wider
 * each side, so the periods come whether Toggl's `after` and `before` include the day named or not (timesheetsStarting
 * keeps those wanted), and room on the page for them all (`per_page`, Toggl's at most 1000).
 */
export function startsAsked(firstStart: string, lastStart: string, periods: number): { after: string; before: string; per_page: number } {
  return { after: addDays(firstStart, -1), before: addDays(lastStart, 1), per_page: Math.min(1000, Math.max(20, periods + 2)) };
}

/** The timesheets whose period starts from `firstStart` to `lastStart`, both included: what a list asked a day wider is kept to. */
export function timesheetsStarting(timesheets: readonly TogglTimesheet[], firstStart: string, lastStart: string): TogglTimesheet[] {
  return timesheets.filter((timesheet) => {
    const period = periodOf(timesheet);
    return period !== undefined && period.firstDay >= firstStart && period.firstDay <= lastStart;
  });
}

/** The timesheets of a list's answer, in each of its forms (above); none where it is none of them. */
export function timesheetsOf(answer: unknown): TogglTimesheet[] {
  return listOf(answer) as TogglTimesheet[];
}

/** The setups of a setups list's answer: `{data}`, or an array of setups. */
export function setupsOf(answer: unknown): TogglTimesheetSetup[] {
  return (listOf(answer) as TogglTimesheetSetup[]).filter((setup) => typeof setup.id === 'number');
}

/** How the setup's member is approved: weeks from the setup's first day's weekday, or calendar months; undefined for any other. */
export function ruleOf(setup: TogglTimesheetSetup): ApprovalRule | undefined {
  const periodicity = (setup.periodicity ?? '').trim().toLowerCase();
  const start = dayOf(setup.start_date);
  if (periodicity === 'weekly') return { period: 'week', weekStart: start === undefined ? 1 : isoWeekday(start) };
  // Toggl's months run from the setup's first day: Punchcard's are calendar months, so only a setup starting on a 1st.
  if (periodicity === 'monthly' && (start === undefined || start.endsWith('-01'))) return { period: 'month', weekStart: 1 };
  return undefined;
}

/** Whether Toggl keeps the period's time as it is: its `period_locked`, or, where it says nothing, an approved period. */
export function isLocked(timesheet: TogglTimesheet): boolean {
  if (typeof timesheet.period_locked === 'boolean') return timesheet.period_locked;
  return statusOf(timesheet.status) === 'approved';
}

/** The lock of a timesheet, where it is one: approved (reopened by an approver), submitted (withdrawn by the person). */
export function lockOfTimesheet(timesheet: TogglTimesheet): PeriodLock | undefined {
  const period = periodOf(timesheet);
  const status = statusOf(timesheet.status);
  if (!period || !isLocked(timesheet)) return undefined;
  if (status === 'approved') return { ...period, status: 'approved', reopenedBy: 'an_approver' };
  if (status === 'pending') return { ...period, status: 'pending', reopenedBy: 'the_person' };
  // Locked though neither submitted nor approved (a rule of Toggl's Punchcard does not know): held as approved time
  // is, for an approver to reopen, rather than let a write Toggl would refuse go out.
  return { ...period, status: 'approved', reopenedBy: 'an_approver' };
}

/** A submission's id: the setup and the period's first day ("301:2026-11-09"), as Toggl addresses a timesheet. */
export function timesheetId(setupId: number, firstDay: string): string {
  return `${setupId}:${firstDay}`;
}

/** A submission's id read back, or undefined where it is none of Punchcard's. */
export function readTimesheetId(id: string): { setupId: number; firstDay: string } | undefined {
  const match = /^(\d{1,15}):(\d{4}-\d{2}-\d{2})$/.exec(id.trim());
  return match ? { setupId: Number(match[1]), firstDay: match[2] as string } : undefined;
}

function listOf(answer: unknown): object[] {
  const items = (value: unknown): object[] => (Array.isArray(value) ? value.filter((item): item is object => typeof item === 'object' && item !== null) : []);
  if (Array.isArray(answer)) {
    // The swagger's form: an array of pages, each with its `data`; else the items themselves.
    const pages = items(answer).filter((item) => Array.isArray((item as { data?: unknown }).data));
    return pages.length > 0 ? pages.flatMap((page) => items((page as { data: unknown }).data)) : items(answer);
  }
  if (typeof answer === 'object' && answer !== null) return items((answer as { data?: unknown }).data);
  return [];
}

function dayOf(value: string | null | undefined): string | undefined {
  const match = /^(\d{4}-\d{2}-\d{2})/.exec(value ?? '');
  return match?.[1];
}

/** The kind of a timesheet's period: its periodicity where Toggl names one Punchcard reads, else by its days (seven a week). */
export function periodKindOf(timesheet: TogglTimesheet, period: DaySpan): ApprovalPeriod {
  const periodicity = (timesheet.periodicity ?? '').trim().toLowerCase();
  if (periodicity === 'weekly') return 'week';
  if (periodicity === 'monthly') return 'month';
  return addDays(period.firstDay, 6) === period.lastDay ? 'week' : 'month';
}
