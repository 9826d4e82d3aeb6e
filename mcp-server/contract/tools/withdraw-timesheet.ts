// `withdraw_timesheet` as AI clients and the app see it: title, description, schemas, annotations and the
// capability it needs. The handler is in mcp-server/tools/; main parses answers with `output`.
import * as z from 'zod/v4';
import { APPROVAL_STATUSES } from '../vocabulary.ts';
import { submissionOutput } from './outputs.ts';
import { toolContract } from './tool-contract.ts';

export const withdrawTimesheetContract = toolContract({
  name: 'withdraw_timesheet',
  group: 'approvals',
  access: 'change',
  title: 'Withdraw timesheet',
  description: 'Withdraw your pending submission by period_start, or as approver an approval by id.',
  capability: 'approvals_workflow',
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: false },
  input: () =>
    z.object({
      period_start: z.string().max(40).optional(),
      id: z.string().min(1).max(64).optional(),
    }),
  output: () => z.object({ submission: submissionOutput, status_before: z.enum(APPROVAL_STATUSES) }),
});
