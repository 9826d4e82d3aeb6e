// What a person who leads a team sees and decides: their hours, a project's time, and their leave. Its code, loaded
// with the tracker (index.ts lists it).
import { cellCode } from '../../grid/cell.ts';
import type { KimaiGrid } from '../context.ts';
import { teamEndpoints, type TeamEndpoints } from './endpoints.ts';
import { underOrganisation } from './organisation.ts';
import { KimaiTeam } from './team.ts';

export const code = cellCode<KimaiGrid, TeamEndpoints>({
  endpoints: teamEndpoints,
  underOrganisation,
  parts: (context, endpoints) => {
    const team = new KimaiTeam(context, endpoints, {});
    return { teamHours: team, teamProjects: team, teamLeave: team };
  },
});
