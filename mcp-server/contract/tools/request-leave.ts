// `request_leave` as AI clients and the app see it: title, description, schemas, annotations and the
// capability it needs. The handler is in mcp-server/tools/; main parses answers with `output`.
import * as z from 'zod/v4';
import { leaveOutput } from './outputs.ts';
import { LEAVE_TYPES } from '../vocabulary.ts';
import { toolContract } from './tool-contract.ts';

export const requestLeaveContract = toolContract({
  name: 'request_leave',
  group: 'leave',
  access: 'create',
  title: 'Request leave',
  description: 'File leave, counted in working days; refuses overlaps.',
  capability: 'leave',
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false },
  input: () =>
    z.object({
      type: z
        .string()
        .max(60)
        .describe(`${LEAVE_TYPES.join(', ')} or the back end's name`),
      first_day: z.string().max(32),
      last_day: z.string().max(32).optional(),
      first_day_part: z.enum(['full', 'afternoon']).optional(),
      last_day_part: z.enum(['full', 'morning']).optional(),
      comment: z.string().max(2000).optional(),
      /** The call means leave beyond the vacation balance (where the client cannot ask the person). */
      beyond_balance: z.boolean().optional(),
    }),
  output: () =>
    z.object({
      request: leaveOutput,
      vacation_days_remaining: z.number().nullable(),
      /** Present when the back end stored the request as several records (Kimai: per year, ≤ 30 days). */
      parts: z.array(z.object({ id: z.int(), first_day: z.string(), last_day: z.string() })).optional(),
    }),
});
