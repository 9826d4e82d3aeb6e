// The organisation's policy, applied by the built server over real stdio in both eras: denied tools
// and groups and read-only never reach AI clients whatever config.json says, AI access switched off
// leaves whoami alone, a back end that is not allowed is not contacted, a file that cannot be used
// fails closed, a change applies live, and --all-tools in an entry does not get past it; only the
// app's own engine, with the key the app issues, sees every tool. The policy path is the test-only
// override (PUNCHCARD_POLICY_FILE), which can only narrow the system file.
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { REFUSAL_META_KEY } from '../../../mcp-server/contract/outcomes/refusal-meta.ts';
import { APP_ENGINE_PROOF_LINE } from '../../../mcp-server/policy/app-engine-proof.ts';
import { makeUserDataDir, SERVER_BUNDLE, writeSettings } from '../../support/engine.ts';
import { connectionTestInProcess, runCli } from '../../support/run-cli.ts';
import { DEFAULT_USERS, type FakeKimai, type FakeUser, makeTestCertificates, startFakeKimai } from '../providers/kimai/fake-kimai.ts';
import {
  cleanUp,
  type Era,
  eraRequest,
  legacyOpening,
  modernOpening,
  type RawServer,
  removeTempDir,
  serverEnv,
  spawnRawServer,
} from '../../support/raw-stdio.ts';

const folders: string[] = [];
function setup(policy: unknown, settings?: Record<string, unknown>) {
  const dir = makeUserDataDir(settings);
  folders.push(dir);
  const policyFile = join(dir, 'org', 'policy.json');
  mkdirSync(join(dir, 'org'));
  writeFileSync(policyFile, typeof policy === 'string' ? policy : JSON.stringify(policy));
  return { dir, policyFile, env: serverEnv(dir, { PUNCHCARD_POLICY_FILE: policyFile }) };
}
const fakes: FakeKimai[] = [];
/**
 * Writes a policy as deployment tools do, whole at once (a temporary file renamed into place): a
 * file caught half-written is invalid, and an invalid policy fails closed, as it should.
 */
function deploy(policyFile: string, policy: unknown): void {
  writeFileSync(`${policyFile}.tmp`, JSON.stringify(policy));
  renameSync(`${policyFile}.tmp`, policyFile);
}

afterEach(async () => {
  cleanUp();
  for (const dir of folders.splice(0)) removeTempDir(dir);
  for (const fake of fakes.splice(0)) await fake.close();
});

function start(dir: string, env: Record<string, string>, era: Era, args: string[] = [], fd3?: Parameters<typeof spawnRawServer>[4]): RawServer {
  const server = spawnRawServer(['--user-data', dir, ...args], env, undefined, [], fd3);
  server.send(...(era === 'legacy' ? legacyOpening() : modernOpening()));
  return server;
}

async function toolNames(server: RawServer, id: number): Promise<string[]> {
  const { message } = await server.response(id);
  return ((message.result as { tools: Array<{ name: string }> }).tools ?? []).map((tool) => tool.name).sort();
}

async function promptNames(server: RawServer, era: Era, id: number): Promise<string[]> {
  server.send(eraRequest(era, id, 'prompts/list'));
  const { message } = await server.response(id);
  return ((message.result as { prompts: Array<{ name: string }> }).prompts ?? []).map((prompt) => prompt.name).sort();
}

async function call(server: RawServer, era: Era, id: number, name: string): Promise<{ isError?: boolean; text: string; structured?: Record<string, unknown> }> {
  server.send(eraRequest(era, id, 'tools/call', { name, arguments: {} }));
  const { message } = await server.response(id);
  if (message.error) throw new Error(message.error.message);
  const result = message.result as { isError?: boolean; content: Array<{ text: string }>; structuredContent?: Record<string, unknown> };
  return {
    ...(result.isError ? { isError: true } : {}),
    text: result.content[0]?.text ?? '',
    ...(result.structuredContent ? { structured: result.structuredContent } : {}),
  };
}

describe.each(['legacy', 'modern'] as const)('the policy over stdio (%s era)', (era) => {
  it('never offers denied tools, groups or writing tools, whatever config.json switches on', async () => {
    const { dir, env } = setup(
      { schemaVersion: 1, ai: { readOnly: true, deniedTools: ['list_catalog'], deniedGroups: ['leave'] } },
      { tools: { readOnly: false, groups: { leave: true }, enabled: { delete_time_entry: true, list_catalog: true } } },
    );
    const server = start(dir, env, era);
    const opening = await toolNames(server, 2);
    expect(opening).toEqual(['absence_calendar', 'list_time_entries', 'time_report', 'timer_status', 'whoami', 'working_time']);
    // Prompts follow the tools: fill_my_day logs time, which read-only takes away.
    const prompts = await promptNames(server, era, 5);
    expect(prompts).toEqual(['month_close', 'plan_leave', 'weekly_review']);
    // The engine, once loaded, agrees with the opening.
    server.send(eraRequest(era, 3, 'tools/call', { name: 'timer_status', arguments: {} }));
    await server.response(3);
    server.send(eraRequest(era, 4, 'tools/list'));
    expect(await toolNames(server, 4)).toEqual(opening);
    expect(await promptNames(server, era, 6)).toEqual(prompts);
  });

  it('leaves whoami alone when the organisation turns AI access off, and whoami says so', async () => {
    const { dir, env } = setup({ schemaVersion: 1, ai: { enabled: false } });
    const server = start(dir, env, era);
    expect(await toolNames(server, 2)).toEqual(['whoami']);
    expect(await promptNames(server, era, 4)).toEqual([]);
    const whoami = await call(server, era, 3, 'whoami');
    expect(await promptNames(server, era, 5)).toEqual([]);
    expect(whoami.structured?.organisation_policy).toBe('Your organisation has turned AI access to Punchcard off.');
    expect(whoami.text).toContain('Your organisation has turned AI access to Punchcard off.');
    expect(server.stderr()).toContain('Your organisation has turned AI access to Punchcard off.');
  });
});

describe('failing closed', () => {
  const cases: Array<[string, string, RegExp]> = [
    ['invalid JSON', '{"schemaVersion": 1,', /it is not valid JSON/],
    ['a wrong type', JSON.stringify({ schemaVersion: 1, ai: { enabled: 'yes' } }), /ai\.enabled: expected true or false/],
    [
      'an unknown key (a typo must not allow what it meant to forbid)',
      JSON.stringify({ schemaVersion: 1, ai: { deniedTool: ['log_time'] } }),
      /ai: "deniedTool" is not a key this version knows \(check the spelling: did you mean "deniedTools"\?\)/,
    ],
    ['an unknown tool', JSON.stringify({ schemaVersion: 1, ai: { deniedTools: ['delete_everything'] } }), /ai\.deniedTools\.0/],
  ];
  for (const [what, text, problem] of cases) {
    it(`gives whoami only and names the file and the problem, for ${what}`, async () => {
      const { dir, env, policyFile } = setup(text);
      const server = start(dir, env, 'legacy');
      expect(await toolNames(server, 2)).toEqual(['whoami']);
      const whoami = await call(server, 'legacy', 3, 'whoami');
      expect(whoami.structured?.organisation_policy).toContain(`The organisation's policy cannot be used (${policyFile}: `);
      expect(whoami.structured?.organisation_policy).toMatch(problem);
      expect(server.stderr()).toContain(policyFile);
    });
  }

  it('treats a policy path that is not a readable file as a problem, not as "no policy"', async () => {
    const { dir, env, policyFile } = setup('{}');
    removeTempDir(policyFile);
    mkdirSync(policyFile);
    const server = start(dir, env, 'legacy');
    expect(await toolNames(server, 2)).toEqual(['whoami']);
    expect((await call(server, 'legacy', 3, 'whoami')).structured?.organisation_policy).toMatch(/is not a regular file/);
  });
});

describe('back ends the policy does not allow', () => {
  it('does not contact them: no timesheet is opened or created, and whoami says why', async () => {
    const { dir, env } = setup({ schemaVersion: 1, providers: { allowed: ['kimai'] } });
    const server = start(dir, env, 'legacy');
    expect(await toolNames(server, 2)).toEqual(['whoami']);
    const whoami = await call(server, 'legacy', 3, 'whoami');
    expect(whoami.structured?.organisation_policy).toBe(
      "Your organisation's policy does not allow the local timesheet back end, so Punchcard does not contact it.",
    );
    expect(existsSync(join(dir, 'punchcard.db'))).toBe(false);
  });
});

describe('a policy that changes while the server runs', () => {
  it('applies at once: the client is told the list changed, and the list narrows', async () => {
    const { dir, env, policyFile } = setup({ schemaVersion: 1 });
    const server = start(dir, env, 'legacy');
    expect(await toolNames(server, 2)).toContain('log_time');
    await call(server, 'legacy', 3, 'timer_status'); // the engine has taken over
    deploy(policyFile, { schemaVersion: 1, ai: { deniedGroups: ['entries'] } });
    await server.next((message) => message.method === 'notifications/tools/list_changed');
    server.send(eraRequest('legacy', 4, 'tools/list'));
    const names = await toolNames(server, 4);
    expect(names).not.toContain('log_time');
    expect(names).toContain('clock_in');
  });
});

describe('--all-tools', () => {
  it('does not get an AI client past the policy', async () => {
    const { dir, env } = setup({ schemaVersion: 1, ai: { enabled: false } });
    const server = start(dir, env, 'legacy', ['--all-tools']);
    expect(await toolNames(server, 2)).toEqual(['whoami']);
    await call(server, 'legacy', 3, 'whoami'); // the engine has taken over, and says why
    expect(server.stderr()).toContain('--all-tools is ignored');
    server.send(eraRequest('legacy', 4, 'tools/list'));
    expect(await toolNames(server, 4)).toEqual(['whoami']);
  });

  it("gives the app's own engine every tool: its proof arrives on a pipe no config entry can give", async () => {
    const { dir, env } = setup({ schemaVersion: 1, ai: { enabled: false } });
    const server = start(dir, env, 'legacy', ['--all-tools'], { text: `${APP_ENGINE_PROOF_LINE}\n` });
    expect((await toolNames(server, 2)).length).toBe(21);
    await call(server, 'legacy', 3, 'timer_status'); // the engine has taken over, and agrees
    server.send(eraRequest('legacy', 4, 'tools/list'));
    expect((await toolNames(server, 4)).length).toBe(21);
  });

  it("refuses the forged app key: a key in the entry's variables and its hash in the --user-data folder it picked", async () => {
    // The attack the old key fell to: everything a config entry can name (a variable, and a file in
    // a folder of its choosing, with the person's timesheet linked in) and --all-tools, under readOnly.
    const { dir, env } = setup({ schemaVersion: 1, ai: { readOnly: true } });
    const key = 'forged-key';
    writeFileSync(join(dir, 'app-engine.key'), `${createHash('sha256').update(key).digest('hex')}\n`);
    const server = start(dir, { ...env, PUNCHCARD_APP_ENGINE_KEY: key }, 'legacy', ['--all-tools']);
    const names = await toolNames(server, 2);
    expect(names).not.toContain('log_time');
    expect(names).not.toContain('delete_time_entry');
    server.send(eraRequest('legacy', 3, 'tools/call', { name: 'log_time', arguments: { date: 'today', duration: '1h' } }));
    const { message } = await server.response(3);
    // Not offered, so not served: the policy is said to be why, and nothing is written to the timesheet.
    expect(message).toMatchObject({
      result: { isError: true, _meta: { [REFUSAL_META_KEY]: { code: 'tool_withheld', facts: { tool: 'log_time', why: 'policy' } } } },
    });
    expect(server.stderr()).toContain('--all-tools is ignored');
  });

  it('refuses a proof line that comes in a file, not a pipe', async () => {
    const { dir, env } = setup({ schemaVersion: 1, ai: { enabled: false } });
    const file = join(dir, 'proof');
    writeFileSync(file, `${APP_ENGINE_PROOF_LINE}\n`);
    const descriptor = openSync(file, 'r');
    try {
      const server = start(dir, env, 'legacy', ['--all-tools'], { descriptor });
      expect(await toolNames(server, 2)).toEqual(['whoami']);
    } finally {
      closeSync(descriptor);
    }
  });
});

describe('punchcard-mcp policy and register', () => {
  const run = (args: string[], env: Record<string, string>) => spawnSync(process.execPath, [SERVER_BUNDLE, ...args], { env, encoding: 'utf8' });

  it('prints the effective policy and the file it came from', () => {
    const { env, policyFile } = setup({ schemaVersion: 1, ai: { deniedTools: ['delete_time_entry'] }, clients: { allowed: ['vscode'] } });
    const text = run(['policy'], env);
    expect(text.status).toBe(0);
    expect(text.stdout).toContain(`Policy from ${policyFile}:`);
    expect(text.stdout).toContain('Tools never offered: delete_time_entry; groups: none');
    const json = JSON.parse(run(['policy', '--json'], env).stdout) as { files: string[]; ai: { deniedTools: string[] }; clients: { allowed: string[] } };
    expect(json.files).toContain(policyFile);
    expect(json.ai.deniedTools).toEqual(['delete_time_entry']);
    expect(json.clients.allowed).toEqual(['vscode']);
  });

  it('says there is none when there is none', () => {
    const dir = makeUserDataDir();
    folders.push(dir);
    const text = run(['policy'], serverEnv(dir));
    expect(text.stdout).toMatch(/^No policy file \(looked for \/etc\/punchcard\/policy\.json\): no restrictions\.\n$/);
  });

  it('refuses to register a client the policy does not allow, with the reason, and writes nothing', () => {
    const { dir, env } = setup({ schemaVersion: 1, clients: { allowed: ['vscode'] } });
    writeSettings(dir, {});
    const refused = run(['register', 'cursor'], env);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain("Your organisation's policy does not allow registering Punchcard with cursor. It allows: vscode.");
    expect(existsSync(join(dir, '.cursor'))).toBe(false);
    expect(run(['register', 'vscode'], env).status).toBe(0);
    // The list says which clients the policy rules out.
    expect(run(['clients'], env).stdout).toMatch(/Not allowed by your organisation's policy: claude-desktop, vscode-insiders, cursor, /);
    expect(run(['clients'], env).stdout).not.toMatch(/policy: [^\n]*\bvscode,/);
  });
});

describe('policy files an attacker or a careless deployment shapes', () => {
  it('a dangling link at the policy path fails closed: it is not "no policy"', async () => {
    const { dir, env, policyFile } = setup('{}');
    removeTempDir(policyFile);
    symlinkSync(join(dir, 'nowhere', 'policy.json'), policyFile);
    const server = start(dir, env, 'legacy');
    expect(await toolNames(server, 2)).toEqual(['whoami']);
    expect((await call(server, 'legacy', 3, 'whoami')).structured?.organisation_policy).toContain(
      `${policyFile} is a symbolic link to something that does not exist`,
    );
  });

  it('a key written twice ("readOnly": true, then false) fails closed, naming the line and column', async () => {
    const { dir, env, policyFile } = setup('{\n  "schemaVersion": 1,\n  "ai": { "readOnly": true, "readOnly": false }\n}\n');
    const server = start(dir, env, 'legacy');
    expect(await toolNames(server, 2)).toEqual(['whoami']);
    expect((await call(server, 'legacy', 3, 'whoami')).structured?.organisation_policy).toContain(
      `${policyFile}: line 3, column 29: the key "readOnly" appears twice in one object`,
    );
  });

  it('a policy folder created after the server started is followed: a first deployment reaches running servers', async () => {
    const dir = makeUserDataDir();
    folders.push(dir);
    const policyFile = join(dir, 'deployed-later', 'policy.json');
    const server = start(dir, serverEnv(dir, { PUNCHCARD_POLICY_FILE: policyFile }), 'legacy');
    expect(await toolNames(server, 2)).toContain('log_time');
    await call(server, 'legacy', 3, 'timer_status'); // the engine has taken over
    mkdirSync(join(dir, 'deployed-later'));
    deploy(policyFile, { schemaVersion: 1, ai: { deniedGroups: ['entries'] } });
    await server.next((message) => message.method === 'notifications/tools/list_changed');
    server.send(eraRequest('legacy', 4, 'tools/list'));
    expect(await toolNames(server, 4)).not.toContain('log_time');
  });
});

// The first through the built command line; the others the same test in this process
// (connectionTestInProcess: the arguments parsed and the test run as the command line does).
describe('connection tests under the policy (the token must never reach a back end it does not allow)', () => {
  const ADA = DEFAULT_USERS[0] as FakeUser;
  async function fakeKimai() {
    const fake = await startFakeKimai();
    fakes.push(fake);
    return fake;
  }

  it('--test-connection --provider kimai --url B under providers.allowed ["local"]: refused, B is never contacted', async () => {
    const attacker = await fakeKimai();
    const { dir, env } = setup({ schemaVersion: 1, providers: { allowed: ['local'] } });
    const result = await runCli(['--test-connection', '--json', '--user-data', dir, '--provider', 'kimai', '--url', attacker.url], {
      ...env,
      PUNCHCARD_KIMAI_TOKEN: ADA.token,
    });
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout)).toEqual({
      provider: 'kimai',
      ok: false,
      verdict: 'not_allowed',
      message: "Your organisation's policy does not allow the kimai back end, so Punchcard does not contact it.",
    });
    expect(attacker.requests).toEqual([]);
  });

  it('--url B under a fixed Kimai A: refused, B is never contacted; without flags the test is of A', async () => {
    const [fixed, attacker] = [await fakeKimai(), await fakeKimai()];
    const { dir, env } = setup({ schemaVersion: 1, providers: { fixed: { type: 'kimai', url: fixed.url } } });
    const withToken = { ...env, PUNCHCARD_KIMAI_TOKEN: ADA.token };
    const refused = await connectionTestInProcess(['--test-connection', '--json', '--user-data', dir, '--provider', 'kimai', '--url', attacker.url], withToken);
    expect(JSON.parse(refused.stdout)).toMatchObject({
      ok: false,
      verdict: 'not_allowed',
      message: `Your organisation's policy fixes the back end to Kimai at ${fixed.url}, so Punchcard does not contact Kimai at ${attacker.url}.`,
    });
    expect(attacker.requests).toEqual([]);
    // config.json names the local timesheet; the back end in effect is the organisation's.
    writeSettings(dir, { provider: { type: 'local' } });
    const saved = await connectionTestInProcess(['--test-connection', '--json', '--user-data', dir], withToken);
    expect(JSON.parse(saved.stdout)).toMatchObject({ provider: 'kimai', ok: true, verdict: 'ok' });
    expect(fixed.requests.length).toBeGreaterThan(0);
  });

  it("--allow-insecure-tls or a --ca-file of the flags' own, under a fixed Kimai: the test uses the policy's TLS options, as serving does", async () => {
    // A Kimai whose certificate no authority of this computer vouches for.
    const certDir = join(makeUserDataDir(), 'certs');
    folders.push(join(certDir, '..'));
    mkdirSync(certDir);
    const certs = makeTestCertificates(certDir);
    const fake = await startFakeKimai({ tls: certs });
    fakes.push(fake);
    const strict = setup({ schemaVersion: 1, providers: { fixed: { type: 'kimai', url: fake.url } } });
    const flags = (dir: string, ...tls: string[]) => ['--test-connection', '--json', '--user-data', dir, '--provider', 'kimai', '--url', fake.url, ...tls];
    for (const tls of [['--allow-insecure-tls'], ['--ca-file', certs.caFile]]) {
      const result = await connectionTestInProcess(flags(strict.dir, ...tls), { ...strict.env, PUNCHCARD_KIMAI_TOKEN: ADA.token });
      expect(JSON.parse(result.stdout), tls.join(' ')).toMatchObject({ provider: 'kimai', ok: false, verdict: 'tls' });
      // The certificate was refused before the request (and the token in it) went out.
      expect(fake.requests, tls.join(' ')).toEqual([]);
    }
    // The policy's own CA file counts, whatever the flags leave out.
    const trusting = setup({ schemaVersion: 1, providers: { fixed: { type: 'kimai', url: fake.url, caFile: certs.caFile } } });
    const trusted = await connectionTestInProcess(flags(trusting.dir), { ...trusting.env, PUNCHCARD_KIMAI_TOKEN: ADA.token });
    expect(JSON.parse(trusted.stdout)).toMatchObject({ provider: 'kimai', ok: true, verdict: 'ok' });
  });
});

describe('repair under the policy (the app runs it at every launch)', () => {
  const stale = (dir: string) => {
    const file = join(dir, '.cursor', 'mcp.json');
    mkdirSync(join(dir, '.cursor'));
    const text = JSON.stringify({ mcpServers: { punchcard: { command: join(dir, 'gone', 'node'), args: [join(dir, 'gone', 'punchcard-mcp.mjs')] } } });
    writeFileSync(file, text);
    return { file, text };
  };
  const repair = (env: Record<string, string>) => spawnSync(process.execPath, [SERVER_BUNDLE, 'repair'], { env, encoding: 'utf8' });

  it('leaves the entry of a client the policy does not allow as it is', () => {
    const { dir, env } = setup({ schemaVersion: 1, clients: { allowed: ['vscode'] } });
    const { file, text } = stale(dir);
    const result = repair(env);
    expect(result.status).toBe(0);
    expect(result.stdout).toBe("Left as they are (not allowed by your organisation's policy): cursor.\n");
    expect(readFileSync(file, 'utf8')).toBe(text);
  });

  it('repairs nothing while the policy cannot be used', () => {
    const { dir, env } = setup('{"schemaVersion": 1, "clients": ');
    const { file, text } = stale(dir);
    repair(env);
    expect(readFileSync(file, 'utf8')).toBe(text);
  });

  it('still repairs an allowed client', () => {
    const { dir, env } = setup({ schemaVersion: 1, clients: { allowed: ['cursor'] } });
    const { file } = stale(dir);
    expect(repair(env).status).toBe(0);
    expect(readFileSync(file, 'utf8')).toContain(SERVER_BUNDLE.split('/').at(-1) as string);
  });
});
