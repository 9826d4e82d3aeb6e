// Calamari's employee list for manage_people, read-only (docs/back-ends/calamari.md, "Administration"). What it offers
// is read before Calamari's code loads.
import { type Cell, NONE } from '../../grid/cell.ts';
import type { CalamariGrid } from '../context.ts';

export const ADMIN_PEOPLE: Cell<CalamariGrid> = {
  name: 'admin-people',
  offer: {
    // Where this key was seen to read the list (its own search for the person answered): unknown is no.
    own: (facts) => (facts?.employeeList === true ? ['admin_people'] : NONE),
  },
  code: async () => (await import('./admin-people.ts')).code,
};
