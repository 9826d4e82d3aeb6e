import { addDays, formatDuration, formatLocalTime, localDate, startOfLocalDay } from '../domain/time.ts';
import { bookSuggestedEntriesContract } from '../contract/tools/book-suggested-entries.ts';
import type { Draft } from '../evidence/drafts.ts';
import { quotedEvidence } from '../evidence/evidence-quotes.ts';
import type { TimeEntry } from '../providers/time-tracker.ts';
import { quoted } from './asking.ts';
import type { ToolContext } from './context.ts';
import { defineTool } from './define-tool.ts';
import { draftDays } from './evidence-day.ts';
import { catalogLookup, entryLabel, MINUTE_MS, notInFuture, presentEntry, readInstant } from './shared.ts';
import { ToolInputError } from './tool-input-error.ts';
import { refuseAgentPrefix } from './agent-labels.ts';

interface Booking {
  draft: string;
  start: number;
  end: number;
  projectId: number;
  activityId: number | null;
  description: string;
  /** The project as the person named it, or the draft's: what the question shows. */
  projectWords: string;
}

export default defineTool({
  ...bookSuggestedEntriesContract,
  async handler(args, context) {
    if (args.entries.length === 0) throw new ToolInputError('Name at least one draft to book: entries holds the ids suggest_entries showed.');
    for (const entry of args.entries) refuseAgentPrefix(context.tracker, entry.description, `Draft ${quoted(entry.id)}: description`, 'Nothing was booked.');
    const { from, to, drafts } = await draftDays({ from: args.from, ...(args.to === undefined ? {} : { to: args.to }) }, context);
    // Every id and correction is checked before anything is sent: a refusal books nothing at all.
    const bookings = await plannedBookings(args.entries, drafts, context);
    context.ask.confirm({
      key: 'book',
      message: `Book ${bookings.length} ${bookings.length === 1 ? 'entry' : 'entries'}?\n${bookings.map((booking) => `• ${bookingLine(booking, context)}`).join('\n')}`,
      shows: bookings,
      unchanged: 'Nothing was booked.',
    });
    const booked: { entry: TimeEntry; draft: string }[] = [];
    for (const booking of bookings) {
      try {
        const entry = await context.tracker.entries.createEntry({
          start: booking.start,
          end: booking.end,
          projectId: booking.projectId,
          activityId: booking.activityId,
          description: booking.description,
        });
        booked.push({ entry, draft: booking.draft });
      } catch (error) {
        if (booked.length === 0) throw error;
        // What was booked stays booked (and leaves the drafts); the person hears exactly which went in.
        const rest = bookings.slice(booked.length).map((booking) => booking.draft);
        throw new ToolInputError(
          `Booked ${booked.map(({ entry, draft }) => `${draft} as #${entry.id}`).join(', ')}; then: ${(error as Error).message} ` +
            `Not booked: ${rest.join(', ')}. Ask suggest_entries again for what is still open.`,
        );
      }
    }
    const lines = booked.map(({ entry, draft }) => {
      const span = `${localDate(entry.start, context.timezone)} ${formatLocalTime(entry.start, context.timezone)}–${formatLocalTime(entry.end ?? entry.start, context.timezone)}`;
      return `#${entry.id} ${span} ${formatDuration((entry.end ?? entry.start) - entry.start)} ${entryLabel(entry)} (draft ${draft})`;
    });
    return {
      data: { booked: booked.map(({ entry, draft }) => ({ ...presentEntry(entry, context), draft })) },
      text: [
        `Booked ${booked.length} ${booked.length === 1 ? 'entry' : 'entries'} from the drafts of ${from === to ? from : `${from} to ${to}`}:`,
        ...lines,
      ].join('\n'),
    };
  },
});

type Correction = {
  id: string;
  project?: string | undefined;
  activity?: string | undefined;
  description?: string | undefined;
  start?: string | undefined;
  end?: string | undefined;
};

async function plannedBookings(entries: readonly Correction[], drafts: readonly Draft[], context: ToolContext): Promise<Booking[]> {
  const byId = new Map(drafts.map((draft) => [draft.id, draft]));
  const seen = new Set<string>();
  const refs = catalogLookup(context);
  const bookings: Booking[] = [];
  for (const correction of entries) {
    if (seen.has(correction.id)) throw new ToolInputError(`Draft ${correction.id} is named twice; name each draft once. Nothing was booked.`);
    seen.add(correction.id);
    const draft = byId.get(correction.id);
    if (!draft) {
      throw new ToolInputError(
        `Draft ${quoted(correction.id)} is not among the drafts of these days any more (it was booked, or its evidence or what is booked changed). ` +
          'Nothing was booked; call suggest_entries again for the drafts as they are now.',
      );
    }
    const projectId = correction.project !== undefined ? await refs.project(correction.project) : (draft.project?.id ?? null);
    if (projectId === null) {
      throw new ToolInputError(`Draft ${draft.id} (${quotedEvidence(draft.evidence)}) has no project: give one (list_catalog names them). Nothing was booked.`);
    }
    const activityId =
      correction.activity !== undefined
        ? await refs.activity(correction.activity, projectId)
        : correction.project === undefined || draft.project?.id === projectId
          ? (draft.activity?.id ?? null)
          : null;
    // Checked here, not by the back end's refusal of one write: the drafts before it would be booked already.
    if (activityId === null && context.tracker.catalog.entriesNeedActivity) {
      throw new ToolInputError(
        `Draft ${draft.id} (${quotedEvidence(draft.evidence)}) has no activity, and ${context.tracker.label} books every entry on one: give one (list_catalog names them). Nothing was booked.`,
      );
    }
    const day = localDate(draft.start, context.timezone);
    const start = correction.start === undefined ? draft.start : correctionInstant(correction.start, day, context, `start of ${draft.id}`);
    const end = correction.end === undefined ? draft.end : correctionInstant(correction.end, day, context, `end of ${draft.id}`);
    keptOnItsDay(draft.id, day, start, end, context);
    if (end <= start) throw new ToolInputError(`Draft ${draft.id}: end must be after start. Nothing was booked.`);
    if (end - start > 24 * 60 * MINUTE_MS) throw new ToolInputError(`Draft ${draft.id}: an entry can be at most 24 hours long. Nothing was booked.`);
    notInFuture(end, context, `end of ${draft.id}`);
    // A draft's own words are a meeting's title or commit subjects, which others choose.
    const description = (correction.description ?? draft.description).trim();
    refuseAgentPrefix(context.tracker, description, `Draft ${draft.id}: the description`, 'Nothing was booked.');
    bookings.push({
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
  throw new ToolInputError(
    `Draft ${id} is a draft of ${day}: a correction keeps it on that day, and its ${which} ` +
      `${localDate(instant, context.timezone)}T${formatLocalTime(instant, context.timezone)} is not. Log other time with log_time. Nothing was booked.`,
  );
}

function bookingLine(booking: Booking, context: ToolContext): string {
  return (
    `${localDate(booking.start, context.timezone)} ${formatLocalTime(booking.start, context.timezone)}–${formatLocalTime(booking.end, context.timezone)} ` +
    `${quoted(booking.projectWords, 40)}: ${quoted(booking.description, 60)}`
  );
}
