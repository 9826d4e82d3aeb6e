// Who the person is on Toggl Track and what their workspace is: whoami, the zone, the background check and the
// connection test (docs/back-ends/toggl.md). What it offers is read before Toggl's code loads.
import type { Cell } from '../../grid/cell.ts';
import type { TogglGrid } from '../context.ts';

export const ACCOUNT: Cell<TogglGrid> = {
  name: 'account',
  offer: { own: () => ['account'] },
  code: async () => (await import('./account.ts')).code,
};
