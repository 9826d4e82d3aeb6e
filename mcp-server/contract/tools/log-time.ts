// `log_time` as AI clients and the app see it: title, description, schemas, annotations and the
// capability it needs. The handler is in mcp-server/tools/; main parses answers with `output`.
import * as z from 'zod/v4';
import { entryFieldsInput } from './entry-fields.ts';
import { entryOutput } from './outputs.ts';
import { toolContract } from './tool-contract.ts';

export const logTimeContract = toolContract({
  name: 'log_time',
  group: 'entries',
  access: 'create',
  title: 'Log time',
  doing: 'Logging time',
  description: 'Record past work: start and end, or date and duration.',
  capability: 'entries',
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false },
  input: () =>
    z.object({
      start: z.string().max(64).optional(),
      end: z.string().max(64).optional(),
      date: z.string().max(32).optional(),
      duration: z.string().max(32).optional(),
      project: z.string().max(200).optional(),
      activity: z.string().max(200).optional(),
      description: z.string().max(5000).optional(),
      fields: entryFieldsInput(),
    }),
  output: () => z.object({ entry: entryOutput }),
});
