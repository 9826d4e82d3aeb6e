// Clockify's user groups as a workspace admin or the owner administers them through manage_teams
// (docs/back-ends/clockify.md, "Administration"). A team is a user group; its members are the group's
// users, and its leads are the people Clockify names team managers of the group (a group may have
// several, or none, and a team manager need not be in the group: one who is not is shown as a lead
// all the same). Groups are made, renamed and deleted, members added and removed one request each,
// and a lead made by giving the team-manager role over the group (createUserRole) and taken away with
// the member (deleteUserRole). A team's access is the projects the group is a member of: `grant` adds
// the group to a project and `revoke` removes it (addUsersToProject), which keeps every other
// membership and every rate; clients and tasks have no members of their own, so they are refused in
// words. Groups and people carry the numbers Punchcard gives Clockify's ids (id-aliases.ts). Clockify's
// 403 withdraws manage_teams at once (context.ts, refuseAdministration) and says which right is missing.
import type { TeamAction } from '../../../contract/tools/manage-teams.ts';
import type { AdminTeam, TeamAccessKind, TeamMember, TeamPerson } from '../../../domain/admin-teams.ts';
import { pagesUntilLast } from '../../remote/paging.ts';
import { ensureRequests } from '../../remote/request-budget.ts';
import { CellPart } from '../../grid/cell-part.ts';
import type { TeamStep } from '../../../contract/outcomes/clockify.ts';
import { type Refusal, type RefusalArgs, refusalOf } from '../../../contract/outcomes/refusals.ts';
import { type AdminTeamsPart, BackEndError, causeOf } from '../../time-tracker.ts';
import type { ClockifyContext } from '../context.ts';
import type { ClockifyMember, ClockifyUserGroup } from '../wire.ts';
import type { AdminTeamsEndpoints } from './endpoints.ts';
import { sameEmail } from '../../../contract/back-end-accounts.ts';
import { quotedLine } from '../../../contract/outcomes/quoted-line.ts';

/** Why Clockify cannot take a grant or revoke on that kind of catalog item; null where it can. */
function clockifyTeamRefusal(action: TeamAction, kind: TeamAccessKind | undefined): RefusalArgs | null {
  if ((action !== 'grant' && action !== 'revoke') || kind === undefined || kind === 'project') return null;
  return ['clockify_team_access_projects_only', { action, kind }];
}

/** One step of a series of writes: what it did, as the refusal of a later step tells it, what it does, and the request. */
interface Step {
  done: TeamStep;
  doing: string;
  send: () => Promise<unknown>;
}

export class ClockifyAdminTeams extends CellPart<ClockifyContext, AdminTeamsEndpoints> implements AdminTeamsPart {
  /** A Clockify user group may have no team manager, and no members. */
  readonly needsLead = false;
  readonly keepsEmptyTeams = true;
  readonly accessNotes = {
    grant:
      "Clockify adds the group to the project's members: everyone in it, and whoever joins it later, may book on it even where the project is private, each keeping the hourly and cost rates they have.",
    revoke:
      "Clockify removes the group from the project's members: those in it lose access to a private project unless they are members of it themselves or through another group; their time entries stay.",
  } as const;

  /** The words of clockifyTeamRefusal: manage_teams throws them itself (time-tracker.ts, AdminTeamsPart). */
  actionRefusal(action: TeamAction, kind?: TeamAccessKind): Refusal | null {
    const refusal = clockifyTeamRefusal(action, kind);
    return refusal && refusalOf(...refusal);
  }

  leadsLeave(team: AdminTeam, leads: readonly TeamPerson[]): string {
    return `${listed(leads.map((one) => quotedLine(one.name)))} ${leads.length === 1 ? 'loses the' : 'lose their'} team-manager role over ${quotedLine(team.name)} too, and no longer manage${leads.length === 1 ? 's' : ''} its members in Clockify.`;
  }

  async me(): Promise<TeamPerson> {
    const user = await this.context.person();
    return { id: await this.context.number('person', user.id), name: this.context.nameOf(user), ...(user.email ? { email: user.email } : {}) };
  }

  async teams(): Promise<AdminTeam[]> {
    const groups = await this.#groups();
    const numbers = await this.context.numbers(
      'group',
      groups.map((group) => group.id),
    );
    return groups.map((group, index) => ({ id: numbers[index] as number, name: group.name })).sort((a, b) => a.name.localeCompare(b.name) || a.id - b.id);
  }

  /** The group with its members and leads (the workspace's people name them) and the projects it is on. */
  async read(id: number): Promise<AdminTeam> {
    const group = await this.#group(id);
    const { workspaceId } = await this.context.ids();
    const [people, projects] = await Promise.all([
      this.#everyone(),
      this.#guard(`list the projects of the user group ${quotedLine(group.name)}`, () =>
        pagesUntilLast((page) => this.endpoints.groupProjectsPage(workspaceId, group.id, group.name, page)),
      ),
    ]);
    const names = new Map(people.map((one) => [one.remote, one.person]));
    const managers = group.teamManagers ?? [];
    const remotes = [...new Set([...(group.userIds ?? []), ...managers.map((one) => one.id)])];
    const numbers = await this.context.numbers('person', remotes);
    const members: TeamMember[] = remotes
      .map((remote, index) => {
        const known = names.get(remote);
        const name = known?.name ?? managers.find((one) => one.id === remote)?.name?.trim() ?? 'A former member';
        return {
          id: numbers[index] as number,
          name,
          ...(known?.email ? { email: known.email } : {}),
          lead: managers.some((one) => one.id === remote),
        };
      })
      .sort((a, b) => Number(b.lead) - Number(a.lead) || a.name.localeCompare(b.name) || a.id - b.id);
    const projectNumbers = await this.context.numbers(
      'project',
      projects.map((project) => project.id),
    );
    const granted = projects
      .map((project, index) => ({ id: projectNumbers[index] as number, name: project.name }))
      .sort((a, b) => a.name.localeCompare(b.name) || a.id - b.id);
    return { id, name: group.name, members, access: { customers: [], projects: granted, activities: [] } };
  }

  /** Whom each word names among the workspace's people (the inactive and pending too): a number, an e-mail or a whole name. */
  async people(words: readonly string[]): Promise<TeamPerson[]> {
    const everyone = (await this.#everyone()).map((one) => one.person);
    return words.map((word) => {
      const text = word.trim();
      const id = /^#?(\d{1,15})$/.exec(text);
      const wanted = text.toLowerCase();
      const found = id
        ? everyone.filter((one) => one.id === Number(id[1]))
        : everyone.filter((one) => sameEmail(one.email, text) || one.name.toLowerCase() === wanted);
      if (found.length === 1) return found[0] as TeamPerson;
      if (found.length > 1) throw new BackEndError('clockify_team_person_ambiguous', { text, people: found.map(named) });
      const stem = wanted.split('@')[0] ?? '';
      const close = stem.length < 2 ? [] : everyone.filter((one) => one.name.toLowerCase().includes(stem)).slice(0, 5);
      throw new BackEndError('clockify_team_person_unknown', { text, close: close.map(named) });
    });
  }

  /** The group, then each member (one request each) and each lead's role over it, all counted against the call's budget first. */
  async create(name: string, members: ReadonlyArray<{ id: number; lead: boolean }>): Promise<AdminTeam> {
    ensureRequests(1 + members.length + members.filter((member) => member.lead).length, 'Clockify');
    const { workspaceId } = await this.context.ids();
    const group = await this.#guard(`create the user group ${quotedLine(name)}`, () => this.endpoints.createGroup(workspaceId, name));
    if (!group || typeof group.id !== 'string' || group.id === '') throw new BackEndError('clockify_group_without_id', { name });
    const id = await this.context.number('group', group.id);
    const people = await this.#named(members.map((member) => member.id));
    const steps = [
      ...people.map((one) => this.#addStep(workspaceId, group, one)),
      ...people.filter((_one, index) => members[index]?.lead).map((one) => this.#leadStep(workspaceId, group, one)),
    ];
    await this.#series(steps, { step: 'made_group', name, team: id });
    return this.read(id);
  }

  async rename(team: AdminTeam, name: string): Promise<AdminTeam> {
    const { workspaceId } = await this.context.ids();
    const group = await this.#group(team.id);
    await this.#guard(`rename the user group ${quotedLine(group.name)}`, () => this.endpoints.renameGroup(workspaceId, group.id, group.name, name));
    return this.read(team.id);
  }

  async addMembers(team: AdminTeam, people: readonly TeamPerson[]): Promise<AdminTeam> {
    ensureRequests(people.length, 'Clockify');
    const { workspaceId } = await this.context.ids();
    const group = await this.#group(team.id);
    const remote = await this.#named(people.map((one) => one.id));
    await this.#series(remote.map((one) => this.#addStep(workspaceId, group, one)));
    return this.read(team.id);
  }

  /** Each person out of the group where they are in it, and each lead's role over it taken away (one request each). */
  async removeMembers(team: AdminTeam, people: readonly TeamPerson[]): Promise<AdminTeam> {
    const { workspaceId } = await this.context.ids();
    const group = await this.#group(team.id);
    const remote = await this.#named(people.map((one) => one.id));
    const inGroup = new Set(group.userIds ?? []);
    const leads = new Set((group.teamManagers ?? []).map((one) => one.id));
    const steps: Step[] = [
      ...remote
        .filter((one) => inGroup.has(one.remote))
        .map(
          (one): Step => ({
            done: { step: 'removed', name: one.name },
            doing: `remove ${quotedLine(one.name)}`,
            send: () => this.endpoints.removeFromGroup(workspaceId, group.id, group.name, one.remote, one.name),
          }),
        ),
      ...remote
        .filter((one) => leads.has(one.remote))
        .map(
          (one): Step => ({
            done: { step: 'took_lead', name: one.name },
            doing: `take ${quotedLine(one.name)}'s team-manager role away`,
            send: () => this.endpoints.removeLead(workspaceId, one.remote, one.name, group.id, group.name),
          }),
        ),
    ];
    ensureRequests(steps.length, 'Clockify');
    await this.#series(steps);
    return this.read(team.id);
  }

  async setLeads(team: AdminTeam, people: readonly TeamPerson[]): Promise<AdminTeam> {
    ensureRequests(people.length, 'Clockify');
    const { workspaceId } = await this.context.ids();
    const group = await this.#group(team.id);
    const remote = await this.#named(people.map((one) => one.id));
    await this.#series(remote.map((one) => this.#leadStep(workspaceId, group, one)));
    return this.read(team.id);
  }

  async delete(team: AdminTeam): Promise<void> {
    const { workspaceId } = await this.context.ids();
    const group = await this.#group(team.id);
    await this.#guard(`delete the user group ${quotedLine(group.name)}`, () => this.endpoints.deleteGroup(workspaceId, group.id, group.name));
  }

  grant(team: AdminTeam, kind: TeamAccessKind, item: { id: number; name: string }): Promise<AdminTeam> {
    return this.#access(team, kind, item, false);
  }

  revoke(team: AdminTeam, kind: TeamAccessKind, item: { id: number; name: string }): Promise<AdminTeam> {
    return this.#access(team, kind, item, true);
  }

  async #access(team: AdminTeam, kind: TeamAccessKind, item: { id: number; name: string }, remove: boolean): Promise<AdminTeam> {
    // Never reached through manage_teams, which asks actionRefusal first; a safeguard for any other caller.
    const refusal = clockifyTeamRefusal(remove ? 'revoke' : 'grant', kind);
    if (refusal) throw new BackEndError(...refusal);
    const { workspaceId } = await this.context.ids();
    const group = await this.#group(team.id);
    const project = await this.context.remote('project', item.id, 'clockify_record_unknown', { record: 'project', id: item.id, see: 'list_catalog_shows' });
    await this.#guard(
      `${remove ? 'remove' : 'add'} the user group ${quotedLine(group.name)} ${remove ? 'from' : 'to'} the project ${quotedLine(item.name)}`,
      () => this.endpoints.projectAccess(workspaceId, project, item.name, group.id, group.name, remove),
    );
    return this.read(team.id);
  }

  #addStep(workspaceId: string, group: ClockifyUserGroup, one: Named): Step {
    return {
      done: { step: 'added', name: one.name },
      doing: `add ${quotedLine(one.name)}`,
      send: () => this.endpoints.addToGroup(workspaceId, group.id, group.name, one.remote, one.name),
    };
  }

  #leadStep(workspaceId: string, group: ClockifyUserGroup, one: Named): Step {
    return {
      done: { step: 'made_lead', name: one.name },
      doing: `make ${quotedLine(one.name)} a team manager of it`,
      send: () => this.endpoints.giveRole(workspaceId, one.remote, one.name, { role: 'TEAM_MANAGER', entityId: group.id, sourceType: 'USER_GROUP' }),
    };
  }

  /** The steps in order; a failure after the first says what was done and that the rest was not. */
  async #series(steps: readonly Step[], already?: TeamStep): Promise<void> {
    const done: TeamStep[] = already ? [already] : [];
    for (const step of steps) {
      try {
        await this.#guard(step.doing, step.send, done.length > 0);
        done.push(step.done);
      } catch (error) {
        if (done.length === 0) throw error;
        throw new BackEndError('clockify_team_changed_partway', { done, cause: causeOf(error) });
      }
    }
  }

  /** The Clockify ids of people by number, with their names (the workspace's people name them). */
  async #named(ids: readonly number[]): Promise<Named[]> {
    const everyone = await this.#everyone();
    return Promise.all(
      ids.map(async (id) => {
        const known = everyone.find((one) => one.person.id === id);
        if (known) return { remote: known.remote, name: known.person.name };
        const remote = await this.context.remote('person', id, 'clockify_record_unknown', { record: 'person', id, see: 'manage_people' });
        return { remote, name: `person #${id}` };
      }),
    );
  }

  /** The group behind a number, as getUserGroups lists it now (with its team managers); gone is said in words. */
  async #group(id: number): Promise<ClockifyUserGroup> {
    const remote = await this.context.remote('group', id, 'clockify_record_unknown', { record: 'team', id, see: 'manage_teams' });
    const group = (await this.#groups()).find((one) => one.id === remote);
    if (!group) throw new BackEndError('clockify_team_gone', { team: id });
    return group;
  }

  async #groups(): Promise<ClockifyUserGroup[]> {
    const { workspaceId } = await this.context.ids();
    const groups = await this.#guard('list the user groups', () => pagesUntilLast((page) => this.endpoints.groupsPage(workspaceId, page)));
    return groups.filter((group) => typeof group.id === 'string' && group.id !== '' && typeof group.name === 'string');
  }

  /** Everyone in the workspace, the inactive and pending too, numbered. */
  async #everyone(): Promise<Array<{ remote: string; person: TeamPerson }>> {
    const { workspaceId } = await this.context.ids();
    const members: ClockifyMember[] = await this.#guard('list the people in your workspace', () =>
      pagesUntilLast((page) => this.endpoints.peoplePage(workspaceId, true, page)),
    );
    const shown = members.filter((member) => typeof member.id === 'string' && member.id !== '');
    const numbers = await this.context.numbers(
      'person',
      shown.map((member) => member.id),
    );
    return shown.map((member, index) => ({
      remote: member.id,
      person: {
        id: numbers[index] as number,
        name: member.name?.trim() || member.email?.trim() || 'A colleague',
        ...(member.email?.trim() ? { email: member.email.trim() } : {}),
      },
    }));
  }

  /** Clockify's refusal (403) of a user group's administration withdraws manage_teams at once, and names the missing right. */
  #guard<T>(action: string, send: () => Promise<T>, partway = false): Promise<T> {
    return this.context.administering('teams', ['clockify_administration_refused', { part: 'teams', action, ...(partway ? { partway } : {}) }], send);
  }
}

interface Named {
  remote: string;
  name: string;
}

/** "A", "A and B", "A, B and C". */
const listed = (words: readonly string[]) => (words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`);

const named = (one: { id: number; name: string }) => ({ id: one.id, name: one.name });
