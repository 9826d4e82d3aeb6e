// `punchcard-mcp clients | register | unregister | repair | snippet` run from the BUILT bundle in a
// temporary HOME, with a PATH that holds only a folder of the test's own: what a person scripting
// registration sees, and proof that nothing outside that HOME is touched.
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { parse as parseToml } from 'smol-toml';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CLIENTS, findClient, isWritable } from '../../../mcp-server/clients/catalog.ts';
import { ENGINE_NODE_FLAGS } from '../../../mcp-server/engine-flags.ts';
import { SERVER_BUNDLE } from '../../support/engine.ts';

const NODE = realpathSync(process.execPath);
const ALL_IDS = CLIENTS.map((client) => client.id);

let root: string;
let home: string;
let bin: string;
let cwd: string;

/** Every file and folder under `folder`, relative to it, sorted. */
function tree(folder: string): string[] {
  const out: string[] = [];
  const walk = (current: string) => {
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      const path = join(current, entry.name);
      out.push(relative(folder, path) + (entry.isDirectory() ? '/' : ''));
      if (entry.isDirectory()) walk(path);
    }
  };
  walk(folder);
  return out.sort();
}

function run(...args: string[]): SpawnSyncReturns<string> {
  const result = spawnSync(NODE, [SERVER_BUNDLE, ...args], { cwd, env: { PATH: bin, HOME: home }, encoding: 'utf8', input: '', timeout: 20_000 });
  if (result.error) throw result.error;
  // These commands are not an MCP session: no protocol traffic, no server start.
  expect(result.stdout).not.toContain('jsonrpc');
  expect(result.stderr).not.toContain('serving on stdio');
  return result;
}

function write(path: string, text: string): string {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
  return path;
}

const readJson = (path: string): unknown => JSON.parse(readFileSync(path, 'utf8')) as unknown;
const cursorFile = () => join(home, '.cursor', 'mcp.json');
const defaultUserData = () => join(home, '.config', 'Punchcard');
const ourEntry = (userData = defaultUserData()) => ({ command: NODE, args: [...ENGINE_NODE_FLAGS, realpathSync(SERVER_BUNDLE), '--user-data', userData] });

interface Report {
  id: string;
  installed: boolean;
  writable: boolean;
  status: string;
  files: Array<{ path: string; status: string; problem?: string }>;
}

function clientsJson(): Report[] {
  const result = run('clients', '--json');
  expect(result.status).toBe(0);
  return JSON.parse(result.stdout) as Report[];
}

const statusOf = (id: string) => clientsJson().find((report) => report.id === id)?.status;

beforeAll(() => {
  if (!existsSync(SERVER_BUNDLE)) throw new Error(`No server bundle at ${SERVER_BUNDLE}: build it first (see test/support/engine.ts).`);
});

beforeEach(() => {
  root = realpathSync(mkdtempSync(join(tmpdir(), 'punchcard-clients-cli-')));
  home = join(root, 'home');
  bin = join(root, 'bin');
  cwd = join(root, 'cwd');
  for (const folder of [home, bin, cwd]) mkdirSync(folder);
});

afterEach(() => {
  // Nothing outside HOME: the working folder stays empty, PATH's folder holds only what the test put there.
  expect(readdirSync(root).sort()).toEqual(['bin', 'cwd', 'home']);
  expect(readdirSync(cwd)).toEqual([]);
  rmSync(root, { recursive: true, force: true });
});

describe('punchcard-mcp clients', () => {
  it('lists every client, installed or not by the folders and launchers present', () => {
    mkdirSync(join(home, '.cursor'));
    mkdirSync(join(home, '.config', 'zed'), { recursive: true });
    writeFileSync(join(bin, 'gemini'), '#!/bin/sh\n');
    chmodSync(join(bin, 'gemini'), 0o755);

    const result = run('clients');
    expect(result.status).toBe(0);
    expect(result.stderr).toBe('');
    const [header, ...rest] = result.stdout.trimEnd().split('\n');
    expect(header).toMatch(/^client\s+installed\s+status\s+file$/);
    const rows = Object.fromEntries(rest.map((line) => line.split(/\s+/)).map(([id, installed]) => [id, installed]));
    expect(rows).toEqual(Object.fromEntries(ALL_IDS.map((id) => [id, ['cursor', 'zed', 'gemini-cli'].includes(id) ? 'yes' : 'no'])));
    expect(result.stdout).toContain(cursorFile());
  });

  it('--json gives the same clients, installed flags and files as data', () => {
    mkdirSync(join(home, '.codex'));
    const reports = clientsJson();
    expect(reports.map((report) => report.id)).toEqual(ALL_IDS);
    expect(reports.filter((report) => report.installed).map((report) => report.id)).toEqual(['codex']);
    for (const report of reports) {
      const client = findClient(report.id);
      if (!client) throw new Error(`clients --json lists an unknown client ${report.id}`);
      const writable = isWritable(client);
      expect(report.writable, report.id).toBe(writable);
      expect(report.status, report.id).toBe(writable ? 'missing' : 'manual');
    }
    expect(reports.find((report) => report.id === 'codex')?.files).toEqual([{ path: join(home, '.codex', 'config.toml'), status: 'missing' }]);
    expect(tree(home)).toEqual(['.codex/']);
  });
});

describe('punchcard-mcp register', () => {
  it('creates ~/.cursor/mcp.json, folder and all, with an entry that starts this bundle', () => {
    const result = run('register', 'cursor');
    expect(result.status).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain('Registered Punchcard with Cursor.');
    expect(result.stdout).toContain(`wrote ${cursorFile()}`);
    expect(result.stdout).toContain('Next: Open Cursor Settings');
    expect(readJson(cursorFile())).toStrictEqual({ mcpServers: { punchcard: ourEntry() } });
    // Registering writes the client's file and nothing else: no data folder, no backup of a file
    // that did not exist; only the note that Punchcard created it, so unregistering can take it away.
    expect(tree(home)).toEqual(['.cursor/', '.cursor/mcp.json', '.cursor/mcp.json.punchcard-created']);
    expect(statusOf('cursor')).toBe('registered');
  });

  it('--user-data points the entry at another data folder, relative ones resolved against the working folder', () => {
    const data = join(home, 'My Punchcard data');
    expect(run('register', 'cursor', '--user-data', data).status).toBe(0);
    expect(readJson(cursorFile())).toStrictEqual({ mcpServers: { punchcard: ourEntry(data) } });

    expect(run('register', '--user-data=rel/data', 'cursor').status).toBe(0);
    expect(readJson(cursorFile())).toStrictEqual({ mcpServers: { punchcard: ourEntry(join(cwd, 'rel', 'data')) } });
    expect(existsSync(data)).toBe(false);
  });

  it('a second registration changes nothing: same bytes, same modification time, no backup', () => {
    expect(run('register', 'cursor').status).toBe(0);
    const before = readFileSync(cursorFile());
    const past = new Date('2001-02-03T04:05:06Z');
    utimesSync(cursorFile(), past, past);

    const again = run('register', 'cursor');
    expect(again.status).toBe(0);
    expect(again.stdout).toBe('Cursor: nothing to change (already registered).\n');
    expect(readFileSync(cursorFile()).equals(before)).toBe(true);
    expect(statSync(cursorFile()).mtime.getTime()).toBe(past.getTime());
    expect(tree(home)).toEqual(['.cursor/', '.cursor/mcp.json', '.cursor/mcp.json.punchcard-created']);
  });

  it('keeps the other servers and keys of an existing file', () => {
    const original = '{\n  "theme": "dark",\n  "mcpServers": {\n    "other": { "command": "/usr/bin/other" }\n  }\n}\n';
    write(cursorFile(), original);
    expect(run('register', 'cursor').status).toBe(0);
    expect(readJson(cursorFile())).toStrictEqual({ theme: 'dark', mcpServers: { other: { command: '/usr/bin/other' }, punchcard: ourEntry() } });
    expect(readFileSync(`${cursorFile()}.punchcard-backup`, 'utf8')).toBe(original);
  });

  it('refuses Goose, which is set up by copy and paste, and points at the snippet', () => {
    const result = run('register', 'goose');
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('punchcard-mcp snippet goose');
    expect(tree(home)).toEqual([]);
  });

  it('names the known clients for an unknown one', () => {
    const result = run('register', 'chatgpt');
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('Unknown client "chatgpt"');
    for (const id of ALL_IDS) expect(result.stderr).toContain(id);
    expect(tree(home)).toEqual([]);
  });

  it('leaves an invalid file byte for byte as it was and says where the error is', () => {
    const broken = '{\n  "mcpServers": {\n    "a": { "command": "/bin/a" }\n    "b": { "command": "/bin/b" }\n  }\n}\n';
    write(cursorFile(), broken);
    const before = readFileSync(cursorFile());

    const result = run('register', 'cursor');
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(cursorFile());
    expect(result.stderr).toContain('line 4, column 5');
    expect(readFileSync(cursorFile()).equals(before)).toBe(true);
    expect(tree(home)).toEqual(['.cursor/', '.cursor/mcp.json']);
    expect(clientsJson().find((report) => report.id === 'cursor')?.files[0]?.status).toBe('invalid');
  });
});

describe('punchcard-mcp unregister', () => {
  it('removes our entry', () => {
    expect(run('register', 'cursor').status).toBe(0);
    const result = run('unregister', 'cursor');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('Removed Punchcard from Cursor.');
    // Punchcard created the file and folder, and nothing changed them since: both go.
    expect(tree(home)).toEqual([]);
    expect(statusOf('cursor')).toBe('missing');
  });

  it('removes only our entry from a file that was there before', () => {
    write(cursorFile(), '{"mcpServers": {}}\n');
    expect(run('register', 'cursor').status).toBe(0);
    write(cursorFile(), readFileSync(cursorFile(), 'utf8').replace('"mcpServers"', '"theme": "dark", "mcpServers"'));
    expect(run('unregister', 'cursor').status).toBe(0);
    expect(at(readJson(cursorFile()), 'mcpServers', 'punchcard')).toBeUndefined();
    expect(readJson(cursorFile())).toStrictEqual({ theme: 'dark', mcpServers: {} });
    expect(statusOf('cursor')).toBe('missing');
  });

  it('gives back the file exactly as it was before the registration', () => {
    const original = '{\n    "mcpServers": {\n        "other": {"command": "/usr/bin/other"}\n    }\n}';
    write(cursorFile(), original);
    expect(run('register', 'cursor').status).toBe(0);
    expect(run('unregister', 'cursor').status).toBe(0);
    expect(readFileSync(cursorFile(), 'utf8')).toBe(original);
  });

  it('says there is nothing to remove when the client has no entry', () => {
    const result = run('unregister', 'cursor');
    expect(result.status).toBe(0);
    expect(result.stdout).toBe('Cursor: nothing to change (not registered).\n');
    expect(tree(home)).toEqual([]);
  });
});

describe('punchcard-mcp repair', () => {
  it('re-registers an entry whose command no longer exists, and says so', () => {
    write(
      cursorFile(),
      JSON.stringify(
        {
          mcpServers: {
            other: { command: 'npx', args: ['x'] },
            punchcard: { command: join(root, 'gone', 'node'), args: [join(root, 'gone', 'punchcard-mcp.mjs')] },
          },
        },
        null,
        2,
      ),
    );
    expect(statusOf('cursor')).toBe('stale');

    const result = run('repair');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('Registered Punchcard with Cursor.');
    expect(result.stdout).toContain(`wrote ${cursorFile()}`);
    expect(readJson(cursorFile())).toStrictEqual({ mcpServers: { other: { command: 'npx', args: ['x'] }, punchcard: ourEntry() } });
    expect(statusOf('cursor')).toBe('registered');
  });

  it('says everything is in order when nothing is stale', () => {
    expect(run('register', 'cursor').status).toBe(0);
    const result = run('repair');
    expect(result.status).toBe(0);
    expect(result.stdout).toBe('No client has a broken Punchcard entry.\n');
  });
});

describe('punchcard-mcp snippet', () => {
  it('prints Codex TOML that parses, the codex command and the next step, and writes nothing', () => {
    const result = run('snippet', 'codex');
    expect(result.status).toBe(0);
    const [toml, rest] = result.stdout.split('\nOr run:\n');
    expect(structuredClone(parseToml(toml ?? ''))).toEqual({ mcp_servers: { punchcard: ourEntry() } });
    expect(rest).toContain(`codex mcp add punchcard -- ${NODE} ${ENGINE_NODE_FLAGS.join(' ')} ${realpathSync(SERVER_BUNDLE)} --user-data ${defaultUserData()}`);
    expect(rest).toContain('Then: Start a new Codex session');
    expect(tree(home)).toEqual([]);
  });

  it('prints the Goose YAML snippet', () => {
    const result = run('snippet', 'goose');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^extensions:\n {2}punchcard:\n/);
    expect(result.stdout).toContain(`cmd: ${JSON.stringify(NODE)}`);
  });
});

describe('usage errors', () => {
  it('a missing client is a usage error, with the usage on stderr', () => {
    for (const command of ['register', 'unregister', 'snippet']) {
      const result = run(command);
      expect(result.status, command).toBe(2);
      expect(result.stdout, command).toBe('');
      expect(result.stderr, command).toContain(`${command} needs a client`);
      expect(result.stderr, command).toContain('Connect AI clients:');
    }
  });

  it('an unknown option is a usage error', () => {
    for (const args of [
      ['register', 'cursor', '--force'],
      ['clients', '--xml'],
      ['repair', '--json'],
    ]) {
      const result = run(...args);
      expect(result.status, args.join(' ')).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toContain(`Unknown option for ${args[0]}: ${args.at(-1)}`);
      expect(result.stderr).toContain('punchcard-mcp register <client>');
    }
  });

  it('--user-data without a folder and extra arguments are usage errors', () => {
    expect(run('register', 'cursor', '--user-data').status).toBe(2);
    expect(run('register', 'cursor', '--user-data=').status).toBe(2);
    const extra = run('register', 'cursor', 'zed');
    expect(extra.status).toBe(2);
    expect(extra.stderr).toContain('Too many arguments for register: zed');
    expect(tree(home)).toEqual([]);
  });

  it('an unknown command is a usage error', () => {
    const result = run('regster', 'cursor');
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('regster');
    expect(result.stderr).toContain('Usage: punchcard-mcp');
    expect(tree(home)).toEqual([]);
  });

  it('--help mentions the client commands, on stdout', () => {
    const result = run('--help');
    expect(result.status).toBe(0);
    expect(result.stderr).toBe('');
    for (const command of ['clients [--json]', 'register <client>', 'unregister <client>', 'repair', 'snippet <client>']) {
      expect(result.stdout).toContain(`punchcard-mcp ${command}`);
    }
    expect(result.stdout).toContain(`Clients: ${ALL_IDS.join(', ')}`);
  });

  it('register --help says its own usage on stdout, exit 0, and registers nothing', () => {
    const result = run('register', 'cursor', '--help');
    expect([result.status, result.stderr]).toEqual([0, '']);
    expect(result.stdout).toMatch(/^Usage: punchcard-mcp register <client> \[--user-data DIR\]\n/);
    expect(tree(home)).toEqual([]);
  });
});

function at(document: unknown, ...path: string[]): unknown {
  return path.reduce<unknown>((node, key) => (typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[key] : undefined), document);
}

describe('runClientCommand called directly (as the app could)', () => {
  it('answers an unknown command with a usage error and writes nothing', async () => {
    const { runClientCommand } = await import('../../../mcp-server/clients/cli.ts');
    let out = '';
    let err = '';
    const code = runClientCommand({
      argv: ['regster', 'cursor'],
      env: { HOME: home, PATH: bin },
      executable: NODE,
      serverScript: SERVER_BUNDLE,
      runAsNode: false,
      out: (text) => (out += text),
      err: (text) => (err += text),
    });
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toContain('Unknown command: regster');
    expect(err).toContain('punchcard-mcp register <client>');
    expect(tree(home)).toEqual([]);
  });
});
