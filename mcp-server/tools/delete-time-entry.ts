import { formatDuration, formatInstant } from '../domain/time.ts';
import { defineTool } from './define-tool.ts';
import { entryLabel, presentEntry } from './shared.ts';
import { deleteTimeEntryContract } from '../contract/tools/delete-time-entry.ts';

export default defineTool({
  ...deleteTimeEntryContract,
  async handler(args, context) {
    const entry = await context.tracker.deleteEntry(args.id);
    const length = formatDuration((entry.end ?? context.now()) - entry.start);
    return {
      data: { deleted: presentEntry(entry, context) },
      text: `Deleted #${entry.id}: ${entryLabel(entry)}, ${length} from ${formatInstant(entry.start, context.timezone)}.`,
    };
  },
});
