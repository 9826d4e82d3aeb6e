// What a person who leads people sees and decides: their hours, a project's time, and the absences they decide. Its code, loaded with the tracker (index.ts lists it).
import { cellCode } from '../../grid/cell.ts';
import type { ClockodoGrid } from '../context.ts';
import { teamEndpoints, type TeamEndpoints } from './endpoints.ts';
import { underOrganisation } from './organisation.ts';
import { ClockodoTeam } from './team.ts';

export const code = cellCode<ClockodoGrid, TeamEndpoints>({
  endpoints: teamEndpoints,
  underOrganisation,
  parts: (context, endpoints, built) => {
    const team = new ClockodoTeam(context, endpoints, { catalog: built.part('catalog') });
    return { teamHours: team, teamProjects: team, teamLeave: team };
  },
});
