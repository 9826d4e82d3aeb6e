// The window's drafts of a day from the person's evidence, built only from the engine's own tools
// (docs/decisions.md, "The app calls its own engine's tools"): suggest_entries for a day, and
// book_suggested_entries for the drafts the person accepted, with their changes. Booking goes the
// tool's way, so what it refuses (an id no longer drafted, a draft without a project) is refused here
// too, in its words, and nothing is booked.
import { TOOL_CONTRACTS } from '../../mcp-server/contract/tools/index.ts';
import type { DraftChange, DraftsBooked, DraftsView } from '../../window-contract/evidence.ts';
import type { EngineClient } from './engine-client.ts';
import { bookedWords } from './draft-words.ts';
import { toolCaller } from './tool-call.ts';

export interface Drafts {
  /** The drafts of one day (YYYY-MM-DD), what is booked then, and what the engine left open. */
  of(date: string): Promise<Omit<DraftsView, 'sources' | 'unavailable'>>;
  /** Books exactly these drafts of the day: all of them, or (the engine refusing) none. */
  book(date: string, entries: readonly DraftChange[]): Promise<DraftsBooked>;
}

export function createDrafts(engine: EngineClient): Drafts {
  const call = toolCaller(engine);
  return {
    async of(date) {
      const answer = await call(TOOL_CONTRACTS.suggest_entries, { from: date, to: date });
      return { date, drafts: answer.drafts, booked: answer.booked, unmapped: answer.unmapped, skipped: answer.skipped };
    },
    async book(date, entries) {
      const data = await call(TOOL_CONTRACTS.book_suggested_entries, {
        from: date,
        to: date,
        entries: entries.map((entry) => ({ ...entry })),
      });
      return { booked: data.booked, message: bookedWords(date, data.booked) };
    },
  };
}
