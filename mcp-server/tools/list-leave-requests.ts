import { LEAVE_YEARS_AHEAD, MAX_LEAVE_LIST_YEARS } from '../domain/call-limits.ts';
import { joined } from '../contract/outcomes/sentence.ts';
import { defineTool } from './define-tool.ts';
import { isActive } from '../domain/leave-tally.ts';
import { leaveLabel, presentLeave } from './leave-shared.ts';
import { readDayRange, today } from './shared.ts';
import { listLeaveRequestsContract } from '../contract/tools/list-leave-requests.ts';

export default defineTool({
  ...listLeaveRequestsContract,
  async handler(args, context) {
    // "My leave requests" means this year's and whatever is planned ahead: in November, January's
    // request belongs in the list. With only a start, the listing runs to the end of that year.
    const year = Number(today(context).slice(0, 4));
    const { from, to } = readDayRange(
      args,
      context,
      {
        from: `${year}-01-01`,
        to: (start) => (args.from === undefined ? `${year + LEAVE_YEARS_AHEAD}-12-31` : `${start.slice(0, 4)}-12-31`),
      },
      { years: MAX_LEAVE_LIST_YEARS },
    );
    const all = await context.tracker.leave.listLeave({ from, to });
    const requests = args.include_cancelled ? all : all.filter(isActive);
    const range = args.to === undefined && args.from === undefined ? `from ${from} on` : `from ${from} to ${to}`;
    const text = requests.length === 0 ? [`No leave requests ${range}.`] : joined(requests.map(leaveLabel), '\n');
    return { data: { requests: requests.map(presentLeave) }, text };
  },
});
