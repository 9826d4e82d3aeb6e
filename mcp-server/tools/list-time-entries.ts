import { MAX_LIST_DAYS } from '../domain/call-limits.ts';
import { formatDuration } from '../domain/time.ts';
import { joined, say } from '../contract/outcomes/sentence.ts';
import { defineTool } from './define-tool.ts';
import { catalogLookup, dayRange, entryLabel, entryWhen, impossibleOf, noteImpossibleEntries, presentEntry, readDayRange, thisWeekOrOneDay } from './shared.ts';
import { listTimeEntriesContract } from '../contract/tools/list-time-entries.ts';

export default defineTool({
  ...listTimeEntriesContract,
  async handler(args, context) {
    const { from, to } = readDayRange(args, context, thisWeekOrOneDay(args, context), { days: MAX_LIST_DAYS });
    const range = dayRange(from, to, context);
    const projectId = await catalogLookup(context).project(args.project);
    const limit = args.limit ?? 50;
    const offset = args.offset ?? 0;
    const { entries, total } = await context.tracker.entries.listEntries({
      from: range.start,
      to: range.end,
      limit,
      offset,
      ...(projectId === null ? {} : { projectId }),
    });
    const next = offset + entries.length < total ? offset + entries.length : null;
    // Listed as the back end keeps them, each said in a notice: no total counts them.
    noteImpossibleEntries(entries.map(impossibleOf), context);
    const lines = entries.map(
      (entry) => say`#${entry.id} ${entryWhen(entry, context)} ${formatDuration((entry.end ?? context.now()) - entry.start)} ${entryLabel(entry)}`,
    );
    const head = `${total} ${total === 1 ? 'entry' : 'entries'} from ${from} to ${to}${next === null ? '' : ` (showing ${offset + 1}–${offset + entries.length}; next offset ${next})`}.`;
    return {
      data: { entries: entries.map((entry) => presentEntry(entry, context)), total, next_offset: next },
      text: joined([head, ...lines], '\n'),
    };
  },
});
