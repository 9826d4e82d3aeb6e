// `absence_calendar` as AI clients and the app see it: title, description, schemas, annotations and the
// capability it needs. The handler is in mcp-server/tools/; main parses answers with `output`.
import * as z from 'zod/v4';
import { DAY_PARTS, LEAVE_TYPES, WEEKDAY_NAMES } from '../vocabulary.ts';
import { trackerLabel } from './outputs.ts';
import { toolContract } from './tool-contract.ts';

export const absenceCalendarContract = toolContract({
  name: 'absence_calendar',
  group: 'calendar',
  access: 'read',
  title: 'Absence calendar',
  description: 'Per day (default next 14, at most 92): working day, holiday, who is away; finds free days.',
  capability: 'calendar',
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true },
  input: () =>
    z.object({
      from: z.string().max(32).optional(),
      to: z.string().max(32).optional(),
    }),
  output: () =>
    z.object({
      days: z.array(
        z.object({
          date: z.string(),
          weekday: z.enum(WEEKDAY_NAMES),
          /** The person's own working day, by their plan (the back end's, or the settings'). */
          working_day: z.boolean(),
          /** What a whole day of leave costs on the date: 1 on a working day, 0.5 on a half holiday, 0 on days off and holidays. */
          work_share: z.number(),
          holiday: z.string().nullable(),
          away: z.array(
            z.object({
              person: z.string(),
              /** null where the back end does not show the kind of a colleague's absence. */
              type: z.enum(LEAVE_TYPES).nullable(),
              /** The back end's own name of the type, where it says more. */
              kind: z.string().optional(),
              part: z.enum(DAY_PARTS),
              /** True on the person's own absences (the window writes "You" and shows who else is away beside a request); absent on colleagues'. */
              own: z.boolean().optional(),
              /** True while the request waits for approval; absent once approved. */
              pending: z.boolean().optional(),
              tracker: trackerLabel,
            }),
          ),
        }),
      ),
    }),
});
