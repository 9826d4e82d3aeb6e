// Leave on Clockodo, as the composition takes it (tracker.ts): its endpoints, their narrowing under the organisation's
// credential, and its parts.
import { cellCode } from '../../grid/cell.ts';
import type { ClockodoGrid } from '../context.ts';
import { leaveEndpoints, type LeaveEndpoints } from './endpoints.ts';
import { underOrganisation } from './organisation.ts';
import { ClockodoLeave } from './leave.ts';

export const code = cellCode<ClockodoGrid, LeaveEndpoints>({
  endpoints: leaveEndpoints,
  underOrganisation,
  parts: (context, endpoints, built) => ({ leave: new ClockodoLeave(context, endpoints, { plan: built.part('plan') }) }),
});
