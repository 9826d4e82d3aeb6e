// `decide_leave_request` as AI clients and the app see it: title, description, schemas, annotations and the
// capability it needs. The handler is in mcp-server/tools/; main parses answers with `output`.
import * as z from 'zod/v4';
import { LEAVE_STATUSES, LEAVE_TYPES } from '../vocabulary.ts';
import { trackerLabel } from './outputs.ts';
import { toolContract } from './tool-contract.ts';

export const decideLeaveRequestContract = toolContract({
  name: 'decide_leave_request',
  group: 'team',
  access: 'change',
  title: 'Decide leave request',
  description: 'Approve or reject a request from list_pending_leave, with an optional reason.',
  capability: 'team_leave',
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: false },
  input: () =>
    z.object({
      id: z.number().int().min(1),
      decision: z.enum(['approve', 'reject']),
      reason: z.string().max(500).optional(),
    }),
  output: () =>
    z.object({
      request: z.object({
        id: z.number(),
        person: z.string(),
        type: z.enum(LEAVE_TYPES),
        first_day: z.string(),
        last_day: z.string(),
        days: z.number(),
        status: z.enum(LEAVE_STATUSES),
        tracker: trackerLabel,
      }),
      /** Whether the back end kept the reason with the decision; where its API has no place for one it was not sent. */
      reason_kept: z.boolean(),
    }),
});
