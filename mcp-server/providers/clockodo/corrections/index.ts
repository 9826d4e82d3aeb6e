// Colleagues' entries corrected in bulk by the company's owner. (docs/back-ends/clockodo.md). What it offers is read before Clockodo's code loads.
import { type Cell, NONE } from '../../grid/cell.ts';
import type { ClockodoGrid } from '../context.ts';

export const CORRECTIONS: Cell<ClockodoGrid> = {
  name: 'corrections',
  offer: {
    own: (facts) => (facts?.role === 'owner' && !facts.refused?.includes('admin_corrections') ? ['admin_corrections'] : NONE),
    organisation: () => NONE,
  },
  code: async () => (await import('./code.ts')).code,
};
