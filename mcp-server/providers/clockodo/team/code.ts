// The team's tools on Clockodo, as the composition takes it (tracker.ts): its endpoints, their narrowing under the
// organisation's credential, and its parts.
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
