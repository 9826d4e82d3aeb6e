// `list_timesheet_approvals` as AI clients and the app see it: title, description, schemas, annotations and
// the capability it needs. The handler is in mcp-server/tools/; main parses answers with `output`.
import * as z from 'zod/v4';
import { APPROVAL_STATUSES, PERIOD_LOCK_STATUSES } from '../vocabulary.ts';
import { submissionOutput, trackerLabel } from './outputs.ts';
import { toolContract } from './tool-contract.ts';

/** The most submissions one answer lists. */
export const MAX_SUBMISSIONS = 50;

export const listTimesheetApprovalsContract = toolContract({
  name: 'list_timesheet_approvals',
  group: 'approvals',
  access: 'read',
  title: 'Timesheet approvals',
  description: 'Your submitted timesheets and their status; with person (a name, or * for all), those you may decide. Default: 8 weeks.',
  capability: 'approvals',
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true },
  input: () =>
    z.object({
      status: z.enum(APPROVAL_STATUSES).optional(),
      from: z.string().max(40).optional(),
      to: z.string().max(40).optional(),
      person: z.string().max(200).optional(),
    }),
  output: () =>
    z.object({
      /** Whose: the person's own (`mine`), or those they may decide (`to_decide`). */
      whose: z.enum(['mine', 'to_decide']),
      submissions: z.array(submissionOutput),
      /** Whether more matched than were listed. */
      more: z.boolean(),
      /** The days looked at, both included. */
      from: z.string(),
      to: z.string(),
      /** Where a rejection's note is not kept for the person to read (Clockify e-mails it). */
      rejection_note_kept: z.boolean(),
      /**
       * The person's own periods touching the range that no write may reach, each with its own status
       * (approved; submitted, where the back end locks a submitted period; not submitted, where the back
       * end locks every period before the next one to submit) and who can reopen it; absent with `person`.
       * The window keeps their entries from being changed, saying why in a timesheet_period_locked refusal's words.
       */
      locks: z
        .array(
          z.object({
            first_day: z.string(),
            last_day: z.string(),
            status: z.enum(PERIOD_LOCK_STATUSES),
            reopened_by: z.enum(['the_person', 'an_approver', 'an_administrator']),
            tracker: trackerLabel,
          }),
        )
        .optional(),
    }),
});
