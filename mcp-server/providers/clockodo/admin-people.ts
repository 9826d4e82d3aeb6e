// Clockodo's co-workers as the company's owner administers them (docs/back-ends/clockodo.md,
// "Administration"): listed and read through `/v3/users`, created directly with `POST /v3/users`
// (Clockodo has no invitation step), changed, deactivated and reactivated with `PUT /v3/users/{id}`
// (its `active` flag). Only the owner is offered this (capabilities.ts, from the role Clockodo names);
// Clockodo's own 403 withdraws it at once (context.ts, refuseAdministration) and is said in words.
import type { AdminPerson, NewPerson, PeoplePage, PersonChanges } from '../../domain/admin-people.ts';
import { allPages } from '../remote/paging.ts';
import { noPeoplePage, onePerson, personNumber } from '../person-lookup.ts';
import { BackEndPart } from '../remote-tracker.ts';
import type { AdminPeoplePart } from '../time-tracker.ts';
import { USER_PAGE } from './api.ts';
import type { ClockodoContext } from './context.ts';
import type { ClockodoTeam, ClockodoUser } from './wire.ts';

/** Clockodo's roles, as its users carry them. */
const CLOCKODO_ROLES = ['owner', 'manager', 'worker'] as const;

/** People per page of the tool's list: Clockodo pages `/v3/users` itself, at this size. */
export const PEOPLE_PAGE_SIZE = 50;

/** The words of a refusal: administering co-workers is the owner's (docs/back-ends/clockodo.md, "Administration"). */
function ownerRefusal(action: string, tool: 'manage_people' | 'manage_teams'): string {
  return (
    `Clockodo did not let you ${action} (403 Forbidden): administering co-workers and their teams is the company owner's right, ` +
    `which your account does not hold. Nothing was changed; ${tool} is switched off.`
  );
}

/** A Clockodo request of the administration; its 403 withdraws the tool at once and is said with the missing right. */
export function asOwner<T>(context: ClockodoContext, kind: 'people' | 'teams', action: string, request: () => Promise<T>): Promise<T> {
  return context.administering(kind, ownerRefusal(action, kind === 'people' ? 'manage_people' : 'manage_teams'), request);
}

export class ClockodoPeople extends BackEndPart<ClockodoContext> implements AdminPeoplePart {
  readonly roleWords = CLOCKODO_ROLES;
  readonly managesRefusal =
    "Clockodo's roles name nobody they manage: a team's leader and a person's boss are kept apart from the role (manage_teams shows who leads a team). Leave out manages. Nothing was sent.";
  readonly inviteNote = 'Clockodo made the user directly, active at once: there is no invitation for them to accept.';

  async people(includeInactive: boolean, page: number): Promise<PeoplePage> {
    const query = includeInactive ? {} : { 'filter[active]': true };
    const [found, teams] = await Promise.all([
      this.#owner('list the co-workers', () => this.context.api.userListPage(query, page, PEOPLE_PAGE_SIZE, 'list the co-workers')),
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
      const action = `read co-worker #${id}`;
      const [user, teams] = await Promise.all([this.#owner(action, () => this.context.api.user(id, action)), this.#teamNames()]);
      return adminPerson(user, teams);
    }
    const [users, teams] = await Promise.all([this.#everyone(), this.#teamNames()]);
    const everyone = users.map((user) => adminPerson(user, teams));
    return onePerson(everyone, reference, (person) => person, { where: 'in Clockodo', listShows: 'everyone' });
  }

  peopleWriteRefusal(): string | null {
    return null;
  }

  selfId(): Promise<number> {
    return this.context.userId();
  }

  async invite(person: NewPerson): Promise<AdminPerson> {
    const body = { name: person.name, email: person.email, ...(person.role === undefined ? {} : { role: person.role }) };
    const action = `add the co-worker ${person.email}`;
    const [made, teams] = await Promise.all([this.#owner(action, () => this.context.api.createUser(body, action)), this.#teamNames()]);
    return adminPerson(made, teams);
  }

  async update(person: AdminPerson, changes: PersonChanges): Promise<AdminPerson> {
    return this.#change(person, { ...changes }, `change the co-worker ${person.name}`);
  }

  async setActive(person: AdminPerson, active: boolean): Promise<AdminPerson> {
    return this.#change(person, { active }, `${active ? 'reactivate' : 'deactivate'} the co-worker ${person.name}`);
  }

  async #change(person: AdminPerson, body: Record<string, unknown>, action: string): Promise<AdminPerson> {
    const [changed, teams] = await Promise.all([this.#owner(action, () => this.context.api.updateUser(person.id, body, action)), this.#teamNames()]);
    return adminPerson(changed, teams);
  }

  /** Every co-worker, the inactive too, a page of Clockodo's largest size at a time (each counted against the call's budget). */
  #everyone(): Promise<ClockodoUser[]> {
    const { api } = this.context;
    return this.#owner('list the co-workers', () => allPages(api.pager, (page) => api.userListPage({}, page, USER_PAGE, 'list the co-workers')));
  }

  /** The teams' names by id, for the people's `teams`. */
  async #teamNames(): Promise<Map<number, string>> {
    const { api } = this.context;
    const teams: ClockodoTeam[] = await allPages(api.pager, (page) => api.teamsPage(page));
    return new Map(teams.map((team) => [team.id, team.name]));
  }

  #owner<T>(action: string, request: () => Promise<T>): Promise<T> {
    return asOwner(this.context, 'people', action, request);
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
