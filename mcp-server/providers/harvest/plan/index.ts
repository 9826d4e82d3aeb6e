// The person's weekly target, their own weekly capacity in Harvest, over the settings' working days and holidays (docs/back-ends/harvest.md). What it offers is read before Harvest's code loads; under an organisation's credential nothing, as
// Harvest has no organisation account acting for people (cells.ts).
import { type Cell, NONE } from '../../grid/cell.ts';
import type { HarvestGrid } from '../context.ts';

export const PLAN: Cell<HarvestGrid> = {
  name: 'plan',
  offer: {
    own: () => NONE,
    organisation: () => NONE,
  },
  code: async () => (await import('./code.ts')).code,
};
