// What the window says after drafts are booked, worded by the app from book_suggested_entries'
// structured answer, never from the engine's sentence for a model. Pure.
import type * as z from 'zod/v4';
import type { TOOL_CONTRACTS } from '../../mcp-server/contract/tools/index.ts';
import { formatDuration } from '../../mcp-server/for-the-app.ts';
import { day, peopleText, say } from '../../mcp-server/contract/outcomes/sentence.ts';

type Booked = z.output<typeof TOOL_CONTRACTS.book_suggested_entries.output>['booked'];

export interface DraftWordsOptions {
  /** The locale for days; the system's when left out. */
  locale?: string | undefined;
}

/** The wall time an instant as the engine writes it carries ("2026-05-13T09:30:00+02:00" → "09:30"). */
const wallTime = (instant: string) => instant.slice(11, 16);

/** `Booked 2 entries from the drafts of May 13, 2026:` and a line per entry: its time, length and what it is on. */
export function bookedWords(date: string, booked: Booked, options: DraftWordsOptions = {}): string {
  const head = peopleText(say`Booked ${booked.length} ${booked.length === 1 ? 'entry' : 'entries'} from the drafts of ${day(date)}:`, options);
  const lines = booked.map((entry) => {
    const on = [entry.project, entry.activity].filter((name): name is string => Boolean(name)).join(' · ') || 'no project';
    const firstLine = entry.description.split('\n', 1)[0] ?? '';
    return `${wallTime(entry.start)}–${wallTime(entry.end ?? entry.start)} ${formatDuration(entry.minutes * 60_000)} ${on}${firstLine ? ` — ${firstLine}` : ''}`;
  });
  return [head, ...lines].join('\n');
}
