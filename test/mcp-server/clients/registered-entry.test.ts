// The entry Punchcard writes must really start the server: read it back from the client's file
// and launch exactly that command, arguments and environment, the way the client would (a bare
// environment, working directory `/`), then list the tools over MCP.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { parse as parseToml } from 'smol-toml';
import { afterEach, describe, expect, it } from 'vitest';
import { createRegistrar, currentEnvironment, isWritable, launchSpec } from '../../../mcp-server/clients/index.ts';
import { ENGINE_NODE_FLAGS } from '../../../mcp-server/engine-flags.ts';
import { SERVER_BUNDLE } from '../../support/engine.ts';

interface Entry {
  command: string;
  args: string[];
  env?: Record<string, string>;
}

const homes: string[] = [];
afterEach(() => {
  for (const home of homes.splice(0)) rmSync(home, { recursive: true, force: true });
});

function registerIn(clientId: string): { home: string; file: string } {
  const home = mkdtempSync(join(tmpdir(), 'punchcard-entry-'));
  homes.push(home);
  const environment = currentEnvironment({ HOME: home, PATH: '' });
  const registrar = createRegistrar({
    environment,
    launch: launchSpec({ executable: process.execPath, serverScript: SERVER_BUNDLE, userDataDir: join(home, 'Punchcard data'), runAsNode: false }),
  });
  const [change] = registrar.register(clientId).changed;
  if (!change) throw new Error(`${clientId}: nothing was written`);
  return { home, file: change.path };
}

async function listToolsWith(entry: Entry, home: string): Promise<string[]> {
  const transport = new StdioClientTransport({
    command: entry.command,
    args: entry.args,
    // What GUI clients pass: little more than HOME; no PATH from a login shell.
    env: { HOME: home, ...entry.env },
    cwd: '/',
    stderr: 'pipe',
  });
  const client = new Client({ name: 'registered-entry-test', version: '1.0.0' });
  await client.connect(transport);
  try {
    const { tools } = await client.listTools();
    return tools.map((tool) => tool.name);
  } finally {
    await client.close();
  }
}

describe('the registered entry starts the server', () => {
  it('Claude Desktop (mcpServers in JSON)', async () => {
    const { home, file } = registerIn('claude-desktop');
    const entry = (JSON.parse(readFileSync(file, 'utf8')) as { mcpServers: Record<string, Entry> }).mcpServers.punchcard as Entry;
    const tools = await listToolsWith(entry, home);
    expect(tools).toContain('clock_in');
    expect(tools).toContain('whoami');
  });

  it('VS Code (servers in JSONC, type stdio)', async () => {
    const { home, file } = registerIn('vscode');
    const entry = (JSON.parse(readFileSync(file, 'utf8')) as { servers: Record<string, Entry & { type: string }> }).servers.punchcard;
    expect(entry?.type).toBe('stdio');
    expect(await listToolsWith(entry as Entry, home)).toContain('timer_status');
  });

  it('Codex (mcp_servers in TOML), using the data folder it names', async () => {
    const { home, file } = registerIn('codex');
    const entry = (parseToml(readFileSync(file, 'utf8')) as unknown as { mcp_servers: Record<string, Entry> }).mcp_servers.punchcard as Entry;
    expect(entry.args).toEqual([...ENGINE_NODE_FLAGS, SERVER_BUNDLE, '--user-data', join(home, 'Punchcard data')]);
    expect(await listToolsWith(entry, home)).toContain('log_time');
    // The server made its data folder where the entry said: the entry, not a default, decides.
    expect(existsSync(join(home, 'Punchcard data'))).toBe(true);
    expect(existsSync(join(home, '.config', 'Punchcard'))).toBe(false);
  });

  it('never writes a secret into the entry, even when one is in the environment', () => {
    const home = mkdtempSync(join(tmpdir(), 'punchcard-entry-'));
    homes.push(home);
    const registrar = createRegistrar({
      environment: currentEnvironment({ HOME: home, PATH: '', PUNCHCARD_KIMAI_TOKEN: 'kimai-secret-4711' }),
      launch: launchSpec({ executable: process.execPath, serverScript: SERVER_BUNDLE, userDataDir: join(home, 'data'), runAsNode: true }),
    });
    for (const client of registrar.clients) {
      if (isWritable(client)) {
        const [change] = registrar.register(client.id).changed;
        expect(readFileSync(change?.path ?? '', 'utf8')).not.toContain('kimai-secret-4711');
      }
      expect(JSON.stringify(registrar.snippet(client.id))).not.toContain('kimai-secret-4711');
    }
  });
});
