// What a client, project or task keeps, as an admin changes it: names, notes, billable marks, clients and budgets
// (docs/back-ends/clockify.md, "Administration"). What it offers is read before Clockify's code loads.
import { type Cell, NONE } from '../../grid/cell.ts';
import type { ClockifyGrid } from '../context.ts';
import { administers } from '../facts.ts';

export const CATALOG_ADMIN: Cell<ClockifyGrid> = {
  name: 'catalog-admin',
  offer: {
    own: (known) => (administers(known, 'catalogChanges') ? ['admin_catalog'] : NONE),
    organisation: () => NONE,
  },
  code: async () => (await import('./code.ts')).code,
};
