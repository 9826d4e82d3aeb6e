import { formatDuration, isTimeOfDay, localDateTimeToEpoch } from '../domain/time.ts';
import { say } from '../contract/outcomes/sentence.ts';
import { defineTool } from './define-tool.ts';
import { ToolInputError } from './tool-input-error.ts';
import { refuseAgentPrefix } from './agent-labels.ts';
import { keptWords } from './kept-words.ts';
import { refuseLockedTime, sayLockedMeanwhile } from './approval-lock.ts';
import {
  bookedTimes,
  catalogLookup,
  checkBookedSpan,
  dayRange,
  entryLabel,
  MINUTE_MS,
  presentEntry,
  readDate,
  readInstant,
  readMinutes,
  readTimeOfDayOn,
} from './shared.ts';
import { logTimeContract } from '../contract/tools/log-time.ts';
import { checkedFields, refuseFieldsWithout } from './entry-fields.ts';
import { daysAround, sayingCreated } from './working-time-reads.ts';

/** Where a duration-only entry goes when the day has no earlier work to follow. */
const DEFAULT_DAY_START = '09:00';

export default defineTool({
  ...logTimeContract,
  async handler(args, context) {
    refuseFieldsWithout(context.tracker, args.fields);
    refuseAgentPrefix(context.tracker, args.description, 'description', 'Nothing was sent.');
    const { start, end } = await placeEntry(args, context);
    checkBookedSpan(start, end, context);
    await refuseLockedTime(context, [{ start, end }]);
    const refs = catalogLookup(context);
    const projectId = await refs.project(args.project);
    const activityId = await refs.activity(args.activity, projectId);
    // The fields the company requires on the entry, checked before anything is sent.
    const customFields = await checkedFields(context.tracker, args.fields, { projectId, activityId });
    const entry = await sayingCreated(context, daysAround(start, end, context), () =>
      context.tracker.entries.createEntry({
        start,
        end,
        projectId,
        activityId,
        description: args.description?.trim() ?? '',
        ...(customFields ? { customFields } : {}),
      }),
    );
    await sayLockedMeanwhile(context, [entry]);
    const span = say`${formatDuration(end - start)} on ${entryLabel(entry)}, ${bookedTimes(entry, start, end, context)}`;
    const text = keptWords(entry, say`logged ${span}`) ?? say`Logged ${span} (#${entry.id}).`;
    return { data: { entry: presentEntry(entry, context) }, text };
  },
});

async function placeEntry(
  args: { start?: string | undefined; end?: string | undefined; date?: string | undefined; duration?: string | undefined },
  context: Parameters<typeof readDate>[1],
): Promise<{ start: number; end: number }> {
  const hasRange = args.start !== undefined || args.end !== undefined;
  // A date with times of day (`date: 2026-11-27, start: 07:00`) is how people and models say a past day's
  // span: the times are read on that day. A date beside a full time could mean two days: refused.
  const onDate = hasRange && args.date !== undefined ? readDate(args.date, context, 'date') : null;
  if (onDate !== null && ![args.start, args.end].every((time) => time === undefined || isTimeOfDay(time))) {
    throw new ToolInputError('entry_span_and_date');
  }
  const instant = (text: string, field: string) => (onDate === null ? readInstant(text, context, field) : readTimeOfDayOn(text, onDate, context, field));
  if (args.start !== undefined && args.end !== undefined) {
    if (args.duration !== undefined) throw new ToolInputError('entry_end_and_duration');
    return { start: instant(args.start, 'start'), end: instant(args.end, 'end') };
  }
  if (args.duration === undefined) throw new ToolInputError('entry_span_missing');
  const minutes = readMinutes(args.duration, 'duration');
  if (args.start !== undefined) {
    const start = instant(args.start, 'start');
    return { start, end: start + minutes * MINUTE_MS };
  }
  if (args.end !== undefined) {
    const end = instant(args.end, 'end');
    return { start: end - minutes * MINUTE_MS, end };
  }
  const date = args.date === undefined ? readDate('today', context, 'date') : readDate(args.date, context, 'date');
  const day = dayRange(date, date, context);
  const last = await context.tracker.entries.lastEntryEndingBetween(day.start, day.end);
  const start = last?.end ?? localDateTimeToEpoch(date, DEFAULT_DAY_START, context.timezone);
  return { start, end: start + minutes * MINUTE_MS };
}
