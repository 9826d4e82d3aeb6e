// The catalog as the person's role shows it: their assignments for everyone, the account's lists for an administrator
// and a client-and-task manager; its writes where the role keeps the catalog (rights.ts). What it offers is read
// before Harvest's code loads.
import type { Cell } from '../../grid/cell.ts';
import type { HarvestGrid } from '../context.ts';
import { createsProjects, keepsClientsAndTasks, offeredFor } from '../rights.ts';

export const CATALOG: Cell<HarvestGrid> = {
  name: 'catalog',
  offer: {
    own: (known) => ['catalog', ...offeredFor(known, (rights) => createsProjects(rights) || keepsClientsAndTasks(rights), ['catalog_write'])],
  },
  code: async () => (await import('./catalog.ts')).code,
};
