// Changes to what a Toggl Track client, project or task keeps (update_catalog_item; docs/back-ends/toggl.md,
// "Administration"), for a workspace admin alone. What it offers is read before Toggl's code loads, from the role
// remembered (rights.ts).
import type { Cell } from '../../grid/cell.ts';
import type { TogglGrid } from '../context.ts';
import { administers, offeredFor } from '../rights.ts';

export const CATALOG_ADMIN: Cell<TogglGrid> = {
  name: 'catalog-admin',
  offer: { own: (known) => offeredFor(known, administers, ['admin_catalog']) },
  code: async () => (await import('./catalog-admin.ts')).code,
};
