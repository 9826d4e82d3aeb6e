// The person's working days from their Tempo schedule: required hours a day and holidays by name
// (docs/back-ends/tempo.md, "Schedule"). What it offers is read before Tempo's code loads.
import { type Cell, NONE } from '../../grid/cell.ts';
import type { TempoGrid } from '../context.ts';

export const PLAN: Cell<TempoGrid> = {
  name: 'plan',
  offer: { own: () => NONE },
  code: async () => (await import('./plan.ts')).code,
};
