// The team's tools under the organisation's credential (docs/back-ends/kimai.md, "Acting for others"): every endpoint
// narrowed to the person (acting.ts), the ones it shares with other capabilities as the root narrows them (a lead's
// reads name the people of the teams they lead); a decision only as team/decisions.ts allows it.
import type { KimaiActing } from '../acting.ts';
import { decidedByLead } from './decisions.ts';
import type { TeamEndpoints } from './endpoints.ts';

export function underOrganisation(api: TeamEndpoints, acting: KimaiActing): TeamEndpoints {
  return {
    timesheetPage: acting.shared.timesheetPage,
    projects: acting.shared.projects,
    absences: acting.shared.absences,
    teams: acting.shared.teams,
    team: acting.shared.team,
    // A team lead's decision on the absence of someone they lead, read first (the plugin's record names no decider).
    decideAbsence: (id, decision) => decidedByLead(acting, id, () => api.decideAbsence(id, decision)),
  };
}
