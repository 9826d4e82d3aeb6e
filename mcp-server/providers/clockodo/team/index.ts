// The team's tools on Clockodo (docs/back-ends/clockodo.md): what a person who leads people sees and decides: their
// hours, a project's time, the absences they decide. A cell (providers/grid/cell.ts): what it offers under each
// credential, read by the opening before Clockodo's code loads, and where its code is.
import { type Cell, NONE } from '../../grid/cell.ts';
import type { ClockodoGrid } from '../context.ts';
import { LEADS, decidesLeave } from '../facts.ts';

export const TEAM: Cell<ClockodoGrid> = {
  name: 'team',
  offer: {
    own: (facts) => [...(facts?.role === 'owner' || facts?.role === 'manager' || facts?.leads === true ? LEADS : NONE), ...decidesLeave(facts)],
    organisation: (facts) => [...(facts?.leads === true ? LEADS : NONE), ...decidesLeave(facts)],
  },
  code: async () => (await import('./code.ts')).code,
};
