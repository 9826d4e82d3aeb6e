// Who the person is on Clockify and what their workspace offers: whoami, the zone, the background check and the
// connection test (docs/back-ends/clockify.md). What it offers is read before Clockify's code loads.
import type { Cell } from '../../grid/cell.ts';
import type { ClockifyGrid } from '../context.ts';

export const ACCOUNT: Cell<ClockifyGrid> = {
  name: 'account',
  offer: {
    own: () => ['account'],
    organisation: () => ['account'],
  },
  code: async () => (await import('./account.ts')).code,
};
