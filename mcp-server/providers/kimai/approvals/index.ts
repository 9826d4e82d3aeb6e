// Timesheet approvals on the ApprovalBundle plugin: the person's weeks submitted and listed, a lead's people's weeks,
// the weeks the plugin locks (docs/back-ends/kimai.md). What it offers is read before Kimai's code loads.
import { APPROVALS_WITH_WORKFLOW } from '../../../contract/vocabulary.ts';
import { type Cell, NONE } from '../../grid/cell.ts';
import type { KimaiGrid } from '../context.ts';

export const APPROVALS: Cell<KimaiGrid> = {
  name: 'approvals',
  offer: {
    own: (facts) => (facts?.approvals === true ? APPROVALS_WITH_WORKFLOW : NONE),
    organisation: (facts) => (facts?.approvals === true ? APPROVALS_WITH_WORKFLOW : NONE),
  },
  code: async () => (await import('./code.ts')).code,
};
