// The window's contract for the day from evidence: the drafts on the Timesheet and their booking, and
// the sources in Preferences (docs/evidence.md).
import * as z from 'zod/v4';
import { EvidenceSettingsSchema, type EvidenceSettings, type EvidenceSource } from '../mcp-server/contract/evidence-settings.ts';
import type { DraftOutput } from '../mcp-server/contract/tools/suggest-entries.ts';
import { day, none, time } from './request-parts.ts';
import type { EntryView } from './status.ts';

/** A draft as suggest_entries answers with it (mcp-server/contract/tools/suggest-entries.ts), handed on as it is. */
export type DraftView = DraftOutput;
export type { EvidenceSettings, EvidenceSource };

export interface DraftsView {
  /** The day, YYYY-MM-DD. */
  date: string;
  /** The sources the settings switch on; none: the Timesheet shows no drafts and the engine is not asked. */
  sources: EvidenceSource[];
  /** Why the engine drafts nothing here (the tools switched off, the organisation's policy), in its words; or null. */
  unavailable: string | null;
  drafts: DraftView[];
  /** What the back end already holds that day: drafts never overlap it. `span: 'day'`: it keeps its day and length only, no times. */
  booked: Array<{ id: number; start: string; end: string | null; project: string | null; span?: 'day' }>;
  /** Evidence no rule and no past booking maps to a project (its draft has none). */
  unmapped: Array<{ source: EvidenceSource; text: string; minutes: number }>;
  /** A source that was off, unreadable or not what it claims, in a sentence. */
  skipped: Array<{ source: EvidenceSource; problem: string }>;
}

/** A draft the person accepted, with what they changed (book_suggested_entries' `entries`). */
export interface DraftChange {
  id: string;
  project?: string;
  activity?: string;
  description?: string;
  /** Local wall times ("2026-05-12T09:00") or ISO 8601 with an offset. */
  start?: string;
  end?: string;
}

export interface DraftsBooked {
  /** The entries booked, each with the id of the draft it came from. */
  booked: Array<EntryView & { draft: string }>;
  /** The engine's sentence about what it booked. */
  message: string;
}

export interface EvidenceView {
  /** As config.json holds it: a feed's secret part is `{secret}` there, never the secret. */
  evidence: EvidenceSettings;
  /** Each feed whose address has `{secret}`, and whether the keychain holds its secret (which never leaves main). */
  feeds: Array<{ name: string; hasSecret: boolean }>;
  /** Why the keychain could not be asked, or null. */
  credentialProblem: string | null;
}

/**
 * The Evidence settings as the window sends them: the settings' own schema, except that a feed's
 * address may still hold its secret (main moves it to the keychain before anything is written).
 */
const calendarName = z.string().trim().min(1).max(60);
export const EvidenceInput = EvidenceSettingsSchema.extend({
  calendars: z
    .array(
      z.union([
        z.strictObject({ name: calendarName, file: z.string().trim().min(1).max(1000) }),
        z.strictObject({ name: calendarName, url: z.string().trim().min(1).max(2000) }),
      ]),
    )
    .max(20),
}).strict();
const draftChange = z
  .object({
    id: z.string().min(1).max(64),
    project: z.string().trim().min(1).max(200).optional(),
    activity: z.string().trim().min(1).max(200).optional(),
    description: z.string().max(5000).optional(),
    start: time.optional(),
    end: time.optional(),
  })
  .strict();

export const evidenceChannels = {
  /** The drafts of a day from the person's evidence (suggest_entries); without a source on, none and no engine call. */
  getDrafts: { request: z.object({ date: day }).strict(), response: {} as DraftsView },
  /** Books the accepted drafts of the day with their changes (book_suggested_entries): all, or none. */
  bookDrafts: { request: z.object({ date: day, entries: z.array(draftChange).min(1).max(100) }).strict(), response: {} as DraftsBooked },
  getEvidence: { request: none, response: {} as EvidenceView },
  /** Saves the Evidence settings; a feed's secret goes to the keychain (`secrets` by calendar name, or left in an address), never into config.json. */
  saveEvidence: {
    request: z
      .object({
        evidence: EvidenceInput,
        secrets: z
          .array(z.object({ calendar: calendarName, secret: z.string().trim().min(1).max(4000) }).strict())
          .max(20)
          .optional(),
      })
      .strict(),
    response: {} as EvidenceView,
  },
} as const;
