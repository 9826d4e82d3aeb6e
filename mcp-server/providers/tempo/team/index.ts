// The team report on Tempo: the members of the Tempo teams the person leads, their worklogs and their schedules'
// targets (docs/back-ends/tempo.md, "Teams"). Offered once the team tools are on and the person leads a team. What it
// offers is read before Tempo's code loads.
import { type Cell, NONE } from '../../grid/cell.ts';
import type { TempoGrid } from '../context.ts';

export const TEAM: Cell<TempoGrid> = {
  name: 'team',
  offer: { own: (facts) => (facts?.leadsTeams === true ? ['team_hours'] : NONE) },
  code: async () => (await import('./team.ts')).code,
};
