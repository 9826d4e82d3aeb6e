import { modelText, outside, say } from '../contract/outcomes/sentence.ts';
import { decideTimesheetContract } from '../contract/tools/decide-timesheet.ts';
import { quoted } from './asking.ts';
import { defineTool } from './define-tool.ts';
import { periodWords, presentSubmission } from './approvals-shared.ts';
import { ToolInputError } from './tool-input-error.ts';

export default defineTool({
  ...decideTimesheetContract,
  async handler(args, context) {
    const note = args.note?.trim() || undefined;
    if (args.decision === 'reject' && note === undefined) throw new ToolInputError('timesheet_rejection_needs_note');
    // A back end that decides in its own pages only is said so before anything is read or asked.
    const pages = context.tracker.approvals.inPagesOnly;
    if (pages) throw new ToolInputError('timesheet_decided_in_pages', { back_end: context.tracker.label, page: pages.decide });
    // Found first: one's own, one not this person's to decide, or one decided already is refused here,
    // in words, before anything is sent.
    const submission = await context.tracker.approvals.findForDecision(args.id);
    if (submission.status !== 'pending') {
      throw new ToolInputError('timesheet_already_decided', {
        first_day: submission.firstDay,
        last_day: submission.lastDay,
        person: submission.person,
        status: submission.status,
      });
    }
    const hours = submission.trackedSeconds === null ? '' : ` (${presentSubmission(submission).hours} h)`;
    const what = say`${outside(submission.person)}'s timesheet for ${periodWords(submission)}${hours}`;
    const verb = args.decision === 'approve' ? 'Approve' : 'Reject';
    if (context.ask.available) {
      context.ask.confirm({
        key: 'decide',
        message: `${verb} ${modelText(what)}?${note ? ` Note: ${quoted(note)}` : ''}`,
        shows: { id: submission.id, personId: submission.personId, firstDay: submission.firstDay, decision: args.decision, note: note ?? null },
        unchanged: say`The timesheet was not ${args.decision === 'approve' ? 'approved' : 'rejected'}`,
      });
    }
    const decided = await context.tracker.approvals.decide(submission, args.decision, note);
    const kept =
      note === undefined
        ? ''
        : decided.noteKept
          ? ' The note was kept with it.'
          : say` ${context.tracker.label} kept no note; tell ${outside(submission.person)} yourself.`;
    return {
      data: { submission: presentSubmission(decided.submission), status_before: submission.status, note_kept: note !== undefined && decided.noteKept },
      text: say`${args.decision === 'approve' ? 'Approved' : 'Rejected'} ${what}.${kept}`,
    };
  },
});
