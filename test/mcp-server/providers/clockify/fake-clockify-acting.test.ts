// The fake Clockify acting for others (fake-clockify-acting.ts, docs/back-ends/clockify.md "Acting for others"), with plain
// HTTP and no Punchcard code: an admin's key books for a member (createForOthers), reads their entries and running timer and
// stops it; a member acting for another is refused, a team manager only where the workspace lets them; the admin's key
// books on private projects and before the workspace's lock, which bind a member; the people list matches an e-mail by a
// part of it whatever its case, with each member's status; the projects list names public ones and a member's.
import { afterEach, describe, expect, it } from 'vitest';
import { ADA, addEntry, BOB_KEY, CLEO_KEY, type FakeClockify, MIA_KEY, SEED, seedTeam, seedWorkspace, startFakeClockify, TEAM } from './fake-clockify.ts';

// Wednesday 18 November 2026, 09:00 in Berlin.
const NOW = Date.parse('2026-11-18T08:00:00Z');
const WS = SEED.workspaces.acme;
const { ada, cleo } = SEED.users;

let fake: FakeClockify | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function start(): Promise<FakeClockify> {
  fake = await startFakeClockify({ now: () => NOW });
  seedWorkspace(fake);
  seedTeam(fake);
  return fake;
}

async function call(key: string, method: string, path: string, body?: unknown) {
  const response = await fetch(`${fake?.url}/api/v1${path}`, {
    method,
    headers: { 'Content-Type': 'application/json', 'X-Api-Key': key },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the fake's JSON, read field by field in each check
  return { status: response.status, json: (text === '' ? undefined : JSON.parse(text)) as any };
}

const entry = (extra: Record<string, unknown> = {}) => ({
  start: '2026-11-17T08:00:00Z',
  end: '2026-11-17T09:00:00Z',
  projectId: SEED.projects.website,
  ...extra,
});
const forAda = `/workspaces/${WS}/user/${ada}/time-entries`;

describe('the fake Clockify booking for others (createForOthers)', () => {
  it("lets an admin's key book for a member: 201 with the member's entry; a running one stops the member's timer", async () => {
    const server = await start();
    const booked = await call(BOB_KEY, 'POST', forAda, entry({ description: 'for Ada' }));
    expect(booked).toMatchObject({ status: 201, json: { userId: ada, workspaceId: WS, description: 'for Ada', projectId: SEED.projects.website } });
    const hers = addEntry(server, { userId: ada, start: Date.parse('2026-11-18T07:00:00Z'), end: null });
    const started = await call(BOB_KEY, 'POST', forAda, { start: '2026-11-18T07:30:00Z', projectId: SEED.projects.website });
    expect(started).toMatchObject({ status: 201, json: { userId: ada, timeInterval: { end: null } } });
    expect(hers.end).toBe(Date.parse('2026-11-18T07:30:00Z'));
    expect(server.state.entries.filter((item) => item.userId === SEED.users.bob)).toEqual([]);
  });

  it("reads a member's entries and running timer, and stops it, with an admin's key", async () => {
    const server = await start();
    addEntry(server, { userId: ada, start: Date.parse('2026-11-17T08:00:00Z'), end: Date.parse('2026-11-17T09:00:00Z') });
    addEntry(server, { userId: ada, start: Date.parse('2026-11-18T07:00:00Z'), end: null });
    expect((await call(BOB_KEY, 'GET', forAda)).json).toHaveLength(2);
    const running = await call(BOB_KEY, 'GET', `${forAda}?in-progress=true`);
    expect(running.json).toEqual([expect.objectContaining({ userId: ada, timeInterval: expect.objectContaining({ end: null }) })]);
    expect(await call(BOB_KEY, 'PATCH', forAda, { end: '2026-11-18T08:00:00Z' })).toMatchObject({ status: 200, json: { userId: ada } });
    expect(await call(BOB_KEY, 'PATCH', forAda, { end: '2026-11-18T08:00:00Z' })).toMatchObject({ status: 404, json: { code: 501 } });
  });

  it('refuses a member acting for another (403), a team manager unless the workspace lets them, an unknown user (404), and a FREE plan', async () => {
    const server = await start();
    const denied = { status: 403, json: { message: 'Access Denied', code: 403 } };
    expect(await call(CLEO_KEY, 'POST', forAda, entry())).toMatchObject(denied);
    expect(await call(CLEO_KEY, 'PATCH', forAda, { end: '2026-11-18T08:00:00Z' })).toMatchObject(denied);
    // Mia manages Ada: refused until the workspace lets team managers add time for others; never for Wes, whom she does not manage.
    expect(await call(MIA_KEY, 'POST', forAda, entry())).toMatchObject(denied);
    const acme = server.state.workspaces.find((workspace) => workspace.id === WS);
    if (acme) acme.teamManagersTrackForOthers = true;
    expect(await call(MIA_KEY, 'POST', forAda, entry())).toMatchObject({ status: 201, json: { userId: ada } });
    expect(await call(MIA_KEY, 'POST', `/workspaces/${WS}/user/${TEAM.users.wes}/time-entries`, entry())).toMatchObject(denied);
    expect(await call(BOB_KEY, 'POST', `/workspaces/${WS}/user/5a0ab5acb0798712543800ff/time-entries`, entry())).toMatchObject({
      status: 404,
      json: { message: 'User not found', code: 501 },
    });
    // On Ada's FREE "Side project", where she is the owner: herself yes, nobody else.
    const side = await call(ADA.key, 'POST', `/workspaces/${SEED.workspaces.side}/user/${ada}/time-entries`, { start: '2026-11-17T08:00:00Z' });
    expect(side.status).toBe(201);
    server.state.users.find((user) => user.id === SEED.users.bob)?.workspaces.push(SEED.workspaces.side);
    expect(
      await call(ADA.key, 'POST', `/workspaces/${SEED.workspaces.side}/user/${SEED.users.bob}/time-entries`, { start: '2026-11-17T08:00:00Z' }),
    ).toMatchObject({
      status: 403,
      json: { message: 'Adding time for others is not available on your subscription plan. Upgrade to use it.' },
    });
    expect(server.state.entries.filter((item) => item.userId === cleo)).toEqual([]);
  });

  it("books with the caller's access: an admin's key on a private project and before the workspace's lock, which bind the member herself", async () => {
    const server = await start();
    const acme = server.state.workspaces.find((workspace) => workspace.id === WS);
    if (acme) acme.settings.lockTimeEntries = '2026-11-01T00:00:00Z';
    const secret = entry({ projectId: SEED.projects.secret });
    expect(await call(ADA.key, 'POST', `/workspaces/${WS}/time-entries`, secret)).toMatchObject({ status: 400, json: { message: 'Project not found' } });
    expect(await call(BOB_KEY, 'POST', forAda, secret)).toMatchObject({ status: 201, json: { userId: ada, projectId: SEED.projects.secret } });

    const locked = entry({ start: '2026-10-20T08:00:00Z', end: '2026-10-20T09:00:00Z' });
    const lockedAnswer = { status: 400, json: { message: 'Time entry is locked', code: 501 } };
    expect(await call(ADA.key, 'POST', `/workspaces/${WS}/time-entries`, locked)).toMatchObject(lockedAnswer);
    expect(await call(BOB_KEY, 'POST', forAda, locked)).toMatchObject({ status: 201, json: { userId: ada } });
    // Her October entry: she may neither change nor delete it; the admin's key may.
    const october = addEntry(server, { userId: ada, start: Date.parse('2026-10-21T08:00:00Z'), end: Date.parse('2026-10-21T09:00:00Z') });
    expect(await call(ADA.key, 'PUT', `/workspaces/${WS}/time-entries/${october.id}`, entry())).toMatchObject(lockedAnswer);
    expect(await call(ADA.key, 'DELETE', `/workspaces/${WS}/time-entries/${october.id}`)).toMatchObject(lockedAnswer);
    // Nor move a November one into the locked month.
    const november = addEntry(server, { userId: ada, start: Date.parse('2026-11-17T08:00:00Z'), end: Date.parse('2026-11-17T09:00:00Z') });
    expect(await call(ADA.key, 'PUT', `/workspaces/${WS}/time-entries/${november.id}`, locked)).toMatchObject(lockedAnswer);
    expect((await call(BOB_KEY, 'DELETE', `/workspaces/${WS}/time-entries/${october.id}`)).status).toBe(204);
  });
});

describe("the fake Clockify's people and projects for an admin's key", () => {
  it('matches `email` by a part of the address whatever its case, and gives each member their status', async () => {
    const server = await start();
    const ws = WS;
    server.state.users.push({
      ...(server.state.users.find((user) => user.id === ada) as (typeof server.state.users)[number]),
      id: '5a0ab5acb07987125438d001',
      name: 'Nada',
      email: 'nada@acme.example',
      key: 'clockify-key-nada-000000000001',
      workspaces: [ws],
      roles: {},
      statuses: { [ws]: 'INACTIVE' },
    });
    const found = await call(BOB_KEY, 'GET', `/workspaces/${ws}/users?email=ADA@ACME.example&include-roles=false&memberships=WORKSPACE`);
    expect(found.status).toBe(200);
    const byEmail = Object.fromEntries(
      found.json.map((member: { email: string; memberships: Array<{ membershipStatus: string }> }) => [member.email, member.memberships[0]?.membershipStatus]),
    );
    expect(byEmail).toEqual({ 'ada@acme.example': 'ACTIVE', 'nada@acme.example': 'INACTIVE' });
    const active = await call(BOB_KEY, 'GET', `/workspaces/${ws}/users?email=ada@acme.example&include-roles=false&status=ACTIVE`);
    expect(active.json.map((member: { email: string }) => member.email)).toEqual(['ada@acme.example']);
    // A member's role through filterUsersOfWorkspace: admins and owners count as WORKSPACE_ADMIN.
    const admins = await call(BOB_KEY, 'POST', `/workspaces/${ws}/users/info`, { roles: ['WORKSPACE_ADMIN'] });
    expect(admins.json.map((member: { email: string }) => member.email).sort()).toEqual(['bob@acme.example', 'olga@acme.example']);
    const managers = await call(BOB_KEY, 'POST', `/workspaces/${ws}/users/info`, { email: 'mia@', roles: ['TEAM_MANAGER'] });
    expect(managers.json.map((member: { id: string }) => member.id)).toEqual([TEAM.users.mia]);
  });

  it("lists the projects a member is in (`users`, `contains-user`) and the public ones (`access`), all of them to an admin's key", async () => {
    await start();
    const names = async (query: string) =>
      ((await call(BOB_KEY, 'GET', `/workspaces/${WS}/projects?archived=false${query}`)).json as Array<{ name: string }>).map((project) => project.name).sort();
    expect(await names('')).toEqual(['Internal', 'Secret', 'Website']);
    expect(await names('&access=PUBLIC')).toEqual(['Internal', 'Website']);
    expect(await names(`&users=${SEED.users.bob}`)).toEqual(['Secret']);
    expect(await names(`&users=${ada}`)).toEqual([]);
    expect(await names(`&users=${SEED.users.bob}&contains-user=false`)).toEqual(['Internal', 'Website']);
    const secret = (await call(BOB_KEY, 'GET', `/workspaces/${WS}/projects?access=PRIVATE`)).json[0];
    expect(secret).toMatchObject({ public: false, memberships: [{ userId: SEED.users.bob, membershipType: 'PROJECT' }] });
  });
});

describe('the fake Clockify filing time off for others (createTimeOffRequestForOther)', () => {
  const forUser = (userId: string, policy: string = SEED.policies.vacation) => `/workspaces/${WS}/time-off/policies/${policy}/users/${userId}/requests`;
  const days = (start: string, end = start) => ({ timeOffPeriod: { period: { start, end } }, note: 'for Ada' });

  it("files a member's request with an admin's key: the member's, pending, the admin named as its requester", async () => {
    await start();
    const filed = await call(BOB_KEY, 'POST', forUser(ada), days('2026-12-01', '2026-12-02'));
    expect(filed).toMatchObject({
      status: 200,
      json: { userId: ada, requesterUserId: SEED.users.bob, requesterUserName: 'Bob Builder', status: { statusType: 'PENDING', changedByUserId: null } },
    });
    // A member files for nobody else; a team manager for the members she manages.
    expect((await call(CLEO_KEY, 'POST', forUser(ada), days('2026-12-03'))).status).toBe(403);
    expect((await call(MIA_KEY, 'POST', forUser(ada), days('2026-12-03'))).json).toMatchObject({ userId: ada, status: { statusType: 'PENDING' } });
  });

  it('approves at once where the workspace would take the admin filing as her decision (filedForOthersApproved), naming her', async () => {
    const server = await start();
    server.options.filedForOthersApproved = true;
    const filed = await call(BOB_KEY, 'POST', forUser(ada), days('2026-12-01'));
    expect(filed.json.status).toMatchObject({ statusType: 'APPROVED', changedByUserId: SEED.users.bob });
    // The member's own filing waits still.
    const own = await call(ADA.key, 'POST', `/workspaces/${WS}/time-off/policies/${SEED.policies.vacation}/requests`, days('2026-12-08'));
    expect(own.json.status.statusType).toBe('PENDING');
  });
});
