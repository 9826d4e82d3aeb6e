import * as z from 'zod/v4';
import { formatDuration, formatInstant } from '../domain/time.ts';
import { defineTool } from './define-tool.ts';
import { entryLabel, entryOutput, presentEntry } from './shared.ts';

export default defineTool({
  name: 'delete_time_entry',
  title: 'Delete time entry',
  description: 'Permanently delete a time entry by id; the result echoes it.',
  capability: 'entries_edit',
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true },
  input: z.object({ id: z.number().int().min(1) }),
  output: z.object({ deleted: entryOutput }),
  async handler(args, context) {
    const entry = await context.tracker.deleteEntry(args.id);
    const length = formatDuration((entry.end ?? context.now()) - entry.start);
    return {
      data: { deleted: presentEntry(entry, context) },
      text: `Deleted #${entry.id}: ${entryLabel(entry)}, ${length} from ${formatInstant(entry.start, context.timezone)}.`,
    };
  },
});
