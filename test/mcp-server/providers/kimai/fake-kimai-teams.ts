// The fake Kimai's team administration and its list of accounts (docs/back-ends/kimai.md,
// "Administration"), registered by fake-kimai.ts: create_team, edit_team and delete_team for
// administrators and super administrators alone (403 for a team lead or a worker, after a 404 for an
// unknown id: Kimai looks the records up first), a team's form (name 2 to 100 characters and unique,
// at least one member, at least one lead, no other field), `PATCH members` replacing the whole list,
// the bare 400s for a member added twice, a non-member or a lead removed and an item granted twice or
// revoked when not granted. The people (`GET /api/users`) are fake-kimai-people.ts's.
import { HttpAnswer } from '../../../support/fake-server.ts';
import type { FakeKimai, FakeKimaiConfig, FakeTeam, FakeUser } from './fake-kimai.ts';

type Handler = (user: FakeUser, query: URLSearchParams, body: Record<string, unknown>, params: string[]) => HttpAnswer;

interface TeamWriteDeps {
  route: (method: string, pattern: RegExp, handler: Handler) => void;
  state: FakeKimai['state'];
  config: FakeKimaiConfig;
  newId: () => number;
  teamJson: (team: FakeTeam) => unknown;
  answers: {
    notFound: () => HttpAnswer;
    forbidden: () => HttpAnswer;
    badRequest: () => HttpAnswer;
    formError: (children: Record<string, string[]>, global?: string[]) => HttpAnswer;
    extraFields: (fields: string[]) => HttpAnswer;
  };
}

const ADMINS = new Set(['ROLE_ADMIN', 'ROLE_SUPER_ADMIN']);
const TEAM_FIELDS = ['name', 'color', 'members'];
const ACCESS_KINDS = { customers: 'customers', projects: 'projects', activities: 'activities' } as const;

export function registerTeamWrites({ route, state, config, newId, teamJson, answers }: TeamWriteDeps): void {
  const { notFound, forbidden, badRequest, formError, extraFields } = answers;
  /** create_team, edit_team, delete_team: administrators as Kimai ships; a test may take edit_team away. */
  const mayChange = (user: FakeUser, permission: 'create_team' | 'edit_team' | 'delete_team') =>
    ADMINS.has(user.role) && !(permission === 'edit_team' && (config.revoked[user.role] ?? []).includes('edit_team'));
  const team = (id: string | undefined) => state.teams.find((item) => item.id === Number(id));
  const userExists = (id: number) => state.users.some((user) => user.id === id);

  /** Validates a team form; the members read, or the form error. `creating` requires what a PATCH may leave out. */
  function readForm(body: Record<string, unknown>, current: FakeTeam | undefined): { name: string; members: FakeTeam['members'] } | HttpAnswer {
    if (Object.keys(body).some((key) => !TEAM_FIELDS.includes(key))) return extraFields(TEAM_FIELDS);
    const children: Record<string, string[]> = { name: [], color: [], members: [] };
    const name = 'name' in body ? body.name : current?.name;
    if (typeof name !== 'string' || name.trim() === '') children.name?.push('This value should not be blank.');
    else if (name.length < 2 || name.length > 100) children.name?.push('This value is too short or too long.');
    else if (state.teams.some((other) => other !== current && other.name === name)) children.name?.push('This value is already used.');
    let members = current?.members ?? [];
    if ('members' in body) {
      if (!Array.isArray(body.members)) return badRequest();
      members = [];
      for (const entry of body.members as unknown[]) {
        const { user, teamlead } = (entry ?? {}) as { user?: unknown; teamlead?: unknown };
        if (typeof user !== 'number' || !userExists(user)) {
          children.members?.push('The selected choice is invalid.');
          continue;
        }
        // Kimai keeps a user once, with the flag sent first.
        if (!members.some((member) => member.userId === user)) members.push({ userId: user, teamlead: teamlead === true });
      }
    }
    if (members.length === 0) children.members?.push('This collection should contain 1 element or more.');
    else if (!members.some((member) => member.teamlead)) children.members?.push('At least one team leader must be assigned to the team.');
    if (Object.values(children).some((errors) => errors.length > 0)) return formError(children);
    return { name: name as string, members };
  }

  route('POST', /^\/api\/teams$/, (user, _query, body) => {
    if (!mayChange(user, 'create_team')) return forbidden();
    const form = readForm(body, undefined);
    if (form instanceof HttpAnswer) return form;
    const created: FakeTeam = { id: newId(), name: form.name, members: form.members };
    state.teams.push(created);
    return new HttpAnswer(200, teamJson(created));
  });

  route('PATCH', /^\/api\/teams\/(\d+)$/, (user, _query, body, [id]) => {
    const found = team(id);
    if (!found) return notFound();
    if (!mayChange(user, 'edit_team')) return forbidden();
    const form = readForm(body, found);
    if (form instanceof HttpAnswer) return form;
    found.name = form.name;
    found.members = form.members;
    return new HttpAnswer(200, teamJson(found));
  });

  route('DELETE', /^\/api\/teams\/(\d+)$/, (user, _query, _body, [id]) => {
    const found = team(id);
    if (!found) return notFound();
    if (!mayChange(user, 'delete_team')) return forbidden();
    state.teams.splice(state.teams.indexOf(found), 1);
    return new HttpAnswer(204, undefined);
  });

  route('POST', /^\/api\/teams\/(\d+)\/members\/(\d+)$/, (user, _query, _body, [id, userId]) => {
    const found = team(id);
    if (!found || !userExists(Number(userId))) return notFound();
    if (!mayChange(user, 'edit_team')) return forbidden();
    if (found.members.some((member) => member.userId === Number(userId))) return badRequest();
    found.members.push({ userId: Number(userId), teamlead: false });
    return new HttpAnswer(200, teamJson(found));
  });

  route('DELETE', /^\/api\/teams\/(\d+)\/members\/(\d+)$/, (user, _query, _body, [id, userId]) => {
    const found = team(id);
    if (!found || !userExists(Number(userId))) return notFound();
    if (!mayChange(user, 'edit_team')) return forbidden();
    const member = found.members.find((item) => item.userId === Number(userId));
    if (!member || member.teamlead) return badRequest();
    found.members.splice(found.members.indexOf(member), 1);
    return new HttpAnswer(200, teamJson(found));
  });

  for (const kind of Object.values(ACCESS_KINDS)) {
    const exists = (itemId: number) => (state[kind] as Array<{ id: number }>).some((item) => item.id === itemId);
    route('POST', new RegExp(`^/api/teams/(\\d+)/${kind}/(\\d+)$`), (user, _query, _body, [id, itemId]) => {
      const found = team(id);
      if (!found || !exists(Number(itemId))) return notFound();
      if (!mayChange(user, 'edit_team')) return forbidden();
      const granted = (found[kind] ??= []);
      if (granted.includes(Number(itemId))) return badRequest();
      granted.push(Number(itemId));
      return new HttpAnswer(200, teamJson(found));
    });
    route('DELETE', new RegExp(`^/api/teams/(\\d+)/${kind}/(\\d+)$`), (user, _query, _body, [id, itemId]) => {
      const found = team(id);
      if (!found || !exists(Number(itemId))) return notFound();
      if (!mayChange(user, 'edit_team')) return forbidden();
      const granted = found[kind] ?? [];
      if (!granted.includes(Number(itemId))) return badRequest();
      found[kind] = granted.filter((item) => item !== Number(itemId));
      return new HttpAnswer(200, teamJson(found));
    });
  }
}
