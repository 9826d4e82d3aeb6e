import * as z from 'zod/v4';
import { LEAVE_YEARS_AHEAD, MAX_LEAVE_LIST_YEARS } from '../domain/call-limits.ts';
import { defineTool } from './define-tool.ts';
import { isActive } from '../domain/leave-tally.ts';
import { leaveLabel, leaveOutput, presentLeave } from './leave-shared.ts';
import { readDayRange, today } from './shared.ts';

export default defineTool({
  name: 'list_leave_requests',
  title: 'List leave requests',
  description: 'Leave requests in a date range (default: this year and all upcoming).',
  capability: 'leave',
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true },
  input: z.object({
    from: z.string().max(32).optional(),
    to: z.string().max(32).optional(),
    include_cancelled: z.boolean().optional(),
  }),
  output: z.object({ requests: z.array(leaveOutput) }),
  async handler(args, context) {
    // "My leave requests" means this year's and whatever is planned ahead: in November, January's
    // request belongs in the list. With only a start, the listing runs to the end of that year.
    const year = Number(today(context).slice(0, 4));
    const { from, to } = readDayRange(args, context, {
      from: `${year}-01-01`,
      to: (start) => (args.from === undefined ? `${year + LEAVE_YEARS_AHEAD}-12-31` : `${start.slice(0, 4)}-12-31`),
    }, { years: MAX_LEAVE_LIST_YEARS });
    const all = await context.tracker.listLeave({ from, to });
    const requests = args.include_cancelled ? all : all.filter(isActive);
    const range = args.to === undefined && args.from === undefined ? `from ${from} on` : `from ${from} to ${to}`;
    const text = requests.length === 0 ? `No leave requests ${range}.` : requests.map(leaveLabel).join('\n');
    return { data: { requests: requests.map(presentLeave) }, text };
  },
});
