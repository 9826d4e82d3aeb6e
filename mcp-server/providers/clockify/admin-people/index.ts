// The workspace's people as an admin administers them (invited, deactivated, given a manager's role), or as a team
// manager lists those of the user groups she manages (docs/back-ends/clockify.md, "Administration"). What it offers is
// read before Clockify's code loads.
import { type Cell, NONE } from '../../grid/cell.ts';
import type { ClockifyGrid } from '../context.ts';

export const ADMIN_PEOPLE: Cell<ClockifyGrid> = {
  name: 'admin-people',
  offer: {
    own: ({ role, refused }) => ((role === 'admin' || role === 'team_manager') && !refused.has('people') ? ['admin_people'] : NONE),
    organisation: () => NONE,
  },
  code: async () => (await import('./code.ts')).code,
};
