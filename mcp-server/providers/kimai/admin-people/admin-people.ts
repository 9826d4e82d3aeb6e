// Kimai's people as its super administrator sees them (docs/back-ends/kimai.md, "Administration"):
// `view_user`, `create_user` and `edit_other_profile` are in no other role's map as Kimai ships, so
// the capability comes from the role a profile read named (index.ts, its offer), and Kimai's own 403
// withdraws it at once (context.ts). Kimai's list is not paged: manage_people pages the answer.
import { randomBytes } from 'node:crypto';
import type { AdminPerson, NewPerson, PeoplePage, PersonChanges } from '../../../domain/admin-people.ts';
import type { KimaiPeopleRequest } from '../../../contract/outcomes/kimai.ts';
import { type Refusal, refusalOf } from '../../../contract/outcomes/refusals.ts';
import { noPeoplePage, onePerson, personNumber } from '../../person-lookup.ts';
import { CellPart } from '../../grid/cell-part.ts';
import type { AdminPeoplePart } from '../../time-tracker.ts';
import { highestRole } from '../facts.ts';
import type { KimaiContext } from '../context.ts';
import type { AdminPeopleEndpoints } from './endpoints.ts';
import type { KimaiUserFull } from '../wire.ts';
import { quotedLine } from '../../../contract/outcomes/quoted-line.ts';

/** The roles Kimai ships, lowest first; an instance's own roles are not offered (they are configured in Kimai). */
const KIMAI_ROLES = ['ROLE_USER', 'ROLE_TEAMLEAD', 'ROLE_ADMIN', 'ROLE_SUPER_ADMIN'] as const;

/** People per page: Kimai's list comes whole, and is shown in pages a person reads in one go, as invoices are. */
export const PEOPLE_PAGE_SIZE = 50;

export class KimaiPeople extends CellPart<KimaiContext, AdminPeopleEndpoints> implements AdminPeoplePart {
  readonly roleWords = KIMAI_ROLES;
  readonly managesRefusal = refusalOf('kimai_manages_nothing');
  readonly inviteNote =
    'Kimai made the account with a random password nobody was shown: the person sets their own with "Forgot password" on the login page, or you set one in Kimai under Users.';

  async people(includeInactive: boolean, page: number): Promise<PeoplePage> {
    const everyone = await this.#everyone(includeInactive);
    const totalPages = Math.max(1, Math.ceil(everyone.length / PEOPLE_PAGE_SIZE));
    if (page > totalPages) {
      throw noPeoplePage(page, totalPages);
    }
    return { people: everyone.slice((page - 1) * PEOPLE_PAGE_SIZE, page * PEOPLE_PAGE_SIZE), page, totalPages, total: everyone.length };
  }

  /** Everyone Kimai lists, by name: one request, as `GET /api/users` is not paged. */
  async #everyone(includeInactive: boolean): Promise<AdminPerson[]> {
    const users = await this.#refusedWithdraws({ action: 'list' }, () => this.endpoints.users(includeInactive ? 3 : 1));
    return users.map(adminPerson).sort((a, b) => a.name.localeCompare(b.name) || a.id - b.id);
  }

  async person(reference: string): Promise<AdminPerson> {
    const id = personNumber(reference);
    if (id !== null) return adminPerson(await this.#refusedWithdraws({ action: 'read', person: id }, () => this.endpoints.user(id)));
    return onePerson(await this.#everyone(true), reference, (person) => person, { where: 'in Kimai', listShows: 'everyone' });
  }

  peopleWriteRefusal(): Refusal | null {
    return null;
  }

  async selfId(): Promise<number> {
    return (await this.context.profile()).id;
  }

  async invite(person: NewPerson): Promise<AdminPerson> {
    const me = await this.context.profile();
    const body = {
      // The e-mail is the login name: unique in Kimai as the address is, and what the person knows.
      username: person.email,
      alias: person.name,
      email: person.email,
      // Kimai's API requires a password for a new account. One nobody sees (not the model, the chat,
      // the log nor the audit) keeps the account closed until its owner sets their own (docs/decisions.md).
      plainPassword: randomBytes(24).toString('base64url'),
      // Left out, Kimai creates the account disabled (docs/back-ends/kimai.md, "Administration").
      enabled: true,
      timezone: me.timezone,
      ...(person.role === undefined ? {} : { roles: [person.role] }),
    };
    return adminPerson(await this.#refusedWithdraws({ action: 'create', email: person.email }, () => this.endpoints.createUser(body)));
  }

  async update(person: AdminPerson, changes: PersonChanges): Promise<AdminPerson> {
    const body = {
      ...(changes.name === undefined ? {} : { alias: changes.name }),
      ...(changes.email === undefined ? {} : { email: changes.email }),
      // Kimai replaces the whole list: the person then holds this role alone.
      ...(changes.role === undefined ? {} : { roles: [changes.role] }),
    };
    const action = `change the account of ${quotedLine(person.name)}`;
    return adminPerson(await this.#refusedWithdraws({ action: 'change', name: person.name }, () => this.endpoints.updateUser(person.id, body, action)));
  }

  async setActive(person: AdminPerson, active: boolean): Promise<AdminPerson> {
    const action = `${active ? 'reactivate' : 'deactivate'} the account of ${quotedLine(person.name)}`;
    return adminPerson(
      await this.#refusedWithdraws({ action: active ? 'reactivate' : 'deactivate', name: person.name }, () =>
        this.endpoints.updateUser(person.id, { enabled: active }, action),
      ),
    );
  }

  /** Kimai's 403 to its people's administration withdraws manage_people at once, and says which right was missing. */
  #refusedWithdraws<T>(request: KimaiPeopleRequest, send: () => Promise<T>): Promise<T> {
    return this.context.administering('people', refusalOf('kimai_people_denied', request), send);
  }
}

function adminPerson(user: KimaiUserFull): AdminPerson {
  return {
    id: user.id,
    name: user.alias || user.username,
    email: user.email ?? '',
    role: highestRole(user.roles),
    active: user.enabled !== false,
    teams: (user.teams ?? []).map((team) => team.name),
  };
}
