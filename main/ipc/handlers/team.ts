// Team screen: a week of the team's hours, the leave requests waiting for the person's decision, and
// the decision, each through the engine's team tools, and only where the engine offers them: the back
// end said this person leads people, and the organisation's policy leaves the group on (docs/decisions.md,
// "The team group"). Where it offers none, the screen says why in words.
import { backEndOf, DEFAULT_BACK_END } from '../../../mcp-server/contract/back-ends.ts';
import { TOOL_CATALOG } from '../../../mcp-server/contract/tool-catalog.ts';
import { isToolEnabled } from '../../../mcp-server/contract/tool-policy.ts';
import { startOfIsoWeek } from '../../../mcp-server/for-the-app.ts';
import type { BackEndType } from '../../../window-contract/account.ts';
import type { Handlers } from '../../../window-contract/index.ts';
import type { TeamAvailability } from '../../../window-contract/team.ts';
import { UserFacingError } from '../dispatch.ts';
import { backEndName, backEndType } from './back-end.ts';
import type { HandlerDeps } from './ports.ts';

type Deps = Pick<HandlerDeps, 'team' | 'timesheet' | 'settings' | 'policy'>;

/** Why the engine offers no team tools, for the back end in use (settings that cannot say are the default one's). */
export function noTeamWords(type: BackEndType | null, switchedOn: boolean): string {
  const { app } = backEndOf(type ?? DEFAULT_BACK_END.type);
  if (type === null || app.noTeam) return app.noTeam ?? DEFAULT_BACK_END.app.noTeam;
  // Some are asked whom the person leads only once the team tools are on (Tools).
  if (app.teamAskedWhenSwitchedOn) {
    return switchedOn
      ? `${backEndName(type)} names nobody whose hours you may see through Punchcard.`
      : `Switch on the Team group in Tools, and Punchcard asks ${backEndName(type)} whom you lead.`;
  }
  return `${backEndName(type)} shows Punchcard nobody's time but yours: your account there leads no team.`;
}

export function teamHandlers(deps: Deps): Pick<Handlers, 'getTeamHours' | 'getPendingLeave' | 'decideLeave'> {
  const availability = async (): Promise<TeamAvailability> => {
    const supported = await deps.timesheet.supportedTools();
    const hours = supported.has('team_report');
    const leave = supported.has('list_pending_leave') && supported.has('decide_leave_request');
    if (hours || leave) return { hours, leave, unavailable: null };
    let switchedOn = false;
    try {
      // The engine's own test of whether to ask (server.ts, teamToolsWanted).
      switchedOn = isToolEnabled(TOOL_CATALOG.team_report, deps.settings.read(), { allTools: false });
    } catch {
      // Settings that cannot be read switch nothing on.
    }
    return { hours, leave, unavailable: noTeamWords(backEndType(deps), switchedOn) };
  };
  const requireLeave = async () => {
    const offered = await availability();
    if (!offered.leave)
      throw new UserFacingError(offered.unavailable ?? `${backEndName(backEndType(deps))} leaves nobody's leave to your decision through Punchcard.`);
  };

  return {
    getTeamHours: async ({ date, offset }) => {
      const offered = await availability();
      return { availability: offered, hours: offered.hours ? await deps.team.hours(startOfIsoWeek(date), offset ?? 0) : null };
    },
    getPendingLeave: async (request) => {
      await requireLeave();
      return deps.team.pending(request?.offset ?? 0);
    },
    decideLeave: async ({ id, decision, reason }) => {
      await requireLeave();
      return { outcome: await deps.team.decide(id, decision, reason?.trim() || undefined) };
    },
  };
}
