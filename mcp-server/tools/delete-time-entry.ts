import { formatDuration, formatInstant, localDate } from '../domain/time.ts';
import { modelText, recordNamed, say } from '../contract/outcomes/sentence.ts';
import { quoted } from './asking.ts';
import { defineTool } from './define-tool.ts';
import { locksApply, refuseLockedTime } from './approval-lock.ts';
import { entryLabel, NO_TIMES_KEPT, presentEntry, stableEntry } from './shared.ts';
import type { TimeEntry } from '../providers/time-tracker.ts';
import type { ToolContext } from './context.ts';
import { deleteTimeEntryContract } from '../contract/tools/delete-time-entry.ts';

export default defineTool({
  ...deleteTimeEntryContract,
  async handler(args, context) {
    // Read first where the client can ask (the person sees what goes before it goes, asking.ts) or where
    // the back end has approvals (an entry in a locked period stays).
    const shown = context.ask.available || locksApply(context) ? await context.tracker.entries.getEntry(args.id) : null;
    if (shown) await refuseLockedTime(context, [{ start: shown.start, end: shown.end ?? context.now() }]);
    if (shown && context.ask.available) {
      const length = formatDuration((shown.end ?? context.now()) - shown.start);
      context.ask.confirm({
        key: 'delete',
        message: `Delete time entry #${shown.id} for good? ${quoted(modelText(entryLabel(shown)))}, ${length} ${fromWhen(shown, context)}.`,
        shows: stableEntry(shown),
        unchanged: say`${recordNamed('Time entry', shown.id, 'start')} was not deleted`,
      });
    }
    const entry = await context.tracker.entries.deleteEntry(args.id);
    const length = formatDuration((entry.end ?? context.now()) - entry.start);
    return {
      data: { deleted: presentEntry(entry, context) },
      text: say`Deleted #${entry.id}: ${entryLabel(entry)}, ${length} ${fromWhen(entry, context)}.`,
    };
  },
});

/** "from <its start>", or, where the entry keeps its day and length only (TimeEntry.span), its day and that. */
function fromWhen(entry: TimeEntry, context: Pick<ToolContext, 'timezone'>): string {
  if (entry.span === 'day') return `on ${localDate(entry.start, context.timezone)} (${NO_TIMES_KEPT})`;
  return `from ${formatInstant(entry.start, context.timezone)}`;
}
