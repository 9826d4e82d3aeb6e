// What an admin or a manager sees and decides: colleagues' hours, a project's time, and the time off they approve. Its
// code, loaded with the tracker (index.ts lists it).
import { cellCode } from '../../grid/cell.ts';
import type { ClockifyGrid } from '../context.ts';
import { teamEndpoints, type TeamEndpoints } from './endpoints.ts';
import { underOrganisation } from './organisation.ts';
import { ClockifyTeam } from './team.ts';

export const code = cellCode<ClockifyGrid, TeamEndpoints>({
  endpoints: teamEndpoints,
  underOrganisation,
  parts: (context, endpoints, built) => {
    const team = new ClockifyTeam(context, endpoints, { catalog: built.part('catalog') });
    return { teamHours: team, teamProjects: team, teamLeave: team };
  },
});
