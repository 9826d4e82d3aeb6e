// The people Harvest lists to the person, as an administrator administers them (invited, renamed, given a role,
// deactivated and reactivated) or as a manager with teammates sees them and renames them (docs/back-ends/harvest.md,
// "Administration"). What it offers is read before Harvest's code loads, from the role remembered (rights.ts).
import type { Cell } from '../../grid/cell.ts';
import type { HarvestGrid } from '../context.ts';
import { leadsPeople, offeredFor } from '../rights.ts';

export const ADMIN_PEOPLE: Cell<HarvestGrid> = {
  name: 'admin-people',
  offer: { own: (known) => offeredFor(known, leadsPeople, ['admin_people']) },
  code: async () => (await import('./admin-people.ts')).code,
};
