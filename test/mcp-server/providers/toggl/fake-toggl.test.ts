// The fake Toggl Track follows the API facts the Toggl back end depends on (docs/back-ends/toggl.md): these checks
// keep it honest for everyone who uses it, with plain HTTP requests and no Punchcard code. Each switch the fake offers
// where Toggl's answer is not known is checked both ways.
import { afterEach, describe, expect, it } from 'vitest';
import { ADA_TOKEN, addEntry, addSetup, BOB_TOKEN, type FakeToggl, type FakeTogglOptions, SEED, seedCatalog, seedWorld, startFakeToggl } from './fake-toggl.ts';

// Wednesday 18 November 2026, 09:00 in Berlin.
const START = Date.parse('2026-11-18T08:00:00Z');
const WS = SEED.workspaces.acme;
const ADA = SEED.users.ada;

let fake: FakeToggl | undefined;
let clock = START;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function start(options: FakeTogglOptions = {}): Promise<FakeToggl> {
  clock = START;
  fake = await startFakeToggl({ now: () => clock, ...options });
  seedWorld(fake);
  return fake;
}

interface Answer {
  status: number;
  text: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the fake's JSON, read field by field in each check
  json: any;
  headers: Headers;
}

const basic = (token: string, password = 'api_token') => `Basic ${Buffer.from(`${token}:${password}`).toString('base64')}`;

/** A request to `${path}` below /api/v9 with Ada's token unless told otherwise (null: no Authorization at all). */
async function call(method: string, path: string, body?: unknown, authorization: string | null = basic(ADA_TOKEN)): Promise<Answer> {
  const headers: Record<string, string> = { 'Content-Type': 'application/json', ...(authorization === null ? {} : { Authorization: authorization }) };
  const response = await fetch(`${fake?.url}/api/v9${path}`, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  const text = await response.text();
  let json: unknown;
  try {
    json = text === '' ? undefined : JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, text, json, headers: response.headers };
}

const entryBody = (extra: Record<string, unknown> = {}) => ({
  workspace_id: WS,
  created_with: 'a test',
  start: '2026-11-18T07:00:00Z',
  stop: '2026-11-18T08:00:00Z',
  ...extra,
});

describe('authentication', () => {
  it('takes HTTP Basic with the token and the literal api_token; answers anything else 403 with an empty body', async () => {
    await start();
    for (const authorization of [null, basic('nope'), basic(ADA_TOKEN, 'secret'), `Bearer ${ADA_TOKEN}`]) {
      const answer = await call('GET', '/me', undefined, authorization);
      expect(answer.status).toBe(403);
      expect(answer.text).toBe('');
    }
    expect((await call('GET', '/me')).status).toBe(200);
  });

  it('answers /me with the person, their default workspace and zone, and their API token in it; with related data, their workspaces', async () => {
    await start();
    const me = (await call('GET', '/me')).json;
    expect(me).toMatchObject({ id: ADA, fullname: 'Ada Lovelace', email: 'ada@acme.example', timezone: 'Europe/Berlin', default_workspace_id: WS });
    expect(me.api_token).toBe(ADA_TOKEN);
    expect(me.workspaces).toBeUndefined();
    const related = (await call('GET', '/me?with_related_data=true')).json;
    expect(related.workspaces.map((workspace: { name: string }) => workspace.name)).toEqual(['Acme', 'Side projects']);
    expect((await call('GET', '/me/workspaces')).json.map((workspace: { id: number }) => workspace.id)).toEqual([WS, SEED.workspaces.side]);
  });

  it("says a workspace's plan, role, required fields and lock; refuses a workspace the person is not in (403, in words)", async () => {
    const started = await start();
    const acme = started.state.workspaces[0];
    if (!acme) throw new Error('seeded');
    acme.constraints = { description: true, project: false, tag: false, task: true };
    acme.lockedAt = '2026-11-01T00:00:00Z';
    const workspace = (await call('GET', `/workspaces/${WS}`)).json;
    expect(workspace).toMatchObject({ premium: true, business_ws: false, admin: false, role: 'user' });
    expect(workspace.te_constraints).toMatchObject({
      description_present: true,
      project_present: false,
      task_present: true,
      time_entry_constraints_enabled: true,
    });
    expect((await call('GET', `/workspaces/${WS}`, undefined, basic(BOB_TOKEN))).json).toMatchObject({ admin: true, role: 'admin' });
    expect((await call('GET', `/workspaces/${WS}/preferences`)).json).toMatchObject({ report_locked_at: '2026-11-01T00:00:00Z' });
    acme.members = [SEED.users.bob];
    const refused = await call('GET', `/workspaces/${WS}/projects`);
    expect([refused.status, refused.text]).toEqual([403, 'User does not have access to this resource.\n']);
  });
});

describe('error bodies', () => {
  it('are plain text, a sentence and a newline, by default', async () => {
    await start();
    const answer = await call('POST', `/workspaces/${WS}/time_entries`, entryBody({ created_with: undefined }));
    expect(answer.status).toBe(400);
    expect(answer.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(answer.text).toBe('created_with needs to be provided an a valid string\n');
    const unknown = await call('GET', `/workspaces/${WS}/nothing`);
    expect([unknown.status, unknown.text]).toEqual([404, '404 page not found\n']);
  });

  it('are a JSON string where switched so, as some clients meet them', async () => {
    await start({ errorBodies: 'json' });
    const answer = await call('GET', '/me/time_entries/12345');
    expect(answer.status).toBe(404);
    expect(answer.headers.get('content-type')).toContain('application/json');
    expect(answer.json).toBe('Time entry not found');
  });

  it('answers a body that is not JSON with 400', async () => {
    await start();
    const response = await fetch(`${fake?.url}/api/v9/workspaces/${WS}/time_entries`, {
      method: 'POST',
      headers: { Authorization: basic(ADA_TOKEN), 'Content-Type': 'application/json' },
      body: '{not json',
    });
    expect([response.status, await response.text()]).toEqual([400, 'Invalid JSON input\n']);
  });

  it('answers a failure a test scripts before anything else, once', async () => {
    const started = await start();
    started.failures.add({ method: 'GET', path: '/api/v9/me' }, { status: 503, raw: 'upstream down' });
    expect((await call('GET', '/me')).status).toBe(503);
    expect((await call('GET', '/me')).status).toBe(200);
  });
});

describe('the hourly quotas', () => {
  it("counts the /me requests on the person's own quota: 402 past it, with Toggl's words and the quota headers, until an hour from its first request", async () => {
    await start({ quotas: { user: 3, organisation: 100 } });
    const first = await call('GET', '/me');
    expect(first.headers.get('x-toggl-quota-remaining')).toBe('2');
    expect(first.headers.get('x-toggl-quota-resets-in')).toBe('3600');
    clock += 10 * 60_000;
    await call('GET', '/me');
    await call('GET', '/me/workspaces');
    // The workspace's requests are on another quota, which is not used up.
    expect((await call('GET', `/workspaces/${WS}/clients`)).status).toBe(200);
    const spent = await call('GET', '/me');
    expect(spent.status).toBe(402);
    expect(spent.text).toBe('You have hit your hourly limit for API calls. The quota will reset in 3000 seconds.\n');
    expect(spent.headers.get('x-toggl-quota-remaining')).toBe('0');
    expect(spent.headers.get('x-toggl-quota-resets-in')).toBe('3000');
    clock = START + 3_600_000;
    expect((await call('GET', '/me')).status).toBe(200);
  });

  it("counts the workspace's requests per person per organisation, each person apart", async () => {
    await start({ quotas: { user: 100, organisation: 2 } });
    expect((await call('GET', `/workspaces/${WS}/clients`)).status).toBe(200);
    expect((await call('GET', `/workspaces/${SEED.workspaces.side}/clients`)).status).toBe(200);
    // Both workspaces are the same organisation's.
    expect((await call('GET', `/workspaces/${WS}/clients`)).status).toBe(402);
    expect((await call('GET', `/workspaces/${WS}/clients`, undefined, basic(BOB_TOKEN))).status).toBe(200);
    expect((await call('GET', '/me')).status).toBe(200);
  });

  it("counts /me/time_entries on the person's own quota by default, on the organisation's where switched", async () => {
    await start({ quotas: { user: 1, organisation: 100 } });
    expect((await call('GET', '/me/time_entries')).status).toBe(200);
    expect((await call('GET', '/me/time_entries/current')).status).toBe(402);
    await fake?.close();
    fake = await startFakeToggl({ now: () => clock, quotas: { user: 1, organisation: 100 }, meEntriesOnUserQuota: false });
    seedWorld(fake);
    for (let index = 0; index < 3; index++) expect((await call('GET', '/me/time_entries')).status).toBe(200);
    expect((await call('GET', '/me')).status).toBe(200);
    expect((await call('GET', '/me')).status).toBe(402);
  });

  it('answers the 402 with a JSON string or an empty body, and without the headers, where switched', async () => {
    for (const quotaBody of ['json', 'empty'] as const) {
      await start({ quotas: { user: 0, organisation: 0 }, quotaBody, quotaHeaders: false });
      const answer = await call('GET', '/me');
      expect(answer.status).toBe(402);
      expect(answer.headers.get('x-toggl-quota-resets-in')).toBeNull();
      if (quotaBody === 'json') expect(answer.json).toBe('You have hit your hourly limit for API calls. The quota will reset in 3600 seconds.');
      else expect(answer.text).toBe('');
      await fake?.close();
      fake = undefined;
    }
  });

  it('answers a premium feature with 402 in its own words, which are not a quota', async () => {
    const started = await start();
    const acme = started.state.workspaces[0];
    if (!acme) throw new Error('seeded');
    acme.premium = false;
    const billable = await call('POST', `/workspaces/${WS}/time_entries`, entryBody({ billable: true }));
    expect([billable.status, billable.text]).toEqual([402, 'Billable is a premium feature\n']);
    expect((await call('GET', `/workspaces/${WS}/tasks`)).text).toBe('Workspace needs to have this feature enabled\n');
  });
});

describe('paging', () => {
  it('pages projects by page and per_page (at most 200, or fewer where the fake keeps fewer), with the count of all on every item', async () => {
    const started = await start({ maxPerPage: 2 });
    seedCatalog(started, { customer: 'Acme Corp', projects: ['One', 'Two', 'Three', 'Four', 'Five'].map((name) => ({ name })), task: 'Build' });
    const first = (await call('GET', `/workspaces/${WS}/projects?active=true&per_page=200&page=1`)).json;
    expect(first.map((project: { name: string }) => project.name)).toEqual(['One', 'Two']);
    expect(first.every((project: { total_count: number }) => project.total_count === 5)).toBe(true);
    expect((await call('GET', `/workspaces/${WS}/projects?active=true&per_page=200&page=3`)).json).toHaveLength(1);
    expect((await call('GET', `/workspaces/${WS}/projects?active=true&per_page=200&page=4`)).json).toEqual([]);
  });

  it('pages tasks in {data, page, per_page, total_count}', async () => {
    const started = await start({ maxPerPage: 2 });
    seedCatalog(started, { customer: 'Acme Corp', projects: ['One', 'Two', 'Three'].map((name) => ({ name })), task: 'Build' });
    const second = (await call('GET', `/workspaces/${WS}/tasks?per_page=200&page=2`)).json;
    expect(second).toMatchObject({ page: 2, per_page: 2, total_count: 3 });
    expect(second.data).toHaveLength(1);
  });

  it("keeps archived projects out unless asked for both, and a private project's name from everyone but its members and admins", async () => {
    const started = await start();
    seedCatalog(started, {
      customer: 'Acme Corp',
      projects: [{ name: 'Open' }, { name: 'Old', active: false }, { name: 'Secret', isPrivate: true, members: [] }],
      task: 'Build',
    });
    const names = async (query: string, token = ADA_TOKEN) =>
      ((await call('GET', `/workspaces/${WS}/projects?${query}`, undefined, basic(token))).json as Array<{ name: string }>).map((project) => project.name);
    expect(await names('active=true')).toEqual(['Open']);
    expect(await names('active=both')).toEqual(['Open', 'Old']);
    const forBob = (await call('GET', `/workspaces/${WS}/projects?active=true`, undefined, basic(BOB_TOKEN))).json;
    expect(forBob.map((project: { name: string; can_track_time: boolean }) => [project.name, project.can_track_time])).toEqual([
      ['Open', true],
      ['Secret', false],
    ]);
  });
});

describe('time entries', () => {
  it("lists the person's own entries of every workspace by their start, newest first, without paging, with names under meta", async () => {
    const started = await start();
    const ids = seedCatalog(started, { customer: 'Acme Corp', projects: [{ name: 'Website' }], task: 'Build' });
    addEntry(started, { userId: ADA, start: Date.parse('2026-11-16T08:00:00Z'), stop: Date.parse('2026-11-16T09:00:00Z'), projectId: ids.Website ?? 0 });
    addEntry(started, { userId: ADA, start: Date.parse('2026-11-17T08:00:00Z'), stop: Date.parse('2026-11-17T09:00:00Z'), workspaceId: SEED.workspaces.side });
    addEntry(started, { userId: SEED.users.bob, start: Date.parse('2026-11-17T10:00:00Z'), stop: Date.parse('2026-11-17T11:00:00Z') });
    addEntry(started, { userId: ADA, start: Date.parse('2026-10-01T08:00:00Z'), stop: Date.parse('2026-10-01T09:00:00Z') });
    const listed = (await call('GET', '/me/time_entries?start_date=2026-11-16&end_date=2026-11-18&meta=true')).json;
    expect(listed.map((entry: { start: string; workspace_id: number }) => [entry.start, entry.workspace_id])).toEqual([
      ['2026-11-17T08:00:00+00:00', SEED.workspaces.side],
      ['2026-11-16T08:00:00+00:00', WS],
    ]);
    expect(listed[1]).toMatchObject({ project_name: 'Website', client_name: 'Acme Corp', duration: 3600 });
    // Without dates, the last nine days; with only one of them, refused.
    expect((await call('GET', '/me/time_entries')).json).toHaveLength(2);
    expect((await call('GET', '/me/time_entries?start_date=2026-11-16')).status).toBe(400);
  });

  it('lists entries without a limit of how far back by default; where switched, refuses an older start_date in words', async () => {
    const started = await start();
    addEntry(started, { userId: ADA, start: Date.parse('2026-01-05T08:00:00Z'), stop: Date.parse('2026-01-05T09:00:00Z') });
    expect((await call('GET', '/me/time_entries?start_date=2026-01-01&end_date=2026-02-01')).json).toHaveLength(1);
    await fake?.close();
    fake = await startFakeToggl({ now: () => clock, entriesReachDays: 92 });
    seedWorld(fake);
    const older = await call('GET', '/me/time_entries?start_date=2026-01-01&end_date=2026-02-01');
    expect([older.status, older.text]).toEqual([400, 'start_date must not be earlier than 2026-08-18\n']);
    expect((await call('GET', '/me/time_entries?start_date=2026-08-18&end_date=2026-11-19')).status).toBe(200);
  });

  it('says a running entry with no stop and a duration of -1, or the negated epoch seconds of its start where switched', async () => {
    for (const runningDuration of ['minus_one', 'epoch'] as const) {
      const started = await start({ runningDuration });
      const running = addEntry(started, { userId: ADA, start: Date.parse('2026-11-18T07:30:00Z') });
      const current = (await call('GET', '/me/time_entries/current')).json;
      expect(current).toMatchObject({ id: running.id, stop: null, start: '2026-11-18T07:30:00+00:00' });
      expect(current.duration).toBe(runningDuration === 'epoch' ? -Date.parse('2026-11-18T07:30:00Z') / 1000 : -1);
      await fake?.close();
      fake = undefined;
    }
  });

  it('answers the current entry with null when none runs, and an entry by id only to its own person', async () => {
    const started = await start();
    expect((await call('GET', '/me/time_entries/current')).text).toBe('null');
    const bobs = addEntry(started, { userId: SEED.users.bob, start: START - 3_600_000, stop: START });
    expect((await call('GET', `/me/time_entries/${bobs.id}`)).status).toBe(404);
    expect((await call('GET', `/me/time_entries/${bobs.id}`, undefined, basic(BOB_TOKEN))).json).toMatchObject({ id: bobs.id });
  });

  it('creates an entry (200), one running per person across workspaces: a new one stops the old one', async () => {
    const started = await start();
    const elsewhere = addEntry(started, { userId: ADA, start: START - 3_600_000, workspaceId: SEED.workspaces.side });
    const created = await call('POST', `/workspaces/${WS}/time_entries`, entryBody({ stop: undefined, duration: -1, start: '2026-11-18T08:00:00Z' }));
    expect(created.status).toBe(200);
    expect(created.json).toMatchObject({ workspace_id: WS, stop: null, duration: -1 });
    expect(elsewhere.stop).toBe(START);
    expect(started.state.entries.filter((entry) => entry.stop === null)).toHaveLength(1);
  });

  it('refuses what Toggl refuses on a write, in its words', async () => {
    const started = await start();
    const ids = seedCatalog(started, { customer: 'Acme Corp', projects: [{ name: 'Old', active: false }, { name: 'Open' }], task: 'Build' });
    const refusal = async (body: Record<string, unknown>) => {
      const answer = await call('POST', `/workspaces/${WS}/time_entries`, entryBody(body));
      return [answer.status, answer.text.trim()];
    };
    expect(await refusal({ duration: 1800 })).toEqual([400, 'Stop and duration do not match']);
    expect(await refusal({ stop: '2026-11-18T06:00:00Z' })).toEqual([400, 'Stop time must be after start time']);
    expect(await refusal({ start: 'yesterday' })).toEqual([400, 'Invalid start date']);
    expect(await refusal({ workspace_id: SEED.workspaces.side })).toEqual([400, 'Workspace ID mismatch']);
    expect(await refusal({ project_id: ids.Old })).toEqual([403, 'User cannot access the selected project']);
    expect(await refusal({ project_id: ids.Open, task_id: ids['Old/Build'] })).toEqual([403, 'User cannot access selected task']);
    const acme = started.state.workspaces[0];
    if (!acme) throw new Error('seeded');
    acme.lockedAt = '2026-11-18T07:30:00Z';
    expect(await refusal({})).toEqual([400, "Entries can't be added or edited in this period"]);
    acme.lockedAt = null;
    acme.constraints = { description: false, project: true, tag: false, task: false };
    expect(await refusal({})).toEqual([400, 'Project is required']);
    expect(started.state.entries).toEqual([]);
  });

  it('makes a tag it does not have, unless only admins may make tags there (403)', async () => {
    const started = await start();
    expect((await call('POST', `/workspaces/${WS}/time_entries`, entryBody({ tags: ['ai-claude'] }))).json.tags).toEqual(['ai-claude']);
    expect(started.state.tags.map((tag) => tag.name)).toEqual(['ai-claude']);
    const acme = started.state.workspaces[0];
    if (!acme) throw new Error('seeded');
    acme.onlyAdminsMayCreateTags = true;
    const refused = await call('POST', `/workspaces/${WS}/time_entries`, entryBody({ tags: ['ai-codex'] }));
    expect([refused.status, refused.text.trim()]).toEqual([403, 'Only organization or workspace administrators may manage tags in this workspace.']);
    expect((await call('POST', `/workspaces/${WS}/time_entries`, entryBody({ tags: ['ai-codex'] }), basic(BOB_TOKEN))).status).toBe(200);
  });

  it("stops a running entry with PATCH …/stop (409 when already stopped), changes one with PUT, deletes with 200 and no body; another's is 403", async () => {
    const started = await start();
    const running = addEntry(started, { userId: ADA, start: START - 1_800_000 });
    const path = `/workspaces/${WS}/time_entries/${running.id}`;
    expect((await call('PATCH', `${path}/stop`)).json).toMatchObject({ stop: '2026-11-18T08:00:00+00:00', duration: 1800 });
    const again = await call('PATCH', `${path}/stop`);
    expect([again.status, again.text]).toEqual([409, 'Time entry already stopped\n']);
    expect((await call('PUT', path, { description: 'Review' })).json).toMatchObject({ description: 'Review', duration: 1800 });
    expect((await call('PUT', path, undefined, basic(BOB_TOKEN))).status).toBe(403);
    const deleted = await call('DELETE', path);
    expect([deleted.status, deleted.text]).toEqual([200, '']);
    expect((await call('GET', `/me/time_entries/${running.id}`)).status).toBe(404);
    expect((await call('DELETE', path)).status).toBe(404);
  });
});

describe("what a lead and an admin read (the workspace's people, project users, the detailed report)", () => {
  const BOB = SEED.users.bob;
  /** A Reports API v3 request, with `token`. */
  async function report(body: unknown, token = BOB_TOKEN): Promise<Answer> {
    const response = await fetch(`${fake?.url}/reports/api/v3/workspace/${WS}/search/time_entries`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: basic(token) },
      body: JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, text, json: text.startsWith('[') ? JSON.parse(text) : undefined, headers: response.headers };
  }

  it("lists the workspace's people to an admin, each workspace user's id apart from the user's, and 403s a member", async () => {
    await start();
    const listed = await call('GET', `/workspaces/${WS}/workspace_users`, undefined, basic(BOB_TOKEN));
    expect(listed.status).toBe(200);
    const ada = listed.json.find((user: { uid: number }) => user.uid === ADA);
    expect(ada).toMatchObject({ uid: ADA, role: 'user', inactive: false, name: 'Ada Lovelace' });
    expect(ada.id).not.toBe(ADA);
    expect((await call('GET', `/workspaces/${WS}/workspace_users`)).status).toBe(403);
    expect((await call('PUT', `/workspaces/${WS}/workspace_users/${ada.id}`, { inactive: true })).status).toBe(403);
    const changed = await call('PUT', `/workspaces/${WS}/workspace_users/${ada.id}`, { role: 'teamlead' }, basic(BOB_TOKEN));
    // A Lead role is Premium's: Acme is on Starter.
    expect(changed.status).toBe(402);
  });

  it("pages the detailed report by X-Next-Row-Number, finished entries only, and shows a member nobody's but their own", async () => {
    await start();
    for (let index = 0; index < 3; index++)
      addEntry(fake as FakeToggl, {
        userId: ADA,
        start: START - (index + 2) * 3_600_000,
        stop: START - (index + 1) * 3_600_000 - 60_000,
        description: `d${index}`,
      });
    addEntry(fake as FakeToggl, { userId: ADA, start: START - 600_000 });
    const dates = { start_date: '2026-11-17', end_date: '2026-11-18' };
    const first = await report({ ...dates, user_ids: [ADA], page_size: 2 });
    expect(first.json).toHaveLength(2);
    expect(first.headers.get('x-next-row-number')).toBe('3');
    const second = await report({ ...dates, user_ids: [ADA], page_size: 2, first_row_number: 3 });
    expect(second.json.map((row: { row_number: number }) => row.row_number)).toEqual([3]);
    expect(second.headers.get('x-next-row-number')).toBeNull();
    expect((await report({ ...dates, user_ids: [ADA] }, ADA_TOKEN)).json).toHaveLength(3);
    addEntry(fake as FakeToggl, { userId: BOB, start: START - 7_200_000, stop: START - 3_600_000 });
    expect((await report({ ...dates, user_ids: [BOB] }, ADA_TOKEN)).json).toEqual([]);
    expect((await report({ user_ids: [ADA] })).status).toBe(400);
  });
});

describe('timesheet approvals (Premium)', () => {
  const BOB = SEED.users.bob;
  /** Acme on Premium, Ada's weeks from Monday 5 January under a setup Bob approves. */
  async function premium(options: FakeTogglOptions = {}) {
    const started = await start(options);
    const acme = started.state.workspaces.find((workspace) => workspace.id === WS);
    if (acme) acme.business = true;
    return addSetup(started, { memberId: ADA, approverIds: [BOB] });
  }
  const list = (query: string, token = ADA_TOKEN) => call('GET', `/workspaces/${WS}/timesheets?${query}`, undefined, basic(token));

  it('answers 402 "Approvals are a premium feature" below Premium', async () => {
    await start();
    const answer = await call('GET', `/workspaces/${WS}/timesheet_setups?member_ids=${ADA}`);
    expect([answer.status, answer.text]).toEqual([402, 'Approvals are a premium feature\n']);
  });

  it('lists the setups naming the person, as member or approver, in {data}', async () => {
    const setup = await premium();
    expect((await call('GET', `/workspaces/${WS}/timesheet_setups?member_ids=${ADA}`)).json.data.map((item: { id: number }) => item.id)).toEqual([setup.id]);
    expect((await call('GET', `/workspaces/${WS}/timesheet_setups?approver_ids=${ADA}`)).json).toEqual({ data: [] });
    const approves = await call('GET', `/workspaces/${WS}/timesheet_setups?approver_ids=${BOB}`, undefined, basic(BOB_TOKEN));
    expect(approves.json.data).toEqual([expect.objectContaining({ id: setup.id, member_id: ADA, periodicity: 'weekly', start_date: '2026-01-05' })]);
  });

  it('lists periods starting after and before the days named, leaving them out, or taking them in where switched', async () => {
    await premium();
    const starts = async (query: string) => (await list(query)).json.data.map((item: { start_date: string }) => item.start_date);
    expect(await starts(`member_ids=${ADA}&after=2026-11-02&before=2026-11-16`)).toEqual(['2026-11-09']);
    await fake?.close();
    await premium({ timesheetBounds: 'inclusive' });
    expect(await starts(`member_ids=${ADA}&after=2026-11-02&before=2026-11-16`)).toEqual(['2026-11-02', '2026-11-09', '2026-11-16']);
  });

  it('answers the list as one page, an array of pages or a bare array, and its words in either case, as switched', async () => {
    await premium({ timesheetsListForm: 'pages', timesheetStatusCase: 'upper' });
    const pages = (await list(`member_ids=${ADA}&after=2026-11-08&before=2026-11-10`)).json;
    expect(pages).toEqual([expect.objectContaining({ page: 1, per_page: 20, total_count: 1, data: [expect.objectContaining({ status: 'OPEN' })] })]);
    await fake?.close();
    await premium({ timesheetsListForm: 'array', openTimesheetsListed: false });
    expect((await list(`member_ids=${ADA}&after=2026-11-08&before=2026-11-10`)).json).toEqual([]);
  });

  it('moves a timesheet as its member and approver may, refuses any other move in its words, and locks an approved period', async () => {
    const setup = await premium();
    const put = (body: unknown, token = ADA_TOKEN, day = '2026-11-09') => call('PUT', `/workspaces/${WS}/timesheets/${setup.id}/${day}`, body, basic(token));
    expect((await put({ status: 'approved' })).text).toBe('Invalid timesheet transition\n');
    expect((await put({ status: 'submitted' }, ADA_TOKEN, '2026-11-10')).text).toBe('Invalid date\n');
    expect((await put({ status: 'pending' })).text).toBe('Invalid status\n');
    expect((await put({ status: 'submitted' })).json).toMatchObject({
      status: 'submitted',
      period_locked: false,
      member_id: ADA,
      timesheet_setup_id: setup.id,
    });
    expect((await put({ status: 'approved', rejection_comment: 'fine' }, BOB_TOKEN)).text).toBe('Invalid status for rejection comment\n');
    expect((await put({ status: 'approved' }, BOB_TOKEN)).json).toMatchObject({
      status: 'approved',
      period_locked: true,
      approved_or_rejected_name: 'Bob Builder',
    });
    // Ada's time in it is kept: Toggl's words, as its own app knows them.
    const write = await call('POST', `/workspaces/${WS}/time_entries`, entryBody({ start: '2026-11-10T08:00:00Z', stop: '2026-11-10T09:00:00Z' }));
    expect([write.status, write.text]).toEqual([400, 'Cannot change locked time entry.\n']);
    expect((await put({ status: 'reopened' }, BOB_TOKEN)).json).toMatchObject({ status: 'reopened', period_locked: false });
  });
});

describe("an admin's catalog and rates", () => {
  const bob = basic(BOB_TOKEN);
  const acme = () => {
    const found = fake?.state.workspaces.find((workspace) => workspace.id === WS);
    if (!found) throw new Error('no Acme');
    return found;
  };

  it('adds a client, a project (private unless said, or public where switched) and a task; refuses anyone but an admin 403 in words', async () => {
    await start();
    const client = await call('POST', `/workspaces/${WS}/clients`, { name: 'Globex' }, bob);
    expect(client.status).toBe(200);
    expect(client.json).toMatchObject({ name: 'Globex', archived: false });
    expect((await call('POST', `/workspaces/${WS}/clients`, { name: ' ' }, bob)).text).toBe('Client name cannot be empty\n');
    const project = await call('POST', `/workspaces/${WS}/projects`, { name: 'Relaunch', active: true, client_id: client.json.id }, bob);
    expect(project.json).toMatchObject({ name: 'Relaunch', is_private: true, client_id: client.json.id });
    const open = await call('POST', `/workspaces/${WS}/projects`, { name: 'Open', active: true, is_private: false }, bob);
    expect(open.json.is_private).toBe(false);
    const task = await call('POST', `/workspaces/${WS}/projects/${project.json.id}/tasks`, { name: 'Design' }, bob);
    expect(task.json).toMatchObject({ name: 'Design', project_id: project.json.id, active: true });
    const refused = await call('POST', `/workspaces/${WS}/projects`, { name: 'Mine' });
    expect(refused.status).toBe(403);
    expect(refused.text).toBe('Only admins may create projects in this workspace\n');
    await fake?.close();
    await start({ projectsPrivateByDefault: false });
    expect((await call('POST', `/workspaces/${WS}/projects`, { name: 'Relaunch' }, bob)).json.is_private).toBe(false);
  });

  it('archives a project and a task by active false, a task of an archived project refused 400; changes only the fields sent', async () => {
    await start();
    const ids = seedCatalog(fake as FakeToggl, { customer: 'Acme Corp', projects: [{ name: 'Website' }], task: 'Development' });
    const task = ids['Website/Development'];
    const done = await call('PUT', `/workspaces/${WS}/projects/${ids.Website}/tasks/${task}`, { active: false }, bob);
    expect(done.json).toMatchObject({ id: task, active: false });
    const archived = await call('PUT', `/workspaces/${WS}/projects/${ids.Website}`, { active: false }, bob);
    expect(archived.json).toMatchObject({ name: 'Website', active: false, billable: true });
    const closed = await call('PUT', `/workspaces/${WS}/projects/${ids.Website}/tasks/${task}`, { active: true }, bob);
    expect([closed.status, closed.text]).toEqual([400, 'Can not change tasks of archived project\n']);
    // Starter: no estimates (a Premium feature), billable kept.
    const estimate = await call('PUT', `/workspaces/${WS}/projects/${ids.Website}`, { estimated_hours: 10 }, bob);
    expect(estimate.status).toBe(402);
    const renamed = await call('PUT', `/workspaces/${WS}/clients/${ids['Acme Corp']}`, { notes: 'Monthly' }, bob);
    expect(renamed.json).toMatchObject({ name: 'Acme Corp', notes: 'Monthly' });
  });

  it('archives a client with its projects on Premium alone (403 below, or 402 where switched), and restores the client alone unless asked', async () => {
    await start();
    const ids = seedCatalog(fake as FakeToggl, { customer: 'Acme Corp', projects: [{ name: 'Website' }, { name: 'Internal' }], task: 'Development' });
    const below = await call('POST', `/workspaces/${WS}/clients/${ids['Acme Corp']}/archive`, undefined, bob);
    expect([below.status, below.text]).toEqual([403, 'Only for premium workspaces\n']);
    acme().business = true;
    const archived = await call('POST', `/workspaces/${WS}/clients/${ids['Acme Corp']}/archive`, undefined, bob);
    expect(archived.json).toEqual([ids.Website, ids.Internal]);
    expect((fake as FakeToggl).state.projects.every((project) => !project.active)).toBe(true);
    await call('POST', `/workspaces/${WS}/clients/${ids['Acme Corp']}/restore`, { restore_all_projects: false }, bob);
    expect((fake as FakeToggl).state.clients[0]?.archived).toBe(false);
    expect((fake as FakeToggl).state.projects.every((project) => !project.active)).toBe(true);
    await fake?.close();
    await start({ clientArchiveBelowPremium: 402 });
    const client = seedCatalog(fake as FakeToggl, { customer: 'Acme Corp', projects: [], task: 'Development' })['Acme Corp'];
    expect((await call('POST', `/workspaces/${WS}/clients/${client}/archive`, undefined, bob)).status).toBe(402);
  });

  it('adds a rate from today (201), ending the one before yesterday; reads each level by type; 402 on Free, 403 to a member', async () => {
    await start();
    const ids = seedCatalog(fake as FakeToggl, { customer: 'Acme Corp', projects: [{ name: 'Website' }], task: 'Development' });
    const rate = { level: 'project', level_id: ids.Website, type: 'billable_rates', mode: 'start-today' };
    const first = await call('POST', `/workspaces/${WS}/rates`, { ...rate, amount: 80 }, bob);
    expect(first.status).toBe(201);
    expect(first.json).toMatchObject({ amount: 80, start: '2026-11-18T00:00:00Z', end: null, project_id: ids.Website });
    await call('POST', `/workspaces/${WS}/rates`, { ...rate, amount: 95 }, bob);
    const read = await call('GET', `/workspaces/${WS}/rates/project/${ids.Website}?type=billable_rates`, undefined, bob);
    expect(read.json.map((item: { amount: number; end: string | null }) => [item.amount, item.end])).toEqual([
      [80, '2026-11-17T23:59:59Z'],
      [95, null],
    ]);
    expect((await call('GET', `/workspaces/${WS}/rates/project/${ids.Website}?type=labor_costs`, undefined, bob)).json).toEqual([]);
    expect((await call('POST', `/workspaces/${WS}/rates`, { ...rate, amount: 0 }, bob)).status).toBe(400);
    expect((await call('POST', `/workspaces/${WS}/rates`, { level: 'project', level_id: ids.Website, type: 'billable_rates', amount: 9 }, bob)).status).toBe(
      400,
    );
    const member = await call('POST', `/workspaces/${WS}/rates`, { ...rate, amount: 50 });
    expect([member.status, member.text]).toEqual([403, 'User cannot access billable rate(s).\n']);
    acme().premium = false;
    const free = await call('POST', `/workspaces/${WS}/rates`, { ...rate, amount: 50 }, bob);
    expect([free.status, free.text]).toEqual([402, 'Billable rates are available for Starter and higher plans.\n']);
  });

  it("shows a workspace user's and a project user's current rate in their lists", async () => {
    await start();
    const ids = seedCatalog(fake as FakeToggl, { customer: 'Acme Corp', projects: [{ name: 'Website', members: [ADA] }], task: 'Development' });
    const people = await call('GET', `/workspaces/${WS}/workspace_users`, undefined, bob);
    const ada = people.json.find((user: { uid: number }) => user.uid === ADA);
    await call('POST', `/workspaces/${WS}/rates`, { level: 'workspace_user', level_id: ada.id, type: 'labor_rates', amount: 30, mode: 'start-today' }, bob);
    const members = await call('GET', `/workspaces/${WS}/project_users?project_ids=${ids.Website}`, undefined, bob);
    expect(members.json.map((member: { user_id: number }) => member.user_id)).toEqual([ADA]);
    await call(
      'POST',
      `/workspaces/${WS}/rates`,
      { level: 'project_user', level_id: members.json[0].id, type: 'billable_rates', amount: 70, mode: 'start-today' },
      bob,
    );
    expect((await call('GET', `/workspaces/${WS}/workspace_users`, undefined, bob)).json.find((user: { uid: number }) => user.uid === ADA)).toMatchObject({
      rate: null,
      labor_cost: 30,
    });
    expect((await call('GET', `/workspaces/${WS}/project_users?project_ids=${ids.Website}`, undefined, bob)).json[0]).toMatchObject({ rate: 70 });
  });
});

describe("the organization's invitations and the workspace's lighter list of people", () => {
  it("answers each person their organizations, admin and owner as they are; invites for an organization admin alone, 400 in the swagger's words", async () => {
    await start();
    const bob = basic(BOB_TOKEN);
    expect((await call('GET', '/me/organizations', undefined, bob)).json).toMatchObject([{ id: SEED.organisation, admin: true, owner: true }]);
    expect((await call('GET', '/me/organizations')).json).toMatchObject([{ id: SEED.organisation, admin: false, owner: false }]);
    const path = `/organizations/${SEED.organisation}/invitations`;
    const body = { emails: ['cleo@acme.example'], workspaces: [{ workspace_id: WS, role: 'user' }] };
    const refused = await call('POST', path, body);
    expect([refused.status, refused.text]).toEqual([403, 'User is not authorized to invite users to the organization\n']);
    expect((await call('POST', path, { ...body, emails: [] }, bob)).text).toBe('at least one email is required\n');
    expect((await call('POST', path, { ...body, workspaces: [] }, bob)).text).toBe('at least one workspace is required\n');
    expect((await call('POST', path, { ...body, emails: ['cleo'] }, bob)).text).toBe("Invalid e-mail: 'cleo'\n");
    // A Lead role is Premium's: Acme is on Starter.
    expect((await call('POST', path, { ...body, workspaces: [{ workspace_id: WS, role: 'teamlead' }] }, bob)).status).toBe(402);
    expect(fake?.state.invitations).toEqual([]);
    const invited = await call('POST', path, { ...body, emails: ['cleo@acme.example', 'ada@acme.example'] }, bob);
    expect(invited.status).toBe(200);
    expect(invited.json.data).toMatchObject([
      { email: 'cleo@acme.example', organization_id: SEED.organisation, recipient_id: null, sender_id: SEED.users.bob },
      { email: 'ada@acme.example', recipient_id: ADA },
    ]);
    expect(invited.json.data[0].invitation_id).toBe(fake?.state.invitations[0]?.id);
  });

  it("lists the workspace's people lighter to any member, each by the user's own id, without working hours", async () => {
    await start();
    const listed = await call('GET', `/workspaces/${WS}/users`);
    expect(listed.status).toBe(200);
    expect(listed.json).toEqual([
      { id: ADA, fullname: 'Ada Lovelace', email: 'ada@acme.example', role: 'user', inactive: false, is_active: true },
      { id: SEED.users.bob, fullname: 'Bob Builder', email: 'bob@acme.example', role: 'admin', inactive: false, is_active: true },
    ]);
  });
});

describe("the workspace's user groups", () => {
  it("lists them to an admin, 403 to anyone else, and names each member's in their workspace user's group_ids", async () => {
    await start();
    const acme = fake?.state.workspaces.find((workspace) => workspace.id === WS);
    if (acme) acme.groups = [{ id: 51, name: 'Design', members: [ADA] }];
    const bob = basic(BOB_TOKEN);
    expect((await call('GET', `/workspaces/${WS}/groups`, undefined, bob)).json).toMatchObject([{ id: 51, name: 'Design', workspace_id: WS, has_users: true }]);
    expect((await call('GET', `/workspaces/${WS}/groups`)).status).toBe(403);
    const users = (await call('GET', `/workspaces/${WS}/workspace_users`, undefined, bob)).json as Array<{ uid: number; group_ids: number[] }>;
    expect(users.map((user) => [user.uid, user.group_ids])).toEqual([
      [ADA, [51]],
      [SEED.users.bob, []],
    ]);
  });
});
