// Everything that goes wrong between Punchcard and Clockodo, through the engine in process
// (test/support/engine.ts, startInProcessEngine): each failure is a short isError result a person can act on,
// the key never shows, and the server keeps serving. The tools follow the person's rights and the
// company's modules, live. And the connection test on the command line tells apart a wrong address,
// no connection, a bad e-mail or key, and missing rights.
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clockodoFacts, clockodoFactsKey } from '../../../mcp-server/providers/clockodo/facts.ts';
import { closeAfterEach } from '../../support/close-after-each.ts';
import { makeUserDataDir, refusalOf, startInProcessEngine, textOf } from '../../support/engine.ts';
import { filesText } from '../../support/files-text.ts';
import { startWebSite } from '../../support/fake-server.ts';
import { connectionTestInProcess, runCli } from '../../support/run-cli.ts';
import {
  DEFAULT_USERS,
  type FakeClockodo,
  type FakeClockodoOptions,
  type FakeUser,
  seedCompany,
  startFakeClockodo,
} from '../providers/clockodo/fake-clockodo.ts';

const ADA = DEFAULT_USERS[0] as FakeUser;
const MIA = DEFAULT_USERS[2] as FakeUser;
const opened = closeAfterEach();

async function clockodoEngine(options: FakeClockodoOptions & { user?: FakeUser; key?: string | null; env?: Record<string, string> } = {}) {
  const fake = opened(await startFakeClockodo(options));
  seedCompany(fake);
  const user = options.user ?? ADA;
  const dir = makeUserDataDir({ provider: { type: 'clockodo', email: user.email, url: fake.url }, tools: { enabled: { update_time_entry: true } } });
  const key = options.key === undefined ? user.apiKey : options.key;
  const engine = opened(await startInProcessEngine({ userDataDir: dir, env: { ...(key === null ? {} : { PUNCHCARD_CLOCKODO_TOKEN: key }), ...options.env } }));
  return { fake, engine, dir };
}

describe('failures', () => {
  it('a wrong key: says which login and what to do, never shows the key, and keeps serving', async () => {
    const { engine } = await clockodoEngine({ key: 'wrong-key-ABCDEF123456' });
    for (const tool of ['whoami', 'timer_status', 'clock_in', 'list_catalog', 'leave_balance']) {
      const result = await engine.call(tool, tool === 'clock_in' ? { project: 'Website', activity: 'Development' } : {});
      expect(result.isError, tool).toBe(true);
      expect(textOf(result)).toMatch(/^Clockodo did not accept ada@example\.com with this API key .*Copy your API key from your personal data in Clockodo/);
      expect(JSON.stringify(result)).not.toContain('wrong-key-ABCDEF123456');
    }
    expect(engine.stderr()).not.toContain('wrong-key-ABCDEF123456');
    expect((await engine.client.listTools()).tools.length).toBeGreaterThan(0);
  });

  it('no key at all: says where to put one', async () => {
    const { fake, engine } = await clockodoEngine({ key: null });
    const result = await engine.call('timer_status');
    expect(textOf(result)).toMatch(/^No Clockodo API key is stored for ada@example\.com, so Punchcard could not .*PUNCHCARD_CLOCKODO_TOKEN/);
    expect(refusalOf(result)).toMatchObject({ code: 'clockodo_key_missing', facts: { email: 'ada@example.com' } });
    expect(fake.requests).toEqual([]);
  });

  it('missing rights, an unknown entry, a retired endpoint: each in words', async () => {
    const { fake, engine } = await clockodoEngine({ retiredPaths: ['/api/v2/aggregates/users/me'] });
    fake.failNext({ path: '/api/v2/clock' }, { status: 403, body: { errors: [{ type: 'Forbidden', message: 'Access denied.', details: null, path: null }] } });
    expect(textOf(await engine.call('timer_status'))).toMatch(
      /^Your Clockodo account may not read the running timer \(Clockodo answered 403: "Access denied\."\)\. Ask whoever manages Clockodo/,
    );
    expect(textOf(await engine.call('update_time_entry', { id: 99_999, description: 'x' }))).toBe(
      'There is no time entry #99999 in Clockodo (or it is not yours).',
    );
    // The deprecated aggregate is retired here: the person comes from /v4/users/me.
    const whoami = await engine.call('whoami');
    expect(whoami.isError).toBeFalsy();
    expect(whoami.structuredContent).toMatchObject({ name: 'Ada Worker' });
    expect(fake.requests.some((request) => request.path === '/api/v4/users/me' && request.status === 200)).toBe(true);
  });

  it('server errors, rate limits, broken bodies and slow answers, each in words; then it works again', async () => {
    const { fake, engine } = await clockodoEngine({ env: { PUNCHCARD_CLOCKODO_TIMEOUT_MS: '400' } });
    expect((await engine.call('timer_status')).isError).toBeFalsy();
    const expectations: Array<[Parameters<FakeClockodo['failNext']>[1], RegExp]> = [
      [
        { status: 500, body: { errors: [{ type: 'InternalError', message: 'Something broke.' }] } },
        /^Clockodo had an internal error \(500\) trying to read the running timer\. Try again later\.$/,
      ],
      [
        { status: 429, headers: { 'Retry-After': '0' }, times: 2 },
        /^Clockodo is limiting requests \(429 Too Many Requests\)\. Try to read the running timer again in a minute\.$/,
      ],
      [{ status: 200, raw: '{"running": ' }, /that is not Clockodo's JSON API/],
    ];
    for (const [failure, message] of expectations) {
      fake.failNext({ path: '/api/v2/clock' }, failure);
      const result = await engine.call('timer_status');
      expect(result.isError).toBe(true);
      expect(textOf(result)).toMatch(message);
    }
    // A gateway's 503 and a deadline mean Clockodo is out of reach: the read shows what was last
    // known, and says so (the outbox, docs/decisions.md).
    const outOfReach: Array<[Parameters<FakeClockodo['failNext']>[1], RegExp]> = [
      [
        { status: 503, raw: '<html>Maintenance</html>' },
        /\nClockodo is out of reach \(it answered 503 \(down or being updated\)\): this is what Punchcard last knew of it, less than a minute ago/,
      ],
      [
        { status: 200, body: { running: null }, delayMs: 1_500 },
        /\nClockodo is out of reach \(it did not answer in time\): this is what Punchcard last knew of it/,
      ],
    ];
    for (const [failure, message] of outOfReach) {
      fake.failNext({ path: '/api/v2/clock' }, failure);
      const result = await engine.call('timer_status');
      expect(result.isError).toBeFalsy();
      expect(result.structuredContent).toMatchObject({ running: null });
      expect(textOf(result)).toMatch(message);
    }
    // One 429 with a short Retry-After is waited out once.
    fake.failNext({ path: '/api/v2/clock' }, { status: 429, headers: { 'Retry-After': '0' } });
    expect((await engine.call('timer_status')).isError).toBeFalsy();
    expect((await engine.call('timer_status')).structuredContent).toMatchObject({ running: null });
  });

  it('a Clockodo that went away: connection refused, and the server is still there', async () => {
    const { fake, engine } = await clockodoEngine();
    await fake.close();
    const result = await engine.call('timer_status');
    expect(textOf(result)).toMatch(/^Nothing answers at 127\.0\.0\.1:\d+ \(connection refused\)\. Check the Clockodo address/);
    expect((await engine.client.listTools()).tools.map((tool) => tool.name)).toContain('whoami');
  });

  it('a validation error quotes Clockodo and names the field', async () => {
    const { fake, engine } = await clockodoEngine();
    fake.failNext(
      { method: 'POST', path: '/api/v2/entries' },
      { status: 400, body: { error: { code: 400, message: 'The entry overlaps another one.', fields: ['time_since'] } } },
    );
    const result = await engine.call('log_time', { date: 'yesterday', duration: '1h', project: 'Website', activity: 'Development' });
    expect(textOf(result)).toBe('Clockodo refused to log the time (start): "The entry overlaps another one.".');
  });

  it('a balance that cannot be read, before filing or after: said, and the filed request stands, not an error to file again', async () => {
    const { fake, engine } = await clockodoEngine();
    // Clockodo keeps the balance and cannot say it now: not guessed, said; Clockodo's approval still decides.
    fake.failNext({ method: 'GET', path: '/api/v2/holidaysQuota' }, { status: 503, body: { error: { message: 'Maintenance' } }, times: 2 });
    const result = await engine.call('request_leave', { type: 'vacation', first_day: '2027-03-01', last_day: '2027-03-02' });
    expect(result.isError).toBeFalsy();
    expect(textOf(result)).toMatch(
      /^Requested #\d+ .*2027-03-01 to 2027-03-02 .*Punchcard could not check it against your vacation balance first: Clockodo, or a proxy in front of it, is unavailable \(503\).* The vacation balance could not be read afterwards: Clockodo, or a proxy in front of it, is unavailable \(503\)/,
    );
    expect(result.structuredContent).toMatchObject({ vacation_days_remaining: null });
    expect(fake.state.absences.filter((absence) => absence.dateSince === '2027-03-01' && absence.status === 0)).toHaveLength(1);
  });
});

describe('tools that follow the person and the company', () => {
  it('a manager gets catalog writes, found in the background and remembered for the next start', async () => {
    const { fake, dir } = await clockodoEngine({ user: MIA });
    await expect.poll(() => clockodoFacts.read(dir, clockodoFactsKey({ email: MIA.email, url: fake.url }))?.role).toBe('manager');
    const next = opened(await startInProcessEngine({ userDataDir: dir, env: { PUNCHCARD_CLOCKODO_TOKEN: MIA.apiKey } }));
    const names = (await next.client.listTools()).tools.map((tool) => tool.name);
    expect(names).toContain('create_catalog_item');
    const created = await next.call('create_catalog_item', { kind: 'activity', name: 'Support' });
    expect(created.structuredContent).toMatchObject({ kind: 'activity', name: 'Support' });
    const project = await next.call('create_catalog_item', { kind: 'project', name: 'Orphan' });
    expect(textOf(project)).toMatch(/Every Clockodo project belongs to a customer: name one as the parent/);
  });

  it('without the absence module, the leave tools are withdrawn live and stay away on the next start', async () => {
    let changes = 0;
    const fake = opened(await startFakeClockodo({ company: { moduleAbsence: false } }));
    seedCompany(fake);
    const dir = makeUserDataDir({ provider: { type: 'clockodo', email: ADA.email, url: fake.url } });
    const engine = opened(await startInProcessEngine({ userDataDir: dir, env: { PUNCHCARD_CLOCKODO_TOKEN: ADA.apiKey }, listChanged: () => changes++ }));
    // Before anything is known the leave tools are offered (most companies use the module)…
    expect((await engine.client.listTools()).tools.map((tool) => tool.name)).toContain('request_leave');
    // …the background check learns the company does not, and the client is told.
    await expect.poll(() => changes).toBeGreaterThan(0);
    expect((await engine.client.listTools()).tools.map((tool) => tool.name)).not.toContain('request_leave');
    const next = opened(await startInProcessEngine({ userDataDir: dir, env: { PUNCHCARD_CLOCKODO_TOKEN: ADA.apiKey } }));
    expect((await next.client.listTools()).tools.map((tool) => tool.name)).not.toContain('absence_calendar');
  });
});

describe('punchcard-mcp --test-connection for Clockodo', () => {
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
    (url: string, key?: string, email = ADA.email) =>
      run(['--user-data', dir, '--provider', 'clockodo', '--email', email, '--url', url, '--test-connection', '--json'], {
        HOME: dir,
        ...(key ? { PUNCHCARD_CLOCKODO_TOKEN: key } : {}),
      });
  const check = checkWith(connectionTestInProcess);

  it('tells a wrong address, no connection, a bad login or key and missing rights apart, and remembers what it learned', async () => {
    const fake = opened(await startFakeClockodo());
    seedCompany(fake);
    const ok = await checkWith(runCli)(fake.url, ADA.apiKey);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ provider: 'clockodo', ok: true, verdict: 'ok' });
    expect(ok.stderr).toMatch(
      /Connection OK: Connected to Clockodo at 127\.0\.0\.1:\d+ as "Ada Worker" \(worker\) of .+; absence module on; may not add customers or projects\./,
    );
    expect(clockodoFacts.read(dir, clockodoFactsKey({ email: ADA.email, url: fake.url }))).toMatchObject({
      userId: ADA.id,
      role: 'worker',
      absences: true,
      timezone: 'Europe/Berlin',
    });

    const badKey = await check(fake.url, 'wrong-key-XYZ987654');
    expect(badKey.code).toBe(1);
    expect(JSON.parse(badKey.stdout)).toMatchObject({ verdict: 'bad_token' });
    expect(badKey.stdout + badKey.stderr).not.toContain('wrong-key-XYZ987654');
    expect(JSON.parse((await check(fake.url, ADA.apiKey, 'nobody@example.com')).stdout)).toMatchObject({ verdict: 'bad_token' });

    fake.failNext({ path: '/api/v2/clock' }, { status: 403, body: { errors: [{ type: 'Forbidden', message: 'No access.' }] } });
    expect(JSON.parse((await check(fake.url, ADA.apiKey)).stdout)).toMatchObject({ verdict: 'no_permission' });
    expect(JSON.parse((await check(htmlUrl, ADA.apiKey)).stdout)).toMatchObject({
      verdict: 'wrong_url',
      message: expect.stringMatching(/a web page that is not Clockodo's JSON API/),
    });
    expect(JSON.parse((await check(fake.url)).stdout)).toMatchObject({ verdict: 'no_token' });
    const url = fake.url;
    await fake.close();
    expect(JSON.parse((await check(url, ADA.apiKey)).stdout)).toMatchObject({ verdict: 'unreachable' });
    for (const file of filesText(dir)) expect(file.text, file.path).not.toContain(ADA.apiKey);
  });

  it('refuses a missing login as a usage error', async () => {
    const result = await runCli(['--provider', 'clockodo', '--test-connection'], { HOME: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--provider clockodo needs --email: your Clockodo login\./);
  });
});
