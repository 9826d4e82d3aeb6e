// Customers, projects and services the person may book on (their access maps), and, for a login that may, adding and archiving them. (docs/back-ends/clockodo.md). What it offers is read before Clockodo's code loads.
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
