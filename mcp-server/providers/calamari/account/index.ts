// Who the person is on Calamari and which modules answer for the key: whoami, the zone, the background check and the
// connection test (docs/back-ends/calamari.md). What it offers is read before Calamari's code loads; under an
// organisation's credential nothing, as Calamari has no organisation account acting for people (cells.ts).
import { type Cell, NONE } from '../../grid/cell.ts';
import type { CalamariGrid } from '../context.ts';

export const ACCOUNT: Cell<CalamariGrid> = {
  name: 'account',
  offer: {
    own: () => ['account'],
    organisation: () => NONE,
  },
  code: async () => (await import('./code.ts')).code,
};
