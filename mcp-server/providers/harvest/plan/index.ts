// The person's weekly target, their own weekly capacity in Harvest, over the settings' working days and holidays
// (docs/back-ends/harvest.md). What it offers is read before Harvest's code loads.
import { type Cell, NONE } from '../../grid/cell.ts';
import type { HarvestGrid } from '../context.ts';

export const PLAN: Cell<HarvestGrid> = {
  name: 'plan',
  offer: { own: () => NONE },
  code: async () => (await import('./plan.ts')).code,
};
