// The person's project assignments and their active tasks, read-only (docs/back-ends/harvest.md). What it offers is read before Harvest's code loads; under an organisation's credential nothing, as
// Harvest has no organisation account acting for people (cells.ts).
import { type Cell, NONE } from '../../grid/cell.ts';
import type { HarvestGrid } from '../context.ts';

export const CATALOG: Cell<HarvestGrid> = {
  name: 'catalog',
  offer: {
    own: () => ['catalog'],
    organisation: () => NONE,
  },
  code: async () => (await import('./code.ts')).code,
};
