import { definePrompt, steps } from './define-prompt.ts';
import { dayLabel, readDay } from './prompt-dates.ts';

export default definePrompt({
  name: 'fill_my_day',
  title: 'Fill my day',
  description: 'Turn a few words about a day into time entries on real projects, logged once you confirm them.',
  tools: ['log_time', 'book_suggested_entries'],
  arguments: [
    { name: 'date', description: 'the day: today, yesterday or YYYY-MM-DD; default today', required: false, max: 32, completes: 'date' },
    { name: 'day', description: 'what you did, in order, e.g. "standup, then the invoice bug until lunch, review 14-15"', required: false, max: 2000 },
    { name: 'project', description: 'the project for items that name none', required: false, max: 200, completes: 'project' },
    { name: 'activity', description: 'the activity for items that name none', required: false, max: 200, completes: 'activity' },
  ],
  render(args, context) {
    const date = readDay(args.date, context, 'date', context.today);
    const day = args.day?.trim();
    const defaults = [args.project?.trim() && `project "${args.project.trim()}"`, args.activity?.trim() && `activity "${args.activity.trim()}"`].filter(
      Boolean,
    );
    return [
      `Fill in my time for ${dayLabel(date)} in Punchcard (zone ${context.timezone}).`,
      day ? `What I did, in my words:\n"""\n${day}\n"""` : 'First ask me what I worked on that day, in order, with any times I remember.',
      '',
      steps(context, [
        {
          tool: 'suggest_entries',
          text:
            `Call suggest_entries with from ${date}: drafts from my calendar, commits and sessions, and what is booked. ` +
            'Start from those drafts; my words correct them and add what they miss.',
        },
        {
          tool: 'list_timesheet_approvals',
          text: `Call list_timesheet_approvals with from ${date}, to ${date}: if that day's timesheet is submitted or approved, tell me so and book nothing.`,
        },
        { tool: 'list_catalog', text: 'Call list_catalog for the projects and activities I can book on; use their exact names.' },
        { tool: 'list_time_entries', text: `Call list_time_entries with from ${date}, to ${date} for what is already logged, so nothing is booked twice.` },
        {
          text:
            `Turn my words into entries on ${date} with a start and an end: take the times I gave; where I gave only an order ("then", "until lunch"), ` +
            'fit the items one after another around what is already logged, without overlaps and not after now. ' +
            `Give each item the project and activity it names${defaults.length > 0 ? `, or else ${defaults.join(' and ')}` : ''}. Never invent a project: ask when nothing fits.`,
        },
        {
          text: 'Show the entries as a table (start, end, duration, project, activity, description) with anything you assumed, and ask me to confirm or correct them.',
        },
        context.offered('book_suggested_entries')
          ? {
              tool: 'book_suggested_entries',
              text: 'Log nothing before I confirm. Then book the confirmed drafts with one book_suggested_entries call (their ids, with my corrections).',
            }
          : {
              tool: 'log_time',
              text: 'Log nothing before I confirm. Then call log_time once per entry with exactly the confirmed values, and show what was logged.',
            },
        context.offered('book_suggested_entries') && {
          tool: 'log_time',
          text: 'Call log_time once for each other confirmed entry, with exactly the confirmed values.',
        },
        context.offered('book_suggested_entries') && { text: 'Show what was booked.' },
      ]),
    ].join('\n');
  },
});
