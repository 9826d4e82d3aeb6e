// Hourly and cost rates as an admin sets them: the workspace's, a member's, a project's and a member's in a project
// (docs/back-ends/clockify.md, "Administration"). What it offers is read before Clockify's code loads.
import { type Cell, NONE } from '../../grid/cell.ts';
import type { ClockifyGrid } from '../context.ts';
import { administers } from '../facts.ts';

export const ADMIN_RATES: Cell<ClockifyGrid> = {
  name: 'admin-rates',
  offer: {
    own: (known) => (administers(known, 'rates') ? ['admin_rates'] : NONE),
    organisation: () => NONE,
  },
  code: async () => (await import('./code.ts')).code,
};
