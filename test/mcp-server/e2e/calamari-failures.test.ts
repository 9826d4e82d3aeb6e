// Everything that goes wrong between Punchcard and Calamari, through the engine in process
// (test/support/engine.ts, startInProcessEngine): each failure is a short isError result a person can act on,
// the key never shows, the server keeps serving, and no failure makes Punchcard name anyone but the
// configured person. The modules decide the tools, found in the background and remembered, so the
// first tools/list of the next start is right. And the connection test on the command line tells
// its verdicts apart. Calamari's refusals for the organisation's limit (429) have their own file,
// calamari-refusals.test.ts.
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calamariFacts, calamariFactsKey } from '../../../mcp-server/providers/calamari/facts.ts';
import { closeAfterEach } from '../../support/close-after-each.ts';
import { makeUserDataDir, refusalOf, startInProcessEngine, textOf } from '../../support/engine.ts';
import { filesText } from '../../support/files-text.ts';
import { startWebSite } from '../../support/fake-server.ts';
import { connectionTestInProcess, runCli } from '../../support/run-cli.ts';
import { DEFAULT_KEY, type FakeCalamari, type FakeCalamariOptions, SEED, seedOrganisation, startFakeCalamari } from '../providers/calamari/fake-calamari.ts';

const ADA = 'ada@acme.example';
const opened = closeAfterEach();
const fakes: FakeCalamari[] = [];

async function calamariEngine(
  options: FakeCalamariOptions & { email?: string; sentKey?: string | null; env?: Record<string, string>; listChanged?: () => void } = {},
) {
  const fake = opened(await startFakeCalamari(options));
  fakes.push(fake);
  seedOrganisation(fake);
  const dir = makeUserDataDir({ provider: { type: 'calamari', url: fake.url, email: options.email ?? ADA } });
  // The key the engine sends; `key` is the one the fake accepts.
  const key = options.sentKey === undefined ? DEFAULT_KEY : options.sentKey;
  const engine = opened(
    await startInProcessEngine({
      userDataDir: dir,
      env: { ...(key === null ? {} : { PUNCHCARD_CALAMARI_TOKEN: key }), ...options.env },
      ...(options.listChanged ? { listChanged: options.listChanged } : {}),
    }),
  );
  return { fake, engine, dir };
}

const names = async (engine: Awaited<ReturnType<typeof calamariEngine>>['engine']) => (await engine.client.listTools()).tools.map((tool) => tool.name);

describe('failures', () => {
  afterAll(() => {
    // Whatever failed, Punchcard named only the configured person (every fake of this file).
    const named = new Set(fakes.flatMap((fake) => fake.requests.flatMap((request) => request.persons.map((person) => person.toLowerCase()))));
    expect([...named].filter((person) => person !== ADA && person !== 'nobody@acme.example' && person !== 'dan@acme.example')).toEqual([]);
  });

  it('API access off or a wrong key: says what to ask for, never shows the key, and keeps serving', async () => {
    for (const options of [{ apiEnabled: false }, { sentKey: 'wrong-key-ABCDEF123456' }] as const) {
      const { engine } = await calamariEngine(options);
      for (const tool of ['whoami', 'timer_status', 'clock_in', 'list_leave_requests']) {
        const result = await engine.call(tool, tool === 'clock_in' ? { project: 'General' } : {});
        expect(result.isError, tool).toBe(true);
        expect(textOf(result)).toMatch(
          /^Calamari at 127\.0\.0\.1:\d+ did not accept the API key \(API access is off for the organisation, or the key is wrong or was deleted\)/,
        );
        expect(JSON.stringify(result)).not.toContain('wrong-key-ABCDEF123456');
        if (tool === 'timer_status') expect(refusalOf(result)).toMatchObject({ code: 'calamari_key_refused' });
      }
      expect(engine.stderr()).not.toContain('wrong-key-ABCDEF123456');
      expect(await names(engine)).toContain('whoami');
    }
  });

  it('an e-mail that is no active employee is refused before anything is done for anyone', async () => {
    for (const email of ['nobody@acme.example', 'dan@acme.example']) {
      const { fake, engine } = await calamariEngine({ email });
      const result = await engine.call('clock_in', { start: '07:00' });
      expect(textOf(result)).toMatch(new RegExp(`^Calamari has no active employee ${email.replace('.', '\\.')}`));
      expect(fake.state.shifts).toEqual([]);
    }
  });

  it('a clock-in while a shift runs is refused before anything is sent, also a moment after that shift began', async () => {
    const { fake, engine } = await calamariEngine();
    // Begun elsewhere ten seconds ago: Calamari would ignore a clock-in now and answer STARTED.
    const began = Date.now() - 10_000;
    fake.state.shifts.push({ id: 4100, employeeId: 1, started: began, finished: null, breaks: [], projectId: SEED.projects.general, description: null });
    const since = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: 'Europe/Berlin' }).format(began);
    for (const args of [{ project: 'General', description: 'Standup notes' }, { description: 'Standup notes' }, {}]) {
      const result = await engine.call('clock_in', args);
      expect(result.isError, JSON.stringify(args)).toBe(true);
      expect(textOf(result)).toBe(
        `A timer is already running: "General" since ${since} (0 min). Clock out first, or call clock_in with switch: true to stop it and start the new one.`,
      );
    }
    expect(fake.requests.filter((request) => request.path === '/api/clockin/terminal/v1/clock-in')).toEqual([]);
    expect(fake.state.shifts.filter((shift) => shift.employeeId === 1)).toEqual([expect.objectContaining({ id: 4100, finished: null, description: null })]);
    // With switch: true the running shift ends where the new one begins, as on every back end.
    const switched = await engine.call('clock_in', { project: 'General', description: 'Standup notes', switch: true });
    expect(switched.isError, textOf(switched)).toBeFalsy();
    expect(switched.structuredContent).toMatchObject({ started: { project: 'General', description: 'Standup notes' }, stopped: { id: 4100 } });
    const own = fake.state.shifts.filter((shift) => shift.employeeId === 1);
    expect(own).toHaveLength(2);
    expect(own.find((shift) => shift.id === 4100)?.finished).not.toBeNull();
    expect(own.find((shift) => shift.id !== 4100)).toMatchObject({ finished: null, description: 'Standup notes', projectId: SEED.projects.general });
  });

  it('a shift begun elsewhere between the look and the clock-in is not taken for the one asked for (Calamari ignores the second)', async () => {
    const { fake, engine } = await calamariEngine();
    // The web app clocks Ada in on General just as Punchcard's clock-in arrives, which Calamari then ignores.
    fake.failNext(
      { path: '/api/clockin/terminal/v1/clock-in' },
      {
        status: 200,
        reflect: () => {
          fake.state.shifts.push({
            id: 4100,
            employeeId: 1,
            started: Date.now() - 20_000,
            finished: null,
            breaks: [],
            projectId: SEED.projects.general,
            description: null,
          });
          return { person: { firstName: 'Ada', lastName: 'Lovelace' }, shiftStatus: 'STARTED' };
        },
      },
    );
    const result = await engine.call('clock_in', { project: 'Website relaunch' });
    expect(textOf(result)).toMatch(/^A timer is already running: "General" since /);
    expect(fake.state.shifts.filter((shift) => shift.employeeId === 1).map((shift) => shift.projectId)).toEqual([SEED.projects.general]);
  });

  it('a project archived since Punchcard read the projects: Calamari refuses it, said in words, nothing is booked, and the projects are read afresh', async () => {
    const { fake, engine } = await calamariEngine();
    expect(textOf(await engine.call('list_catalog'))).toContain('Website relaunch');
    const project = fake.state.projects.find((item) => item.id === SEED.projects.websiteRelaunch);
    if (project) project.archived = true;
    // The projects kept from the listing still name it: the clock-in goes to Calamari, which refuses it.
    const refused = await engine.call('clock_in', { project: 'Website relaunch' });
    expect(refused.isError).toBe(true);
    expect(textOf(refused)).toBe(
      'Calamari refused to start your shift: the project is not one you may book on ("Invalid project"), perhaps archived since Punchcard read your projects; list_catalog shows the ones you may use.',
    );
    expect(fake.state.shifts.filter((shift) => shift.employeeId === 1)).toEqual([]);
    // What is kept was forgotten: the next call reads the projects again and knows the name no more.
    const projectReads = () => fake.requests.filter((request) => request.path.endsWith('/get-projects-for-person')).length;
    const read = projectReads();
    expect(textOf(await engine.call('list_catalog'))).not.toContain('Website relaunch');
    expect(projectReads()).toBe(read + 1);
    expect(textOf(await engine.call('clock_in', { project: 'Website relaunch' }))).toMatch(/^No project "Website relaunch"\. Known: "General"\./);
    expect(fake.state.shifts.filter((shift) => shift.employeeId === 1)).toEqual([]);
  });

  it('a past shift on a project archived since it was read is refused in the same words, and the projects are read afresh', async () => {
    const { fake, engine } = await calamariEngine();
    expect(textOf(await engine.call('list_catalog'))).toContain('Website relaunch');
    const project = fake.state.projects.find((item) => item.id === SEED.projects.websiteRelaunch);
    if (project) project.archived = true;
    const refused = await engine.call('log_time', { date: 'yesterday', duration: '1h', project: 'Website relaunch' });
    expect(textOf(refused)).toBe(
      'Calamari refused to add the shift: the project is not one you may book on ("Project is not available for the employee"), perhaps archived since Punchcard read your projects; list_catalog shows the ones you may use.',
    );
    expect(fake.state.shifts).toEqual([]);
    expect(textOf(await engine.call('log_time', { date: 'yesterday', duration: '1h', project: 'Website relaunch' }))).toMatch(
      /^No project "Website relaunch"\. Known: "General"\./,
    );
  });

  it('no API terminal for the person: says what the administrator sets up', async () => {
    const { engine } = await calamariEngine({ apiTerminal: false });
    expect(textOf(await engine.call('clock_in'))).toMatch(
      /^Calamari has no API terminal you may use, so Punchcard cannot start your shift\. Your Calamari administrator adds one/,
    );
  });

  it('server errors, broken bodies and slow answers, each in words, without a blind retry; then it works', async () => {
    const { fake, engine } = await calamariEngine({ env: { PUNCHCARD_CALAMARI_TIMEOUT_MS: '400' } });
    expect((await engine.call('timer_status')).isError).toBeFalsy();
    const find = '/api/clockin/timesheetentries/v1/find';
    const expectations: Array<[Parameters<FakeCalamari['failNext']>[1], RegExp]> = [
      [
        { status: 500, body: { message: 'Internal error', code: 'INTERNAL_SERVER_ERROR' } },
        /^Calamari had an internal error \(500\) trying to read your shifts\. Try again later\.$/,
      ],
      [{ status: 504, body: { message: 'Request exceeded timeout', code: 'GATEWAY_TIMEOUT' } }, /^Calamari, or a proxy in front of it, is unavailable \(504\)/],
      [{ status: 200, raw: '[{"id": 1,' }, /that is not Calamari's JSON API/],
      [
        { status: 404, body: { message: 'Unknown method', code: 'INVALID_METHOD_URL', field: null } },
        /^Calamari at 127\.0\.0\.1:\d+ does not know this part of its API \(404\) trying to read your shifts/,
      ],
      [
        { status: 405, body: { message: 'Method not allowed', code: 'HTTP_METHOD_NOT_ALLOWED', field: null } },
        /^Calamari refused the request to read your shifts \(405, wrong method\); update Punchcard\.$/,
      ],
      [
        { status: 400, body: { message: 'Incorrect value', code: '', field: 'from' } },
        /^Calamari refused to read your shifts: "Incorrect value" \("from"\)\.$/,
      ],
      [{ status: 200, body: [], delayMs: 1_500 }, /^Calamari at 127\.0\.0\.1:\d+ did not answer within 400 ms trying to read your shifts\. /],
    ];
    for (const [failure, message] of expectations) {
      fake.failNext({ path: find }, failure);
      const result = await engine.call('list_time_entries', { from: '2025-01-01', to: '2025-01-07' });
      expect(result.isError).toBe(true);
      expect(textOf(result)).toMatch(message);
    }
    expect((await engine.call('list_time_entries', { from: '2025-02-01', to: '2025-02-07' })).isError).toBeFalsy();
  });

  it('a Calamari that went away: connection refused, and the server is still there', async () => {
    const { fake, engine } = await calamariEngine();
    await fake.close();
    const refused = await engine.call('timer_status');
    expect(textOf(refused)).toMatch(/^Nothing answers at 127\.0\.0\.1:\d+ \(connection refused\)\. Check the Calamari address/);
    expect(refusalOf(refused)).toMatchObject({
      code: 'remote_connection_refused',
      facts: { service: 'Calamari', address: 'the Calamari address' },
    });
    expect(await names(engine)).toContain('whoami');
  });
});

describe('the modules decide the tools', () => {
  it.each<[string, FakeCalamariOptions, string[], string[]]>([
    ['Time & Attendance off', { modules: { timeAndAttendance: false } }, ['request_leave', 'absence_calendar'], ['clock_in', 'start_break', 'time_report']],
    ['Time Off off', { modules: { timeOff: false } }, ['clock_in', 'start_break', 'list_time_entries'], ['request_leave', 'leave_balance', 'absence_calendar']],
    ['a key without the clock-in group', { keyGroups: ['leave', 'holidays', 'employees'] }, ['request_leave'], ['clock_in', 'end_break']],
  ])('%s: the tools are withdrawn live, and the next start lists the right ones first', async (_label, options, kept, withdrawn) => {
    let changes = 0;
    const { engine, dir, fake } = await calamariEngine({ ...options, listChanged: () => changes++ });
    // Nothing known yet: every module's tools are offered on trust, then the check in the background withdraws.
    await expect.poll(() => changes).toBeGreaterThan(0);
    const now = await names(engine);
    for (const tool of kept) expect(now).toContain(tool);
    for (const tool of withdrawn) expect(now).not.toContain(tool);
    const next = opened(await startInProcessEngine({ userDataDir: dir, env: { PUNCHCARD_CALAMARI_TOKEN: DEFAULT_KEY } }));
    const first = await names(next);
    for (const tool of withdrawn) expect(first).not.toContain(tool);
    expect(first).toContain(kept[0]);
    // What is remembered is trusted: the second start asks nothing while idle.
    const asked = fake.requests.length;
    await new Promise((done) => setTimeout(done, 600));
    expect(fake.requests.length).toBe(asked);
  });
});

describe('punchcard-mcp --test-connection for Calamari', () => {
  let dir: string;
  let htmlSite: Awaited<ReturnType<typeof startWebSite>>;
  let htmlUrl: string;
  beforeAll(async () => {
    dir = makeUserDataDir();
    // A web server that is not the back end: every address is a page.
    htmlSite = await startWebSite();
    htmlUrl = htmlSite.url;
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await htmlSite.close();
  });
  // Each verdict from the same test in this process (connectionTestInProcess); the first through the
  // built command line, whose exit code and streams are the process's.
  const checkWith =
    (run: typeof runCli) =>
    (url: string, key: string | null = DEFAULT_KEY, email = ADA) =>
      run(['--user-data', dir, '--provider', 'calamari', '--url', url, '--email', email, '--test-connection', '--json'], {
        HOME: dir,
        ...(key ? { PUNCHCARD_CALAMARI_TOKEN: key } : {}),
      });
  const check = checkWith(connectionTestInProcess);
  const verdict = async (...args: Parameters<typeof check>) => JSON.parse((await check(...args)).stdout) as { ok: boolean; verdict: string; message: string };

  it("tells apart a wrong address, no connection, a refused key, a key without groups and an unknown e-mail, and remembers the modules and the person's zone", async () => {
    const fake = opened(await startFakeCalamari({ modules: { timeOff: false } }));
    seedOrganisation(fake);
    const ok = await checkWith(runCli)(fake.url);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ provider: 'calamari', ok: true, verdict: 'ok' });
    expect(ok.stderr).toMatch(
      /Connection OK: Connected to Calamari at 127\.0\.0\.1:\d+ as "Ada Lovelace" \(ada@acme\.example\); Time & Attendance in use; Time Off not available to this key\. The key is your organisation's; Punchcard uses it for ada@acme\.example only\./,
    );
    // The zone too: the next start need not look the person up before its first answer.
    expect(calamariFacts.read(dir, calamariFactsKey({ url: fake.url, email: ADA }))).toMatchObject({
      timeAndAttendance: true,
      timeOff: false,
      timezone: 'Europe/Berlin',
    });

    expect(await verdict(fake.url, 'wrong-key-XYZ987654')).toMatchObject({ verdict: 'bad_token' });
    expect(await verdict(fake.url, DEFAULT_KEY, 'nobody@acme.example')).toMatchObject({
      verdict: 'unknown_person',
      message: expect.stringMatching(/no active employee nobody@acme\.example/),
    });
    expect(await verdict(htmlUrl)).toMatchObject({ verdict: 'wrong_url', message: expect.stringMatching(/a web page that is not Calamari's JSON API/) });
    expect(await verdict(fake.url, null)).toMatchObject({ verdict: 'no_token' });
    fake.options.keyGroups.splice(0, fake.options.keyGroups.length, 'holidays');
    expect(await verdict(fake.url)).toMatchObject({
      verdict: 'no_permission',
      message: expect.stringMatching(/may not use Time & Attendance, Time Off or the employee list/),
    });
    const url = fake.url;
    await fake.close();
    expect(await verdict(url)).toMatchObject({ verdict: 'unreachable' });
    for (const file of filesText(dir)) expect(file.text, file.path).not.toContain(DEFAULT_KEY);
    expect(new Set(fake.requests.flatMap((request) => request.persons))).toEqual(new Set([ADA, 'nobody@acme.example']));
  });

  it("keeps Calamari's second together with the other processes on the data folder: four connection tests at once, none refused", async () => {
    // As Save's restarted engine, the window's Test connection and an AI client's engine ask at once.
    const fake = opened(await startFakeCalamari());
    seedOrganisation(fake);
    const shared = makeUserDataDir();
    const runs = await Promise.all(
      Array.from({ length: 4 }, () =>
        runCli(['--user-data', shared, '--provider', 'calamari', '--url', fake.url, '--email', ADA, '--test-connection', '--json'], {
          HOME: shared,
          PUNCHCARD_CALAMARI_TOKEN: DEFAULT_KEY,
        }),
      ),
    );
    for (const run of runs) expect(JSON.parse(run.stdout), run.stderr).toMatchObject({ ok: true, verdict: 'ok' });
    // More than Calamari takes in a second, yet none refused: never more than ten in any second.
    expect(fake.requests.length).toBeGreaterThan(10);
    expect(fake.requests.filter((request) => request.status === 429)).toEqual([]);
    for (const request of fake.requests)
      expect(
        fake.requests.filter((other) => other.receivedAt >= request.receivedAt && other.receivedAt < request.receivedAt + 1_000).length,
      ).toBeLessThanOrEqual(10);
    rmSync(shared, { recursive: true, force: true });
  });

  it("refuses to use the organisation's key without the one person to use it for", async () => {
    const result = await runCli(['--provider', 'calamari', '--url', 'https://acme.calamari.io', '--test-connection'], { HOME: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--provider calamari needs --email: the employee Punchcard acts for with the organisation's key\./);
  });
});
