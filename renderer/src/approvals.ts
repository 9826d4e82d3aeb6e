// Timesheet approvals as the window shows them (issue 67), pure so they are tested without a window:
// the status of the week shown from the person's submissions, whether "Submit week" is offered, the
// lock that keeps a day's entries as they are, and the words of a submission's status. The lock's
// words come from main (timesheet_period_locked's, from the refusals' catalog); nothing here reads
// the engine's sentences.
import type { ApprovalStatusName, SubmissionView, WeekApprovalView, WeekLockView } from '../../window-contract/approvals.ts';
import { addDaysTo } from './format.ts';

/** Said before a rejection without a note is sent (the window's contract refuses one in the same words). */
export const REJECTION_NEEDS_NOTE = 'A rejection needs a note saying what to fix.';

/** The week's state: a submission's status, or not submitted at all. */
export type WeekState = ApprovalStatusName | 'not_submitted';

export const WEEK_STATE_NAMES: Record<WeekState, string> = {
  not_submitted: 'Not submitted',
  pending: 'Waiting for approval',
  approved: 'Approved',
  rejected: 'Rejected',
  withdrawn: 'Withdrawn',
};

/** The badge each state wears (styles.css). */
export const WEEK_STATE_BADGES: Record<WeekState, string> = {
  not_submitted: 'idle',
  pending: 'warn',
  approved: 'ok',
  rejected: 'bad',
  withdrawn: 'idle',
};

/**
 * The submission that says the state of the week from `monday`: of those touching the week, the one
 * holding its Monday (a back end's period may start on another day), the latest one first where a period
 * was submitted again after a rejection or a withdrawal; null where none touches it.
 */
export function weekSubmission(approval: Pick<WeekApprovalView, 'submissions'>, monday: string, sunday: string): SubmissionView | null {
  const touching = approval.submissions.filter((submission) => submission.firstDay <= sunday && submission.lastDay >= monday);
  if (touching.length === 0) return null;
  const standing = touching.filter((submission) => submission.status === 'pending' || submission.status === 'approved');
  const pool = standing.length > 0 ? standing : touching;
  return pool.find((submission) => submission.firstDay <= monday && submission.lastDay >= monday) ?? (pool[pool.length - 1] as SubmissionView);
}

export function weekState(submission: SubmissionView | null): WeekState {
  return submission?.status ?? 'not_submitted';
}

/**
 * Whether "Submit week" is offered: where the engine offers submit_timesheet, the week has begun, and
 * nothing of it waits for approval or is approved (a rejected or withdrawn week is submitted again).
 */
export function canSubmitWeek(approval: WeekApprovalView, monday: string, today: string): boolean {
  if (!approval.canSubmit || approval.problem !== null || monday > today) return false;
  const state = weekState(weekSubmission(approval, monday, addDaysTo(monday, 6)));
  return state !== 'pending' && state !== 'approved';
}

/** What a locked day's badge says: its period's own status (a week Kimai holds though it was never submitted is locked). */
export const LOCK_BADGES: Record<WeekLockView['status'], string> = {
  pending: 'Submitted',
  approved: 'Approved',
  not_submitted: 'Locked',
};

/** The lock that keeps the entries of `date` as they are, or null. */
export function lockOf(approval: WeekApprovalView | null, date: string): WeekLockView | null {
  return approval?.locks.find((lock) => lock.firstDay <= date && lock.lastDay >= date) ?? null;
}

/**
 * What the state says beyond its name: who approved, the rejection's note, or where the note went where
 * the back end keeps none for the person (Clockify e-mails it).
 */
export function stateDetail(submission: SubmissionView | null, approval: Pick<WeekApprovalView, 'rejectionNoteKept' | 'backEnd'>): string | null {
  if (!submission) return null;
  if (submission.status === 'rejected') {
    if (submission.note) return `Note from ${submission.decidedBy ?? 'your approver'}: “${submission.note}”`;
    return approval.rejectionNoteKept
      ? `${submission.decidedBy ?? 'Your approver'} left no note.`
      : `${approval.backEnd} keeps no note for you to read here: it sent the note to you by e-mail.`;
  }
  if (submission.status === 'approved') return submission.decidedBy ? `Approved by ${submission.decidedBy}.` : null;
  if (submission.status === 'withdrawn') return 'Its submission was withdrawn; submit it again when it is ready.';
  return null;
}

/** "40 h" or "38.5 h"; the back end may count none. */
export function hoursText(hours: number | null): string {
  return hours === null ? 'hours not counted' : `${hours} h`;
}
