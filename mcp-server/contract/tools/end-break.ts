// `end_break` as AI clients and the app see it: title, description, schemas, annotations and the
// capability it needs. The handler is in mcp-server/tools/; main parses answers with `output`.
import * as z from 'zod/v4';
import { entryOutput } from './outputs.ts';
import { toolContract } from './tool-contract.ts';

export const endBreakContract = toolContract({
  name: 'end_break',
  group: 'timer',
  access: 'create',
  title: 'End break',
  doing: 'Ending a break',
  description: 'End the running break.',
  capability: 'breaks',
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false },
  input: () => z.object({}),
  output: () => z.object({ shift: entryOutput }),
});
