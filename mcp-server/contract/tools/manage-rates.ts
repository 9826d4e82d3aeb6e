// `manage_rates` as AI clients and the app see it: title, description, schemas, annotations and the
// capability it needs. The handler is in mcp-server/tools/; main parses answers with `output`.
import * as z from 'zod/v4';
import { RATE_ACTIONS, RATE_KINDS } from '../vocabulary.ts';
import { toolContract } from './tool-contract.ts';

/** The most an amount may be: beyond any hourly rate, and a typo's guard (checked by the handler, in words). */
export const MAX_RATE_AMOUNT = 1_000_000;
/** The longest item or person a call may name (checked by the handler, in words). */
export const MAX_RATE_NAME = 200;

/** What a rate charges, in the currency's units; `fixed` is per time entry rather than per hour. */
const values = z.object({ hourly: z.number().nullable(), fixed: z.number().nullable(), internal: z.number().nullable() });
/** One rate as the tool shows it; `person` null is everyone's. */
const rateOutput = z.object({ id: z.int(), person: z.object({ id: z.int(), name: z.string() }).nullable(), ...values.shape });

export const manageRatesContract = toolContract({
  name: 'manage_rates',
  group: 'admin',
  access: 'change',
  title: 'Manage rates',
  // The bounds of names and amounts are the handler's, said in words: this tool's share of what the model reads is small (issue 53).
  description: 'Billing rates of an item, per person (omit: everyone). fixed: amount per entry.',
  capability: 'admin_rates',
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: false },
  input: () =>
    z.object({
      action: z.enum(RATE_ACTIONS),
      kind: z.enum(RATE_KINDS),
      item: z.string(),
      person: z.string().optional(),
      hourly: z.number().optional(),
      internal: z.number().optional(),
      fixed: z.number().optional(),
    }),
  output: () =>
    z.object({
      action: z.enum(RATE_ACTIONS),
      kind: z.enum(RATE_KINDS),
      item: z.object({ id: z.int(), name: z.string() }),
      /** ISO 4217; null where it is the currency of the customer booked for (a global activity). */
      currency: z.string().nullable(),
      /** The rates listed, or the one set. */
      rates: z.array(rateOutput),
      /** What a set or remove changed, for the audit log: the rate before and after (null: none). */
      before: values.nullable().optional(),
      after: values.nullable().optional(),
    }),
});
