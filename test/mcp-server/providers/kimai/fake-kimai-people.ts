// The fake Kimai's people (docs/back-ends/kimai.md, "Administration"): `GET /api/users` (view_user:
// super administrators alone; `visible` 1 enabled, 2 disabled, 3 all; `full=true` adds roles, teams
// and e-mail; not paged), one account (`GET /api/users/{id}`: one's own always, another's needs
// view_other_profile), `POST /api/users` (create_user; a password of 8 characters or more required,
// unknown fields a 400, and an account made disabled unless the body says `enabled: true`) and
// `PATCH /api/users/{id}` (edit_other_profile; `roles` on one's own account is an extra field). An
// unknown id is 404 before any 403, as Kimai's routing finds the account before its voter asks.
import { HttpAnswer } from '../../../support/fake-server.ts';
import type { FakeUser, Role } from './fake-kimai.ts';

type Handler = (user: FakeUser, query: URLSearchParams, body: Record<string, unknown>, params: string[]) => HttpAnswer;

export interface PeopleRoutesHost {
  route: (method: string, pattern: RegExp, handler: Handler) => void;
  users: FakeUser[];
  /** view_user: who may list people (super administrators as Kimai ships it; fake-kimai-acting.ts for more). */
  viewUsers?: (user: FakeUser) => boolean;
  /** The teams a person belongs to, with their members (whose `teamlead` makes a membership a lead's). */
  teamsOf: (user: FakeUser) => Array<{ id: number; name: string; members: Array<{ userId: number; teamlead: boolean }> }>;
  nextId: () => number;
  formError: (children: Record<string, string[]>, global?: string[]) => HttpAnswer;
  forbidden: () => HttpAnswer;
  notFound: () => HttpAnswer;
}

const ROLES: readonly Role[] = ['ROLE_USER', 'ROLE_TEAMLEAD', 'ROLE_ADMIN', 'ROLE_SUPER_ADMIN'];
const EDITABLE = ['alias', 'title', 'accountNumber', 'color', 'email', 'language', 'locale', 'timezone', 'supervisor', 'enabled'];
const CREATABLE = [...EDITABLE, 'username', 'plainPassword', 'plainApiToken', 'roles'];
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The fake's e-mail for a person: their own, else `username@example.com` as /users/me has always shown it. */
export const emailOf = (user: FakeUser) => user.email ?? `${user.username}@example.com`;

export function registerPeopleRoutes(host: PeopleRoutesHost): void {
  const { route, users, formError, forbidden, notFound } = host;
  const superAdmin = (user: FakeUser) => user.role === 'ROLE_SUPER_ADMIN';
  const full = (user: FakeUser) => ({
    id: user.id,
    username: user.username,
    alias: user.alias,
    title: null,
    enabled: user.enabled !== false,
    email: emailOf(user),
    language: 'en',
    locale: 'en_GB',
    timezone: user.timezone,
    roles: user.role === 'ROLE_USER' ? [] : [user.role],
    teams: host.teamsOf(user).map((team) => ({ id: team.id, name: team.name, color: null, 'color-safe': '#03A9F4' })),
    // As /users/me shows them: which of the person's teams they lead.
    memberships: host.teamsOf(user).map((team) => ({
      team: { id: team.id, name: team.name, color: null, 'color-safe': '#03A9F4' },
      teamlead: team.members.some((member) => member.userId === user.id && member.teamlead),
    })),
  });
  const short = (user: FakeUser) => ({ id: user.id, username: user.username, alias: user.alias, enabled: user.enabled !== false, title: null });
  const extra = (body: Record<string, unknown>, allowed: readonly string[]) => Object.keys(body).filter((key) => !allowed.includes(key));
  /** `roles` as Kimai's choice field checks it: known role words only; the fake keeps the highest. */
  const readRoles = (value: unknown): Role | string => {
    if (!Array.isArray(value) || value.some((role) => !ROLES.includes(role as Role))) return 'The selected choice is invalid.';
    return value.reduce<Role>((best, role: Role) => (ROLES.indexOf(role) > ROLES.indexOf(best) ? role : best), 'ROLE_USER');
  };
  const emailProblem = (value: unknown, except?: FakeUser) => {
    if (typeof value !== 'string' || !EMAIL.test(value)) return 'This value is not a valid email address.';
    if (users.some((other) => other !== except && emailOf(other).toLowerCase() === value.toLowerCase())) return 'The email is already used.';
    return undefined;
  };

  const viewUsers = host.viewUsers ?? superAdmin;
  route('GET', /^\/api\/users$/, (user, query) => {
    if (!viewUsers(user)) return forbidden();
    const visible = query.get('visible') ?? '1';
    const shown = users.filter((item) => (visible === '3' ? true : visible === '2' ? item.enabled === false : item.enabled !== false));
    return new HttpAnswer(200, shown.map(query.get('full') === 'true' ? full : short));
  });
  route('GET', /^\/api\/users\/(\d+)$/, (user, _query, _body, [id]) => {
    const target = users.find((item) => item.id === Number(id));
    if (!target) return notFound();
    if (target.id !== user.id && !superAdmin(user)) return forbidden();
    return new HttpAnswer(200, full(target));
  });
  route('POST', /^\/api\/users$/, (user, _query, body) => {
    if (!superAdmin(user)) return forbidden();
    const unknown = extra(body, CREATABLE);
    if (unknown.length > 0) return formError(Object.fromEntries(unknown.map((key) => [key, []])), ['This form should not contain extra fields.']);
    const problems: Record<string, string[]> = {};
    const username = body.username;
    if (typeof username !== 'string' || username.trim().length < 2 || username.length > 180) problems.username = ['This value should not be blank.'];
    else if (users.some((other) => other.username.toLowerCase() === username.toLowerCase())) problems.username = ['The username is already used.'];
    const email = emailProblem(body.email);
    if (email) problems.email = [email];
    if (typeof body.plainPassword !== 'string' || body.plainPassword.length < 8)
      problems.plainPassword = ['This value is too short. It should have 8 characters or more.'];
    const role = body.roles === undefined ? 'ROLE_USER' : readRoles(body.roles);
    if (!ROLES.includes(role as Role)) problems.roles = [role];
    if (Object.keys(problems).length > 0) return formError(problems);
    const made: FakeUser = {
      // Users are seeded with ids of their own: a new one takes the next free one after them all.
      id: Math.max(host.nextId(), ...users.map((other) => other.id + 1)),
      username: username as string,
      alias: typeof body.alias === 'string' ? body.alias : null,
      email: body.email as string,
      timezone: typeof body.timezone === 'string' ? body.timezone : 'UTC',
      role: role as Role,
      token: `token-${String(username)}-unused`,
      // Left out (or false, which Kimai's form reads as missing), the account is made disabled.
      enabled: body.enabled === true,
    };
    users.push(made);
    return new HttpAnswer(200, full(made));
  });
  route('PATCH', /^\/api\/users\/(\d+)$/, (user, _query, body, [id]) => {
    const target = users.find((item) => item.id === Number(id));
    if (!target) return notFound();
    const own = target.id === user.id;
    if (!own && !superAdmin(user)) return forbidden();
    // `roles` is on the form only for another's account, and only for who may edit it.
    const unknown = extra(body, own ? EDITABLE : [...EDITABLE, 'roles']);
    if (unknown.length > 0) return formError(Object.fromEntries(unknown.map((key) => [key, []])), ['This form should not contain extra fields.']);
    const problems: Record<string, string[]> = {};
    if ('email' in body) {
      const email = emailProblem(body.email, target);
      if (email) problems.email = [email];
    }
    const role = 'roles' in body ? readRoles(body.roles) : target.role;
    if (!ROLES.includes(role as Role)) problems.roles = [role];
    if (Object.keys(problems).length > 0) return formError(problems);
    if (typeof body.alias === 'string') target.alias = body.alias;
    if (typeof body.email === 'string') target.email = body.email;
    if ('enabled' in body) target.enabled = body.enabled === true;
    target.role = role as Role;
    return new HttpAnswer(200, full(target));
  });
}
