// The person's target hours, non-business days and time account as Clockodo keeps them. (docs/back-ends/clockodo.md). What it offers is read before Clockodo's code loads.
import { type Cell, NONE } from '../../grid/cell.ts';
import type { ClockodoGrid } from '../context.ts';

export const PLAN: Cell<ClockodoGrid> = {
  name: 'plan',
  offer: {
    own: () => NONE,
    organisation: () => NONE,
  },
  code: async () => (await import('./code.ts')).code,
};
