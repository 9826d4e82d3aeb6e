// What an admin or a manager sees and decides: colleagues' hours, a project's time, and the time off they approve
// (docs/back-ends/clockify.md). What it offers is read before Clockify's code loads.
import type { Capability } from '../../../contract/vocabulary.ts';
import { type Cell, NONE } from '../../grid/cell.ts';
import type { ClockifyGrid } from '../context.ts';
import { type ClockifyKnown, timeOffAnswers } from '../facts.ts';

export const TEAM: Cell<ClockifyGrid> = {
  name: 'team',
  offer: {
    own: (known) => teamOffer(known, true),
    organisation: (known) => teamOffer(known, false),
  },
  code: async () => (await import('./code.ts')).code,
};

/**
 * Colleagues' hours for those Clockify shows them to (an admin, a team manager), decisions on leave only where time off
 * answers at all; a project's hours for a project manager too. The role is the one this process learned from Clockify
 * (context.ts, teamRole), never remembered, and unknown is no. Acting for a person (`own` false), only what is
 * narrowed to the people they lead: a project manager's projects are not (docs/back-ends/clockify.md, "Acting for others").
 */
function teamOffer({ role, facts }: ClockifyKnown, own: boolean): readonly Capability[] {
  if (role === 'admin' || role === 'team_manager') return ['team_hours', 'team_projects', ...(timeOffAnswers(facts) ? (['team_leave'] as const) : NONE)];
  return own && role === 'project_manager' ? ['team_projects'] : NONE;
}
