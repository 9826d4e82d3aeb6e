// The engine's npm package as a person installs and runs it (scripts/pack-engine.ts, engine-package/,
// docs/connecting-ai-clients.md, "From npm, without the app"): packed as `npm run pack:engine` packs it
// (the same as `npm pack` in the workspace, which builds into a folder of this file's own), installed with
// `npm install -g` into an empty prefix, started by the very lines the guide gives Claude Code and
// Codex (`npx -y punchcard-mcp`, which finds the installed copy: offline, nothing else can answer),
// listing its tools with the official MCP client and clocking in on the local timesheet in the app's
// own folder of a fresh HOME; then reading a Kimai token the app's keychain store saved in a real
// gnome-keyring, or from the variable where there is no keychain.
import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { parse as parseToml } from 'smol-toml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enginePackageJson, packEngine, type PackedEngine } from '../../scripts/pack-engine.ts';
import { docText, fencedBlocks, inlineCommand } from '../support/doc-commands.ts';
import { type ToolResult, textOf, writeSettings } from '../support/engine.ts';
import { expectNoDaemonLeft, keyringSandboxEnv, requireKeyringTools, WITH_UNLOCKED_KEYRING } from '../support/keyring.ts';
import { DEFAULT_USERS, type FakeKimai, type FakeUser, startFakeKimai } from '../mcp-server/providers/kimai/fake-kimai.ts';

const run = promisify(execFile);
const ROOT = join(import.meta.dirname, '../..');
const GUIDE = 'docs/connecting-ai-clients.md';
const APP = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
const ENTRY = JSON.parse(readFileSync(join(ROOT, 'server.json'), 'utf8')) as { name: string; packages: Array<{ registryType: string; identifier: string }> };
const SEED = fileURLToPath(new URL('../mcp-server/credentials/keychain-roundtrip.script.ts', import.meta.url));
const ADA = DEFAULT_USERS[0] as FakeUser;

let work: string;
let packed: PackedEngine;
let prefix: string;
let command: string;
/**
 * Where packing builds the project (PUNCHCARD_OUT, under the repository's root as vite.config.ts takes
 * it): not dist/, which the other test files run while this one packs.
 */
const BUILD = `dist-engine-pack-${process.pid}`;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'punchcard-engine-package-'));
  packed = packEngine({ outDir: join(work, 'out'), build: BUILD });
  prefix = join(work, 'prefix');
  // The keychain library comes from the registry (or npm's cache), as it does for a person.
  await run('npm', ['install', '--global', '--prefix', prefix, '--prefer-offline', '--no-audit', '--no-fund', packed.path], { timeout: 180_000 });
  command = join(prefix, 'bin', 'punchcard-mcp');
}, 240_000);

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
  rmSync(join(ROOT, BUILD), { recursive: true, force: true });
});

/** A folder's files and what they hold. */
function filesIn(folder: string): Record<string, string> {
  return Object.fromEntries(
    readdirSync(folder, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => [relative(folder, join(entry.parentPath, entry.name)), readFileSync(join(entry.parentPath, entry.name), 'utf8')]),
  );
}

/** The package.json a tarball holds. */
async function manifestIn(tarball: string): Promise<Record<string, unknown>> {
  return JSON.parse((await run('tar', ['-xzOf', tarball, 'package/package.json'])).stdout) as Record<string, unknown>;
}

/** A fresh HOME: the app's folder in it is where the engine keeps the timesheet unless told otherwise. */
function freshHome(name: string): { home: string; appFolder: string } {
  const home = join(work, name);
  const appFolder = join(home, '.config', 'Punchcard');
  mkdirSync(appFolder, { recursive: true });
  return { home, appFolder };
}

/**
 * What a client gives the server it starts: its own environment. npm finds the globally installed copy
 * in this prefix; offline, so the lines can only run the package installed from the tarball.
 */
function clientEnvironment(home: string): Record<string, string> {
  return {
    PATH: [join(prefix, 'bin'), dirname(process.execPath), '/usr/bin', '/bin'].join(delimiter),
    HOME: home,
    TZ: 'Europe/Berlin',
    npm_config_prefix: prefix,
    npm_config_offline: 'true',
    npm_config_cache: join(work, 'npm-cache'),
    npm_config_update_notifier: 'false',
  };
}

async function connect(server: { command: string; args: string[] }, home: string): Promise<{ client: Client; stderr: () => string }> {
  // In the person's HOME, not this checkout: npx run here would find the repository's own build (its package.json's bin).
  const transport = new StdioClientTransport({ ...server, env: clientEnvironment(home), cwd: home, stderr: 'pipe' });
  let stderr = '';
  transport.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const client = new Client({ name: 'punchcard-package-test', version: '1.0.0' });
  await client.connect(transport);
  return { client, stderr: () => stderr };
}

const call = async (client: Client, name: string, args: Record<string, unknown> = {}) => (await client.callTool({ name, arguments: args })) as ToolResult;

describe('npm run pack:engine', () => {
  it('packs the entry, its chunks and the README, without source maps, as the registry entry names it', async () => {
    expect(packed.path).toBe(join(work, 'out', `punchcard-mcp-${APP.version}.tgz`));
    expect(packed.files).toContain('punchcard-mcp.mjs');
    expect(packed.files).toContain('README.md');
    expect(packed.files.some((file) => /^chunks\/engine-[\w-]+\.mjs$/.test(file))).toBe(true);
    expect(packed.files.filter((file) => !/^(punchcard-mcp\.mjs|README\.md|package\.json|chunks\/[\w-]+\.mjs)$/.test(file))).toEqual([]);
    const manifest = JSON.parse(readFileSync(join(prefix, 'lib', 'node_modules', 'punchcard-mcp', 'package.json'), 'utf8')) as Record<string, unknown>;
    expect(manifest).toMatchObject({ name: 'punchcard-mcp', version: APP.version, mcpName: ENTRY.name, bin: { 'punchcard-mcp': 'punchcard-mcp.mjs' } });
    expect(ENTRY.packages.find((found) => found.registryType === 'npm')?.identifier).toBe(manifest.name);
    // No Electron, nothing but the keychain library, and nothing a development install would add.
    expect(manifest.dependencies).toEqual({ '@napi-rs/keyring': '^2.1.2' });
    for (const key of ['devDependencies', 'optionalDependencies', 'peerDependencies']) expect(manifest[key], key).toBeUndefined();
    // Only the workspace's packing, which npm runs where a package is packed, never where it is installed.
    expect(Object.keys(manifest.scripts as Record<string, string>).sort()).toEqual(['postpack', 'prepack']);
  });

  it('names the repository a release builds it from, which npm’s provenance checks, and none elsewhere', () => {
    const workspace = JSON.parse(readFileSync(join(ROOT, 'engine-package', 'package.json'), 'utf8')) as Record<string, unknown>;
    expect(enginePackageJson(workspace, 'https://github.com/acme/punchcard').repository).toEqual({
      type: 'git',
      url: 'git+https://github.com/acme/punchcard.git',
    });
    expect(enginePackageJson(workspace)).toEqual(workspace);
  });

  it('holds code that imports only Node’s own modules and the keychain library', () => {
    const installed = join(prefix, 'lib', 'node_modules', 'punchcard-mcp');
    const imported = new Set<string>();
    for (const file of packed.files.filter((name) => name.endsWith('.mjs'))) {
      const text = readFileSync(join(installed, file), 'utf8');
      for (const match of text.matchAll(/^import\b[^;]*?from\s*"([^"]+)"|\bimport\("([^"]+)"\)/gm)) imported.add((match[1] ?? match[2]) as string);
      if (text.includes('createRequire(import.meta.url)(KEYCHAIN_MODULE)')) imported.add('@napi-rs/keyring');
    }
    const outside = [...imported].filter((name) => !name.startsWith('.') && !name.startsWith('node:'));
    expect(outside).toEqual(['@napi-rs/keyring']);
  });

  it('states its size in the guide as npm pack measures it', () => {
    const mb = (bytes: number) => Math.round(bytes / 1e5) / 10;
    console.log(
      `punchcard-mcp ${APP.version}: ${packed.size} bytes packed, ${packed.unpackedSize} unpacked (${mb(packed.size)} MB, ${mb(packed.unpackedSize)} MB)`,
    );
    const said = /about ([\d.]+) MB to download and ([\d.]+) MB unpacked/.exec(docText(GUIDE));
    expect(said, 'the guide states the package’s size').not.toBeNull();
    // Within a tenth: the guide rounds, and the build changes a little with every commit.
    expect(Math.abs(Number(said?.[1]) - packed.size / 1e6) / (packed.size / 1e6)).toBeLessThan(0.1);
    expect(Math.abs(Number(said?.[2]) - packed.unpackedSize / 1e6) / (packed.unpackedSize / 1e6)).toBeLessThan(0.1);
  });

  it('is what `npm pack` (so `npm publish`) in engine-package/ makes, which leaves the workspace as committed', { timeout: 300_000 }, async () => {
    const out = join(work, 'npm-pack');
    mkdirSync(out);
    const workspace = join(ROOT, 'engine-package');
    const before = filesIn(workspace);
    const { stdout } = await run('npm', ['pack', '--json', '--pack-destination', out], {
      cwd: workspace,
      env: { ...process.env, PUNCHCARD_OUT: BUILD },
      timeout: 300_000,
      maxBuffer: 16 * 1024 * 1024,
    });
    const [report] = JSON.parse(stdout) as Array<{ filename: string; files: Array<{ path: string }> }>;
    // Each build has an id of its own in its opening (mcp-server/stdio/opening-manifest.ts), so the
    // chunks' names differ by their hashes from one build to the next, and by nothing else.
    const unhashed = (files: readonly string[]) => files.map((file) => file.replace(/-[\w-]{8}\.mjs$/, '.mjs')).sort();
    expect(unhashed(report?.files.map((file) => file.path) ?? [])).toEqual(unhashed(packed.files));
    expect(await manifestIn(join(out, report?.filename ?? ''))).toEqual(await manifestIn(packed.path));
    // What packing staged is gone again, and the manifest and README are as they were.
    expect(filesIn(workspace)).toEqual(before);
    expect(Object.keys(before).sort()).toEqual(['README.md', 'package.json']);
    // Had a pack stopped half-way, git would not take what it staged for the workspace's own files.
    const staged = ['engine-package/punchcard-mcp.mjs', 'engine-package/chunks/engine-x.mjs'];
    expect((await run('git', ['check-ignore', '--no-index', ...staged], { cwd: ROOT })).stdout.trim().split('\n')).toEqual(staged);
  });

  it('installed globally, `punchcard-mcp --version` and `--help` answer on stdout', async () => {
    const { home } = freshHome('help');
    const env = clientEnvironment(home);
    expect((await run(command, ['--version'], { env })).stdout).toBe(`punchcard-mcp ${APP.version}\n`);
    const { stdout, stderr } = await run(command, ['--help'], { env });
    expect(stdout).toMatch(/^Usage: punchcard-mcp /);
    expect(stdout).toContain('--user-data DIR');
    expect(stderr).toBe('');
  });
});

describe('the package as Claude Code and Codex start it', () => {
  let folders: { home: string; appFolder: string };

  beforeAll(() => {
    folders = freshHome('clients');
    // The app's settings, in the app's folder: the engine reads them there with no flag.
    writeSettings(folders.appFolder, { timezone: 'Europe/Berlin', user: { name: 'Ada' } });
  });

  it('Claude Code’s line: lists the tools and clocks in on the local timesheet in the app’s folder', async () => {
    const line = inlineCommand(GUIDE, 'claude mcp add');
    // `claude mcp add [options] NAME -- COMMAND ARGS…`: Claude Code runs what follows `--`.
    const words = line.split(/\s+/);
    expect(words.slice(0, words.indexOf('--'))).toEqual(['claude', 'mcp', 'add', '--scope', 'user', 'punchcard']);
    const [server, ...args] = words.slice(words.indexOf('--') + 1) as [string, ...string[]];
    const { client, stderr } = await connect({ command: server, args }, folders.home);
    try {
      const tools = (await client.listTools()).tools.map((tool) => tool.name);
      expect(tools).toEqual(expect.arrayContaining(['clock_in', 'clock_out', 'timer_status', 'whoami']));
      const whoami = await call(client, 'whoami');
      expect(whoami.structuredContent).toMatchObject({ name: 'Ada', provider: 'Local timesheet', timezone: 'Europe/Berlin' });
      expect((await call(client, 'create_catalog_item', { kind: 'project', name: 'Website' })).isError).toBeFalsy();
      const started = await call(client, 'clock_in', { project: 'Website', description: 'from the npm package' });
      expect(started.isError, textOf(started)).toBeFalsy();
      expect(textOf(started)).toMatch(/Clocked in on "Website"/);
    } finally {
      await client.close();
    }
    expect(existsSync(join(folders.appFolder, 'punchcard.db')), stderr()).toBe(true);
  });

  it('Codex’s table: the same timesheet, with the timer still running, and clocks out', async () => {
    const table = fencedBlocks(GUIDE, 'toml').filter((block) => block.includes('[mcp_servers.punchcard]'));
    expect(table).toHaveLength(1);
    const server = (parseToml(table[0] as string) as { mcp_servers: { punchcard: { command: string; args: string[] } } }).mcp_servers.punchcard;
    expect(server).toEqual({ command: 'npx', args: ['-y', 'punchcard-mcp'] });
    const { client } = await connect(server, folders.home);
    try {
      const status = await call(client, 'timer_status');
      expect(status.structuredContent).toMatchObject({ running: { project: 'Website', description: 'from the npm package' } });
      const stopped = await call(client, 'clock_out');
      expect(stopped.isError, textOf(stopped)).toBeFalsy();
    } finally {
      await client.close();
    }
  });
});

describe('the package’s secrets', () => {
  let fake: FakeKimai;
  beforeAll(async () => {
    fake = await startFakeKimai();
  });
  afterAll(async () => fake?.close());

  /** A HOME whose app settings name the fake Kimai, as the app writes them. */
  function kimaiHome(name: string): { home: string; runtime: string } {
    const { home, appFolder } = freshHome(name);
    writeSettings(appFolder, { provider: { type: 'kimai', url: fake.url } });
    const runtime = join(home, 'run');
    mkdirSync(runtime, { mode: 0o700 });
    return { home, runtime };
  }

  it('reads the token the app saved in the system keychain, for the back end in the app’s settings', async () => {
    requireKeyringTools();
    const { home, runtime } = kimaiHome('keychain');
    const env = {
      ...keyringSandboxEnv(home, runtime),
      KEYRING_PASSWORD: 'punchcard-test-keyring',
      ROUNDTRIP_ACCOUNT: `kimai:${fake.url}`,
      ROUNDTRIP_SECRET: ADA.token,
    };
    // One session: the app's own keychain store saves the token, then the installed package checks the connection.
    const script = '"$1" "$2" seed >/dev/null && "$3" --test-connection --json';
    const result = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
      const child = spawn('dbus-run-session', ['--', 'sh', '-c', WITH_UNLOCKED_KEYRING, 'sh', 'sh', '-c', script, 'sh', process.execPath, SEED, command], {
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, stdout, stderr }));
    });
    try {
      expect(result.code, result.stderr).toBe(0);
      expect(JSON.parse(result.stdout.trim().split('\n').at(-1) ?? '')).toMatchObject({ provider: 'kimai', ok: true });
      expect(result.stderr).not.toContain(ADA.token);
    } finally {
      await expectNoDaemonLeft(home);
    }
  });

  it('reads the token from its variable where there is no keychain, and says what is missing without it', async () => {
    const { home } = kimaiHome('variable');
    const env = clientEnvironment(home);
    const withVariable = await run(command, ['--test-connection', '--json'], { env: { ...env, PUNCHCARD_KIMAI_TOKEN: ADA.token } });
    expect(JSON.parse(withVariable.stdout)).toMatchObject({ provider: 'kimai', ok: true });
    const without = await run(command, ['--test-connection', '--json'], { env }).then(
      () => null,
      (error: { code: number; stdout: string; stderr: string }) => error,
    );
    expect(without?.code).toBe(1);
    expect(JSON.parse(without?.stdout ?? '')).toMatchObject({ ok: false, verdict: 'no_token' });
    // The keychain module itself loaded from the installed package: what is missing is a session bus, not the library.
    expect(without?.stderr).toMatch(/system keychain is not available/);
    expect(without?.stderr).not.toMatch(/could not be loaded/);
  });
});
