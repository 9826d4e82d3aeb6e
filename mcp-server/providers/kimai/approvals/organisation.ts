// Timesheet approvals under the organisation's credential (docs/back-ends/kimai.md, "Acting for others"): every
// endpoint narrowed to the person (acting.ts), the ones it shares with other capabilities as the root narrows them (the
// weeks' reads name the person, or for a lead one of the people they lead).
import { type KimaiActing, withheldError } from '../acting.ts';
import type { ApprovalsEndpoints } from './endpoints.ts';

export function underOrganisation(api: ApprovalsEndpoints, acting: KimaiActing): ApprovalsEndpoints {
  return {
    weekStatus: acting.shared.weekStatus,
    nextWeek: acting.shared.nextWeek,
    timesheetPage: acting.shared.timesheetPage,
    teams: acting.shared.teams,
    team: acting.shared.team,
    /** The person's week alone: a lead submits nobody else's (the plugin's history names the organisation account). */
    submitWeek: async (monday, user) => {
      await acting.look();
      if (user !== undefined && user !== acting.personId) throw withheldError("submit other people's weeks");
      return api.submitWeek(monday, acting.personId);
    },
  };
}
