// Leave beyond the balance, held back before anything is filed: a mistaken or prompt-injected model
// must not spend a year's vacation and more in one call. The engine counts what the request would
// leave of the balance it draws on (vacation only; sick leave and the like draw on none); beyond it,
// the person is asked where the client can ask, and otherwise the call is refused unless it says it
// means it (`beyond_balance: true`). Where nobody approves leave (the local timesheet), the person's
// Preferences must allow leave beyond the balance at all. A back end that keeps rules of its own
// (Clockify's negative balances, Calamari's allowances) still has the last word, said in its words.
import { balanceLeft, balancesFor, type BalanceLeft, costPerYear, isBeyond, leftWords } from '../domain/leave-allowance.ts';
import type { LeaveDay } from '../domain/leave-days.ts';
import { type NewLeaveRequest, BackEndError } from '../providers/time-tracker.ts';
import type { ToolContext } from './context.ts';
import { ToolInputError } from './tool-input-error.ts';
import { vacationBalance } from './leave-balance.ts';

/**
 * What the request leaves of the vacation balance, or why that could not be read now (`unreadable`);
 * a sentence where it draws on a balance of its own Punchcard does not read (`unread`); null where it
 * draws on none.
 */
export type Drawn = { left: BalanceLeft[] } | { unreadable: string; unread?: undefined } | { unread: string; unreadable?: undefined } | null;

/** The balance the request draws on, read before it is filed. */
export async function balanceDrawn(request: NewLeaveRequest, days: readonly LeaveDay[], context: ToolContext): Promise<Drawn> {
  const draw = context.tracker.leave.leaveDraw
    ? await context.tracker.leave.leaveDraw(request)
    : request.type === 'vacation' && request.kind === undefined
      ? 'vacation'
      : 'none';
  if (draw === 'none') return null;
  if (typeof draw === 'object') return { unread: `Punchcard did not check it against a balance: ${draw.unread}` };
  const costs = costPerYear(days);
  try {
    return { left: balanceLeft(costs, await balancesFor(costs, (year) => vacationBalance(year, context))) };
  } catch (error) {
    // Where the back end keeps the balance and cannot say it now, it is said, not guessed; the back
    // end's own rules still apply to what is filed.
    if (!(error instanceof BackEndError)) throw error;
    return { unreadable: `Punchcard could not check it against your vacation balance first: ${error.message}` };
  }
}

/**
 * Returns where the request may be filed: within the balance, or beyond it with the person's yes (or
 * the call's `beyond_balance` where the client cannot ask). Otherwise it asks, or refuses in words.
 */
export function holdBeyondBalance(request: NewLeaveRequest, left: readonly BalanceLeft[], meantByCall: boolean, context: ToolContext): void {
  if (!isBeyond(left)) return;
  const beyond = {
    type: request.type,
    kind: request.kind ?? null,
    first_day: request.firstDay,
    last_day: request.lastDay,
    days: request.days,
    left,
  };
  if (context.tracker.leave.approvesLeaveAtOnce && !context.settings.leave.allowBeyondBalance) {
    throw new ToolInputError('leave_beyond_balance_not_allowed', beyond);
  }
  // A client that can ask asks the person even when the call says it means it: the person decides, not the model.
  if (context.ask.available) {
    context.ask.confirm({
      key: 'beyond_balance',
      message: `Request ${what(request)} (${days(request.days)})? That goes beyond your vacation balance: it would leave ${leftWords(left)}.`,
      shows: { request: [request.type, request.kind ?? null, request.firstDay, request.lastDay, request.firstDayPart, request.lastDayPart], left },
      unchanged: 'No leave was requested',
    });
    return;
  }
  if (!meantByCall) throw new ToolInputError('leave_beyond_balance', beyond);
}

/** "vacation from 2026-08-03 to 2026-08-28": the request as its question names it. */
function what(request: NewLeaveRequest): string {
  return `${request.kind ?? request.type} ${request.firstDay === request.lastDay ? `on ${request.firstDay}` : `from ${request.firstDay} to ${request.lastDay}`}`;
}

function days(count: number): string {
  return `${count} ${count === 1 ? 'day' : 'days'}`;
}
