// The workspace's clients, projects and tasks, read-only (docs/back-ends/toggl.md, "The catalog"). What it offers is
// read before Toggl's code loads; under an organisation's credential nothing (cells.ts).
import { type Cell, NONE } from '../../grid/cell.ts';
import type { TogglGrid } from '../context.ts';

export const CATALOG: Cell<TogglGrid> = {
  name: 'catalog',
  offer: { own: () => ['catalog'], organisation: () => NONE },
  code: async () => (await import('./code.ts')).code,
};
