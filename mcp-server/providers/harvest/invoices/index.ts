// The account's invoices, read-only, as the person's role shows them (docs/back-ends/harvest.md, "Administration"): an
// administrator's every one, a manager's with an invoice permission those of the projects she manages, where the
// company has its invoices module on. What it offers is read before Harvest's code loads, from the role remembered
// (rights.ts).
import type { Cell } from '../../grid/cell.ts';
import type { HarvestGrid } from '../context.ts';
import { offeredFor, readsInvoices } from '../rights.ts';

export const INVOICES: Cell<HarvestGrid> = {
  name: 'invoices',
  offer: { own: (known) => (known?.invoices === false ? [] : offeredFor(known, readsInvoices, ['admin_invoices'])) },
  code: async () => (await import('./invoices.ts')).code,
};
