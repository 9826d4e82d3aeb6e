import { modelText, outside, say } from '../contract/outcomes/sentence.ts';
import { withdrawTimesheetContract } from '../contract/tools/withdraw-timesheet.ts';
import { defineTool } from './define-tool.ts';
import { periodAsked, periodWords, presentSubmission } from './approvals-shared.ts';
import { ToolInputError } from './tool-input-error.ts';

export default defineTool({
  ...withdrawTimesheetContract,
  async handler(args, context) {
    const approvals = context.tracker.approvals;
    if (args.id !== undefined && args.period_start !== undefined) throw new ToolInputError('timesheet_withdraw_both');
    // A back end that takes a submission back in its own pages only is said so before anything is read or asked.
    const pages = approvals.inPagesOnly;
    if (pages) throw new ToolInputError('timesheet_withdrawn_in_pages', { back_end: context.tracker.label, page: pages.withdraw });
    if (args.id !== undefined) {
      // An approver withdraws an approval; the person's own submission is withdrawn by its period.
      const submission = await approvals.findForDecision(args.id);
      if (submission.status !== 'approved') {
        throw new ToolInputError('timesheet_not_approved', {
          first_day: submission.firstDay,
          last_day: submission.lastDay,
          person: submission.person,
          status: submission.status,
        });
      }
      const what = say`${outside(submission.person)}'s approved timesheet for ${periodWords(submission)}`;
      if (context.ask.available) {
        context.ask.confirm({
          key: 'withdraw',
          message: `Withdraw the approval of ${modelText(what)}? Its time can be changed again.`,
          shows: { id: submission.id, firstDay: submission.firstDay, personId: submission.personId },
          unchanged: say`The approval was not withdrawn`,
        });
      }
      const withdrawn = await approvals.withdraw(submission, 'approver');
      return {
        data: { submission: presentSubmission(withdrawn), status_before: submission.status },
        text: say`Withdrew the approval of ${what}; its time is open again.`,
      };
    }
    const span = await periodAsked(context, args);
    const own = (await approvals.own(span)).filter((submission) => submission.firstDay === span.firstDay);
    const pending = own.find((submission) => submission.status === 'pending');
    if (!pending) {
      const approved = own.some((submission) => submission.status === 'approved');
      throw new ToolInputError('timesheet_nothing_to_withdraw', { first_day: span.firstDay, last_day: span.lastDay, status: approved ? 'approved' : null });
    }
    if (context.ask.available) {
      context.ask.confirm({
        key: 'withdraw',
        message: `Withdraw your submitted timesheet for ${periodWords(pending)}?`,
        shows: { id: pending.id, firstDay: pending.firstDay },
        unchanged: say`Your submission was not withdrawn`,
      });
    }
    const withdrawn = await approvals.withdraw(pending, 'owner');
    return {
      data: { submission: presentSubmission(withdrawn), status_before: pending.status },
      text: say`Withdrew your timesheet for ${periodWords(pending)}; you can change its time and submit it again.`,
    };
  },
});
