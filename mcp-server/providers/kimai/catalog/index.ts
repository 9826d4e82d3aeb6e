// Customers, projects and activities: listed (to the person's teams' reach under the organisation's credential), and,
// on the person's own token, created, hidden and shown again (docs/back-ends/kimai.md). What it offers is read before
// Kimai's code loads.
import type { Cell } from '../../grid/cell.ts';
import type { KimaiGrid } from '../context.ts';

export const CATALOG: Cell<KimaiGrid> = {
  name: 'catalog',
  offer: {
    own: () => ['catalog', 'catalog_write'],
    organisation: () => ['catalog'],
  },
  code: async () => (await import('./code.ts')).code,
};
