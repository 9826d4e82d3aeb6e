// What a person who leads people sees and decides: their hours, a project's time, and the absences they decide. (docs/back-ends/clockodo.md). What it offers is read before Clockodo's code loads.
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
