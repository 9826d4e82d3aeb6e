// The fake Clockify follows the API facts the Clockify client depends on (docs/back-ends/clockify.md):
// these checks keep it honest for everyone who uses it, with plain HTTP requests and no Punchcard code.
import { afterEach, describe, expect, it } from 'vitest';
import { ADA, addEntry, at, BOB_KEY, CLEO_KEY, type FakeClockify, type FakeClockifyOptions, SEED, seedWorkspace, startFakeClockify } from './fake-clockify.ts';

// Wednesday 18 November 2026, 09:00 in Berlin.
const NOW = Date.parse('2026-11-18T08:00:00Z');
const WS = SEED.workspaces.acme;

let fake: FakeClockify | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function start(options: FakeClockifyOptions = {}): Promise<FakeClockify> {
  fake = await startFakeClockify({ now: () => NOW, ...options });
  seedWorkspace(fake);
  return fake;
}

interface Answer {
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the fake's JSON, read field by field in each check
  json: any;
  headers: Headers;
}

/** A request to `/api/v1${path}` with Ada's key unless told otherwise. */
async function call(method: string, path: string, body?: unknown, key: string | null = ADA.key): Promise<Answer> {
  const headers: Record<string, string> = { 'Content-Type': 'application/json', ...(key === null ? {} : { 'X-Api-Key': key }) };
  const response = await fetch(`${fake?.url}/api/v1${path}`, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  const text = await response.text();
  return { status: response.status, json: text === '' ? undefined : JSON.parse(text), headers: response.headers };
}

describe('authentication and errors', () => {
  it('answers 401 with {message, code} without a key or with a wrong one', async () => {
    await start();
    for (const key of [null, 'nope']) {
      const answer = await call('GET', '/user', undefined, key);
      expect(answer.status).toBe(401);
      expect(answer.json).toEqual({ message: 'Full authentication is required to access this resource', code: 1000 });
    }
  });

  it("names the key's person, their active workspace and zone, and lists their workspaces with plan and features", async () => {
    await start();
    expect((await call('GET', '/user')).json).toMatchObject({ id: ADA.id, name: 'Ada Lovelace', activeWorkspace: WS, settings: { timeZone: 'Europe/Berlin' } });
    const workspaces = (await call('GET', '/workspaces')).json as Array<{ name: string; featureSubscriptionType: string; features: string[] }>;
    expect(workspaces.map((workspace) => [workspace.name, workspace.featureSubscriptionType, workspace.features.includes('TIME_OFF')])).toEqual([
      ['Acme', 'STANDARD', true],
      ['Side project', 'FREE', false],
    ]);
  });

  it("filters the person's own workspaces by their roles there, owners apart from admins, and refuses the members' filter to non-admins", async () => {
    await start();
    const names = async (roles: string, key: string = ADA.key) =>
      ((await call('GET', `/workspaces?roles=${roles}`, undefined, key)).json as Array<{ name: string }>).map((workspace) => workspace.name);
    // Ada owns the side project and is a regular member of Acme; Bob administers Acme.
    expect(await names('OWNER')).toEqual(['Side project']);
    expect(await names('WORKSPACE_ADMIN')).toEqual([]);
    expect(await names('WORKSPACE_ADMIN,TEAM_MANAGER')).toEqual([]);
    expect(await names('WORKSPACE_ADMIN&roles=OWNER', BOB_KEY)).toEqual(['Acme']);
    expect((await call('GET', '/workspaces?roles=BOSS')).status).toBe(400);
    expect((await call('POST', `/workspaces/${WS}/users/info`, { roles: ['OWNER'] })).status).toBe(403);
    expect((await call('POST', `/workspaces/${WS}/users/info`, { roles: ['WORKSPACE_ADMIN'] }, BOB_KEY)).json).toEqual([
      expect.objectContaining({ name: 'Bob Builder' }),
    ]);
  });

  it('refuses a workspace the person is not in (403), an unknown path (404) and a wrong method (405)', async () => {
    await start();
    expect((await call('GET', `/workspaces/${WS}/projects`, undefined, CLEO_KEY)).status).toBe(200);
    expect((await call('GET', `/workspaces/${SEED.workspaces.side}/projects`, undefined, CLEO_KEY)).status).toBe(403);
    expect((await call('GET', `/workspaces/${WS}/nothing`)).status).toBe(404);
    expect((await call('DELETE', '/user')).status).toBe(405);
  });

  it('limits requests per second when told to, with "Too many requests"', async () => {
    await start({ rateLimit: { perSecond: 2, retryAfterSeconds: 1 } });
    const statuses = [];
    for (let index = 0; index < 4; index++) statuses.push((await call('GET', `/workspaces/${WS}/clients`)).status);
    expect(statuses).toEqual([200, 200, 429, 429]);
    const limited = await call('GET', `/workspaces/${WS}/clients`);
    expect(limited.json).toEqual({ message: 'Too many requests', code: 429 });
    expect(limited.headers.get('retry-after')).toBe('1');
  });
});

describe('what happens elsewhere meanwhile', () => {
  it('runs what a test scripts when the next matching request arrives, before answering it, and once', async () => {
    const started = await start();
    const seen: number[] = [];
    started.beforeNext({ method: 'POST', path: /\/time-entries$/ }, () => seen.push(started.state.entries.length));
    await call('GET', `/workspaces/${WS}/clients`);
    expect(seen).toEqual([]);
    const entry = { start: '2026-11-18T07:00:00Z', end: '2026-11-18T08:00:00Z' };
    expect((await call('POST', `/workspaces/${WS}/time-entries`, entry)).status).toBe(201);
    // Before the entry was made, and not again for the next one.
    expect(seen).toEqual([0]);
    expect((await call('POST', `/workspaces/${WS}/time-entries`, { ...entry, start: '2026-11-18T08:00:00Z', end: '2026-11-18T09:00:00Z' })).status).toBe(201);
    expect(seen).toEqual([0]);
  });
});

describe('paging', () => {
  it('pages 1-based with page-size, capped, saying which page is the last in Last-Page', async () => {
    await start({ maxPageSize: 2 });
    for (let day = 1; day <= 5; day++)
      addEntry(fake as FakeClockify, { userId: ADA.id, start: at(`2026-11-0${day}`, '09:00'), end: at(`2026-11-0${day}`, '10:00') });
    const path = `/workspaces/${WS}/user/${ADA.id}/time-entries`;
    const first = await call('GET', `${path}?page=1&page-size=1000`);
    expect(first.json).toHaveLength(2);
    expect(first.headers.get('last-page')).toBe('false');
    const third = await call('GET', `${path}?page=3&page-size=1000`);
    expect(third.json).toHaveLength(1);
    expect(third.headers.get('last-page')).toBe('true');
  });

  it('can leave Last-Page out', async () => {
    await start({ lastPageHeader: false });
    expect((await call('GET', `/workspaces/${WS}/clients`)).headers.get('last-page')).toBeNull();
  });
});

describe('time entries', () => {
  const entries = `/workspaces/${WS}/time-entries`;

  it('keeps one running entry per person: a new one stops the running one where it starts', async () => {
    await start();
    await call('POST', entries, { start: '2026-11-18T07:00:00Z', projectId: SEED.projects.website });
    const second = await call('POST', entries, { start: '2026-11-18T07:30:00Z' });
    expect(second.status).toBe(201);
    const running = await call('GET', `/workspaces/${WS}/user/${ADA.id}/time-entries?in-progress=true`);
    expect(running.json).toHaveLength(1);
    expect(fake?.state.entries.filter((entry) => entry.userId === ADA.id).map((entry) => entry.end)).toEqual([Date.parse('2026-11-18T07:30:00Z'), null]);
  });

  it('refuses archived projects, done tasks, a task of another project and a missing start, in words', async () => {
    await start();
    const refused = async (body: Record<string, unknown>) => {
      const answer = await call('POST', entries, body);
      expect(answer.status).toBe(400);
      return answer.json.message as string;
    };
    expect(await refused({ start: '2026-11-18T07:00:00Z', end: '2026-11-18T08:00:00Z', projectId: SEED.projects.legacy })).toMatch(/archived/);
    expect(
      await refused({ start: '2026-11-18T07:00:00Z', end: '2026-11-18T08:00:00Z', projectId: SEED.projects.internal, taskId: SEED.tasks.oldTask }),
    ).toMatch(/done/);
    expect(await refused({ start: '2026-11-18T07:00:00Z', end: '2026-11-18T08:00:00Z', projectId: SEED.projects.internal, taskId: SEED.tasks.design })).toMatch(
      /does not belong/,
    );
    expect(await refused({ end: '2026-11-18T08:00:00Z' })).toMatch(/start/);
  });

  it("lets an admin read and change a colleague's entry, and refuses a regular member (403)", async () => {
    await start();
    const adas = addEntry(fake as FakeClockify, { userId: ADA.id, start: at('2026-11-18', '07:00'), end: at('2026-11-18', '08:00') });
    expect((await call('GET', `${entries}/${adas.id}`, undefined, BOB_KEY)).status).toBe(200);
    expect((await call('GET', `${entries}/${adas.id}`, undefined, CLEO_KEY)).status).toBe(403);
    expect((await call('PUT', `${entries}/${adas.id}`, { start: '2026-11-18T06:00:00Z', end: '2026-11-18T07:00:00Z' }, BOB_KEY)).status).toBe(200);
    expect(fake?.writes.at(-1)).toMatchObject({ method: 'PUT' });
  });

  it('replaces the whole entry on PUT: what is left out is cleared', async () => {
    await start();
    const entry = addEntry(fake as FakeClockify, {
      userId: ADA.id,
      start: at('2026-11-18', '07:00'),
      end: at('2026-11-18', '08:00'),
      projectId: SEED.projects.website,
      taskId: SEED.tasks.design,
      billable: true,
      tagIds: ['t1'],
    });
    await call('PUT', `${entries}/${entry.id}`, { start: '2026-11-18T06:00:00Z', end: '2026-11-18T07:00:00Z' });
    expect(fake?.state.entries.find((item) => item.id === entry.id)).toMatchObject({ projectId: null, taskId: null, billable: false, tagIds: [] });
  });

  it('hydrates entries with their project and task names when asked', async () => {
    await start();
    addEntry(fake as FakeClockify, {
      userId: ADA.id,
      start: at('2026-11-18', '07:00'),
      end: at('2026-11-18', '08:00'),
      projectId: SEED.projects.website,
      taskId: SEED.tasks.design,
    });
    const [hydrated] = (await call('GET', `/workspaces/${WS}/user/${ADA.id}/time-entries?hydrated=true`)).json;
    expect(hydrated).toMatchObject({ project: { name: 'Website' }, task: { name: 'Design' } });
    const [plain] = (await call('GET', `/workspaces/${WS}/user/${ADA.id}/time-entries`)).json;
    expect(plain.project).toBeUndefined();
  });

  it('can hydrate with the project, task and tags as objects only, without their id fields', async () => {
    await start({ hydrated: 'objects' });
    addEntry(fake as FakeClockify, {
      userId: ADA.id,
      start: at('2026-11-18', '07:00'),
      end: at('2026-11-18', '08:00'),
      projectId: SEED.projects.website,
      taskId: SEED.tasks.design,
      tagIds: ['t1'],
    });
    const [hydrated] = (await call('GET', `/workspaces/${WS}/user/${ADA.id}/time-entries?hydrated=true`)).json;
    expect(hydrated).toMatchObject({ project: { id: SEED.projects.website }, task: { id: SEED.tasks.design }, tags: [{ id: 't1' }] });
    expect(hydrated).not.toHaveProperty('projectId');
    expect(hydrated).not.toHaveProperty('taskId');
    expect(hydrated).not.toHaveProperty('tagIds');
  });

  it('stops the running entry by PATCH, and answers 404 when none runs', async () => {
    await start();
    const path = `/workspaces/${WS}/user/${ADA.id}/time-entries`;
    expect((await call('PATCH', path, { end: '2026-11-18T08:00:00Z' })).status).toBe(404);
    addEntry(fake as FakeClockify, { userId: ADA.id, start: at('2026-11-18', '07:00') });
    expect((await call('PATCH', path, { end: '2026-11-18T07:30:00Z' })).json.timeInterval).toMatchObject({ end: '2026-11-18T07:30:00Z' });
  });
});

describe('time off', () => {
  const requests = `/workspaces/${WS}/time-off/requests`;
  const file = (policy: string, body: Record<string, unknown>, key = ADA.key) =>
    call('POST', `/workspaces/${WS}/time-off/policies/${policy}/requests`, body, key);

  it('files a request by dates, counts working days, and answers its period as instants in the requester zone', async () => {
    await start();
    const filed = await file(SEED.policies.vacation, { timeOffPeriod: { period: { start: '2026-12-07', end: '2026-12-09' } }, note: 'Family' });
    expect(filed.status).toBe(200);
    expect(filed.json).toMatchObject({ policyName: 'Vacation', balanceDiff: -3, status: { statusType: 'PENDING' }, userTimeZone: 'Europe/Berlin' });
    expect(filed.json.timeOffPeriod.period).toEqual({ start: '2026-12-06T23:00:00.000Z', end: '2026-12-09T22:59:59.999Z' });
  });

  it('takes half days only on policies that allow them, one day with its half; refuses overlaps and a short balance', async () => {
    await start();
    const half = { timeOffPeriod: { period: { start: '2026-12-07', end: '2026-12-07' }, isHalfDay: true, halfDayPeriod: 'FIRST_HALF' } };
    expect((await file(SEED.policies.sick, half)).json.message).toMatch(/half days/);
    expect((await file(SEED.policies.vacation, half)).json).toMatchObject({ balanceDiff: -0.5, timeOffPeriod: { halfDay: true, halfDayPeriod: 'FIRST_HALF' } });
    expect((await file(SEED.policies.vacation, { timeOffPeriod: { period: { start: '2026-12-07', end: '2026-12-08' } } })).json.message).toMatch(/overlaps/);
    expect((await file(SEED.policies.vacation, { timeOffPeriod: { period: { start: '2027-01-04', end: '2027-03-31' } } })).json.message).toMatch(
      /Insufficient/,
    );
    expect((await file(SEED.policies.unpaid, { timeOffPeriod: { period: { start: '2027-01-04', end: '2027-03-31' } } })).status).toBe(200);
  });

  it("lists a member their own requests only, an admin everyone's, with a count for paging", async () => {
    await start();
    expect((await call('POST', requests, { users: [ADA.id], page: 1, pageSize: 50 })).json).toEqual({ count: 0, requests: [] });
    expect((await call('POST', requests, { page: 1, pageSize: 50 })).status).toBe(403);
    const all = await call('POST', requests, { statuses: ['APPROVED'], page: 1, pageSize: 1 }, BOB_KEY);
    expect(all.json.count).toBe(2);
    expect(all.json.requests).toHaveLength(1);
  });

  it('selects requests by when they were created, as documented, not by their period', async () => {
    await start();
    // The seeded requests were created on 1 October 2026, for periods in November and December.
    const search = (body: Record<string, unknown>) => call('POST', requests, { statuses: ['APPROVED'], page: 1, pageSize: 50, ...body }, BOB_KEY);
    expect((await search({ start: '2026-11-01T00:00:00.000000Z' })).json.count).toBe(0);
    expect((await search({ start: '2026-09-30T00:00:00.000000Z' })).json.count).toBe(2);
    expect((await search({ start: '2026-09-30T00:00:00.000000Z', end: '2026-09-30T23:59:59.000000Z' })).json.count).toBe(0);
  });

  it("withdraws a pending request of the person's, not an approved one", async () => {
    await start();
    const pending = (await file(SEED.policies.vacation, { timeOffPeriod: { period: { start: '2026-12-07', end: '2026-12-07' } } })).json;
    const approved = (await file(SEED.policies.sick, { timeOffPeriod: { period: { start: '2026-12-10', end: '2026-12-10' } } })).json;
    expect(approved.status.statusType).toBe('APPROVED');
    expect((await call('DELETE', `/workspaces/${WS}/time-off/policies/${SEED.policies.sick}/requests/${approved.id}`)).status).toBe(400);
    expect((await call('DELETE', `/workspaces/${WS}/time-off/policies/${SEED.policies.vacation}/requests/${pending.id}`)).status).toBe(200);
  });

  it('keeps balances per policy, used counting standing requests', async () => {
    await start();
    await file(SEED.policies.vacation, { timeOffPeriod: { period: { start: '2026-12-07', end: '2026-12-08' } } });
    const { balances, count } = (await call('GET', `/workspaces/${WS}/time-off/balance/user/${ADA.id}`)).json;
    expect(count).toBe(3);
    expect(balances.find((balance: { policyName: string }) => balance.policyName === 'Vacation')).toMatchObject({ total: 25, used: 2, balance: 23 });
  });

  it('refuses time off where the plan lacks it or the workspace switched it off, in words', async () => {
    await start();
    const side = await call('GET', `/workspaces/${SEED.workspaces.side}/time-off/balance/user/${ADA.id}`);
    expect(side.status).toBe(403);
    expect(side.json.message).toMatch(/plan/);
    for (const workspace of (fake as FakeClockify).state.workspaces) if (workspace.id === WS) workspace.timeOffOn = false;
    const off = await call('GET', `/workspaces/${WS}/time-off/balance/user/${ADA.id}`);
    expect(off.json.message).toMatch(/disabled/);
  });

  it("gives the person's holidays in a period", async () => {
    await start();
    const holidays = (await call('GET', `/workspaces/${WS}/holidays/in-period?assigned-to=${ADA.id}&start=2026-12-01T00:00:00Z&end=2026-12-31T23:59:59Z`)).json;
    expect(holidays.map((holiday: { name: string }) => holiday.name)).toEqual(['Christmas Day', "St. Stephen's Day"]);
  });

  it('gives the member profile with its work capacity and working days', async () => {
    await start();
    expect((await call('GET', `/workspaces/${WS}/member-profile/${ADA.id}`)).json).toMatchObject({
      workCapacity: 'PT8H',
      workingDays: ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY'],
    });
    expect((await call('GET', `/workspaces/${WS}/member-profile/${ADA.id}`, undefined, CLEO_KEY)).status).toBe(403);
  });
});
