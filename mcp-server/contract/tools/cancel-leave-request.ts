// `cancel_leave_request` as AI clients and the app see it: title, description, schemas, annotations and the
// capability it needs. The handler is in mcp-server/tools/; main parses answers with `output`.
import * as z from 'zod/v4';
import { leaveOutput } from './outputs.ts';
import { toolContract } from './tool-contract.ts';

export const cancelLeaveRequestContract = toolContract({
  name: 'cancel_leave_request',
  group: 'leave',
  access: 'change',
  title: 'Cancel leave request',
  description: 'Cancel a leave request by id.',
  capability: 'leave_cancel',
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: false },
  input: () => z.object({ id: z.number().int().min(1) }),
  output: () => z.object({ request: leaveOutput }),
});
