// Clockodo's co-workers as the company's owner administers them (docs/back-ends/clockodo.md,
// "Administration"): listed and read through `/v3/users`, created directly with `POST /v3/users`
// (Clockodo has no invitation step), changed, deactivated and reactivated with `PUT /v3/users/{id}`
// (its `active` flag). Only the owner is offered this (capabilities.ts, from the role Clockodo names);
// Clockodo's own 403 withdraws it at once (context.ts, refuseAdministration) and is said in words.
import type { AdminPerson, NewPerson, PeoplePage, PersonChanges } from '../../../domain/admin-people.ts';
import type { ClockodoOwnerRequest } from '../../../contract/outcomes/clockodo.ts';
import { type Refusal, refusalOf } from '../../../contract/outcomes/refusals.ts';
import { allPages } from '../../remote/paging.ts';
import { noPeoplePage, onePerson, personNumber } from '../../person-lookup.ts';
import { CellPart } from '../../grid/cell-part.ts';
import type { AdminPeoplePart } from '../../time-tracker.ts';
import { USER_PAGE } from '../api.ts';
import type { ClockodoContext, Withdrawn } from '../context.ts';
import type { AdminPeopleEndpoints } from './endpoints.ts';
import type { ClockodoTeam, ClockodoUser } from '../wire.ts';

/** What Clockodo's refusal (403) of it withdraws, and how the log says so (context.ts, refuse). */
export const WITHDRAWN = { capability: 'admin_people', what: 'the administration of people', tool: 'manage_people' } as const satisfies Withdrawn;

/** Clockodo's roles, as its users carry them. */
const CLOCKODO_ROLES = ['owner', 'manager', 'worker'] as const;

/** People per page of the tool's list: Clockodo pages `/v3/users` itself, at this size. */
export const PEOPLE_PAGE_SIZE = 50;

export class ClockodoPeople extends CellPart<ClockodoContext, AdminPeopleEndpoints> implements AdminPeoplePart {
  readonly roleWords = CLOCKODO_ROLES;
  readonly managesRefusal = refusalOf('clockodo_manages_nothing');
  readonly inviteNote = 'Clockodo made the user directly, active at once: there is no invitation for them to accept.';

  async people(includeInactive: boolean, page: number): Promise<PeoplePage> {
    const query = includeInactive ? {} : { 'filter[active]': true };
    const [found, teams] = await Promise.all([
      this.#owner({ action: 'list_coworkers' }, (action) => this.endpoints.userListPage(query, page, PEOPLE_PAGE_SIZE, action)),
      this.#teamNames(),
    ]);
    if (found.items.length === 0 && page > Math.max(1, found.pages)) {
      const pages = Math.max(1, found.pages);
      throw noPeoplePage(page, pages);
    }
    return { people: found.items.map((user) => adminPerson(user, teams)), page, totalPages: Math.max(1, found.pages), total: found.total };
  }

  async person(reference: string): Promise<AdminPerson> {
    const id = personNumber(reference);
    if (id !== null) {
      const [user, teams] = await Promise.all([
        this.#owner({ action: 'read_coworker', coworker: id }, (action) => this.endpoints.user(id, action)),
        this.#teamNames(),
      ]);
      return adminPerson(user, teams);
    }
    const [users, teams] = await Promise.all([this.#everyone(), this.#teamNames()]);
    const everyone = users.map((user) => adminPerson(user, teams));
    return onePerson(everyone, reference, (person) => person, { where: 'in Clockodo', listShows: 'everyone' });
  }

  peopleWriteRefusal(): Refusal | null {
    return null;
  }

  selfId(): Promise<number> {
    return this.context.userId();
  }

  async invite(person: NewPerson): Promise<AdminPerson> {
    const body = { name: person.name, email: person.email, ...(person.role === undefined ? {} : { role: person.role }) };
    const [made, teams] = await Promise.all([
      this.#owner({ action: 'add_coworker', email: person.email }, (action) => this.endpoints.createUser(body, action)),
      this.#teamNames(),
    ]);
    return adminPerson(made, teams);
  }

  async update(person: AdminPerson, changes: PersonChanges): Promise<AdminPerson> {
    return this.#change(person, { ...changes }, { action: 'change_coworker', person: person.name });
  }

  async setActive(person: AdminPerson, active: boolean): Promise<AdminPerson> {
    return this.#change(person, { active }, { action: active ? 'reactivate_coworker' : 'deactivate_coworker', person: person.name });
  }

  async #change(person: AdminPerson, body: Record<string, unknown>, request: ClockodoOwnerRequest): Promise<AdminPerson> {
    const [changed, teams] = await Promise.all([this.#owner(request, (action) => this.endpoints.updateUser(person.id, body, action)), this.#teamNames()]);
    return adminPerson(changed, teams);
  }

  /** Every co-worker, the inactive too, a page of Clockodo's largest size at a time (each counted against the call's budget). */
  #everyone(): Promise<ClockodoUser[]> {
    const api = this.endpoints;
    const { pager } = this.context;
    return this.#owner({ action: 'list_coworkers' }, (action) => allPages(pager, (page) => api.userListPage({}, page, USER_PAGE, action)));
  }

  /** The teams' names by id, for the people's `teams`. */
  async #teamNames(): Promise<Map<number, string>> {
    const api = this.endpoints;
    const { pager } = this.context;
    const teams: ClockodoTeam[] = await allPages(pager, (page) => api.teamsPage(page));
    return new Map(teams.map((team) => [team.id, team.name]));
  }

  #owner<T>(request: ClockodoOwnerRequest, send: (action: string) => Promise<T>): Promise<T> {
    return this.context.asOwner(WITHDRAWN, request, send);
  }
}

function adminPerson(user: ClockodoUser, teams: ReadonlyMap<number, string>): AdminPerson {
  const team = user.teams_id === null || user.teams_id === undefined ? undefined : (teams.get(user.teams_id) ?? `team #${user.teams_id}`);
  return {
    id: user.id,
    name: user.name ?? user.email ?? `user #${user.id}`,
    email: user.email ?? '',
    role: user.role ?? null,
    active: user.active !== false,
    teams: team === undefined ? [] : [team],
  };
}
