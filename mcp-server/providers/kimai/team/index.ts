// What a person who leads a team sees and decides: their hours, a project's time, and their leave
// (docs/back-ends/kimai.md). What it offers is read before Kimai's code loads.
import type { Capability } from '../../../contract/vocabulary.ts';
import { type Cell, NONE } from '../../grid/cell.ts';
import type { KimaiGrid } from '../context.ts';

/** Deciding leave needs the absence plugin too. */
const TEAM_LEAVE: readonly Capability[] = ['team_leave'];

export const TEAM: Cell<KimaiGrid> = {
  name: 'team',
  offer: {
    own: (facts) => (facts?.leads === true ? ['team_hours', 'team_projects', ...(facts.absences === false ? NONE : TEAM_LEAVE)] : NONE),
    organisation: (facts) =>
      facts?.role === 'ROLE_TEAMLEAD' && facts.leads === true ? ['team_hours', 'team_projects', ...(facts.absences === true ? TEAM_LEAVE : NONE)] : NONE,
  },
  code: async () => (await import('./code.ts')).code,
};
