// Toggl Track's people as a workspace admin administers them (docs/back-ends/toggl.md, "Administration"): the
// workspace users, each named by their Toggl user id (`uid`) with their role in Toggl's words and whether an admin
// deactivated them; a role changed and a person deactivated or reactivated by their workspace user's own id, with only
// what changes. Each person keeps their name and e-mail in their own profile, Toggl's roles name nobody they manage,
// and inviting is an organization admin's (not served yet): each refused in words before anything is asked or sent.
// Toggl's user groups are not read: `teams` is empty.
import { quotedLine } from '../../../contract/outcomes/quoted-line.ts';
import { type Refusal, refusalOf } from '../../../contract/outcomes/refusals.ts';
import type { AdminPerson, NewPerson, PeoplePage, PeopleWrite, PersonChanges } from '../../../domain/admin-people.ts';
import { CellPart } from '../../grid/cell-part.ts';
import { cellCode } from '../../grid/cell.ts';
import { noPeoplePage, onePerson } from '../../person-lookup.ts';
import { BackEndError } from '../../time-tracker.ts';
import type { TogglContext, TogglGrid, Withdrawn } from '../context.ts';
import { administers, type TogglRole } from '../rights.ts';
import type { TogglWorkspaceUser } from '../wire.ts';
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
  readonly inviteNote = '';
  /** The list as last read, for the workspace user ids a change is sent to. */
  #last: Listed[] = [];

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
    if (write === 'invite') return refusalOf('toggl_invite_unsupported');
    if (asked?.name !== undefined) return refusalOf('toggl_person_field', { field: 'name' });
    if (asked?.email !== undefined) return refusalOf('toggl_person_field', { field: 'email' });
    return null;
  }

  async selfId(): Promise<number> {
    return (await this.context.person()).id;
  }

  invite(_person: NewPerson): Promise<AdminPerson> {
    return Promise.reject(new BackEndError('toggl_invite_unsupported', {}));
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
    const users = (await this.context.administering(WITHDRAWN, 'list the people', () => this.endpoints.workspaceUsers(workspaceId))) ?? [];
    this.#last = users
      .filter((user): user is TogglWorkspaceUser => typeof user?.uid === 'number' && typeof user.id === 'number')
      .map(personOf)
      .sort((a, b) => a.name.localeCompare(b.name) || a.id - b.id);
    return this.#last;
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
      return typeof changed?.uid === 'number' ? plain(personOf(changed)) : { ...plain(listed), ...changedOf(body) };
    } finally {
      this.context.forgetMembers();
    }
  }
}

/** A workspace user as manage_people shows them: their user id, their role in Toggl's words, active unless deactivated. */
function personOf(user: TogglWorkspaceUser): Listed {
  const role = ROLES.find((word) => word === user.role) ?? null;
  const name = (user.name ?? '').trim() || (user.email ?? '').trim() || `user #${user.uid}`;
  return { id: user.uid, workspaceUserId: user.id, name, email: (user.email ?? '').trim(), role, active: user.inactive !== true, teams: [] };
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
