// Clockodo's teams as the company's owner administers them (docs/back-ends/clockodo.md,
// "Administration"). Clockodo lists the teams with their leader (`GET /v3/teams`), makes one
// (`POST /v3/teams`: its name and leader), changes a team's name or leader (`PUT /v3/teams/{id}`) and
// deletes one (`DELETE /v3/teams/{id}`); all of it is the owner's right. A team has one leader, who
// need not be one of its members. A person's one team is kept on the person (`teams_id`, changed with
// `PUT /v3/users/{id}`): so members are added (which moves them out of the team they were in) and
// removed one request each. The access rights, which the API shows read-only and per person, are
// refused in words before anything is sent.
import type { TeamAction } from '../../../contract/tools/manage-teams.ts';
import type { AdminTeam, TeamPerson } from '../../../domain/admin-teams.ts';
import type { ClockodoOwnerRequest } from '../../../contract/outcomes/clockodo.ts';
import { allPages } from '../../remote/paging.ts';
import { ensureRequests } from '../../remote/request-budget.ts';
import { CellPart } from '../../grid/cell-part.ts';
import { type AdminTeamsPart, BackEndError, causeOf } from '../../time-tracker.ts';
import { USER_PAGE } from '../api.ts';
import type { ClockodoContext, Withdrawn } from '../context.ts';
import type { AdminTeamsEndpoints } from './endpoints.ts';
import { type Refusal, refusalOf } from '../../../contract/outcomes/refusals.ts';
import type { ClockodoTeam, ClockodoUser } from '../wire.ts';
import { sameEmail } from '../../../contract/back-end-accounts.ts';
import { quotedLine } from '../../../contract/outcomes/quoted-line.ts';

/** What Clockodo's refusal (403) of it withdraws, and how the log says so (context.ts, refuse). */
export const WITHDRAWN = { capability: 'admin_teams', what: 'the administration of teams', tool: 'manage_teams' } as const satisfies Withdrawn;

export class ClockodoAdminTeams extends CellPart<ClockodoContext, AdminTeamsEndpoints> implements AdminTeamsPart {
  /** A Clockodo team may have no leader, and no members. */
  readonly needsLead = false;
  readonly keepsEmptyTeams = true;
  readonly oneLead = refusalOf('clockodo_team_one_leader');
  /** Clockodo keeps a person's team on the person: once it is gone, they are in none (fake-clockodo-admin.ts models it so). */
  readonly deleteNote = 'Their time entries stay; they are in no team afterwards.';

  /** Clockodo's API shows access rights read-only, per person: a team's access cannot be granted or revoked. */
  actionRefusal(action: TeamAction): Refusal | null {
    return action === 'grant' || action === 'revoke' ? refusalOf('clockodo_team_access_read_only', { action }) : null;
  }

  /** Removing the leader from the team takes the lead from them too (removeMembers): else they would lead it from outside. */
  leadsLeave(team: AdminTeam, leads: readonly TeamPerson[]): string {
    return `${leads.map(named).join(' and ')} no longer leads ${quotedLine(team.name)} either: Clockodo keeps it without a leader.`;
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
    if (!team) throw new BackEndError('clockodo_team_gone', { team: id });
    return adminTeam(team, users);
  }

  async people(words: readonly string[]): Promise<TeamPerson[]> {
    const everyone = (await this.#everyone()).map(person);
    return words.map((word) => {
      const text = word.trim();
      const id = /^#?(\d{1,15})$/.exec(text);
      const found = id
        ? everyone.filter((one) => one.id === Number(id[1]))
        : everyone.filter((one) => sameEmail(one.email, text) || one.name.toLowerCase() === text.toLowerCase());
      if (found.length === 1) return found[0] as TeamPerson;
      if (found.length > 1) throw new BackEndError('person_named_ambiguously', { text, people: found.map(idAndName), back_end: 'Clockodo' });
      const wanted = text.toLowerCase().split('@')[0] ?? '';
      const close = wanted.length < 2 ? [] : everyone.filter((one) => one.name.toLowerCase().includes(wanted)).slice(0, 5);
      throw new BackEndError('clockodo_coworker_unknown', { text, close: close.map(idAndName) });
    });
  }

  /** Where each of `people` is now: Clockodo keeps one team per person, so adding moves them. */
  async moves(team: { id?: number; name: string }, people: readonly TeamPerson[]): Promise<string> {
    const [teams, users] = await Promise.all([this.#teams(), this.#everyone()]);
    const names = new Map(teams.map((one) => [one.id, one.name]));
    const said = people.map((one) => {
      const from = users.find((user) => user.id === one.id)?.teams_id;
      if (from === null || from === undefined) return `${named(one)} is in no team now`;
      return `${named(one)} leaves the team ${quotedLine(names.get(from) ?? `#${from}`)} (#${from})`;
    });
    return `Clockodo keeps one team per person: ${said.join('; ')}; they join ${quotedLine(team.name)}${team.id === undefined ? '' : ` (#${team.id})`}.`;
  }

  /** The team with its leader in one request, then each member moved in (one request each, all counted first). */
  async create(name: string, members: ReadonlyArray<{ id: number; name: string; lead: boolean }>): Promise<AdminTeam> {
    ensureRequests(1 + members.length, 'Clockodo');
    const leader = members.find((member) => member.lead)?.id;
    const made = await this.context.asOwner(WITHDRAWN, { action: 'create_team', team: name }, (action) =>
      this.endpoints.createTeam({ name, ...(leader === undefined ? {} : { leader }) }, action),
    );
    const { done, stopped } = await this.#move(made, members, made.id);
    if (stopped !== undefined) {
      const rest = members.filter((member) => !done.includes(member));
      throw new BackEndError('clockodo_team_partly_created', {
        team: idAndName(made),
        moved: done.map(idAndName),
        rest: rest.map(idAndName),
        cause: causeOf(stopped.error),
      });
    }
    return this.read(made.id);
  }

  async rename(team: AdminTeam, name: string): Promise<AdminTeam> {
    await this.#change(team, { name }, { action: 'rename_team', team: team.name });
    return this.read(team.id);
  }

  async addMembers(team: AdminTeam, people: readonly TeamPerson[]): Promise<AdminTeam> {
    ensureRequests(people.length, 'Clockodo');
    await this.#members(team, people, team.id);
    return this.read(team.id);
  }

  /** Members out one request each; the leader among them takes the lead along (one request more, counted first). */
  async removeMembers(team: AdminTeam, people: readonly TeamPerson[]): Promise<AdminTeam> {
    const leader = people.filter((one) => team.members?.some((member) => member.id === one.id && member.lead));
    ensureRequests(people.length + (leader.length > 0 ? 1 : 0), 'Clockodo');
    await this.#members(team, people, null);
    if (leader.length > 0) {
      try {
        await this.#change(team, { leader: null }, { action: 'unlead_team', team: team.name });
      } catch (error) {
        throw new BackEndError('clockodo_team_leader_kept', {
          removed: people.map(idAndName),
          leaders: leader.map(idAndName),
          team: team.name,
          cause: causeOf(error),
        });
      }
    }
    return this.read(team.id);
  }

  /** Clockodo's team has one leader: the one named replaces the one before (the handler sends one, oneLead). */
  async setLeads(team: AdminTeam, people: readonly TeamPerson[]): Promise<AdminTeam> {
    const [lead] = people;
    if (lead === undefined || people.length > 1) throw new BackEndError('clockodo_team_one_leader');
    await this.#change(team, { leader: lead.id }, { action: 'lead_team', person: lead.name, team: team.name });
    return this.read(team.id);
  }

  async delete(team: AdminTeam): Promise<void> {
    await this.context.asOwner(WITHDRAWN, { action: 'delete_team', team: team.name }, (action) => this.endpoints.deleteTeam(team.id, action));
  }

  // Never reached through manage_teams, which asks actionRefusal first; a safeguard for any other caller.
  grant(): Promise<AdminTeam> {
    return Promise.reject(new BackEndError('clockodo_team_access_read_only', { action: 'grant' }));
  }

  revoke(): Promise<AdminTeam> {
    return Promise.reject(new BackEndError('clockodo_team_access_read_only', { action: 'revoke' }));
  }

  /** The team's fields sent alone (`PUT /v3/teams/{id}`). */
  #change(team: AdminTeam, body: { name?: string; leader?: number | null }, request: ClockodoOwnerRequest): Promise<ClockodoTeam> {
    return this.context.asOwner(WITHDRAWN, request, (action) => this.endpoints.updateTeam(team.id, body, action));
  }

  /** The members' moves as add_members and remove_members say them: a failure after some were moved names those. */
  async #members(team: AdminTeam, people: readonly TeamPerson[], teamsId: number | null): Promise<void> {
    const { done, stopped } = await this.#move(team, people, teamsId);
    if (stopped === undefined) return;
    if (done.length === 0) throw stopped.error;
    throw new BackEndError('clockodo_team_members_partly_changed', {
      change: teamsId === null ? 'remove' : 'add',
      done: done.map(idAndName),
      cause: causeOf(stopped.error),
    });
  }

  /** Each person's team set on the person (`teams_id`), one request each, until one fails: who was moved, and what stopped it. */
  async #move(team: { name: string }, people: readonly TeamPerson[], teamsId: number | null): Promise<{ done: TeamPerson[]; stopped?: { error: unknown } }> {
    const done: TeamPerson[] = [];
    for (const one of people) {
      const request: ClockodoOwnerRequest = { action: teamsId === null ? 'leave_team' : 'join_team', person: one.name, team: team.name };
      try {
        await this.context.asOwner(WITHDRAWN, request, (action) => this.endpoints.updateUser(one.id, { teams_id: teamsId }, action));
        done.push(one);
      } catch (error) {
        return { done, stopped: { error } };
      }
    }
    return { done };
  }

  #teams(): Promise<ClockodoTeam[]> {
    const api = this.endpoints;
    const { pager } = this.context;
    return this.context.asOwner(WITHDRAWN, { action: 'list_teams' }, () => allPages(pager, (page) => api.teamsPage(page)));
  }

  /** Every co-worker, the inactive too: a team's members are those whose `teams_id` names it. */
  #everyone(): Promise<ClockodoUser[]> {
    const api = this.endpoints;
    const { pager } = this.context;
    return this.context.asOwner(WITHDRAWN, { action: 'list_coworkers' }, (action) => allPages(pager, (page) => api.userListPage({}, page, USER_PAGE, action)));
  }
}

function person(user: ClockodoUser): TeamPerson {
  return { id: user.id, name: user.name ?? user.email ?? `user #${user.id}`, ...(user.email ? { email: user.email } : {}) };
}

const named = (one: { id: number; name: string }) => `${quotedLine(one.name)} (#${one.id})`;

/** A person or a team as a refusal names them: by name, with their number. */
const idAndName = (one: { id: number; name: string }) => ({ id: one.id, name: one.name });

function adminTeam(team: ClockodoTeam, users: readonly ClockodoUser[]): AdminTeam {
  const members = users
    .filter((user) => user.teams_id === team.id)
    .map((user) => ({ ...person(user), lead: user.id === team.leader }))
    .sort((a, b) => Number(b.lead) - Number(a.lead) || a.name.localeCompare(b.name) || a.id - b.id);
  // Clockodo's leader need not be a member: one who leads from outside is shown as such, not counted among the members.
  if (team.leader === null || members.some((member) => member.lead)) return { id: team.id, name: team.name, members };
  const leader = users.find((user) => user.id === team.leader);
  return { id: team.id, name: team.name, members, outsideLead: leader ? person(leader) : { id: team.leader, name: `user #${team.leader}` } };
}
