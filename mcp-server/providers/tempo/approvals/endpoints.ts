// What the approvals send to Tempo: one person's approval of a period, their reviewers, the periods waiting for the
// person's decision, and a submission, an approval, a rejection or a reopening of a period (each needs the token's
// Approvals scope). A period is named by its days; the person by their accountId. One person's worklogs of a period
// (what a reviewer looks at) are the root's.
import { segment, type TempoClient } from '../api.ts';
import type { TempoApproval, TempoPage } from '../wire.ts';

export type ApprovalAction = 'submit' | 'approve' | 'reject' | 'reopen';

export function approvalsEndpoints(client: TempoClient) {
  const { tempoCall } = client;
  const path = (accountId: string) => `/4/timesheet-approvals/user/${segment(accountId)}`;
  return {
    worklogsOf: client.api.worklogsOf,
    approval: (accountId: string, from: string, to: string) =>
      tempoCall<TempoApproval>('GET', path(accountId), { action: 'read the timesheet approval', scope: 'Approvals' }, { query: { from, to } }),
    reviewers: (accountId: string) =>
      tempoCall<TempoPage<{ accountId?: string }>>('GET', `${path(accountId)}/reviewers`, { action: 'read your timesheet reviewers', scope: 'Approvals' }),
    waiting: () =>
      tempoCall<TempoPage<TempoApproval>>('GET', '/4/timesheet-approvals/waiting', { action: 'read the timesheets waiting for you', scope: 'Approvals' }),
    act: (accountId: string, action: ApprovalAction, from: string, to: string, body: { comment?: string; reviewerAccountId?: string }, what: string) =>
      tempoCall<TempoApproval>('POST', `${path(accountId)}/${action}`, { action: what, scope: 'Approvals' }, { query: { from, to }, body }),
  };
}

export type ApprovalsEndpoints = ReturnType<typeof approvalsEndpoints>;
