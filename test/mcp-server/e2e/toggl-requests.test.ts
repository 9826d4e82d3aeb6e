// Requests per tool call on Toggl Track, whose hourly quotas are the design constraint (docs/back-ends/toggl.md,
// "Quotas"): 30 requests an hour on the person's own quota (the /me requests) on every plan. Each everyday tool,
// warm (the person and the catalog known) and cold (a fresh process's first call), held to the exact requests it
// sends: at most three, at most two on the person's own quota; /me once per process.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type InProcessEngineHandle, makeUserDataDir, startInProcessEngine } from '../../support/engine.ts';
import { togglCapabilities } from '../../../mcp-server/providers/toggl/cells.ts';
import { TOOL_LIST } from '../../../mcp-server/tools/index.ts';
import { describeRequestsPerCall } from '../../support/requests-per-call.ts';
import { appTimesheet, COLD_STEPS, startCountingSession, STEPS } from '../providers/toggl/request-scenario.ts';
import { clockStartingAt } from '../../support/fake-clock.ts';
import { ADA_TOKEN, addEntry, type FakeToggl, SEED, seedCatalog, seedWorld, startFakeToggl } from '../providers/toggl/fake-toggl.ts';

const NOW = '2026-11-18T10:00:00+01:00';
const HOUR = 3_600_000;

async function start(
  options: { running?: boolean; userDataDir?: string; fake?: FakeToggl } = {},
): Promise<{ fake: FakeToggl; engine: InProcessEngineHandle; ids: Record<string, number>; userDataDir: string }> {
  const fake = options.fake ?? (await startFakeToggl({ now: clockStartingAt(NOW), quotas: { user: 1_000, organisation: 1_000 } }));
  if (!options.fake) seedWorld(fake);
  const ids = options.fake ? {} : seedCatalog(fake, { customer: 'Acme', projects: [{ name: 'Website' }, { name: 'Internal' }], task: 'Development' });
  if (!options.fake)
    addEntry(fake, {
      userId: SEED.users.ada,
      start: Date.parse(NOW) - 26 * HOUR,
      stop: Date.parse(NOW) - 25 * HOUR,
      projectId: ids.Website ?? null,
      description: 'Yesterday',
    });
  if (options.running) addEntry(fake, { userId: SEED.users.ada, start: Date.parse(NOW) - HOUR, projectId: ids.Website ?? null, description: 'Running' });
  const userDataDir = options.userDataDir ?? makeUserDataDir({ provider: { type: 'toggl', url: fake.url }, timezone: 'Europe/Berlin' });
  const engine = await startInProcessEngine({ userDataDir, args: ['--all-tools'], env: { PUNCHCARD_NOW: NOW, PUNCHCARD_TOGGL_TOKEN: ADA_TOKEN } });
  return { fake, engine, ids, userDataDir };
}

/** What one call asked Toggl, as "GET /me", "POST /workspaces/{id}/time_entries" (ids written {id}). */
async function requestsOf(fake: FakeToggl, call: () => Promise<{ isError?: boolean; content?: unknown }>): Promise<string[]> {
  const before = fake.requests.length;
  const result = await call();
  expect(result.isError, JSON.stringify(result.content)).toBeFalsy();
  return fake.requests.slice(before).map((request) => `${request.method} ${request.path.replace('/api/v9', '').replace(/\/\d+/g, '/{id}')}`);
}

const onUserQuota = (requests: string[]) => requests.filter((request) => / \/me(\/|$)/.test(request)).length;

describe('requests per everyday call on Toggl Track, warm', () => {
  let world: Awaited<ReturnType<typeof start>>;
  beforeAll(async () => {
    world = await start({ running: true });
    // The process's first call: whose the token is, the workspace and its lock, then the call's own.
    await world.engine.call('whoami');
    await world.engine.call('list_catalog');
  });
  afterAll(async () => {
    await world.engine.close();
    await world.fake.close();
  });
  const calls: Array<[string, string, Record<string, unknown>, string[]]> = [
    ['whoami', 'whoami', {}, []],
    ['timer_status (the recent weeks, once)', 'timer_status', {}, ['GET /me/time_entries']],
    ['list_catalog (kept a quarter of an hour)', 'list_catalog', {}, []],
    ['list_time_entries', 'list_time_entries', { limit: 10 }, ['GET /me/time_entries']],
    ['time_report', 'time_report', {}, ['GET /me/time_entries']],
    ['clock_out (Toggl’s own stop)', 'clock_out', {}, ['GET /me/time_entries', 'PATCH /workspaces/{id}/time_entries/{id}/stop']],
    ['clock_in by names', 'clock_in', { project: 'Website', activity: 'Development' }, ['GET /me/time_entries', 'POST /workspaces/{id}/time_entries']],
    [
      'clock_in switch',
      'clock_in',
      { project: 'Internal', switch: true },
      ['GET /me/time_entries', 'PATCH /workspaces/{id}/time_entries/{id}/stop', 'POST /workspaces/{id}/time_entries'],
    ],
    ['clock_out with a note', 'clock_out', { note: 'done' }, ['GET /me/time_entries', 'PUT /workspaces/{id}/time_entries/{id}']],
    // The day's entries are read to place a duration after what is there.
    ['log_time', 'log_time', { date: 'yesterday', duration: '1h', project: 'Website' }, ['GET /me/time_entries', 'POST /workspaces/{id}/time_entries']],
    [
      'record_agent_time (the tag by name)',
      'record_agent_time',
      { start: 'yesterday 07:00', end: 'yesterday 07:30', description: 'Ran the tests', project: 'Website' },
      ['GET /me/time_entries', 'POST /workspaces/{id}/time_entries'],
    ],
  ];
  // At most: a listing of a moment ago serves the next call (the recent weeks are read once for a status and its report).
  it.each(calls)('%s', async (_label, tool, args, expected) => {
    const requests = await requestsOf(world.fake, () => world.engine.call(tool, args));
    for (const request of requests) expect(expected, requests.join('\n')).toContain(request);
    expect(requests.length, requests.join('\n')).toBeLessThanOrEqual(expected.length);
    expect(requests.length).toBeLessThanOrEqual(3);
    expect(onUserQuota(requests)).toBeLessThanOrEqual(2);
  });

  it('update_time_entry and delete_time_entry read the entry, then change it', async () => {
    const entry = world.fake.state.entries.find((item) => item.description === 'Yesterday');
    const update = await requestsOf(world.fake, () => world.engine.call('update_time_entry', { id: entry?.id, description: 'changed' }));
    expect(update, update.join('\n')).toEqual(['GET /me/time_entries/{id}', 'PUT /workspaces/{id}/time_entries/{id}']);
    const remove = await requestsOf(world.fake, () => world.engine.call('delete_time_entry', { id: entry?.id }));
    expect(remove, remove.join('\n')).toEqual(['GET /me/time_entries/{id}', 'DELETE /workspaces/{id}/time_entries/{id}']);
  });

  it('asked /me once in the whole process', () => {
    expect(world.fake.requests.filter((request) => request.path === '/api/v9/me')).toHaveLength(1);
  });
});

describe('the first call of a fresh process on Toggl Track (cold)', () => {
  it('nothing remembered: /me, the workspace and its lock, then the call', async () => {
    const world = await start({ running: true });
    try {
      const requests = await requestsOf(world.fake, () => world.engine.call('timer_status'));
      expect(requests.sort()).toEqual(['GET /me', 'GET /me/time_entries', 'GET /workspaces/{id}', 'GET /workspaces/{id}/preferences']);
      expect(onUserQuota(requests)).toBe(2);
    } finally {
      await world.engine.close();
      await world.fake.close();
    }
  });

  it('the workspace remembered from an earlier start: /me and the call alone', async () => {
    const first = await start({ running: true });
    await first.engine.call('whoami');
    await first.engine.close();
    const world = await start({ userDataDir: first.userDataDir, fake: first.fake });
    try {
      const timer = await requestsOf(world.fake, () => world.engine.call('timer_status'));
      expect(timer).toEqual(['GET /me', 'GET /me/time_entries']);
      const clockOut = await requestsOf(world.fake, () => world.engine.call('clock_out'));
      // The listing of a moment ago may serve it.
      expect(
        clockOut.filter((request) => request !== 'GET /me/time_entries'),
        clockOut.join('\n'),
      ).toEqual(['PATCH /workspaces/{id}/time_entries/{id}/stop']);
    } finally {
      await world.engine.close();
      await world.fake.close();
    }
  });

  it('clock_in by names on a fresh process: /me, the catalog (projects, tasks, clients), the listing, the start', async () => {
    const first = await start();
    await first.engine.call('whoami');
    await first.engine.close();
    const world = await start({ userDataDir: first.userDataDir, fake: first.fake });
    try {
      const requests = await requestsOf(world.fake, () => world.engine.call('clock_in', { project: 'Website', activity: 'Development' }));
      expect(requests.sort()).toEqual(
        [
          'GET /me',
          'GET /workspaces/{id}/projects',
          'GET /workspaces/{id}/tasks',
          'GET /workspaces/{id}/clients',
          'GET /me/time_entries',
          'POST /workspaces/{id}/time_entries',
        ].sort(),
      );
      expect(onUserQuota(requests)).toBe(2);
    } finally {
      await world.engine.close();
      await world.fake.close();
    }
  });
});

// The count every remote back end shares, the engine in this process (request-scenario.ts; the bench runs it over the built server's stdio).
describeRequestsPerCall({
  backEnd: 'Toggl Track',
  start: (options) => startCountingSession({ ...options, where: 'in process' }),
  steps: STEPS,
  coldSteps: COLD_STEPS,
  offered: { tools: TOOL_LIST.filter((tool) => togglCapabilities(undefined).has(tool.capability)).map((tool) => tool.name), who: 'Toggl Track offers' },
  warmTools: ['timer_status', 'clock_in', 'clock_out'],
});

describe("the app's status refresh on Toggl Track (what an idle app asks every poll, of the person's own quota)", () => {
  it('lists the recent weeks once for the timer, today, the whole week (its days ahead too) and the last 30 days', async () => {
    const session = await startCountingSession({ running: true, where: 'in process' });
    const app = appTimesheet(session);
    try {
      // The first refresh asks whose the token is, as every process does.
      expect((await app.timesheet.getStatus()).running).not.toBeNull();
      // Past the two seconds for which a listing serves the calls of a moment: what each poll costs.
      await new Promise((done) => setTimeout(done, 2_100));
      const later = session.fake.requests.length;
      await app.timesheet.getStatus();
      expect(session.fake.requests.slice(later).map((request) => `${request.method} ${request.path}`)).toEqual(['GET /api/v9/me/time_entries']);
    } finally {
      await app.close();
      await session.close();
    }
  });
});
