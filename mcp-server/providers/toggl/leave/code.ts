// Leave on Toggl Track: none. Its code, loaded with the tracker (index.ts lists it).
import { cellCode } from '../../grid/cell.ts';
import type { TogglGrid } from '../context.ts';
import { leaveEndpoints, type LeaveEndpoints } from './endpoints.ts';
import { TogglLeave } from './leave.ts';
import { underOrganisation } from './organisation.ts';

export const code = cellCode<TogglGrid, LeaveEndpoints>({
  endpoints: leaveEndpoints,
  underOrganisation,
  parts: (context, endpoints) => ({ leave: new TogglLeave(context, endpoints, {}) }),
});
