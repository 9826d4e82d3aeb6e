import { formatDuration } from '../domain/time.ts';
import { recordAgentTimeContract } from '../contract/tools/record-agent-time.ts';
import { say } from '../contract/outcomes/sentence.ts';
import { defineTool } from './define-tool.ts';
import { keptWords } from './kept-words.ts';
import { refuseLockedTime, sayLockedMeanwhile } from './approval-lock.ts';
import { bookedTimes, catalogLookup, checkBookedSpan, entryLabel, presentEntry, readInstant } from './shared.ts';
import { ToolInputError } from './tool-input-error.ts';
import { checkedFields, refuseFieldsWithout } from './entry-fields.ts';

// An AI agent books the time of its own work: never the person's hours (time_report and the window
// leave it out), labelled in the back end with the client's own name, which no argument can set, so
// an agent cannot book in another's name nor pass its time off as the person's.
export default defineTool({
  ...recordAgentTimeContract,
  async handler(args, context) {
    const agent = context.client?.slug ?? '';
    if (context.client === null) throw new ToolInputError('agent_client_unnamed');
    if (agent === '') throw new ToolInputError('agent_client_name_unusable', { name: context.client.name });
    refuseFieldsWithout(context.tracker, args.fields);
    const description = args.description.trim();
    if (description === '') throw new ToolInputError('agent_description_missing');
    if (args.project.trim() === '') throw new ToolInputError('agent_project_missing');
    const start = readInstant(args.start, context, 'start');
    const end = readInstant(args.end, context, 'end');
    checkBookedSpan(start, end, context);
    // The agent's time is booked in the person's timesheet: an approved period keeps it out as it keeps theirs.
    await refuseLockedTime(context, [{ start, end }]);
    const refs = catalogLookup(context);
    const projectId = await refs.project(args.project);
    const activityId = await refs.activity(args.activity, projectId);
    const customFields = await checkedFields(context.tracker, args.fields, { projectId, activityId });
    const entry = await context.tracker.entries.createEntry({
      start,
      end,
      projectId,
      activityId,
      description,
      agent,
      ...(customFields ? { customFields } : {}),
    });
    await sayLockedMeanwhile(context, [entry]);
    const span = say`${formatDuration(end - start)} of ${agent}'s own time on ${entryLabel(entry)}, ${bookedTimes(entry, start, end, context)}`;
    const text = keptWords(entry, say`recorded ${span}`) ?? say`Recorded ${span} (#${entry.id}); it does not count as the person's hours.`;
    return { data: { entry: presentEntry(entry, context) }, text };
  },
});
