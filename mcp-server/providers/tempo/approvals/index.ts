// Timesheet approvals on Tempo: the site's periods (weekly or monthly), the person's own submitted with a reviewer,
// the periods waiting for them to decide, and submitted and approved periods locking every write before it is sent
// (docs/back-ends/tempo.md, "Approvals"). What it offers is read before Tempo's code loads.
import { APPROVALS_WITH_WORKFLOW } from '../../../contract/vocabulary.ts';
import type { Cell } from '../../grid/cell.ts';
import type { TempoGrid } from '../context.ts';

export const APPROVALS: Cell<TempoGrid> = {
  name: 'approvals',
  // The list and the workflow both: Tempo's API submits, reopens and decides (approvals_workflow).
  offer: { own: () => APPROVALS_WITH_WORKFLOW },
  code: async () => (await import('./approvals.ts')).code,
};
