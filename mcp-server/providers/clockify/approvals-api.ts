// Clockify's approval-requests API as Punchcard uses it (docs/back-ends/clockify.md, "Timesheet
// approvals"): the list (getApprovalRequests, a bare array of ApprovalDetailsDtoV1 by status, sorted and
// paged), a submission of the person's own period (createApprovalRequest) or, acting for them, of theirs
// (createApprovalForOther), and a change of a request's
// state (updateApprovalStatus: approve, reject, withdraw). There is no read of one request by its id.
// One method per endpoint over the API module's request functions (api.ts); nothing here decides which
// requests a call makes.
import type { AdminRequests } from './admin-api.ts';
import { remoteRefusal } from '../remote/remote-error.ts';
import type { RequestPurpose } from './errors.ts';
import type { ClockifyTimeEntry } from './wire.ts';

/** The periods Clockify approves by (CreateApprovalRequest's `period`). */
export type ClockifyApprovalPeriod = 'WEEKLY' | 'SEMI_MONTHLY' | 'MONTHLY';
/** The states the list can be filtered by: a rejected request, or one whose submission was withdrawn, is listed no more. */
export type ListedApprovalState = 'PENDING' | 'APPROVED' | 'WITHDRAWN_APPROVAL';
/** The states a request is set to (UpdateApprovalRequest's `state`). */
export type ApprovalChange = 'APPROVED' | 'REJECTED' | 'WITHDRAWN_SUBMISSION' | 'WITHDRAWN_APPROVAL';

/** ApprovalRequestDtoV1, as far as Punchcard reads it. */
export interface ClockifyApprovalRequest {
  id: string;
  workspaceId?: string;
  /** Instants ('2026-11-16T00:00:00Z'): the period's first moment and its last. */
  dateRange?: { start?: string | null; end?: string | null } | null;
  creator?: { userId?: string | null; userName?: string | null } | null;
  owner?: { userId?: string | null; userName?: string | null; timeZone?: string | null; startOfWeek?: string | null } | null;
  status?: { state?: string | null; note?: string | null; updatedAt?: string | null; updatedBy?: string | null; updatedByUserName?: string | null } | null;
}

/** ApprovalDetailsDtoV1: the request, its totals as ISO 8601 durations, and its entries and expenses inline (heavy). */
export interface ClockifyApprovalDetails {
  approvalRequest?: ClockifyApprovalRequest | null;
  trackedTime?: string | null;
  entries?: ClockifyTimeEntry[] | null;
}

/** Requests per page of the list: Clockify's default. Each carries its entries inline, so a page is not made larger. */
export const APPROVAL_PAGE = 50;

export function clockifyApprovalEndpoints({ call }: Pick<AdminRequests, 'call'>) {
  const ws = (workspaceId: string) => `/workspaces/${encodeURIComponent(workspaceId)}/approval-requests`;
  const purpose = (action: string): RequestPurpose => ({ action, area: 'account' });
  return {
    /** A page of the requests in one state that the person may see (their own; an approver's also those they decide), latest period first. */
    page: (workspaceId: string, state: ListedApprovalState, page: number) =>
      call<ClockifyApprovalDetails[]>('GET', ws(workspaceId), purpose('list timesheet approval requests'), {
        query: { status: state, 'sort-column': 'START', 'sort-order': 'DESCENDING', page, 'page-size': APPROVAL_PAGE },
      }),
    /** Submits the person's own period, given by its first day (createApprovalRequest). */
    submit: (workspaceId: string, periodStart: string, period: ClockifyApprovalPeriod) =>
      call<ClockifyApprovalRequest>('POST', ws(workspaceId), purpose(`submit your timesheet from ${periodStart}`), {
        body: { periodStart: `${periodStart}T00:00:00Z`, period },
      }),
    /**
     * Submits another member's period (createApprovalForOther): the team server acting for one person with the
     * organisation's key (acting-api.ts), never the desktop. Clockify names the key's user as its `creator`.
     */
    submitFor: (workspaceId: string, userId: string, periodStart: string, period: ClockifyApprovalPeriod) =>
      call<ClockifyApprovalRequest>('POST', `${ws(workspaceId)}/users/${encodeURIComponent(userId)}`, purpose(`submit your timesheet from ${periodStart}`), {
        body: { periodStart: `${periodStart}T00:00:00Z`, period },
      }),
    /** Approves, rejects or withdraws a request (updateApprovalStatus), with the note kept with it. */
    change: (workspaceId: string, requestId: string, state: ApprovalChange, note: string | undefined, what: string) =>
      call<ClockifyApprovalRequest>(
        'PATCH',
        `${ws(workspaceId)}/${encodeURIComponent(requestId)}`,
        { ...purpose(what), notFound: remoteRefusal('timesheet_submission_not_found', { id: requestId }) },
        { body: { state, ...(note ? { note } : {}) } },
      ),
  };
}

export type ClockifyApprovalApi = ReturnType<typeof clockifyApprovalEndpoints>;
