import { defineTool } from './define-tool.ts';
import { leaveLabel, presentLeave } from './leave-shared.ts';
import { cancelLeaveRequestContract } from '../contract/tools/cancel-leave-request.ts';

export default defineTool({
  ...cancelLeaveRequestContract,
  async handler(args, context) {
    const request = await context.tracker.cancelLeave(args.id);
    return { data: { request: presentLeave(request) }, text: `Cancelled ${leaveLabel(request)}.` };
  },
});
