// What a workspace admin, a Team Lead or a project manager sees of others' time (docs/back-ends/toggl.md, "For
// leads"): everyone's hours (an admin's and a Team Lead's), and a project's time against its estimate (theirs for every
// project, a project manager's for the projects they manage). Never leave: Toggl keeps none. What it offers is read
// before Toggl's code loads, from the role remembered (rights.ts).
import type { Cell } from '../../grid/cell.ts';
import type { TogglGrid } from '../context.ts';
import { leadsPeople, offeredFor, overseesProjects } from '../rights.ts';

export const TEAM: Cell<TogglGrid> = {
  name: 'team',
  offer: {
    own: (known) => [...offeredFor(known, leadsPeople, ['team_hours']), ...offeredFor(known, overseesProjects, ['team_projects'])],
  },
  code: async () => (await import('./team.ts')).code,
};
