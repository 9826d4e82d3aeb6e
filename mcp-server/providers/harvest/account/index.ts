// Who the person is on Harvest and how their account keeps time: whoami, the zone, the background check and the
// connection test (docs/back-ends/harvest.md). What it offers is read before Harvest's code loads.
import type { Cell } from '../../grid/cell.ts';
import type { HarvestGrid } from '../context.ts';

export const ACCOUNT: Cell<HarvestGrid> = {
  name: 'account',
  offer: { own: () => ['account'] },
  code: async () => (await import('./account.ts')).code,
};
