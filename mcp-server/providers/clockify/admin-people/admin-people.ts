// The workspace's people as manage_people administers them on Clockify (docs/back-ends/clockify.md,
// "Administration"). A workspace admin or the owner lists everyone with their role, the user groups
// they are in and their membership's status; invites by e-mail alone (addUsers, a paid plan's: the
// invitee stays pending until they accept); deactivates and reactivates by that status, never the
// owner; and gives a manager role, a team manager over the people and a project manager over the
// projects `manages` names. A team manager lists and shows the people of the user groups she manages
// and nothing more. What a person is comes from Clockify's lists, read whole (bounded by the call's
// budget of requests) and paged by Punchcard, as Kimai's are. Clockify's 403 withdraws manage_people at
// once (context.ts, refuseAdministration).
import type { AdminPerson, NewPerson, PeoplePage, PeopleWrite, PersonChanges } from '../../../domain/admin-people.ts';
import { pagesUntilLast } from '../../remote/paging.ts';
import { ensureRequests, requestsSpent } from '../../remote/request-budget.ts';
import { noPeoplePage, onePerson } from '../../person-lookup.ts';
import { CellPart } from '../../grid/cell-part.ts';
import { type Refusal, type RefusalArgs, refusalOf } from '../../../contract/outcomes/refusals.ts';
import { type AdminPeoplePart, BackEndError } from '../../time-tracker.ts';
import type { ClockifyCatalogView, ClockifyContext } from '../context.ts';
import type { AdminPeopleEndpoints } from './endpoints.ts';
import { ClockifyError } from '../errors.ts';
import type { ClockifyMember, ClockifyRole, ClockifyUserGroup, MembershipStatus, RoleRequest } from '../wire.ts';
import { sameEmail } from '../../../contract/back-end-accounts.ts';
import { quotedLine } from '../../../contract/outcomes/quoted-line.ts';

/** People per page of the answer, as Kimai's are shown. */
export const PEOPLE_PAGE_SIZE = 50;

/** Clockify's role words, the highest a person holds shown; MEMBER is a member with none of them. */
const CLOCKIFY_ROLES = ['MEMBER', 'PROJECT_MANAGER', 'TEAM_MANAGER', 'WORKSPACE_ADMIN', 'OWNER'] as const;
/** The roles filterUsersOfWorkspace finds holders of, highest first. */
const HELD: readonly ClockifyRole[] = ['OWNER', 'WORKSPACE_ADMIN', 'TEAM_MANAGER', 'PROJECT_MANAGER'];

interface Read {
  person: AdminPerson;
  remoteId: string;
  status: MembershipStatus;
}

export class ClockifyPeople extends CellPart<ClockifyContext, AdminPeopleEndpoints, { catalog: ClockifyCatalogView }> implements AdminPeoplePart {
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

  /** The words of `writeRefusal`: manage_people throws them itself (time-tracker.ts, AdminPeoplePart). */
  peopleWriteRefusal(write: PeopleWrite, asked: { role?: string; manages?: readonly string[]; name?: string; email?: string } = {}): Refusal | null {
    return dataOf(this.writeRefusal(write, asked));
  }

  /** Why Clockify's API will not make the write (or with what is asked of it), before anything is sent; null where it will. */
  writeRefusal(write: PeopleWrite, asked: { role?: string; manages?: readonly string[]; name?: string; email?: string } = {}): RefusalArgs | null {
    if (this.context.knownRole !== 'admin') return ['clockify_people_admin_only'];
    if (write === 'invite') return asked.role === undefined && asked.manages === undefined ? null : ['clockify_invite_email_only'];
    if (write !== 'update') return null;
    if (asked.name !== undefined || asked.email !== undefined) return ['clockify_people_name_email_own'];
    // Blank words name nobody: the handler drops them from what update receives, so they are no `manages` here either.
    const manages = asked.manages?.filter((word) => word.trim() !== '');
    return roleRefusal(asked.role?.trim().toUpperCase(), manages);
  }

  /** The words of `refusalFor`: manage_people throws them itself. */
  personRefusal(write: PeopleWrite, person: AdminPerson): Refusal | null {
    return dataOf(this.refusalFor(write, person));
  }

  /** Why Clockify will not make the write for this person (the owner, an invitee not yet a member); null where it will. */
  refusalFor(write: PeopleWrite, person: AdminPerson): RefusalArgs | null {
    const status = this.#status.get(person.id);
    if (person.role === 'OWNER' && write !== 'reactivate') return ['clockify_owner_untouchable', { person: person.name }];
    if ((write === 'deactivate' || write === 'reactivate') && (status === 'PENDING' || status === 'DECLINED'))
      return ['clockify_invitee_not_member', { person: person.name, status, write }];
    return null;
  }

  async selfId(): Promise<number> {
    return this.context.number('person', (await this.context.person()).id);
  }

  async invite(person: NewPerson): Promise<AdminPerson> {
    const { workspaceId } = await this.context.ids();
    try {
      await this.endpoints.invite(workspaceId, person.email);
    } catch (error) {
      // A 403 here may be the plan's (Clockify adds people by API only on a paid plan) rather than the
      // person's: it withdraws nothing, and says both.
      if (!(error instanceof ClockifyError) || error.status !== 403) throw error;
      const plan = (await this.context.workspace()).plan;
      throw new BackEndError('clockify_invite_refused', { email: person.email, plan: plan ?? null });
    }
    // Clockify answers the workspace, not the invitee: they are found by their address among everyone.
    const found = (await this.#everyone(true)).find((read) => sameEmail(read.person.email, person.email));
    if (!found) throw new BackEndError('clockify_invitee_not_listed', { email: person.email });
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
      await this.#refusedWithdraws(`make ${quotedLine(person.name)} ${request.role}`, () => this.endpoints.giveRole(workspaceId, remote, person.name, request));
    }
    return (await this.#find(String(person.id))).person;
  }

  async setActive(person: AdminPerson, active: boolean): Promise<AdminPerson> {
    const { workspaceId } = await this.context.ids();
    const remote = await this.#remoteOf(person);
    const status = active ? 'ACTIVE' : 'INACTIVE';
    await this.#refusedWithdraws(`${active ? 'reactivate' : 'deactivate'} ${quotedLine(person.name)}`, () =>
      this.endpoints.setStatus(workspaceId, remote, person.name, status),
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
      if (!project?.remoteId) throw new BackEndError('clockify_managed_project_unknown', { project: word.trim() });
      return { role: 'PROJECT_MANAGER' as const, entityId: project.remoteId };
    });
  }

  async #remoteOf(person: AdminPerson): Promise<string> {
    return this.context.remote('person', person.id, 'clockify_record_unknown', { record: 'person', id: person.id, see: 'manage_people' });
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
    const people = this.endpoints;
    const [members, groups] = await this.#refusedWithdraws('list the people', () =>
      Promise.all([
        pagesUntilLast((page) => people.peoplePage(workspaceId, includeInactive, page)),
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
      Promise.all(HELD.map((role) => pagesUntilLast((page) => this.endpoints.holdersPage(workspaceId, role, page)))),
    );
    const roles = new Map<string, string>();
    HELD.forEach((role, index) => {
      for (const user of holders[index] ?? []) if (!roles.has(user.id)) roles.set(user.id, role);
    });
    return roles;
  }

  /** Clockify's refusal (403) of the people's administration withdraws manage_people at once, and says which right is missing. */
  #refusedWithdraws<T>(action: string, send: () => Promise<T>): Promise<T> {
    return this.context.administering('people', ['clockify_administration_refused', { part: 'people', action }], send);
  }
}

/** Why Clockify's API will not give a role as asked (the word upper-cased); null where it will. */
function roleRefusal(role: string | undefined, manages: readonly string[] | undefined): RefusalArgs | null {
  if (role === undefined) return manages === undefined ? null : ['clockify_role_not_named'];
  if (role === 'OWNER') return ['clockify_role_owner'];
  if (role === 'MEMBER') return ['clockify_role_taken_away'];
  if (role === 'WORKSPACE_ADMIN') return manages === undefined ? null : ['clockify_admin_manages'];
  if (manages !== undefined && manages.length > 0) return null;
  if (role === 'TEAM_MANAGER') return ['clockify_team_manager_needs_people'];
  return role === 'PROJECT_MANAGER' ? ['clockify_project_manager_needs_projects'] : null;
}

/** A refusal's words for the model, where the tool throws them itself. */
function dataOf(refusal: RefusalArgs | null): Refusal | null {
  return refusal && refusalOf(...refusal);
}

function statusOf(member: ClockifyMember, workspaceId: string): MembershipStatus {
  const membership = (member.memberships ?? []).find((one) => one.membershipType === 'WORKSPACE' && (!one.targetId || one.targetId === workspaceId));
  const status = membership?.membershipStatus;
  return status === 'PENDING' || status === 'DECLINED' || status === 'INACTIVE' ? status : 'ACTIVE';
}

const idsOf = (group: ClockifyUserGroup) => group.userIds ?? [];
