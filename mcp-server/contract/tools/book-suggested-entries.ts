// `book_suggested_entries` as AI clients and the app see it: books the drafts suggest_entries showed,
// by their ids, with the person's corrections. The handler is in mcp-server/tools/.
import * as z from 'zod/v4';
import { entryFieldsInput } from './entry-fields.ts';
import { entryOutput } from './outputs.ts';
import { toolContract } from './tool-contract.ts';

export const bookSuggestedEntriesContract = toolContract({
  name: 'book_suggested_entries',
  group: 'evidence',
  access: 'create',
  title: 'Book suggested entries',
  description: 'Book suggest_entries drafts by id, with corrections.',
  capability: 'entries',
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false },
  input: () =>
    z.object({
      from: z.string().max(32),
      to: z.string().max(32).optional(),
      entries: z
        .array(
          z.object({
            id: z.string().max(64),
            project: z.string().max(200).optional(),
            activity: z.string().max(200).optional(),
            description: z.string().max(5000).optional(),
            start: z.string().max(64).optional(),
            end: z.string().max(64).optional(),
            // Per draft, not one object for all: drafts may be on projects that require different fields.
            fields: entryFieldsInput(),
          }),
        )
        // An empty list is refused by the handler in words; a minItems here would cost every turn's tool list.
        .max(100),
    }),
  output: () => z.object({ booked: z.array(entryOutput.extend({ draft: z.string() })) }),
});
