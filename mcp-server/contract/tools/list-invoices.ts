// `list_invoices` as AI clients and the app see it: title, description, schemas, annotations and the
// capability it needs. The handler is in mcp-server/tools/; main parses answers with `output`.
import * as z from 'zod/v4';
import { INVOICE_STATUSES } from '../vocabulary.ts';
import { trackerLabel } from './outputs.ts';
import { toolContract } from './tool-contract.ts';

export const listInvoicesContract = toolContract({
  name: 'list_invoices',
  group: 'admin',
  access: 'read',
  title: 'Invoices',
  description: 'Invoices by date made (default: last 90 days), status, customer; pages.',
  capability: 'admin_invoices',
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true },
  input: () =>
    z.object({
      from: z.string().max(32).optional(),
      to: z.string().max(32).optional(),
      status: z.array(z.enum(INVOICE_STATUSES)).max(4).optional(),
      customer: z.string().max(200).optional(),
      page: z.number().int().min(1).max(10_000).optional(),
    }),
  output: () =>
    z.object({
      from: z.string(),
      to: z.string(),
      invoices: z.array(
        z.object({
          id: z.int(),
          number: z.string(),
          customer: z.string(),
          /** The day it was made, in the person's zone. */
          date: z.string(),
          status: z.enum(INVOICE_STATUSES),
          total: z.number(),
          currency: z.string(),
          tracker: trackerLabel,
        }),
      ),
      page: z.int(),
      total_pages: z.int(),
      total: z.int(),
      /** With several trackers: the invoices' totals per currency (void and cancelled left out), never across currencies. */
      totals_by_currency: z.array(z.object({ currency: z.string(), amount: z.number() })).optional(),
    }),
});
