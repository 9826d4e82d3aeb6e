// One day's entries as the engine lists them (list_time_entries, every connection's, each labelled): what
// the tray's working-time warnings read of the day before, whose last work the rest runs from and whose
// stretch a timer started after midnight may continue (main/notifications/working-time-notifier.ts).
import { TOOL_CONTRACTS } from '../../mcp-server/contract/tools/index.ts';
import type { EntryView } from '../../window-contract/status.ts';
import type { EngineClient } from './engine-client.ts';
import { toolCaller } from './tool-call.ts';

/** list_time_entries' largest page: a day with more shows its first 500, as the status's today does. */
const PAGE = 500;

/** The entries that began on `date` (YYYY-MM-DD in the person's zone), oldest first. */
export function dayEntries(engine: EngineClient): (date: string) => Promise<EntryView[]> {
  const call = toolCaller(engine);
  return async (date) => (await call(TOOL_CONTRACTS.list_time_entries, { from: date, to: date, limit: PAGE })).entries;
}
