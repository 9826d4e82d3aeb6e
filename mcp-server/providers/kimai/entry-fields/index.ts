// The meta fields of timesheets (the custom-fields plugin's rules), which the timer and entries hold and write; no
// capability of its own (docs/back-ends/kimai.md). What it offers is read before Kimai's code loads.
import { type Cell, NONE } from '../../grid/cell.ts';
import type { KimaiGrid } from '../context.ts';

export const ENTRY_FIELDS: Cell<KimaiGrid> = {
  name: 'entry-fields',
  offer: {
    own: () => NONE,
    organisation: () => NONE,
  },
  code: async () => (await import('./code.ts')).code,
};
