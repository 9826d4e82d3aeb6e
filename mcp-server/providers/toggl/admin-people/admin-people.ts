// Toggl Track's people as a workspace admin administers them (docs/back-ends/toggl.md, "Administration"): the
// workspace users, each named by their Toggl user id (`uid`) with their role in Toggl's words and whether an admin
// deactivated them; a role changed and a person deactivated or reactivated by their workspace user's own id, with only
// what changes. Each person keeps their name and e-mail in their own profile and Toggl's roles name nobody they
// manage: each refused in words before anything is asked or sent. Inviting is the organization's
// (`POST /organizations/{oid}/invitations`), so an organization admin's: anyone else is refused as their role before
// anything is asked or sent. Each person's teams are the workspace's user groups they belong to (`group_ids`), the
// groups read beside the people and kept a quarter of an hour (an optional read: without them, nobody's teams).
import { quotedLine } from '../../../contract/outcomes/quoted-line.ts';
import { type Refusal, type RefusalArgs, refusalOf } from '../../../contract/outcomes/refusals.ts';
import type { AdminPerson, NewPerson, PeoplePage, PeopleWrite, PersonChanges } from '../../../domain/admin-people.ts';
import { CellPart } from '../../grid/cell-part.ts';
import { Expiring } from '../../remote/cache.ts';
import { cellCode } from '../../grid/cell.ts';
import { noPeoplePage, onePerson } from '../../person-lookup.ts';
import { BackEndError } from '../../time-tracker.ts';
import { TEAM_TTL_MS, type TogglContext, type TogglGrid, type Withdrawn } from '../context.ts';
import { TogglError } from '../errors.ts';
import { administers, INVITE_NEEDS, invites, knownRights, roleName, type TogglRights, type TogglRole } from '../rights.ts';
import type { TogglInvitation, TogglWorkspaceUser } from '../wire.ts';
import { type AdminPeopleEndpoints, adminPeopleEndpoints } from './endpoints.ts';

/** People per page of the tool's list: Toggl lists them all at once, Punchcard shows 50. */
const PAGE_SIZE = 50;
const ROLES: readonly TogglRole[] = ['admin', 'user', 'projectlead', 'teamlead'];
const WITHDRAWN: Withdrawn = { capability: 'admin_people', tool: 'manage_people', needs: 'a workspace admin' };

/** A person as listed, with the workspace user's own id that addresses a change. */
type Listed = AdminPerson & { workspaceUserId: number };

export class TogglPeople extends CellPart<TogglContext, AdminPeopleEndpoints> {
  readonly roleWords = ROLES;
  readonly managesRefusal = refusalOf('toggl_manages_nothing');
  /** The invitee's name is theirs to give: Toggl's invitation carries the e-mail alone. */
  readonly inviteQuestion =
    'Toggl Track e-mails them an invitation to its organization and this workspace; the name is only for this question, as they give their own when they accept.';
  readonly inviteNote = 'They join the workspace once they accept the invitation (Toggl lets it expire after 30 days).';
  /** The list as last read, for the workspace user ids a change is sent to. */
  #last: Listed[] = [];
  /** The workspace's groups by id, kept a quarter of an hour as the team's people are. */
  readonly #groups = new Expiring<ReadonlyMap<number, string>>(TEAM_TTL_MS);

  async people(includeInactive: boolean, page: number): Promise<PeoplePage> {
    const all = (await this.#listed()).filter((person) => includeInactive || person.active);
    const totalPages = Math.max(1, Math.ceil(all.length / PAGE_SIZE));
    if (page > totalPages) throw noPeoplePage(page, totalPages);
    return { people: all.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE).map(plain), page, totalPages, total: all.length };
  }

  async person(reference: string): Promise<AdminPerson> {
    return plain(onePerson(await this.#listed(), reference, (person) => person, { where: 'in the Toggl Track workspace', listShows: 'everyone' }));
  }

  peopleWriteRefusal(write: PeopleWrite, asked?: { role?: string; email?: string; name?: string }): Refusal | null {
    if (write === 'invite') {
      // The role remembered, before anything is asked; invite() checks the role as read now again.
      const rights = knownRights(this.context.facts.current);
      return rights !== undefined && !invites(rights) ? inviteLacking(rights) : null;
    }
    if (asked?.name !== undefined) return refusalOf('toggl_person_field', { field: 'name' });
    if (asked?.email !== undefined) return refusalOf('toggl_person_field', { field: 'email' });
    return null;
  }

  async selfId(): Promise<number> {
    return (await this.context.person()).id;
  }

  /**
   * One invitation into the configured workspace, `POST /organizations/{oid}/invitations {emails: [email], workspaces:
   * [{workspace_id, role}]}` (one request): an organization admin's. Toggl's 403 (the role changed meanwhile) is said as
   * such and the organization's admin forgotten, so invite is refused as the role until it is read again.
   */
  async invite(person: NewPerson): Promise<AdminPerson> {
    const rights = await this.context.rights();
    if (!invites(rights)) throw new BackEndError(...inviteLackingArgs(rights));
    await this.context.keepQuota('invite people');
    const workspace = await this.context.workspace();
    if (workspace.organizationId === undefined) throw new BackEndError(...inviteLackingArgs({ ...rights, organizationAdmin: false }));
    const role = person.role ?? 'user';
    const action = `invite ${quotedLine(person.email)}`;
    let answer: { data?: TogglInvitation[] | null } | null;
    try {
      answer = await this.endpoints.invite(workspace.organizationId, { emails: [person.email], workspaces: [{ workspace_id: workspace.id, role }] }, action);
    } catch (error) {
      if (!(error instanceof TogglError) || error.status !== 403 || error.failure !== 'forbidden') throw error;
      this.context.notOrganizationAdmin();
      const said = error.refusal.facts as { message?: string | null };
      throw new BackEndError('toggl_forbidden', { action, message: said.message ?? null, needs: INVITE_NEEDS });
    }
    const sent = (Array.isArray(answer?.data) ? answer.data : []).find((item) => item?.email?.toLowerCase() === person.email.toLowerCase());
    // The invitee as Toggl names them: their user id where the e-mail has an account already, else the invitation's own id.
    const id = typeof sent?.recipient_id === 'number' && sent.recipient_id > 0 ? sent.recipient_id : sent?.invitation_id;
    if (typeof id !== 'number') throw new BackEndError('toggl_unreadable', { what: 'an invitation without its id' });
    return { id, name: person.name, email: person.email, role, active: false, teams: [] };
  }

  async update(person: AdminPerson, changes: PersonChanges): Promise<AdminPerson> {
    if (changes.name !== undefined) throw new BackEndError('toggl_person_field', { field: 'name' });
    if (changes.email !== undefined) throw new BackEndError('toggl_person_field', { field: 'email' });
    if (changes.role === undefined) return person;
    return this.#change(person, { role: changes.role }, `give ${quotedLine(person.name)} (#${person.id}) the role ${changes.role}`);
  }

  setActive(person: AdminPerson, active: boolean): Promise<AdminPerson> {
    return this.#change(person, { inactive: !active }, `${active ? 'reactivate' : 'deactivate'} ${quotedLine(person.name)} (#${person.id})`);
  }

  /** The workspace users, sorted by name, read afresh (one request): a change is sent to the id read here. */
  async #listed(): Promise<Listed[]> {
    const rights = await this.context.rights();
    if (!administers(rights)) throw this.context.lacks(rights, 'manage_people', 'administer the people', WITHDRAWN.needs);
    await this.context.keepQuota('list the people');
    const workspaceId = await this.context.workspaceId();
    const [users, groups] = await Promise.all([
      this.context.administering(WITHDRAWN, 'list the people', () => this.endpoints.workspaceUsers(workspaceId)),
      this.#groupNames(workspaceId),
    ]);
    this.#last = (users ?? [])
      .filter((user): user is TogglWorkspaceUser => typeof user?.uid === 'number' && typeof user.id === 'number')
      .map((user) => personOf(user, groups))
      .sort((a, b) => a.name.localeCompare(b.name) || a.id - b.id);
    return this.#last;
  }

  /** The workspace's groups by id (`GET …/groups`), none where Toggl refuses them as unavailable (an optional read). */
  #groupNames(workspaceId: number): Promise<ReadonlyMap<number, string>> {
    return this.#groups.get(async () => {
      const listed = (await this.context.optional.groups.read(() => this.endpoints.groups(workspaceId), null)) ?? [];
      return new Map(
        (Array.isArray(listed) ? listed : []).flatMap((group) =>
          typeof group?.id === 'number' && group.name?.trim() ? [[group.id, group.name.trim()] as const] : [],
        ),
      );
    });
  }

  /** A change of one workspace user, by its own id; Toggl's 403 withdraws manage_people; the team's people are read afresh after it. */
  async #change(person: AdminPerson, body: { role?: string; inactive?: boolean }, action: string): Promise<AdminPerson> {
    const rights = await this.context.rights();
    if (!administers(rights)) throw this.context.lacks(rights, 'manage_people', action, WITHDRAWN.needs);
    const listed = this.#last.find((item) => item.id === person.id) ?? (await this.#listed()).find((item) => item.id === person.id);
    if (!listed) throw new BackEndError('remote_record_missing', { service: 'Toggl Track', record: 'person', id: person.id, any_more: true });
    const workspaceId = await this.context.workspaceId();
    try {
      const changed = await this.context.administering(WITHDRAWN, action, () =>
        this.endpoints.updateWorkspaceUser(workspaceId, listed.workspaceUserId, body, action),
      );
      // Toggl answers the workspace user changed; where it answers less, what was sent is what changed.
      return typeof changed?.uid === 'number' ? plain(personOf(changed, await this.#groupNames(workspaceId))) : { ...plain(listed), ...changedOf(body) };
    } finally {
      this.context.forgetMembers();
    }
  }
}

/** An invitation refused as the person's role: a workspace admin who administers no organization, or anyone else. */
function inviteLackingArgs(rights: TogglRights): RefusalArgs {
  return ['role_lacks', { back_end: 'Toggl Track', tool: 'manage_people', action: 'invite people', role: roleName(rights), needs: INVITE_NEEDS }];
}

function inviteLacking(rights: TogglRights): Refusal {
  return refusalOf(...inviteLackingArgs(rights));
}

/**
 * A workspace user as manage_people shows them: their user id, their role in Toggl's words, active unless deactivated,
 * their teams the names of the groups they belong to.
 */
function personOf(user: TogglWorkspaceUser, groups: ReadonlyMap<number, string>): Listed {
  const role = ROLES.find((word) => word === user.role) ?? null;
  const name = (user.name ?? '').trim() || (user.email ?? '').trim() || `user #${user.uid}`;
  const teams = (Array.isArray(user.group_ids) ? user.group_ids : []).flatMap((id) => groups.get(id) ?? []).sort((a, b) => a.localeCompare(b));
  return { id: user.uid, workspaceUserId: user.id, name, email: (user.email ?? '').trim(), role, active: user.inactive !== true, teams };
}

function plain({ workspaceUserId: _, ...person }: Listed): AdminPerson {
  return person;
}

function changedOf(body: { role?: string; inactive?: boolean }): Partial<AdminPerson> {
  return { ...(body.role === undefined ? {} : { role: body.role }), ...(body.inactive === undefined ? {} : { active: !body.inactive }) };
}

/** The cell as the composition takes it, loaded with the tracker (index.ts lists it). */
export const code = cellCode<TogglGrid, AdminPeopleEndpoints>({
  endpoints: adminPeopleEndpoints,
  parts: (context, endpoints) => ({ adminPeople: new TogglPeople(context, endpoints, {}) }),
});
