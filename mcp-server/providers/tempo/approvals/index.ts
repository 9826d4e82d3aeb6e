// Timesheet approvals on Tempo: the site's periods (weekly or monthly), the person's own submitted with a reviewer,
// the periods waiting for them to decide, and submitted and approved periods locking every write before it is sent
// (docs/back-ends/tempo.md, "Approvals"). What it offers is read before Tempo's code loads.
import type { Cell } from '../../grid/cell.ts';
import type { TempoGrid } from '../context.ts';

export const APPROVALS: Cell<TempoGrid> = {
  name: 'approvals',
  offer: { own: () => ['approvals'] },
  code: async () => (await import('./approvals.ts')).code,
};
