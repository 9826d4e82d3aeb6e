// The company's people as its owner administers them. (docs/back-ends/clockodo.md). What it offers is read before Clockodo's code loads.
import { type Cell, NONE } from '../../grid/cell.ts';
import type { ClockodoGrid } from '../context.ts';

export const ADMIN_PEOPLE: Cell<ClockodoGrid> = {
  name: 'admin-people',
  offer: {
    own: (facts) => (facts?.role === 'owner' && !facts.refused?.includes('admin_people') ? ['admin_people'] : NONE),
    organisation: () => NONE,
  },
  code: async () => (await import('./code.ts')).code,
};
