// Bulk corrections of the time entries Kimai shows a team lead (their teams') or an administrator (everyone's)
// (docs/back-ends/kimai.md). What it offers is read before Kimai's code loads.
import { type Cell, NONE } from '../../grid/cell.ts';
import type { KimaiGrid } from '../context.ts';
import { roleRank } from '../facts.ts';

export const CORRECTIONS: Cell<KimaiGrid> = {
  name: 'corrections',
  offer: {
    own: (facts) => (roleRank(facts) >= 1 && facts?.correctionsRefused !== true ? ['admin_corrections'] : NONE),
    organisation: () => NONE,
  },
  code: async () => (await import('./code.ts')).code,
};
