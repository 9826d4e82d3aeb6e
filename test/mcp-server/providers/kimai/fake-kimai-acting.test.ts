// The fake Kimai acting for others (fake-kimai-acting.ts, docs/back-ends/kimai.md "Acting for others"), with plain HTTP and
// no Punchcard code: an account with the *_other_timesheet permissions and view_user reads, books, changes and deletes for
// another person; without them Kimai ignores `?user=` silently, refuses `user` in a body as an extra field and answers 403
// on another's record; /active, /recent and /restart act for the caller whoever is named; lockdown and team access are
// the caller's; people are listed with their e-mail, state, roles and teams, and anyone may change their own e-mail.
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_USERS, type FakeKimai, type FakeKimaiOptions, type FakeUser, seedCatalog, startFakeKimai } from './fake-kimai.ts';

const [ADA, TOM, ROOT] = DEFAULT_USERS as [FakeUser, FakeUser, FakeUser];
const MIA: FakeUser = { id: 4, username: 'mia', alias: 'Mia', timezone: 'America/New_York', role: 'ROLE_USER', token: 'token-mia-0123456789' };
const DAN: FakeUser = { id: 5, username: 'dan', alias: 'Dan', timezone: 'UTC', role: 'ROLE_USER', token: 'token-dan-0123456789', enabled: false };
const ADMIN: FakeUser = { id: 6, username: 'boss', alias: 'Boss', timezone: 'UTC', role: 'ROLE_ADMIN', token: 'token-boss-0123456789' };
const JULY_1 = Date.parse('2026-07-01T07:00:00Z');

let fake: FakeKimai | undefined;
afterEach(async () => fake?.close());

async function start(options: FakeKimaiOptions = {}) {
  fake = await startFakeKimai({ users: [...DEFAULT_USERS, MIA, DAN, ADMIN], now: () => JULY_1 + 3 * 3_600_000, ...options });
  return { server: fake, ...seedCatalog(fake) };
}

async function call(who: FakeUser, method: string, path: string, body?: unknown) {
  const response = await fetch(`${fake?.url}${path}`, {
    method,
    headers: { Authorization: `Bearer ${who.token}`, 'Content-Type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, json: text ? (JSON.parse(text) as unknown) : undefined };
}
const owners = (answer: { json: unknown }) => (answer.json as Array<{ user: number }>).map((sheet) => sheet.user);
const EXTRA_FIELDS = { code: 400, message: 'Validation Failed', errors: { errors: ['This form should not contain extra fields.'] } };

describe('the fake Kimai acting for others', () => {
  it('lets an account with the *_other_timesheet permissions read, book, change and delete for another person', async () => {
    const { server, website, design } = await start();
    server.addTimesheet({ userId: ADA.id, begin: JULY_1, end: JULY_1 + 3_600_000, projectId: website.id, activityId: design.id });
    server.addTimesheet({ userId: MIA.id, begin: JULY_1, end: JULY_1 + 3_600_000, projectId: website.id, activityId: design.id });
    expect(owners(await call(ROOT, 'GET', `/api/timesheets?user=${ADA.id}`))).toEqual([ADA.id]);
    expect(owners(await call(ROOT, 'GET', '/api/timesheets?user=all')).sort()).toEqual([ADA.id, MIA.id]);

    // Booked for Mia: hers, its body times read in the caller's zone (UTC), kept in hers (New York, -0400 in July).
    const booked = await call(ROOT, 'POST', '/api/timesheets', {
      project: website.id,
      activity: design.id,
      begin: '2026-07-02T13:00:00',
      end: '2026-07-02T14:00:00',
      user: MIA.id,
    });
    expect(booked).toMatchObject({ status: 200, json: { user: MIA.id, begin: '2026-07-02T09:00:00-0400', end: '2026-07-02T10:00:00-0400' } });
    const id = (booked.json as { id: number }).id;
    expect(await call(ROOT, 'PATCH', `/api/timesheets/${id}`, { description: 'fixed' })).toMatchObject({
      status: 200,
      json: { user: MIA.id, description: 'fixed' },
    });
    expect((await call(ROOT, 'DELETE', `/api/timesheets/${id}`)).status).toBe(204);
    expect(server.state.timesheets.some((sheet) => sheet.id === id)).toBe(false);
  });

  it("starts a timer for another person and stops that person's running one, not the caller's", async () => {
    const { server, website, design } = await start();
    const mine = server.addTimesheet({ userId: ROOT.id, begin: JULY_1, end: null, projectId: website.id, activityId: design.id });
    const hers = server.addTimesheet({ userId: ADA.id, begin: JULY_1, end: null, projectId: website.id, activityId: design.id });
    const started = await call(ROOT, 'POST', '/api/timesheets', { project: website.id, activity: design.id, user: ADA.id });
    expect(started).toMatchObject({ status: 200, json: { user: ADA.id, end: null } });
    expect(hers.end).not.toBeNull();
    expect(mine.end).toBeNull();
    expect(await call(ROOT, 'PATCH', `/api/timesheets/${(started.json as { id: number }).id}/stop`)).toMatchObject({ status: 200, json: { user: ADA.id } });
  });

  it("ignores `?user=` silently without view_other_timesheet: the caller's own records come back, `all` included", async () => {
    const { server, website, design } = await start({ config: { revoked: { ROLE_SUPER_ADMIN: ['view_other_timesheet'] } } });
    server.addTimesheet({ userId: ADA.id, begin: JULY_1, end: JULY_1 + 3_600_000, projectId: website.id, activityId: design.id });
    server.addTimesheet({ userId: ROOT.id, begin: JULY_1, end: JULY_1 + 3_600_000, projectId: website.id, activityId: design.id });
    const asked = await call(ROOT, 'GET', `/api/timesheets?user=${ADA.id}`);
    expect(asked.status).toBe(200);
    expect(owners(asked)).toEqual([ROOT.id]);
    expect(owners(await call(ROOT, 'GET', '/api/timesheets?user=all'))).toEqual([ROOT.id]);
    // A plain user is the same: Ada asking for Mia's gets her own.
    expect(owners(await call(ADA, 'GET', `/api/timesheets?user=${MIA.id}`))).toEqual([ADA.id]);
    // Another's record by id is then a 403.
    const adas = server.state.timesheets.find((sheet) => sheet.userId === ADA.id);
    expect(await call(ROOT, 'GET', `/api/timesheets/${adas?.id}`)).toMatchObject({ status: 403, json: { code: 403, message: 'Forbidden' } });
  });

  it('refuses `user` in a body as an extra field without create_other_timesheet, and an unknown or disabled person as an invalid choice', async () => {
    const { server, website, design } = await start({ config: { revoked: { ROLE_SUPER_ADMIN: ['create_other_timesheet'] } } });
    const body = { project: website.id, activity: design.id, begin: '2026-07-02T09:00:00', end: '2026-07-02T10:00:00' };
    expect(await call(ROOT, 'POST', '/api/timesheets', { ...body, user: ADA.id })).toMatchObject({ status: 400, json: EXTRA_FIELDS });
    expect(await call(ADA, 'POST', '/api/timesheets', { ...body, user: MIA.id })).toMatchObject({ status: 400, json: EXTRA_FIELDS });
    expect(server.state.timesheets).toEqual([]);

    for (const user of [DAN.id, 999]) {
      const refused = await call(ADMIN, 'POST', '/api/timesheets', { ...body, user });
      expect(refused).toMatchObject({
        status: 400,
        json: { code: 400, message: 'Validation Failed', errors: { children: { user: { errors: ['The selected choice is invalid.'] } } } },
      });
    }
    // A team lead books for the members of the teams they lead, nobody else.
    server.addTeam('Web', [{ userId: TOM.id, teamlead: true }, { userId: ADA.id }]);
    expect(await call(TOM, 'POST', '/api/timesheets', { ...body, user: ADA.id })).toMatchObject({ status: 200, json: { user: ADA.id } });
    expect((await call(TOM, 'POST', '/api/timesheets', { ...body, user: MIA.id })).status).toBe(400);
  });

  it("answers 403 on another's record without edit_other_timesheet or delete_other_timesheet, changing nothing", async () => {
    const { server, website, design } = await start({ config: { revoked: { ROLE_SUPER_ADMIN: ['edit_other_timesheet', 'delete_other_timesheet'] } } });
    const sheet = server.addTimesheet({ userId: ADA.id, begin: JULY_1, end: null, projectId: website.id, activityId: design.id, description: 'hers' });
    const forbidden = { status: 403, json: { code: 403, message: 'Forbidden' } };
    expect(await call(ROOT, 'PATCH', `/api/timesheets/${sheet.id}`, { description: 'taken' })).toMatchObject(forbidden);
    expect(await call(ROOT, 'PATCH', `/api/timesheets/${sheet.id}/stop`)).toMatchObject(forbidden);
    expect(await call(ROOT, 'DELETE', `/api/timesheets/${sheet.id}`)).toMatchObject(forbidden);
    expect(server.state.timesheets).toEqual([expect.objectContaining({ id: sheet.id, description: 'hers', end: null })]);
    // The `user` field on a change needs edit_other_timesheet too.
    const own = server.addTimesheet({ userId: ROOT.id, begin: JULY_1, end: JULY_1 + 60_000, projectId: website.id, activityId: design.id });
    expect(await call(ROOT, 'PATCH', `/api/timesheets/${own.id}`, { user: ADA.id })).toMatchObject({ status: 400, json: EXTRA_FIELDS });
  });

  it('acts for the caller on /active, /recent and /restart whoever is named', async () => {
    const { server, website, design } = await start();
    const hers = server.addTimesheet({ userId: ADA.id, begin: JULY_1, end: null, projectId: website.id, activityId: design.id, description: 'Ada' });
    expect(await call(ROOT, 'GET', `/api/timesheets/active?user=${ADA.id}`)).toMatchObject({ status: 200, json: [] });
    expect(await call(ROOT, 'GET', `/api/timesheets/recent?user=${ADA.id}`)).toMatchObject({ status: 200, json: [] });
    expect(await call(ADA, 'GET', '/api/timesheets/active')).toMatchObject({ status: 200, json: [{ id: hers.id }] });
    const restarted = await call(ROOT, 'PATCH', `/api/timesheets/${hers.id}/restart`, { copy: 'all' });
    expect(restarted).toMatchObject({ status: 200, json: { user: ROOT.id, description: 'Ada', end: null } });
    expect(hers.end).toBeNull();
    expect(await call(ROOT, 'PATCH', `/api/timesheets/${hers.id}/restart`, { user: ADA.id })).toMatchObject({ status: 400, json: EXTRA_FIELDS });
  });

  it('judges the lockdown and team access against the caller: an administrator books a person where the person could not', async () => {
    const { server, website, design, meeting } = await start({
      config: { lockdown: { start: Date.parse('2026-06-01T00:00:00Z'), end: Date.parse('2026-06-30T23:59:59Z') } },
    });
    const secret = server.addProject('Secret', server.state.customers[0]?.id ?? 0);
    server.addTeam('Inner', [{ userId: TOM.id, teamlead: true }]).projects = [secret.id];
    const locked = { project: website.id, activity: design.id, begin: '2026-06-10T09:00:00', end: '2026-06-10T10:00:00' };
    const lockedAnswer = { status: 400, json: { errors: { children: { begin: { errors: ['This period is locked, please choose a later date.'] } } } } };
    expect(await call(ADA, 'POST', '/api/timesheets', locked)).toMatchObject(lockedAnswer);
    expect(await call(ROOT, 'POST', '/api/timesheets', { ...locked, user: ADA.id })).toMatchObject({ status: 200, json: { user: ADA.id } });

    const onSecret = { project: secret.id, activity: meeting.id, begin: '2026-07-01T09:00:00', end: '2026-07-01T10:00:00' };
    expect(await call(ADA, 'POST', '/api/timesheets', onSecret)).toMatchObject({
      status: 400,
      json: { errors: { children: { project: { errors: ['The selected choice is invalid.'] } } } },
    });
    expect(await call(ROOT, 'POST', '/api/timesheets', { ...onSecret, user: ADA.id })).toMatchObject({
      status: 200,
      json: { user: ADA.id, project: secret.id },
    });
    const names = async (who: FakeUser) => ((await call(who, 'GET', '/api/projects')).json as Array<{ name: string }>).map((project) => project.name);
    expect(await names(ADA)).toEqual(['Website']);
    expect(await names(TOM)).toEqual(['Secret', 'Website']);
    expect(await names(ROOT)).toEqual(['Secret', 'Website']);

    // A record in the lockdown: a team lead may not change or delete a member's, an administrator may.
    server.addTeam('Web', [{ userId: TOM.id, teamlead: true }, { userId: ADA.id }]);
    const june = server.addTimesheet({
      userId: ADA.id,
      begin: Date.parse('2026-06-10T07:00:00Z'),
      end: Date.parse('2026-06-10T08:00:00Z'),
      projectId: website.id,
      activityId: design.id,
    });
    expect((await call(TOM, 'PATCH', `/api/timesheets/${june.id}`, { description: 'x' })).status).toBe(403);
    expect((await call(TOM, 'DELETE', `/api/timesheets/${june.id}`)).status).toBe(403);
    expect((await call(ROOT, 'DELETE', `/api/timesheets/${june.id}`)).status).toBe(204);
  });
});

describe("the fake Kimai's people for an organisation account", () => {
  it('lists people with view_user: e-mail, enabled flag, roles, teams and which they lead; disabled ones with visible=3', async () => {
    const { server } = await start();
    server.addTeam('Web', [{ userId: TOM.id, teamlead: true }, { userId: ADA.id }]);
    const listed = await call(ROOT, 'GET', '/api/users?visible=3&full=true');
    expect(listed.status).toBe(200);
    const people = listed.json as Array<{ id: number; email: string; enabled: boolean; roles: string[]; memberships: Array<{ teamlead: boolean }> }>;
    expect(people.find((person) => person.id === TOM.id)).toMatchObject({
      email: 'tom@example.com',
      enabled: true,
      roles: ['ROLE_TEAMLEAD'],
      teams: [{ name: 'Web' }],
      memberships: [{ team: { name: 'Web' }, teamlead: true }],
    });
    expect(people.find((person) => person.id === ADA.id)).toMatchObject({ roles: [], memberships: [{ teamlead: false }] });
    expect(people.find((person) => person.id === DAN.id)).toMatchObject({ enabled: false });
    const enabledOnly = (await call(ROOT, 'GET', '/api/users?full=true')).json as Array<{ id: number }>;
    expect(enabledOnly.map((person) => person.id)).not.toContain(DAN.id);
  });

  it('refuses the list without view_user (an administrator as Kimai ships it) and grants it where a test says so', async () => {
    await start();
    expect(await call(ADMIN, 'GET', '/api/users')).toMatchObject({ status: 403, json: { code: 403, message: 'Forbidden' } });
    expect((await call(ADA, 'GET', '/api/users')).status).toBe(403);
    await fake?.close();
    await start({ config: { granted: { ROLE_ADMIN: ['view_user'] } } });
    expect((await call(ADMIN, 'GET', '/api/users')).status).toBe(200);
  });

  it("lets a person change their own e-mail to an address nobody in Kimai has, as a colleague claiming another's would", async () => {
    const { server } = await start();
    const claimed = await call(MIA, 'PATCH', `/api/users/${MIA.id}`, { email: 'Grace.Hopper@Example.com' });
    expect(claimed).toMatchObject({ status: 200, json: { id: MIA.id, email: 'Grace.Hopper@Example.com' } });
    const people = (await call(ROOT, 'GET', '/api/users?full=true')).json as Array<{ id: number; email: string }>;
    expect(people.filter((person) => person.email.toLowerCase() === 'grace.hopper@example.com').map((person) => person.id)).toEqual([MIA.id]);
    // An address in use is refused whatever its case; another's account is a 403.
    expect(await call(MIA, 'PATCH', `/api/users/${MIA.id}`, { email: 'ADA@example.com' })).toMatchObject({
      status: 400,
      json: { errors: { children: { email: { errors: ['The email is already used.'] } } } },
    });
    expect((await call(MIA, 'PATCH', `/api/users/${ADA.id}`, { email: 'mia@example.com' })).status).toBe(403);
    expect(server.state.users.find((user) => user.id === ADA.id)?.email).toBeUndefined();
  });
});
