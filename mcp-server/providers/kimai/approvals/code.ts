// Timesheet approvals on the ApprovalBundle plugin: the person's weeks submitted and listed, a lead's people's weeks,
// the weeks the plugin locks. Its code, loaded with the tracker (index.ts lists it).
import { cellCode } from '../../grid/cell.ts';
import type { KimaiGrid } from '../context.ts';
import { approvalsEndpoints, type ApprovalsEndpoints } from './endpoints.ts';
import { underOrganisation } from './organisation.ts';
import { KimaiApprovals } from './approvals.ts';

export const code = cellCode<KimaiGrid, ApprovalsEndpoints>({
  endpoints: approvalsEndpoints,
  underOrganisation,
  parts: (context, endpoints) => ({ approvals: new KimaiApprovals(context, endpoints, {}) }),
});
