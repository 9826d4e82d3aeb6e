import * as z from 'zod/v4';
import { defineTool, ToolInputError } from './define-tool.ts';
import type { EntryFields } from '../providers/time-tracker.ts';
import { catalogLookup, entryLabel, entryOutput, notInFuture, presentEntry, readInstant } from './shared.ts';

export default defineTool({
  name: 'update_time_entry',
  title: 'Update time entry',
  description: 'Edit a time entry by id; empty project or activity clears it.',
  capability: 'entries_edit',
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true },
  input: z.object({
    id: z.number().int().min(1),
    start: z.string().max(64).optional(),
    end: z.string().max(64).optional(),
    project: z.string().max(200).optional(),
    activity: z.string().max(200).optional(),
    description: z.string().max(5000).optional(),
  }),
  output: z.object({ entry: entryOutput }),
  async handler(args, context) {
    const { id, ...changes } = args;
    if (Object.values(changes).every((value) => value === undefined)) {
      throw new ToolInputError('Nothing to change: give at least one of start, end, project, activity or description.');
    }
    const current = await context.tracker.getEntry(id);
    const patch: Partial<EntryFields> = {};
    if (args.start !== undefined) patch.start = notInFuture(readInstant(args.start, context, 'start'), context, 'start');
    if (args.end !== undefined) patch.end = notInFuture(readInstant(args.end, context, 'end'), context, 'end');
    const refs = catalogLookup(context);
    if (args.project !== undefined) patch.projectId = await refs.project(args.project);
    const projectId = patch.projectId === undefined ? (current.project?.id ?? null) : patch.projectId;
    if (args.activity !== undefined) patch.activityId = await refs.activity(args.activity, projectId);
    if (args.description !== undefined) patch.description = args.description.trim();
    const entry = await context.tracker.updateEntry(id, patch);
    return { data: { entry: presentEntry(entry, context) }, text: `Updated #${entry.id}: ${entryLabel(entry)}.` };
  },
});
