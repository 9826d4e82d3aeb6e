import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseArguments } from '../../../mcp-server/cli/arguments.ts';
import { createClock } from '../../../mcp-server/clock.ts';
import { profileSchemaOf } from '../../../mcp-server/contract/settings.ts';
import { defaultUserDataDir } from '../../../mcp-server/user-data.ts';
import { GUIDE_PAGES } from '../../../team-server/cli/serve-usage.ts';
import { SERVER_BUNDLE, TEAM_SERVER_BUNDLE } from '../../support/engine.ts';

describe('parseArguments', () => {
  const env = { HOME: '/home/ada' };

  it('serves from the app folder by default', () => {
    expect(parseArguments([], env)).toEqual({ kind: 'serve', userDataDir: defaultUserDataDir(process.platform, env), allTools: false });
  });

  it('takes --user-data in both spellings, as an absolute path, and --all-tools', () => {
    expect(parseArguments(['--user-data', 'data', '--all-tools'], env)).toEqual({ kind: 'serve', userDataDir: resolve('data'), allTools: true });
    expect(parseArguments(['--user-data=/tmp/x'], env)).toMatchObject({ userDataDir: '/tmp/x' });
  });

  it('refuses a missing folder and unknown arguments', () => {
    expect(parseArguments(['--user-data'], env)).toEqual({ kind: 'error', message: '--user-data needs a folder.' });
    expect(parseArguments(['--userdata', 'x'], env)).toEqual({ kind: 'error', message: 'Unknown argument: --userdata' });
  });
});

describe('back-end flags', () => {
  const env = { HOME: '/home/ada' };

  it.each([
    'https://kimai.example.com',
    ' https://kimai.example.com/api/ ',
    'http://127.0.0.1:8001/',
    'kimai.example.com',
    'ftp://kimai.example.com',
    'https://',
    'mailto:x@y',
  ])('--url %j means what the same address in config.json means', (url) => {
    const fromFlags = parseArguments(['--provider', 'kimai', '--url', url], env);
    const fromSettings = profileSchemaOf('kimai').safeParse({ type: 'kimai', url });
    if (fromSettings.success) expect(fromFlags).toMatchObject({ kind: 'serve', provider: fromSettings.data });
    else expect(fromFlags).toMatchObject({ kind: 'error' });
  });

  it('takes --provider kimai --url with TLS options, and --test-connection', () => {
    expect(parseArguments(['--provider', 'kimai', '--url', 'https://kimai.example.com/', '--ca-file', '/etc/ca.pem'], env)).toMatchObject({
      kind: 'serve',
      provider: { type: 'kimai', url: 'https://kimai.example.com', caFile: '/etc/ca.pem' },
    });
    expect(parseArguments(['--provider=kimai', '--url=http://localhost:8001', '--allow-insecure-tls', '--test-connection'], env)).toMatchObject({
      kind: 'test-connection',
      provider: { type: 'kimai', url: 'http://localhost:8001', allowInsecureTls: true },
    });
    expect(parseArguments(['--provider', 'local'], env)).toMatchObject({ kind: 'serve', provider: { type: 'local' } });
    expect(parseArguments(['--test-connection'], env)).toEqual({ kind: 'test-connection', userDataDir: defaultUserDataDir(process.platform, env) });
  });

  it('takes --json with --test-connection only: serving MCP owns stdout', () => {
    expect(parseArguments(['--test-connection', '--json'], env)).toEqual({
      kind: 'test-connection',
      userDataDir: defaultUserDataDir(process.platform, env),
      json: true,
    });
    expect(parseArguments(['--json', '--provider=local', '--test-connection'], env)).toMatchObject({
      kind: 'test-connection',
      json: true,
      provider: { type: 'local' },
    });
    expect(parseArguments(['--json'], env)).toEqual({ kind: 'error', message: '--json goes with --test-connection.' });
  });

  it('refuses flags that do not fit together, saying what would', () => {
    expect(parseArguments(['--provider', 'kimai'], env)).toMatchObject({ kind: 'error', message: expect.stringMatching(/needs --url/) });
    expect(parseArguments(['--url', 'https://k.example.com'], env)).toMatchObject({ kind: 'error', message: expect.stringMatching(/go with --provider\./) });
    expect(parseArguments(['--provider', 'local', '--ca-file', 'x.pem'], env)).toMatchObject({ kind: 'error' });
    expect(parseArguments(['--provider', 'jira'], env)).toEqual({
      kind: 'error',
      message: '--provider is local, kimai, clockodo, calamari, clockify, toggl, harvest or tempo.',
    });
    expect(parseArguments(['--provider', 'tempo'], env)).toEqual({
      kind: 'error',
      message: '--provider tempo needs --url, e.g. --url https://acme.atlassian.net.',
    });
    expect(parseArguments(['--provider', 'kimai', '--url', 'https://k.example.com', '--email', 'a@b.example'], env)).toMatchObject({
      message: expect.stringMatching(/--email is for --provider clockodo, calamari or tempo;/),
    });
    expect(parseArguments(['--provider', 'clockodo', '--email', 'ada'], env)).toMatchObject({
      message: '--email ada is not an e-mail address such as ada@example.com.',
    });
    expect(parseArguments(['--provider', 'clockodo', '--email', 'a@b.example', '--ca-file', 'x.pem'], env)).toMatchObject({
      message: expect.stringMatching(/for --provider kimai only/),
    });
    expect(parseArguments(['--provider', 'calamari', '--email', 'a@b.example'], env)).toMatchObject({ message: expect.stringMatching(/needs --url/) });
    expect(parseArguments(['--provider', 'calamari', '--url', 'https://acme.calamari.io'], env)).toMatchObject({
      message: expect.stringMatching(/needs --email: the employee/),
    });
  });

  it("reads Clockodo and Calamari profiles as config.json would: normal forms, Clockodo's own address by default", () => {
    expect(parseArguments(['--provider', 'clockodo', '--email', ' Ada@Example.com '], env)).toMatchObject({
      provider: { type: 'clockodo', email: 'ada@example.com', url: 'https://my.clockodo.com' },
    });
    expect(parseArguments(['--provider=calamari', '--url=https://acme.calamari.io/api/', '--email=Ada@Acme.example'], env)).toMatchObject({
      provider: { type: 'calamari', url: 'https://acme.calamari.io', email: 'ada@acme.example' },
    });
    expect(parseArguments(['--provider', 'kimai', '--url', 'kimai.example.com'], env)).toMatchObject({
      kind: 'error',
      message: expect.stringMatching(/not an http\(s\) address/),
    });
  });

  it("reads Clockify profiles: Clockify's global API by default, a region's host, a workspace by name or id", () => {
    expect(parseArguments(['--provider', 'clockify'], env)).toMatchObject({ provider: { type: 'clockify', url: 'https://api.clockify.me' } });
    expect(parseArguments(['--provider=clockify', '--url=https://euc1.clockify.me/api/', '--workspace= Acme '], env)).toMatchObject({
      provider: { type: 'clockify', url: 'https://euc1.clockify.me', workspace: 'Acme' },
    });
    expect(parseArguments(['--provider', 'clockify', '--url', 'http://127.0.0.1:8099/api'], env)).toMatchObject({ provider: { url: 'http://127.0.0.1:8099' } });
  });

  it("reads Toggl Track profiles: Toggl's API by default, a workspace; its address with /api/v9 pasted is refused in Toggl's form", () => {
    expect(parseArguments(['--provider', 'toggl', '--workspace', 'Acme'], env)).toMatchObject({
      provider: { type: 'toggl', url: 'https://api.track.toggl.com', workspace: 'Acme' },
    });
    expect(parseArguments(['--provider', 'toggl', '--url', 'https://api.track.toggl.com/api/v9'], env)).toMatchObject({
      kind: 'error',
      message: expect.stringContaining(
        "Toggl Track's API is at https://api.track.toggl.com, over https and with nothing after it: Punchcard adds /api/v9 itself",
      ),
    });
    expect(parseArguments(['--provider', 'toggl', '--url', 'https://track.toggl.com'], env)).toMatchObject({
      kind: 'error',
      message: expect.stringMatching(/track\.toggl\.com is not one of Toggl Track's API addresses/),
    });
  });

  it("refuses a Clockify address that would send the key somewhere it should not go, and flags that are not Clockify's", () => {
    expect(parseArguments(['--provider', 'clockify', '--url', 'https://acme.clockify.me'], env)).toMatchObject({
      kind: 'error',
      message: expect.stringMatching(/acme\.clockify\.me is not one of Clockify's API addresses/),
    });
    expect(parseArguments(['--provider', 'clockify', '--url', 'https://api.clockify.me/api/v1'], env)).toMatchObject({
      kind: 'error',
      message: expect.stringMatching(/without more after \/api/),
    });
    expect(parseArguments(['--provider', 'clockify', '--url', 'https://proxy.example.com'], env)).toMatchObject({
      kind: 'error',
      message: expect.stringMatching(/only to Clockify's API addresses \(or to a server on this computer\), and proxy\.example\.com is not one/),
    });
    expect(parseArguments(['--provider', 'clockify', '--email', 'a@b.example'], env)).toMatchObject({
      kind: 'error',
      message: expect.stringMatching(/Clockify knows you by your API key/),
    });
    expect(parseArguments(['--provider', 'kimai', '--url', 'https://k.example.com', '--workspace', 'Acme'], env)).toMatchObject({
      kind: 'error',
      message: '--workspace is for --provider clockify or toggl only.',
    });
    expect(parseArguments(['--provider', 'clockify', '--workspace'], env)).toMatchObject({
      kind: 'error',
      message: expect.stringMatching(/--workspace needs a Clockify or Toggl Track workspace/),
    });
  });
});

describe('the built command line', () => {
  const run = (...args: string[]) => spawnSync(process.execPath, [SERVER_BUNDLE, ...args], { encoding: 'utf8', input: '' });

  it('prints usage on stderr with exit code 2 for a bad argument, and nothing on stdout', () => {
    const result = run('--nope');
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/Unknown argument: --nope[\s\S]*Usage: punchcard-mcp/);
  });

  it('prints the connection test as one JSON line on stdout with --json, the verdict still on stderr', () => {
    const dir = mkdtempSync(join(tmpdir(), 'punchcard-cli-'));
    try {
      const result = run('--user-data', dir, '--test-connection', '--json');
      expect(result.status).toBe(0);
      expect(result.stderr).toMatch(/^Connection OK: The local timesheet needs no connection/m);
      const lines = result.stdout.split('\n').filter((line) => line !== '');
      expect(lines).toHaveLength(1);
      expect(JSON.parse(lines[0] as string)).toEqual({
        provider: 'local',
        ok: true,
        verdict: 'ok',
        message: expect.stringMatching(/^The local timesheet needs no connection/),
      });
      // Without --json, stdout stays empty as before.
      expect(run('--user-data', dir, '--test-connection').stdout).toBe('');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('answers --help and --version on stdout with exit 0, so a script can read them: neither is the protocol', () => {
    const help = run('--help');
    expect([help.status, help.stderr]).toEqual([0, '']);
    expect(help.stdout).toMatch(/^Usage: punchcard-mcp \[--user-data DIR\]/);
    expect(run('-h').stdout).toBe(help.stdout);
    const version = run('--version');
    expect([version.status, version.stderr]).toEqual([0, '']);
    expect(version.stdout).toMatch(/^punchcard-mcp \d+\.\d+\.\d+\n$/);
  });
});

describe('the team server’s commands', () => {
  const run = (bundle: string, ...args: string[]) => spawnSync(process.execPath, [bundle, ...args], { encoding: 'utf8', input: '' });

  it('are not in the desktop’s engine, which says where they went (exit 2) and starts nothing', () => {
    for (const command of ['serve', 'audit', 'admin']) {
      const result = run(SERVER_BUNDLE, command, '--dev');
      expect(result.status, command).toBe(2);
      expect(result.stdout, command).toBe('');
      expect(result.stderr, command).toContain(`punchcard-mcp ${command} belongs to the team server`);
      expect(result.stderr, command).toContain('docs/team-server/README.md');
    }
    expect(run(SERVER_BUNDLE, '--help').stdout).not.toContain('punchcard-mcp serve');
  });

  it('are in the team server’s build, whose usage leads with them, names the guide beside it, then has the engine’s own', () => {
    const help = run(TEAM_SERVER_BUNDLE, '--help');
    expect([help.status, help.stderr]).toEqual([0, '']);
    const guide = join(TEAM_SERVER_BUNDLE, '..', 'docs');
    expect(help.stdout).toMatch(/^Usage: punchcard-mcp COMMAND .*\n\nPunchcard's team server/);
    expect(help.stdout).toMatch(/\n {2}punchcard-mcp serve --config FILE[\s\S]*\n {2}punchcard-mcp admin VERB --config FILE/);
    expect(help.stdout).toContain(`The administrator's guide ships with this program, in ${guide}/:\n  README.md `);
    expect(help.stdout.indexOf('punchcard-mcp serve --config FILE')).toBeLessThan(help.stdout.indexOf('Usage: punchcard-mcp [--user-data DIR]'));
    for (const page of Object.keys(GUIDE_PAGES)) expect(existsSync(join(guide, page)), page).toBe(true);
    const serve = run(TEAM_SERVER_BUNDLE, 'serve');
    expect(serve.status).toBe(2);
    expect(serve.stderr).toMatch(/^serve takes --config FILE, or --dev\.\n\nUsage: punchcard-mcp serve --config FILE\n/);
    for (const command of ['serve', 'audit', 'admin', 'admin check']) {
      const own = run(TEAM_SERVER_BUNDLE, ...command.split(' '), '--help');
      expect([own.status, own.stderr], command).toEqual([0, '']);
      expect(own.stdout, command).toMatch(new RegExp(`^Usage: punchcard-mcp ${command} `));
      expect(own.stdout, command).toContain(guide);
    }
    // The engine's own commands are there too, as the same command line.
    expect(run(TEAM_SERVER_BUNDLE, '--version').stdout).toMatch(/^punchcard-mcp \d+\.\d+\.\d+\n$/);
  });
});

describe('defaultUserDataDir', () => {
  it('follows each OS convention and its environment variables', () => {
    expect(defaultUserDataDir('linux', { HOME: '/home/ada' })).toBe('/home/ada/.config/Punchcard');
    expect(defaultUserDataDir('linux', { HOME: '/home/ada', XDG_CONFIG_HOME: '/cfg' })).toBe('/cfg/Punchcard');
    expect(defaultUserDataDir('linux', { HOME: '/home/ada', XDG_CONFIG_HOME: 'relative/cfg' })).toBe('/home/ada/.config/Punchcard');
    expect(defaultUserDataDir('darwin', { HOME: '/Users/ada' })).toBe('/Users/ada/Library/Application Support/Punchcard');
    expect(defaultUserDataDir('win32', { USERPROFILE: 'C:\\Users\\ada', APPDATA: 'C:\\Users\\ada\\AppData\\Roaming' })).toBe(
      'C:\\Users\\ada\\AppData\\Roaming\\Punchcard',
    );
    expect(defaultUserDataDir('win32', { USERPROFILE: 'C:\\Users\\ada' })).toBe('C:\\Users\\ada\\AppData\\Roaming\\Punchcard');
  });
});

describe('createClock', () => {
  it('starts at PUNCHCARD_NOW and runs on from there', () => {
    const clock = createClock({ PUNCHCARD_NOW: '2026-11-18T08:00:00+01:00' });
    const first = clock();
    expect(first).toBeGreaterThanOrEqual(Date.parse('2026-11-18T07:00:00Z'));
    expect(first).toBeLessThan(Date.parse('2026-11-18T07:01:00Z'));
    expect(clock()).toBeGreaterThanOrEqual(first);
  });

  it('is the real clock without it, and refuses a value that is not a time', () => {
    expect(createClock({})).toBe(Date.now);
    expect(() => createClock({ PUNCHCARD_NOW: 'tomorrow' })).toThrow(/not an ISO time/);
  });
});

describe('the variables that stand for the flags (a Claude Desktop extension sets them)', () => {
  const home = { HOME: '/home/ada' };

  it('serves the back end and the folder they name, with the same rules and normal forms as the flags', () => {
    expect(parseArguments([], { ...home, PUNCHCARD_PROVIDER: 'clockodo', PUNCHCARD_EMAIL: ' Ada@Example.com ', PUNCHCARD_USER_DATA: 'data' })).toEqual({
      kind: 'serve',
      userDataDir: resolve('data'),
      allTools: false,
      provider: { type: 'clockodo', email: 'ada@example.com', url: 'https://my.clockodo.com' },
      // The back end the form named: the only one its secret goes to (credentials/form-secret.ts).
      formBackEnd: { type: 'clockodo', email: 'ada@example.com', url: 'https://my.clockodo.com' },
    });
    expect(
      parseArguments([], { ...home, PUNCHCARD_PROVIDER: 'kimai', PUNCHCARD_URL: 'https://kimai.example.com/', PUNCHCARD_CA_FILE: '/etc/ca.pem' }),
    ).toMatchObject({
      provider: { type: 'kimai', url: 'https://kimai.example.com', caFile: '/etc/ca.pem' },
    });
    expect(parseArguments(['--test-connection'], { ...home, PUNCHCARD_PROVIDER: 'local' })).toMatchObject({
      kind: 'test-connection',
      provider: { type: 'local' },
    });
    expect(parseArguments([], { ...home, PUNCHCARD_PROVIDER: 'clockify', PUNCHCARD_WORKSPACE: ' Acme ' })).toMatchObject({
      provider: { type: 'clockify', url: 'https://api.clockify.me', workspace: 'Acme' },
    });
    // The length config.json allows, from a variable as from the flag.
    const long = 'w'.repeat(201);
    expect(parseArguments([], { ...home, PUNCHCARD_PROVIDER: 'clockify', PUNCHCARD_WORKSPACE: long })).toEqual({
      kind: 'error',
      message: 'PUNCHCARD_WORKSPACE is a workspace id or name of at most 200 characters.',
    });
    expect(parseArguments(['--provider', 'clockify', '--workspace', long], home)).toEqual({
      kind: 'error',
      message: '--workspace is a workspace id or name of at most 200 characters.',
    });
  });

  it('takes an empty value, or a placeholder a client left unfilled, as unset', () => {
    const unset = { ...home, PUNCHCARD_PROVIDER: '', PUNCHCARD_URL: ' ', PUNCHCARD_EMAIL: '${user_config.email}', PUNCHCARD_USER_DATA: '' };
    expect(parseArguments([], unset)).toEqual({ kind: 'serve', userDataDir: defaultUserDataDir(process.platform, home), allTools: false });
  });

  it('gives way to the flags: --provider and its flags win over every back-end variable, --user-data over its own', () => {
    const env = { ...home, PUNCHCARD_PROVIDER: 'clockodo', PUNCHCARD_EMAIL: 'ada@example.com', PUNCHCARD_USER_DATA: '/srv/punchcard' };
    // The form's secret stays bound to the back end the form named, not the one the flags chose.
    expect(parseArguments(['--provider', 'local', '--user-data', '/tmp/x'], env)).toEqual({
      kind: 'serve',
      userDataDir: '/tmp/x',
      allTools: false,
      provider: { type: 'local' },
      formBackEnd: { type: 'clockodo', email: 'ada@example.com', url: 'https://my.clockodo.com' },
    });
  });

  it('refuses what the flags refuse, naming the variables', () => {
    const refused = (env: Record<string, string>) => parseArguments([], { ...home, ...env });
    expect(refused({ PUNCHCARD_PROVIDER: 'Kimia' })).toEqual({
      kind: 'error',
      message: 'PUNCHCARD_PROVIDER is local, kimai, clockodo, calamari, clockify, toggl, harvest or tempo (not "Kimia").',
    });
    expect(refused({ PUNCHCARD_PROVIDER: 'kimai' })).toEqual({
      kind: 'error',
      message: 'PUNCHCARD_PROVIDER kimai needs PUNCHCARD_URL, e.g. PUNCHCARD_URL=https://kimai.example.com.',
    });
    expect(refused({ PUNCHCARD_PROVIDER: 'kimai', PUNCHCARD_URL: 'kimai.example.com' })).toEqual({
      kind: 'error',
      message: 'PUNCHCARD_URL kimai.example.com is not an http(s) address such as https://kimai.example.com.',
    });
    expect(refused({ PUNCHCARD_PROVIDER: 'calamari', PUNCHCARD_URL: 'https://acme.calamari.io', PUNCHCARD_EMAIL: 'ada' })).toEqual({
      kind: 'error',
      message: 'PUNCHCARD_EMAIL ada is not an e-mail address such as ada@example.com.',
    });
    expect(refused({ PUNCHCARD_URL: 'https://kimai.example.com' })).toEqual({
      kind: 'error',
      message: 'PUNCHCARD_URL, PUNCHCARD_EMAIL, PUNCHCARD_WORKSPACE and PUNCHCARD_CA_FILE go with PUNCHCARD_PROVIDER.',
    });
    expect(refused({ PUNCHCARD_PROVIDER: 'clockodo', PUNCHCARD_EMAIL: 'ada@example.com', PUNCHCARD_CA_FILE: '/etc/ca.pem' })).toEqual({
      kind: 'error',
      message: 'PUNCHCARD_CA_FILE is for PUNCHCARD_PROVIDER kimai only.',
    });
    expect(refused({ PUNCHCARD_PROVIDER: 'kimai', PUNCHCARD_URL: 'https://kimai.example.com', PUNCHCARD_WORKSPACE: 'Acme' })).toEqual({
      kind: 'error',
      message: 'PUNCHCARD_WORKSPACE is for PUNCHCARD_PROVIDER clockify or toggl only.',
    });
  });
});
