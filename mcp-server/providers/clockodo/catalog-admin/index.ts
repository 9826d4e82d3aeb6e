// The catalog's fields on Clockodo (docs/back-ends/clockodo.md): what a customer, project or service keeps, changed by
// the company's owner. A cell (providers/grid/cell.ts): what it offers under each credential, read by the opening
// before Clockodo's code loads, and where its code is.
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
