import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CLIENTS } from '../../../mcp-server/clients/catalog.ts';
import { BACK_ENDS } from '../../../mcp-server/contract/back-ends.ts';
import { CLIENT_IDS } from '../../../mcp-server/contract/client-ids.ts';
import { TOOL_CATALOG } from '../../../mcp-server/contract/tool-catalog.ts';
import { isToolEnabled } from '../../../mcp-server/contract/tool-policy.ts';
import { defaultSettings } from '../../../mcp-server/contract/default-settings.ts';
import {
  aiGate,
  clientRefusal,
  effectiveProfile,
  loadPolicy,
  NO_POLICY,
  organisationRules,
  policyPaths,
  systemPolicyPaths,
} from '../../../mcp-server/policy/policy.ts';

/** Every back end of the table as the policy's words list them: a new one is listed without this test changing. */
function oneOfBackEnds(): string {
  const types = BACK_ENDS.map((backEnd) => JSON.stringify(backEnd.type));
  return `${types.slice(0, -1).join(', ')} or ${types.at(-1)}`;
}

const dirs: string[] = [];
function file(name: string, policy: unknown): string {
  const dir = mkdtempSync(join(tmpdir(), 'punchcard-policy-'));
  dirs.push(dir);
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(policy));
  return path;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('the policy files', () => {
  it('live where an ordinary user cannot write, per OS; the test override is added, never instead', () => {
    expect(systemPolicyPaths('linux')).toEqual(['/etc/punchcard/policy.json']);
    expect(systemPolicyPaths('darwin')).toEqual(['/Library/Application Support/Punchcard/policy.json']);
    expect(systemPolicyPaths('win32', () => 'C:\\Users\\ada')).toEqual(['C:\\ProgramData\\Punchcard\\policy.json']);
    // A profile kept on another drive adds that drive's ProgramData; both apply, each only narrows.
    expect(systemPolicyPaths('win32', () => 'd:\\Users\\ada')).toEqual(['C:\\ProgramData\\Punchcard\\policy.json', 'D:\\ProgramData\\Punchcard\\policy.json']);
    expect(policyPaths({ PUNCHCARD_POLICY_FILE: '/tmp/p.json' }, 'linux')).toEqual(['/etc/punchcard/policy.json', '/tmp/p.json']);
  });

  it('are not moved by %ProgramData% (the attack: an entry points it at an empty folder to lose the policy)', () => {
    const entryVariables = { ProgramData: 'C:\\Users\\ada\\empty', PROGRAMDATA: 'C:\\Users\\ada\\empty', SystemDrive: 'E:' };
    const paths = policyPaths(entryVariables, 'win32');
    expect(paths[0]).toBe('C:\\ProgramData\\Punchcard\\policy.json');
    expect(paths.join('\n')).not.toContain('empty');
    expect(paths.join('\n')).not.toContain('E:');
  });

  it('mean no restrictions when there are none, without loading the schema', async () => {
    expect(await loadPolicy(['/nonexistent/policy.json'])).toBe(NO_POLICY);
  });

  it('combine so that a second file only narrows: denials add up, allow-lists intersect, AI off wins', async () => {
    const system = file('a.json', {
      schemaVersion: 1,
      ai: { deniedTools: ['log_time'] },
      providers: { allowed: ['local', 'kimai'] },
      clients: { allowed: ['vscode', 'cursor'] },
    });
    const second = file('b.json', {
      schemaVersion: 1,
      ai: { enabled: true, deniedTools: ['clock_in'], readOnly: true },
      providers: { allowed: ['kimai'] },
      clients: { allowed: ['cursor', 'zed'] },
    });
    const policy = await loadPolicy([system, second]);
    expect([...policy.deniedTools].sort()).toEqual(['clock_in', 'log_time']);
    expect(policy.readOnly).toBe(true);
    expect(policy.providersAllowed).toEqual(['kimai']);
    expect(policy.clientsAllowed).toEqual(['cursor']);
    const off = await loadPolicy([file('c.json', { schemaVersion: 1, ai: { enabled: false } }), second]);
    expect(off.aiEnabled).toBe(false);
  });

  it('refuse a fixed back end the same file does not allow', async () => {
    const policy = await loadPolicy([
      file('p.json', { schemaVersion: 1, providers: { allowed: ['local'], fixed: { type: 'kimai', url: 'https://kimai.example.com' } } }),
    ]);
    expect(policy.problem).toMatch(/providers\.fixed is kimai, which providers\.allowed does not allow/);
    expect(aiGate(policy, { type: 'local' })).toMatch(/^The organisation's policy cannot be used/);
    expect(clientRefusal(policy, 'vscode')).toMatch(/registers no AI client until it is fixed/);
  });

  it("put the fixed back end in place of the person's", async () => {
    const policy = await loadPolicy([file('p.json', { schemaVersion: 1, providers: { fixed: { type: 'kimai', url: 'https://kimai.example.com' } } })]);
    expect(effectiveProfile(policy, { type: 'local' })).toEqual({ type: 'kimai', url: 'https://kimai.example.com' });
  });
});

describe("the organisation's team server", () => {
  it('is named by its https address, and people are shown its MCP endpoint', async () => {
    const policy = await loadPolicy([file('p.json', { schemaVersion: 1, teamServer: { url: 'https://Punchcard.example.com' } })]);
    expect(policy.problem).toBeNull();
    expect(policy.teamServer).toBe('https://punchcard.example.com/mcp');
    expect((await loadPolicy([file('q.json', { schemaVersion: 1 })])).teamServer).toBeNull();
  });

  it('is refused, naming the key, over http, with a path, a query or a password in it', async () => {
    const cases: Array<[string, RegExp]> = [
      ['http://punchcard.example.com', /teamServer\.url/],
      ['https://punchcard.example.com/mcp', /teamServer\.url: give only the server's address \(https:\/\/punchcard\.example\.com\)/],
      ['https://punchcard.example.com/?x=1', /teamServer\.url: give only/],
      ['https://ada:secret@punchcard.example.com', /teamServer\.url: an address with a user or password/],
    ];
    for (const [url, problem] of cases) {
      const policy = await loadPolicy([file('p.json', { schemaVersion: 1, teamServer: { url } })]);
      expect(policy.problem, url).toMatch(problem);
      expect(policy.problem, url).not.toContain('secret');
      expect(policy.teamServer).toBeNull();
    }
  });

  it("is the first file's where two name one (the system's before an override)", async () => {
    const system = file('a.json', { schemaVersion: 1, teamServer: { url: 'https://punchcard.example.com' } });
    const override = file('b.json', { schemaVersion: 1, teamServer: { url: 'https://elsewhere.example.net' } });
    expect((await loadPolicy([system, override])).teamServer).toBe('https://punchcard.example.com/mcp');
  });
});

describe('a policy file that cannot be used', () => {
  it.each([
    ['a switch that is not true or false', { schemaVersion: 1, ai: { enabled: 'no' } }, 'ai.enabled: expected true or false'],
    [
      'a misspelt key',
      { schemaVersion: 1, ai: { readonly: true } },
      'ai: "readonly" is not a key this version knows (check the spelling: did you mean "readOnly"?)',
    ],
    [
      'a misspelt back end',
      { schemaVersion: 1, providers: { allowed: ['kimia'] } },
      `providers.allowed.0: expected one of ${oneOfBackEnds()} (did you mean "kimai"?)`,
    ],
    ['a file that is no object', [], '(the file): expected an object { … }, e.g. {"schemaVersion":1}'],
  ])('says so for %s in words that name the key and what it takes, never zod’s', async (_mistake, policy, expected) => {
    const { problem } = await loadPolicy([file('p.json', policy)]);
    expect(problem).toContain(expected);
    expect(problem).not.toMatch(/Invalid input|Invalid option|expected \w+, received|Unrecognized key/);
  });
});

describe("the desktop app's updates", () => {
  it('are on and follow the latest release without a policy, or with one that does not name them', async () => {
    expect(NO_POLICY.updates).toEqual({ enabled: true, pinned: null });
    expect((await loadPolicy([file('p.json', { schemaVersion: 1 })])).updates).toEqual({ enabled: true, pinned: null });
  });

  it('can be turned off or kept at one release, and a second file only narrows', async () => {
    const pinned = file('a.json', { schemaVersion: 1, updates: { version: '1.4.2' } });
    expect((await loadPolicy([pinned])).updates).toEqual({ enabled: true, pinned: '1.4.2' });
    const off = file('b.json', { schemaVersion: 1, updates: { enabled: false } });
    expect((await loadPolicy([pinned, off])).updates).toEqual({ enabled: false, pinned: '1.4.2' });
    expect((await loadPolicy([off, file('c.json', { schemaVersion: 1, updates: { enabled: true } })])).updates.enabled).toBe(false);
  });

  it('refuse a version that is no release and two files that pin different ones, and then stay off', async () => {
    const typo = await loadPolicy([file('a.json', { schemaVersion: 1, updates: { version: 'v1.4' } })]);
    expect(typo.problem).toMatch(/updates\.version: a release version such as 1\.4\.2/);
    expect(typo.updates).toEqual({ enabled: false, pinned: null });
    const unknownKey = await loadPolicy([file('a.json', { schemaVersion: 1, updates: { enable: false } })]);
    expect(unknownKey.problem).toMatch(/updates/);
    expect(unknownKey.updates.enabled).toBe(false);
    const two = await loadPolicy([
      file('a.json', { schemaVersion: 1, updates: { version: '1.4.2' } }),
      file('b.json', { schemaVersion: 1, updates: { version: '1.5.0' } }),
    ]);
    expect(two.problem).toMatch(/updates\.version is 1\.5\.0, but .*a\.json keeps Punchcard at 1\.4\.2/);
    expect(two.updates.enabled).toBe(false);
  });
});

describe('settings cannot widen the policy', () => {
  it('keeps a denied tool, a denied group and writing tools off although the settings switch them on', async () => {
    const policy = await loadPolicy([
      file('p.json', { schemaVersion: 1, ai: { deniedTools: ['delete_time_entry'], deniedGroups: ['leave'], readOnly: true } }),
    ]);
    const settings = { ...defaultSettings(), tools: { readOnly: false, groups: { leave: true }, enabled: { delete_time_entry: true, log_time: true } } };
    const options = { allTools: false, organisation: organisationRules(policy, { type: 'local' }) };
    expect(isToolEnabled(TOOL_CATALOG.delete_time_entry, settings, options)).toBe(false);
    expect(isToolEnabled(TOOL_CATALOG.request_leave, settings, options)).toBe(false);
    expect(isToolEnabled(TOOL_CATALOG.log_time, settings, options)).toBe(false);
    expect(isToolEnabled(TOOL_CATALOG.timer_status, settings, options)).toBe(true);
    // And they can still narrow it.
    expect(isToolEnabled(TOOL_CATALOG.timer_status, { ...settings, tools: { ...settings.tools, enabled: { timer_status: false } } }, options)).toBe(false);
  });
});

describe('client ids', () => {
  it('name exactly the clients of the catalog', () => {
    expect([...CLIENT_IDS].sort()).toEqual(CLIENTS.map((client) => client.id).sort());
  });
});
