// The company calendar as evidence on the team server (docs/evidence.md, "The company calendar"): the
// person's own calendar at Microsoft 365 or Google Workspace, read through the provider's API with the
// person's own read-only grant, for at most the days asked. What this module holds is pure: what a
// reading is made of, which events are left out, and how the events that stay become the same evidence
// items the desktop's iCalendar reader makes (calendar.ts), so suggest_entries drafts from them by the
// desktop's rules. The two providers' wire formats are graph.ts and google.ts; the requests are
// reader.ts; the sentences a person reads are failures.ts.
import { calendarTitle, NO_TITLE, PRIVATE_TITLE } from '../calendar-titles.ts';
import { EVIDENCE_LIMITS, type EvidenceItem } from '../evidence.ts';
import { ticketIds } from '../tickets.ts';

export type CompanyCalendarProvider = 'microsoft' | 'google';

/** Where each provider's API is when the administrator names none (the defaults). */
export const DEFAULT_API_URLS: Readonly<Record<CompanyCalendarProvider, string>> = {
  microsoft: 'https://graph.microsoft.com/v1.0',
  google: 'https://www.googleapis.com/calendar/v3',
};

/** Why an event is not evidence: nobody books it as work, or it is not the person's own time. */
export type LeftOutReason = 'cancelled' | 'free' | 'all-day' | 'declined' | 'out-of-office' | 'working-location' | 'birthday';

/**
 * One event as a provider's page gives it, reduced to what evidence needs: already free of attendees,
 * places, bodies and links (they are never asked for), and of a private event's title.
 */
export interface CalendarEventFacts {
  /**
   * What names the occurrence whatever range was asked: the event's iCalendar UID and the start it was
   * first given, as the desktop names an occurrence (calendar.ts), so a moved meeting keeps its drafts' ids.
   */
  key: string;
  start: number;
  end: number;
  /** The title as the organiser wrote it; undefined for a private event (see `private`) or one without. */
  title: string | undefined;
  /** Private, confidential (and on Microsoft's side personal): shown as PRIVATE_TITLE, its title dropped. */
  private: boolean;
}

/** What a provider's page parser makes of one item: its facts, why it is no evidence, or that it could not be read. */
export type ParsedEvent = { facts: CalendarEventFacts } | { leftOut: LeftOutReason } | { unreadable: true };

/** One page of a provider's answer, parsed. */
export interface ParsedPage {
  events: ParsedEvent[];
  /** The next page's address (Graph's @odata.nextLink) or token (Google's nextPageToken); undefined on the last page. */
  next: string | undefined;
}

/** The most days read in one call (the desktop's limit, EVIDENCE_LIMITS.days). */
export const MAX_DAYS = EVIDENCE_LIMITS.days;
const DAY_MS = 86_400_000;

/**
 * The longest range read: MAX_DAYS of the person's days, where one of them may last 25 hours (the night
 * summer time ends), so the 31 days suggest_entries lets a person ask for are never cut by an hour.
 */
const LONGEST_MS = MAX_DAYS * DAY_MS + 3_600_000;

/**
 * The range as it is read: [from, to) in epoch milliseconds, at most MAX_DAYS days long. A longer range is
 * cut to its first MAX_DAYS days rather than refused, so the person still gets a month's drafts; the
 * reading says so in a sentence (suggest_entries refuses more than 31 days before this is asked).
 */
export function boundedRange(from: number, to: number): { from: number; to: number; cut: boolean } {
  return to - from > LONGEST_MS ? { from, to: from + MAX_DAYS * DAY_MS, cut: true } : { from, to, cut: false };
}

/** An instant as both APIs take it: RFC 3339 in UTC with its offset written (`Z`), whole seconds. */
export function instantParameter(epochMs: number): string {
  return new Date(Math.floor(epochMs / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/** Whether an event overlaps [from, to): as the desktop's reader keeps one (a meeting without length counts where it starts). */
export function overlaps(facts: Pick<CalendarEventFacts, 'start' | 'end'>, from: number, to: number): boolean {
  return facts.start < to && (facts.end > from || (facts.end <= facts.start && facts.start >= from));
}

/**
 * An event as evidence, the same shape calendar.ts gives an iCalendar event: its title (or "(no
 * title)") is the text and what rules match, its ticket ids are read from it. A private event is
 * "Private appointment" with nothing to match and no ticket: its title is not even looked at.
 */
export function evidenceItem(facts: CalendarEventFacts): EvidenceItem {
  if (facts.private) {
    return { source: 'calendar', key: facts.key, start: facts.start, end: Math.max(facts.start, facts.end), text: PRIVATE_TITLE, matchTexts: [], tickets: [] };
  }
  const title = calendarTitle(facts.title);
  return {
    source: 'calendar',
    key: facts.key,
    start: facts.start,
    end: Math.max(facts.start, facts.end),
    text: title ?? NO_TITLE,
    matchTexts: title ? [title] : [],
    tickets: title ? ticketIds(title) : [],
  };
}

/** The key of an occurrence: `cal:<iCalendar UID>:<original start in epoch ms>`, as calendar.ts writes it. */
export function occurrenceKey(uid: string, originalStart: number): string {
  return `cal:${uid}:${originalStart}`;
}
