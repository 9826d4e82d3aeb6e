// The workspace's people as a workspace admin administers them (docs/back-ends/toggl.md, "Administration"): listed,
// given a role, deactivated and reactivated. What it offers is read before Toggl's code loads, from the role
// remembered (rights.ts).
import type { Cell } from '../../grid/cell.ts';
import type { TogglGrid } from '../context.ts';
import { administers, offeredFor } from '../rights.ts';

export const ADMIN_PEOPLE: Cell<TogglGrid> = {
  name: 'admin-people',
  offer: { own: (known) => offeredFor(known, administers, ['admin_people']) },
  code: async () => (await import('./admin-people.ts')).code,
};
