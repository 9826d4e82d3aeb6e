// The workspace's clients, projects and tasks, read-only (docs/back-ends/toggl.md, "The catalog"). What it offers is
// read before Toggl's code loads.
import type { Cell } from '../../grid/cell.ts';
import type { TogglGrid } from '../context.ts';

export const CATALOG: Cell<TogglGrid> = {
  name: 'catalog',
  offer: { own: () => ['catalog'] },
  code: async () => (await import('./catalog.ts')).code,
};
