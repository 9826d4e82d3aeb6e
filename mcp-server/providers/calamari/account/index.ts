// Who the person is on Calamari and which modules answer for the key: whoami, the zone, the background check and the
// connection test (docs/back-ends/calamari.md). What it offers is read before Calamari's code loads.
import type { Cell } from '../../grid/cell.ts';
import type { CalamariGrid } from '../context.ts';

export const ACCOUNT: Cell<CalamariGrid> = {
  name: 'account',
  offer: { own: () => ['account'] },
  code: async () => (await import('./account.ts')).code,
};
