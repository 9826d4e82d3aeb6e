// The person's plan on Clockodo (docs/back-ends/clockodo.md): their target hours, non-business days and time account
// as Clockodo keeps them. A cell (providers/grid/cell.ts): what it offers under each credential, read by the opening
// before Clockodo's code loads, and where its code is.
import { type Cell, NONE } from '../../grid/cell.ts';
import type { ClockodoGrid } from '../context.ts';

export const PLAN: Cell<ClockodoGrid> = {
  name: 'plan',
  offer: {
    own: () => NONE,
    organisation: () => NONE,
  },
  code: async () => (await import('./code.ts')).code,
};
