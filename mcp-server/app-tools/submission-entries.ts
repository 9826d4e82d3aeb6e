// The handler of the window's read of a submission's entries (contract/app-tools/submission-entries.ts).
// Registered by the server only for the engine that proved it is the app (engine/mcp-server.ts,
// appTools), and listed only while the back end has approvals, as decide_timesheet is.
import { MAX_SUBMISSION_ENTRIES, submissionEntriesContract } from '../contract/app-tools/submission-entries.ts';
import { formatInstant } from '../domain/time.ts';
import { presentSubmission } from '../tools/approvals-shared.ts';
import { outside, say } from '../contract/outcomes/sentence.ts';
import { defineAppTool } from '../tools/define-tool.ts';

export const submissionEntries = defineAppTool({
  ...submissionEntriesContract,
  async handler({ id }, context) {
    const approvals = context.tracker.approvals;
    const submission = await approvals.findForDecision(id);
    const found = await approvals.entriesOf(submission, MAX_SUBMISSION_ENTRIES + 1);
    const entries = found.slice(0, MAX_SUBMISSION_ENTRIES).map((entry) => ({
      start: formatInstant(entry.start, context.timezone),
      end: entry.end === null ? null : formatInstant(entry.end, context.timezone),
      minutes: Math.round(((entry.end ?? context.now()) - entry.start) / 60_000),
      project: entry.project,
      activity: entry.activity,
      description: entry.description,
    }));
    return {
      data: { submission: presentSubmission(submission), entries, more: found.length > MAX_SUBMISSION_ENTRIES },
      text: say`${outside(submission.person)}'s timesheet for ${submission.firstDay} to ${submission.lastDay} holds ${entries.length}${found.length > MAX_SUBMISSION_ENTRIES ? '+' : ''} entries.`,
    };
  },
});
