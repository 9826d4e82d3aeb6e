import { LEAVE_YEARS_AHEAD } from '../domain/call-limits.ts';
import { modelText, recordNamed, say } from '../contract/outcomes/sentence.ts';
import { quoted } from './asking.ts';
import { defineTool } from './define-tool.ts';
import { leaveLabel, presentLeave } from './leave-shared.ts';
import { today } from './shared.ts';
import { cancelLeaveRequestContract } from '../contract/tools/cancel-leave-request.ts';

export default defineTool({
  ...cancelLeaveRequestContract,
  async handler(args, context) {
    // Where the client can ask, the person sees the request before it is withdrawn (asking.ts). It is
    // found where list_leave_requests looks; one from further back is asked about by its number.
    if (context.ask.available) {
      const year = Number(today(context).slice(0, 4));
      const requests = await context.tracker.leave.listLeave({ from: `${year - 1}-01-01`, to: `${year + LEAVE_YEARS_AHEAD}-12-31` });
      const shown = requests.find((request) => request.id === args.id);
      context.ask.confirm({
        key: 'cancel',
        message: shown ? `Cancel leave request ${quoted(modelText(leaveLabel(shown)))}?` : `Cancel leave request #${args.id}?`,
        shows: shown ? presentLeave(shown) : { id: args.id },
        unchanged: say`${recordNamed('Leave request', args.id, 'start')} was not cancelled`,
      });
    }
    const request = await context.tracker.leave.cancelLeave(args.id);
    return { data: { request: presentLeave(request) }, text: say`Cancelled ${leaveLabel(request)}.` };
  },
});
