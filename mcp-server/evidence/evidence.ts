// What the day-from-evidence feature (suggest_entries, book_suggested_entries) reads of the person's
// own work: one shape for every source, so the drafting core (drafts.ts) never knows where a piece
// of evidence came from. Instants are epoch milliseconds; days are 'YYYY-MM-DD' in the person's zone.
// Evidence stays on the person's computer: only `text` (a title, a commit subject, a client's name)
// ever reaches the model, never attendees, a diff or a feed's address.

import type { EvidenceSettings } from '../contract/evidence-settings.ts';
import type { EvidenceSource } from '../contract/evidence-sources.ts';

export { EVIDENCE_SOURCES, type EvidenceSource } from '../contract/evidence-sources.ts';

export interface EvidenceItem {
  source: EvidenceSource;
  /**
   * What names this piece of evidence whatever range was asked and whichever process reads it (a
   * draft's id is made from these): a calendar occurrence's UID and its original start, a commit's
   * repository and hash, an activity span's start, an AI stretch's client and first call.
   */
  key: string;
  /** When it began: an event's start, a commit's author time, a span's or stretch's first instant. */
  start: number;
  /** When it ended; a commit's is its author time too. */
  end: number;
  /** The line the person (and the model) sees: an event's title, a commit's subject, a client's name. */
  text: string;
  /**
   * The texts a rule or a past booking is matched against (lower-cased by the matcher): an event's
   * title; a commit's subject, branch and repository; a client's name.
   */
  matchTexts: string[];
  /** Ticket ids found in a commit's branch or subject (`ABC-123`, `#123`), as written. */
  tickets: string[];
  /** For a commit, the repository's folder name: commits of one repository form a draft together. */
  group?: string;
}

/** A source that could not be read, in a sentence a person can act on. */
export interface SkippedSource {
  source: EvidenceSource;
  problem: string;
}

/** What one source gave for a range: its evidence, and the parts of it it could not read. */
export interface SourceReading {
  items: EvidenceItem[];
  skipped: SkippedSource[];
}

/** Limits per call (issue text: at most 31 days, 5,000 events, 5,000 commits, 50 repositories). */
export const EVIDENCE_LIMITS = {
  days: 31,
  events: 5000,
  commits: 5000,
  repositories: 50,
} as const;

/**
 * How the host reads the person's evidence: the desktop reads calendars, repositories and its journals
 * on this computer; a host that reads none has no reader (the evidence tools then say so). Paths and
 * addresses come from the settings only, never from a tool's arguments.
 */
export interface EvidenceReader {
  /**
   * The sources this host reads whatever the settings say, for everyone it serves: the team server's
   * company calendar, which its administrator sets up once (docs/team-server/company-calendar.md). They
   * are read as if the settings switched them on, and the evidence tools are offered for them.
   */
  readonly hosted?: readonly EvidenceSource[];
  /**
   * One source over [from, to), from the settings' `evidence`; what cannot be read is in `skipped`,
   * never thrown. `timezone` is the person's: a calendar's times without a zone are theirs.
   */
  read(source: EvidenceSource, evidence: EvidenceSettings, range: { from: number; to: number; timezone: string }): Promise<SourceReading>;
  /**
   * Notes that an AI client used Punchcard now (the journal of AI sessions), where the host keeps
   * one; the engine calls it for every tool call while the settings switch AI sessions on. Never
   * fails the call: a journal that cannot be written is logged.
   */
  noteAiCall?(client: string, at: number): void;
}
