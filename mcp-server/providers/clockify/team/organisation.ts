// The team's tools under the organisation's credential (docs/back-ends/clockify.md, "Acting for others"): every
// endpoint narrowed to the person (acting.ts), the ones it shares with other capabilities as the root narrows them (a
// colleague's time only of one the person leads; colleagues' time off as the person's own key would show it:
// time-off-reach.ts). A decision by id is of a request read first (the same call's listing, else the pending search
// naming the people the person may see), not the person's own, that the person approves with their own role (an
// admin; the policy's named approver; the owner's team manager where the policy has team managers approve), with a
// note naming the lead: Clockify names the key's user as the one who decided.
import { BackEndError } from '../../time-tracker.ts';
import { type ClockifyActing, decisionNote, personName } from '../acting.ts';
import type { TeamEndpoints } from './endpoints.ts';

export function underOrganisation(api: TeamEndpoints, acting: ClockifyActing): TeamEndpoints {
  const reach = acting.timeOff;
  return {
    membersPage: acting.shared.membersPage,
    managersOf: acting.shared.managersOf,
    project: acting.shared.project,
    memberEntriesPage: acting.shared.memberEntriesPage,
    policiesPage: acting.shared.policiesPage,
    timeOffRequests: acting.shared.timeOffRequests,
    /** Decides a colleague's pending request the person approves with their own role, read first; the note names them. */
    decideTimeOff: async (workspaceId, policyId, requestId, number, status, note) => {
      const { record } = await acting.about(workspaceId);
      const request = reach.recent(requestId) ?? (await reach.colleaguesSearch(workspaceId, { statuses: ['PENDING'] })).find((item) => item.id === requestId);
      if (!request || request.policyId !== policyId) throw new BackEndError('clockify_leave_request_not_shown', { request: number });
      if (request.userId === acting.id) throw new BackEndError('leave_request_own', { request: number });
      if (!(await reach.decides(workspaceId, request))) {
        throw new BackEndError('clockify_leave_not_yours_to_decide', {
          request: number,
          person: request.userName?.trim() || 'a colleague',
          policy: request.policyName ?? null,
        });
      }
      reach.forget(requestId);
      return api.decideTimeOff(workspaceId, policyId, requestId, number, status, decisionNote(personName(record), note));
    },
  };
}
