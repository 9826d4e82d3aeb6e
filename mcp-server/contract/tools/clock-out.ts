// `clock_out` as AI clients and the app see it: title, description, schemas, annotations and the
// capability it needs. The handler is in mcp-server/tools/; main parses answers with `output`.
import * as z from 'zod/v4';
import { entryFieldsInput } from './entry-fields.ts';
import { entryOutput } from './outputs.ts';
import { toolContract } from './tool-contract.ts';

export const clockOutContract = toolContract({
  name: 'clock_out',
  group: 'timer',
  access: 'create',
  title: 'Clock out',
  doing: 'Clocking out',
  description: 'Stop the running timer, now or at a given end, with an optional note.',
  capability: 'timer',
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false },
  input: () =>
    z.object({
      end: z.string().max(64).optional(),
      note: z.string().max(5000).optional(),
      fields: entryFieldsInput(),
    }),
  output: () => z.object({ stopped: entryOutput }),
});
