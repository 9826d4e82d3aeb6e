// The user groups as an admin administers them: made, renamed, deleted, their members and managers, the projects they
// are on. Its code, loaded with the tracker (index.ts lists it).
import { cellCode } from '../../grid/cell.ts';
import type { ClockifyGrid } from '../context.ts';
import { adminTeamsEndpoints, type AdminTeamsEndpoints } from './endpoints.ts';
import { underOrganisation } from './organisation.ts';
import { ClockifyAdminTeams } from './admin-teams.ts';

export const code = cellCode<ClockifyGrid, AdminTeamsEndpoints>({
  endpoints: adminTeamsEndpoints,
  underOrganisation,
  // Acting for a person with the organisation's key it makes no part at all: nothing of it is offered there (organisation.ts).
  parts: (context, endpoints) => (context.acting ? {} : { adminTeams: new ClockifyAdminTeams(context, endpoints, {}) }),
});
