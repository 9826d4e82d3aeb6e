import * as z from 'zod/v4';
import { addDays, daysBetween, eachDate, WEEKDAY_NAMES, weekdayName } from '../domain/time.ts';
import { LEAVE_TYPES, type LeaveType } from '../providers/time-tracker.ts';
import { defineTool, ToolInputError } from './define-tool.ts';
import { isActive, leaveDayList } from './leave-shared.ts';
import { readDayRange, today } from './shared.ts';
import { DAY_PARTS, type DayPart, hoursOn } from '../domain/leave-days.ts';

const MAX_DAYS = 92;

export default defineTool({
  name: 'absence_calendar',
  title: 'Absence calendar',
  description:
    'Per day (default next 14): working day, holiday, who is away. Finds free days or a week off.',
  capability: 'calendar',
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true },
  input: z.object({
    from: z.string().max(32).optional(),
    to: z.string().max(32).optional().describe('At most 92 days'),
  }),
  output: z.object({
    days: z.array(
      z.object({
        date: z.string(),
        weekday: z.enum(WEEKDAY_NAMES),
        working_day: z.boolean(),
        holiday: z.string().nullable(),
        away: z.array(z.object({ person: z.string(), type: z.enum(LEAVE_TYPES), part: z.enum(DAY_PARTS) })),
      }),
    ),
  }),
  async handler(args, context) {
    const { from, to } = readDayRange(args, context, { from: today(context), to: (start) => addDays(start, 13) });
    if (daysBetween(from, to) >= MAX_DAYS) throw new ToolInputError(`Ask for at most ${MAX_DAYS} days at a time.`);
    const [holidays, requests] = await Promise.all([context.holidays(from, to), context.tracker.listLeave({ from, to })]);
    const holidayByDate = new Map(holidays.map((holiday) => [holiday.date, holiday.name]));
    const holidayDates = new Set(holidayByDate.keys());
    const away = new Map<string, Array<{ person: string; type: LeaveType; part: DayPart }>>();
    for (const request of requests.filter(isActive)) {
      for (const day of leaveDayList(request, context.settings.workWeek, holidayDates)) {
        // Nobody is "away" on a weekend or a public holiday: there was no work to be away from.
        if (day.counts === 0) continue;
        const list = away.get(day.date) ?? [];
        list.push({ person: request.person, type: request.type, part: day.part });
        away.set(day.date, list);
      }
    }
    const days = eachDate(from, to).map((date) => {
      const holiday = holidayByDate.get(date) ?? null;
      return {
        date,
        weekday: weekdayName(date),
        working_day: hoursOn(date, context.settings.workWeek) > 0 && holiday === null,
        holiday,
        away: away.get(date) ?? [],
      };
    });
    const lines = days
      .filter((day) => !day.working_day || day.away.length > 0)
      .map((day) => {
        const notes = [day.holiday ?? (day.working_day ? '' : 'day off'), ...day.away.map((a) => `${a.person}: ${a.type}${a.part === 'full' ? '' : ` (${a.part})`}`)];
        return `${day.date} ${day.weekday.slice(0, 3)}: ${notes.filter(Boolean).join('; ')}`;
      });
    const freeDays = days.filter((day) => day.working_day && day.away.length === 0).length;
    const text = [`${from} to ${to}: ${freeDays} working days with nobody away.`, ...lines].join('\n');
    return { data: { days }, text };
  },
});
