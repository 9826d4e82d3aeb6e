// The fake Clockify's approval requests (fake-clockify-approvals.ts) follow Clockify's Approval API and
// its measured quirks: these checks go through plain HTTP, with no Punchcard code.
import { afterEach, describe, expect, it } from 'vitest';
import { ADA, addEntry, at, BOB_KEY, CLEO_KEY, type FakeClockify, SEED, seedWorkspace, startFakeClockify } from './fake-clockify.ts';
import { approvalRequestsOf, setApprovalSettings } from './fake-clockify-approvals.ts';

// Wednesday 18 November 2026, 09:00 in Berlin; the week began on Monday the 16th.
const NOW = Date.parse('2026-11-18T08:00:00Z');
const WS = SEED.workspaces.acme;
const BASE = `/workspaces/${WS}/approval-requests`;
const { bob: BOB, cleo: CLEO } = SEED.users;

let fake: FakeClockify | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function start(): Promise<FakeClockify> {
  fake = await startFakeClockify({ now: () => NOW });
  seedWorkspace(fake);
  return fake;
}

interface Answer {
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the fake's JSON, read field by field in each check
  json: any;
}

/** A request to `/api/v1${path}` with Ada's key unless told otherwise. */
async function call(method: string, path: string, body?: unknown, key: string = ADA.key): Promise<Answer> {
  const headers = { 'Content-Type': 'application/json', 'X-Api-Key': key };
  const response = await fetch(`${fake?.url}/api/v1${path}`, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  const text = await response.text();
  return { status: response.status, json: text === '' ? undefined : JSON.parse(text) };
}

const week = (periodStart = '2026-11-16') => ({ periodStart: `${periodStart}T00:00:00Z`, period: 'WEEKLY' });
/** Ada submits a week and the id of her request. */
async function submitted(periodStart = '2026-11-16'): Promise<string> {
  const answer = await call('POST', BASE, week(periodStart));
  expect(answer.status).toBe(201);
  return answer.json.id as string;
}

describe('submitting a period', () => {
  it('answers 201 with the request: its date range, creator, owner and PENDING status', async () => {
    await start();
    const answer = await call('POST', BASE, week());
    expect(answer.status).toBe(201);
    expect(answer.json).toEqual({
      id: expect.stringMatching(/^[0-9a-f]{24}$/),
      workspaceId: WS,
      dateRange: { start: '2026-11-16T00:00:00Z', end: '2026-11-22T23:59:59Z' },
      creator: { userId: ADA.id, userName: 'Ada Lovelace', userEmail: expect.any(String) },
      owner: { userId: ADA.id, userName: 'Ada Lovelace', timeZone: 'Europe/Berlin', startOfWeek: 'MONDAY' },
      status: { state: 'PENDING', note: '', updatedAt: '2026-11-18T08:00:00Z', updatedBy: ADA.id, updatedByUserName: 'Ada Lovelace' },
    });
  });

  it('refuses a period other than the workspace setting, a day that starts no such period, a bad body and a second submission (400)', async () => {
    const started = await start();
    const refused = async (body: unknown) => {
      const answer = await call('POST', BASE, body);
      expect(answer.status).toBe(400);
      expect(answer.json).toEqual({ message: expect.any(String), code: expect.any(Number) });
      return answer.json.message as string;
    };
    expect(await refused({ periodStart: '2026-11-01T00:00:00Z', period: 'MONTHLY' })).toMatch(/approval period setting/);
    expect(await refused(week('2026-11-17'))).toMatch(/does not start a WEEKLY period/);
    expect(await refused({ period: 'WEEKLY' })).toMatch(/periodStart/);
    expect(await refused({ periodStart: '2026-11-16T00:00:00Z', period: 'DAILY' })).toMatch(/period/);
    await submitted();
    expect(await refused(week())).toMatch(/already exists/);
    setApprovalSettings(started.state, WS, { period: 'SEMI_MONTHLY' });
    const halves = async (periodStart: string) => (await call('POST', BASE, { periodStart, period: 'SEMI_MONTHLY' })).json.dateRange;
    expect(await halves('2026-12-01')).toEqual({ start: '2026-12-01T00:00:00Z', end: '2026-12-15T23:59:59Z' });
    expect(await halves('2026-12-16')).toEqual({ start: '2026-12-16T00:00:00Z', end: '2026-12-31T23:59:59Z' });
    expect(await refused({ periodStart: '2026-12-08', period: 'SEMI_MONTHLY' })).toMatch(/does not start a SEMI_MONTHLY period/);
    setApprovalSettings(started.state, WS, { period: 'MONTHLY' });
    expect((await call('POST', BASE, { periodStart: '2026-02-01', period: 'MONTHLY' })).json.dateRange.end).toBe('2026-02-28T23:59:59Z');
  });

  it('submits for another person as an admin or their approver, and refuses anyone else (403)', async () => {
    const started = await start();
    expect((await call('POST', `${BASE}/users/${ADA.id}`, week(), CLEO_KEY)).status).toBe(403);
    expect(approvalRequestsOf(started.state)).toEqual([]);
    const byBob = await call('POST', `${BASE}/users/${ADA.id}`, week(), BOB_KEY);
    expect(byBob.status).toBe(201);
    expect(byBob.json).toMatchObject({ creator: { userId: BOB }, owner: { userId: ADA.id } });
    started.state.teamManagers.push({ workspaceId: WS, managerId: CLEO, memberId: ADA.id });
    expect((await call('POST', `${BASE}/users/${ADA.id}`, week('2026-11-09'), CLEO_KEY)).status).toBe(201);
    expect((await call('POST', `${BASE}/users/unknown-user`, week(), BOB_KEY)).status).toBe(404);
  });
});

describe('listing requests', () => {
  it('answers a bare array of details: the request, totals as ISO-8601 durations and the entries inline', async () => {
    const started = await start();
    addEntry(started, { userId: ADA.id, start: at('2026-11-17', '09:00'), end: at('2026-11-17', '11:30'), billable: true, projectId: SEED.projects.website });
    addEntry(started, { userId: ADA.id, start: at('2026-11-17', '12:00'), end: at('2026-11-17', '12:30'), type: 'BREAK' });
    addEntry(started, { userId: ADA.id, start: at('2026-11-23', '09:00'), end: at('2026-11-23', '10:00') }); // next week
    const id = await submitted();
    const answer = await call('GET', BASE);
    expect(answer.status).toBe(200);
    expect(Array.isArray(answer.json)).toBe(true);
    expect(answer.json).toHaveLength(1);
    const [details] = answer.json;
    expect(details.approvalRequest).toMatchObject({ id, status: { state: 'PENDING' } });
    expect(details).toMatchObject({
      trackedTime: 'PT3H',
      pendingTime: 'PT3H',
      approvedTime: 'PT0S',
      billableTime: 'PT2H30M',
      breakTime: 'PT30M',
      billableAmount: 0,
      costAmount: 0,
      expenseTotal: 0,
      expenses: [],
    });
    expect(
      details.entries.map((entry: { timeInterval: { start: string }; approvalRequestId: string }) => [entry.timeInterval.start, entry.approvalRequestId]),
    ).toEqual([
      ['2026-11-17T08:00:00Z', id],
      ['2026-11-17T11:00:00Z', id],
    ]);
  });

  it('filters by status and refuses any other status (400), WITHDRAWN_SUBMISSION and REJECTED included', async () => {
    await start();
    const pending = await submitted('2026-11-09');
    const approved = await submitted('2026-11-16');
    expect((await call('PATCH', `${BASE}/${approved}`, { state: 'APPROVED' }, BOB_KEY)).status).toBe(200);
    const ids = async (query: string) =>
      ((await call('GET', `${BASE}${query}`)).json as Array<{ approvalRequest: { id: string } }>).map((item) => item.approvalRequest.id);
    expect(await ids('?status=PENDING')).toEqual([pending]);
    expect(await ids('?status=APPROVED')).toEqual([approved]);
    expect(await ids('?status=WITHDRAWN_APPROVAL')).toEqual([]);
    for (const status of ['WITHDRAWN_SUBMISSION', 'REJECTED', 'pending']) {
      const answer = await call('GET', `${BASE}?status=${status}`);
      expect(answer.status).toBe(400);
      expect(answer.json).toEqual({ message: expect.stringMatching(/^status:/), code: 400 });
    }
  });

  it('sorts by sort-column and sort-order, pages by page and page-size (default 50), and refuses unknown sorts (400)', async () => {
    const started = await start();
    const mondays = Array.from({ length: 52 }, (_, index) => new Date(Date.parse('2025-11-24T00:00:00Z') + index * 7 * 86_400_000).toISOString().slice(0, 10));
    for (const monday of mondays) await submitted(monday);
    expect(approvalRequestsOf(started.state)).toHaveLength(52);
    const starts = async (query: string) =>
      ((await call('GET', `${BASE}${query}`)).json as Array<{ approvalRequest: { dateRange: { start: string } } }>).map((item) =>
        item.approvalRequest.dateRange.start.slice(0, 10),
      );
    expect(await starts('')).toEqual(mondays.slice(0, 50));
    expect(await starts('?page=2')).toEqual(mondays.slice(50));
    expect(await starts('?sort-column=START&sort-order=DESCENDING&page-size=3')).toEqual(mondays.slice(-3).reverse());
    expect(await starts('?sort-column=START&page=3&page-size=20')).toEqual(mondays.slice(40));
    expect(await starts('?page=4&page-size=20')).toEqual([]);
    expect((await call('GET', `${BASE}?sort-column=NAME`)).status).toBe(400);
    expect((await call('GET', `${BASE}?sort-order=UP`)).status).toBe(400);
  });

  it("shows a regular member their own requests only, an admin everyone's", async () => {
    await start();
    await submitted();
    expect((await call('GET', BASE, undefined, CLEO_KEY)).json).toEqual([]);
    expect((await call('GET', BASE, undefined, BOB_KEY)).json).toHaveLength(1);
  });
});

describe('deciding a request', () => {
  it('approves (admin), withdraws the approval (admin) and lists it as WITHDRAWN_APPROVAL', async () => {
    await start();
    const id = await submitted();
    const approved = await call('PATCH', `${BASE}/${id}`, { state: 'APPROVED', note: 'Fine' }, BOB_KEY);
    expect(approved.status).toBe(200);
    expect(approved.json).toMatchObject({ id, status: { state: 'APPROVED', note: 'Fine', updatedBy: BOB, updatedByUserName: 'Bob Builder' } });
    expect((await call('PATCH', `${BASE}/${id}`, { state: 'APPROVED' }, BOB_KEY)).status).toBe(400);
    // The person may not withdraw their own approval, nor their submission once approved.
    expect((await call('PATCH', `${BASE}/${id}`, { state: 'WITHDRAWN_APPROVAL' })).status).toBe(403);
    expect((await call('PATCH', `${BASE}/${id}`, { state: 'WITHDRAWN_SUBMISSION' })).status).toBe(400);
    const withdrawn = await call('PATCH', `${BASE}/${id}`, { state: 'WITHDRAWN_APPROVAL' }, BOB_KEY);
    expect(withdrawn.json.status.state).toBe('WITHDRAWN_APPROVAL');
    expect((await call('GET', `${BASE}?status=WITHDRAWN_APPROVAL`)).json.map((item: { approvalRequest: { id: string } }) => item.approvalRequest.id)).toEqual([
      id,
    ]);
    expect((await call('PATCH', `${BASE}/${id}`, { state: 'WITHDRAWN_APPROVAL' }, BOB_KEY)).status).toBe(400);
  });

  it('a rejected request reverts to unsubmitted: only the PATCH answer says REJECTED, no list shows it, and it can be submitted afresh', async () => {
    const started = await start();
    const id = await submitted();
    const rejected = await call('PATCH', `${BASE}/${id}`, { state: 'REJECTED', note: 'Missing Friday' }, BOB_KEY);
    expect(rejected.status).toBe(200);
    expect(rejected.json).toMatchObject({ id, status: { state: 'REJECTED', note: 'Missing Friday' } });
    for (const query of ['', '?status=PENDING', '?status=APPROVED', '?status=WITHDRAWN_APPROVAL'])
      expect((await call('GET', `${BASE}${query}`, undefined, BOB_KEY)).json).toEqual([]);
    expect(approvalRequestsOf(started.state)).toEqual([]);
    // There is no GET by id, and the rejected request is gone for PATCH too.
    expect((await call('GET', `${BASE}/${id}`)).status).toBe(405);
    expect((await call('PATCH', `${BASE}/${id}`, { state: 'APPROVED' }, BOB_KEY)).status).toBe(404);
    expect(await submitted()).not.toBe(id);
  });

  it('lets the owner withdraw a pending submission (then unlisted), and an admin, and no other member', async () => {
    await start();
    const id = await submitted();
    expect((await call('PATCH', `${BASE}/${id}`, { state: 'WITHDRAWN_SUBMISSION' }, CLEO_KEY)).status).toBe(403);
    const withdrawn = await call('PATCH', `${BASE}/${id}`, { state: 'WITHDRAWN_SUBMISSION' });
    expect(withdrawn.json.status.state).toBe('WITHDRAWN_SUBMISSION');
    expect((await call('GET', BASE)).json).toEqual([]);
    const again = await submitted();
    const byAdmin = await call('PATCH', `${BASE}/${again}`, { state: 'WITHDRAWN_SUBMISSION' }, BOB_KEY);
    expect(byAdmin.json.status).toMatchObject({ state: 'WITHDRAWN_SUBMISSION', updatedBy: SEED.users.bob });
  });

  it('refuses a person their own approval, a stranger any decision (403), an unknown state or PENDING (400) and an unknown id (404)', async () => {
    await start();
    const id = await submitted();
    expect((await call('PATCH', `${BASE}/${id}`, { state: 'APPROVED' })).status).toBe(403);
    expect((await call('PATCH', `${BASE}/${id}`, { state: 'REJECTED' })).status).toBe(403);
    expect((await call('PATCH', `${BASE}/${id}`, { state: 'APPROVED' }, CLEO_KEY)).json).toEqual({ message: 'Access Denied', code: 403 });
    expect((await call('PATCH', `${BASE}/${id}`, { state: 'DONE' }, BOB_KEY)).status).toBe(400);
    expect((await call('PATCH', `${BASE}/${id}`, { state: 'PENDING' }, BOB_KEY)).status).toBe(400);
    expect((await call('PATCH', `${BASE}/000000000000000000000000`, { state: 'APPROVED' }, BOB_KEY)).status).toBe(404);
  });

  it('with "admins and team managers", a manager of the person (directly or through a group) approves; a project manager does not', async () => {
    const started = await start();
    const id = await submitted();
    started.state.projectManagers.push({ workspaceId: WS, managerId: CLEO, projectId: SEED.projects.website });
    addEntry(started, { userId: ADA.id, start: at('2026-11-17', '09:00'), end: at('2026-11-17', '10:00'), projectId: SEED.projects.website });
    expect((await call('PATCH', `${BASE}/${id}`, { state: 'APPROVED' }, CLEO_KEY)).status).toBe(403);
    started.state.userGroups.push({ id: 'group-1', workspaceId: WS, name: 'Crew', userIds: [ADA.id], managerIds: [CLEO] });
    expect((await call('GET', BASE, undefined, CLEO_KEY)).json).toHaveLength(1);
    expect((await call('PATCH', `${BASE}/${id}`, { state: 'APPROVED' }, CLEO_KEY)).status).toBe(200);
  });

  it('with "admins and project managers", a project manager approves a period with time on their project; a team manager does not', async () => {
    const started = await start();
    setApprovalSettings(started.state, WS, { approvers: 'PROJECT_MANAGERS' });
    started.state.teamManagers.push({ workspaceId: WS, managerId: CLEO, memberId: ADA.id });
    started.state.projectManagers.push({ workspaceId: WS, managerId: CLEO, projectId: SEED.projects.website });
    const id = await submitted();
    expect((await call('PATCH', `${BASE}/${id}`, { state: 'APPROVED' }, CLEO_KEY)).status).toBe(403);
    addEntry(started, { userId: ADA.id, start: at('2026-11-17', '09:00'), end: at('2026-11-17', '10:00'), projectId: SEED.projects.website });
    expect((await call('PATCH', `${BASE}/${id}`, { state: 'APPROVED' }, CLEO_KEY)).status).toBe(200);
  });
});

describe('the lock and the plan', () => {
  it('locks approved entries for everyone, admins included, until the approval is withdrawn, and takes new ones into the period', async () => {
    const started = await start();
    const entry = addEntry(started, { userId: ADA.id, start: at('2026-11-17', '09:00'), end: at('2026-11-17', '10:00') });
    const outside = addEntry(started, { userId: ADA.id, start: at('2026-11-23', '09:00'), end: at('2026-11-23', '10:00') });
    const id = await submitted();
    const body = { start: '2026-11-17T08:00:00Z', end: '2026-11-17T10:00:00Z' };
    const path = `/workspaces/${WS}/time-entries/${entry.id}`;
    // Pending is not locked.
    expect((await call('PUT', path, body)).status).toBe(200);
    await call('PATCH', `${BASE}/${id}`, { state: 'APPROVED' }, BOB_KEY);
    expect((await call('GET', path)).json.isLocked).toBe(true);
    for (const key of [ADA.key, BOB_KEY]) {
      expect((await call('PUT', path, body, key)).json).toEqual({ message: 'Time entry is locked', code: 501 });
      expect((await call('DELETE', path, undefined, key)).status).toBe(400);
    }
    expect(started.state.entries).toContain(entry);
    // A new entry in the approved period is taken, from her and for her; it is then locked as the period's others.
    const count = started.state.entries.length;
    const late = await call('POST', `/workspaces/${WS}/time-entries`, { start: '2026-11-19T08:00:00Z', end: '2026-11-19T09:00:00Z' });
    expect(late.status).toBe(201);
    const forHer = await call('POST', `/workspaces/${WS}/user/${ADA.id}/time-entries`, { start: '2026-11-19T10:00:00Z', end: '2026-11-19T11:00:00Z' }, BOB_KEY);
    expect(forHer.status).toBe(201);
    expect(started.state.entries).toHaveLength(count + 2);
    expect((await call('DELETE', `/workspaces/${WS}/time-entries/${late.json.id}`)).status).toBe(400);
    expect((await call('DELETE', `/workspaces/${WS}/time-entries/${outside.id}`)).status).toBe(204);
    await call('PATCH', `${BASE}/${id}`, { state: 'WITHDRAWN_APPROVAL' }, BOB_KEY);
    expect((await call('GET', path)).json.isLocked).toBe(false);
    expect((await call('DELETE', path)).status).toBe(204);
  });

  it('answers 403 on every approval route in a workspace whose plan lacks approvals', async () => {
    const started = await start();
    const side = `/workspaces/${SEED.workspaces.side}/approval-requests`;
    for (const [method, path, body] of [
      ['GET', side, undefined],
      ['POST', side, week()],
      ['POST', `${side}/users/${ADA.id}`, week()],
      ['PATCH', `${side}/whatever`, { state: 'APPROVED' }],
    ] as const) {
      const answer = await call(method, path, body);
      expect(answer.status).toBe(403);
      expect(answer.json).toEqual({ message: expect.stringMatching(/subscription plan/), code: 4031 });
    }
    expect(approvalRequestsOf(started.state)).toEqual([]);
  });
});
