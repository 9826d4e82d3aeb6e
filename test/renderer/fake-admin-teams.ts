// The Administration screen's teams in the fake bridge (fake-admin.ts): three Kimai teams over the
// fake's people, changed as manage_teams changes them, said in main's words (admin-words.ts) and refused in
// the engine's words (a member added twice, a lead removed, which Kimai's API cannot do, the last member removed, a
// name taken) before anything changes.
import type { AdminTeamSummary, AdminTeamView, TeamChange } from '../../window-contract/admin-people.ts';
import type { RequestOf } from '../../window-contract/index.ts';
import { teamChangedWords } from '../../main/engine/admin-words.ts';
import { refusalWords } from '../../main/engine/refusal-words.ts';

type Reject = (message: string) => never;

/** Who a team names: the fake's people by id, and the signed-in person (who leads a team she creates). */
export interface TeamDirectory {
  byId(id: number): { id: number; name: string } | undefined;
  /** The person a word names: an id, an e-mail or a whole name in any case. */
  named(word: string): { id: number; name: string } | undefined;
  self: number;
}

export function fakeTeams(people: TeamDirectory) {
  let nextId = 4;
  const teams: Array<{ id: number; name: string; members: Array<{ id: number; lead: boolean }> }> = [
    {
      id: 1,
      name: 'Web',
      members: [
        { id: 2, lead: true },
        { id: 1, lead: false },
      ],
    },
    {
      id: 2,
      name: 'Backend',
      members: [
        { id: 4, lead: true },
        { id: 5, lead: false },
        { id: 6, lead: false },
      ],
    },
    { id: 3, name: 'Support', members: [{ id: 8, lead: true }] },
  ];
  const nameOf = (id: number) => people.byId(id)?.name ?? `#${id}`;
  const view = (team: (typeof teams)[number]): AdminTeamView => ({
    id: team.id,
    name: team.name,
    members: team.members.map((member) => ({ id: member.id, name: nameOf(member.id), lead: member.lead })),
  });
  const list = (): AdminTeamSummary[] => teams.map(({ id, name }) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name));
  const label = (team: { id: number; name: string }) => `"${team.name}" (#${team.id})`;
  const find = (id: number, reject: Reject) =>
    teams.find((team) => team.id === id) ?? reject(`There is no team "#${id}"; the teams are ${teams.map(label).join(', ')}.`);
  const nameFree = (name: string, except: number, reject: Reject) => {
    const other = teams.find((team) => team.id !== except && team.name.toLowerCase() === name.toLowerCase());
    if (other) reject(`Another team is called that: ${label(other)}. Nothing was changed.`);
  };
  // What main says of a change: its words from the answer manage_teams gives (main/engine/admin-words.ts).
  const answer = (
    change: RequestOf<'changeTeam'>,
    team: (typeof teams)[number] | null,
    gone?: { id: number; name: string },
    before?: AdminTeamView,
  ): TeamChange => ({
    message: teamChangedWords({ action: change.action, teams: team ? [view(team)] : [], ...(gone ? { deleted: gone } : {}) }, change, before),
    teams: list(),
    team: team ? view(team) : null,
  });

  return {
    list,
    show: ({ id }: RequestOf<'getAdminTeam'>, reject: Reject) => view(find(id, reject)),
    change(change: RequestOf<'changeTeam'>, reject: Reject): TeamChange {
      if (change.action === 'create') {
        const name = change.name.trim();
        nameFree(name, 0, reject);
        const team = { id: nextId++, name, members: [{ id: people.self, lead: true }] };
        teams.push(team);
        return answer(change, team);
      }
      const team = find(change.id, reject);
      // "A", "A and B", "A, B and C", as manage_teams lists people.
      const who = (ids: number[]) => {
        const words = ids.map((id) => `"${nameOf(id)}" (#${id})`);
        return words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`;
      };
      switch (change.action) {
        case 'rename': {
          const name = change.name.trim();
          if (name === team.name) reject(`The team ${label(team)} has that name already. Nothing was changed.`);
          nameFree(name, team.id, reject);
          const before = team.name;
          team.name = name;
          return answer(change, team, undefined, { id: team.id, name: before, members: [] });
        }
        case 'add_members': {
          const found = change.people.map((word) => people.named(word) ?? reject(`There is no one called "${word.trim()}". Nothing was changed.`));
          const already = found.filter((person) => team.members.some((member) => member.id === person.id));
          if (already.length > 0)
            reject(`${who(already.map((person) => person.id))} is a member of the team ${label(team)} already: leave them out. Nothing was changed.`);
          team.members.push(...found.map((person) => ({ id: person.id, lead: false })));
          return answer({ ...change, people: found.map((person) => String(person.id)) }, team);
        }
        case 'remove_members': {
          const leading = change.people.filter((id) => team.members.some((member) => member.id === id && member.lead));
          if (leading.length > 0)
            // Refused with a code, which main words for the person (main/engine/refusal-words.ts).
            reject(
              refusalWords({
                code: 'team_lead_not_removable',
                facts: { team: { id: team.id, name: team.name }, people: leading.map((id) => ({ id, name: nameOf(id) })), back_end: 'Kimai' },
              }) ?? '',
            );
          const staying = team.members.filter((member) => !change.people.includes(member.id));
          if (staying.length === 0) reject(refusalWords({ code: 'team_left_empty', facts: { team: { id: team.id, name: team.name } } }) ?? '');
          const before = view(team);
          team.members = staying;
          return answer(change, team, undefined, before);
        }
        case 'set_lead': {
          const member = team.members.find((one) => one.id === change.person) ?? reject(`${who([change.person])} is not a member of the team ${label(team)}.`);
          member.lead = true;
          return answer(change, team);
        }
        case 'delete': {
          teams.splice(teams.indexOf(team), 1);
          return answer(change, null, { id: team.id, name: team.name });
        }
      }
    },
  };
}
