// Timesheet approvals in the window (issue 67), built only from the engine's approvals tools: the week's
// submissions and locks for the Timesheet, "Submit week", and a lead's Approvals screen (what waits for
// their decision, one submission's entries through the app-only submission_entries, and the decision).
// The app's engine asks the person nothing (the window asked before it calls), and what a tool did is
// worded here from its structured answer (approval-words.ts), never from the engine's sentence.
import { submissionEntriesContract } from '../../mcp-server/contract/app-tools/submission-entries.ts';
import { TOOL_CONTRACTS } from '../../mcp-server/contract/tools/index.ts';
import type { submissionOutput } from '../../mcp-server/contract/tools/outputs.ts';
import type { ApprovalStatus } from '../../mcp-server/contract/vocabulary.ts';
import { addDays } from '../../mcp-server/for-the-app.ts';
import type { ApprovalsToDecideView, SubmissionEntriesView, SubmissionView, WeekApprovalView } from '../../window-contract/approvals.ts';
import type * as z from 'zod/v4';
import { lockWords, submittedWords, timesheetDecidedWords } from './approval-words.ts';
import type { EngineClient } from './engine-client.ts';
import { toolCaller } from './tool-call.ts';

export interface Approvals {
  /** The person's submissions and locks touching the week from `monday`; `backEnd` names the back end in the lock's words. */
  week(monday: string, backEnd: string): Promise<Omit<WeekApprovalView, 'canSubmit'>>;
  /** Submits the period holding `monday`; what was done, in words. */
  submit(monday: string): Promise<{ submission: SubmissionView; outcome: string }>;
  /** What the person may decide, of a status (every status when left out), over the engine's default weeks. */
  toDecide(status: ApprovalStatus | undefined): Promise<ApprovalsToDecideView>;
  entries(id: string): Promise<SubmissionEntriesView>;
  decide(id: string, decision: 'approve' | 'reject', note: string | undefined): Promise<{ submission: SubmissionView; outcome: string }>;
}

/** A submission as the window shows it. */
export function submissionView(submission: z.output<typeof submissionOutput>): SubmissionView {
  return {
    id: submission.id,
    person: submission.person,
    period: submission.period,
    firstDay: submission.first_day,
    lastDay: submission.last_day,
    status: submission.status,
    hours: submission.hours,
    note: submission.note,
    decidedBy: submission.decided_by,
  };
}

export function createApprovals(engine: EngineClient): Approvals {
  const call = toolCaller(engine);
  return {
    async week(monday, backEnd) {
      const answer = await call(TOOL_CONTRACTS.list_timesheet_approvals, { from: monday, to: addDays(monday, 6) });
      return {
        submissions: answer.submissions.map(submissionView).sort((a, b) => a.firstDay.localeCompare(b.firstDay)),
        locks: (answer.locks ?? []).map((lock) => ({
          firstDay: lock.first_day,
          lastDay: lock.last_day,
          status: lock.status,
          words: lockWords({ ...lock, back_end: backEnd }),
        })),
        rejectionNoteKept: answer.rejection_note_kept,
        backEnd,
        problem: null,
      };
    },
    async submit(monday) {
      const answer = await call(TOOL_CONTRACTS.submit_timesheet, { period_start: monday });
      const submission = submissionView(answer.submission);
      return { submission, outcome: submittedWords(submission) };
    },
    async toDecide(status) {
      const answer = await call(TOOL_CONTRACTS.list_timesheet_approvals, { person: '*', ...(status ? { status } : {}) });
      return { submissions: answer.submissions.map(submissionView), more: answer.more, from: answer.from, to: answer.to };
    },
    async entries(id) {
      const answer = await call(submissionEntriesContract, { id });
      return { submission: submissionView(answer.submission), entries: answer.entries, more: answer.more };
    },
    async decide(id, decision, note) {
      const given = note?.trim() ? note.trim() : undefined;
      const answer = await call(TOOL_CONTRACTS.decide_timesheet, { id, decision, ...(given ? { note: given } : {}) });
      const submission = submissionView(answer.submission);
      return { submission, outcome: timesheetDecidedWords(submission, decision, { given: given !== undefined, kept: answer.note_kept }) };
    },
  };
}
