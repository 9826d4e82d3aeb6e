// `list_time_entries` as AI clients and the app see it: title, description, schemas, annotations and the
// capability it needs. The handler is in mcp-server/tools/; main parses answers with `output`.
import * as z from 'zod/v4';
import { entryOutput } from './outputs.ts';
import { toolContract } from './tool-contract.ts';

export const listTimeEntriesContract = toolContract({
  name: 'list_time_entries',
  group: 'entries',
  access: 'read',
  title: 'List time entries',
  description: 'Time entries in a date range (default this week), oldest first, 50 per page.',
  capability: 'entries',
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true },
  input: () =>
    z.object({
      from: z.string().max(32).optional(),
      to: z.string().max(32).optional(),
      project: z.string().max(200).optional(),
      limit: z.number().int().min(1).max(500).optional(),
      offset: z.number().int().min(0).optional(),
    }),
  output: () => z.object({ entries: z.array(entryOutput), total: z.int(), next_offset: z.int().nullable() }),
});
