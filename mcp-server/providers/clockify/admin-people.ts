// The workspace's people as manage_people administers them on Clockify (docs/back-ends/clockify.md,
// "Administration"). A workspace admin or the owner lists everyone with their role, the user groups
// they are in and their membership's status; invites by e-mail alone (addUsers, a paid plan's: the
// invitee stays pending until they accept); deactivates and reactivates by that status, never the
// owner; and gives a manager role, a team manager over the people and a project manager over the
// projects `manages` names. A team manager lists and shows the people of the user groups she manages
// and nothing more. What a person is comes from Clockify's lists, read whole (bounded by the call's
// budget of requests) and paged by Punchcard, as Kimai's are. Clockify's 403 withdraws manage_people at
// once (context.ts, refuseAdministration).
import type { AdminPerson, NewPerson, PeoplePage, PeopleWrite, PersonChanges } from '../../domain/admin-people.ts';
import { pagesUntilLast } from '../remote/paging.ts';
import { ensureRequests, requestsSpent } from '../remote/request-budget.ts';
import { noPeoplePage, onePerson } from '../person-lookup.ts';
import { BackEndPart } from '../remote-tracker.ts';
import { type AdminPeoplePart, BackEndError } from '../time-tracker.ts';
import type { ClockifyCatalog } from './catalog.ts';
import type { ClockifyContext } from './context.ts';
import { ClockifyError } from './errors.ts';
import type { ClockifyMember, ClockifyUserGroup, MembershipStatus, RoleRequest } from './people-api.ts';
import type { ClockifyRole } from './wire.ts';

/** People per page of the answer, as Kimai's are shown. */
export const PEOPLE_PAGE_SIZE = 50;

/** Clockify's role words, the highest a person holds shown; MEMBER is a member with none of them. */
const CLOCKIFY_ROLES = ['MEMBER', 'PROJECT_MANAGER', 'TEAM_MANAGER', 'WORKSPACE_ADMIN', 'OWNER'] as const;
/** The roles filterUsersOfWorkspace finds holders of, highest first. */
const HELD: readonly ClockifyRole[] = ['OWNER', 'WORKSPACE_ADMIN', 'TEAM_MANAGER', 'PROJECT_MANAGER'];

/** The right a refusal names: what Clockify gives its admins and owner alone. */
const ADMIN_RIGHT = "the workspace admin's role (Clockify lets only its admins and owner invite people, change their status or give roles)";

interface Read {
  person: AdminPerson;
  remoteId: string;
  status: MembershipStatus;
}

export class ClockifyPeople extends BackEndPart<ClockifyContext, { catalog: ClockifyCatalog }> implements AdminPeoplePart {
  readonly roleWords = CLOCKIFY_ROLES;
  readonly managesRefusal = null;
  readonly inviteNote =
    'Clockify e-mailed them an invitation: they stay pending (shown as inactive) until they accept it, and they set their own name when they join. Roles are given with update once they have.';
  readonly inviteQuestion =
    'Clockify e-mails them an invitation (it takes the e-mail alone: the name is theirs to set), and they stay pending until they accept; inviting by API needs a paid plan.';
  /** The status each person last read had, by number: a pending invitee is neither reactivated nor deactivated here. */
  readonly #status = new Map<number, MembershipStatus>();
  /** Requests the last reading of everyone took (members, groups, four role searches): what the answer after a change will take again. */
  #readingCost = 0;

  async people(includeInactive: boolean, page: number): Promise<PeoplePage> {
    const everyone = (await this.#everyone(includeInactive)).map((read) => read.person);
    const totalPages = Math.max(1, Math.ceil(everyone.length / PEOPLE_PAGE_SIZE));
    if (page > totalPages) {
      throw noPeoplePage(page, totalPages);
    }
    return { people: everyone.slice((page - 1) * PEOPLE_PAGE_SIZE, page * PEOPLE_PAGE_SIZE), page, totalPages, total: everyone.length };
  }

  async person(reference: string): Promise<AdminPerson> {
    return (await this.#find(reference)).person;
  }

  peopleWriteRefusal(write: PeopleWrite, asked: { role?: string; manages?: readonly string[]; name?: string; email?: string } = {}): string | null {
    if (this.context.knownRole !== 'admin') {
      return `Clockify did not give your account ${ADMIN_RIGHT}: as a team manager you may list and show the people of your user groups only. Nothing was sent.`;
    }
    if (write === 'invite') {
      if (asked.role === undefined && asked.manages === undefined) return null;
      return 'Clockify invites by e-mail alone: leave out role and manages, and give the role with update once they have accepted. Nothing was sent.';
    }
    if (write !== 'update') return null;
    if (asked.name !== undefined || asked.email !== undefined) {
      return "Clockify's API changes nobody's name or e-mail address but their own (each sets theirs in their profile): leave out name and email. Nothing was sent.";
    }
    // Blank words name nobody: the handler drops them from what update receives, so they are no `manages` here either.
    const manages = asked.manages?.filter((word) => word.trim() !== '');
    return roleRefusal(asked.role?.trim().toUpperCase(), manages);
  }

  personRefusal(write: PeopleWrite, person: AdminPerson): string | null {
    const status = this.#status.get(person.id);
    if (person.role === 'OWNER' && write !== 'reactivate') {
      return `${person.name} owns the workspace: Clockify lets nobody deactivate the owner or change their role (ownership is handed over in Clockify's workspace settings). Nothing was sent.`;
    }
    if ((write === 'deactivate' || write === 'reactivate') && (status === 'PENDING' || status === 'DECLINED')) {
      return `${person.name} has ${status === 'PENDING' ? 'not accepted the invitation yet' : 'declined the invitation'}: Clockify activates a member only when they accept, so there is nothing to ${write}. Nothing was sent.`;
    }
    return null;
  }

  async selfId(): Promise<number> {
    return this.context.number('person', (await this.context.person()).id);
  }

  async invite(person: NewPerson): Promise<AdminPerson> {
    const { workspaceId } = await this.context.ids();
    try {
      await this.context.api.people.invite(workspaceId, person.email);
    } catch (error) {
      // A 403 here may be the plan's (Clockify adds people by API only on a paid plan) rather than the
      // person's: it withdraws nothing, and says both.
      if (!(error instanceof ClockifyError) || error.status !== 403) throw error;
      const plan = (await this.context.workspace()).plan;
      throw new BackEndError(
        'denied',
        `Clockify did not let you invite ${person.email} (403): it adds people through its API only on a paid plan${plan ? ` (the workspace's is ${plan})` : ''}, and only for its admins and owner. Nothing was changed; invite them from Clockify's Team page.`,
      );
    }
    // Clockify answers the workspace, not the invitee: they are found by their address among everyone.
    const found = (await this.#everyone(true)).find((read) => read.person.email.toLowerCase() === person.email.toLowerCase());
    if (!found) throw new BackEndError('unavailable', `Clockify took the invitation of ${person.email} but does not list them yet: list shows them shortly.`);
    return found.person;
  }

  /** Gives the role asked (peopleWriteRefusal refused before the question what Clockify's API will not give, and any name or e-mail). */
  async update(person: AdminPerson, changes: PersonChanges): Promise<AdminPerson> {
    const role = changes.role ?? person.role ?? 'MEMBER';
    const requests = await this.#roleRequests(role as RoleRequest['role'], changes.manages ?? []);
    const { workspaceId } = await this.context.ids();
    const remote = await this.#remoteOf(person);
    // The grants and the reading of everyone the answer needs after them: all of it fits in the call, or nothing is sent.
    ensureRequests(requests.length + this.#readingCost, 'Clockify');
    for (const request of requests) {
      await this.#refusedWithdraws(`make ${person.name} ${request.role}`, () => this.context.api.people.giveRole(workspaceId, remote, person.name, request));
    }
    return (await this.#find(String(person.id))).person;
  }

  async setActive(person: AdminPerson, active: boolean): Promise<AdminPerson> {
    const { workspaceId } = await this.context.ids();
    const remote = await this.#remoteOf(person);
    const status = active ? 'ACTIVE' : 'INACTIVE';
    await this.#refusedWithdraws(`${active ? 'reactivate' : 'deactivate'} ${person.name}`, () =>
      this.context.api.people.setStatus(workspaceId, remote, person.name, status),
    );
    return (await this.#find(String(person.id))).person;
  }

  /** The createUserRole requests a role asks for (checked by roleRefusal first): one per person or project it manages, one for an admin. */
  async #roleRequests(role: RoleRequest['role'], manages: readonly string[]): Promise<RoleRequest[]> {
    const { workspaceId } = await this.context.ids();
    if (role === 'WORKSPACE_ADMIN') return [{ role, entityId: workspaceId }];
    if (role === 'TEAM_MANAGER') {
      // Everyone is read once for all the words: a reading is six requests or more (members, groups, four role searches).
      const everyone = await this.#everyone(true);
      const people = manages.map((word) => this.#match(everyone, word));
      return [...new Set(people.map((read) => read.remoteId))].map((entityId) => ({ role, entityId }));
    }
    const projects = (await this.parts.catalog.catalog(true, ['project'])).projects;
    return manages.map((word) => {
      const wanted = word.trim().replace(/^#/, '').toLowerCase();
      const project = projects.find((item) => String(item.id) === wanted || item.remoteId === word.trim() || item.name.toLowerCase() === wanted);
      if (!project?.remoteId)
        throw new BackEndError('not_found', `There is no project "${word.trim()}" in Clockify; list_catalog shows them. Nothing was sent.`);
      return { role: 'PROJECT_MANAGER' as const, entityId: project.remoteId };
    });
  }

  async #remoteOf(person: AdminPerson): Promise<string> {
    return this.context.remote('person', person.id, `There is no person #${person.id} in Clockify (manage_people list shows them).`);
  }

  /** One person by number, e-mail or exact name, among everyone (the inactive and pending too), read afresh. */
  async #find(reference: string): Promise<Read> {
    return this.#match(await this.#everyone(true), reference);
  }

  /** One person of `everyone` by number, e-mail or exact name; several or none are refused in words. */
  #match(everyone: readonly Read[], reference: string): Read {
    const where = this.context.knownRole === 'admin' ? 'in your Clockify workspace' : 'in the user groups you manage';
    return onePerson(everyone, reference, (read) => read.person, { where, listShows: 'them' });
  }

  /**
   * Everyone the person may administer, by name: an admin the whole workspace with roles, a team
   * manager the members of the user groups Clockify names her a team manager of (roles unshown: Clockify
   * tells them to admins).
   */
  async #everyone(includeInactive: boolean): Promise<Read[]> {
    const started = requestsSpent();
    try {
      return await this.#readEveryone(includeInactive);
    } finally {
      this.#readingCost = Math.max(0, requestsSpent() - started);
    }
  }

  async #readEveryone(includeInactive: boolean): Promise<Read[]> {
    const { workspaceId, userId } = await this.context.ids();
    const admin = (await this.context.teamRole()) === 'admin';
    const people = this.context.api.people;
    const [members, groups] = await this.#refusedWithdraws('list the people', () =>
      Promise.all([
        pagesUntilLast((page) => people.membersPage(workspaceId, includeInactive, page)),
        pagesUntilLast((page) => people.groupsPage(workspaceId, page)),
      ]),
    );
    const roles = admin ? await this.#roles(workspaceId) : undefined;
    const managed = admin ? undefined : new Set(groups.filter((group) => (group.teamManagers ?? []).some((one) => one.id === userId)).flatMap(idsOf));
    const shown = members.filter((member) => typeof member.id === 'string' && member.id !== '' && (managed === undefined || managed.has(member.id)));
    const numbers = await this.context.numbers(
      'person',
      shown.map((member) => member.id),
    );
    const reads = shown.map((member, index): Read => {
      const status = statusOf(member, workspaceId);
      const person: AdminPerson = {
        id: numbers[index] as number,
        name: member.name?.trim() || member.email?.trim() || 'A colleague',
        email: member.email?.trim() ?? '',
        role: roles ? (roles.get(member.id) ?? 'MEMBER') : null,
        active: status === 'ACTIVE',
        teams: groups
          .filter((group) => idsOf(group).includes(member.id))
          .map((group) => group.name)
          .sort(),
      };
      this.#status.set(person.id, status);
      return { person, remoteId: member.id, status };
    });
    return reads
      .filter((read) => includeInactive || read.status === 'ACTIVE')
      .sort((a, b) => a.person.name.localeCompare(b.person.name) || a.person.id - b.person.id);
  }

  /** The highest role each holder has: one search per role Clockify filters by. */
  async #roles(workspaceId: string): Promise<Map<string, string>> {
    const holders = await this.#refusedWithdraws("read the people's roles", () =>
      Promise.all(HELD.map((role) => pagesUntilLast((page) => this.context.api.people.holdersPage(workspaceId, role, page)))),
    );
    const roles = new Map<string, string>();
    HELD.forEach((role, index) => {
      for (const user of holders[index] ?? []) if (!roles.has(user.id)) roles.set(user.id, role);
    });
    return roles;
  }

  /** Clockify's refusal (403) of the people's administration withdraws manage_people at once, and says which right is missing. */
  #refusedWithdraws<T>(action: string, send: () => Promise<T>): Promise<T> {
    return this.context.administering(
      'people',
      `Clockify did not let you ${action} (403): your account lacks ${ADMIN_RIGHT}, or to list people a team manager's role over a user group. Nothing was changed; manage_people is switched off.`,
      send,
    );
  }
}

/** Why Clockify's API will not give a role as asked (the word upper-cased), in words; null where it will. */
function roleRefusal(role: string | undefined, manages: readonly string[] | undefined): string | null {
  if (role === undefined) {
    return manages === undefined ? null : 'Name the role that manages them as role (TEAM_MANAGER for people, PROJECT_MANAGER for projects). Nothing was sent.';
  }
  if (role === 'OWNER') return "Clockify's API makes nobody the owner: ownership is handed over in Clockify's workspace settings. Nothing was sent.";
  if (role === 'MEMBER') {
    return "Clockify's API takes a role away one person or project at a time, from what only its web app lists: take it away on Clockify's Team page. Nothing was sent.";
  }
  if (role === 'WORKSPACE_ADMIN')
    return manages === undefined ? null : 'A workspace admin administers the whole workspace: leave out manages. Nothing was sent.';
  if (manages !== undefined && manages.length > 0) return null;
  if (role === 'TEAM_MANAGER') {
    return 'A team manager manages people: name them in manages (ids, e-mails or names), or make them lead of a user group with manage_teams. Nothing was sent.';
  }
  return role === 'PROJECT_MANAGER' ? 'A project manager manages projects: name them in manages (ids or names). Nothing was sent.' : null;
}

function statusOf(member: ClockifyMember, workspaceId: string): MembershipStatus {
  const membership = (member.memberships ?? []).find((one) => one.membershipType === 'WORKSPACE' && (!one.targetId || one.targetId === workspaceId));
  const status = membership?.membershipStatus;
  return status === 'PENDING' || status === 'DECLINED' || status === 'INACTIVE' ? status : 'ACTIVE';
}

const idsOf = (group: ClockifyUserGroup) => group.userIds ?? [];
