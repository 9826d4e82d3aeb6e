import * as z from 'zod/v4';
import { defineTool, ToolInputError } from './define-tool.ts';
import { isActive, leaveLabel, leaveOutput, presentLeave } from './leave-shared.ts';
import { readDate, today } from './shared.ts';

export default defineTool({
  name: 'list_leave_requests',
  title: 'List leave requests',
  description: 'Leave requests in a date range (default this year).',
  capability: 'leave',
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true },
  input: z.object({
    from: z.string().max(32).optional(),
    to: z.string().max(32).optional(),
    include_cancelled: z.boolean().optional(),
  }),
  output: z.object({ requests: z.array(leaveOutput) }),
  async handler(args, context) {
    const year = today(context).slice(0, 4);
    const from = args.from === undefined ? `${year}-01-01` : readDate(args.from, context, 'from');
    const to = args.to === undefined ? (args.from === undefined ? `${year}-12-31` : `${from.slice(0, 4)}-12-31`) : readDate(args.to, context, 'to');
    if (to < from) throw new ToolInputError(`to (${to}) is before from (${from}).`);
    const all = await context.tracker.listLeave({ from, to });
    const requests = args.include_cancelled ? all : all.filter(isActive);
    const text = requests.length === 0 ? `No leave requests from ${from} to ${to}.` : requests.map(leaveLabel).join('\n');
    return { data: { requests: requests.map(presentLeave) }, text };
  },
});
