// Kimai's teams as an administrator changes them: members, leads and what each team is granted
// (docs/back-ends/kimai.md). What it offers is read before Kimai's code loads.
import { type Cell, NONE } from '../../grid/cell.ts';
import type { KimaiGrid } from '../context.ts';
import { roleRank } from '../facts.ts';

export const ADMIN_TEAMS: Cell<KimaiGrid> = {
  name: 'admin-teams',
  offer: {
    own: (facts) => (roleRank(facts) >= 2 && facts?.teamsRefused !== true ? ['admin_teams'] : NONE),
    organisation: () => NONE,
  },
  code: async () => (await import('./code.ts')).code,
};
