// `update_catalog_item` as AI clients and the app see it: title, description, schemas, annotations and the
// capability it needs. The handler is in mcp-server/tools/; main parses answers with `output`.
//
// The input schema is as small as the contract's eleven arguments allow: bare types, no lengths or
// patterns (each costs the model's every turn). The handler refuses too long names, impossible dates
// and negative budgets in words before anything is sent.
import * as z from 'zod/v4';
import { BUDGET_PERIODS, CATALOG_KINDS } from '../vocabulary.ts';
import { toolContract } from './tool-contract.ts';

/** What the item keeps, in the tool's own words; only the fields that change appear. */
const itemFields = z
  .object({
    name: z.string(),
    budget_hours: z.number().nullable(),
    budget_money: z.number().nullable(),
    budget_period: z.enum(BUDGET_PERIODS).nullable(),
    billable: z.boolean().nullable(),
    comment: z.string(),
    customer: z.string().nullable(),
    start: z.string().nullable(),
    end: z.string().nullable(),
  })
  .partial();

export const updateCatalogItemContract = toolContract({
  name: 'update_catalog_item',
  group: 'admin',
  access: 'change',
  title: 'Change catalog item',
  description: "Change a catalog item's fields given (dates YYYY-MM-DD).",
  capability: 'admin_catalog',
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true },
  input: () =>
    z.object({
      kind: z.enum(CATALOG_KINDS),
      item: z.string(),
      name: z.string().optional(),
      budget_hours: z.number().optional(),
      budget_money: z.number().optional(),
      budget_period: z.enum(BUDGET_PERIODS).optional(),
      billable: z.boolean().optional(),
      comment: z.string().optional(),
      customer: z.string().optional(),
      start: z.string().optional(),
      end: z.string().optional(),
    }),
  output: () =>
    z.object({
      id: z.int(),
      kind: z.enum(CATALOG_KINDS),
      name: z.string(),
      /** The changed fields as they were, and as the back end keeps them now. */
      before: itemFields,
      after: itemFields,
    }),
});
