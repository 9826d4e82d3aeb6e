// Timesheet approvals as Harvest's API shows them (docs/back-ends/harvest.md, "Timesheet approvals"): the status of
// each person's weeks, read from their entries' approval_status, for the people and projects the person leads, where
// the company has its approval module on. Harvest's API has no route to submit, withdraw or decide a timesheet, so the
// workflow's tools are never offered (approvals_workflow: the descriptor says why). What it offers is read before
// Harvest's code loads, from the role remembered (rights.ts).
import type { Cell } from '../../grid/cell.ts';
import type { HarvestGrid } from '../context.ts';
import { leadsPeople, offeredFor, overseesProjects } from '../rights.ts';

export const APPROVALS: Cell<HarvestGrid> = {
  name: 'approvals',
  offer: {
    own: (known) => (known?.approvals === false ? [] : offeredFor(known, (rights) => leadsPeople(rights) || overseesProjects(rights), ['approvals'])),
  },
  code: async () => (await import('./approvals.ts')).code,
};
