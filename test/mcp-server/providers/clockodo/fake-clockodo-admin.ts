// The fake Clockodo's administration of co-workers (docs/back-ends/clockodo.md, "Administration"):
// `POST /v3/users` creates a user directly (there is no invitation step) and `PUT /v3/users/{id}`
// changes the fields sent (name, email, role, active, and the person's one team, `teams_id`). Only the
// company's owner may do either: anyone else gets the 403 of the first error shape, an unknown id the
// 404. Teams themselves are only listed (fake-clockodo.ts): Clockodo's API, as the project knows it,
// has no request that makes, renames or deletes a team, so any other method there is a 405.
// Registered by fake-clockodo.ts, which hands in its state and helpers.
import { HttpAnswer } from '../../../support/fake-server.ts';
import type { FakeClockodo, FakeUser, Role } from './fake-clockodo.ts';

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
}
