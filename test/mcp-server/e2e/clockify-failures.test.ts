// Everything that goes wrong between Punchcard and Clockify, through the engine in process
// (test/support/engine.ts, startInProcessEngine): each failure is a short isError result a person can act on,
// the key never shows in a result, on stderr or in a file, and the server keeps serving. A 429 is
// waited out once where Clockify says how long, and explained otherwise. Time off decides the leave
// tools, found in the background and remembered; the workspace is the one named or the active one;
// and the connection test tells its verdicts apart.
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clockifyFacts, clockifyFactsKey } from '../../../mcp-server/providers/clockify/facts.ts';
import { closeAfterEach } from '../../support/close-after-each.ts';
import { makeUserDataDir, refusalOf, startInProcessEngine, textOf } from '../../support/engine.ts';
import { REAL_PACE } from '../../support/real-pace.ts';
import { clockStartingAt } from '../../support/fake-clock.ts';
import { filesText } from '../../support/files-text.ts';
import { startWebSite } from '../../support/fake-server.ts';
import { connectionTestInProcess, runCli } from '../../support/run-cli.ts';
import { ADA, type FakeClockify, type FakeClockifyOptions, SEED, seedWorkspace, startFakeClockify } from '../providers/clockify/fake-clockify.ts';

const NOW = '2026-11-18T08:00:00+01:00';
const opened = closeAfterEach();

async function clockifyEngine(
  options: FakeClockifyOptions & { workspace?: string; sentKey?: string | null; env?: Record<string, string>; listChanged?: () => void } = {},
) {
  const fake = opened(await startFakeClockify({ now: clockStartingAt(NOW), ...options }));
  seedWorkspace(fake);
  const dir = makeUserDataDir({ provider: { type: 'clockify', url: fake.url, ...(options.workspace ? { workspace: options.workspace } : {}) } });
  const key = options.sentKey === undefined ? ADA.key : options.sentKey;
  const engine = opened(
    await startInProcessEngine({
      userDataDir: dir,
      env: { PUNCHCARD_NOW: NOW, ...(key === null ? {} : { PUNCHCARD_CLOCKIFY_TOKEN: key }), ...options.env },
      ...(options.listChanged ? { listChanged: options.listChanged } : {}),
    }),
  );
  return { fake, engine, dir };
}

const names = async (engine: Awaited<ReturnType<typeof clockifyEngine>>['engine']) => (await engine.client.listTools()).tools.map((tool) => tool.name);

describe('failures', () => {
  it('a wrong key or none: says where a key comes from, never shows it, and keeps serving', async () => {
    const { engine, dir } = await clockifyEngine({ sentKey: 'wrong-key-ABCDEF123456' });
    for (const tool of ['whoami', 'timer_status', 'clock_in', 'list_leave_requests']) {
      const result = await engine.call(tool);
      expect(result.isError, tool).toBe(true);
      expect(textOf(result)).toMatch(
        /^Clockify at 127\.0\.0\.1:\d+ did not accept the API key \(it is wrong, or was regenerated or deleted\)\. Copy a key from your profile settings/,
      );
      expect(JSON.stringify(result)).not.toContain('wrong-key-ABCDEF123456');
      if (tool === 'timer_status') expect(refusalOf(result)).toMatchObject({ code: 'clockify_key_refused' });
    }
    expect(engine.stderr()).not.toContain('wrong-key-ABCDEF123456');
    for (const file of filesText(dir)) expect(file.text, file.path).not.toContain('wrong-key-ABCDEF123456');
    expect(await names(engine)).toContain('whoami');
    const none = await clockifyEngine({ sentKey: null });
    expect(textOf(await none.engine.call('timer_status'))).toMatch(
      /^No Clockify API key is stored for http:\/\/127\.0\.0\.1:\d+, so Punchcard could not read your Clockify account\. Make one in your profile settings in Clockify/,
    );
  });

  it('a workspace that matches none is refused, listing the workspaces the key sees; one named by name or id is used', async () => {
    const missing = await clockifyEngine({ workspace: 'Nope' });
    const refused = await missing.engine.call('timer_status');
    expect(textOf(refused)).toMatch(
      /^Your Clockify API key sees no workspace "Nope"\. It sees: "Acme" \(64a687e29ae1f428e7ebe303\), "Side project" \(64a687e29ae1f428e7ebe404\)\. Name one of them/,
    );
    const named = await clockifyEngine({ workspace: 'side PROJECT' });
    const logged = await named.engine.call('log_time', { date: 'yesterday', duration: '1h' });
    expect(logged.isError, textOf(logged)).toBeFalsy();
    expect(named.fake.state.entries.find((entry) => entry.userId === ADA.id)?.workspaceId).toBe(SEED.workspaces.side);
  });

  it("the workspace's required fields are asked for before anything is written", async () => {
    const { fake, engine } = await clockifyEngine();
    const acme = fake.state.workspaces.find((workspace) => workspace.id === SEED.workspaces.acme);
    if (acme) acme.settings = { forceProjects: true, forceTasks: true, forceDescription: true };
    const noProject = await engine.call('log_time', { date: 'yesterday', duration: '1h' });
    expect(textOf(noProject)).toMatch(/^Your Clockify workspace requires a project on every time entry; name one, e\.g\. "Website", "Internal"/);
    expect(textOf(await engine.call('log_time', { date: 'yesterday', duration: '1h', project: 'Website' }))).toMatch(/requires a task on every time entry/);
    expect(textOf(await engine.call('log_time', { date: 'yesterday', duration: '1h', project: 'Website', activity: 'Design' }))).toMatch(
      /requires a description on every time entry/,
    );
    expect(fake.writes).toEqual([]);
  });

  it('a short 429 is waited out once; a long one, and one that comes back, are explained', async () => {
    const { fake, engine } = await clockifyEngine();
    expect((await engine.call('timer_status')).isError).toBeFalsy();
    const path = `/api/v1/workspaces/${SEED.workspaces.acme}/user/${ADA.id}/time-entries`;
    fake.failNext({ path }, { status: 429, body: { message: 'Too many requests', code: 429 }, headers: { 'Retry-After': '1' } });
    const waited = await engine.call('list_time_entries', { from: '2025-01-01', to: '2025-01-07' });
    expect(waited.isError, textOf(waited)).toBeFalsy();
    fake.failNext({ path }, { status: 429, body: { message: 'Too many requests', code: 429 }, headers: { 'Retry-After': '600' } });
    expect(textOf(await engine.call('list_time_entries', { from: '2025-01-08', to: '2025-01-14' }))).toMatch(
      /^Clockify is limiting requests \(429 Too Many Requests; it counts requests per second for your key and workspace\)\. Try to read your time entries again in 10 minutes\.$/,
    );
    const before = fake.requests.length;
    fake.failNext({ path }, { status: 429, body: { message: 'Too many requests', code: 429 }, times: 2 });
    expect(textOf(await engine.call('list_time_entries', { from: '2025-01-15', to: '2025-01-21' }))).toMatch(
      /Try to read your time entries again in a moment\.$/,
    );
    // Once, not more: the request and one retry.
    expect(fake.requests.slice(before).filter((request) => request.path === path)).toHaveLength(2);
  });

  it('stays under the per-second limit itself: a catalog of many projects reads their tasks without a 429', async () => {
    // Clockify's own pace, which the harness lifts elsewhere (test/support/test-pace.ts): it is what holds the engine under the limit.
    const { fake, engine } = await clockifyEngine({ rateLimit: { perSecond: 10 }, env: REAL_PACE });
    for (let index = 0; index < 14; index++) {
      fake.state.projects.push({
        id: `5b6415680000000000000${String(index).padStart(3, '0')}`,
        workspaceId: SEED.workspaces.acme,
        name: `Project ${index}`,
        clientId: null,
        archived: false,
        billable: false,
        public: true,
        memberIds: [],
      });
    }
    const catalog = await engine.call('list_catalog');
    expect(catalog.isError, textOf(catalog)).toBeFalsy();
    expect(fake.requests.filter((request) => request.status === 429)).toEqual([]);
  });

  it('a workspace of many projects: list_catalog lists what one call may ask for, says which projects wait, and the next call lists them', async () => {
    const { fake, engine } = await clockifyEngine();
    for (let index = 0; index < 60; index++) {
      const id = `5b6415680000000000001${String(index).padStart(3, '0')}`;
      fake.state.projects.push({
        id,
        workspaceId: SEED.workspaces.acme,
        name: `Project ${String(index).padStart(2, '0')}`,
        clientId: null,
        archived: false,
        billable: false,
        public: true,
        memberIds: [],
      });
      fake.state.tasks.push({
        id: `6c6415680000000000001${String(index).padStart(3, '0')}`,
        projectId: id,
        name: `Task of ${index}`,
        status: 'ACTIVE',
        billable: false,
      });
    }
    const before = fake.requests.length;
    const first = await engine.call('list_catalog');
    expect(first.isError, textOf(first)).toBeFalsy();
    expect(fake.requests.length - before).toBeLessThanOrEqual(40);
    const note = (first.structuredContent as { note?: string }).note ?? '';
    expect(note).toMatch(
      /^The activities \(tasks\) of \d+ projects are not listed yet: "Project \d\d", .* and \d+ more\. Clockify gives each project its own list, .*call list_catalog again/,
    );
    expect(textOf(first)).toContain(note);
    const listedFirst = (first.structuredContent as { activities: unknown[] }).activities.length;
    const second = await engine.call('list_catalog');
    expect(second.isError, textOf(second)).toBeFalsy();
    expect((second.structuredContent as { note?: string }).note).toBeUndefined();
    const activities = (second.structuredContent as { activities: Array<{ name: string }> }).activities.map((activity) => activity.name);
    expect(activities.length).toBeGreaterThan(listedFirst);
    for (let index = 0; index < 60; index++) expect(activities).toContain(`Task of ${index}`);
    // Clocking in on a project the first listing left out needs none of it.
    expect((await engine.call('clock_in', { project: 'Project 59', activity: 'Task of 59' })).isError).toBeFalsy();
  });

  it('a filing Clockify refuses on one policy keeps the leave tools: only a refused read of your own time off withdraws them', async () => {
    let changes = 0;
    const { fake, engine } = await clockifyEngine({ listChanged: () => changes++ });
    await expect.poll(() => fake.requests.some((request) => request.path.includes('/time-off/balance/'))).toBe(true);
    const settled = changes;
    fake.failNext({ method: 'POST', path: /\/time-off\/policies\/[^/]+\/requests$/ }, { status: 403, body: { message: 'Access Denied', code: 403 } });
    const refused = await engine.call('request_leave', { type: 'vacation', first_day: '2026-12-07', last_day: '2026-12-07' });
    expect(textOf(refused)).toMatch(/^Your Clockify account may not file the time-off request/);
    await new Promise((done) => setTimeout(done, 300));
    expect(changes).toBe(settled);
    expect(await names(engine)).toContain('request_leave');
  });

  it('server errors, broken bodies, a wrong address and slow answers, each in words; then it works', async () => {
    const { fake, engine } = await clockifyEngine({ env: { PUNCHCARD_CLOCKIFY_TIMEOUT_MS: '400' } });
    expect((await engine.call('timer_status')).isError).toBeFalsy();
    const path = `/api/v1/workspaces/${SEED.workspaces.acme}/user/${ADA.id}/time-entries`;
    const expectations: Array<[Parameters<FakeClockify['failNext']>[1], RegExp]> = [
      [
        { status: 500, body: { message: 'Internal server error', code: 500 } },
        /^Clockify had an internal error \(500\) trying to read your time entries\. Try again later\.$/,
      ],
      [{ status: 503, raw: 'Service Unavailable' }, /^Clockify, or a proxy in front of it, is unavailable \(503\)\. Try again later\.$/],
      [{ status: 200, raw: '[{"id": "x",' }, /that is not Clockify's JSON API\. Check the address: it is https:\/\/api\.clockify\.me\/api/],
      [{ status: 404, raw: '<html><body>Not Found</body></html>' }, /answered with a web page that is not Clockify's JSON API/],
      [
        { status: 403, body: { message: 'Access Denied', code: 403 } },
        /^Your Clockify account may not read your time entries \(Clockify answered 403: "Access Denied"\)\. Ask a workspace admin\.$/,
      ],
      [{ status: 400, body: { message: 'Invalid date format', code: 400 } }, /^Clockify refused to read your time entries: "Invalid date format"\.$/],
      [{ status: 200, body: [], delayMs: 1_500 }, /^Clockify at 127\.0\.0\.1:\d+ did not answer within 400 ms trying to read your time entries\. /],
      [
        { status: 200, body: [{ id: 'e1', userId: ADA.id, timeInterval: { start: 'yesterday' } }] },
        /^Clockify sent a time \("yesterday"\) Punchcard cannot read/,
      ],
      // JSON, but not a list: said, not read as no entries at all (a report of 0 h).
      [
        { status: 200, body: { entries: [] } },
        /^Clockify answered with something that is not a list trying to read your time entries; if it keeps happening, update Punchcard\.$/,
      ],
    ];
    for (const [index, [failure, message]] of expectations.entries()) {
      fake.failNext({ path }, failure);
      const result = await engine.call('list_time_entries', { from: `2025-0${(index % 9) + 1}-01`, to: `2025-0${(index % 9) + 1}-07` });
      expect(result.isError).toBe(true);
      expect(textOf(result)).toMatch(message);
    }
    expect((await engine.call('list_time_entries', { from: '2025-10-01', to: '2025-10-07' })).isError).toBeFalsy();
  });

  it('a Clockify that went away: connection refused, and the server is still there', async () => {
    const { fake, engine } = await clockifyEngine();
    await fake.close();
    expect(textOf(await engine.call('log_time', { date: 'yesterday', duration: '1h' }))).toMatch(
      /^Nothing answers at 127\.0\.0\.1:\d+ \(connection refused\)\. Check the Clockify address/,
    );
    expect(await names(engine)).toContain('whoami');
  });
});

describe('time off decides the leave tools', () => {
  it.each<[string, (fake: FakeClockify) => void, RegExp]>([
    [
      'a plan without time off',
      (fake) => fake.state.workspaces.forEach((workspace) => (workspace.features = ['TIME_TRACKING'])),
      /the workspace's plan does not include it/,
    ],
    [
      'time off switched off',
      (fake) => fake.state.workspaces.forEach((workspace) => (workspace.timeOffOn = false)),
      /it is off in the workspace, or not open to you/,
    ],
    // A workspace that has no time off at all may answer that it has no such thing (404, in JSON): off too.
    [
      'no time off in the workspace (404)',
      (fake) => fake.failNext({ path: /\/time-off\// }, { status: 404, body: { message: 'Not found', code: 404 }, times: 1_000 }),
      /it is off in the workspace, or not open to you/,
    ],
  ])('%s: the leave tools are withdrawn live, said in whoami, and the next start lists the right ones first', async (_label, switchOff, why) => {
    let changes = 0;
    const fake = opened(await startFakeClockify({ now: clockStartingAt(NOW) }));
    seedWorkspace(fake);
    switchOff(fake);
    const dir = makeUserDataDir({ provider: { type: 'clockify', url: fake.url } });
    const engine = opened(
      await startInProcessEngine({ userDataDir: dir, env: { PUNCHCARD_NOW: NOW, PUNCHCARD_CLOCKIFY_TOKEN: ADA.key }, listChanged: () => changes++ }),
    );
    // Nothing known yet: the leave tools are offered on trust, then the check in the background withdraws them.
    await expect.poll(() => changes).toBeGreaterThan(0);
    const now = await names(engine);
    for (const tool of ['request_leave', 'leave_balance', 'absence_calendar', 'cancel_leave_request', 'list_leave_requests']) expect(now).not.toContain(tool);
    expect(now).toContain('clock_in');
    expect((await engine.call('whoami')).structuredContent?.connection).toMatch(why);
    // Targets still come from the member profile; the holidays from the settings where Clockify shows none.
    expect((await engine.call('time_report')).isError).toBeFalsy();
    const next = opened(await startInProcessEngine({ userDataDir: dir, env: { PUNCHCARD_NOW: NOW, PUNCHCARD_CLOCKIFY_TOKEN: ADA.key } }));
    expect(await names(next)).not.toContain('request_leave');
  });

  it('time off refused in the middle of a session withdraws the tools then, in words', async () => {
    let changes = 0;
    const { fake, engine } = await clockifyEngine({ listChanged: () => changes++ });
    expect((await engine.call('leave_balance')).isError).toBeFalsy();
    // The background check has found time off in use before it is switched off.
    await expect.poll(() => fake.requests.some((request) => request.path.includes('/time-off/balance/') && request.query === '?page=1&page-size=1')).toBe(true);
    fake.state.workspaces.forEach((workspace) => (workspace.timeOffOn = false));
    // Past the moment a listing of requests is shared between calls.
    await new Promise((done) => setTimeout(done, 5_500));
    const refused = await engine.call('list_leave_requests');
    expect(textOf(refused)).toMatch(/^Your Clockify account may not list your time-off requests \(time off may be off in your workspace, or not open to you\)/);
    await expect.poll(() => changes).toBeGreaterThan(0);
    expect(await names(engine)).not.toContain('request_leave');
  });
});

describe('punchcard-mcp --test-connection for Clockify', () => {
  let dir: string;
  let htmlSite: Awaited<ReturnType<typeof startWebSite>>;
  beforeAll(async () => {
    dir = makeUserDataDir();
    htmlSite = await startWebSite();
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await htmlSite.close();
  });
  // Each verdict from the same test in this process (connectionTestInProcess); the first through the
  // built command line, whose exit code and streams are the process's.
  const checkWith =
    (run: typeof runCli) =>
    (url: string, key: string | null = ADA.key, workspace?: string) =>
      run(['--user-data', dir, '--provider', 'clockify', '--url', url, ...(workspace ? ['--workspace', workspace] : []), '--test-connection', '--json'], {
        HOME: dir,
        ...(key ? { PUNCHCARD_CLOCKIFY_TOKEN: key } : {}),
      });
  const check = checkWith(connectionTestInProcess);
  const verdict = async (...args: Parameters<typeof check>) => JSON.parse((await check(...args)).stdout) as { ok: boolean; verdict: string; message: string };

  it('names the person, the workspace and whether time off is available, remembers what it learned, and tells failures apart', async () => {
    const fake = opened(await startFakeClockify());
    seedWorkspace(fake);
    const ok = await checkWith(runCli)(fake.url);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ provider: 'clockify', ok: true, verdict: 'ok' });
    expect(ok.stderr).toMatch(
      /Connection OK: Connected to Clockify at 127\.0\.0\.1:\d+ as "Ada Lovelace" \(ada@acme\.example\) in the workspace "Acme" \(STANDARD plan\); time off available\./,
    );
    expect(clockifyFacts.read(dir, clockifyFactsKey({ url: fake.url }))).toMatchObject({
      workspaceId: SEED.workspaces.acme,
      workspaceName: 'Acme',
      timeOff: true,
      timezone: 'Europe/Berlin',
    });
    expect(await verdict(fake.url, ADA.key, 'Side project')).toMatchObject({
      ok: true,
      message: expect.stringMatching(/in the workspace "Side project" \(FREE plan\); time off not available: the workspace's plan does not include it/),
    });
    expect(await verdict(fake.url, ADA.key, 'Nope')).toMatchObject({ verdict: 'misconfigured', message: expect.stringMatching(/sees no workspace "Nope"/) });
    expect(await verdict(fake.url, 'wrong-key-XYZ987654')).toMatchObject({ verdict: 'bad_token' });
    expect(await verdict(htmlSite.url)).toMatchObject({ verdict: 'wrong_url', message: expect.stringMatching(/a web page that is not Clockify's JSON API/) });
    expect(await verdict(fake.url, null)).toMatchObject({ verdict: 'no_token' });
    const url = fake.url;
    await fake.close();
    expect(await verdict(url)).toMatchObject({ verdict: 'unreachable' });
    for (const file of filesText(dir)) expect(file.text, file.path).not.toContain(ADA.key);
  });

  it("refuses an address on Clockify's domain that is not its API before sending anything", async () => {
    const result = await runCli(['--provider', 'clockify', '--url', 'https://acme.clockify.me', '--test-connection'], {
      HOME: dir,
      PUNCHCARD_CLOCKIFY_TOKEN: ADA.key,
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/acme\.clockify\.me is not one of Clockify's API addresses/);
  });
});
