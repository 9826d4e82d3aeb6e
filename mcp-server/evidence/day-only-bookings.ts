// Which evidence an entry that keeps its day and length only has already booked. Such an entry (a stopped one on a
// Harvest account that tracks durations: TimeEntry.span, docs/back-ends/harvest.md) holds no times, so it cannot take
// the time of the meeting it was booked for as other entries do (drafts.ts, takeBooked): placed at the start of its
// day it would cover nothing, and the meeting would be offered, and booked, again. Instead it stands for one piece of
// evidence of its day that it matches: the project the evidence maps to (and its activity where it names one), and
// the same words or about the same minutes. Words are tried first over the whole day, so two meetings on one project
// are each matched by their own entry whichever was booked first; each entry stands for one piece of evidence only.
import { type Ref } from '../domain/records.ts';
import { type Mapping } from './draft-mapping.ts';

/** How far an entry's minutes may be from the evidence's and still be the same booking: Harvest keeps hundredths of an hour, people round. */
export const DAY_ONLY_TOLERANCE_MINUTES = 5;

/** An entry of a day that keeps no times: its day, its minutes, what it is booked on and its words. */
export interface DayOnlyBooking {
  id: number;
  day: string;
  minutes: number;
  project: Ref | null;
  activity: Ref | null;
  description: string;
}

/** A piece of evidence as a draft would be made of it: its day, how long (whole, and what is free of other bookings), what it maps to, its words. */
export interface EvidenceDraft {
  id: string;
  day: string;
  /** The minutes of the evidence, and of what of it no entry with times covers: the draft booked may have been either. */
  minutes: readonly number[];
  mapping: Mapping | null;
  description: string;
}

const sameWords = (a: string, b: string) => a.trim().replace(/\s+/g, ' ').toLowerCase() === b.trim().replace(/\s+/g, ' ').toLowerCase();

/** Whether the booking is on what the evidence maps to: its project, and its activity where the mapping names one. */
function sameBooking(booking: DayOnlyBooking, mapping: Mapping): boolean {
  if (booking.project?.id !== mapping.project.id) return false;
  return mapping.activity === null || booking.activity?.id === mapping.activity.id;
}

function closeMinutes(booking: DayOnlyBooking, evidence: EvidenceDraft): boolean {
  return evidence.minutes.some((minutes) => Math.abs(minutes - booking.minutes) <= DAY_ONLY_TOLERANCE_MINUTES);
}

/**
 * Whether `booking` books `evidence`, by words (`pass` 'words') or by minutes. Where the evidence maps to no project
 * the person named one when booking, so the project cannot tell: then the words and the minutes must both match.
 */
function books(booking: DayOnlyBooking, evidence: EvidenceDraft, pass: 'words' | 'minutes'): boolean {
  if (booking.day !== evidence.day) return false;
  const words = sameWords(booking.description, evidence.description);
  if (evidence.mapping === null) return words && closeMinutes(booking, evidence);
  if (!sameBooking(booking, evidence.mapping)) return false;
  return pass === 'words' ? words : closeMinutes(booking, evidence);
}

/** The ids of the evidence already booked by day-only entries, each entry standing for one piece at most; `evidence` in the order drafts are placed. */
export function bookedByDayOnly(bookings: readonly DayOnlyBooking[], evidence: readonly EvidenceDraft[]): Set<string> {
  const unused = new Set(bookings);
  const booked = new Set<string>();
  for (const pass of ['words', 'minutes'] as const) {
    for (const piece of evidence) {
      if (booked.has(piece.id)) continue;
      const booking = [...unused].find((candidate) => books(candidate, piece, pass));
      if (!booking) continue;
      unused.delete(booking);
      booked.add(piece.id);
    }
  }
  return booked;
}
