// What a customer, project or activity keeps (budgets, dates, comment), as an administrator changes it
// (docs/back-ends/kimai.md). What it offers is read before Kimai's code loads.
import { type Cell, NONE } from '../../grid/cell.ts';
import type { KimaiGrid } from '../context.ts';
import { roleRank } from '../facts.ts';

export const CATALOG_ADMIN: Cell<KimaiGrid> = {
  name: 'catalog-admin',
  offer: {
    own: (facts) => (roleRank(facts) >= 2 && facts?.catalogRefused !== true ? ['admin_catalog'] : NONE),
    organisation: () => NONE,
  },
  code: async () => (await import('./code.ts')).code,
};
