// Leave under the organisation's credential (docs/back-ends/clockify.md, "Acting for others"): every endpoint narrowed
// to the person (acting.ts), the ones it shares with the team's leave decisions as the root narrows them (the person's
// own requests read by a search naming them alone, their balances by the path naming them: time-off-reach.ts). The key
// is an admin's: Clockify would file and withdraw anyone's time off with it, and approve at once what it files. So:
// - a request is filed for them (createTimeOffRequestForOther) and read back: Clockify documents no rule on whether
//   a request an admin files for another starts approved, and one approved at once on a policy that needs an
//   approver is withdrawn again and refused in words, so no request stands approved that no approver decided;
// - a withdrawal by id (the path names no person) is of a request of theirs, read first through the search naming
//   them (or the same call's search), and pending, as their own key would withdraw.
import { BackEndError } from '../../time-tracker.ts';
import { type ClockifyActing, NotNarrowedError } from '../acting.ts';
import type { LeaveEndpoints } from './endpoints.ts';

/** A filing is read back among the person's requests made since this long before it (clocks differ). */
const FILED_WITHIN_MS = 24 * 60 * 60_000;

export function underOrganisation(api: LeaveEndpoints, acting: ClockifyActing): LeaveEndpoints {
  const reach = acting.timeOff;
  return {
    balances: acting.shared.balances,
    policiesPage: acting.shared.policiesPage,
    timeOffRequests: acting.shared.timeOffRequests,
    /**
     * Files the request for the person, then reads it back. Approved on a policy that needs an approver (the key's
     * rights, not the person's), it is withdrawn again and refused; a policy that approves by itself does for the
     * person's own key too.
     */
    createTimeOff: async (workspaceId, policyId, body) => {
      await acting.about(workspaceId);
      const filedAt = acting.now();
      const created = await api.createTimeOffFor(workspaceId, policyId, acting.id, body);
      if (created && typeof created.id === 'string') reach.theirs([created]);
      if (!created?.id) return created;
      const readBack = (await reach.ownSearch(workspaceId, { start: new Date(filedAt - FILED_WITHIN_MS).toISOString() })).find(
        (request) => request.id === created.id,
      );
      const current = readBack ?? created;
      if (current.status?.statusType !== 'APPROVED') return current;
      const policy = await reach.policyOf(workspaceId, policyId);
      if (policy?.approve?.requiresApproval === false) return current;
      const withdrawn = await api.deleteTimeOff(workspaceId, policyId, created.id, 0).then(
        () => true,
        () => false,
      );
      throw new BackEndError('clockify_time_off_approved_at_once', { policy: policy?.name ?? current.policyName ?? 'time off', withdrawn });
    },
    // Not narrowed: another's request is never filed through the person.
    createTimeOffFor: () => Promise.reject(new NotNarrowedError('createTimeOffFor')),
    /** Withdraws a pending request of the person's, read first (the path names no person); anyone else's is refused unsent. */
    deleteTimeOff: async (workspaceId, policyId, requestId, number) => {
      await acting.about(workspaceId);
      const request = reach.recent(requestId) ?? (await reach.ownSearch(workspaceId)).find((item) => item.id === requestId);
      if (!request || request.userId !== acting.id || request.policyId !== policyId) throw new BackEndError('clockify_time_off_gone', { request: number });
      const status = request.status?.statusType;
      if (status === 'APPROVED') throw new BackEndError('clockify_time_off_approved', { request: number });
      if (status !== 'PENDING') throw new BackEndError('clockify_time_off_not_pending', { request: number, status: String(status ?? 'unknown').toLowerCase() });
      reach.forget(requestId);
      return api.deleteTimeOff(workspaceId, policyId, requestId, number);
    },
  };
}
