// Corrections on Clockodo (docs/back-ends/clockodo.md): colleagues' entries corrected in bulk by the company's owner.
// A cell (providers/grid/cell.ts): what it offers under each credential, read by the opening before Clockodo's code
// loads, and where its code is.
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
