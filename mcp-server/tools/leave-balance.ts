import * as z from 'zod/v4';
import { LEAVE_TYPES, type LeaveType } from '../providers/time-tracker.ts';
import { defineTool } from './define-tool.ts';
import type { ToolContext } from './context.ts';
import { isActive, leaveDayList } from './leave-shared.ts';
import { today } from './shared.ts';

export default defineTool({
  name: 'leave_balance',
  title: 'Leave balance',
  description: 'Vacation days of a year: entitlement, taken, planned, remaining; other leave days.',
  capability: 'leave',
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true },
  input: z.object({ year: z.number().int().min(2000).max(2100).optional() }),
  output: z.object({
    year: z.int(),
    entitlement: z.number(),
    taken: z.number(),
    planned: z.number(),
    remaining: z.number(),
    /** Days per leave type other than vacation, for the types the year has any of. */
    other_leave_days: z.partialRecord(z.enum(LEAVE_TYPES).exclude(['vacation']), z.number()),
  }),
  async handler(args, context) {
    const year = args.year ?? Number(today(context).slice(0, 4));
    const balance = await vacationBalance(year, context);
    const other = Object.entries(balance.other).map(([type, days]) => `${type} ${days}`);
    const text =
      `${year}: ${balance.entitlement} vacation days, ${balance.taken} taken, ${balance.planned} planned, ${balance.remaining} remaining.` +
      (other.length > 0 ? ` Other leave: ${other.join(', ')} days.` : '');
    return {
      data: {
        year,
        entitlement: balance.entitlement,
        taken: balance.taken,
        planned: balance.planned,
        remaining: balance.remaining,
        other_leave_days: balance.other,
      },
      text,
    };
  },
});

/** Days before today are taken, today and later planned; days outside the year do not count. */
export async function vacationBalance(year: number, context: ToolContext) {
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  const [requests, holidays] = await Promise.all([context.tracker.listLeave({ from, to }), context.holidays(from, to)]);
  const holidayDates = new Set(holidays.map((holiday) => holiday.date));
  const now = today(context);
  let taken = 0;
  let planned = 0;
  const other: Partial<Record<Exclude<LeaveType, 'vacation'>, number>> = {};
  for (const request of requests.filter(isActive)) {
    for (const day of leaveDayList(request, context.settings.workWeek, holidayDates)) {
      if (day.date < from || day.date > to || day.counts === 0) continue;
      if (request.type !== 'vacation') other[request.type] = (other[request.type] ?? 0) + day.counts;
      else if (day.date < now) taken += day.counts;
      else planned += day.counts;
    }
  }
  const { annualDays, carryOverDays } = context.settings.leave;
  const entitlement = annualDays + (year === Number(now.slice(0, 4)) ? carryOverDays : 0);
  return { entitlement, taken, planned, remaining: entitlement - taken - planned, other };
}
