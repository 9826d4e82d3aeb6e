// Leave on Calamari's Time Off and the absence calendar: unless Time Off is known to be off
// (docs/back-ends/calamari.md). What it offers is read before Calamari's code loads.
import { type Cell, NONE } from '../../grid/cell.ts';
import type { CalamariGrid } from '../context.ts';

export const LEAVE: Cell<CalamariGrid> = {
  name: 'leave',
  offer: { own: (facts) => (facts?.timeOff !== false ? ['leave', 'calendar'] : NONE) },
  code: async () => (await import('./leave.ts')).code,
};
