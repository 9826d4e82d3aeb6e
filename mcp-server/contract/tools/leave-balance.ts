// `leave_balance` as AI clients and the app see it: title, description, schemas, annotations and the
// capability it needs. The handler is in mcp-server/tools/; main parses answers with `output`.
import * as z from 'zod/v4';
import { LEAVE_TYPES } from '../vocabulary.ts';
import { toolContract } from './tool-contract.ts';

export const leaveBalanceContract = toolContract({
  name: 'leave_balance',
  group: 'leave',
  access: 'read',
  title: 'Leave balance',
  description: 'Vacation days of a year: entitlement, taken, planned, remaining; other leave days.',
  capability: 'leave',
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true },
  input: () => z.object({ year: z.number().int().min(2000).max(2100).optional() }),
  output: () =>
    z.object({
      year: z.int(),
      /** The year's vacation days, carry-over included; null where the back end says only what is left. */
      entitlement: z.number().nullable(),
      /** Days carried over from the year before (part of the entitlement); null where the back end does not say. */
      carry_over: z.number().nullable(),
      /** The back end sets no limit on vacation: entitlement and remaining are then not limits. */
      unlimited: z.boolean(),
      /**
       * One balance that runs on across years (Clockify's): the same whichever year is asked, and leave
       * over New Year draws on it once.
       */
      across_years: z.boolean(),
      taken: z.number(),
      planned: z.number(),
      remaining: z.number(),
      /** Days per leave type other than vacation, for the types the year has any of. */
      other_leave_days: z.partialRecord(z.enum(LEAVE_TYPES).exclude(['vacation']), z.number()),
      /** Who keeps the entitlement: the back end (Clockodo, Calamari), or Punchcard's settings. */
      source: z.enum(['back_end', 'settings']),
      /**
       * With several trackers and no `tracker`: each connection's balance, never added up (two employers' days are not
       * one balance); the fields above are then the default connection's (or the first that answered), named by `tracker`.
       */
      balances: z.array(z.looseObject({ tracker: z.string(), year: z.int(), remaining: z.number() })).optional(),
    }),
});
