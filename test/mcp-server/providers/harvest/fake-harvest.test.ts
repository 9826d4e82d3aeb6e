// The fake Harvest against the facts it follows (docs/back-ends/harvest.md), over plain HTTP: what every request
// needs, the 401 OAuth body, Harvest ID's accounts, cursor links that keep the filters, the page size's bound, the
// limit of 100 requests in 15 seconds by the fake's clock, a timer on each kind of account, Harvest's stop and
// restart, one timer per person, what a member may not see, and each switch where the reference does not know.
import http from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { movableClockStartingAt } from '../../../support/fake-clock.ts';
import {
  ACME,
  ADA_TOKEN,
  BOB_TOKEN,
  addEntry,
  addProject,
  addTeammates,
  type FakeHarvest,
  type FakeHarvestOptions,
  startFakeHarvest,
  USER_AGENT_REQUIRED,
} from './fake-harvest.ts';

const NOW = '2026-11-18T08:00:00+01:00';
let fake: FakeHarvest | undefined;
afterEach(async () => fake?.close());

async function started(options: FakeHarvestOptions = {}, clock = movableClockStartingAt(NOW)) {
  fake = await startFakeHarvest({ now: clock, ...options });
  const website = addProject(fake, { name: 'Website', client: 'Acme', tasks: ['Development'], users: [1_001, 1_002] });
  const task = fake.state.tasks[0]?.id ?? 0;
  return { fake, clock, website: website.id, task };
}

const HEADERS = { Authorization: `Bearer ${ADA_TOKEN}`, 'Harvest-Account-Id': String(ACME), 'User-Agent': 'Punchcard (https://example.com)' };
async function send(path: string, init: { method?: string; body?: unknown; headers?: Record<string, string | undefined> } = {}) {
  const headers = Object.fromEntries(Object.entries({ ...HEADERS, ...init.headers }).filter((pair): pair is [string, string] => pair[1] !== undefined));
  const response = await fetch(`${fake?.url}${path}`, {
    method: init.method ?? 'GET',
    headers: { ...headers, ...(init.body ? { 'Content-Type': 'application/json' } : {}) },
    ...(init.body ? { body: JSON.stringify(init.body) } : {}),
  });
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, text, json: json as Record<string, unknown>, headers: response.headers };
}

/** A request with no User-Agent at all (fetch would send its own). */
function withoutUserAgent(path: string): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      `${fake?.url}${path}`,
      { headers: { Authorization: HEADERS.Authorization, 'Harvest-Account-Id': HEADERS['Harvest-Account-Id'] } },
      (response) => {
        let text = '';
        response.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: JSON.parse(text) as unknown }));
      },
    );
    request.on('error', reject);
    request.end();
  });
}

describe('what every request needs', () => {
  it('a User-Agent (400), a token it knows and an account of the token’s (the 401 OAuth body)', async () => {
    await started();
    expect(await withoutUserAgent('/v2/users/me')).toEqual({ status: 400, body: { message: USER_AGENT_REQUIRED } });
    const refused = await send('/v2/users/me', { headers: { Authorization: 'Bearer nope' } });
    expect(refused).toMatchObject({ status: 401, json: { error: 'invalid_token' } });
    expect(await send('/v2/users/me', { headers: { 'Harvest-Account-Id': undefined } })).toMatchObject({ status: 401, json: { error: 'invalid_token' } });
    expect(await send('/v2/users/me')).toMatchObject({ status: 200, json: { id: 1_001, timezone: 'Berlin', weekly_capacity: 144_000 } });
  });

  it("Harvest ID lists the token's accounts without an account header, Forecast's too", async () => {
    await started();
    const accounts = await send('/api/v2/accounts', { headers: { 'Harvest-Account-Id': undefined } });
    expect(accounts.json).toMatchObject({ user: { id: 1_001 }, accounts: [{ id: ACME, product: 'harvest' }] });
  });
});

describe('lists', () => {
  it('pages by cursor links that keep the filters; per_page above 2000 is a 422', async () => {
    const { website, task } = await started({ pageCap: 1 });
    for (const day of ['16', '17'])
      addEntry(fake as FakeHarvest, {
        userId: 1_001,
        projectId: website,
        taskId: task,
        start: Date.parse(`2026-11-${day}T09:00:00+01:00`),
        end: Date.parse(`2026-11-${day}T10:00:00+01:00`),
      });
    const first = await send('/v2/time_entries?user_id=1001&from=2026-11-16&to=2026-11-17');
    const next = (first.json.links as { next: string }).next;
    expect(new URL(next).searchParams.get('user_id')).toBe('1001');
    expect(new URL(next).searchParams.get('ref')).toBe('next_cursor');
    const second = await send(new URL(next).pathname + new URL(next).search);
    expect((second.json.time_entries as unknown[]).length).toBe(1);
    expect((second.json.links as { next: string | null }).next).toBeNull();
    expect((await send('/v2/time_entries?per_page=2001')).status).toBe(422);
  });

  it("a member sees their own entries; an administrator everyone's; a colleague's entry answers the switch (403 or 404)", async () => {
    for (const colleagueEntry of [403, 404] as const) {
      const { website, task } = await started({ colleagueEntry });
      const bobs = addEntry(fake as FakeHarvest, {
        userId: 1_002,
        projectId: website,
        taskId: task,
        start: Date.parse('2026-11-16T09:00:00+01:00'),
        end: Date.parse('2026-11-16T10:00:00+01:00'),
      });
      expect((await send('/v2/time_entries')).json.time_entries).toEqual([]);
      expect((await send(`/v2/time_entries/${bobs.id}`)).status).toBe(colleagueEntry);
      expect(((await send('/v2/time_entries', { headers: { Authorization: `Bearer ${BOB_TOKEN}` } })).json.time_entries as unknown[]).length).toBe(1);
      await fake?.close();
      fake = undefined;
    }
  });
});

describe('the limit', () => {
  it('100 requests in 15 seconds by the fake’s clock, then 429 with the seconds until one frees; plain text where switched', async () => {
    // A clock that stands still but for what the test moves: under load, a hundred requests may take seconds.
    let moved = 0;
    const clock = Object.assign(() => Date.parse(NOW) + moved, { advance: (ms: number) => void (moved += ms) });
    await started({ errorBodies: 'text' }, clock);
    for (let request = 0; request < 100; request++) expect((await send('/v2/company')).status).toBe(200);
    const limited = await send('/v2/company');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('15');
    expect(limited.text).toBe('Too Many Requests');
    clock.advance(15_000);
    expect((await send('/v2/company')).status).toBe(200);
  });
});

describe('timers', () => {
  it('durations: no hours starts a timer, a second one stops the first; stop and restart keep the entry', async () => {
    const { website, task } = await started();
    const body = { project_id: website, task_id: task, spent_date: '2026-11-18' };
    const one = await send('/v2/time_entries', { method: 'POST', body });
    expect(one).toMatchObject({ status: 201, json: { is_running: true, hours: 0, started_time: null } });
    const two = await send('/v2/time_entries', { method: 'POST', body });
    expect((await send(`/v2/time_entries/${one.json.id}`)).json.is_running).toBe(false);
    expect((await send(`/v2/time_entries/${two.json.id}/stop`, { method: 'PATCH' })).json).toMatchObject({ is_running: false });
    expect((await send(`/v2/time_entries/${two.json.id}/stop`, { method: 'PATCH' })).status).toBe(422);
    expect((await send(`/v2/time_entries/${two.json.id}/restart`, { method: 'PATCH' })).json).toMatchObject({ id: two.json.id, is_running: true });
    expect((await send('/v2/time_entries', { method: 'POST', body: { ...body, hours: 1.25 } })).json).toMatchObject({ is_running: false, hours: 1.25 });
  });

  it('start and end times: times in the account’s clock; a restart makes a new entry, or the same one where switched', async () => {
    for (const restartOnTimestamps of ['new_entry', 'same_entry'] as const) {
      const { website, task } = await started({ restartOnTimestamps });
      const account = fake?.state.accounts.find((candidate) => candidate.id === ACME);
      if (account) account.wants_timestamp_timers = true;
      const made = await send('/v2/time_entries', {
        method: 'POST',
        body: { project_id: website, task_id: task, spent_date: '2026-11-18', started_time: '14:00', ended_time: '15:30' },
      });
      expect(made.json).toMatchObject({ started_time: '2:00pm', ended_time: '3:30pm', hours: 1.5, is_running: false });
      const restarted = await send(`/v2/time_entries/${made.json.id}/restart`, { method: 'PATCH' });
      expect(restarted.json.is_running).toBe(true);
      expect(restarted.json.id === made.json.id).toBe(restartOnTimestamps === 'same_entry');
      await fake?.close();
      fake = undefined;
    }
  });

  it('refuses a booking on a project not assigned, archived, or a task not open (422), and a change of a locked entry (403)', async () => {
    const { website, task } = await started();
    const secret = addProject(fake as FakeHarvest, { name: 'Secret', client: 'Acme', tasks: ['Development'], users: [1_002] });
    expect(
      await send('/v2/time_entries', { method: 'POST', body: { project_id: secret.id, task_id: task, spent_date: '2026-11-18', hours: 1 } }),
    ).toMatchObject({
      status: 422,
      json: { message: 'Project is not assigned to user' },
    });
    const locked = addEntry(fake as FakeHarvest, {
      userId: 1_001,
      projectId: website,
      taskId: task,
      start: Date.parse('2026-11-10T09:00:00+01:00'),
      end: Date.parse('2026-11-10T10:00:00+01:00'),
      locked: 'Item Approved and Locked for this Time Period',
    });
    expect((await send(`/v2/time_entries/${locked.id}`, { method: 'PATCH', body: { notes: 'x' } })).status).toBe(403);
    expect((await send(`/v2/time_entries/${locked.id}`)).json).toMatchObject({
      is_locked: true,
      approval_status: 'approved',
      locked_reason: 'Item Approved and Locked for this Time Period',
    });
  });
});

describe("the fake's roles beyond a person's own timesheet", () => {
  const LEA = 1_003;
  const LEA_TOKEN = 'pat-lea-0123456789abcdef';
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });

  async function withLea(options: FakeHarvestOptions = {}) {
    const world = await started(options);
    const ada = world.fake.state.users[0] as FakeHarvest['state']['users'][number];
    world.fake.state.users.push({
      ...ada,
      id: LEA,
      first_name: 'Lea',
      last_name: 'Lead',
      email: 'lea@example.com',
      token: LEA_TOKEN,
      access_roles: ['manager'],
    });
    return world;
  }

  it("shows a manager people_manager once she has teammates, and lists her them and herself (or her projects' people, switched); a member none", async () => {
    const { fake: harvest } = await withLea();
    expect((await send('/v2/users/me', { headers: as(LEA_TOKEN) })).json.access_roles).toEqual(['manager']);
    expect((await send('/v2/users', { headers: as(LEA_TOKEN) })).status).toBe(403);
    addTeammates(harvest, LEA, [1_001]);
    expect((await send('/v2/users/me', { headers: as(LEA_TOKEN) })).json.access_roles).toEqual(['manager', 'people_manager']);
    const listed = (await send('/v2/users', { headers: as(LEA_TOKEN) })).json.users as Array<{ id: number }>;
    expect(listed.map((user) => user.id).sort()).toEqual([1_001, LEA]);
    expect((await send('/v2/users')).status).toBe(403);
    expect((await send('/v2/users/1001/teammates', { headers: as(LEA_TOKEN) })).status).toBe(403);
  });

  it("lets a manager rename a teammate and nothing more, and refuses a manager's cost rate; a dated rate ends the one before it", async () => {
    const { fake: harvest } = await withLea();
    addTeammates(harvest, LEA, [1_001]);
    (harvest.state.users.find((user) => user.id === LEA) as { access_roles: string[] }).access_roles.push('billable_rates_manager');
    expect((await send('/v2/users/1001', { method: 'PATCH', headers: as(LEA_TOKEN), body: { first_name: 'Augusta' } })).status).toBe(200);
    expect((await send('/v2/users/1001', { method: 'PATCH', headers: as(LEA_TOKEN), body: { email: 'a@example.com' } })).status).toBe(403);
    expect((await send('/v2/users/1002', { method: 'PATCH', headers: as(LEA_TOKEN), body: { first_name: 'Robert' } })).status).toBe(403);
    expect((await send('/v2/users/1001/cost_rates', { method: 'POST', headers: as(LEA_TOKEN), body: { amount: 40, start_date: '2026-11-18' } })).status).toBe(
      403,
    );
    expect(
      (await send('/v2/users/1001/billable_rates', { method: 'POST', headers: as(LEA_TOKEN), body: { amount: 80, start_date: '2026-11-01' } })).status,
    ).toBe(201);
    expect(
      (await send('/v2/users/1001/billable_rates', { method: 'POST', headers: as(LEA_TOKEN), body: { amount: 90, start_date: '2026-11-18' } })).status,
    ).toBe(201);
    expect(
      (await send('/v2/users/1001/billable_rates', { method: 'POST', headers: as(LEA_TOKEN), body: { amount: 95, start_date: '2026-11-19' } })).status,
    ).toBe(422);
    expect(harvest.state.billableRates.map((rate) => [rate.amount, rate.start_date, rate.end_date])).toEqual([
      [80, '2026-11-01', '2026-11-17'],
      [90, '2026-11-18', null],
    ]);
  });

  it("archives a project as is_active false for an administrator, and refuses a member the account's lists", async () => {
    const { fake: harvest, website } = await started();
    expect((await send('/v2/projects')).status).toBe(403);
    expect((await send('/v2/clients')).status).toBe(403);
    expect((await send(`/v2/projects/${website}`, { method: 'PATCH', headers: as(BOB_TOKEN), body: { is_active: false } })).json).toMatchObject({
      is_active: false,
    });
    expect(harvest.state.projects.find((project) => project.id === website)?.isActive).toBe(false);
  });
});
