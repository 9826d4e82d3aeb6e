import * as z from 'zod/v4';
import { leaveDays } from '../domain/leave-days.ts';
import { LEAVE_TYPES } from '../providers/time-tracker.ts';
import { defineTool, ToolInputError } from './define-tool.ts';
import { leaveLabel, leaveOutput, presentLeave } from './leave-shared.ts';
import { vacationBalance } from './leave-balance.ts';
import { readDate } from './shared.ts';

export default defineTool({
  name: 'request_leave',
  title: 'Request leave',
  description:
    'File leave; counts working days (no weekends or public holidays); refuses overlaps.',
  capability: 'leave',
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false },
  input: z.object({
    type: z.enum(LEAVE_TYPES),
    first_day: z.string().max(32),
    last_day: z.string().max(32).optional(),
    first_day_part: z.enum(['full', 'afternoon']).optional(),
    last_day_part: z.enum(['full', 'morning']).optional(),
    comment: z.string().max(2000).optional(),
  }),
  output: z.object({
    request: leaveOutput,
    vacation_days_remaining: z.number().nullable(),
    /** Present when the back end stored the request as several records (Kimai: per year, ≤ 30 days). */
    parts: z.array(z.object({ id: z.int(), first_day: z.string(), last_day: z.string() })).optional(),
  }),
  async handler(args, context) {
    const firstDay = readDate(args.first_day, context, 'first_day');
    const lastDay = args.last_day === undefined ? firstDay : readDate(args.last_day, context, 'last_day');
    const holidays = await context.holidays(firstDay, lastDay);
    const holidayDates = new Set(holidays.map((holiday) => holiday.date));
    const shape = {
      firstDay,
      lastDay,
      firstDayPart: args.first_day_part ?? 'full',
      lastDayPart: args.last_day_part ?? 'full',
    } as const;
    const counted = leaveDays(shape, context.settings.workWeek, holidayDates);
    if (!counted.ok) throw new ToolInputError(counted.message);
    if (counted.workingDays === 0) {
      const skipped = counted.days.map((day) => `${day.date} (${day.reason === 'holiday' ? holidays.find((h) => h.date === day.date)?.name ?? 'holiday' : 'day off'})`);
      throw new ToolInputError(`No working days in that range: ${skipped.join(', ')}. Nothing to request.`);
    }
    const request = await context.tracker.createLeave({ ...shape, type: args.type, days: counted.workingDays, comment: args.comment?.trim() ?? '' });
    const firstYear = Number(firstDay.slice(0, 4));
    const remaining = args.type === 'vacation' ? (await vacationBalance(firstYear, context)).remaining : null;
    const skippedHolidays = counted.days.filter((day) => day.reason === 'holiday').map((day) => holidays.find((h) => h.date === day.date)?.name);
    let text = `Requested ${leaveLabel(request)}.`;
    if (request.parts) {
      const list = request.parts.map((part) => `#${part.id} ${part.firstDay === part.lastDay ? part.firstDay : `${part.firstDay} to ${part.lastDay}`}`);
      text += ` Filed as ${request.parts.length} records: ${list.join(', ')}.`;
    }
    if (skippedHolidays.length > 0) text += ` Public holidays not counted: ${skippedHolidays.join(', ')}.`;
    if (remaining !== null) {
      const parts = [remaining < 0 ? `${-remaining} days over the ${firstYear} vacation entitlement` : `${remaining} vacation days left in ${firstYear}`];
      // Leave over New Year draws on both years' entitlements.
      const lastYear = Number(lastDay.slice(0, 4));
      if (lastYear !== firstYear) parts.push(`${(await vacationBalance(lastYear, context)).remaining} in ${lastYear}`);
      text += ` ${parts.join('; ')}.`;
    }
    const parts = request.parts?.map((part) => ({ id: part.id, first_day: part.firstDay, last_day: part.lastDay }));
    return { data: { request: presentLeave(request), vacation_days_remaining: remaining, ...(parts ? { parts } : {}) }, text };
  },
});
