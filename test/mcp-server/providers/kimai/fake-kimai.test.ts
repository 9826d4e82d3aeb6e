// The fake Kimai follows docs/back-ends/kimai.md where Punchcard depends on it; these checks keep
// it honest for everyone who uses it, with plain HTTP requests and no Punchcard code.
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_USERS, type FakeKimai, type FakeUser, startFakeKimai } from './fake-kimai.ts';

const ADA = DEFAULT_USERS[0] as FakeUser;
let fake: FakeKimai | undefined;
afterEach(async () => fake?.close());

async function get(path: string, authorization: string | null = `Bearer ${ADA.token}`, init: RequestInit = {}) {
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (authorization !== null) headers.Authorization = authorization;
  const response = await fetch(`${fake?.url}${path}`, { ...init, headers });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, json: text ? (JSON.parse(text) as unknown) : undefined };
}

describe('the fake Kimai', () => {
  it('applies the Bearer rule: no header, a lowercase scheme and an unknown token are 401s of two shapes', async () => {
    fake = await startFakeKimai();
    expect(await get('/api/ping', null)).toMatchObject({ status: 401, json: { code: 401, message: 'Unauthorized' } });
    expect(await get('/api/ping', `bearer ${ADA.token}`)).toMatchObject({ status: 401, json: { code: 401 } });
    const unknown = await get('/api/ping', 'Bearer nope');
    expect(unknown).toMatchObject({ status: 401, text: '' });
    expect(unknown.headers.get('www-authenticate')).toMatch(/invalid_token/);
    expect(await get('/api/ping')).toMatchObject({ status: 200, json: { message: 'pong' } });
  });

  it('reads body times in the profile zone, writes +HHMM offsets, rounds to the minute, and needs strict query times', async () => {
    fake = await startFakeKimai();
    const customer = fake.addCustomer('ACME');
    const project = fake.addProject('Website', customer.id);
    const activity = fake.addActivity('Design', project.id);
    const created = await get('/api/timesheets', null, { method: 'POST' });
    expect(created.status).toBe(401);
    const post = await get('/api/timesheets', `Bearer ${ADA.token}`, {
      method: 'POST',
      body: JSON.stringify({ project: project.id, activity: activity.id, begin: '2026-07-01T09:00:20', end: '2026-07-01T10:00:20' }),
    });
    expect(post).toMatchObject({ status: 200, json: { begin: '2026-07-01T09:00:00+0200', end: '2026-07-01T10:01:00+0200', project: project.id } });
    // A body time with an offset is converted (docs/back-ends/kimai.md, "What the fake assumes"): kimai-mcp sends its timer's begin so.
    const withOffset = await get('/api/timesheets', `Bearer ${ADA.token}`, {
      method: 'POST',
      body: JSON.stringify({ project: project.id, activity: activity.id, begin: '2026-07-02T07:00:00+00:00', end: '2026-07-02T08:00:00Z' }),
    });
    expect(withOffset).toMatchObject({ status: 200, json: { begin: '2026-07-02T09:00:00+0200', end: '2026-07-02T10:00:00+0200' } });
    expect((await get('/api/timesheets?begin=2026-07-01T00:00')).status).toBe(400);
    expect((await get('/api/timesheets?begin=2026-07-01T00:00:00%2B02:00')).status).toBe(400);
    const listed = await get('/api/timesheets?begin=2026-07-01T00:00:00&end=2026-07-01T23:59:59');
    expect(listed.headers.get('x-total-count')).toBe('1');
  });

  it('pages with headers, answers 200 [] for an empty first page and 404 past the last one', async () => {
    fake = await startFakeKimai();
    const customer = fake.addCustomer('ACME');
    const project = fake.addProject('Website', customer.id);
    const activity = fake.addActivity('Design', project.id);
    expect(await get('/api/timesheets')).toMatchObject({ status: 200, json: [] });
    for (let index = 0; index < 3; index++)
      fake.addTimesheet({
        userId: ADA.id,
        begin: Date.UTC(2026, 6, 1, 8 + index),
        end: Date.UTC(2026, 6, 1, 9 + index),
        projectId: project.id,
        activityId: activity.id,
      });
    const page = await get('/api/timesheets?size=2&page=2');
    expect(page.json).toHaveLength(1);
    expect(['x-page', 'x-total-count', 'x-total-pages', 'x-per-page'].map((name) => page.headers.get(name))).toEqual(['2', '3', '2', '2']);
    expect(await get('/api/timesheets?size=2&page=3')).toMatchObject({ status: 404, json: { code: 404, message: 'Not Found' } });
  });

  it('answers "extra fields" without naming the field, by role and tracking mode', async () => {
    fake = await startFakeKimai({ config: { trackingMode: 'punch' } });
    const customer = fake.addCustomer('ACME');
    const project = fake.addProject('Website', customer.id);
    const activity = fake.addActivity('Design', project.id);
    const body = JSON.stringify({ project: project.id, activity: activity.id, begin: '2026-07-01T09:00:00' });
    const refused = await get('/api/timesheets', `Bearer ${ADA.token}`, { method: 'POST', body });
    expect(refused).toMatchObject({ status: 400, json: { errors: { errors: ['This form should not contain extra fields.'] } } });
    const lead = DEFAULT_USERS[1] as FakeUser;
    expect((await get('/api/timesheets', `Bearer ${lead.token}`, { method: 'POST', body })).status).toBe(200);
    const billable = JSON.stringify({ project: project.id, activity: activity.id, billable: false });
    expect((await get('/api/timesheets', `Bearer ${ADA.token}`, { method: 'POST', body: billable })).status).toBe(400);
  });

  it('stops the running timer when another starts, and hides single entities from plain users', async () => {
    fake = await startFakeKimai();
    const customer = fake.addCustomer('ACME');
    const project = fake.addProject('Website', customer.id);
    const activity = fake.addActivity('Design', project.id);
    const start = () => get('/api/timesheets', `Bearer ${ADA.token}`, { method: 'POST', body: JSON.stringify({ project: project.id, activity: activity.id }) });
    await start();
    await start();
    const active = await get('/api/timesheets/active');
    expect(active.json).toHaveLength(1);
    expect(typeof (active.json as Array<{ project: unknown }>)[0]?.project).toBe('object');
    expect((await get(`/api/projects/${project.id}`)).status).toBe(403);
  });

  it('has the absence routes only with the plugin', async () => {
    fake = await startFakeKimai();
    expect((await get('/api/absences/types')).status).toBe(404);
    fake.config.absencePlugin = true;
    expect((await get('/api/absences/types')).status).toBe(200);
    const spanning = await get('/api/absences', `Bearer ${ADA.token}`, {
      method: 'POST',
      body: JSON.stringify({ type: 'holiday', date: '2026-12-28', end: '2027-01-02' }),
    });
    expect(spanning).toMatchObject({ status: 400, json: { errors: { children: { end: { errors: ['An absence cannot span two years.'] } } } } });
  });

  it("shows a team's members only with view_team (administrators as Kimai ships, a granted Teamlead role), and a lead their teams' timesheets either way", async () => {
    fake = await startFakeKimai();
    const [ada, tom, root] = DEFAULT_USERS as [FakeUser, FakeUser, FakeUser];
    const customer = fake.addCustomer('ACME');
    const project = fake.addProject('Website', customer.id);
    const activity = fake.addActivity('Design', project.id);
    const web = fake.addTeam('Web', [{ userId: tom.id, teamlead: true }, { userId: ada.id }]);
    fake.addTimesheet({ userId: ada.id, begin: Date.UTC(2026, 6, 1, 8), end: Date.UTC(2026, 6, 1, 9), projectId: project.id, activityId: activity.id });
    const as = (user: FakeUser, path: string) => get(path, `Bearer ${user.token}`);
    expect(await as(tom, `/api/teams/${web.id}`)).toMatchObject({ status: 403, json: { code: 403 } });
    expect((await as(tom, '/api/teams')).status).toBe(403);
    expect((await as(tom, `/api/teams/${web.id + 1000}`)).status).toBe(404);
    expect((await as(root, `/api/teams/${web.id}`)).json).toMatchObject({
      name: 'Web',
      members: [
        { user: { id: tom.id }, teamlead: true },
        { user: { id: ada.id }, teamlead: false },
      ],
    });
    // A team lead reads their team's timesheets without view_team: user=all is them and their teams' members.
    expect(((await as(tom, '/api/timesheets?user=all')).json as Array<{ user: number }>).map((sheet) => sheet.user)).toEqual([ada.id]);
    fake.config.granted = { ROLE_TEAMLEAD: ['view_team'] };
    expect((await as(tom, `/api/teams/${web.id}`)).status).toBe(200);
    expect((await as(tom, '/api/teams')).json).toEqual([expect.objectContaining({ name: 'Web' })]);
    expect((await as(ada, `/api/teams/${web.id}`)).status).toBe(403);
  });
});
