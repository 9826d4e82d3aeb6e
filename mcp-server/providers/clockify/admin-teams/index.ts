// The user groups as an admin administers them: made, renamed, deleted, their members and managers, the projects they
// are on (docs/back-ends/clockify.md, "Administration"). What it offers is read before Clockify's code loads.
import { type Cell, NONE } from '../../grid/cell.ts';
import type { ClockifyGrid } from '../context.ts';
import { administers } from '../facts.ts';

export const ADMIN_TEAMS: Cell<ClockifyGrid> = {
  name: 'admin-teams',
  offer: {
    own: (known) => (administers(known, 'teams') ? ['admin_teams'] : NONE),
    organisation: () => NONE,
  },
  code: async () => (await import('./code.ts')).code,
};
