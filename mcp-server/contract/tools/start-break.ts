// `start_break` as AI clients and the app see it: title, description, schemas, annotations and the
// capability it needs. The handler is in mcp-server/tools/; main parses answers with `output`.
import * as z from 'zod/v4';
import { entryOutput } from './outputs.ts';
import { toolContract } from './tool-contract.ts';

export const startBreakContract = toolContract({
  name: 'start_break',
  group: 'timer',
  access: 'create',
  title: 'Start break',
  doing: 'Starting a break',
  description: 'Start a break in the running shift; type by name or id.',
  capability: 'breaks',
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false },
  input: () => z.object({ type: z.string().max(200).optional() }),
  output: () => z.object({ shift: entryOutput, break_type: z.string(), since: z.string() }),
});
