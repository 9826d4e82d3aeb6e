import * as z from 'zod/v4';
import { defineTool } from './define-tool.ts';
import { leaveLabel, leaveOutput, presentLeave } from './leave-shared.ts';

export default defineTool({
  name: 'cancel_leave_request',
  title: 'Cancel leave request',
  description: 'Cancel a leave request by id; it stays listed as cancelled.',
  capability: 'leave_cancel',
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: false },
  input: z.object({ id: z.number().int().min(1) }),
  output: z.object({ request: leaveOutput }),
  async handler(args, context) {
    const request = await context.tracker.cancelLeave(args.id);
    return { data: { request: presentLeave(request) }, text: `Cancelled ${leaveLabel(request)}.` };
  },
});
