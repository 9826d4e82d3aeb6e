// Kimai's people as its super administrator administers them (docs/back-ends/kimai.md). What it offers is read before
// Kimai's code loads.
import { type Cell, NONE } from '../../grid/cell.ts';
import type { KimaiGrid } from '../context.ts';
import { roleRank } from '../facts.ts';

export const ADMIN_PEOPLE: Cell<KimaiGrid> = {
  name: 'admin-people',
  offer: {
    own: (facts) => (roleRank(facts) >= 3 && facts?.peopleRefused !== true ? ['admin_people'] : NONE),
    organisation: () => NONE,
  },
  code: async () => (await import('./code.ts')).code,
};
