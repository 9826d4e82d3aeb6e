// Timesheet approvals (capability `approvals`).
// One part of the TimeTracker (parts/index.ts composes them; docs/internals/back-ends.md).
import type { ApprovalPeriod, ApprovalRule, ApprovalStatus, DaySpan, PeriodLock, SubmissionEntry, TimesheetSubmission } from '../../domain/approvals.ts';

/**
 * Timesheet approvals (`approvals`; docs/decisions.md, "The approvals group"). Every method acts as the
 * person's own account would in the tracker's pages; a request Punchcard can tell the back end would
 * refuse (a period not started by its first day, a submission of one's own to decide) is refused, a
 * BackEndError of its own code, before anything is sent.
 */
export interface ApprovalsPart {
  /** The period the back end approves by and the weekday its weeks start on. */
  rule(): Promise<ApprovalRule>;
  /** Submits the person's own period. */
  submit(span: DaySpan, period: ApprovalPeriod): Promise<TimesheetSubmission>;
  /**
   * Refuses, in words, a submission of the period the back end would refuse for a reason a read tells
   * (Kimai's plugin takes weeks in order): submit_timesheet asks it before its question, so nobody is
   * asked to confirm what would then be refused.
   */
  checkSubmittable?(span: DaySpan): Promise<void>;
  /** The person's own submissions touching the span, earliest first, a rejection included where the back end can tell one. */
  own(span: DaySpan): Promise<TimesheetSubmission[]>;
  /** The submissions of others this person may decide, touching the span, of a status, of people whose name holds `person`; at most `limit`. */
  toDecide(query: { span: DaySpan; status: ApprovalStatus | undefined; person: string | undefined; limit: number }): Promise<TimesheetSubmission[]>;
  /** One submission this person may decide or withdraw the approval of, by its id; refused where it is their own or not theirs to decide. */
  findForDecision(id: string): Promise<TimesheetSubmission>;
  /** Withdraws a submission: the person's own pending one, or as its approver an approval. */
  withdraw(submission: TimesheetSubmission, as: 'owner' | 'approver'): Promise<TimesheetSubmission>;
  /** Approves or rejects a submission just found; `noteKept` says whether the back end kept the note with it. */
  decide(
    submission: TimesheetSubmission,
    decision: 'approve' | 'reject',
    note: string | undefined,
  ): Promise<{ submission: TimesheetSubmission; noteKept: boolean }>;
  /**
   * The periods touching the span whose time no write may reach, each with its own status: approved
   * ones, pending ones where the back end locks a submitted period, and ones never submitted that the
   * back end locks all the same (Kimai's plugin: every week before the next one to submit). Of the
   * person, or of the tracker user `personId` (an administrator's correction of someone's entries).
   */
  locks(span: DaySpan, personId?: string): Promise<PeriodLock[]>;
  /**
   * The person's locks touching the span, read afresh after a write, where a period can lock while a write
   * is on its way and the back end then keeps the write in it (Clockify: an approver approves a pending
   * period, and Clockify takes new time into an approved one). Absent where the back end holds the write
   * itself (Kimai's plugin locks a week when it is submitted, and its per-user lockdown then refuses the
   * person's own writes): a write of time asks it only where it is there (tools/approval-lock.ts).
   */
  locksAfterWrite?(span: DaySpan): Promise<PeriodLock[]>;
  /** The entries a submission holds, as its approver sees them (the window's Approvals section opens one), at most `limit`. */
  entriesOf(submission: TimesheetSubmission, limit: number): Promise<SubmissionEntry[]>;
  /** Whether the person can read an approver's note with their own rejection here (Clockify keeps it for nobody: it e-mails it). */
  readonly rejectionNoteKept: boolean;
  /**
   * Where the back end's API can neither decide a submission nor take one back (Kimai's plugin does both in
   * its own pages only): the pages that do. decide_timesheet and withdraw_timesheet then refuse, naming
   * them, before any question or request; `decide` and `withdraw` refuse in the same words.
   */
  readonly inPagesOnly?: { readonly decide: string; readonly withdraw: string };
}
