// The person's plan as Clockify keeps it: the work capacity and working days of their member profile, and the holidays
// their workspace assigns them (docs/back-ends/clockify.md). What it offers is read before Clockify's code loads.
import { type Cell, NONE } from '../../grid/cell.ts';
import type { ClockifyGrid } from '../context.ts';

export const PLAN: Cell<ClockifyGrid> = {
  name: 'plan',
  offer: {
    own: () => NONE,
    organisation: () => NONE,
  },
  code: async () => (await import('./code.ts')).code,
};
