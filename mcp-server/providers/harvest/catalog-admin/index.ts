// Changes to what a Harvest client, project or task keeps (update_catalog_item; docs/back-ends/harvest.md, "The catalog
// as a role shows it"), by the role that keeps it: an administrator's any, a project_creator's the projects she
// manages, a client_and_task_manager's clients and tasks. What it offers is read before Harvest's code loads, from the
// role remembered (rights.ts).
import type { Cell } from '../../grid/cell.ts';
import type { HarvestGrid } from '../context.ts';
import { createsProjects, keepsClientsAndTasks, offeredFor } from '../rights.ts';

export const CATALOG_ADMIN: Cell<HarvestGrid> = {
  name: 'catalog-admin',
  offer: { own: (known) => offeredFor(known, (rights) => createsProjects(rights) || keepsClientsAndTasks(rights), ['admin_catalog']) },
  code: async () => (await import('./catalog-admin.ts')).code,
};
