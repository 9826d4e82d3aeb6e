// The writers against real files in a temporary HOME, for every client Punchcard writes to. Each
// case states the whole file expected afterwards, byte for byte, and checks that unregistering gives
// back the original bytes.
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  readdirSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readlinkSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  CLIENTS,
  type ClientDefinition,
  createRegistrar,
  currentEnvironment,
  launchSpec,
  type LaunchSpec,
  realProbe,
  type Registrar,
} from '../../../mcp-server/clients/index.ts';
import { written } from '../../../mcp-server/clients/json-config.ts';
import { ENGINE_NODE_FLAGS } from '../../../mcp-server/engine-flags.ts';
import { SERVER_BUNDLE } from '../../support/engine.ts';

const homes: string[] = [];
afterEach(() => {
  for (const home of homes.splice(0)) {
    // Read-only files and folders made by a case must not stop the clean-up.
    spawnSync('chmod', ['-R', 'u+rwX', home]);
    rmSync(home, { recursive: true, force: true });
  }
});

function setup(client: ClientDefinition, homeName = 'home') {
  const home = join(mkdtempSync(join(tmpdir(), 'punchcard-clients-')), homeName);
  mkdirSync(home, { recursive: true });
  homes.push(dirname(home));
  const environment = currentEnvironment({ HOME: home, PATH: '' });
  const launch = launchSpec({ executable: process.execPath, serverScript: SERVER_BUNDLE, userDataDir: join(home, '.config', 'Punchcard'), runAsNode: false });
  const registrar = createRegistrar({ environment, launch });
  const [file] = client.configFiles(environment, realProbe);
  if (!file) throw new Error(`${client.id} has no config file`);
  return { home, file, registrar, launch };
}

const JSON_CLIENTS = CLIENTS.filter((client) => ['json', 'json-comments', 'jsonc'].includes(client.format));
const codex = CLIENTS.find((client) => client.id === 'codex') as ClientDefinition;

/** Our member as the writer spells it at `indent`, one level being `unit`. */
function member(client: ClientDefinition, launch: LaunchSpec, indent: string, unit: string, eol = '\n'): string {
  const entry = JSON.stringify(written(client.entry(launch)), null, unit)
    .split('\n')
    .join(eol + indent);
  return `"punchcard": ${entry}`;
}

function write(file: string, content: string | Buffer): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, content);
}

function roundTrip(registrar: Registrar, client: ClientDefinition, file: string, before: Buffer): void {
  registrar.unregister(client.id);
  expect(readFileSync(file).equals(before)).toBe(true);
}

describe.each(JSON_CLIENTS.map((client) => [client.id, client] as const))('%s', (_id, client) => {
  const key = client.container[0] as string;
  const acceptsComments = client.format !== 'json';
  const acceptsTrailingCommas = client.format === 'jsonc';
  const unit = client.newFileIndent;

  it('creates a missing file and its missing folders', () => {
    const { home, file, registrar, launch } = setup(client);
    const before = listTree(home);
    const report = registrar.register(client.id);
    expect(report.changed).toEqual([{ path: file, backup: null }]);
    expect(readFileSync(file, 'utf8')).toBe(`{\n${unit}"${key}": {\n${unit}${unit}${member(client, launch, unit + unit, unit)}\n${unit}}\n}\n`);
    expect(registrar.status(client.id).status).toBe('registered');
    // Undo is exact: the file Punchcard created and the folders it made go again, no backup stays,
    // and a folder of ours no longer makes the client look installed.
    const installedBefore = registrar.status(client.id).installed;
    expect(registrar.unregister(client.id).changed).toEqual([{ path: file, backup: null }]);
    expect(listTree(home)).toEqual(before);
    expect(registrar.status(client.id).status).toBe('missing');
    if (!installedBefore) expect(registrar.status(client.id).installed).toBe(false);
  });

  it('keeps a file it created once the client changed it, and takes out only its entry', () => {
    const { file, registrar } = setup(client);
    registrar.register(client.id);
    const text = readFileSync(file, 'utf8');
    write(file, text.replace(`"${key}"`, `"theme": "dark",\n${unit}"${key}"`));
    registrar.unregister(client.id);
    expect(readFileSync(file, 'utf8')).toBe(`{\n${unit}"theme": "dark",\n${unit}"${key}": {}\n}\n`);
  });

  it('fills an empty file and gives it back empty', () => {
    const { file, registrar, launch } = setup(client);
    write(file, '');
    registrar.register(client.id);
    expect(readFileSync(file, 'utf8')).toBe(`{\n${unit}"${key}": {\n${unit}${unit}${member(client, launch, unit + unit, unit)}\n${unit}}\n}\n`);
    roundTrip(registrar, client, file, Buffer.from(''));
  });

  it('adds the server map to `{}` and takes it away again', () => {
    const { file, registrar, launch } = setup(client);
    write(file, '{}');
    registrar.register(client.id);
    // Nothing in `{}` shows an indentation, so the client's own style is used.
    expect(readFileSync(file, 'utf8')).toBe(`{\n${unit}"${key}": {\n${unit}${unit}${member(client, launch, unit + unit, unit)}\n${unit}}\n}`);
    roundTrip(registrar, client, file, Buffer.from('{}'));
  });

  it('keeps other servers, other keys and two-space indentation', () => {
    const { file, registrar, launch } = setup(client);
    const before = `{\n  "preferences": {\n    "theme": "dark",\n    "n": 1.50\n  },\n  "${key}": {\n    "other": {\n      "command": "npx",\n      "args": ["-y", "other-server"]\n    }\n  }\n}\n`;
    write(file, before);
    registrar.register(client.id);
    const after = `{\n  "preferences": {\n    "theme": "dark",\n    "n": 1.50\n  },\n  "${key}": {\n    "other": {\n      "command": "npx",\n      "args": ["-y", "other-server"]\n    },\n    ${member(client, launch, '    ', '  ')}\n  }\n}\n`;
    expect(readFileSync(file, 'utf8')).toBe(after);
    roundTrip(registrar, client, file, Buffer.from(before));
  });

  it('writes in tabs where the file uses tabs', () => {
    const { file, registrar, launch } = setup(client);
    const before = `{\n\t"${key}": {\n\t\t"other": {"command": "x"}\n\t}\n}`;
    write(file, before);
    registrar.register(client.id);
    expect(readFileSync(file, 'utf8')).toBe(`{\n\t"${key}": {\n\t\t"other": {"command": "x"},\n\t\t${member(client, launch, '\t\t', '\t')}\n\t}\n}`);
    roundTrip(registrar, client, file, Buffer.from(before));
  });

  it('keeps CRLF line endings', () => {
    const { file, registrar, launch } = setup(client);
    const before = `{\r\n    "${key}": {\r\n        "other": {"command": "x"}\r\n    }\r\n}\r\n`;
    write(file, before);
    registrar.register(client.id);
    const after = `{\r\n    "${key}": {\r\n        "other": {"command": "x"},\r\n        ${member(client, launch, '        ', '    ', '\r\n')}\r\n    }\r\n}\r\n`;
    expect(readFileSync(file, 'utf8')).toBe(after);
    expect(readFileSync(file, 'utf8').replace(/\r\n/g, '')).not.toContain('\n');
    roundTrip(registrar, client, file, Buffer.from(before));
  });

  it('keeps a byte-order mark', () => {
    const { file, registrar, launch } = setup(client);
    const before = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`{\n  "${key}": {}\n}\n`)]);
    write(file, before);
    registrar.register(client.id);
    const bytes = readFileSync(file);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.subarray(3).toString('utf8')).toBe(`{\n  "${key}": {\n    ${member(client, launch, '    ', '  ')}\n  }\n}\n`);
    roundTrip(registrar, client, file, before);
  });

  it('keeps unicode in paths and values', () => {
    const { file, registrar, launch } = setup(client, 'Zoë 東京 ✓');
    const before = `{\n  "${key}": {\n    "café": {"command": "/opt/Zoë/bin/server", "args": ["--name=東京 ✓"]}\n  }\n}\n`;
    write(file, before);
    registrar.register(client.id);
    expect(readFileSync(file, 'utf8')).toBe(
      `{\n  "${key}": {\n    "café": {"command": "/opt/Zoë/bin/server", "args": ["--name=東京 ✓"]},\n    ${member(client, launch, '    ', '  ')}\n  }\n}\n`,
    );
    roundTrip(registrar, client, file, Buffer.from(before));
  });

  if (acceptsComments)
    it('keeps comments', () => {
      const { file, registrar, launch } = setup(client);
      const before = `// Servers for work\n{\n  /* block */\n  "${key}": {\n    // the other one\n    "other": {"command": "x"} // inline\n  }\n}\n`;
      write(file, before);
      registrar.register(client.id);
      expect(readFileSync(file, 'utf8')).toBe(
        `// Servers for work\n{\n  /* block */\n  "${key}": {\n    // the other one\n    "other": {"command": "x"}, // inline\n    ${member(client, launch, '    ', '  ')}\n  }\n}\n`,
      );
      roundTrip(registrar, client, file, Buffer.from(before));
    });

  if (acceptsTrailingCommas)
    it('keeps trailing commas', () => {
      const { file, registrar, launch } = setup(client);
      const before = `{\n  "${key}": {\n    "other": {"command": "x",},\n  },\n}\n`;
      write(file, before);
      registrar.register(client.id);
      expect(readFileSync(file, 'utf8')).toBe(`{\n  "${key}": {\n    "other": {"command": "x",},\n    ${member(client, launch, '    ', '  ')},\n  },\n}\n`);
      roundTrip(registrar, client, file, Buffer.from(before));
    });

  if (!acceptsComments)
    it('refuses a comment the client itself would reject, and says where', () => {
      const { file, registrar } = setup(client);
      const before = `{\n  // note\n  "${key}": {}\n}\n`;
      write(file, before);
      expect(() => registrar.register(client.id)).toThrow(/line 2, column 3: a comment, which this client does not accept/);
      expect(readFileSync(file, 'utf8')).toBe(before);
    });

  if (!acceptsTrailingCommas)
    it('refuses a trailing comma the client itself would reject', () => {
      const { file, registrar } = setup(client);
      const before = `{\n  "${key}": {\n    "other": {"command": "x"},\n  }\n}\n`;
      write(file, before);
      expect(() => registrar.register(client.id)).toThrow(/line 3, column 30: a trailing comma/);
      expect(readFileSync(file, 'utf8')).toBe(before);
    });

  it('leaves an invalid file untouched and says what is wrong and where', () => {
    const { file, registrar } = setup(client);
    const before = `{\n  "${key}": {\n    "other": {"command": "x"}\n    "second": {}\n  }\n}\n`;
    write(file, before);
    expect(registrar.status(client.id)).toMatchObject({ status: 'invalid' });
    expect(() => registrar.register(client.id)).toThrow(`${file} is not valid (line 4, column 5: a comma is missing). Punchcard left it untouched`);
    expect(readFileSync(file, 'utf8')).toBe(before);
    expect(existsSync(`${file}.punchcard-backup`)).toBe(false);
  });

  it('refuses a server map that is not an object', () => {
    const { file, registrar } = setup(client);
    write(file, `{"${key}": []}`);
    expect(() => registrar.register(client.id)).toThrow(`"${key}" should be an object but is an array`);
    expect(readFileSync(file, 'utf8')).toBe(`{"${key}": []}`);
  });

  it('refuses a read-only file and leaves it alone', () => {
    const { file, registrar } = setup(client);
    write(file, '{}\n');
    chmodSync(file, 0o444);
    expect(() => registrar.register(client.id)).toThrow(`${file} is read-only`);
    expect(readFileSync(file, 'utf8')).toBe('{}\n');
    expect(statSync(file).mode & 0o777).toBe(0o444);
  });

  it('writes through a symlink and keeps the link', () => {
    const { home, file, registrar, launch } = setup(client);
    const real = join(home, 'dotfiles', 'client.json');
    write(real, `{"${key}": {}}`);
    mkdirSync(dirname(file), { recursive: true });
    symlinkSync(real, file);
    registrar.register(client.id);
    expect(lstatSync(file).isSymbolicLink()).toBe(true);
    expect(readlinkSync(file)).toBe(real);
    expect(readFileSync(real, 'utf8')).toBe(`{"${key}": {\n${unit}${member(client, launch, unit, unit)}\n}}`);
    roundTrip(registrar, client, real, Buffer.from(`{"${key}": {}}`));
  });

  it('keeps the file mode and leaves one bounded backup', () => {
    const { file, registrar } = setup(client);
    write(file, `{"${key}": {"other": {"command": "x"}}}`);
    chmodSync(file, 0o600);
    registrar.register(client.id);
    registrar.unregister(client.id);
    registrar.register(client.id);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const siblings = spawnSync('ls', ['-A', dirname(file)], { encoding: 'utf8' })
      .stdout.trim()
      .split('\n');
    expect(siblings.sort()).toEqual([file.split('/').at(-1), `${file.split('/').at(-1)}.punchcard-backup`].sort());
    expect(statSync(`${file}.punchcard-backup`).mode & 0o777).toBe(0o600);
  });

  it('registering twice changes nothing the second time', () => {
    const { file, registrar } = setup(client);
    write(file, `{"${key}": {"other": {"command": "x"}}}`);
    registrar.register(client.id);
    const once = readFileSync(file);
    const modified = statSync(file).mtimeMs;
    const backup = readFileSync(`${file}.punchcard-backup`);
    expect(registrar.register(client.id).changed).toEqual([]);
    expect(readFileSync(file).equals(once)).toBe(true);
    expect(statSync(file).mtimeMs).toBe(modified);
    expect(readFileSync(`${file}.punchcard-backup`).equals(backup)).toBe(true);
  });

  it('repairs a stale entry of ours, keeping what the user added to it', () => {
    const { file, registrar, launch } = setup(client);
    const stale = {
      command: '/gone/Punchcard.app/Contents/MacOS/Punchcard',
      args: ['/gone/punchcard-mcp.mjs'],
      env: { ELECTRON_RUN_AS_NODE: '1', MY_VAR: 'kept' },
      autoApprove: ['timer_status'],
    };
    write(file, `{\n  "${key}": {\n    "punchcard": ${JSON.stringify(stale)}\n  }\n}\n`);
    expect(registrar.status(client.id)).toMatchObject({ status: 'stale', files: [{ problem: `${stale.command} no longer exists` }] });
    expect(registrar.repair().map((report) => report.id)).toEqual([client.id]);
    const entry = (JSON.parse(readFileSync(file, 'utf8')) as Record<string, Record<string, Record<string, unknown>>>)[key]?.punchcard;
    expect(entry).toEqual({ ...written(client.entry(launch)), env: { MY_VAR: 'kept' }, autoApprove: ['timer_status'] });
    expect(registrar.status(client.id).status).toBe('registered');
  });

  it('repair keeps the data folder a stale entry named, and leaves a working entry for another install alone', () => {
    const { file, registrar, launch } = setup(client);
    write(file, `{"${key}": {"punchcard": {"command": "/gone/node", "args": ["/gone/punchcard-mcp.mjs", "--user-data", "/srv/team data"]}}}`);
    registrar.repair();
    const repaired = (JSON.parse(readFileSync(file, 'utf8')) as Record<string, Record<string, { command: string; args: string[] }>>)[key]?.punchcard;
    expect(repaired).toMatchObject({
      command: launch.command,
      args: [...ENGINE_NODE_FLAGS, launch.args[ENGINE_NODE_FLAGS.length] as string, '--user-data', '/srv/team data'],
    });

    const other = { command: process.execPath, args: [SERVER_BUNDLE, '--user-data', '/srv/elsewhere'] };
    write(file, JSON.stringify({ [key]: { punchcard: other } }));
    expect(registrar.status(client.id).status).toBe('outdated');
    expect(registrar.repair()).toEqual([]);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ [key]: { punchcard: other } });
  });

  it('explains a folder that cannot be created', () => {
    const { home, file, registrar } = setup(client);
    const [first, ...below] = file.slice(home.length + 1).split('/');
    if (below.length === 0) {
      // The file sits directly in HOME (~/.claude.json): a folder in its place is the trap.
      mkdirSync(file);
      expect(() => registrar.register(client.id)).toThrow(`${file} is a folder, not a file.`);
      return;
    }
    // The first folder on the way is a plain file.
    writeFileSync(join(home, first as string), 'not a folder');
    expect(() => registrar.register(client.id)).toThrow(/is a file where a folder should be/);
    expect(readFileSync(join(home, first as string), 'utf8')).toBe('not a folder');
  });
});

/** Every path under `root`, sorted: what a register-then-unregister must leave exactly as it was. */
function listTree(root: string): string[] {
  return (readdirSync(root, { recursive: true }) as string[]).sort();
}

describe('codex (TOML)', () => {
  const entryToml = (launch: LaunchSpec) =>
    `[mcp_servers.punchcard]\ncommand = ${JSON.stringify(launch.command)}\nargs = [ ${launch.args.map((arg) => JSON.stringify(arg)).join(', ')} ]\n`;

  it('creates the file and folder', () => {
    const { file, registrar, launch } = setup(codex);
    registrar.register('codex');
    expect(readFileSync(file, 'utf8')).toBe(entryToml(launch));
  });

  it('appends our table and keeps every comment, table and blank line', () => {
    const { file, registrar, launch } = setup(codex);
    const before =
      '# Codex settings\nmodel = "o3"  # the fast one\n\n[mcp_servers.other]\ncommand = "npx"\nargs = ["-y", "other"]\n\n# profiles below\n[profiles.work]\nmodel = "gpt"\n';
    write(file, before);
    registrar.register('codex');
    expect(readFileSync(file, 'utf8')).toBe(`${before}\n${entryToml(launch)}`);
    roundTrip(registrar, codex, file, Buffer.from(before));
  });

  it('keeps CRLF endings and a byte-order mark', () => {
    const { file, registrar, launch } = setup(codex);
    const before = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('model = "o3"\r\n')]);
    write(file, before);
    registrar.register('codex');
    const bytes = readFileSync(file);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.subarray(3).toString('utf8')).toBe(`model = "o3"\r\n\r\n${entryToml(launch).replace(/\n/g, '\r\n')}`);
    roundTrip(registrar, codex, file, before);
  });

  it('rewrites a stale table in place, keeping keys the user added and the tables around it', () => {
    const { file, registrar, launch } = setup(codex);
    const before =
      '[mcp_servers.before]\ncommand = "a"\n\n[mcp_servers.punchcard]\ncommand = "/gone/node" # old\nargs = ["/gone/punchcard-mcp.mjs"]\nenabled_tools = ["timer_status"]\n\n[mcp_servers.punchcard.env]\nELECTRON_RUN_AS_NODE = "1"\n\n# after\n[mcp_servers.after]\ncommand = "b"\n';
    write(file, before);
    expect(registrar.status('codex').status).toBe('stale');
    registrar.register('codex');
    expect(readFileSync(file, 'utf8')).toBe(
      `[mcp_servers.before]\ncommand = "a"\n\n${entryToml(launch)}enabled_tools = [ "timer_status" ]\n\n# after\n[mcp_servers.after]\ncommand = "b"\n`,
    );
    expect(registrar.status('codex').status).toBe('registered');
  });

  it('leaves an invalid file untouched and says where', () => {
    const { file, registrar } = setup(codex);
    const before = 'model = "o3"\n[mcp_servers.other\ncommand = "x"\n';
    write(file, before);
    expect(() => registrar.register('codex')).toThrow(/config\.toml is not valid \(line 2, column \d+: .+\)\. Punchcard left it untouched/);
    expect(readFileSync(file, 'utf8')).toBe(before);
  });

  it('refuses an entry written inline rather than as a table', () => {
    const { file, registrar } = setup(codex);
    const before = '[mcp_servers]\npunchcard = { command = "x" }\n';
    write(file, before);
    expect(() => registrar.register('codex')).toThrow(/written inline/);
    expect(() => registrar.unregister('codex')).toThrow(/written inline/);
    expect(readFileSync(file, 'utf8')).toBe(before);
  });

  it('ends our table at an array-of-tables header that follows it', () => {
    const { file, registrar, launch } = setup(codex);
    const before = '[mcp_servers.punchcard]\ncommand = "/gone/node"\nargs = ["/gone/punchcard-mcp.mjs"]\n\n[[profiles]]\nname = "a"\n';
    write(file, before);
    registrar.register('codex');
    expect(readFileSync(file, 'utf8')).toBe(`${entryToml(launch)}\n[[profiles]]\nname = "a"\n`);
    registrar.unregister('codex');
    expect(readFileSync(file, 'utf8')).toBe('[[profiles]]\nname = "a"\n');
  });

  it('refuses to extend an inline server map', () => {
    const { file, registrar } = setup(codex);
    const before = 'mcp_servers = { other = { command = "x" } }\n';
    write(file, before);
    expect(() => registrar.register('codex')).toThrow(/cannot extend without rewriting it/);
    expect(readFileSync(file, 'utf8')).toBe(before);
  });

  it('writes through a symlink, keeps unicode, refuses read-only, and is idempotent', () => {
    const { home, file, registrar, launch } = setup(codex, 'Zoë 東京');
    const real = join(home, 'dotfiles', 'codex.toml');
    write(real, 'name = "Zoë — 東京"\n');
    mkdirSync(dirname(file), { recursive: true });
    symlinkSync(real, file);
    registrar.register('codex');
    expect(lstatSync(file).isSymbolicLink()).toBe(true);
    expect(readFileSync(real, 'utf8')).toBe(`name = "Zoë — 東京"\n\n${entryToml(launch)}`);
    expect(registrar.register('codex').changed).toEqual([]);
    chmodSync(real, 0o400);
    expect(() => registrar.unregister('codex')).toThrow('is read-only');
  });
});

describe('what the file system refuses, seen by an unprivileged user', () => {
  // Root may read and write anywhere, so these commands run as `nobody` when the tests run as root.
  function registerCursorAs(home: string) {
    const asUser = process.getuid?.() === 0 ? ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups', '--'] : [];
    const [command, ...rest] = [...asUser, process.execPath, SERVER_BUNDLE, 'register', 'cursor'];
    return spawnSync(command as string, rest, { encoding: 'utf8', env: { PATH: process.env.PATH ?? '', HOME: home } });
  }

  function scratchHome(): { home: string; folder: string; file: string } {
    const home = mkdtempSync(join(tmpdir(), 'punchcard-clients-'));
    homes.push(home);
    chmodSync(home, 0o755);
    const folder = join(home, '.cursor');
    return { home, folder, file: join(folder, 'mcp.json') };
  }

  it('a file in a folder it may not write: the file stays, no temporary file is left', () => {
    const { home, folder, file } = scratchHome();
    mkdirSync(folder);
    writeFileSync(file, '{}\n');
    chmodSync(file, 0o666);
    chmodSync(folder, 0o555);
    const result = registerCursorAs(home);
    expect(result.status).toBe(1);
    // The backup is the first thing written, so that is where the refusal shows.
    expect(result.stderr).toContain(`Punchcard cannot write a backup next to ${file} (permission denied), so it left the file untouched.`);
    expect(readFileSync(file, 'utf8')).toBe('{}\n');
    expect(spawnSync('ls', ['-A', folder], { encoding: 'utf8' }).stdout.trim()).toBe('mcp.json');
  });

  it('a file it may not read', () => {
    const { home, folder, file } = scratchHome();
    mkdirSync(folder);
    chmodSync(folder, 0o755);
    writeFileSync(file, '{}\n');
    chmodSync(file, 0o600);
    const result = registerCursorAs(home);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`Punchcard cannot read ${file}: permission denied.`);
  });

  it('a folder it may not create', () => {
    const { home, folder } = scratchHome();
    chmodSync(home, 0o555);
    const result = registerCursorAs(home);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`Punchcard cannot create the folder ${folder}: permission denied.`);
  });
});

describe('refusals that need no special user', () => {
  const cursor = CLIENTS.find((client) => client.id === 'cursor') as ClientDefinition;

  it('a backup that cannot be written keeps the file and the old backup untouched', () => {
    const { file, registrar } = setup(cursor);
    write(file, '{}\n');
    mkdirSync(`${file}.punchcard-backup`);
    expect(() => registrar.register('cursor')).toThrow(`Punchcard cannot write a backup next to ${file} (it is a folder), so it left the file untouched.`);
    expect(readFileSync(file, 'utf8')).toBe('{}\n');
    expect(
      spawnSync('ls', ['-A', dirname(file)], { encoding: 'utf8' })
        .stdout.trim()
        .split('\n')
        .sort(),
    ).toEqual(['mcp.json', 'mcp.json.punchcard-backup']);
  });

  it('UTF-16 and non-UTF-8 files are refused untouched', () => {
    const { file, registrar } = setup(cursor);
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('{}', 'utf16le')]);
    write(file, utf16);
    expect(() => registrar.register('cursor')).toThrow(
      `Punchcard cannot edit ${file}: it is saved as UTF-16; save it as UTF-8 and try again. It was left untouched.`,
    );
    expect(readFileSync(file).equals(utf16)).toBe(true);
    const latin1 = Buffer.from('{"mcpServers": {"caf\xe9": {"command": "x"}}}', 'latin1');
    write(file, latin1);
    expect(() => registrar.register('cursor')).toThrow('it is not UTF-8 text');
    expect(readFileSync(file).equals(latin1)).toBe(true);
  });

  it('a symlink loop', () => {
    const { file, registrar } = setup(cursor);
    mkdirSync(dirname(file), { recursive: true });
    symlinkSync(`${file}.other`, file);
    symlinkSync(file, `${file}.other`);
    expect(() => registrar.register('cursor')).toThrow(`${file} is a chain of more than 32 symbolic links (or a loop).`);
  });

  it('a server map of the wrong kind shows up in the status too', () => {
    const { file, registrar } = setup(cursor);
    write(file, '{"mcpServers": "none"}');
    expect(registrar.status('cursor')).toMatchObject({
      status: 'invalid',
      files: [{ problem: `Punchcard cannot edit ${file}: "mcpServers" should be an object but is a string.` }],
    });
    expect(() => registrar.unregister('cursor')).toThrow('"mcpServers" should be an object but is a string');
  });

  it('Codex: a server map that is not a table', () => {
    const { file, registrar } = setup(codex);
    write(file, 'mcp_servers = 1\n');
    expect(() => registrar.register('codex')).toThrow('"mcp_servers" should be a table');
    expect(readFileSync(file, 'utf8')).toBe('mcp_servers = 1\n');
  });
});
