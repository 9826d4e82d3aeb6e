// The person's time off: their requests filed on the right policy and withdrawn, their balances, and the absence
// calendar. Its code, loaded with the tracker (index.ts lists it).
import { cellCode } from '../../grid/cell.ts';
import type { ClockifyGrid } from '../context.ts';
import { leaveEndpoints, type LeaveEndpoints } from './endpoints.ts';
import { underOrganisation } from './organisation.ts';
import { ClockifyLeave } from './leave.ts';

export const code = cellCode<ClockifyGrid, LeaveEndpoints>({
  endpoints: leaveEndpoints,
  underOrganisation,
  parts: (context, endpoints, built) => ({ leave: new ClockifyLeave(context, endpoints, { plan: built.part('plan') }) }),
});
