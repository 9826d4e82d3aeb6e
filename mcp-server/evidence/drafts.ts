// The drafting core of the day from evidence (suggest_entries, book_suggested_entries): from what the
// sources read of the person's day, the entries a person would book, without overlaps, each with the
// project the person's rules or own past bookings name, or none. Pure: no clock, no files, no back end;
// the caller reads the evidence, what is booked and the rules, and passes `now`, so the same input
// always gives the same drafts with the same ids (book_suggested_entries recomputes them to book).
// How drafts are made, in words for people: docs/evidence.md.
import { type Ref } from '../domain/records.ts';
import { eachDate, isValidDate, localDate } from '../domain/time.ts';
import { type Candidate, type DayBounds, ceilMinute, commitCandidates, dayBoundsOf, floorMinute, spanCandidates } from './draft-candidates.ts';
import { draftDescription } from './draft-descriptions.ts';
import { pieceId } from './draft-ids.ts';
import { type DraftRule, type Mapping, type PastBooking, draftMapper } from './draft-mapping.ts';
import { TakenTime } from './draft-overlaps.ts';
import { bookedByDayOnly, type DayOnlyBooking, type EvidenceDraft } from './day-only-bookings.ts';
import { type EvidenceItem, type EvidenceSource } from './evidence.ts';

export { type DraftRule, type PastBooking } from './draft-mapping.ts';

/** What the back end already holds in the range: nothing is drafted over it. */
export interface BookedSpan {
  id: number;
  start: number;
  end: number;
  project: Ref | null;
  /**
   * 'day' where the back end keeps the entry's day and length only (TimeEntry.span): it takes no time of its day, and
   * books instead the evidence it matches (day-only-bookings.ts), by its activity and words.
   */
  span?: 'day';
  activity?: Ref | null;
  description?: string;
}

export interface DraftEvidence {
  source: EvidenceSource;
  /** The instant of that evidence: an event's start, a commit's author time. */
  at: number;
  text: string;
  /** For a commit, its repository's folder name. */
  repository?: string;
}

export interface Draft {
  id: string;
  start: number;
  end: number;
  minutes: number;
  project: Ref | null;
  activity: Ref | null;
  description: string;
  evidence: DraftEvidence[];
  confidence: 'high' | 'medium' | 'low';
}

/** A draft no rule and no past booking names a project for: the person is told, not guessed for. */
export interface UnmappedEvidence {
  source: EvidenceSource;
  text: string;
  minutes: number;
}

export interface DraftInput {
  evidence: readonly EvidenceItem[];
  booked: readonly BookedSpan[];
  rules: readonly DraftRule[];
  /** The person's own entries of the 60 days before now. */
  past: readonly PastBooking[];
  /** Ticket ids of the evidence that the tracker resolved as projects of its own (Jira issue keys on Tempo), by the id as written. */
  keyed?: ReadonlyMap<string, Ref>;
  /** 'YYYY-MM-DD', both included, in `timezone`. */
  from: string;
  to: string;
  now: number;
  timezone: string;
}

export interface DraftResult {
  drafts: Draft[];
  unmapped: UnmappedEvidence[];
}

/**
 * Which evidence wins where two would cover the same time: what the person booked beats everything
 * (it is placed before any draft), then a meeting (it happened at that time, by the person's own
 * calendar), then commits (their times are exact, but the work's start is estimated), then an AI
 * stretch, then mere activity at the computer, which says least about what was done.
 */
const PRECEDENCE: Record<EvidenceSource, number> = { calendar: 0, git: 1, ai: 2, activity: 3 };

/** Pieces shorter than this are not worth an entry: the remains of a draft cut around a meeting. */
export const MIN_DRAFT_MS = 5 * 60_000;
/** A draft shows at most this many pieces of its evidence (a day of many commits would flood the chat). */
export const EVIDENCE_SHOWN = 20;

export function draftEntries(input: DraftInput): DraftResult {
  const { from, to, timezone } = input;
  for (const date of [from, to]) {
    if (!isValidDate(date)) throw new RangeError(`"${date}" is not a date; write days as YYYY-MM-DD, such as 2026-03-30.`);
  }
  if (to < from) throw new RangeError(`The range ends (${to}) before it begins (${from}); give the earlier day first.`);
  const days = dayBoundsOf(eachDate(from, to), timezone);
  // Nothing is drafted after now: the ends of drafts stop at the last whole minute that has passed.
  const now = floorMinute(input.now);

  const taken = new Map<string, TakenTime>([...days.keys()].map((day) => [day, new TakenTime()]));
  for (const span of input.booked) if (span.span !== 'day') takeBooked(span, days, taken);

  const mapOf = draftMapper(input.rules, input.past, input.now, input.keyed);
  const candidates = placementOrder(candidatesOf(input.evidence, days, timezone, now));
  const bookedWithoutTimes = bookedByDayOnlyEntries(input.booked, candidates, taken, mapOf, timezone);
  const placed: Array<{ draft: Draft; source: EvidenceSource }> = [];
  for (const candidate of candidates) {
    const dayTaken = taken.get(candidate.day) as TakenTime;
    if (bookedWithoutTimes.has(candidate.id)) {
      // Booked by an entry that keeps no times: its time is taken now, so nothing lesser is drafted over it.
      dayTaken.take(candidate);
      continue;
    }
    const pieces = dayTaken.freeParts(candidate);
    if (!pieces.some((piece) => piece.end - piece.start >= MIN_DRAFT_MS)) continue;
    const mapping = mapOf(candidate.items);
    const description = draftDescription(candidate.source, candidate.items);
    // Pieces are numbered before the short ones are dropped, so a piece keeps its id when a sliver
    // elsewhere in the draft grows past five minutes or shrinks below.
    pieces.forEach((piece, index) => {
      if (piece.end - piece.start < MIN_DRAFT_MS) return;
      dayTaken.take(piece);
      const draft: Draft = {
        id: pieceId(candidate.id, index),
        start: piece.start,
        end: piece.end,
        minutes: Math.round((piece.end - piece.start) / 60_000),
        project: mapping?.project ?? null,
        activity: mapping?.activity ?? null,
        description,
        evidence: candidate.items
          .slice(0, EVIDENCE_SHOWN)
          .map((item) => ({ source: item.source, at: item.start, text: item.text, ...(item.group === undefined ? {} : { repository: item.group }) })),
        confidence: confidenceOf(candidate.source, mapping),
      };
      placed.push({ draft, source: candidate.source });
    });
  }
  placed.sort(({ draft: a }, { draft: b }) => a.start - b.start || a.end - b.end || a.id.localeCompare(b.id));
  return {
    drafts: placed.map(({ draft }) => draft),
    // In the drafts' own order, so the text a person reads lists what is left open as the table does.
    unmapped: placed.filter(({ draft }) => draft.project === null).map(({ draft, source }) => ({ source, text: draft.description, minutes: draft.minutes })),
  };
}

/**
 * Every source's candidates within the days asked, cut off at now; one that would start at or after
 * now is dropped. The same evidence read twice (one meeting in two subscribed calendars) counts once.
 */
function candidatesOf(evidence: readonly EvidenceItem[], days: ReadonlyMap<string, DayBounds>, timezone: string, now: number): Candidate[] {
  const seen = new Set<string>();
  const items = evidence.filter((item) => {
    const key = `${item.source}:${item.key}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const commits = items.filter((item) => item.source === 'git');
  const spans = items.filter((item) => item.source !== 'git').flatMap((item) => spanCandidates(item, days));
  return [...spans, ...commitCandidates(commits, days, timezone)]
    .map((candidate) => ({ ...candidate, end: Math.min(candidate.end, now) }))
    .filter((candidate) => candidate.end > candidate.start);
}

/**
 * Higher precedence first; within a source the earlier start wins (two meetings at once: the one that
 * began first keeps its time), then the longer; the id settles the rest so the order never depends on
 * how the sources listed their evidence.
 */
function placementOrder(candidates: Candidate[]): Candidate[] {
  return candidates.sort(
    (a, b) => PRECEDENCE[a.source] - PRECEDENCE[b.source] || a.start - b.start || b.end - b.start - (a.end - a.start) || a.id.localeCompare(b.id),
  );
}

/**
 * The candidates that entries keeping their day and length only (BookedSpan.span) already book (day-only-bookings.ts),
 * each by its minutes whole and free of the entries with times; none where no entry is such, as on most back ends.
 */
function bookedByDayOnlyEntries(
  booked: readonly BookedSpan[],
  candidates: readonly Candidate[],
  taken: ReadonlyMap<string, TakenTime>,
  mapOf: (items: Candidate['items']) => Mapping | null,
  timezone: string,
): Set<string> {
  const dayOnly: DayOnlyBooking[] = booked
    .filter((span) => span.span === 'day')
    .map((span) => ({
      id: span.id,
      day: localDate(span.start, timezone),
      minutes: Math.round((span.end - span.start) / 60_000),
      project: span.project,
      activity: span.activity ?? null,
      description: span.description ?? '',
    }));
  if (dayOnly.length === 0) return new Set();
  const minutesOf = (spans: ReadonlyArray<{ start: number; end: number }>) => Math.round(spans.reduce((sum, span) => sum + span.end - span.start, 0) / 60_000);
  const evidence: EvidenceDraft[] = candidates.map((candidate) => ({
    id: candidate.id,
    day: candidate.day,
    minutes: [minutesOf([candidate]), minutesOf(taken.get(candidate.day)?.freeParts(candidate) ?? [])],
    mapping: mapOf(candidate.items),
    description: draftDescription(candidate.source, candidate.items),
  }));
  return bookedByDayOnly(dayOnly, evidence);
}

/** A booked entry takes its time on each day it touches, widened to whole minutes so no draft's minute overlaps it. */
function takeBooked(span: BookedSpan, days: ReadonlyMap<string, DayBounds>, taken: ReadonlyMap<string, TakenTime>): void {
  for (const bounds of days.values()) {
    const start = Math.max(span.start, bounds.start);
    const end = Math.min(span.end, bounds.end);
    if (end > start) taken.get(bounds.day)?.take({ start: floorMinute(start), end: ceilMinute(end) });
  }
}

/**
 * How sure a draft is, from how firmly its evidence says when and what: `high` for a meeting with a
 * project (the person's calendar says when, their rule or past booking says what); `medium` for commits
 * or an AI stretch with a project (what is named, but when the work began is estimated); `low` for a
 * draft without a project, and for mere activity at the computer, which never says what was done.
 */
function confidenceOf(source: EvidenceSource, mapping: Mapping | null): Draft['confidence'] {
  if (!mapping || source === 'activity') return 'low';
  return source === 'calendar' ? 'high' : 'medium';
}
