// The worked time of the people Calamari's own data says this person manages. Its code, loaded with the tracker
// (index.ts lists it).
import { cellCode } from '../../grid/cell.ts';
import type { CalamariGrid } from '../context.ts';
import { CalamariTeam } from './team.ts';
import { teamEndpoints, type TeamEndpoints } from './endpoints.ts';
import { underOrganisation } from './organisation.ts';

export const code = cellCode<CalamariGrid, TeamEndpoints>({
  endpoints: teamEndpoints,
  underOrganisation,
  parts: (context, endpoints, built) => ({ teamHours: new CalamariTeam(context, endpoints, { plan: built.part('plan') }) }),
});
