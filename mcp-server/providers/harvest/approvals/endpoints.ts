// What the approvals read (docs/back-ends/harvest.md, "Timesheet approvals"), the root's lists of entries both: a
// person's weeks by user_id, a managed project's by project_id. Nothing else: Harvest's API has no approval route.
import type { HarvestClient } from '../api.ts';

export function approvalsEndpoints(client: HarvestClient) {
  const { entries, projectEntries } = client.api;
  return { entries, projectEntries };
}

export type ApprovalsEndpoints = ReturnType<typeof approvalsEndpoints>;
