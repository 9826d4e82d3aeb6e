import * as z from 'zod/v4';
import { MAX_LIST_DAYS } from '../domain/call-limits.ts';
import { formatDuration, formatLocalTime, localDate } from '../domain/time.ts';
import { defineTool } from './define-tool.ts';
import { catalogLookup, dayRange, entryLabel, entryOutput, presentEntry, readDayRange, thisWeekOrOneDay } from './shared.ts';

export default defineTool({
  name: 'list_time_entries',
  title: 'List time entries',
  description: 'Time entries in a date range (default this week), oldest first, 50 per page.',
  capability: 'entries',
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true },
  input: z.object({
    from: z.string().max(32).optional(),
    to: z.string().max(32).optional(),
    project: z.string().max(200).optional(),
    limit: z.number().int().min(1).max(500).optional(),
    offset: z.number().int().min(0).optional(),
  }),
  output: z.object({ entries: z.array(entryOutput), total: z.int(), next_offset: z.int().nullable() }),
  async handler(args, context) {
    const { from, to } = readDayRange(args, context, thisWeekOrOneDay(args, context), { days: MAX_LIST_DAYS });
    const range = dayRange(from, to, context);
    const projectId = await catalogLookup(context).project(args.project);
    const limit = args.limit ?? 50;
    const offset = args.offset ?? 0;
    const { entries, total } = await context.tracker.listEntries({
      from: range.start,
      to: range.end,
      limit,
      offset,
      ...(projectId === null ? {} : { projectId }),
    });
    const next = offset + entries.length < total ? offset + entries.length : null;
    const lines = entries.map(
      (entry) =>
        `#${entry.id} ${localDate(entry.start, context.timezone)} ${formatLocalTime(entry.start, context.timezone)}–${entry.end === null ? 'running' : formatLocalTime(entry.end, context.timezone)} ` +
        `${formatDuration((entry.end ?? context.now()) - entry.start)} ${entryLabel(entry)}`,
    );
    const head = `${total} entries from ${from} to ${to}${next === null ? '' : ` (showing ${offset + 1}–${offset + entries.length}; next offset ${next})`}.`;
    return {
      data: { entries: entries.map((entry) => presentEntry(entry, context)), total, next_offset: next },
      text: [head, ...lines].join('\n'),
    };
  },
});
