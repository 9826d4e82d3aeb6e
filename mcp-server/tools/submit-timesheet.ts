import { say } from '../contract/outcomes/sentence.ts';
import { submitTimesheetContract } from '../contract/tools/submit-timesheet.ts';
import { defineTool } from './define-tool.ts';
import { hoursIn, periodAsked, periodWords, presentSubmission } from './approvals-shared.ts';
import { today } from './shared.ts';
import { ToolInputError } from './tool-input-error.ts';

export default defineTool({
  ...submitTimesheetContract,
  async handler(args, context) {
    const approvals = context.tracker.approvals;
    const span = await periodAsked(context, args);
    // Said before anything is sent: a period not begun, or one already submitted (the back end would
    // refuse both, in its own words, after the question).
    if (span.firstDay > today(context)) throw new ToolInputError('timesheet_period_future', { first_day: span.firstDay, last_day: span.lastDay });
    const standing = (await approvals.own(span)).find(
      (submission) => submission.firstDay === span.firstDay && (submission.status === 'pending' || submission.status === 'approved'),
    );
    if (standing) {
      throw new ToolInputError('timesheet_already_submitted', {
        first_day: standing.firstDay,
        last_day: standing.lastDay,
        status: standing.status === 'approved' ? 'approved' : 'pending',
        id: standing.id,
      });
    }
    await approvals.checkSubmittable?.(span);
    const hours = await hoursIn(context, span);
    if (context.ask.available) {
      context.ask.confirm({
        key: 'submit',
        message: `Submit your timesheet for ${periodWords(span)} (${hours} h) for approval? ${context.tracker.label} may lock its time until it is decided.`,
        shows: { firstDay: span.firstDay, lastDay: span.lastDay, period: span.period, hours },
        unchanged: say`Your timesheet was not submitted`,
      });
    }
    const submission = await approvals.submit(span, span.period);
    return {
      data: { submission: presentSubmission(submission) },
      text: say`Submitted your timesheet for ${periodWords(span)} (${hours} h) for approval: it is pending (id ${submission.id}).`,
    };
  },
});
