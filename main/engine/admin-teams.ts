// The Administration screen's teams, built only from the engine's manage_teams with the person's own
// rights (docs/decisions.md, "The app calls its own engine's tools"): the list, one team with its
// members and leads, and each change the window asked the person about first. A team is named to the
// tool by its id ("#4"), a member by theirs, so a name two teams or people share never picks the wrong
// one. Every refusal (a lead removed, a team left empty, a right missing) is the engine's, in words.
import { TOOL_CONTRACTS } from '../../mcp-server/contract/tools/index.ts';
import type { AdminTeamSummary, AdminTeamView, TeamChange } from '../../window-contract/admin-people.ts';
import type { RequestOf } from '../../window-contract/index.ts';
import { teamChangedWords } from './admin-words.ts';
import type { ToolCaller } from './tool-call.ts';

export interface AdminTeams {
  teams(): Promise<AdminTeamSummary[]>;
  team(id: number): Promise<AdminTeamView>;
  changeTeam(change: RequestOf<'changeTeam'>): Promise<TeamChange>;
}

type Answered = { id: number; name: string; members?: Array<{ id: number; name: string; lead: boolean }> | undefined };

const summary = (team: Answered): AdminTeamSummary => ({ id: team.id, name: team.name });
const byName = (a: AdminTeamSummary, b: AdminTeamSummary) => a.name.localeCompare(b.name);

/** The tool's arguments for a change: the team by id, people by id where the window knows them. */
function argumentsOf(change: RequestOf<'changeTeam'>) {
  if (change.action === 'create') return { action: change.action, name: change.name };
  const team = `#${change.id}`;
  switch (change.action) {
    case 'rename':
      return { action: change.action, team, name: change.name };
    case 'add_members':
      return { action: change.action, team, people: change.people };
    case 'remove_members':
      return { action: change.action, team, people: change.people.map(String) };
    case 'set_lead':
      return { action: change.action, team, lead: String(change.person) };
    case 'delete':
      return { action: change.action, team };
  }
}

export function adminTeams(call: ToolCaller): AdminTeams {
  const teams = async () => (await call(TOOL_CONTRACTS.manage_teams, { action: 'list' })).teams.map(summary).sort(byName);
  const team = async (id: number): Promise<AdminTeamView> => {
    const shown = (await call(TOOL_CONTRACTS.manage_teams, { action: 'show', team: `#${id}` })).teams[0];
    if (!shown) throw new Error('manage_teams answered show without the team.');
    return { ...summary(shown), members: shown.members ?? [] };
  };
  return {
    teams,
    team,
    async changeTeam(change) {
      // The team as it was, for what the answer no longer has: the members a removal names by id, a renamed team's old name.
      const before = change.action === 'remove_members' || change.action === 'rename' ? await team(change.id).catch(() => undefined) : undefined;
      const data = await call(TOOL_CONTRACTS.manage_teams, argumentsOf(change));
      const changed = data.teams[0];
      // The team as the change left it: its answer where it carries the members, else read again.
      const now = data.deleted || !changed ? null : changed.members ? { ...summary(changed), members: changed.members } : await team(changed.id);
      return { message: teamChangedWords(data, change, before), teams: await teams(), team: now };
    },
  };
}
