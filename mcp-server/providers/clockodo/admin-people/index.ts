// The people on Clockodo (docs/back-ends/clockodo.md): the company's people as its owner administers them. A cell
// (providers/grid/cell.ts): what it offers under each credential, read by the opening before Clockodo's code loads,
// and where its code is.
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
