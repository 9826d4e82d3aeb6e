// What a customer, project or service keeps, changed by the company's owner. (docs/back-ends/clockodo.md). What it offers is read before Clockodo's code loads.
import { type Cell, NONE } from '../../grid/cell.ts';
import type { ClockodoGrid } from '../context.ts';

export const CATALOG_ADMIN: Cell<ClockodoGrid> = {
  name: 'catalog-admin',
  offer: {
    own: (facts) => (facts?.role === 'owner' && !facts.refused?.includes('admin_catalog') ? ['admin_catalog'] : NONE),
    organisation: () => NONE,
  },
  code: async () => (await import('./code.ts')).code,
};
