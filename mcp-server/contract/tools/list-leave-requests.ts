// `list_leave_requests` as AI clients and the app see it: title, description, schemas, annotations and the
// capability it needs. The handler is in mcp-server/tools/; main parses answers with `output`.
import * as z from 'zod/v4';
import { leaveOutput } from './outputs.ts';
import { toolContract } from './tool-contract.ts';

export const listLeaveRequestsContract = toolContract({
  name: 'list_leave_requests',
  group: 'leave',
  access: 'read',
  title: 'List leave requests',
  description: 'Leave requests in a date range (default: this year and all upcoming).',
  capability: 'leave',
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true },
  input: () =>
    z.object({
      from: z.string().max(32).optional(),
      to: z.string().max(32).optional(),
      include_cancelled: z.boolean().optional(),
    }),
  output: () => z.object({ requests: z.array(leaveOutput) }),
});
