// The npm package's entries beside the app's registration (docs/connecting-ai-clients.md, "From npm,
// without the app"): an entry a person wrote from the guide's lines, under the same name, is another
// installation to the app, and registering from the app points the client back at the app's own engine
// (the guide says so; the app never writes the npm package into a client's file).
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseToml } from 'smol-toml';
import { afterEach, describe, expect, it } from 'vitest';
import { createRegistrar, currentEnvironment } from '../../../mcp-server/clients/index.ts';
import { APP_LAUNCH } from '../../support/clients.ts';
import { fencedBlocks, inlineCommand } from '../../support/doc-commands.ts';

const GUIDE = 'docs/connecting-ai-clients.md';
const roots: string[] = [];
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

function home(): string {
  const root = mkdtempSync(join(tmpdir(), 'punchcard-npm-entry-'));
  roots.push(root);
  return root;
}

/** What `claude mcp add --scope user punchcard -- COMMAND ARGS…` writes at the top of ~/.claude.json. */
function claudeCodeEntry(): { command: string; args: string[] } {
  const words = inlineCommand(GUIDE, 'claude mcp add').split(/\s+/);
  const [command, ...args] = words.slice(words.indexOf('--') + 1) as [string, ...string[]];
  return { command, args };
}

describe('an entry for the npm package, then the app registers', () => {
  it('Claude Code: the guide’s entry counts as another installation, and registering writes the app’s own engine', () => {
    const folder = home();
    const file = join(folder, '.claude.json');
    const npm = { type: 'stdio', ...claudeCodeEntry(), env: {} };
    expect(npm).toMatchObject({ command: 'npx', args: ['-y', 'punchcard-mcp'] });
    writeFileSync(file, `${JSON.stringify({ numStartups: 3, mcpServers: { punchcard: npm } }, null, 2)}\n`);
    const registrar = createRegistrar({ environment: currentEnvironment({ HOME: folder, PATH: '' }), launch: APP_LAUNCH });
    expect(registrar.status('claude-code').status).toBe('outdated');
    registrar.register('claude-code');
    const written = JSON.parse(readFileSync(file, 'utf8')) as { numStartups: number; mcpServers: { punchcard: { command: string; args: string[] } } };
    expect(written.mcpServers.punchcard).toMatchObject({ command: APP_LAUNCH.command, args: APP_LAUNCH.args });
    expect(written.numStartups).toBe(3);
    expect(registrar.status('claude-code').status).toBe('registered');
  });

  it('Codex: the guide’s table counts as another installation, and registering writes the app’s own engine', () => {
    const folder = home();
    const table = fencedBlocks(GUIDE, 'toml').find((block) => block.includes('[mcp_servers.punchcard]')) ?? '';
    mkdirSync(join(folder, '.codex'));
    const file = join(folder, '.codex', 'config.toml');
    writeFileSync(file, `model = "gpt-5"\n\n${table}`);
    const registrar = createRegistrar({ environment: currentEnvironment({ HOME: folder, PATH: '' }), launch: APP_LAUNCH });
    expect(registrar.status('codex').status).toBe('outdated');
    registrar.register('codex');
    const written = parseToml(readFileSync(file, 'utf8')) as { model: string; mcp_servers: { punchcard: { command: string; args: string[] } } };
    expect(written.mcp_servers.punchcard).toMatchObject({ command: APP_LAUNCH.command, args: APP_LAUNCH.args });
    expect(written.model).toBe('gpt-5');
  });
});
