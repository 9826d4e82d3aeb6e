import { tallyLeave } from '../domain/leave-tally.ts';
import { planOf } from '../domain/work-plan.ts';
import { type LeaveBalance } from '../providers/time-tracker.ts';
import { defineTool } from './define-tool.ts';
import type { ToolContext } from './context.ts';
import { today } from './shared.ts';
import { leaveBalanceContract } from '../contract/tools/leave-balance.ts';

export default defineTool({
  ...leaveBalanceContract,
  async handler(args, context) {
    const year = args.year ?? Number(today(context).slice(0, 4));
    const balance = await vacationBalance(year, context);
    const other = Object.entries(balance.other).map(([type, days]) => `${type} ${days}`);
    const source = context.tracker.leave.leaveBalance ? ('back_end' as const) : ('settings' as const);
    const carried = balance.carryOver ? ` (${balance.carryOver} carried over)` : '';
    const text =
      (balance.unlimited
        ? `${year}: vacation without a limit; ${balance.taken} days taken, ${balance.planned} planned.`
        : balance.entitlement === null
          ? `${year}: ${balance.remaining} vacation days left; ${balance.taken} taken, ${balance.planned} planned.`
          : `${year}: ${balance.entitlement} vacation days${carried}, ${balance.taken} taken, ${balance.planned} planned, ${balance.remaining} remaining.`) +
      (other.length > 0 ? ` Other leave: ${other.join(', ')} days.` : '') +
      (source === 'back_end' ? ` As ${context.tracker.label} keeps it.` : '');
    return {
      data: {
        year,
        entitlement: balance.entitlement,
        carry_over: balance.carryOver,
        unlimited: balance.unlimited === true,
        across_years: balance.acrossYears === true,
        taken: balance.taken,
        planned: balance.planned,
        remaining: balance.remaining,
        other_leave_days: balance.other,
        source,
      },
      text: [text],
    };
  },
});

/**
 * The back end's account where it keeps entitlements; otherwise counted here: days before today are
 * taken, today and later planned, days outside the year do not count, and the settings give the
 * entitlement.
 */
export async function vacationBalance(year: number, context: ToolContext): Promise<LeaveBalance> {
  if (context.tracker.leave.leaveBalance) return context.tracker.leave.leaveBalance(year);
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  const [requests, days] = await Promise.all([context.tracker.leave.listLeave({ from, to }), context.workDays(from, to)]);
  const now = today(context);
  const { taken, planned, other } = tallyLeave(requests, planOf(days), { from, to, today: now });
  const { annualDays, carryOverDays } = context.settings.leave;
  const carryOver = year === Number(now.slice(0, 4)) ? carryOverDays : 0;
  const entitlement = annualDays + carryOver;
  return { entitlement, carryOver, taken, planned, remaining: entitlement - taken - planned, other };
}
