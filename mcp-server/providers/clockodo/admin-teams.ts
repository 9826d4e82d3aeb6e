// Clockodo's teams as the company's owner administers them (docs/back-ends/clockodo.md,
// "Administration"). Clockodo's API lists the teams with their leader (`GET /v3/teams`) and keeps a
// person's one team on the person (`teams_id`, changed with `PUT /v3/users/{id}`): so members are
// added (which moves them out of the team they were in) and removed, one request each, and the rest —
// making, renaming and deleting a team, setting its leader, and the access rights, which the API
// shows read-only — is refused in words before anything is sent.
import type { TeamAction } from '../../contract/tools/manage-teams.ts';
import type { AdminTeam, TeamPerson } from '../../domain/admin-teams.ts';
import { allPages } from '../remote/paging.ts';
import { ensureRequests } from '../remote/request-budget.ts';
import { BackEndPart } from '../remote-tracker.ts';
import { type AdminTeamsPart, BackEndError } from '../time-tracker.ts';
import { asOwner } from './admin-people.ts';
import { USER_PAGE } from './api.ts';
import type { ClockodoContext } from './context.ts';
import type { ClockodoTeam, ClockodoUser } from './wire.ts';

const IN_CLOCKODO = 'Do it in Clockodo itself. Nothing was sent.';

/** Why an action cannot be taken through Clockodo's API, in words; null where it can. */
function clockodoTeamRefusal(action: TeamAction): string | null {
  switch (action) {
    case 'create':
    case 'rename':
    case 'delete':
      return `Clockodo's API, as Punchcard knows it, lists teams but has no request that creates, renames or deletes one. ${IN_CLOCKODO}`;
    case 'set_lead':
      return `Clockodo's API shows a team's leader but has no request Punchcard knows that sets it. ${IN_CLOCKODO}`;
    case 'grant':
    case 'revoke':
      return `Clockodo's API shows access rights read-only (per person, not per team): it cannot ${action} a team's access. ${IN_CLOCKODO}`;
    default:
      return null;
  }
}

export class ClockodoAdminTeams extends BackEndPart<ClockodoContext> implements AdminTeamsPart {
  /** A Clockodo team may have no leader, and no members. */
  readonly needsLead = false;
  readonly keepsEmptyTeams = true;

  actionRefusal(action: TeamAction): string | null {
    return clockodoTeamRefusal(action);
  }

  async me(): Promise<TeamPerson> {
    return person((await this.context.me()).user);
  }

  async teams(): Promise<AdminTeam[]> {
    return (await this.#teams()).map((team) => ({ id: team.id, name: team.name })).sort((a, b) => a.name.localeCompare(b.name) || a.id - b.id);
  }

  /** The team with its members: Clockodo keeps a person's team on the person, so everyone is read. */
  async read(id: number): Promise<AdminTeam> {
    const [teams, users] = await Promise.all([this.#teams(), this.#everyone()]);
    const team = teams.find((one) => one.id === id);
    if (!team) throw new BackEndError('not_found', `There is no team #${id} in Clockodo any more.`);
    return adminTeam(team, users);
  }

  async people(words: readonly string[]): Promise<TeamPerson[]> {
    const everyone = (await this.#everyone()).map(person);
    return words.map((word) => {
      const text = word.trim();
      const id = /^#?(\d{1,15})$/.exec(text);
      const found = id
        ? everyone.filter((one) => one.id === Number(id[1]))
        : everyone.filter((one) => one.email?.toLowerCase() === text.toLowerCase() || one.name.toLowerCase() === text.toLowerCase());
      if (found.length === 1) return found[0] as TeamPerson;
      if (found.length > 1) {
        throw new BackEndError('invalid', `"${text}" names ${found.length} people in Clockodo: ${found.map(named).join(', ')}. Name the one you mean by id.`);
      }
      const wanted = text.toLowerCase().split('@')[0] ?? '';
      const close = wanted.length < 2 ? [] : everyone.filter((one) => one.name.toLowerCase().includes(wanted)).slice(0, 5);
      throw new BackEndError(
        'not_found',
        `Nobody among Clockodo's co-workers is "${text}"${close.length > 0 ? `; close: ${close.map(named).join(', ')}` : ''}. Nothing was changed.`,
      );
    });
  }

  /** Where each of `people` is now: Clockodo keeps one team per person, so adding moves them. */
  async moves(team: AdminTeam, people: readonly TeamPerson[]): Promise<string> {
    const [teams, users] = await Promise.all([this.#teams(), this.#everyone()]);
    const names = new Map(teams.map((one) => [one.id, one.name]));
    const said = people.map((one) => {
      const from = users.find((user) => user.id === one.id)?.teams_id;
      if (from === null || from === undefined) return `${named(one)} is in no team now`;
      return `${named(one)} leaves the team "${names.get(from) ?? `#${from}`}" (#${from})`;
    });
    return `Clockodo keeps one team per person: ${said.join('; ')}; they join "${team.name}" (#${team.id}).`;
  }

  addMembers(team: AdminTeam, people: readonly TeamPerson[]): Promise<AdminTeam> {
    return this.#oneByOne(team, people, team.id);
  }

  removeMembers(team: AdminTeam, people: readonly TeamPerson[]): Promise<AdminTeam> {
    return this.#oneByOne(team, people, null);
  }

  create(): Promise<AdminTeam> {
    return this.#refused('create');
  }

  rename(): Promise<AdminTeam> {
    return this.#refused('rename');
  }

  setLeads(): Promise<AdminTeam> {
    return this.#refused('set_lead');
  }

  delete(): Promise<void> {
    return this.#refused('delete');
  }

  grant(): Promise<AdminTeam> {
    return this.#refused('grant');
  }

  revoke(): Promise<AdminTeam> {
    return this.#refused('revoke');
  }

  /** Never reached through manage_teams, which asks actionRefusal first; a safeguard for any other caller. */
  async #refused(action: TeamAction): Promise<never> {
    throw new BackEndError('invalid', clockodoTeamRefusal(action) ?? 'Clockodo cannot do that.');
  }

  /** Each person's team set on the person (`teams_id`), one request each, counted against the call's budget first. */
  async #oneByOne(team: AdminTeam, people: readonly TeamPerson[], teamsId: number | null): Promise<AdminTeam> {
    ensureRequests(people.length, 'Clockodo');
    const verb = teamsId === null ? 'remove' : 'add';
    const done: TeamPerson[] = [];
    for (const one of people) {
      const action = `${verb} ${one.name} ${teamsId === null ? 'from' : 'to'} the team ${team.name}`;
      try {
        await asOwner(this.context, 'teams', action, () => this.context.api.updateUser(one.id, { teams_id: teamsId }, action));
        done.push(one);
      } catch (error) {
        if (done.length === 0) throw error;
        const message = error instanceof Error ? error.message : String(error);
        throw new BackEndError(
          error instanceof BackEndError ? error.code : 'unavailable',
          `${verb === 'add' ? 'Added' : 'Removed'} ${done.map(named).join(', ')}; then: ${message} The others were not ${verb === 'add' ? 'added' : 'removed'}.`,
        );
      }
    }
    return this.read(team.id);
  }

  #teams(): Promise<ClockodoTeam[]> {
    const { api } = this.context;
    return asOwner(this.context, 'teams', 'list the teams', () => allPages(api.pager, (page) => api.teamsPage(page)));
  }

  /** Every co-worker, the inactive too: a team's members are those whose `teams_id` names it. */
  #everyone(): Promise<ClockodoUser[]> {
    const { api } = this.context;
    return asOwner(this.context, 'teams', 'list the co-workers', () =>
      allPages(api.pager, (page) => api.userListPage({}, page, USER_PAGE, 'list the co-workers')),
    );
  }
}

function person(user: ClockodoUser): TeamPerson {
  return { id: user.id, name: user.name ?? user.email ?? `user #${user.id}`, ...(user.email ? { email: user.email } : {}) };
}

const named = (one: { id: number; name: string }) => `${one.name} (#${one.id})`;

function adminTeam(team: ClockodoTeam, users: readonly ClockodoUser[]): AdminTeam {
  const members = users
    .filter((user) => user.teams_id === team.id)
    .map((user) => ({ ...person(user), lead: user.id === team.leader }))
    .sort((a, b) => Number(b.lead) - Number(a.lead) || a.name.localeCompare(b.name) || a.id - b.id);
  return { id: team.id, name: team.name, members };
}
