// The workspace's clients, projects and tasks (docs/back-ends/toggl.md, "The catalog"), and for a workspace admin their
// writes: added, archived and restored ("Administration"). What it offers is read before Toggl's code loads, from the
// role remembered (rights.ts).
import type { Cell } from '../../grid/cell.ts';
import type { TogglGrid } from '../context.ts';
import { administers, offeredFor } from '../rights.ts';

export const CATALOG: Cell<TogglGrid> = {
  name: 'catalog',
  offer: { own: (known) => ['catalog', ...offeredFor(known, administers, ['catalog_write'])] },
  code: async () => (await import('./catalog.ts')).code,
};
