// A tool only the app's own engine lists (docs/decisions.md, "The admin group"): what a customer, project
// or activity keeps now, in the fields update_catalog_item may change and the back end shows this person,
// so the window's form starts from the values the back end holds. An AI client never sees it: it reads
// the values it changes in update_catalog_item's own question and answer, and the model's tool list pays
// nothing for a read the window alone needs.
import * as z from 'zod/v4';
import { BUDGET_PERIODS, CATALOG_KINDS } from '../vocabulary.ts';
import { appToolContract } from '../tools/tool-contract.ts';

/**
 * The fields as update_catalog_item names them; null where the back end keeps none. A field left out is one the
 * back end keeps not for this kind, or does not show this person: the window offers no change of it.
 */
export const catalogItemFieldsOutput = z
  .object({
    name: z.string(),
    budget_hours: z.number().nullable(),
    budget_money: z.number().nullable(),
    budget_period: z.enum(BUDGET_PERIODS).nullable(),
    billable: z.boolean().nullable(),
    comment: z.string(),
    /** A project's customer; update_catalog_item takes its id. */
    customer: z.object({ id: z.int(), name: z.string() }).nullable(),
    /** A project's first and last day, YYYY-MM-DD. */
    start: z.string().nullable(),
    end: z.string().nullable(),
  })
  .partial()
  .required({ name: true });

export const catalogItemFieldsContract = appToolContract({
  name: 'catalog_item_fields',
  title: 'Catalog item fields',
  description: 'What a customer, project or activity keeps now, in the fields you may change.',
  capability: 'admin_catalog',
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true },
  input: z.object({
    kind: z.enum(CATALOG_KINDS),
    id: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
  }),
  output: z.object({
    id: z.int(),
    kind: z.enum(CATALOG_KINDS),
    fields: catalogItemFieldsOutput,
  }),
});
