// The teams on Clockodo, as the composition takes it (tracker.ts): its endpoints, their narrowing under the
// organisation's credential, and its parts.
import { cellCode } from '../../grid/cell.ts';
import type { ClockodoGrid } from '../context.ts';
import { adminTeamsEndpoints, type AdminTeamsEndpoints } from './endpoints.ts';
import { underOrganisation } from './organisation.ts';
import { ClockodoAdminTeams } from './admin-teams.ts';

export const code = cellCode<ClockodoGrid, AdminTeamsEndpoints>({
  endpoints: adminTeamsEndpoints,
  underOrganisation,
  parts: (context, endpoints) => ({ adminTeams: new ClockodoAdminTeams(context, endpoints, {}) }),
});
