// `clock_in` as AI clients and the app see it: title, description, schemas, annotations and the
// capability it needs. The handler is in mcp-server/tools/; main parses answers with `output`.
import * as z from 'zod/v4';
import { entryFieldsInput } from './entry-fields.ts';
import { entryOutput } from './outputs.ts';
import { toolContract } from './tool-contract.ts';

export const clockInContract = toolContract({
  name: 'clock_in',
  group: 'timer',
  access: 'create',
  title: 'Clock in',
  doing: 'Clocking in',
  description: 'Start the timer (now or a past start); if one runs, pass switch: true.',
  capability: 'timer',
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false },
  input: () =>
    z.object({
      project: z.string().max(200).optional(),
      activity: z.string().max(200).optional(),
      description: z.string().max(5000).optional(),
      start: z.string().max(64).optional(),
      switch: z.boolean().optional(),
      fields: entryFieldsInput(),
    }),
  output: () => z.object({ started: entryOutput, stopped: entryOutput.nullable() }),
});
