// Leave, which Harvest's API does not keep: never offered, so its tools are withheld in words
// (docs/back-ends/harvest.md, "What Harvest does not have"). What it offers is read before Harvest's code loads.
import { type Cell, NONE } from '../../grid/cell.ts';
import type { HarvestGrid } from '../context.ts';

export const LEAVE: Cell<HarvestGrid> = {
  name: 'leave',
  offer: { own: () => NONE },
  code: async () => (await import('./leave.ts')).code,
};
