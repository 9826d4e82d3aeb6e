import { leaveDays, leaveRangeProblem } from '../domain/leave-days.ts';
import { planOf } from '../domain/work-plan.ts';
import { LEAVE_TYPES, type LeaveType, ProviderError } from '../providers/time-tracker.ts';
import type { ToolContext } from './context.ts';
import { defineTool, ToolInputError } from './define-tool.ts';
import { leaveLabel, presentLeave } from './leave-shared.ts';
import { vacationBalance } from './leave-balance.ts';
import { readDate } from './shared.ts';
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
    if (problem) throw new ToolInputError(problem);
    const planned = await context.workDays(firstDay, lastDay);
    const plan = planOf(planned);
    const holidayName = (date: string) => plan(date).holiday ?? 'holiday';
    const counted = leaveDays(shape, plan);
    if (!counted.ok) throw new ToolInputError(counted.message);
    if (counted.workingDays === 0) {
      const skipped = counted.days.map((day) => `${day.date} (${day.reason === 'holiday' ? holidayName(day.date) : 'day off'})`);
      throw new ToolInputError(`No working days in that range: ${skipped.join(', ')}. Nothing to request.`);
    }
    const { type, kind } = leaveTypeOf(args.type);
    const request = await context.tracker.createLeave({
      ...shape,
      type,
      ...(kind ? { kind } : {}),
      days: counted.workingDays,
      comment: args.comment?.trim() ?? '',
    });
    const firstYear = Number(firstDay.slice(0, 4));
    const lastYear = Number(lastDay.slice(0, 4));
    // The request is filed: from here on nothing may turn the result into an error, or the person
    // would file it again. A balance that cannot be read is said, not thrown.
    const left = request.type === 'vacation' ? await vacationLeft(firstYear === lastYear ? [firstYear] : [firstYear, lastYear], context) : null;
    const remaining = left && 'days' in left ? (left.days[0] ?? null) : null;
    const skippedHolidays = counted.days.filter((day) => day.reason === 'holiday').map((day) => holidayName(day.date));
    let text = `Requested ${leaveLabel(request)}.`;
    if (request.parts) {
      const list = request.parts.map((part) => `#${part.id} ${part.firstDay === part.lastDay ? part.firstDay : `${part.firstDay} to ${part.lastDay}`}`);
      text += ` Filed as ${request.parts.length} records: ${list.join(', ')}.`;
    }
    if (skippedHolidays.length > 0) text += ` Public holidays not counted: ${skippedHolidays.join(', ')}.`;
    if (remaining !== null) {
      const parts = [remaining < 0 ? `${-remaining} days over the ${firstYear} vacation entitlement` : `${remaining} vacation days left in ${firstYear}`];
      // Leave over New Year draws on both years' entitlements.
      const next = left && 'days' in left ? left.days[1] : undefined;
      if (typeof next === 'number') parts.push(`${next} in ${lastYear}`);
      text += ` ${parts.join('; ')}.`;
    } else if (left && 'problem' in left) {
      text += ` ${left.problem}`;
    }
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
  if (word === '') throw new ToolInputError(`type: name one, such as ${LEAVE_TYPES.join(', ')}.`);
  return { type: 'other', kind: word };
}

/**
 * Vacation days left in each year (null where there is no limit), or a sentence saying why the balance
 * could not be read: the request itself stands.
 */
async function vacationLeft(years: number[], context: ToolContext): Promise<{ days: Array<number | null> } | { problem: string }> {
  try {
    const balances = await Promise.all(years.map((year) => vacationBalance(year, context)));
    return { days: balances.map((balance) => (balance.unlimited ? null : balance.remaining)) };
  } catch (error) {
    if (!(error instanceof ProviderError)) throw error;
    return { problem: `The vacation balance could not be read afterwards: ${error.message}` };
  }
}
