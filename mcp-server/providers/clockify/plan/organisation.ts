// The plan under the organisation's credential (docs/back-ends/clockify.md, "Acting for others"): every endpoint
// narrowed to the person (acting.ts), the ones it shares with other capabilities as the root narrows them.
import type { ClockifyActing } from '../acting.ts';
import type { PlanEndpoints } from './endpoints.ts';

export function underOrganisation(api: PlanEndpoints, acting: ClockifyActing): PlanEndpoints {
  return {
    memberProfile: acting.shared.memberProfile,
    holidaysInPeriod: async (workspaceId, userId, start, end) => {
      await acting.about(workspaceId, userId);
      return api.holidaysInPeriod(workspaceId, userId, start, end);
    },
  };
}
