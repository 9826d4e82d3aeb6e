// `decide_timesheet` as AI clients and the app see it: title, description, schemas, annotations and the
// capability it needs. The handler is in mcp-server/tools/; main parses answers with `output`.
import * as z from 'zod/v4';
import { APPROVAL_STATUSES } from '../vocabulary.ts';
import { submissionOutput } from './outputs.ts';
import { toolContract } from './tool-contract.ts';

export const decideTimesheetContract = toolContract({
  name: 'decide_timesheet',
  group: 'approvals',
  access: 'change',
  title: 'Decide timesheet',
  description: "Approve or reject someone's submitted timesheet by id; a rejection needs a note.",
  capability: 'approvals_workflow',
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: false },
  input: () =>
    z.object({
      id: z.string().min(1).max(64),
      decision: z.enum(['approve', 'reject']),
      note: z.string().max(1000).optional(),
    }),
  /** `status_before`: what the submission was before the decision (the team server's audit log keeps both). */
  output: () => z.object({ submission: submissionOutput, status_before: z.enum(APPROVAL_STATUSES), note_kept: z.boolean() }),
});
