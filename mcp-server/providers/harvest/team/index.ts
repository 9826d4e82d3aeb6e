// What an administrator or a manager sees of others' time (docs/back-ends/harvest.md, "For leads"): the hours of the
// people Harvest lists to them (an administrator everyone, a manager with teammates them and herself), and a project's
// time against its budget (an administrator's every project, a manager's those she manages). Never leave: Harvest keeps
// none. What it offers is read before Harvest's code loads, from the role remembered (rights.ts).
import type { Cell } from '../../grid/cell.ts';
import type { HarvestGrid } from '../context.ts';
import { leadsPeople, offeredFor, overseesProjects } from '../rights.ts';

export const TEAM: Cell<HarvestGrid> = {
  name: 'team',
  offer: {
    own: (known) => [...offeredFor(known, leadsPeople, ['team_hours']), ...offeredFor(known, overseesProjects, ['team_projects'])],
  },
  code: async () => (await import('./team.ts')).code,
};
