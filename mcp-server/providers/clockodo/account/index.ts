// Who the person is on Clockodo, their zone, the background check of what they may do, and the connection test. (docs/back-ends/clockodo.md). What it offers is read before Clockodo's code loads.
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
