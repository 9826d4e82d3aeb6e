// Everything that goes wrong between Punchcard and Kimai, through the engine in process
// (test/support/engine.ts, startInProcessEngine): each failure is a short isError result a person can act on,
// the token never shows, and the server keeps serving. Also the connection test on the command
// line, and TLS with a certificate made by openssl at test time.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { makeUserDataDir, refusalOf, startInProcessEngine, textOf } from '../../support/engine.ts';
import { connectionTestInProcess, runCli } from '../../support/run-cli.ts';
import {
  DEFAULT_USERS,
  type FakeKimai,
  type FakeKimaiOptions,
  type FakeUser,
  makeTestCertificates,
  seedCatalog,
  startFakeKimai,
} from '../providers/kimai/fake-kimai.ts';
import { closeAfterEach } from '../../support/close-after-each.ts';

const ADA = DEFAULT_USERS[0] as FakeUser;

const opened = closeAfterEach();

async function kimaiEngine(
  options: FakeKimaiOptions & { token?: string; env?: Record<string, string>; provider?: Record<string, unknown>; settings?: Record<string, unknown> } = {},
) {
  const fake = opened(await startFakeKimai(options));
  seedCatalog(fake);
  const dir = makeUserDataDir({ ...options.settings, provider: { type: 'kimai', url: fake.url, ...options.provider } });
  const engine = opened(await startInProcessEngine({ userDataDir: dir, env: { PUNCHCARD_KIMAI_TOKEN: options.token ?? ADA.token, ...options.env } }));
  return { fake, engine };
}

/**
 * Waits for the engine's background check after start (it reads the profile to learn whether the
 * person leads a team, then looks for the absence plugin): on a busy machine it can start late and
 * would otherwise fall into the window a test counts a call's requests in. A refused token makes it
 * log that it could not check.
 */
async function backgroundCheckDone(engine: { stderr: () => string }): Promise<void> {
  await vi.waitFor(() => expect(engine.stderr()).toMatch(/for the absence plugin/), { timeout: 15_000, interval: 50 });
}

describe('failures', () => {
  it('a revoked token: says to make a new one, never shows it, and keeps serving', async () => {
    const { engine } = await kimaiEngine({ token: 'revoked-token-ABCDEF123456' });
    for (const tool of ['whoami', 'timer_status', 'clock_in', 'list_catalog']) {
      const result = await engine.call(tool, tool === 'clock_in' ? { project: 'Website', activity: 'Design' } : {});
      expect(result.isError).toBe(true);
      expect(textOf(result)).toMatch(/did not accept the API token .*Create a new API token/);
      expect(JSON.stringify(result)).not.toContain('revoked-token-ABCDEF123456');
      if (tool === 'timer_status') expect(refusalOf(result)).toMatchObject({ code: 'kimai_token_refused', facts: { status: 401 } });
    }
    expect(engine.stderr()).not.toContain('revoked-token-ABCDEF123456');
  });

  it('a profile that cannot be read is asked for once per call, not again by the tool', async () => {
    const { fake, engine } = await kimaiEngine({ token: 'revoked-token-ABCDEF123456' });
    await backgroundCheckDone(engine);
    for (const tool of ['whoami', 'timer_status', 'list_time_entries']) {
      const before = fake.requests.length;
      expect((await engine.call(tool)).isError).toBe(true);
      const sent = fake.requests.slice(before).map((request) => `${request.path} ${request.status}`);
      expect(
        sent.filter((line) => line.startsWith('/api/users/me')),
        tool,
      ).toEqual(['/api/users/me 401']);
    }
  });

  it('a call that needs the profile and the settings waits for both, so neither outlives the answer', async () => {
    // A zone of its own in the settings, and the background check's refused read is not kept: the call
    // asks for the profile itself.
    const { fake, engine } = await kimaiEngine({ token: 'revoked-token-ABCDEF123456', settings: { timezone: 'Europe/Berlin' } });
    await backgroundCheckDone(engine);
    // The settings refuse the token later than the profile does: the call still waits for both.
    fake.failNext({ path: '/api/config/timesheet' }, { status: 401, body: { code: 401, message: 'Unauthorized' }, delayMs: 100 });
    // clock_in first looks for the custom-fields plugin's rules (none here), then starts the timer with both reads.
    fake.failNext({ path: '/api/metafields' }, { status: 404, body: { code: 404, message: 'Not Found' } });
    const before = fake.requests.length;
    // Yesterday's 07:00 is in the past at any hour the suite runs (today's is not, before 07:00).
    const result = await engine.call('clock_in', { start: 'yesterday 07:00' });
    expect(result.isError).toBe(true);
    const sent = fake.requests
      .slice(before)
      .filter((request) => ['/api/users/me', '/api/config/timesheet'].includes(request.path))
      .map((request) => `${request.path} ${request.status}`);
    expect(sent.sort()).toEqual(['/api/config/timesheet 401', '/api/users/me 401']);
    expect(fake.requests.slice(before).every((request) => request.status !== undefined)).toBe(true);
  });

  it('a slow profile read costs one timeout, not two', async () => {
    const { fake, engine } = await kimaiEngine({ env: { PUNCHCARD_KIMAI_TIMEOUT_MS: '300' } });
    fake.failNext({ path: '/api/users/me' }, { status: 200, body: {}, delayMs: 1_000, times: 2 });
    const result = await engine.call('timer_status');
    expect(textOf(result)).toMatch(/^Kimai at 127\.0\.0\.1:\d+ did not answer within 300 ms trying to read your Kimai profile\. /);
    expect(fake.requests.filter((request) => request.path === '/api/users/me')).toHaveLength(1);
  });

  it('a role without API access: a missing permission, not a bad token', async () => {
    const { engine } = await kimaiEngine({ users: [{ ...ADA, apiAccess: false }] });
    const result = await engine.call('timer_status');
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/^Your Kimai account may not read your Kimai profile \(Kimai answered 403 Forbidden\)/);
  });

  it('server errors, rate limits, broken JSON and slow answers, each in words; then it works again', async () => {
    const { fake, engine } = await kimaiEngine({ env: { PUNCHCARD_KIMAI_TIMEOUT_MS: '400' } });
    expect((await engine.call('whoami')).isError).toBeFalsy();
    const expectations: Array<[Parameters<FakeKimai['failNext']>[1], RegExp]> = [
      [{ status: 500, body: { code: 500, message: 'Internal Server Error' } }, /^Kimai had an internal error \(500\) trying to read the running timer/],
      [{ status: 502, raw: '<html>Bad gateway</html>' }, /proxy in front of it, is unavailable \(502\)/],
      [{ status: 429, headers: { 'Retry-After': '0' }, times: 2 }, /limiting requests \(429 Too Many Requests\)/],
      [{ status: 200, raw: '[{"id": 1,' }, /not Kimai's JSON API/],
      [{ status: 200, body: [], delayMs: 1_500 }, /^Kimai at 127\.0\.0\.1:\d+ did not answer within 400 ms trying to read the running timer\. /],
    ];
    for (const [failure, message] of expectations) {
      fake.failNext({ path: '/api/timesheets/active' }, failure);
      const result = await engine.call('timer_status');
      expect(result.isError).toBe(true);
      expect(textOf(result)).toMatch(message);
    }
    fake.failNext({ path: '/api/timesheets/active' }, { status: 429, headers: { 'Retry-After': '0' } });
    expect((await engine.call('timer_status')).isError).toBeFalsy();
    expect((await engine.call('timer_status')).structuredContent).toMatchObject({ running: null });
  });

  it('a 400 validation error names the field', async () => {
    const { fake, engine } = await kimaiEngine();
    const acme = fake.state.customers[0];
    fake.addProject('Intranet', acme?.id ?? 0);
    const result = await engine.call('log_time', { date: 'yesterday', duration: '1h', project: 'Intranet', activity: 'Design' });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/^Kimai refused to log the time: activity: "Project mismatch/);
  });

  it('a Kimai that went away: connection refused, and the server is still there', async () => {
    const { fake, engine } = await kimaiEngine();
    await fake.close();
    const result = await engine.call('timer_status');
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/^Nothing answers at 127\.0\.0\.1:\d+ \(connection refused\)/);
    // Still listing what it listed before: the default tools, the leave tools on trust (nothing
    // could be checked).
    expect((await engine.client.listTools()).tools.map((tool) => tool.name).sort()).toEqual([
      'absence_calendar',
      'clock_in',
      'clock_out',
      'create_catalog_item',
      'leave_balance',
      'list_catalog',
      'list_leave_requests',
      'list_time_entries',
      'log_time',
      'request_leave',
      'time_report',
      'timer_status',
      'whoami',
      'working_time',
    ]);
  });

  it('punch-clock mode: times are refused in words before anything is sent; clocking in now works', async () => {
    const { fake, engine } = await kimaiEngine({ config: { trackingMode: 'punch' } });
    const backdated = await engine.call('clock_in', { project: 'Website', activity: 'Design', start: 'yesterday 07:00' });
    expect(backdated.isError).toBe(true);
    expect(textOf(backdated)).toMatch(/^Your Kimai uses the punch-clock tracking mode, so it does not accept a start time/);
    const logged = await engine.call('log_time', { date: 'yesterday', duration: '1h', project: 'Website', activity: 'Design' });
    expect(textOf(logged)).toMatch(/does not accept entries logged afterwards/);
    expect(fake.requests.some((request) => request.method === 'POST')).toBe(false);
    expect((await engine.call('clock_in', { project: 'Website', activity: 'Design' })).isError).toBeFalsy();
    expect((await engine.call('clock_out')).isError).toBeFalsy();
    expect(JSON.parse(fake.requests.find((request) => request.method === 'POST')?.body ?? '{}')).not.toHaveProperty('begin');
  });
});

describe('the command line', () => {
  it('--provider kimai --url wins over the local provider in the settings', async () => {
    const fake = opened(await startFakeKimai());
    const dir = makeUserDataDir({ provider: { type: 'local' } });
    const engine = opened(
      await startInProcessEngine({ userDataDir: dir, args: ['--provider', 'kimai', '--url', fake.url], env: { PUNCHCARD_KIMAI_TOKEN: ADA.token } }),
    );
    const result = await engine.call('whoami');
    expect(result.structuredContent).toMatchObject({ name: 'Ada Lovelace', provider: `Kimai (${fake.url})` });
    expect(fake.requests.some((request) => request.path === '/api/users/me')).toBe(true);
  });
});

describe('TLS', () => {
  let certs: { key: string; cert: string; caFile: string };
  let certDir: string;
  beforeAll(() => {
    certDir = mkdtempSync(join(tmpdir(), 'punchcard-tls-'));
    certs = makeTestCertificates(certDir);
  });
  afterAll(() => rmSync(certDir, { recursive: true, force: true }));
  /** A new FIFO in the certificates' folder, which nothing ever writes to. */
  let fifos = 0;
  const fifo = () => {
    const path = join(certDir, `ca-${fifos++}.fifo`);
    execFileSync('mkfifo', [path]);
    return path;
  };

  it('refuses a certificate nobody vouches for, and says how to fix it', async () => {
    const { engine } = await kimaiEngine({ tls: certs });
    const result = await engine.call('whoami');
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(
      /^The secure connection to localhost:\d+ failed: its certificate is not signed by an authority this computer trusts\..*caFile/,
    );
  });

  it('trusts the company CA from caFile', async () => {
    const { engine } = await kimaiEngine({ tls: certs, provider: { caFile: certs.caFile } });
    const result = await engine.call('whoami');
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent?.connection).toMatch(/^Kimai at https:\/\/localhost:\d+/);
  });

  it('says so when the CA file cannot be read', async () => {
    const { engine } = await kimaiEngine({ tls: certs, provider: { caFile: join(certDir, 'missing.pem') } });
    expect(textOf(await engine.call('whoami'))).toMatch(
      /^The CA file .*missing\.pem cannot be used: it does not exist; Punchcard could not read your Kimai profile without it\./,
    );
  });

  // A FIFO is read until something writes into it, /dev/zero forever: either would hold the engine,
  // whose every answer (tools/list too) then waits. Each is refused as config.json would be.
  describe.each([
    ['a FIFO', () => fifo()],
    ['/dev/zero', () => '/dev/zero'],
  ])('%s as the CA file', (_what, caFile) => {
    const refused =
      /^The CA file \S+ cannot be used: it is not a regular file \(a pipe, device or folder\), so it is not read; Punchcard could not read your Kimai profile without it\./;
    const answersAndRefuses = async (engine: Awaited<ReturnType<typeof startInProcessEngine>>) => {
      const result = await engine.call('whoami');
      expect(result.isError).toBe(true);
      expect(textOf(result)).toMatch(refused);
      expect((await engine.client.listTools()).tools.map((tool) => tool.name)).toContain('whoami');
      expect(textOf(await engine.call('timer_status'))).toMatch(refused);
    };

    it('in the settings (provider.caFile)', async () => {
      const { engine } = await kimaiEngine({ tls: certs, provider: { caFile: caFile() } });
      await answersAndRefuses(engine);
    });

    it('as --ca-file, and as PUNCHCARD_CA_FILE', async () => {
      const fake = opened(await startFakeKimai({ tls: certs }));
      const env = { PUNCHCARD_KIMAI_TOKEN: ADA.token };
      await answersAndRefuses(opened(await startInProcessEngine({ args: ['--provider', 'kimai', '--url', fake.url, '--ca-file', caFile()], env })));
      await answersAndRefuses(
        opened(await startInProcessEngine({ env: { ...env, PUNCHCARD_PROVIDER: 'kimai', PUNCHCARD_URL: fake.url, PUNCHCARD_CA_FILE: caFile() } })),
      );
      expect(fake.requests).toEqual([]);
    });

    it('in --test-connection: a verdict in words, not a test that never ends', async () => {
      const fake = opened(await startFakeKimai({ tls: certs }));
      const dir = makeUserDataDir();
      const result = await connectionTestInProcess(
        ['--user-data', dir, '--provider', 'kimai', '--url', fake.url, '--ca-file', caFile(), '--test-connection', '--json'],
        {
          HOME: dir,
          PUNCHCARD_KIMAI_TOKEN: ADA.token,
        },
      );
      rmSync(dir, { recursive: true, force: true });
      expect(result.code).toBe(1);
      expect(JSON.parse(result.stdout)).toMatchObject({
        ok: false,
        verdict: 'misconfigured',
        message: expect.stringMatching(/^The CA file \S+ cannot be used: it is not a regular file/),
      });
    });
  });

  it('skips the checks only when told to, and warns loudly', async () => {
    const { engine } = await kimaiEngine({ tls: certs, provider: { allowInsecureTls: true } });
    expect((await engine.call('whoami')).isError).toBeFalsy();
    expect(engine.stderr()).toMatch(/WARNING: TLS certificate checks are OFF for https:\/\/localhost:\d+/);
  });
});

describe('punchcard-mcp --test-connection', () => {
  let dir: string;
  beforeAll(() => {
    dir = makeUserDataDir();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  // Each verdict from the same test in this process (connectionTestInProcess); the first through the
  // built command line, whose exit code and streams are the process's.
  const checkWith =
    (run: typeof runCli) =>
    (url: string, token?: string, extra: string[] = []) =>
      run(['--user-data', dir, '--provider', 'kimai', '--url', url, '--test-connection', ...extra], {
        HOME: dir,
        ...(token ? { PUNCHCARD_KIMAI_TOKEN: token } : {}),
      });
  const check = checkWith(connectionTestInProcess);

  it('prints one verdict per situation on stderr, with exit code 0 only when connected', async () => {
    const fake = opened(
      await startFakeKimai({
        config: { absencePlugin: true },
        users: [ADA, { ...ADA, id: 9, username: 'noapi', token: 'token-noapi-0123456789', apiAccess: false }],
      }),
    );
    const ok = await checkWith(runCli)(fake.url, ADA.token);
    expect(ok).toMatchObject({ code: 0, stdout: '' });
    expect(ok.stderr).toMatch(
      /Connection OK: Connected to Kimai 2\.66\.0 at http:\/\/127\.0\.0\.1:\d+ as "Ada Lovelace" \(Europe\/Berlin\); tracking mode default; absence plugin available\./,
    );

    const badToken = await check(fake.url, 'wrong-token-XYZ987654');
    expect(badToken.code).toBe(1);
    expect(badToken.stderr).toMatch(/Connection FAILED \(bad_token\): /);
    expect(badToken.stderr).not.toContain('wrong-token-XYZ987654');

    expect((await check(fake.url, 'token-noapi-0123456789')).stderr).toMatch(/Connection FAILED \(no_permission\): /);
    // A web server that is not Kimai (the fake's non-API pages are HTML).
    expect((await check(`${fake.url}/some/other/app`, ADA.token)).stderr).toMatch(/Connection FAILED \(wrong_url\): .*Check the URL/);
    const noToken = await check(fake.url);
    expect(noToken.code).toBe(1);
    expect(noToken.stderr).toMatch(/Connection FAILED \(no_token\): No Kimai API token is stored/);

    const url = fake.url;
    await fake.close();
    expect((await check(url, ADA.token)).stderr).toMatch(/Connection FAILED \(unreachable\): Nothing answers/);
  });

  it('refuses a bad URL as a usage error', async () => {
    const result = await runCli(['--provider', 'kimai', '--url', 'kimai.example.com', '--test-connection'], { HOME: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--url kimai\.example\.com is not an http\(s\) address/);
  });
});
