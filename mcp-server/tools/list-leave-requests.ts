import * as z from 'zod/v4';
import { defineTool } from './define-tool.ts';
import { isActive, leaveLabel, leaveOutput, presentLeave } from './leave-shared.ts';
import { readDayRange, today } from './shared.ts';

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
    // Without an end, the listing runs to the end of the start's year: leave is planned by the year.
    const year = today(context).slice(0, 4);
    const { from, to } = readDayRange(args, context, { from: `${year}-01-01`, to: (start) => `${start.slice(0, 4)}-12-31` });
    const all = await context.tracker.listLeave({ from, to });
    const requests = args.include_cancelled ? all : all.filter(isActive);
    const text = requests.length === 0 ? `No leave requests from ${from} to ${to}.` : requests.map(leaveLabel).join('\n');
    return { data: { requests: requests.map(presentLeave) }, text };
  },
});
