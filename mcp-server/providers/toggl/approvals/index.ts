// Timesheet approvals on Toggl Track (docs/back-ends/toggl.md, "Timesheet approvals"), a Premium plan's: a member a
// timesheet setup governs submits and withdraws their own periods, an approver a setup names decides its member's, a
// workspace admin anyone's. Below Premium, or for someone no setup names who is no admin, nothing is offered (the
// descriptor's `withheld` says why). What it offers is read before Toggl's code loads, from the plan and the role
// remembered (rights.ts).
import { APPROVALS_WITH_WORKFLOW } from '../../../contract/vocabulary.ts';
import type { Cell } from '../../grid/cell.ts';
import type { TogglGrid } from '../context.ts';
import { offeredFor, takesPartInApprovals } from '../rights.ts';

export const APPROVALS: Cell<TogglGrid> = {
  name: 'approvals',
  offer: {
    own: (known) => (known?.plan === 'premium' ? offeredFor(known, takesPartInApprovals, APPROVALS_WITH_WORKFLOW) : []),
  },
  code: async () => (await import('./approvals.ts')).code,
};
