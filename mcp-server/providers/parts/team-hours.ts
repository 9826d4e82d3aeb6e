// Colleagues' hours (capability `team_hours`).
// One part of the TimeTracker (parts/index.ts composes them; docs/internals/back-ends.md).
import type { TeamWorkPage } from '../../domain/team.ts';

/**
 * The team tools (docs/decisions.md, "The team group"), on back ends whose account said this person
 * leads people; each reads only what the person's own credentials may. `teamWork`: a window of the
 * people they may see, sorted by name, with their time in [from, to) (capability `team_hours`).
 */
export interface TeamHoursPart {
  teamWork(query: { from: number; to: number; offset: number; limit: number }): Promise<TeamWorkPage>;
}
