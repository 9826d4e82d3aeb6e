// The window's contract for timesheet approvals (issue 67): the week's status on the Timesheet with its
// "Submit week", the locks that keep a submitted or approved week's entries as they are, and a lead's
// Approvals screen: the submissions waiting for their decision, one's entries, and the decision. Each
// is offered only where the engine offers the approvals tools (the back end has a workflow for them).
import * as z from 'zod/v4';
import type { ApprovalPeriod, ApprovalStatus, PeriodLockStatus } from '../mcp-server/contract/vocabulary.ts';
import { APPROVAL_STATUSES } from '../mcp-server/contract/vocabulary.ts';
import { day } from './request-parts.ts';

export type ApprovalStatusName = ApprovalStatus;

/** A submitted timesheet period, as list_timesheet_approvals answers it. */
export interface SubmissionView {
  /** The back end's id: what a decision names. */
  id: string;
  person: string;
  period: ApprovalPeriod;
  firstDay: string;
  lastDay: string;
  status: ApprovalStatusName;
  /** Hours tracked in the period, where the back end counts them. */
  hours: number | null;
  /** The approver's note, where the back end shows it to this reader. */
  note: string | null;
  decidedBy: string | null;
}

/** A period touching the week that no write may reach, and why in a person's words (timesheet_period_locked's). */
export interface WeekLockView {
  firstDay: string;
  lastDay: string;
  /** The period's own: submitted, approved, or not submitted but held as it comes before the next one to submit (Kimai). */
  status: PeriodLockStatus;
  words: string;
}

/** The approval of the week the Timesheet shows; the Timesheet has none (null) where the back end has no approvals. */
export interface WeekApprovalView {
  /** The person's submissions touching the week, earliest first (a rejection too, where the back end can tell one). */
  submissions: SubmissionView[];
  /** The periods touching the week whose entries stay as they are. */
  locks: WeekLockView[];
  /** False where the back end keeps no rejection's note for the person: it sent it by e-mail. */
  rejectionNoteKept: boolean;
  /** The back end's name, as the window says where a note went. */
  backEnd: string;
  /** Whether the engine offers submit_timesheet: only then is "Submit week" there. */
  canSubmit: boolean;
  /** Why the week's approval could not be read now (the week's entries show all the same), or null. */
  problem: string | null;
}

/** What a lead may decide: the submissions of their people over the last weeks. */
export interface ApprovalsToDecideView {
  submissions: SubmissionView[];
  /** More matched than were listed. */
  more: boolean;
  from: string;
  to: string;
}

export interface SubmissionEntryView {
  start: string;
  end: string | null;
  minutes: number;
  project: string | null;
  activity: string | null;
  description: string;
}

export interface SubmissionEntriesView {
  submission: SubmissionView;
  entries: SubmissionEntryView[];
  /** The submission holds more entries than were listed. */
  more: boolean;
}

/** A rejection says what to fix: the form asks for the note before anything is sent. */
export const REJECTION_NEEDS_NOTE = 'A rejection needs a note saying what to fix.';

const submissionId = z.string().trim().min(1).max(64);

export const approvalsChannels = {
  /** Submits the period holding `date` (the Monday of the week shown), once the window asked the person; the week's approval after. */
  submitWeek: {
    request: z.object({ date: day }).strict(),
    response: {} as { approval: WeekApprovalView; outcome: string },
  },
  /** The submissions the person may decide, of a status (default: every status), over the engine's default weeks. */
  getApprovalsToDecide: {
    request: z
      .object({ status: z.enum(APPROVAL_STATUSES).optional() })
      .strict()
      .optional(),
    response: {} as ApprovalsToDecideView,
  },
  /** One submission's entries, as its approver reads them before deciding. */
  getSubmissionEntries: { request: z.object({ id: submissionId }).strict(), response: {} as SubmissionEntriesView },
  /** Approves or rejects one submission; a rejection with its note. What was done, in words. */
  decideTimesheet: {
    request: z
      .object({ id: submissionId, decision: z.enum(['approve', 'reject']), note: z.string().max(1000).optional() })
      .strict()
      .refine((request) => request.decision === 'approve' || (request.note ?? '').trim() !== '', { message: REJECTION_NEEDS_NOTE, path: ['note'] }),
    response: {} as { submission: SubmissionView; outcome: string },
  },
} as const;
