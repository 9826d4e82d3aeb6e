// The person's own absences on Clockodo's absence module, filed, withdrawn, their balance, and the calendar of what they may see. Its code, loaded with the tracker (index.ts lists it).
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
