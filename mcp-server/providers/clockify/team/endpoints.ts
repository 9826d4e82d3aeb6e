// What the team's tools send to Clockify (docs/back-ends/clockify.md, "Teams"): a decision on a colleague's time-off
// request. The members, whom the person manages, a project, a colleague's entries, the policies and the search of
// requests it shares with other capabilities come from the root's api.ts.
import { account, type ClockifyApiClient, id, missing, ws } from '../api.ts';
import type { ClockifyTimeOffRequest } from '../wire.ts';

export function teamEndpoints(client: ClockifyApiClient) {
  const { call } = client;
  const { membersPage, managersOf, project, memberEntriesPage, policiesPage, timeOffRequests } = client.api;
  return {
    membersPage,
    managersOf,
    project,
    memberEntriesPage,
    policiesPage,
    timeOffRequests,
    /** Approves or rejects a request (changeTimeOffRequestStatus), with the note kept with the decision. */
    decideTimeOff: (workspaceId: string, policyId: string, requestId: string, number: number, status: 'APPROVED' | 'REJECTED', note: string | undefined) =>
      call<ClockifyTimeOffRequest>(
        'PATCH',
        `${ws(workspaceId)}/time-off/policies/${id(policyId)}/requests/${id(requestId)}`,
        // Not `timeOff`: a refused decision says the person is no approver, not that time off is off.
        {
          ...account(`${status === 'APPROVED' ? 'approve' : 'reject'} time-off request #${number}`),
          notFound: missing('time-off request', number, { any_more: true, caveat: 'withdrawn' }),
        },
        { body: { status, ...(note ? { note } : {}) } },
      ),
  };
}

export type TeamEndpoints = ReturnType<typeof teamEndpoints>;
