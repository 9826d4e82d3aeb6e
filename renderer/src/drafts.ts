// The person's review of a day's drafts (suggest_entries), shared by the window's Timesheet and the
// MCP App suggested-day: each draft is accepted (as it is or changed) or dropped, and what goes to
// book_suggested_entries is exactly the accepted ones with only what the person changed. Pure: no
// React, no bridge, so both pages decide alike and the tests read it directly.
import type { DraftChange } from '../../window-contract/evidence.ts';
import type { DraftOutput } from '../../mcp-server/contract/tools/suggest-entries.ts';
import { clockOf } from './format.ts';

export type Draft = DraftOutput;

/** What the person changed of a draft, as the form holds it: times as HH:MM on the draft's day. */
export interface DraftFields {
  start: string;
  end: string;
  project: string;
  activity: string;
  description: string;
}

export type Choice = { kind: 'accept'; fields: DraftFields } | { kind: 'drop' };
/** By draft id; a draft without a choice is still open (neither booked nor dropped). */
export type Choices = Readonly<Record<string, Choice>>;

/** The form's fields of a draft as the engine drafted it. */
export function fieldsOf(draft: Draft): DraftFields {
  return {
    start: clockOf(draft.start),
    end: clockOf(draft.end),
    project: draft.project?.name ?? '',
    activity: draft.activity?.name ?? '',
    description: draft.description,
  };
}

const SOURCE_WORDS: Record<string, string> = { calendar: 'Calendar', git: 'Commit', activity: 'Activity', ai: 'AI session' };

/** An evidence source as the person reads it ("Commit" for git); a source this window does not know yet by its own name. */
export function sourceWord(source: string): string {
  return SOURCE_WORDS[source] ?? source;
}

/** A draft's fields as they stand: as the person changed them where they accepted it changed, else as drafted. */
export function chosenFields(draft: Draft, choices: Choices): DraftFields {
  const choice = choices[draft.id];
  return choice?.kind === 'accept' ? choice.fields : fieldsOf(draft);
}

/** The choices with a draft's own replaced, or taken back (open again) where `choice` is undefined. */
export function withChoice(choices: Choices, id: string, choice: Choice | undefined): Choices {
  const { [id]: _, ...rest } = choices;
  return choice ? { ...rest, [id]: choice } : rest;
}

/** What a draft is, in one line: "Website · Development — Checkout flow", "No project yet — …". */
export function draftLabel(fields: Pick<DraftFields, 'project' | 'activity' | 'description'>): string {
  const where = [fields.project, fields.activity].filter(Boolean).join(' · ') || 'No project yet';
  return fields.description ? `${where} — ${fields.description}` : where;
}

const CLOCK = /^([01]\d|2[0-3]):[0-5]\d$/;

/** Why these fields cannot be booked, in a sentence a person can act on; null when they can. */
export function fieldsProblem(fields: DraftFields): string | null {
  if (!CLOCK.test(fields.start)) return 'Enter the start as a time of day, such as 09:30.';
  if (!CLOCK.test(fields.end)) return 'Enter the end as a time of day, such as 10:15.';
  if (fields.end <= fields.start) return `The end (${fields.end}) must be after the start (${fields.start}) on the same day.`;
  if (!fields.project.trim()) return 'Choose a project: no rule and no earlier entry names one for this draft.';
  return null;
}

export interface Booking {
  /** What book_suggested_entries gets; empty when nothing is accepted. */
  entries: DraftChange[];
  /** Accepted drafts that cannot be booked as they are, with why (the Book step says them and sends nothing). */
  problems: Array<{ id: string; label: string; problem: string }>;
}

/** Why the Book step sends nothing: each accepted draft that cannot be booked, by its label, in one text. */
export function bookingRefusal(booking: Booking): string {
  return booking.problems.map((item) => `${item.label}: ${item.problem}`).join(' ');
}

/** The Book button's words: "Book", or how many entries it books. */
export function bookLabel(accepted: number): string {
  return accepted === 0 ? 'Book' : `Book ${accepted} ${accepted === 1 ? 'entry' : 'entries'}`;
}

/**
 * The accepted drafts as book_suggested_entries takes them: each id, and of its fields only those
 * the person changed (the engine keeps the rest as it drafted them). Times go as wall times of the
 * draft's own day, which the engine reads in the person's zone.
 */
export function bookingOf(drafts: readonly Draft[], choices: Choices): Booking {
  const entries: DraftChange[] = [];
  const problems: Booking['problems'] = [];
  for (const draft of drafts) {
    const choice = choices[draft.id];
    if (choice?.kind !== 'accept') continue;
    const { fields } = choice;
    const problem = fieldsProblem(fields);
    if (problem) {
      problems.push({ id: draft.id, label: `${fields.start}–${fields.end} ${draftLabel(fields)}`, problem });
      continue;
    }
    const drafted = fieldsOf(draft);
    const day = draft.start.slice(0, 10);
    const change: DraftChange = { id: draft.id };
    if (fields.start !== drafted.start) change.start = `${day}T${fields.start}`;
    if (fields.end !== drafted.end) change.end = `${day}T${fields.end}`;
    if (fields.project.trim() !== drafted.project) change.project = fields.project.trim();
    if (fields.activity.trim() !== drafted.activity && fields.activity.trim()) change.activity = fields.activity.trim();
    if (fields.description !== drafted.description) change.description = fields.description;
    entries.push(change);
  }
  return { entries, problems };
}

/** How many drafts are accepted, dropped and still open. */
export function tally(drafts: readonly Draft[], choices: Choices): { accepted: number; dropped: number; open: number } {
  let accepted = 0;
  let dropped = 0;
  for (const draft of drafts) {
    const kind = choices[draft.id]?.kind;
    if (kind === 'accept') accepted++;
    else if (kind === 'drop') dropped++;
  }
  return { accepted, dropped, open: drafts.length - accepted - dropped };
}

/**
 * The choices left once `ids` are booked: a draft's id comes from its evidence, so the part of it the
 * person's change left out (a pairing booked until 15:15 of 15:30) comes back with the same id, and
 * must come back open, not accepted with the booked part's times.
 */
export function withoutBooked(choices: Choices, ids: readonly string[]): Choices {
  const booked = new Set(ids);
  return Object.fromEntries(Object.entries(choices).filter(([id]) => !booked.has(id)));
}

/** The choices still about drafts that exist (after a fresh suggestion, booked and vanished ones go). */
export function keptChoices(drafts: readonly Draft[], choices: Choices): Choices {
  const ids = new Set(drafts.map((draft) => draft.id));
  return Object.fromEntries(Object.entries(choices).filter(([id]) => ids.has(id)));
}

export interface TimelineItem {
  key: string;
  kind: 'booked' | 'draft' | 'accepted' | 'dropped';
  /** Share of the drawn hours from the left, and wide, in percent. */
  left: number;
  width: number;
}

export interface Timeline {
  /** The first and last hour drawn (whole hours, at least 08–18). */
  from: number;
  to: number;
  /** The hours between, for the scale. */
  hours: number[];
  booked: TimelineItem[];
  drafts: TimelineItem[];
}

const minuteOfDay = (iso: string) => {
  const [hours = 0, minutes = 0] = clockOf(iso).split(':').map(Number);
  return hours * 60 + minutes;
};

/**
 * The day drawn as two rows, what is booked over the drafts, at each one's wall time. A draft's
 * place follows the person's change; where it runs past midnight (an entry of the day before) it
 * starts at the day's beginning. A running entry reaches `nowMinute` (the minute of the day it is
 * now), or an hour where that is not known.
 */
export function timelineOf(
  date: string,
  drafts: readonly Draft[],
  booked: ReadonlyArray<{ id: number; start: string; end: string | null; span?: 'day' }>,
  choices: Choices,
  nowMinute?: number,
): Timeline {
  const spanOf = (start: string, end: string | null): [number, number] => {
    const first = start.slice(0, 10) < date ? 0 : minuteOfDay(start);
    const running = Math.min(24 * 60, nowMinute !== undefined && nowMinute > first ? nowMinute : first + 60);
    const last = end === null ? running : end.slice(0, 10) > date ? 24 * 60 : minuteOfDay(end);
    return [first, Math.max(first, last)];
  };
  const draftSpans = drafts.map((draft) => {
    const choice = choices[draft.id];
    const fields = choice?.kind === 'accept' ? choice.fields : null;
    const span: [number, number] =
      fields && !fieldsProblem({ ...fields, project: 'x' })
        ? [minuteOfDay(`${date}T${fields.start}`), minuteOfDay(`${date}T${fields.end}`)]
        : spanOf(draft.start, draft.end);
    return { key: draft.id, kind: (choice ? (choice.kind === 'accept' ? 'accepted' : 'dropped') : 'draft') as TimelineItem['kind'], span };
  });
  // An entry that keeps its day and length only (span 'day') was at no known time of the day: it is not drawn.
  const bookedSpans = booked
    .filter((entry) => entry.span !== 'day')
    .map((entry) => ({ key: String(entry.id), kind: 'booked' as const, span: spanOf(entry.start, entry.end) }));
  const all = [...draftSpans, ...bookedSpans].map((item) => item.span);
  const from = Math.min(8, ...all.map(([start]) => Math.floor(start / 60)));
  const to = Math.max(18, ...all.map(([, end]) => Math.ceil(end / 60)));
  const total = (to - from) * 60;
  const place = ({ key, kind, span: [start, end] }: { key: string; kind: TimelineItem['kind']; span: [number, number] }): TimelineItem => ({
    key,
    kind,
    left: ((start - from * 60) / total) * 100,
    width: Math.max(0.5, ((end - start) / total) * 100),
  });
  const hours: number[] = [];
  for (let hour = from; hour <= to; hour++) hours.push(hour);
  return { from, to, hours, booked: bookedSpans.map(place), drafts: draftSpans.map(place) };
}
