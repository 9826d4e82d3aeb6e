// Leave on Calamari's Time Off and the absence calendar. Its code, loaded with the tracker (index.ts lists it).
import { cellCode } from '../../grid/cell.ts';
import type { CalamariGrid } from '../context.ts';
import { CalamariLeave } from './leave.ts';
import { leaveEndpoints, type LeaveEndpoints } from './endpoints.ts';
import { underOrganisation } from './organisation.ts';

export const code = cellCode<CalamariGrid, LeaveEndpoints>({
  endpoints: leaveEndpoints,
  underOrganisation,
  parts: (context, endpoints, built) => ({ leave: new CalamariLeave(context, endpoints, { plan: built.part('plan') }) }),
});
