import { addDays, formatDuration, formatLocalTime, localDate, startOfLocalDay } from '../domain/time.ts';
import { bookSuggestedEntriesContract } from '../contract/tools/book-suggested-entries.ts';
import type { Draft } from '../evidence/drafts.ts';
import { quotedEvidence } from '../evidence/evidence-quotes.ts';
import { causeOf, type TimeEntry } from '../providers/time-tracker.ts';
import { quoted } from './asking.ts';
import type { ToolContext } from './context.ts';
import { joined, say } from '../contract/outcomes/sentence.ts';
import { defineTool } from './define-tool.ts';
import { draftDays } from './evidence-day.ts';
import { catalogLookup, entryLabel, entryWhen, MINUTE_MS, notInFuture, presentEntry, readInstant } from './shared.ts';
import { ToolInputError } from './tool-input-error.ts';
import { refuseAgentPrefix } from './agent-labels.ts';
import { refuseLockedTime, sayLockedMeanwhile } from './approval-lock.ts';
import { checkedFields, refuseFieldsWithout } from './entry-fields.ts';
import type { FieldWrite } from '../domain/entry-fields.ts';
import { daysAround, sayingCreated } from './working-time-reads.ts';

interface Booking {
  draft: string;
  start: number;
  end: number;
  projectId: number;
  activityId: number | null;
  description: string;
  /** The project as the person named it, or the draft's: what the question shows. */
  projectWords: string;
  /** The custom fields to write with it, checked before the first is booked. */
  customFields?: FieldWrite[];
}

export default defineTool({
  ...bookSuggestedEntriesContract,
  async handler(args, context) {
    if (args.entries.length === 0) throw new ToolInputError('drafts_none_named');
    for (const entry of args.entries) refuseFieldsWithout(context.tracker, entry.fields);
    for (const entry of args.entries) refuseAgentPrefix(context.tracker, entry.description, `Draft ${quoted(entry.id)}: description`, 'Nothing was booked.');
    const { from, to, drafts } = await draftDays({ from: args.from, ...(args.to === undefined ? {} : { to: args.to }) }, context);
    // Every id and correction is checked before anything is sent: a refusal books nothing at all.
    const bookings = await plannedBookings(args.entries, drafts, context);
    await refuseLockedTime(context, bookings);
    context.ask.confirm({
      key: 'book',
      message: `Book ${bookings.length} ${bookings.length === 1 ? 'entry' : 'entries'}?\n${bookings.map((booking) => `• ${bookingLine(booking, context)}`).join('\n')}`,
      shows: bookings,
      unchanged: 'Nothing was booked.',
    });
    // The working-time findings the bookings create are said beside them (tools/working-time-reads.ts): read over
    // the days from the first draft's to the last's, before and after, never a reason to book otherwise.
    const touched = daysAround(Math.min(...bookings.map((booking) => booking.start)), Math.max(...bookings.map((booking) => booking.end)), context);
    const booked = await sayingCreated(context, touched, () => bookEach(bookings, context));
    await sayLockedMeanwhile(
      context,
      booked.map(({ entry }) => entry),
    );
    const lines = booked.map(({ entry, draft }) => {
      const span = entryWhen(entry, context);
      return say`#${entry.id} ${span} ${formatDuration((entry.end ?? entry.start) - entry.start)} ${entryLabel(entry)} (draft ${draft})`;
    });
    return {
      data: { booked: booked.map(({ entry, draft }) => ({ ...presentEntry(entry, context), draft })) },
      text: joined(
        [`Booked ${booked.length} ${booked.length === 1 ? 'entry' : 'entries'} from the drafts of ${from === to ? from : `${from} to ${to}`}:`, ...lines],
        '\n',
      ),
    };
  },
});

/** Each booking in turn; a failure after the first stops them, and what was booked stays booked and is named. */
async function bookEach(bookings: readonly Booking[], context: ToolContext): Promise<{ entry: TimeEntry; draft: string }[]> {
  const booked: { entry: TimeEntry; draft: string }[] = [];
  for (const booking of bookings) {
    try {
      const entry = await context.tracker.entries.createEntry({
        start: booking.start,
        end: booking.end,
        projectId: booking.projectId,
        activityId: booking.activityId,
        description: booking.description,
        ...(booking.customFields ? { customFields: booking.customFields } : {}),
      });
      booked.push({ entry, draft: booking.draft });
    } catch (error) {
      if (booked.length === 0) throw error;
      // What was booked stays booked (and leaves the drafts); the person hears exactly which went in.
      throw new ToolInputError('drafts_booking_stopped', {
        booked: booked.map(({ entry, draft }) => ({ draft, entry: entry.id })),
        not_booked: bookings.slice(booked.length).map((booking) => booking.draft),
        cause: causeOf(error),
      });
    }
  }
  return booked;
}

type Correction = {
  id: string;
  project?: string | undefined;
  activity?: string | undefined;
  description?: string | undefined;
  start?: string | undefined;
  end?: string | undefined;
  fields?: Readonly<Record<string, unknown>> | undefined;
};

async function plannedBookings(entries: readonly Correction[], drafts: readonly Draft[], context: ToolContext): Promise<Booking[]> {
  const byId = new Map(drafts.map((draft) => [draft.id, draft]));
  const seen = new Set<string>();
  const refs = catalogLookup(context);
  const bookings: Booking[] = [];
  for (const correction of entries) {
    if (seen.has(correction.id)) throw new ToolInputError('draft_named_twice', { draft: correction.id });
    seen.add(correction.id);
    const draft = byId.get(correction.id);
    if (!draft) throw new ToolInputError('draft_gone', { draft: quoted(correction.id) });
    const projectId = correction.project !== undefined ? await refs.project(correction.project) : (draft.project?.id ?? null);
    if (projectId === null) throw new ToolInputError('draft_project_missing', { draft: draft.id, evidence: quotedEvidence(draft.evidence) });
    const activityId =
      correction.activity !== undefined
        ? await refs.activity(correction.activity, projectId)
        : correction.project === undefined || draft.project?.id === projectId
          ? (draft.activity?.id ?? null)
          : null;
    // Checked here, not by the back end's refusal of one write: the drafts before it would be booked already.
    if (activityId === null && context.tracker.catalog.entriesNeedActivity) {
      throw new ToolInputError('draft_activity_missing', { draft: draft.id, evidence: quotedEvidence(draft.evidence), back_end: context.tracker.label });
    }
    const day = localDate(draft.start, context.timezone);
    const start = correction.start === undefined ? draft.start : correctionInstant(correction.start, day, context, `start of ${draft.id}`);
    const end = correction.end === undefined ? draft.end : correctionInstant(correction.end, day, context, `end of ${draft.id}`);
    keptOnItsDay(draft.id, day, start, end, context);
    if (end <= start) throw new ToolInputError('draft_ends_before_start', { draft: draft.id });
    if (end - start > 24 * 60 * MINUTE_MS) throw new ToolInputError('draft_too_long', { draft: draft.id });
    notInFuture(end, context, `end of ${draft.id}`);
    // A draft's own words are a meeting's title or commit subjects, which others choose.
    const description = (correction.description ?? draft.description).trim();
    refuseAgentPrefix(context.tracker, description, `Draft ${draft.id}: the description`, 'Nothing was booked.');
    // Each draft's fields, for its own project: a refusal names the draft, and nothing is booked.
    const customFields = await checkedFields(context.tracker, correction.fields, { projectId, activityId, draft: draft.id });
    bookings.push({
      ...(customFields ? { customFields } : {}),
      draft: draft.id,
      start,
      end,
      projectId,
      activityId,
      description,
      projectWords: correction.project ?? draft.project?.name ?? '',
    });
  }
  return bookings;
}

/**
 * A correction's instant: a bare time of day ("09:15") is on the draft's own day, as the person reading
 * the draft means it, not today; any other form is read as everywhere else (shared.ts, readInstant).
 */
function correctionInstant(text: string, day: string, context: ToolContext, field: string): number {
  const clock = /^\s*(\d{1,2}:\d{2}(?::\d{2})?)\s*$/.exec(text)?.[1];
  return readInstant(clock === undefined ? text : `${day}T${clock}`, context, field);
}

/**
 * A correction changes a draft's times within its own day, in the person's zone (its end may be the
 * midnight after it); it never moves the draft to another day, which its evidence does not speak for.
 * Other time is logged with log_time. Checked before anything is sent, like every correction.
 */
function keptOnItsDay(id: string, day: string, start: number, end: number, context: ToolContext): void {
  const dayStart = startOfLocalDay(day, context.timezone);
  const dayEnd = startOfLocalDay(addDays(day, 1), context.timezone);
  const off: ['start' | 'end', number] | null = start < dayStart || start >= dayEnd ? ['start', start] : end <= dayStart || end > dayEnd ? ['end', end] : null;
  if (!off) return;
  const [which, instant] = off;
  const at = `${localDate(instant, context.timezone)}T${formatLocalTime(instant, context.timezone)}`;
  throw new ToolInputError('draft_off_its_day', { draft: id, day, which, at });
}

function bookingLine(booking: Booking, context: ToolContext): string {
  return (
    `${localDate(booking.start, context.timezone)} ${formatLocalTime(booking.start, context.timezone)}–${formatLocalTime(booking.end, context.timezone)} ` +
    `${quoted(booking.projectWords, 40)}: ${quoted(booking.description, 60)}`
  );
}
