import { say } from '../contract/outcomes/sentence.ts';
import { defineTool } from './define-tool.ts';
import { ToolInputError } from './tool-input-error.ts';
import { refuseAgentPrefix } from './agent-labels.ts';
import { refuseLockedTime, sayLockedMeanwhile } from './approval-lock.ts';
import type { EntryFields } from '../providers/time-tracker.ts';
import { catalogLookup, entryLabel, notInFuture, presentEntry, readInstant } from './shared.ts';
import { updateTimeEntryContract } from '../contract/tools/update-time-entry.ts';
import { checkedFields, refuseFieldsWithout } from './entry-fields.ts';
import { daysAround, sayingCreated } from './working-time-reads.ts';

export default defineTool({
  ...updateTimeEntryContract,
  async handler(args, context) {
    const { id, ...changes } = args;
    if (Object.values(changes).every((value) => value === undefined)) throw new ToolInputError('entry_change_missing');
    refuseFieldsWithout(context.tracker, args.fields);
    refuseAgentPrefix(context.tracker, args.description, 'description', 'Nothing was sent.');
    const current = await context.tracker.entries.getEntry(id);
    if (current.locked) throw new ToolInputError('entry_locked', { entry: id, reason: current.locked });
    const patch: Partial<EntryFields> = {};
    if (args.start !== undefined) patch.start = notInFuture(readInstant(args.start, context, 'start'), context, 'start');
    if (args.end !== undefined) patch.end = notInFuture(readInstant(args.end, context, 'end'), context, 'end');
    // Where the entry is and where it would go: a locked period keeps its time either way.
    const end = current.end ?? context.now();
    await refuseLockedTime(context, [
      { start: current.start, end },
      { start: patch.start ?? current.start, end: patch.end ?? end },
    ]);
    const refs = catalogLookup(context);
    if (args.project !== undefined) patch.projectId = await refs.project(args.project);
    const projectId = patch.projectId === undefined ? (current.project?.id ?? null) : patch.projectId;
    if (args.activity !== undefined) patch.activityId = await refs.activity(args.activity, projectId);
    if (args.description !== undefined) patch.description = args.description.trim();
    // The fields of the entry's project as it will be; the values it carries count, and are kept where not named.
    // A timer still running is held to them only when it stops, where the back end lets it start without them.
    const running = current.end === null && patch.end === undefined;
    const customFields = await checkedFields(context.tracker, args.fields, {
      projectId,
      activityId: patch.activityId === undefined ? (patch.projectId === undefined ? (current.activity?.id ?? null) : null) : patch.activityId,
      ...(current.fields ? { present: current.fields } : {}),
      checkRequired: !(running && context.tracker.entryFields?.timerStartsWithout),
    });
    if (customFields) patch.customFields = customFields;
    // Only a change of its times can create a working-time finding: the days it left and the days it moves to.
    const moved = patch.start !== undefined || patch.end !== undefined;
    const days = daysAround(Math.min(current.start, patch.start ?? current.start), Math.max(end, patch.end ?? end), context);
    const write = () => context.tracker.entries.updateEntry(id, patch);
    const entry = moved ? await sayingCreated(context, days, write) : await write();
    // Only a move can land in a period locked meanwhile: the back end itself holds a locked period's entries.
    if (patch.start !== undefined || patch.end !== undefined) await sayLockedMeanwhile(context, [entry]);
    return { data: { entry: presentEntry(entry, context) }, text: say`Updated #${entry.id}: ${entryLabel(entry)}.` };
  },
});
