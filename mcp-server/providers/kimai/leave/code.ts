// The person's own absences on the absence plugin: listed, filed, cancelled, and the calendar. Its code, loaded with
// the tracker (index.ts lists it).
import { cellCode } from '../../grid/cell.ts';
import type { KimaiGrid } from '../context.ts';
import { leaveEndpoints, type LeaveEndpoints } from './endpoints.ts';
import { underOrganisation } from './organisation.ts';
import { KimaiLeave } from './leave.ts';

export const code = cellCode<KimaiGrid, LeaveEndpoints>({
  endpoints: leaveEndpoints,
  underOrganisation,
  parts: (context, endpoints) => ({ leave: new KimaiLeave(context, endpoints, {}) }),
});
