// The tools only the app's own engine lists, for its window (contract/app-tools/): registered by the
// server only for the engine that proved it is the app (engine/mcp-server.ts), never an AI client's.
import { catalogItemFields } from './catalog-item-fields.ts';
import { decideKeptWrite, keptWriteDecisions } from './kept-writes.ts';
import { submissionEntries } from './submission-entries.ts';

export const APP_TOOL_LIST = [keptWriteDecisions, decideKeptWrite, catalogItemFields, submissionEntries] as const;
