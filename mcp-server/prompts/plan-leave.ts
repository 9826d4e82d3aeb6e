import { MAX_CALENDAR_DAYS, MAX_LEAVE_DAYS } from '../domain/call-limits.ts';
import { addDays } from '../domain/time.ts';
import { definePrompt, PromptArgumentError, steps } from './define-prompt.ts';
import { dayLabel, rangeDays, readCount, readDay } from './prompt-dates.ts';

/** How far ahead the search looks when no end is given. */
const DEFAULT_WINDOW_DAYS = 90;

export default definePrompt({
  name: 'plan_leave',
  title: 'Plan leave',
  description: 'Find the best days to take off around public holidays, the team calendar and your balance; files nothing without a yes.',
  tools: ['absence_calendar', 'leave_balance', 'request_leave'],
  arguments: [
    { name: 'from', description: 'earliest day off: YYYY-MM-DD, today or tomorrow; default tomorrow', required: false, max: 32, completes: 'from' },
    { name: 'to', description: `latest day off, YYYY-MM-DD; default ${DEFAULT_WINDOW_DAYS} days after from`, required: false, max: 32, completes: 'to' },
    { name: 'days', description: 'how many working days of leave to take, e.g. 5', required: false, max: 3, completes: 'days' },
    { name: 'type', description: 'kind of leave; default vacation', required: false, max: 60, completes: 'leave_type' },
  ],
  render(args, context) {
    const from = readDay(args.from, context, 'from', addDays(context.today, 1));
    const to = readDay(args.to, context, 'to', addDays(from, DEFAULT_WINDOW_DAYS - 1));
    if (to < from) throw new PromptArgumentError(`to (${to}) is before from (${from}).`);
    if (rangeDays({ from, to }) > MAX_LEAVE_DAYS)
      throw new PromptArgumentError(`From ${from} to ${to} is more than ${MAX_LEAVE_DAYS} days; plan within a year.`);
    const days = readCount(args.days, 'days', MAX_LEAVE_DAYS);
    const type = args.type?.trim() || 'vacation';
    const years = [...new Set([from.slice(0, 4), to.slice(0, 4)])].join(' and ');
    const windows = Math.ceil(rangeDays({ from, to }) / MAX_CALENDAR_DAYS);
    return [
      `Help me plan ${type} leave${days ? ` of ${days} working ${days === 1 ? 'day' : 'days'}` : ''} between ${dayLabel(from)} and ${dayLabel(to)} (today is ${dayLabel(context.today)}).`,
      '',
      steps(context, [
        { tool: 'leave_balance', text: `Call leave_balance for ${years} to see how many vacation days remain.` },
        {
          tool: 'absence_calendar',
          text: `Call absence_calendar from ${from} to ${to}${windows > 1 ? ` in ${windows} parts of at most ${MAX_CALENDAR_DAYS} days` : ''}: my working days, public holidays and who in my team is away.`,
        },
        { tool: 'list_leave_requests', text: `Call list_leave_requests with from ${from}, to ${to}; days I already asked for are taken.` },
        {
          text:
            'Suggest up to three options that give the most days off in a row for the fewest leave days (bridge days between weekends and holidays), ' +
            'avoiding days when much of my team is away. For each: the dates, the leave days it costs, the days off in a row, what would remain of my balance and who else is away.',
        },
        context.offered('request_leave')
          ? {
              text: `Ask me which option I want. File nothing before I say yes; then call request_leave once with type ${type} and exactly those dates, and show the result.`,
            }
          : { text: 'Filing leave is switched off for you here: end with the dates for me to request in Punchcard myself.' },
      ]),
    ].join('\n');
  },
});
