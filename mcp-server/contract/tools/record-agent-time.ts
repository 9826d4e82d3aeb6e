// `record_agent_time` as AI clients and the app see it: title, description, schemas, annotations and the
// capability it needs. The handler is in mcp-server/tools/; main parses answers with `output`.
import * as z from 'zod/v4';
import { entryFieldsInput } from './entry-fields.ts';
import { entryOutput } from './outputs.ts';
import { toolContract } from './tool-contract.ts';

export const recordAgentTimeContract = toolContract({
  name: 'record_agent_time',
  group: 'agents',
  access: 'create',
  title: 'Record agent time',
  description: "Book an AI agent's work as the agent's own.",
  capability: 'entries',
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false },
  input: () =>
    z.object({
      start: z.string().max(64),
      end: z.string().max(64),
      description: z.string().max(5000),
      project: z.string().max(200),
      activity: z.string().max(200).optional(),
      fields: entryFieldsInput(),
    }),
  output: () => z.object({ entry: entryOutput }),
});
