import * as z from 'zod/v4';
import { formatDuration, formatLocalTime } from '../domain/time.ts';
import { defineTool, ToolInputError } from './define-tool.ts';
import { entryLabel, entryOutput, presentEntry } from './shared.ts';

export default defineTool({
  name: 'end_break',
  title: 'End break',
  description: 'End the running break.',
  capability: 'breaks',
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false },
  input: z.object({}),
  output: z.object({ shift: entryOutput }),
  async handler(_args, context) {
    const { tracker } = context;
    if (!tracker.endBreak) throw new ToolInputError(`${tracker.label} has no breaks.`);
    const shift = await tracker.endBreak();
    const ended = shift.breaks?.filter((span) => span.end !== null).at(-1);
    const took = ended?.end ? ` after ${formatDuration(ended.end - ended.start)}` : '';
    return {
      data: { shift: presentEntry(shift, context) },
      text: `Break ended${took}; back on ${entryLabel(shift)} at ${formatLocalTime(ended?.end ?? context.now(), context.timezone)}.`,
    };
  },
});
