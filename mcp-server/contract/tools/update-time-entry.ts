// `update_time_entry` as AI clients and the app see it: title, description, schemas, annotations and the
// capability it needs. The handler is in mcp-server/tools/; main parses answers with `output`.
import * as z from 'zod/v4';
import { entryFieldsInput } from './entry-fields.ts';
import { entryOutput } from './outputs.ts';
import { toolContract } from './tool-contract.ts';

export const updateTimeEntryContract = toolContract({
  name: 'update_time_entry',
  group: 'entries',
  access: 'change',
  title: 'Update time entry',
  description: 'Edit a time entry by id; empty project or activity clears it.',
  capability: 'entries_edit',
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true },
  input: () =>
    z.object({
      id: z.number().int().min(1),
      start: z.string().max(64).optional(),
      end: z.string().max(64).optional(),
      project: z.string().max(200).optional(),
      activity: z.string().max(200).optional(),
      description: z.string().max(5000).optional(),
      fields: entryFieldsInput(),
    }),
  output: () => z.object({ entry: entryOutput }),
});
