import { definePrompt, steps } from './define-prompt.ts';
import { dayLabel, readWeek } from './prompt-dates.ts';
import { ASK_BEFORE_WRITING, writeTools } from './wording.ts';
import { RULE_SET_NAMES } from '../contract/outcomes/working-time.ts';

export default definePrompt({
  name: 'weekly_review',
  title: 'Weekly review',
  description: 'Check a week against the target: missing days, overlaps, long timers, entries without a project.',
  tools: ['time_report', 'list_time_entries'],
  arguments: [{ name: 'week', description: 'this, last, or a day of the week (YYYY-MM-DD); default this', required: false, max: 32, completes: 'week' }],
  render(args, context) {
    const { from, to } = readWeek(args.week, context);
    const fixes = writeTools(context, ['log_time', 'update_time_entry', 'delete_time_entry', 'clock_out']);
    return [
      `Review my working week in Punchcard: ${dayLabel(from)} to ${dayLabel(to)} (today is ${dayLabel(context.today)}, zone ${context.timezone}).`,
      '',
      steps(context, [
        { tool: 'time_report', text: `Call time_report with from ${from}, to ${to}, group_by day: worked time and target per day, and the overtime so far.` },
        // With working-time rules on, time_report's answer carries their findings (the notice working_time): said, never
        // "fixed" by changing the record, which must stay true (docs/working-time.md).
        context.workingTimeRules !== 'off' && {
          tool: 'time_report',
          text:
            `Where time_report's answer carries working-time findings (a notice), report each with its law (${RULE_SET_NAMES[context.workingTimeRules]}): ` +
            'they are for me and my lead to judge. Never propose changing an entry to clear one; the record stays as worked.',
        },
        { tool: 'list_time_entries', text: `Call list_time_entries with from ${from}, to ${to} (and again with next_offset while there is one).` },
        { tool: 'timer_status', text: 'Call timer_status to see whether a timer is still running.' },
        {
          text:
            'Report in a few lines per day: worked against target; working days up to today with nothing logged; entries that overlap; ' +
            'entries longer than 10 hours, or a timer running since an earlier day; entries without a project.',
        },
        fixes.length > 0
          ? { text: `Propose fixes as a numbered list, each with the tool and arguments you would use (${fixes.join(', ')}). ${ASK_BEFORE_WRITING}` }
          : { text: 'Changing entries is switched off for you here: list the fixes for me to make in Punchcard myself.' },
      ]),
    ].join('\n');
  },
});
