// What the window says of timesheet approvals, worded by the app from the tools' structured answers
// (submit_timesheet, decide_timesheet, list_timesheet_approvals' locks), never from the engine's
// sentence for a model. A lock's words are timesheet_period_locked's, from the refusals' catalog
// (mcp-server/contract/outcomes/approvals.ts), without the refusal's "Nothing was sent.". Pure.
import { periodLockedSaid, type PeriodLockFacts } from '../../mcp-server/contract/outcomes/approvals.ts';
import { day, peopleText, type Sentence, say } from '../../mcp-server/contract/outcomes/sentence.ts';
import type { SubmissionView } from '../../window-contract/approvals.ts';

export interface ApprovalWordsOptions {
  /** The locale for days; the system's when left out. */
  locale?: string | undefined;
}

const span = (first: string, last: string): Sentence => (first === last ? say`${day(first)}` : say`${day(first)} to ${day(last)}`);
const hours = (submission: SubmissionView): string => (submission.hours === null ? '' : ` (${submission.hours} h)`);

/** Why a locked period's entries stay as they are: the words of the refusal a change of them would meet. */
export function lockWords(facts: PeriodLockFacts, options: ApprovalWordsOptions = {}): string {
  return peopleText(periodLockedSaid(facts), options);
}

/** `Submitted your timesheet for Nov 16, 2026 to Nov 22, 2026 (38.5 h): it waits for approval.` */
export function submittedWords(submission: SubmissionView, options: ApprovalWordsOptions = {}): string {
  return peopleText(say`Submitted your timesheet for ${span(submission.firstDay, submission.lastDay)}${hours(submission)}: it waits for approval.`, options);
}

/**
 * `Approved Ada Lovelace's timesheet for May 4, 2026 to May 10, 2026 (40 h).`, or `Rejected …`, and what
 * became of the note: kept with the decision, or not kept (then the person is told it themselves).
 */
export function timesheetDecidedWords(
  submission: SubmissionView,
  decision: 'approve' | 'reject',
  note: { given: boolean; kept: boolean },
  options: ApprovalWordsOptions = {},
): string {
  const kept = !note.given ? '' : note.kept ? ' Your note went with it.' : ` The back end kept no note with it; tell ${submission.person} yourself.`;
  return peopleText(
    say`${decision === 'approve' ? 'Approved' : 'Rejected'} ${submission.person}'s timesheet for ${span(submission.firstDay, submission.lastDay)}${hours(submission)}.${kept}`,
    options,
  );
}
