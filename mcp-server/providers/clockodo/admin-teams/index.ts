// The teams on Clockodo (docs/back-ends/clockodo.md): the company's teams and their leaders as its owner administers
// them. A cell (providers/grid/cell.ts): what it offers under each credential, read by the opening before Clockodo's
// code loads, and where its code is.
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
