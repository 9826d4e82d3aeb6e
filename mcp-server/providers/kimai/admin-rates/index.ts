// The rates of customers, projects and activities, as an administrator sets them (docs/back-ends/kimai.md). What it
// offers is read before Kimai's code loads.
import { type Cell, NONE } from '../../grid/cell.ts';
import type { KimaiGrid } from '../context.ts';
import { roleRank } from '../facts.ts';

export const ADMIN_RATES: Cell<KimaiGrid> = {
  name: 'admin-rates',
  offer: {
    own: (facts) => (roleRank(facts) >= 2 && facts?.ratesRefused !== true ? ['admin_rates'] : NONE),
    organisation: () => NONE,
  },
  code: async () => (await import('./code.ts')).code,
};
