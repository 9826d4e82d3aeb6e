// The organisation's policy, applied by the built server over real stdio in both eras: denied tools
// and groups and read-only never reach AI clients whatever config.json says, AI access switched off
// leaves whoami alone, a back end that is not allowed is not contacted, a file that cannot be used
// fails closed, a change applies live, and --all-tools in an entry does not get past it; only the
// app's own engine, with the key the app issues, sees every tool. The policy path is the test-only
// override (PUNCHCARD_POLICY_FILE), which can only narrow the system file.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { issueAppEngineKey } from '../../../mcp-server/policy/app-engine-key.ts';
import { makeUserDataDir, SERVER_BUNDLE, writeSettings } from '../../support/engine.ts';
import { cleanUp, type Era, eraRequest, legacyOpening, modernOpening, type RawServer, removeTempDir, serverEnv, spawnRawServer } from '../../support/raw-stdio.ts';

const folders: string[] = [];
function setup(policy: unknown, settings?: Record<string, unknown>) {
  const dir = makeUserDataDir(settings);
  folders.push(dir);
  const policyFile = join(dir, 'org', 'policy.json');
  mkdirSync(join(dir, 'org'));
  writeFileSync(policyFile, typeof policy === 'string' ? policy : JSON.stringify(policy));
  return { dir, policyFile, env: serverEnv(dir, { PUNCHCARD_POLICY_FILE: policyFile }) };
}
afterEach(() => {
  cleanUp();
  for (const dir of folders.splice(0)) removeTempDir(dir);
});

function start(dir: string, env: Record<string, string>, era: Era, args: string[] = []): RawServer {
  const server = spawnRawServer(['--user-data', dir, ...args], env);
  server.send(...(era === 'legacy' ? legacyOpening() : modernOpening()));
  return server;
}

async function toolNames(server: RawServer, id: number): Promise<string[]> {
  const { message } = await server.response(id);
  return ((message.result as { tools: Array<{ name: string }> }).tools ?? []).map((tool) => tool.name).sort();
}

async function call(server: RawServer, era: Era, id: number, name: string): Promise<{ isError?: boolean; text: string; structured?: Record<string, unknown> }> {
  server.send(eraRequest(era, id, 'tools/call', { name, arguments: {} }));
  const { message } = await server.response(id);
  if (message.error) throw new Error(message.error.message);
  const result = message.result as { isError?: boolean; content: Array<{ text: string }>; structuredContent?: Record<string, unknown> };
  return { ...(result.isError ? { isError: true } : {}), text: result.content[0]?.text ?? '', ...(result.structuredContent ? { structured: result.structuredContent } : {}) };
}

describe.each(['legacy', 'modern'] as const)('the policy over stdio (%s era)', (era) => {
  it('never offers denied tools, groups or writing tools, whatever config.json switches on', async () => {
    const { dir, env } = setup(
      { schemaVersion: 1, ai: { readOnly: true, deniedTools: ['list_catalog'], deniedGroups: ['leave'] } },
      { tools: { readOnly: false, groups: { leave: true }, enabled: { delete_time_entry: true, list_catalog: true } } },
    );
    const server = start(dir, env, era);
    const opening = await toolNames(server, 2);
    expect(opening).toEqual(['absence_calendar', 'list_time_entries', 'time_report', 'timer_status', 'whoami']);
    // The engine, once loaded, agrees with the opening.
    server.send(eraRequest(era, 3, 'tools/call', { name: 'timer_status', arguments: {} }));
    await server.response(3);
    server.send(eraRequest(era, 4, 'tools/list'));
    expect(await toolNames(server, 4)).toEqual(opening);
  });

  it('leaves whoami alone when the organisation turns AI access off, and whoami says so', async () => {
    const { dir, env } = setup({ schemaVersion: 1, ai: { enabled: false } });
    const server = start(dir, env, era);
    expect(await toolNames(server, 2)).toEqual(['whoami']);
    const whoami = await call(server, era, 3, 'whoami');
    expect(whoami.structured?.organisation_policy).toBe('Your organisation has turned AI access to Punchcard off.');
    expect(whoami.text).toContain('Your organisation has turned AI access to Punchcard off.');
    expect(server.stderr()).toContain('Your organisation has turned AI access to Punchcard off.');
  });
});

describe('failing closed', () => {
  const cases: Array<[string, string, RegExp]> = [
    ['invalid JSON', '{"schemaVersion": 1,', /it is not valid JSON/],
    ['a wrong type', JSON.stringify({ schemaVersion: 1, ai: { enabled: 'yes' } }), /ai\.enabled: Invalid input: expected boolean/],
    ['an unknown key (a typo must not allow what it meant to forbid)', JSON.stringify({ schemaVersion: 1, ai: { deniedTool: ['log_time'] } }), /Unrecognized key: "deniedTool"/],
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
    expect(whoami.structured?.organisation_policy).toBe("Your organisation's policy does not allow the local timesheet back end, so Punchcard does not contact it.");
    expect(existsSync(join(dir, 'punchcard.db'))).toBe(false);
  });
});

describe('a policy that changes while the server runs', () => {
  it('applies at once: the client is told the list changed, and the list narrows', async () => {
    const { dir, env, policyFile } = setup({ schemaVersion: 1 });
    const server = start(dir, env, 'legacy');
    expect(await toolNames(server, 2)).toContain('log_time');
    await call(server, 'legacy', 3, 'timer_status'); // the engine has taken over
    writeFileSync(policyFile, JSON.stringify({ schemaVersion: 1, ai: { deniedGroups: ['entries'] } }));
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

  it("gives the app's own engine every tool, with the key the app issued for this launch", async () => {
    const { dir, env } = setup({ schemaVersion: 1, ai: { enabled: false } });
    const server = start(dir, { ...env, ...issueAppEngineKey(dir) }, 'legacy', ['--all-tools']);
    expect((await toolNames(server, 2)).length).toBe(17);
    // A key from an earlier launch no longer counts.
    const old = issueAppEngineKey(dir);
    issueAppEngineKey(dir);
    const stale = start(dir, { ...env, ...old }, 'legacy', ['--all-tools']);
    expect(await toolNames(stale, 2)).toEqual(['whoami']);
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
