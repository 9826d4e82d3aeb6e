// The person's project assignments and their active tasks, read-only (docs/back-ends/harvest.md). What it offers is
// read before Harvest's code loads.
import type { Cell } from '../../grid/cell.ts';
import type { HarvestGrid } from '../context.ts';

export const CATALOG: Cell<HarvestGrid> = {
  name: 'catalog',
  offer: { own: () => ['catalog'] },
  code: async () => (await import('./catalog.ts')).code,
};
