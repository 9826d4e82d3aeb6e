// What leave sends to Clockify (docs/back-ends/clockify.md, "Time off"): a request filed on a policy (for another
// member: the team server acting for one person) and a request withdrawn. The person's balances, the policies and the
// search of requests it shares with the team's leave decisions come from the root's api.ts.
import { type ClockifyApiClient, id, missing, timeOff, ws } from '../api.ts';
import type { ClockifyTimeOffRequest } from '../wire.ts';

export function leaveEndpoints(client: ClockifyApiClient) {
  const { call } = client;
  const { balances, policiesPage, timeOffRequests } = client.api;
  return {
    balances,
    policiesPage,
    timeOffRequests,
    createTimeOff: (workspaceId: string, policyId: string, body: Record<string, unknown>) =>
      call<ClockifyTimeOffRequest>('POST', `${ws(workspaceId)}/time-off/policies/${id(policyId)}/requests`, timeOff('file the time-off request'), { body }),
    /**
     * Files a request for another member (createTimeOffRequestForOther): the team server acting for one person with
     * the organisation's key (organisation.ts), never the desktop. Clockify names the key's user as its requester.
     */
    createTimeOffFor: (workspaceId: string, policyId: string, userId: string, body: Record<string, unknown>) =>
      call<ClockifyTimeOffRequest>(
        'POST',
        `${ws(workspaceId)}/time-off/policies/${id(policyId)}/users/${id(userId)}/requests`,
        timeOff('file the time-off request'),
        {
          body,
        },
      ),
    /** Withdraws (deletes) a request; Clockify answers with the request as it was. */
    deleteTimeOff: (workspaceId: string, policyId: string, requestId: string, number: number) =>
      call<ClockifyTimeOffRequest | undefined>(
        'DELETE',
        `${ws(workspaceId)}/time-off/policies/${id(policyId)}/requests/${id(requestId)}`,
        timeOff(`withdraw time-off request #${number}`, missing('time-off request', number, { of_yours: true, any_more: true })),
      ),
  };
}

export type LeaveEndpoints = ReturnType<typeof leaveEndpoints>;
