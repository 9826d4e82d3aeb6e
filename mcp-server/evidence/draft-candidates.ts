// The spans each source's evidence proposes, one local day at a time, before they meet each other and
// what is booked (drafts.ts settles that). Every span is on whole minutes: starts rounded down, ends
// up, so a draft covers all of its evidence and minutes add up exactly.
import { addDays, localDate, startOfLocalDay } from '../domain/time.ts';
import { draftId } from './draft-ids.ts';
import { type EvidenceItem, type EvidenceSource } from './evidence.ts';

export interface Candidate {
  source: EvidenceSource;
  /** The local day it lies in; it never reaches past either end of it. */
  day: string;
  start: number;
  end: number;
  /** The evidence behind it, in time order. */
  items: EvidenceItem[];
  id: string;
}

/** The days asked for, with their bounds in the person's zone (a DST day is 23 or 25 hours long). */
export interface DayBounds {
  day: string;
  start: number;
  end: number;
}

const MINUTE = 60_000;
/** Commits closer than this belong to one stretch of work (issue 54). */
export const COMMIT_GAP_MS = 2 * 60 * MINUTE;
/** The work before a stretch's first commit that the commit records (issue 54). */
export const COMMIT_LEAD_MS = 30 * MINUTE;

export const floorMinute = (ms: number) => Math.floor(ms / MINUTE) * MINUTE;
export const ceilMinute = (ms: number) => Math.ceil(ms / MINUTE) * MINUTE;

/**
 * An event, an AI stretch or an activity span: one candidate per local day it touches within the days
 * asked. Its id is its evidence and that day, so a night's two halves have an id each, and each half's
 * id does not depend on which of the two days was asked.
 */
export function spanCandidates(item: EvidenceItem, days: ReadonlyMap<string, DayBounds>): Candidate[] {
  const start = floorMinute(item.start);
  const end = Math.max(start, ceilMinute(item.end));
  const candidates: Candidate[] = [];
  for (const bounds of days.values()) {
    // A span of no length (an AI stretch of one call) proposes nothing.
    if (bounds.end <= start || bounds.start >= end) continue;
    candidates.push({
      source: item.source,
      day: bounds.day,
      start: Math.max(start, bounds.start),
      end: Math.min(end, bounds.end),
      items: [item],
      id: draftId([item], bounds.day),
    });
  }
  return candidates;
}

/**
 * Commits, per repository and local day: commits less than 2 h apart are one stretch of work, from 30
 * minutes before its first commit (the work the commit records began before it; a lone commit gets
 * those 30 minutes) to its last. A stretch never crosses midnight: commits are split by their local
 * day first, and the 30 minutes before a day's first commit stop at the day's start, so a day's drafts
 * and their ids are the same whichever days around it were asked.
 */
export function commitCandidates(commits: readonly EvidenceItem[], days: ReadonlyMap<string, DayBounds>, timezone: string): Candidate[] {
  const byRepositoryAndDay = new Map<string, { bounds: DayBounds; commits: EvidenceItem[] }>();
  for (const commit of commits) {
    const bounds = days.get(localDate(commit.start, timezone));
    if (!bounds) continue;
    const groupKey = `${commit.group ?? ''}\n${bounds.day}`;
    let group = byRepositoryAndDay.get(groupKey);
    if (!group) byRepositoryAndDay.set(groupKey, (group = { bounds, commits: [] }));
    group.commits.push(commit);
  }
  const candidates: Candidate[] = [];
  for (const { bounds, commits: ofDay } of byRepositoryAndDay.values()) {
    const sorted = [...ofDay].sort((a, b) => a.start - b.start || a.key.localeCompare(b.key));
    let stretch: EvidenceItem[] = [];
    const close = () => {
      const first = stretch[0];
      const last = stretch.at(-1);
      if (!first || !last) return;
      candidates.push({
        source: 'git',
        day: bounds.day,
        start: Math.max(bounds.start, floorMinute(first.start) - COMMIT_LEAD_MS),
        end: Math.min(bounds.end, ceilMinute(last.start)),
        items: stretch,
        id: draftId(stretch),
      });
      stretch = [];
    };
    for (const commit of sorted) {
      const previous = stretch.at(-1);
      if (previous && commit.start - previous.start >= COMMIT_GAP_MS) close();
      stretch.push(commit);
    }
    close();
  }
  return candidates;
}

/** The days from `from` to `to`, both included, with their bounds in the zone. */
export function dayBoundsOf(days: readonly string[], timezone: string): Map<string, DayBounds> {
  return new Map(days.map((day) => [day, { day, start: startOfLocalDay(day, timezone), end: startOfLocalDay(addDays(day, 1), timezone) }]));
}
