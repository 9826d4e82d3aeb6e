// The company's teams and their leaders as its owner administers them. Its code, loaded with the tracker (index.ts lists it).
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
