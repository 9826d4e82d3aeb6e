import { definePrompt, steps } from './define-prompt.ts';
import { readMonth } from './prompt-dates.ts';
import { ASK_BEFORE_WRITING, writeTools } from './wording.ts';

export default definePrompt({
  name: 'month_close',
  title: 'Month close',
  description: 'Is a month complete before it is submitted or exported: what is missing, and how to fix it.',
  tools: ['time_report', 'list_time_entries'],
  arguments: [{ name: 'month', description: 'YYYY-MM, this or last; default this', required: false, max: 16, completes: 'month' }],
  render(args, context) {
    const { from, to, label } = readMonth(args.month, context);
    const upTo = to < context.today ? to : context.today;
    const fixes = writeTools(context, ['log_time', 'update_time_entry', 'delete_time_entry', 'clock_out', 'request_leave']);
    return [
      `Check whether my Punchcard timesheet for ${label} (${from} to ${to}) is complete before I submit or export it. Today is ${context.today}; judge the days up to ${upTo}.`,
      '',
      steps(context, [
        {
          tool: 'time_report',
          text: `Call time_report with from ${from}, to ${to}, group_by day: days below their target, and working days with nothing logged.`,
        },
        {
          tool: 'list_time_entries',
          text: `Call list_time_entries with from ${from}, to ${to} (with next_offset while there is one): entries without a project or activity, overlaps, entries without an end, entries over 10 hours.`,
        },
        {
          tool: 'list_leave_requests',
          text: `Call list_leave_requests with from ${from}, to ${to}: a day covered by approved leave needs no time; pending leave is worth a mention.`,
        },
        { tool: 'timer_status', text: 'Call timer_status: a timer still running would change the month.' },
        { text: 'End with a verdict: "ready to submit", or a checklist of what is missing, most important first.' },
        fixes.length > 0
          ? { text: `For each item, propose the fix with the tool and arguments you would use (${fixes.join(', ')}). ${ASK_BEFORE_WRITING}` }
          : { text: 'Changing entries is switched off for you here: say what I should fix in Punchcard myself.' },
      ]),
    ].join('\n');
  },
});
