import * as z from 'zod/v4';
import { groupSpans, sumSpans } from '../domain/report.ts';
import { formatDuration } from '../domain/time.ts';
import { targetMinutes } from '../domain/leave-days.ts';
import { defineTool, ToolInputError } from './define-tool.ts';
import type { ToolContext } from './context.ts';
import { leaveFractions } from './leave-shared.ts';
import { catalogLookup, dayRange, MINUTE_MS, readDayRange, thisWeekOrOneDay, today } from './shared.ts';

export default defineTool({
  name: 'time_report',
  title: 'Time report',
  description:
    'Worked time by day, week, project or activity (default this week) with overtime vs. target.',
  capability: 'reports',
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true },
  input: z.object({
    from: z.string().max(32).optional(),
    to: z.string().max(32).optional().describe('Inclusive'),
    group_by: z.enum(['day', 'week', 'project', 'activity']).optional().describe('Default day'),
    project: z.string().max(200).optional(),
  }),
  output: z.object({
    from: z.string(),
    to: z.string(),
    groups: z.array(z.object({ key: z.string(), minutes: z.number() })),
    total_minutes: z.number(),
    /** null when the report is filtered to one project: targets are for the whole working day. */
    target_minutes: z.number().nullable(),
    overtime_minutes: z.number().nullable(),
  }),
  async handler(args, context) {
    const { from, to } = readDayRange(args, context, thisWeekOrOneDay(args, context));
    if (from.slice(0, 4) !== to.slice(0, 4) && Number(to.slice(0, 4)) - Number(from.slice(0, 4)) > 1) {
      throw new ToolInputError('A report covers at most two calendar years; ask for a shorter range.');
    }
    const range = dayRange(from, to, context);
    const projectId = await catalogLookup(context).project(args.project);
    const spans = await context.tracker.workSpans(range.start, range.end, context.now(), projectId ?? undefined);
    const groupBy = args.group_by ?? 'day';
    const groups = groupSpans(spans, groupBy, context.timezone).map((group) => ({ key: group.key, minutes: Math.round(group.ms / MINUTE_MS) }));
    const total = Math.round(sumSpans(spans, range.start, range.end) / MINUTE_MS);
    // Days still ahead owe nothing yet, so "so far" ends today.
    const targetTo = to < today(context) ? to : today(context);
    const lines = groups.map((group) => `${group.key}: ${formatDuration(group.minutes * MINUTE_MS)}`);
    const totalText = `Total ${formatDuration(total * MINUTE_MS)} from ${from} to ${to}`;
    if (projectId !== null) {
      return {
        data: { from, to, groups, total_minutes: total, target_minutes: null, overtime_minutes: null },
        text: [`${totalText}.`, ...lines].join('\n'),
      };
    }
    const target = targetTo < from ? 0 : await targetOver(from, targetTo, context);
    const balance = total - target;
    const summary =
      `${totalText}; target so far ${formatDuration(target * MINUTE_MS)}, ` +
      `${balance >= 0 ? 'overtime' : 'shortfall'} ${formatDuration(Math.abs(balance) * MINUTE_MS)}.`;
    return {
      data: { from, to, groups, total_minutes: total, target_minutes: target, overtime_minutes: balance },
      text: [summary, ...lines].join('\n'),
    };
  },
});

async function targetOver(from: string, to: string, context: ToolContext): Promise<number> {
  const [holidays, leave] = await Promise.all([context.holidays(from, to), context.tracker.listLeave({ from, to })]);
  const holidayDates = new Set(holidays.map((holiday) => holiday.date));
  return targetMinutes(from, to, context.settings.workWeek, holidayDates, leaveFractions(leave, context.settings.workWeek, holidayDates));
}
