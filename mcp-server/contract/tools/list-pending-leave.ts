// `list_pending_leave` as AI clients and the app see it: title, description, schemas, annotations and the
// capability it needs. The handler is in mcp-server/tools/; main parses answers with `output`.
import * as z from 'zod/v4';
import { DAY_PARTS, LEAVE_TYPES } from '../vocabulary.ts';
import { toolContract } from './tool-contract.ts';

/** The most people or requests one call looks at: a big team is read in windows. */
export const MAX_PENDING_PAGE = 30;

export const listPendingLeaveContract = toolContract({
  name: 'list_pending_leave',
  group: 'team',
  access: 'read',
  title: 'Leave awaiting your decision',
  description: 'Leave requests waiting for your decision, with their working days and who else is away; pages.',
  capability: 'team_leave',
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true },
  input: () =>
    z.object({
      offset: z.number().int().min(0).max(100_000).optional(),
      limit: z.number().int().min(1).max(MAX_PENDING_PAGE).optional(),
    }),
  output: () =>
    z.object({
      requests: z.array(
        z.object({
          id: z.number(),
          person: z.string(),
          type: z.enum(LEAVE_TYPES),
          kind: z.string().optional(),
          first_day: z.string(),
          last_day: z.string(),
          first_day_part: z.enum(DAY_PARTS),
          last_day_part: z.enum(DAY_PARTS),
          /** Working days the request costs. */
          days: z.number(),
          /** What the person wrote with the request, for whoever decides it. */
          comment: z.string(),
          /** Others away on any of its days (by name only). */
          also_away: z.array(z.string()),
        }),
      ),
      next_offset: z.number().nullable(),
      covers: z.string(),
    }),
});
