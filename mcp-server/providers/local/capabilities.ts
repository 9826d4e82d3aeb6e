// What the local timesheet can do: everything but breaks (a pause is clocking out and in again), the
// team and admin tools (it holds one person's time: there is no team, and nothing to administer) and
// timesheet approvals (nobody else to approve them: docs/back-ends/local.md). Apart from the tracker so the
// opening of a connection can list the tools without loading SQLite.
import { ADMIN_CAPABILITIES, CAPABILITIES, type Capability } from '../../contract/vocabulary.ts';

const NOT_HERE: ReadonlySet<Capability> = new Set([
  'breaks',
  'team_hours',
  'team_projects',
  'team_leave',
  ...ADMIN_CAPABILITIES,
  'approvals',
  'approvals_workflow',
]);

export const LOCAL_CAPABILITIES: ReadonlySet<Capability> = new Set(CAPABILITIES.filter((capability) => !NOT_HERE.has(capability)));
