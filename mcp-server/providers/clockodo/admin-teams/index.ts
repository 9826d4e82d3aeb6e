// The company's teams and their leaders as its owner administers them. (docs/back-ends/clockodo.md). What it offers is read before Clockodo's code loads.
import { type Cell, NONE } from '../../grid/cell.ts';
import type { ClockodoGrid } from '../context.ts';

export const ADMIN_TEAMS: Cell<ClockodoGrid> = {
  name: 'admin-teams',
  offer: {
    own: (facts) => (facts?.role === 'owner' && !facts.refused?.includes('admin_teams') ? ['admin_teams'] : NONE),
    organisation: () => NONE,
  },
  code: async () => (await import('./code.ts')).code,
};
