// Which project (and activity) a draft's evidence names. Only what the person or their tracker said counts: a rule
// of theirs, then a ticket id their tracker knows as a project of its own (a Jira issue's key on Tempo Timesheets),
// then an entry they booked themselves in the 60 days before now; where none names one the draft keeps no project,
// and the person is told so, rather than have one guessed for them.
import { type Ref } from '../domain/records.ts';
import { type EvidenceItem, type EvidenceSource } from './evidence.ts';

/** A rule of the settings, its project and activity already resolved to the catalog's refs by the caller. */
export interface DraftRule {
  /** The one source the rule applies to; every source when absent. */
  source?: EvidenceSource;
  /** Found case-insensitively in any of an item's `matchTexts`. */
  match: string;
  project: Ref;
  activity: Ref | null;
}

/** An entry of the person's own in the 60 days before now. */
export interface PastBooking {
  start: number;
  description: string;
  project: Ref | null;
  activity: Ref | null;
}

export interface Mapping {
  project: Ref;
  activity: Ref | null;
  /** What named the project: the person's rule, a ticket id the tracker knows as a project, or one of their past bookings. */
  by: 'rule' | 'key' | 'past';
}

/** How far back a past booking still names a project (issue 54: the 60 days before now). */
export const PAST_BOOKINGS_DAYS = 60;

/**
 * Reads the rules and past bookings once per call, so each draft's mapping is a few string searches.
 * `past` outside the 60 days before `now` and entries without a project are left out here, so the
 * caller's reading cannot widen what a past booking may name.
 */
export function draftMapper(
  rules: readonly DraftRule[],
  past: readonly PastBooking[],
  now: number,
  keyed: ReadonlyMap<string, Ref> = new Map(),
): (items: readonly EvidenceItem[]) => Mapping | null {
  const since = now - PAST_BOOKINGS_DAYS * 86_400_000;
  const lowerRules = rules.map((rule) => ({ rule, match: rule.match.toLowerCase() }));
  // Most recent first: the person's latest habit for a ticket or a meeting is the one that counts.
  const bookings = past
    .filter((booking): booking is PastBooking & { project: Ref } => booking.project !== null && booking.start >= since && booking.start <= now)
    .sort((a, b) => b.start - a.start)
    .map((booking) => ({ booking, description: booking.description.toLowerCase() }));

  const byRule = (item: EvidenceItem): Mapping | null => {
    const texts = item.matchTexts.map((text) => text.toLowerCase());
    // The first rule in the person's list wins, as they ordered them.
    for (const { rule, match } of lowerRules) {
      if (rule.source !== undefined && rule.source !== item.source) continue;
      if (texts.some((text) => text.includes(match))) return { project: rule.project, activity: rule.activity, by: 'rule' };
    }
    return null;
  };

  // A ticket id the tracker resolved as one of its projects, as the evidence wrote it: the issue itself.
  const byKey = (item: EvidenceItem): Mapping | null => {
    for (const ticket of item.tickets) {
      const project = keyed.get(ticket);
      if (project) return { project, activity: null, by: 'key' };
    }
    return null;
  };

  const byPast = (item: EvidenceItem): Mapping | null => {
    for (const needle of pastNeedles(item)) {
      const found = bookings.find(({ description }) => containsWord(description, needle));
      if (found) return { project: found.booking.project, activity: found.booking.activity, by: 'past' };
    }
    return null;
  };

  // A rule anywhere in the draft's evidence wins over a ticket the tracker knows, and that over a past booking,
  // as the person's rules win over what they once booked; within each, the earliest item that maps names the
  // project (a draft of several commits maps by its first commit that maps). `items` come in time order.
  return (items) => {
    for (const item of items) {
      const mapping = byRule(item);
      if (mapping) return mapping;
    }
    for (const item of items) {
      const mapping = byKey(item);
      if (mapping) return mapping;
    }
    for (const item of items) {
      const mapping = byPast(item);
      if (mapping) return mapping;
    }
    return null;
  };
}

/**
 * What of an item is looked for in past bookings' descriptions, the most telling first: its ticket ids,
 * a meeting's title, a commit's repository. A commit's subject, an AI client's name or an activity span
 * say too little about the project to lean on a past booking for (every entry booked from an AI
 * stretch mentions its client), so they map only by a rule.
 */
function pastNeedles(item: EvidenceItem): string[] {
  const needles = [...item.tickets];
  if (item.source === 'calendar') needles.push(item.text);
  if (item.source === 'git' && item.group !== undefined) needles.push(item.group);
  return needles.map((needle) => needle.trim().toLowerCase()).filter((needle) => needle.length > 0);
}

const WORD_CHARACTER = /[\p{L}\p{N}_]/u;

/**
 * True when needle occurs in text as a word of its own: '#12' is not in 'fixed #123', nor the
 * repository 'api' in 'rapid prototyping'. Both are lower-cased already.
 */
export function containsWord(text: string, needle: string): boolean {
  const wordAtStart = WORD_CHARACTER.test(needle.charAt(0));
  const wordAtEnd = WORD_CHARACTER.test(needle.charAt(needle.length - 1));
  for (let at = text.indexOf(needle); at !== -1; at = text.indexOf(needle, at + 1)) {
    const before = at > 0 ? text.charAt(at - 1) : '';
    const after = text.charAt(at + needle.length);
    if (wordAtStart && before !== '' && WORD_CHARACTER.test(before)) continue;
    if (wordAtEnd && after !== '' && WORD_CHARACTER.test(after)) continue;
    return true;
  }
  return false;
}
