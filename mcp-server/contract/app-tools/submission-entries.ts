// A tool only the app's own engine lists (docs/decisions.md, "The approvals group"): the entries of a
// submitted timesheet, which the window's Approvals section shows before a lead decides it. An AI
// client never sees it: a model decides from list_timesheet_approvals' hours, and its tool list pays
// nothing for a read the window alone needs.
import * as z from 'zod/v4';
import { appToolContract } from '../tools/tool-contract.ts';
import { submissionOutput } from '../tools/outputs.ts';

/** The most entries the window shows of one submission. */
export const MAX_SUBMISSION_ENTRIES = 200;

export const submissionEntriesContract = appToolContract({
  name: 'submission_entries',
  title: 'Submission entries',
  description: 'The entries of a timesheet submission you may decide.',
  capability: 'approvals',
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true },
  input: z.object({ id: z.string().min(1).max(64) }),
  output: z.object({
    submission: submissionOutput,
    entries: z.array(
      z.object({
        /** ISO 8601 with the offset of the person's zone. */
        start: z.string(),
        end: z.string().nullable(),
        minutes: z.int(),
        project: z.string().nullable(),
        activity: z.string().nullable(),
        description: z.string(),
      }),
    ),
    /** Whether the submission holds more than were listed. */
    more: z.boolean(),
  }),
});
