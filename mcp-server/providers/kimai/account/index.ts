// Who the person is on Kimai and what the server offers them: whoami, the zone, the background check for the absence
// and approval plugins, and the connection test (docs/back-ends/kimai.md). What it offers is read before Kimai's code
// loads.
import type { Cell } from '../../grid/cell.ts';
import type { KimaiGrid } from '../context.ts';

export const ACCOUNT: Cell<KimaiGrid> = {
  name: 'account',
  offer: {
    own: () => ['account'],
    organisation: () => ['account'],
  },
  code: async () => (await import('./code.ts')).code,
};
