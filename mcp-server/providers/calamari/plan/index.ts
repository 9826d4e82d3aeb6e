// The person's plan as Calamari keeps it: their working week, their holiday calendar and Calamari's working-time
// balance, for reports, leave counting and the calendar; no tool of its own (docs/back-ends/calamari.md). What it
// offers is read before Calamari's code loads.
import { type Cell, NONE } from '../../grid/cell.ts';
import type { CalamariGrid } from '../context.ts';

export const PLAN: Cell<CalamariGrid> = {
  name: 'plan',
  offer: { own: () => NONE },
  code: async () => (await import('./plan.ts')).code,
};
