// Timesheet approvals: the person's periods submitted and withdrawn, and an approver's decisions, where the workspace's
// plan has them (docs/back-ends/clockify.md). What it offers is read before Clockify's code loads.
import { APPROVALS_WITH_WORKFLOW, type Capability } from '../../../contract/vocabulary.ts';
import { type Cell, NONE } from '../../grid/cell.ts';
import type { ClockifyGrid } from '../context.ts';
import type { ClockifyKnown } from '../facts.ts';

export const APPROVALS: Cell<ClockifyGrid> = {
  name: 'approvals',
  offer: {
    own: approvalsOffer,
    organisation: approvalsOffer,
  },
  code: async () => (await import('./code.ts')).code,
};

/**
 * Timesheet approvals where the workspace's plan has them (Standard and up; its feature list says APPROVAL), for every
 * role: a member submits, an approver decides. Unknown is no (the group is off by default, and the background check
 * learns the plan); a 403 of an approval route withdraws it until the next start (approvals.ts). Acting for a person
 * alike: their own submissions, and a lead's decisions on the people they lead (organisation.ts).
 */
function approvalsOffer({ facts, approvalsRefused }: ClockifyKnown): readonly Capability[] {
  return facts?.approvalInPlan === true && !approvalsRefused ? APPROVALS_WITH_WORKFLOW : NONE;
}
