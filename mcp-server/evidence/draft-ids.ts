// A draft's id. book_suggested_entries books the ids a person confirmed after recomputing the drafts,
// so an id must name the same draft on the next call, after a restart and whatever range was asked:
// it is made from the evidence behind the draft alone, never from a counter, the clock or the range.
import { createHash } from 'node:crypto';
import { type EvidenceItem } from './evidence.ts';

/**
 * The id of the draft the items make. `day` is given for an event or span, which makes one draft per
 * local day it touches: one that runs over midnight then has one id per day. (A commit belongs to one
 * day, and a stretch of commits never crosses midnight, so their keys alone suffice.)
 */
export function draftId(items: readonly EvidenceItem[], day?: string): string {
  // Sorted, so the order the sources were read in does not matter; the source is part of each key
  // because two sources' keys need not be unlike each other.
  const keys = items.map((item) => `${item.source}:${item.key}`).sort();
  return hashed([...keys, ...(day === undefined ? [] : [`day:${day}`])].join('\n'));
}

/**
 * The id of one piece of a draft that something of higher precedence (a booked entry, a meeting) cut
 * in several: the first piece keeps the draft's own id, so a booked entry that only shortens a draft
 * does not change it; each later piece gets one of its own by its place among the pieces in time.
 */
export function pieceId(draftIdOfWhole: string, index: number): string {
  return index === 0 ? draftIdOfWhole : hashed(`${draftIdOfWhole}\npiece:${index}`);
}

/** 'd_' and the first 12 hex digits (48 bits) of the SHA-256: short enough to read, far from colliding within a month. */
function hashed(text: string): string {
  return `d_${createHash('sha256').update(text).digest('hex').slice(0, 12)}`;
}
