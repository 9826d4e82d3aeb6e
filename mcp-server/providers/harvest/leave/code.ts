// Leave, which Harvest's API does not keep: never offered, so its tools are withheld in words. Its code, loaded with the tracker (index.ts lists it).
import { cellCode } from '../../grid/cell.ts';
import type { HarvestGrid } from '../context.ts';
import { leaveEndpoints, type LeaveEndpoints } from './endpoints.ts';
import { underOrganisation } from './organisation.ts';
import { HarvestLeave } from './leave.ts';

export const code = cellCode<HarvestGrid, LeaveEndpoints>({
  endpoints: leaveEndpoints,
  underOrganisation,
  parts: (context, endpoints) => ({ leave: new HarvestLeave(context, endpoints, {}) }),
});
