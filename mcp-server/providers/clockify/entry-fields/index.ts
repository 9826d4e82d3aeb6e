// The custom fields of time entries a workspace keeps, and which of them apply to an entry by its project
// (docs/back-ends/clockify.md). What it offers is read before Clockify's code loads.
import { type Cell, NONE } from '../../grid/cell.ts';
import type { ClockifyGrid } from '../context.ts';

export const ENTRY_FIELDS: Cell<ClockifyGrid> = {
  name: 'entry-fields',
  offer: {
    own: () => NONE,
    organisation: () => NONE,
  },
  code: async () => (await import('./code.ts')).code,
};
