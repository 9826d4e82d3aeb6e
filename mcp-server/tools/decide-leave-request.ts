import { modelText, outside, recordNamed, say } from '../contract/outcomes/sentence.ts';
import { decideLeaveRequestContract } from '../contract/tools/decide-leave-request.ts';
import { quoted } from './asking.ts';
import { defineTool } from './define-tool.ts';

export default defineTool({
  ...decideLeaveRequestContract,
  async handler(args, context) {
    const { tracker } = context;
    // Found first: a request Punchcard can tell is not this person's to decide is refused here, in
    // words, before anything is sent (docs/decisions.md, "The team group").
    const request = await tracker.teamLeave.findPendingLeave(args.id);
    const reason = args.reason?.trim() || undefined;
    const verb = args.decision === 'approve' ? 'Approve' : 'Reject';
    const span = request.firstDay === request.lastDay ? request.firstDay : `${request.firstDay} to ${request.lastDay}`;
    const what = say`${outside(request.person)}'s ${request.kind === undefined ? request.type : outside(request.kind)} ${span} (${request.days} ${request.days === 1 ? 'working day' : 'working days'})`;
    // Where the client can ask, the person sees who, what and when before the decision is sent.
    if (context.ask.available) {
      context.ask.confirm({
        key: 'decide',
        message: `${verb} ${modelText(what)}?${reason ? ` Reason: ${quoted(reason)}` : ''}`,
        shows: {
          id: request.id,
          personId: request.personId,
          firstDay: request.firstDay,
          lastDay: request.lastDay,
          type: request.type,
          decision: args.decision,
          reason: reason ?? null,
        },
        unchanged: say`${recordNamed('Leave request', request.id, 'start')} was not ${args.decision === 'approve' ? 'approved' : 'rejected'}`,
      });
    }
    const decided = await tracker.teamLeave.decideLeave(request, args.decision, reason);
    const kept =
      reason === undefined
        ? ''
        : decided.reasonKept
          ? ' The reason was kept with it.'
          : say` ${tracker.label} keeps no reason with a decision; tell ${outside(request.person)} yourself.`;
    return {
      data: {
        request: {
          id: decided.request.id,
          person: decided.request.person,
          type: decided.request.type,
          first_day: decided.request.firstDay,
          last_day: decided.request.lastDay,
          days: decided.request.days,
          status: decided.request.status,
        },
        reason_kept: reason !== undefined && decided.reasonKept,
      },
      text: say`${args.decision === 'approve' ? 'Approved' : 'Rejected'} ${what}.${kept}`,
    };
  },
});
