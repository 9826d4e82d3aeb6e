// The account on Clockodo (docs/back-ends/clockodo.md): who the person is, their zone, the background check of what
// they may do, and the connection test. A cell (providers/grid/cell.ts): what it offers under each credential, read by
// the opening before Clockodo's code loads, and where its code is.
import type { Cell } from '../../grid/cell.ts';
import type { ClockodoGrid } from '../context.ts';

export const ACCOUNT: Cell<ClockodoGrid> = {
  name: 'account',
  offer: {
    own: () => ['account'],
    organisation: () => ['account'],
  },
  code: async () => (await import('./code.ts')).code,
};
