// Harvest's people as the person's role administers them (docs/back-ends/harvest.md, "Administration"): listed as
// Harvest lists them to the person (an administrator everyone; a manager with teammates them and herself, and whoever
// else Harvest shows a manager), each with their Harvest user id and access role. An administrator invites (Harvest
// e-mails the invitation), renames, changes an e-mail or a role, deactivates and reactivates (is_active); a manager
// renames the people she manages and nothing more: Harvest lets a manager change no e-mail, role or activity, so those
// are refused in words before anything is asked or sent. Harvest keeps no teams: `teams` is empty.
import { type Refusal, refusalOf } from '../../../contract/outcomes/refusals.ts';
import type { AdminPerson, NewPerson, PeoplePage, PeopleWrite, PersonChanges } from '../../../domain/admin-people.ts';
import { CellPart } from '../../grid/cell-part.ts';
import { cellCode } from '../../grid/cell.ts';
import { noPeoplePage, onePerson } from '../../person-lookup.ts';
import { BackEndError } from '../../time-tracker.ts';
import type { HarvestContext, HarvestGrid, Withdrawn } from '../context.ts';
import { HarvestError } from '../errors.ts';
import { type HarvestRights, knownRights, roleName } from '../rights.ts';
import type { HarvestUser } from '../wire.ts';
import { type AdminPeopleEndpoints, adminPeopleEndpoints } from './endpoints.ts';
import { quotedLine } from '../../../contract/outcomes/quoted-line.ts';

/** People per page of the tool's list: Harvest lists 2000 a page, and Punchcard shows 50. */
const PAGE_SIZE = 50;
const ROLES = ['administrator', 'manager', 'member'] as const;
const WITHDRAWN: Withdrawn = { capability: 'admin_people', tool: 'manage_people', needs: 'an administrator, or a manager with teammates' };
const ADMINISTRATOR = 'an administrator';

export class HarvestPeople extends CellPart<HarvestContext, AdminPeopleEndpoints> {
  readonly roleWords = ROLES;
  readonly managesRefusal = refusalOf('harvest_manages_nothing');
  readonly inviteQuestion = 'Harvest e-mails them an invitation to sign in.';
  readonly inviteNote = 'Harvest e-mailed them an invitation to sign in.';

  async people(includeInactive: boolean, page: number): Promise<PeoplePage> {
    const all = await this.#listed(includeInactive);
    const totalPages = Math.max(1, Math.ceil(all.length / PAGE_SIZE));
    if (page > totalPages) throw noPeoplePage(page, totalPages);
    return { people: all.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE), page, totalPages, total: all.length };
  }

  async person(reference: string): Promise<AdminPerson> {
    const rights = await this.context.rights();
    const where = rights.access === 'administrator' ? 'in Harvest' : 'among the people Harvest lists to you';
    return onePerson(await this.#listed(true), reference, (person) => person, { where, listShows: rights.access === 'administrator' ? 'everyone' : 'them' });
  }

  /**
   * What a manager may not do, by the role as last read (a write reads it again before anything is sent): invite,
   * change an e-mail or a role, deactivate or reactivate; an administrator may do all of it.
   */
  peopleWriteRefusal(write: PeopleWrite, asked?: { role?: string; email?: string; name?: string }): Refusal | null {
    // Harvest keeps a first and a last name: one word is refused before the question.
    const name = asked?.name?.trim();
    if (name !== undefined && name !== '' && name.split(/\s+/).length < 2) return refusalOf('harvest_name_two_parts', { name });
    const rights = knownRights(this.context.facts.current);
    if (rights === undefined || rights.access === 'administrator') return null;
    const action =
      write === 'invite'
        ? 'invite someone'
        : write === 'update'
          ? asked?.role !== undefined
            ? "change someone's role"
            : asked?.email !== undefined
              ? "change someone's e-mail"
              : null
          : `${write} someone`;
    return action === null ? null : this.#lacking(rights, action);
  }

  async selfId(): Promise<number> {
    return this.context.userId();
  }

  async invite(person: NewPerson): Promise<AdminPerson> {
    await this.#allowed('invite someone');
    const { first, last } = nameParts(person.name);
    const body = { first_name: first, last_name: last, email: person.email, ...(person.role ? { access_roles: [person.role] } : {}) };
    const made = await this.#send(`invite ${person.email}`, () => this.endpoints.createUser(body, `invite ${person.email}`));
    return personOf(this.context, made);
  }

  async update(person: AdminPerson, changes: PersonChanges): Promise<AdminPerson> {
    const rights = await this.context.rights();
    // A manager renames the people she manages; an e-mail or a role is an administrator's (refused before the question too).
    if (rights.access !== 'administrator' && (changes.email !== undefined || changes.role !== undefined)) {
      throw this.#refused(rights, changes.role !== undefined ? "change someone's role" : "change someone's e-mail");
    }
    const body: Record<string, unknown> = {};
    if (changes.name !== undefined) {
      const { first, last } = nameParts(changes.name);
      body.first_name = first;
      body.last_name = last;
    }
    if (changes.email !== undefined) body.email = changes.email;
    if (changes.role !== undefined) body.access_roles = [changes.role];
    const action = `change ${quotedLine(person.name)} (#${person.id})`;
    if (rights.access === 'administrator') return personOf(this.context, await this.#send(action, () => this.endpoints.updateUser(person.id, body, action)));
    // Whom Harvest lists to a manager besides her teammates is not documented: one it lists but does not let her
    // rename is said as not hers to rename, and manage_people stays (she still renames her teammates).
    try {
      return personOf(this.context, await this.endpoints.updateUser(person.id, body, action));
    } catch (error) {
      if (error instanceof HarvestError && error.status === 403)
        throw this.context.lacks(rights, 'manage_people', `rename ${quotedLine(person.name)} (#${person.id})`, 'an administrator, or being their manager');
      throw error;
    } finally {
      this.context.forgetPeople();
    }
  }

  async setActive(person: AdminPerson, active: boolean): Promise<AdminPerson> {
    await this.#allowed(active ? 'reactivate someone' : 'deactivate someone');
    const action = `${active ? 'reactivate' : 'deactivate'} ${quotedLine(person.name)} (#${person.id})`;
    return personOf(this.context, await this.#send(action, () => this.endpoints.updateUser(person.id, { is_active: active }, action)));
  }

  /** The people Harvest lists to the person, sorted by name, with their Harvest user ids. */
  async #listed(includeInactive: boolean): Promise<AdminPerson[]> {
    await this.context.rights();
    const users = await this.context.administering(WITHDRAWN, 'list the people', () =>
      this.endpoints.users(includeInactive ? {} : { is_active: true }, 'list the people Harvest shows you'),
    );
    return users
      .filter((user) => typeof user?.id === 'number')
      .map((user) => personOf(this.context, user))
      .sort((a, b) => a.name.localeCompare(b.name) || a.id - b.id);
  }

  /** The rights as read now, refused in words where they are not an administrator's. */
  async #allowed(action: string): Promise<HarvestRights> {
    const rights = await this.context.rights();
    if (rights.access !== 'administrator') throw this.#refused(rights, action);
    return rights;
  }

  /** A change: Harvest's 403 withdraws manage_people and is said with what it needed; the people are read afresh after it. */
  async #send(action: string, send: () => Promise<HarvestUser>): Promise<HarvestUser> {
    try {
      return await this.context.administering(WITHDRAWN, action, send);
    } finally {
      this.context.forgetPeople();
    }
  }

  #lacking(rights: HarvestRights, action: string): Refusal {
    return refusalOf('role_lacks', { back_end: 'Harvest', tool: 'manage_people', action, role: roleName(rights), needs: ADMINISTRATOR });
  }

  #refused(rights: HarvestRights, action: string): BackEndError {
    return this.context.lacks(rights, 'manage_people', action, ADMINISTRATOR);
  }
}

/** A name as Harvest keeps it: a first and a last name, the last word the last name. */
export function nameParts(name: string): { first: string; last: string } {
  const words = name.trim().split(/\s+/);
  if (words.length < 2) throw new BackEndError('harvest_name_two_parts', { name: name.trim() });
  return { first: words.slice(0, -1).join(' '), last: words[words.length - 1] as string };
}

/** A Harvest user as manage_people shows them: their Harvest user id, their access role, no teams (Harvest keeps none). */
function personOf(context: HarvestContext, user: HarvestUser): AdminPerson {
  const roles = user.access_roles ?? [];
  const role = ROLES.find((word) => roles.includes(word)) ?? null;
  return { id: user.id, name: context.nameOf(user), email: user.email ?? '', role, active: user.is_active !== false, teams: [] };
}

/** The cell as the composition takes it, loaded with the tracker (index.ts lists it). */
export const code = cellCode<HarvestGrid, AdminPeopleEndpoints>({
  endpoints: adminPeopleEndpoints,
  parts: (context, endpoints) => ({ adminPeople: new HarvestPeople(context, endpoints, {}) }),
});
