// Kimai's teams as an administrator changes them: members, leads and what each team is granted. Its code, loaded with
// the tracker (index.ts lists it).
import { cellCode } from '../../grid/cell.ts';
import type { KimaiGrid } from '../context.ts';
import { adminTeamsEndpoints, type AdminTeamsEndpoints } from './endpoints.ts';
import { underOrganisation } from './organisation.ts';
import { KimaiAdminTeams } from './admin-teams.ts';

export const code = cellCode<KimaiGrid, AdminTeamsEndpoints>({
  endpoints: adminTeamsEndpoints,
  underOrganisation,
  parts: (context, endpoints) => ({ adminTeams: new KimaiAdminTeams(context, endpoints, {}) }),
});
