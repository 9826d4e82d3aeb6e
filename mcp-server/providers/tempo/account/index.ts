// Who the person is on Tempo Timesheets: whoami, the zone, the background check and the connection test, which names
// the person, the site, Tempo's host and the scopes the Tempo token lacks (docs/back-ends/tempo.md). What it offers is
// read before Tempo's code loads.
import type { Cell } from '../../grid/cell.ts';
import type { TempoGrid } from '../context.ts';

export const ACCOUNT: Cell<TempoGrid> = {
  name: 'account',
  offer: { own: () => ['account'] },
  code: async () => (await import('./account.ts')).code,
};
