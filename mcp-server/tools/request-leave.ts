import { balancesFor } from '../domain/leave-allowance.ts';
import { leaveDays, leaveRangeProblem } from '../domain/leave-days.ts';
import { planOf } from '../domain/work-plan.ts';
import { LEAVE_TYPES, type LeaveType, type NewLeaveRequest, BackEndError } from '../providers/time-tracker.ts';
import type { ToolContext } from './context.ts';
import { joined, outside, type Part, say } from '../contract/outcomes/sentence.ts';
import { defineTool } from './define-tool.ts';
import { ToolInputError } from './tool-input-error.ts';
import { balanceDrawn, holdBeyondBalance } from './leave-beyond-balance.ts';
import { leaveLabel, presentLeave } from './leave-shared.ts';
import { vacationBalance } from './leave-balance.ts';
import { readDate, refusedInput } from './shared.ts';
import { requestLeaveContract } from '../contract/tools/request-leave.ts';

export default defineTool({
  ...requestLeaveContract,
  async handler(args, context) {
    const firstDay = readDate(args.first_day, context, 'first_day');
    const lastDay = args.last_day === undefined ? firstDay : readDate(args.last_day, context, 'last_day');
    const shape = {
      firstDay,
      lastDay,
      firstDayPart: args.first_day_part ?? 'full',
      lastDayPart: args.last_day_part ?? 'full',
    } as const;
    // Before the plan is fetched: its days (and a back end's requests for them) grow with the range.
    const problem = leaveRangeProblem(shape);
    if (problem) throw refusedInput(problem);
    const planned = await context.workDays(firstDay, lastDay);
    const plan = planOf(planned);
    // A holiday's name may be the back end's (its own calendar), said as its words.
    const holidayName = (date: string): Part => {
      const name = plan(date).holiday;
      return name === null ? 'holiday' : outside(name);
    };
    const counted = leaveDays(shape, plan);
    if (!counted.ok) throw refusedInput(counted.problem);
    if (counted.workingDays === 0) {
      const days = counted.days.map((day) =>
        day.reason === 'holiday'
          ? { date: day.date, reason: 'holiday' as const, holiday: plan(day.date).holiday }
          : { date: day.date, reason: 'day_off' as const, holiday: null },
      );
      throw new ToolInputError('leave_no_working_days', { days });
    }
    const { type, kind } = leaveTypeOf(args.type);
    const asked: NewLeaveRequest = { ...shape, type, ...(kind ? { kind } : {}), days: counted.workingDays, comment: args.comment?.trim() ?? '' };
    // Before anything is filed: leave beyond the balance is asked about, or refused in words.
    const drawn = await balanceDrawn(asked, counted.days, context);
    if (drawn && 'left' in drawn) holdBeyondBalance(asked, drawn.left, args.beyond_balance === true, context);
    const request = await context.tracker.leave.createLeave(asked);
    // The request is filed: from here on nothing may turn the result into an error, or the person
    // would file it again. What is left is what was left before less this request (no second read,
    // which Calamari's hourly quota would pay for); only a balance that could not be read before is
    // read again, and one that still cannot be is said, not thrown.
    const left =
      drawn && 'left' in drawn
        ? drawn.left.map((item) => ({ year: item.year, days: item.after }))
        : drawn && 'unreadable' in drawn
          ? await vacationLeft(yearsOf(firstDay, lastDay), context)
          : null;
    const remaining = Array.isArray(left) ? (left[0]?.days ?? null) : null;
    const skippedHolidays = counted.days.filter((day) => day.reason === 'holiday').map((day) => holidayName(day.date));
    const text: Part[] = [say`Requested ${leaveLabel(request)}.`];
    if (request.parts) {
      const list = request.parts.map((part) => `#${part.id} ${part.firstDay === part.lastDay ? part.firstDay : `${part.firstDay} to ${part.lastDay}`}`);
      text.push(` Filed as ${request.parts.length} records: ${list.join(', ')}.`);
    }
    if (skippedHolidays.length > 0) text.push(say` Public holidays not counted: ${joined(skippedHolidays, ', ')}.`);
    if (drawn && !('left' in drawn)) text.push(` ${drawn.unread ?? drawn.unreadable}`);
    if (Array.isArray(left) && left[0]) text.push(` ${leftText(left[0], left[1])}.`);
    else if (left && 'problem' in left) text.push(` ${left.problem}`);
    const parts = request.parts?.map((part) => ({ id: part.id, first_day: part.firstDay, last_day: part.lastDay }));
    return { data: { request: presentLeave(request), vacation_days_remaining: remaining, ...(parts ? { parts } : {}) }, text };
  },
});

/**
 * Punchcard's own type names (any case) are its types; any other word is a type by the back end's
 * own name ("special leave", a company's "Remote day"), which the back end resolves or refuses.
 */
function leaveTypeOf(text: string): { type: LeaveType; kind?: string } {
  const word = text.trim();
  const own = LEAVE_TYPES.find((type) => type === word.toLowerCase());
  if (own) return { type: own };
  if (word === '') throw new ToolInputError('leave_type_missing', { types: LEAVE_TYPES });
  return { type: 'other', kind: word };
}

/**
 * Vacation days left in each year the request falls in, read after it was filed (none where there is
 * no limit; a balance across years once, without a year), or a sentence saying why they could not be
 * read: the request itself stands.
 */
async function vacationLeft(years: number[], context: ToolContext): Promise<Array<{ year: number | null; days: number }> | { problem: string }> {
  try {
    const balances = await balancesFor(
      years.map((year) => ({ year })),
      (year) => vacationBalance(year, context),
    );
    return [...balances]
      .filter(([, balance]) => !balance.unlimited)
      .map(([year, balance]) => ({ year: balance.acrossYears ? null : year, days: balance.remaining }));
  } catch (error) {
    if (!(error instanceof BackEndError)) throw error;
    return { problem: `The vacation balance could not be read afterwards: ${error.message}` };
  }
}

/** "3 vacation days left in 2026; 20 in 2027", "41 days over the 2026 vacation entitlement", "5 days over the vacation balance". */
function leftText(first: { year: number | null; days: number }, next: { year: number | null; days: number } | undefined): string {
  const words =
    first.days < 0
      ? `${dayCount(-first.days)} over the ${first.year === null ? 'vacation balance' : `${first.year} vacation entitlement`}`
      : `${first.days} vacation ${first.days === 1 ? 'day' : 'days'} left${first.year === null ? '' : ` in ${first.year}`}`;
  // Leave over New Year draws on both years' entitlements.
  return next ? `${words}; ${next.days} in ${next.year}` : words;
}

/** "1 day", "3 days", "0.5 days". */
function dayCount(count: number): string {
  return `${count} ${count === 1 ? 'day' : 'days'}`;
}

/** The calendar years from the first day's to the last day's (a request spans at most two). */
function yearsOf(firstDay: string, lastDay: string): number[] {
  const first = Number(firstDay.slice(0, 4));
  const last = Number(lastDay.slice(0, 4));
  return first === last ? [first] : [first, last];
}
