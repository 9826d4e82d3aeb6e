// What timesheet approvals send to Clockify (docs/back-ends/clockify.md, "Timesheet approvals"): a submission of the
// person's own period (createApprovalRequest) or, acting for them, of theirs (createApprovalForOther), and a change
// of a request's state (updateApprovalStatus: approve, reject, withdraw). The list of requests (getApprovalRequests,
// which the person acted for also reads for their approved periods) and a colleague's entries come from the root's
// api.ts. There is no read of one request by its id. Nothing here decides which requests a call makes.
import { remoteRefusal } from '../../remote/remote-error.ts';
import { account, type ClockifyApiClient, ws } from '../api.ts';
import type { ClockifyApprovalRequest } from '../wire.ts';

/** The periods Clockify approves by (CreateApprovalRequest's `period`). */
export type ClockifyApprovalPeriod = 'WEEKLY' | 'SEMI_MONTHLY' | 'MONTHLY';
/** The states a request is set to (UpdateApprovalRequest's `state`). */
export type ApprovalChange = 'APPROVED' | 'REJECTED' | 'WITHDRAWN_SUBMISSION' | 'WITHDRAWN_APPROVAL';

export function approvalsEndpoints(client: ClockifyApiClient) {
  const { call } = client;
  const { approvalsPage, memberEntriesPage } = client.api;
  const requests = (workspaceId: string) => `${ws(workspaceId)}/approval-requests`;
  return {
    approvalsPage,
    memberEntriesPage,
    /** Submits the person's own period, given by its first day (createApprovalRequest). */
    submitApproval: (workspaceId: string, periodStart: string, period: ClockifyApprovalPeriod) =>
      call<ClockifyApprovalRequest>('POST', requests(workspaceId), account(`submit your timesheet from ${periodStart}`), {
        body: { periodStart: `${periodStart}T00:00:00Z`, period },
      }),
    /**
     * Submits another member's period (createApprovalForOther): the team server acting for one person with the
     * organisation's key (organisation.ts), never the desktop. Clockify names the key's user as its `creator`.
     */
    submitApprovalFor: (workspaceId: string, userId: string, periodStart: string, period: ClockifyApprovalPeriod) =>
      call<ClockifyApprovalRequest>(
        'POST',
        `${requests(workspaceId)}/users/${encodeURIComponent(userId)}`,
        account(`submit your timesheet from ${periodStart}`),
        {
          body: { periodStart: `${periodStart}T00:00:00Z`, period },
        },
      ),
    /** Approves, rejects or withdraws a request (updateApprovalStatus), with the note kept with it. */
    changeApproval: (workspaceId: string, requestId: string, state: ApprovalChange, note: string | undefined, what: string) =>
      call<ClockifyApprovalRequest>(
        'PATCH',
        `${requests(workspaceId)}/${encodeURIComponent(requestId)}`,
        { ...account(what), notFound: remoteRefusal('timesheet_submission_not_found', { id: requestId }) },
        { body: { state, ...(note ? { note } : {}) } },
      ),
  };
}

export type ApprovalsEndpoints = ReturnType<typeof approvalsEndpoints>;
