// `submit_timesheet` as AI clients and the app see it: title, description, schemas, annotations and the
// capability it needs. The handler is in mcp-server/tools/; main parses answers with `output`.
import * as z from 'zod/v4';
import { APPROVAL_PERIODS } from '../vocabulary.ts';
import { submissionOutput } from './outputs.ts';
import { toolContract } from './tool-contract.ts';

export const submitTimesheetContract = toolContract({
  name: 'submit_timesheet',
  group: 'approvals',
  access: 'create',
  title: 'Submit timesheet',
  description: 'Submit your timesheet for approval; default the current period. Submitted time may lock.',
  capability: 'approvals_workflow',
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false },
  input: () =>
    z.object({
      period_start: z.string().max(40).optional(),
      period: z.enum(APPROVAL_PERIODS).optional(),
    }),
  output: () => z.object({ submission: submissionOutput }),
});
