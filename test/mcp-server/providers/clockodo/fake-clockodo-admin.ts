// The fake Clockodo's administration of co-workers and teams (docs/back-ends/clockodo.md,
// "Administration"): `POST /v3/users` creates a user directly (there is no invitation step) and
// `PUT /v3/users/{id}` changes the fields sent (name, email, role, active, and the person's one team,
// `teams_id`); `POST /v3/teams` makes a team (`name`, `leader`), `PUT /v3/teams/{id}` changes the fields
// sent and `DELETE /v3/teams/{id}` deletes it, its members then in no team. Only the company's owner may
// do any of it: anyone else gets the 403 of the first error shape, an unknown id the 404 first. Teams
// are listed by fake-clockodo.ts. Registered by fake-clockodo.ts, which hands in its state and helpers.
import { HttpAnswer } from '../../../support/fake-server.ts';
import type { FakeClockodo, FakeTeam, FakeUser, Role } from './fake-clockodo.ts';

/** What the fake hands in: its routes, state, the user's JSON, ids, and its error answers. */
export interface AdminRouteKit {
  route(
    method: string,
    pattern: RegExp,
    handler: (caller: FakeUser, query: URLSearchParams, body: Record<string, unknown>, params: string[]) => HttpAnswer,
  ): void;
  state: FakeClockodo['state'];
  newId(): number;
  ok(body: unknown): HttpAnswer;
  userJson(user: FakeUser): unknown;
  fields(body: Record<string, unknown>): {
    bad: string[];
    has(name: string): boolean;
    text(name: string): string | null | undefined;
    bool(name: string): boolean | undefined;
    nullableId(name: string): number | null | undefined;
  };
  forbidden(message: string): HttpAnswer;
  notFound(what: string): HttpAnswer;
  badRequest(message: string, fields?: string[]): HttpAnswer;
  unprocessable(errors: Array<{ type: string; message: string; path?: string }>): HttpAnswer;
}

const ROLES: readonly Role[] = ['owner', 'manager', 'worker'];
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function registerAdminRoutes(kit: AdminRouteKit): void {
  const { route, state } = kit;
  const isOwner = (user: FakeUser) => user.role === 'owner';
  const emailTaken = (email: string, except?: number) => state.users.some((user) => user.id !== except && user.email.toLowerCase() === email.toLowerCase());

  /** The fields of a user a request may set; a malformed one is a 400 naming it, a value Clockodo would not keep a 422. */
  function read(body: Record<string, unknown>, except?: number): Partial<Pick<FakeUser, 'name' | 'email' | 'role' | 'active' | 'teamsId'>> | HttpAnswer {
    const input = kit.fields(body);
    const name = input.text('name');
    const email = input.text('email');
    const role = input.text('role');
    const active = input.bool('active');
    const teamsId = input.nullableId('teams_id');
    if (name === null || (typeof name === 'string' && name.trim() === '')) input.bad.push('name');
    if (role !== undefined && (role === null || !ROLES.includes(role as Role))) input.bad.push('role');
    if (input.bad.length > 0) return kit.badRequest('Invalid parameters.', input.bad);
    if (email !== undefined && (email === null || !EMAIL.test(email))) {
      return kit.unprocessable([{ type: 'InvalidEmail', message: 'The e-mail address is not valid.', path: 'email' }]);
    }
    // Assumption: an e-mail is the login, so two users may not share one (in any case).
    if (typeof email === 'string' && emailTaken(email, except)) {
      return kit.unprocessable([{ type: 'EmailAlreadyInUse', message: 'This e-mail address is already in use.', path: 'email' }]);
    }
    if (typeof teamsId === 'number' && !state.teams.some((team) => team.id === teamsId)) {
      return kit.unprocessable([{ type: 'TeamNotFound', message: 'The team does not exist.', path: 'teams_id' }]);
    }
    return {
      ...(typeof name === 'string' ? { name: name.trim() } : {}),
      ...(typeof email === 'string' ? { email } : {}),
      ...(role === undefined || role === null ? {} : { role: role as Role }),
      ...(active === undefined ? {} : { active }),
      ...(teamsId === undefined ? {} : { teamsId }),
    };
  }

  route('POST', /^\/api\/v3\/users$/, (caller, _query, body) => {
    if (!isOwner(caller)) return kit.forbidden('Only the owner may add co-workers.');
    const input = kit.fields(body);
    const missing = ['name', 'email'].filter((field) => !input.has(field));
    if (missing.length > 0) return kit.badRequest(`${missing.join(' and ')} ${missing.length === 1 ? 'is' : 'are'} required.`, missing);
    const values = read(body);
    if (values instanceof HttpAnswer) return values;
    const user: FakeUser = {
      id: kit.newId(),
      name: values.name as string,
      email: values.email as string,
      apiKey: `key-${Math.random().toString(36).slice(2)}-new`,
      // Assumption: a user made without a role is a worker, active, in the company's zone, in no team.
      role: values.role ?? 'worker',
      timezone: state.company.timezoneDefault,
      active: values.active ?? true,
      canAddCustomers: false,
      canSeeAbsences: false,
      canManageAbsences: false,
      teamsId: values.teamsId ?? null,
      nonbusinessGroupId: null,
    };
    state.users.push(user);
    return kit.ok({ data: kit.userJson(user) });
  });

  route('PUT', /^\/api\/v3\/users\/(\d+)$/, (caller, _query, body, [id]) => {
    const user = state.users.find((one) => one.id === Number(id));
    if (!user) return kit.notFound('user');
    if (!isOwner(caller)) return kit.forbidden('Only the owner may change co-workers.');
    const fields = read(body, user.id);
    if (fields instanceof HttpAnswer) return fields;
    Object.assign(user, fields);
    return kit.ok({ data: kit.userJson(user) });
  });

  /** A team as `GET /v3/teams` lists it, and every team write answers it (`{data}`, as v3 answers one item). */
  const teamJson = (team: FakeTeam) => ({ id: team.id, name: team.name, leader: team.leader });

  /** The fields of a team a request may set: a malformed one is a 400 naming it, a leader who is nobody a 422. */
  function readTeam(body: Record<string, unknown>): Partial<Pick<FakeTeam, 'name' | 'leader'>> | HttpAnswer {
    const input = kit.fields(body);
    const name = input.text('name');
    const leader = input.nullableId('leader');
    if (name === null || (typeof name === 'string' && name.trim() === '')) input.bad.push('name');
    if (input.bad.length > 0) return kit.badRequest('Invalid parameters.', input.bad);
    if (typeof leader === 'number' && !state.users.some((user) => user.id === leader)) {
      return kit.unprocessable([{ type: 'UserNotFound', message: 'The team leader does not exist.', path: 'leader' }]);
    }
    return { ...(typeof name === 'string' ? { name: name.trim() } : {}), ...(leader === undefined ? {} : { leader }) };
  }
  const teamById = (id: string | undefined) => state.teams.find((team) => team.id === Number(id));

  // Assumption: a team's name need not be unique (the sources state no rule); Punchcard checks it itself.
  route('POST', /^\/api\/v3\/teams$/, (caller, _query, body) => {
    if (!isOwner(caller)) return kit.forbidden('Only the owner may add teams.');
    if (!kit.fields(body).has('name')) return kit.badRequest('name is required.', ['name']);
    const values = readTeam(body);
    if (values instanceof HttpAnswer) return values;
    const team: FakeTeam = { id: kit.newId(), name: values.name as string, leader: values.leader ?? null };
    state.teams.push(team);
    return kit.ok({ data: teamJson(team) });
  });

  route('PUT', /^\/api\/v3\/teams\/(\d+)$/, (caller, _query, body, [id]) => {
    const team = teamById(id);
    if (!team) return kit.notFound('team');
    if (!isOwner(caller)) return kit.forbidden('Only the owner may change teams.');
    const values = readTeam(body);
    if (values instanceof HttpAnswer) return values;
    Object.assign(team, values);
    return kit.ok({ data: teamJson(team) });
  });

  // Assumption: a deleted team's members are left in no team (a person's `teams_id` never names a team that is gone).
  route('DELETE', /^\/api\/v3\/teams\/(\d+)$/, (caller, _query, _body, [id]) => {
    const team = teamById(id);
    if (!team) return kit.notFound('team');
    if (!isOwner(caller)) return kit.forbidden('Only the owner may delete teams.');
    state.teams.splice(state.teams.indexOf(team), 1);
    for (const user of state.users) if (user.teamsId === team.id) user.teamsId = null;
    return kit.ok({ success: true });
  });
}
