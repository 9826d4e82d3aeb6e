// Leave, which Harvest's API does not keep: never offered, so its tools are withheld in words (docs/back-ends/harvest.md, "What Harvest does not have"). What it offers is read before Harvest's code loads; under an organisation's credential nothing, as
// Harvest has no organisation account acting for people (cells.ts).
import { type Cell, NONE } from '../../grid/cell.ts';
import type { HarvestGrid } from '../context.ts';

export const LEAVE: Cell<HarvestGrid> = {
  name: 'leave',
  offer: {
    own: () => NONE,
    organisation: () => NONE,
  },
  code: async () => (await import('./code.ts')).code,
};
