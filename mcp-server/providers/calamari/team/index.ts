// The worked time of the people Calamari's own data says this person manages (docs/back-ends/calamari.md, "Teams").
// What it offers is read before Calamari's code loads.
import { type Cell, NONE } from '../../grid/cell.ts';
import type { CalamariGrid } from '../context.ts';

export const TEAM: Cell<CalamariGrid> = {
  name: 'team',
  offer: {
    // Only once Calamari's own data named people this person manages (the organisation's key could read anyone's, so
    // the key says nothing): unknown is no. Never a leave decision, nor a project's hours: docs/back-ends/calamari.md, "Teams".
    own: (facts) => (facts?.managesPeople === true && facts.timeAndAttendance !== false ? ['team_hours'] : NONE),
  },
  code: async () => (await import('./team.ts')).code,
};
