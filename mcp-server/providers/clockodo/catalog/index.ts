// The catalog on Clockodo (docs/back-ends/clockodo.md): the customers, projects and services the person may book on
// (their access maps), and adding and archiving them for a login that may. A cell (providers/grid/cell.ts): what it
// offers under each credential, read by the opening before Clockodo's code loads, and where its code is.
import type { Cell } from '../../grid/cell.ts';
import type { ClockodoGrid } from '../context.ts';

export const CATALOG: Cell<ClockodoGrid> = {
  name: 'catalog',
  offer: {
    own: (facts) => (facts?.role === 'owner' || facts?.role === 'manager' || facts?.canAddCustomers === true ? ['catalog', 'catalog_write'] : ['catalog']),
    organisation: () => ['catalog'],
  },
  code: async () => (await import('./code.ts')).code,
};
