// `delete_time_entry` as AI clients and the app see it: title, description, schemas, annotations and the
// capability it needs. The handler is in mcp-server/tools/; main parses answers with `output`.
import * as z from 'zod/v4';
import { entryOutput } from './outputs.ts';
import { toolContract } from './tool-contract.ts';

export const deleteTimeEntryContract = toolContract({
  name: 'delete_time_entry',
  group: 'entries',
  access: 'change',
  title: 'Delete time entry',
  description: 'Permanently delete a time entry by id; the result echoes it.',
  capability: 'entries_edit',
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true },
  input: () => z.object({ id: z.number().int().min(1) }),
  output: () => z.object({ deleted: entryOutput }),
});
