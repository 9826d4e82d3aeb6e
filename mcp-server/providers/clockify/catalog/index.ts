// The clients, projects and tasks the person may book on, and, for a workspace admin or owner, clients, projects and
// tasks created and archived (docs/back-ends/clockify.md). What it offers is read before Clockify's code loads.
import { type Cell, NONE } from '../../grid/cell.ts';
import type { ClockifyGrid } from '../context.ts';
import { administers } from '../facts.ts';

export const CATALOG: Cell<ClockifyGrid> = {
  name: 'catalog',
  offer: {
    own: (known) => ['catalog', ...(administers(known, 'catalog') ? (['catalog_write'] as const) : NONE)],
    organisation: () => ['catalog'],
  },
  code: async () => (await import('./code.ts')).code,
};
