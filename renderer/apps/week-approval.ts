// The week's approval status as the Week app shows it, from list_timesheet_approvals' answer about
// the person's own timesheets: what each period touching the days shown is (submitted, approved,
// rejected with its note), and which days' entries are kept as they are, with why. Pure, so its rules
// are tested apart (test/renderer/apps/week-approval.test.ts); week.tsx draws it.
import type { PeriodLockStatus } from '../../mcp-server/contract/vocabulary.ts';
import { rangeLabel } from '../src/format.ts';
import type { ApprovalLock, OwnApprovals, Submission } from './shapes.ts';

/** Days whose entries the Week keeps as they are: the engine would refuse a write there. */
export interface DayLock {
  firstDay: string;
  lastDay: string;
  /** The period's own: submitted, approved, or not submitted but held as it comes before the next one to submit (Kimai). */
  status: PeriodLockStatus;
  /** Who can open the period again, where the engine says. */
  reopenedBy: ApprovalLock['reopened_by'] | null;
}

export interface PeriodStatus {
  firstDay: string;
  lastDay: string;
  /** A submission's status, or a locked period's that was never submitted. */
  status: Submission['status'] | 'not_submitted';
  /** The approver's note, someone else's words: drawn as text. */
  note: string | null;
  /** A rejection whose note the back end keeps for nobody to read here (Clockify e-mails it). */
  noteByEmail: boolean;
  decidedBy: string | null;
  lock: DayLock | null;
}

export interface WeekApproval {
  /** Each period touching the days shown, earliest first; none where nothing was submitted. */
  periods: PeriodStatus[];
  locks: DayLock[];
}

/** Which of a period's submissions stands: an approval or a pending one over an earlier rejection or withdrawal. */
const STANDING: Record<Submission['status'], number> = { approved: 0, pending: 1, rejected: 2, withdrawn: 3 };

const touches = (span: { first_day: string; last_day: string }, from: string, to: string) => span.first_day <= to && span.last_day >= from;

export function weekApproval(answer: OwnApprovals, from: string, to: string): WeekApproval {
  const submissions = answer.submissions.filter((submission) => touches(submission, from, to));
  // Where the engine does not say which periods are locked, an approved one is: every back end with
  // approvals keeps approved time as approved. A submitted one may or may not be; where it is, the
  // engine refuses the write and the page says its refusal.
  const locks: DayLock[] =
    answer.locks === undefined
      ? submissions
          .filter((submission) => submission.status === 'approved')
          .map((submission) => ({ firstDay: submission.first_day, lastDay: submission.last_day, status: 'approved' as const, reopenedBy: null }))
      : answer.locks
          .filter((lock) => touches(lock, from, to))
          .map((lock) => ({ firstDay: lock.first_day, lastDay: lock.last_day, status: lock.status, reopenedBy: lock.reopened_by }));
  const standing = new Map<string, Submission>();
  for (const submission of submissions) {
    const key = `${submission.first_day}/${submission.last_day}`;
    const kept = standing.get(key);
    if (!kept || STANDING[submission.status] < STANDING[kept.status]) standing.set(key, submission);
  }
  const lockOf = (firstDay: string, lastDay: string) => locks.find((lock) => lock.firstDay <= lastDay && lock.lastDay >= firstDay) ?? null;
  const periods: PeriodStatus[] = [...standing.values()].map((submission) => ({
    firstDay: submission.first_day,
    lastDay: submission.last_day,
    status: submission.status,
    note: submission.note,
    noteByEmail: submission.status === 'rejected' && submission.note === null && !answer.rejection_note_kept,
    decidedBy: submission.decided_by,
    lock: lockOf(submission.first_day, submission.last_day),
  }));
  // A lock the engine named for a period whose submission the list left out is still said.
  for (const lock of locks) {
    if (periods.some((period) => period.lock === lock)) continue;
    periods.push({ firstDay: lock.firstDay, lastDay: lock.lastDay, status: lock.status, note: null, noteByEmail: false, decidedBy: null, lock });
  }
  periods.sort((a, b) => a.firstDay.localeCompare(b.firstDay));
  return { periods, locks };
}

/** The lock holding `date`, if any. */
export function lockOn(locks: readonly DayLock[], date: string): DayLock | undefined {
  return locks.find((lock) => lock.firstDay <= date && date <= lock.lastDay);
}

/** "Timesheet for Nov 16 – 22, 2026: approved by Bea Lead." */
export function periodWords(period: PeriodStatus): string {
  const by = period.decidedBy ? ` by ${period.decidedBy}` : '';
  const status = {
    pending: 'submitted, waiting for approval',
    approved: `approved${by}`,
    rejected: `rejected${by}`,
    withdrawn: 'submission withdrawn',
    not_submitted: 'not submitted',
  }[period.status];
  return `Timesheet for ${rangeLabel(period.firstDay, period.lastDay)}: ${status}.`;
}

/** Why a locked period's entries cannot be changed here, and who can open it again. */
export function lockWords(lock: DayLock): string {
  const kept = {
    approved: 'Its time is kept as approved',
    pending: 'Its time is kept as submitted',
    not_submitted: 'Its time is kept as it is even so, like every week before the next one to submit',
  }[lock.status];
  return `${kept}: to change it, ${reopenWords(lock)}.`;
}

function reopenWords(lock: DayLock): string {
  if (lock.reopenedBy === 'the_person') return 'withdraw the submission first';
  if (lock.reopenedBy === 'an_administrator') return 'ask an administrator to reopen it';
  if (lock.status === 'pending') return 'wait for its decision, or ask your approver to reject it';
  return 'ask your approver or an administrator to withdraw the approval';
}

/** What a locked entry says in place of its buttons. */
export function entryLockWords(lock: DayLock): string {
  return { approved: 'Kept as approved', pending: 'Kept as submitted', not_submitted: 'Kept as it is' }[lock.status];
}
