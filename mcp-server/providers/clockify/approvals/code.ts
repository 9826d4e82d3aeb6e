// Timesheet approvals: the person's periods submitted and withdrawn, and an approver's decisions, where the workspace's
// plan has them. Its code, loaded with the tracker (index.ts lists it).
import { cellCode } from '../../grid/cell.ts';
import type { ClockifyGrid } from '../context.ts';
import { approvalsEndpoints, type ApprovalsEndpoints } from './endpoints.ts';
import { underOrganisation } from './organisation.ts';
import { ClockifyApprovals } from './approvals.ts';

export const code = cellCode<ClockifyGrid, ApprovalsEndpoints>({
  endpoints: approvalsEndpoints,
  underOrganisation,
  parts: (context, endpoints, built) => ({ approvals: new ClockifyApprovals(context, endpoints, { catalog: built.part('catalog') }) }),
});
