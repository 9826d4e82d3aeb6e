// Rates as the person's role sets them (docs/back-ends/harvest.md, "Administration"): an administrator's people's
// dated billable and cost rates, a project's rate, a person's rate on a project and a task's on a project; a manager
// with billable_rates_manager her teammates' billable rates. What it offers is read before Harvest's code loads, from
// the role remembered (rights.ts).
import type { Cell } from '../../grid/cell.ts';
import type { HarvestGrid } from '../context.ts';
import { offeredFor, setsRates } from '../rights.ts';

export const ADMIN_RATES: Cell<HarvestGrid> = {
  name: 'admin-rates',
  offer: { own: (known) => offeredFor(known, setsRates, ['admin_rates']) },
  code: async () => (await import('./admin-rates.ts')).code,
};
