// The Claude Desktop extension as it ships: packed by the official CLI from the built engine, valid
// for `mcpb validate` and `mcpb info`, listing the engine's own tools and prompts, and working once
// unpacked: its entry point started over stdio the way the official reference configuration
// (getMcpConfigForManifest) starts it from the manifest and a person's settings, against the local
// timesheet and against Kimai. No secret ever lands in a file. Needs the build (`npm test` builds).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getMcpConfigForManifest, LATEST_MANIFEST_VERSION } from '@anthropic-ai/mcpb';
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TOOL_NAMES } from '../../mcp-server/contract/tool-catalog.ts';
import { TOOL_CONTRACTS } from '../../mcp-server/contract/tools/index.ts';
import { MINIMUM_NODE } from '../../mcp-server/node-version.ts';
import { PROMPT_LIST } from '../../mcp-server/prompts/index.ts';
import { ENTRY_POINT, MANIFEST_VERSION } from '../../scripts/mcpb-manifest.ts';
import { packMcpb, runMcpb } from '../../scripts/pack-mcpb.ts';
import { SERVER_BUNDLE } from '../support/engine.ts';
import { clockStartingAt, DEFAULT_USERS, type FakeUser, seedCatalog, startFakeKimai } from '../mcp-server/providers/kimai/fake-kimai.ts';

const NOW = '2026-11-18T08:00:00+01:00';
const ADA = DEFAULT_USERS[0] as FakeUser;

let work: string;
let bundle: string;
let unpacked: string;
let manifest: Record<string, unknown> & {
  server: { mcp_config: { command: string; args: string[]; env: Record<string, string> } };
  user_config: Record<string, Record<string, unknown>>;
};

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'punchcard-mcpb-test-'));
  ({ path: bundle } = packMcpb({ engineDir: join(SERVER_BUNDLE, '..'), output: join(work, 'punchcard.mcpb') }));
  unpacked = join(work, 'unpacked');
  runMcpb(['unpack', bundle, unpacked]);
  manifest = JSON.parse(readFileSync(join(unpacked, 'manifest.json'), 'utf8')) as typeof manifest;
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Every file under `dir`, with its bytes. */
function filesUnder(dir: string): Array<{ path: string; bytes: Buffer }> {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((name) => join(dir, name))
    .filter((path) => statSync(path).isFile())
    .map((path) => ({ path, bytes: readFileSync(path) }));
}

/**
 * The unpacked extension started as Claude Desktop starts it: the manifest's mcp_config with the
 * person's settings and the folder substituted by the official reference code; `node` is this Node.
 */
async function configFor(userConfig: Record<string, string>) {
  const config = await getMcpConfigForManifest({
    manifest: manifest as never,
    extensionPath: unpacked,
    systemDirs: { HOME: work, DESKTOP: work, DOCUMENTS: work, DOWNLOADS: work },
    userConfig,
    pathSeparator: '/',
  });
  if (!config) throw new Error('The reference code made no configuration of the manifest.');
  expect(config.command).toBe('node');
  return { args: config.args ?? [], env: { PATH: process.env.PATH ?? '', HOME: work, TZ: 'Europe/Berlin', PUNCHCARD_NOW: NOW, ...config.env } };
}

async function startExtension(userConfig: Record<string, string>, extraEnv: Record<string, string> = {}) {
  const config = await configFor(userConfig);
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: config.args,
    env: { ...config.env, ...extraEnv },
    stderr: 'pipe',
  });
  let stderr = '';
  transport.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const client = new Client({ name: 'claude-desktop-stand-in', version: '1' });
  await client.connect(transport);
  return { client, env: config.env, stderr: () => stderr };
}

describe('the packed extension', () => {
  it('passes the official CLI: validate and info', () => {
    expect(runMcpb(['validate', join(unpacked, 'manifest.json')])).toContain('Manifest schema validation passes!');
    expect(runMcpb(['info', bundle])).toMatch(/File: punchcard\.mcpb\nSize: \d+\.\d+ KB/);
  });

  it('declares the current manifest version, a node server whose entry point is the built engine, its icon and where it runs', () => {
    expect(manifest.manifest_version).toBe(LATEST_MANIFEST_VERSION);
    expect(MANIFEST_VERSION).toBe(LATEST_MANIFEST_VERSION);
    expect(manifest.server).toMatchObject({ type: 'node', entry_point: ENTRY_POINT, mcp_config: { command: 'node', args: [`\${__dirname}/${ENTRY_POINT}`] } });
    expect(readFileSync(join(unpacked, ENTRY_POINT))).toEqual(readFileSync(SERVER_BUNDLE));
    expect(readFileSync(join(unpacked, 'icon.png'))).toEqual(readFileSync(join(import.meta.dirname, '..', '..', 'build', 'icon.png')));
    expect(manifest.compatibility).toEqual({ platforms: ['darwin', 'win32', 'linux'], runtimes: { node: `>=${MINIMUM_NODE}` } });
    // Only what the engine runs: no source maps, no node_modules (the keychain library stays out).
    const names = filesUnder(unpacked).map((file) => file.path.slice(unpacked.length + 1));
    expect(names.filter((name) => !name.startsWith('server/chunks/'))).toEqual(expect.arrayContaining(['icon.png', 'manifest.json', ENTRY_POINT]));
    expect(names.some((name) => name.endsWith('.map') || name.includes('node_modules'))).toBe(false);
  });

  it('lists the engine’s own tools and prompts, in registry order', () => {
    expect(manifest.tools).toEqual(TOOL_NAMES.map((name) => ({ name, description: TOOL_CONTRACTS[name].description })));
    expect(
      (manifest.prompts as Array<{ name: string; description: string; arguments: string[] }>).map(({ name, description, arguments: args }) => ({
        name,
        description,
        args,
      })),
    ).toEqual(PROMPT_LIST.map((prompt) => ({ name: prompt.name, description: prompt.description, args: prompt.arguments.map((argument) => argument.name) })));
  });

  it('asks for the back end, its address, the e-mail, the secret, the Clockify workspace and the Harvest account id, which is sensitive, and hands each to the engine as its variable', () => {
    expect(Object.keys(manifest.user_config)).toEqual(['back_end', 'url', 'email', 'secret', 'workspace', 'account_id', 'ca_file', 'data_folder']);
    expect(manifest.user_config.secret).toMatchObject({ type: 'string', sensitive: true });
    for (const [key, option] of Object.entries(manifest.user_config)) expect(option.sensitive === true, key).toBe(key === 'secret');
    expect(manifest.server.mcp_config.env).toEqual({
      PUNCHCARD_PROVIDER: '${user_config.back_end}',
      PUNCHCARD_URL: '${user_config.url}',
      PUNCHCARD_EMAIL: '${user_config.email}',
      PUNCHCARD_CA_FILE: '${user_config.ca_file}',
      PUNCHCARD_WORKSPACE: '${user_config.workspace}',
      PUNCHCARD_ACCOUNT_ID: '${user_config.account_id}',
      PUNCHCARD_USER_DATA: '${user_config.data_folder}',
      // One secret field, in one variable beside the back end the form names: the engine sends it to that back end alone.
      PUNCHCARD_SECRET: '${user_config.secret}',
    });
  });

  it('runs unpacked on the local timesheet: tools/list, prompts/list and a call', async () => {
    const data = join(work, 'local-data');
    const { client } = await startExtension({ back_end: 'local', data_folder: data });
    try {
      const { tools } = await client.listTools();
      expect(tools.map((tool) => tool.name)).toEqual(expect.arrayContaining(['clock_in', 'log_time', 'whoami']));
      expect((await client.listPrompts()).prompts.map((prompt) => prompt.name)).toEqual(PROMPT_LIST.map((prompt) => prompt.name));
      const clocked = await client.callTool({ name: 'clock_in', arguments: { description: 'from the extension' } });
      expect(clocked.isError).toBeFalsy();
      expect(existsSync(join(data, 'punchcard.db'))).toBe(true);
    } finally {
      await client.close();
    }
  });

  it('runs unpacked against Kimai with the settings a person types in, and no secret lands in a file', async () => {
    const fake = await startFakeKimai({ now: clockStartingAt(NOW) });
    seedCatalog(fake);
    const data = join(work, 'kimai-data');
    const { client, env } = await startExtension({ back_end: 'kimai', url: `${fake.url}/`, secret: ADA.token, data_folder: data });
    try {
      // The secret travels in its variable only; the fields left empty are empty.
      expect(env).toMatchObject({ PUNCHCARD_PROVIDER: 'kimai', PUNCHCARD_SECRET: ADA.token, PUNCHCARD_EMAIL: '' });
      expect(Object.keys(env).filter((name) => name.endsWith('_TOKEN'))).toEqual([]);
      const { tools } = await client.listTools();
      expect(tools.every((tool) => tool.annotations?.openWorldHint === true)).toBe(true);
      const whoami = await client.callTool({ name: 'whoami', arguments: {} });
      expect(whoami.structuredContent).toMatchObject({ name: 'Ada Lovelace', provider: `Kimai (${fake.url})` });
      const logged = await client.callTool({ name: 'log_time', arguments: { start: '07:00', end: '07:45', project: 'Website', activity: 'Design' } });
      expect(logged.isError).toBeFalsy();
    } finally {
      await client.close();
      await fake.close();
    }
    for (const file of [...filesUnder(unpacked), ...filesUnder(data), { path: bundle, bytes: readFileSync(bundle) }]) {
      expect(file.bytes.includes(ADA.token), file.path).toBe(false);
    }
  });

  it("sends the secret of a Clockify form to no Kimai an organisation's policy fixes instead, and says why in words", async () => {
    const kimai = await startFakeKimai({ now: clockStartingAt(NOW) });
    const data = join(work, 'fixed-kimai-data');
    const policyFile = join(work, 'fixed-kimai-policy.json');
    writeFileSync(policyFile, JSON.stringify({ schemaVersion: 1, providers: { fixed: { type: 'kimai', url: kimai.url } } }));
    const clockifyKey = 'clockify-key-of-ada-0123456789';
    const { client, env, stderr } = await startExtension(
      { back_end: 'clockify', secret: clockifyKey, data_folder: data },
      { PUNCHCARD_POLICY_FILE: policyFile },
    );
    try {
      expect(env).toMatchObject({ PUNCHCARD_PROVIDER: 'clockify', PUNCHCARD_SECRET: clockifyKey });
      const result = await client.callTool({ name: 'timer_status', arguments: {} });
      expect(result.isError).toBe(true);
      const words = (result.content as Array<{ text: string }>)[0]?.text ?? '';
      expect(words).toBe(
        `The secret in Punchcard's Claude Desktop extension settings was given for Clockify at https://api.clockify.me, and Punchcard sends a secret only to the back end it was given for; ` +
          `your organisation's policy has Punchcard use Kimai at ${kimai.url} instead, so it has no Kimai API token for it. Save its Kimai API token in the Punchcard app, or set PUNCHCARD_KIMAI_TOKEN.`,
      );
      expect(stderr()).toContain('was given for Clockify at https://api.clockify.me');
    } finally {
      await client.close();
      await kimai.close();
    }
    // Kimai heard nothing of the key: in no header of any request, and nothing carried a secret at all.
    for (const request of kimai.requests) {
      expect(JSON.stringify(request.headers), request.path).not.toContain(clockifyKey);
      expect(request.headers.authorization, request.path).toBeUndefined();
    }
  });

  it('treats a secret field left unfilled as no secret: the placeholder is never sent as a token', async () => {
    const fake = await startFakeKimai({ now: clockStartingAt(NOW) });
    const data = join(work, 'unfilled-data');
    const { client, env, stderr } = await startExtension({ back_end: 'kimai', url: fake.url, data_folder: data });
    try {
      expect(env).toMatchObject({ PUNCHCARD_SECRET: '${user_config.secret}' });
      const result = await client.callTool({ name: 'timer_status', arguments: {} });
      expect(result.isError).toBe(true);
      expect((result.content as Array<{ text: string }>)[0]?.text).toMatch(/^No Kimai API token is stored for /);
      // The bundle carries no keychain library (Claude Desktop hands the secret in a variable): the
      // engine looked, found none, and said so once on stderr.
      expect(stderr()).toContain('Reading credentials from environment variables only. The system keychain module (@napi-rs/keyring) could not be loaded');
    } finally {
      await client.close();
      await fake.close();
    }
    for (const request of fake.requests) expect(request.headers.authorization, request.path).toBeUndefined();
  });

  it('says what is wrong with settings that cannot work, on stderr (Claude Desktop’s log), and serves nothing on them', async () => {
    const config = await configFor({ back_end: 'Kimia' });
    const run = spawnSync(process.execPath, config.args, { env: config.env, input: '', encoding: 'utf8' });
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^PUNCHCARD_PROVIDER is local, kimai, clockodo, calamari, clockify, toggl, harvest or tempo \(not "Kimia"\)\./);
  });
});
