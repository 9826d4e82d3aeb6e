// `npm run pack:mcpb`: Punchcard's Claude Desktop extension, dist/punchcard.mcpb, packed by the
// official MCP Bundle CLI (@anthropic-ai/mcpb) from the built engine (`vite build` first; the npm
// script does both). The bundle holds the manifest (scripts/mcpb-manifest.ts), the icon and the
// engine's entry with its chunks, without source maps; no node_modules: the engine is bundled whole,
// and the one native module, the keychain library @napi-rs/keyring, stays out (Claude Desktop
// hands the secret in a variable).
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { buildManifest, ENTRY_POINT } from './mcpb-manifest.ts';

const ROOT = resolve(import.meta.dirname, '..');

/** The official CLI's entry (its package's `bin`), run with this Node. */
export function mcpbCli(): string {
  const main = createRequire(import.meta.url).resolve('@anthropic-ai/mcpb');
  return join(dirname(main), 'cli', 'cli.js');
}

/** Runs the official CLI; throws with its output when it fails. */
export function runMcpb(args: readonly string[]): string {
  const run = spawnSync(process.execPath, [mcpbCli(), ...args], { encoding: 'utf8' });
  const output = `${run.stdout}${run.stderr}`;
  if (run.status !== 0) throw new Error(`mcpb ${args[0]} failed (${run.status ?? run.signal}):\n${output}`);
  return output;
}

export interface PackOptions {
  /** The built engine: dist/mcp-server. */
  engineDir?: string;
  /** Where the bundle goes: dist/punchcard.mcpb. */
  output?: string;
}

/** Stages and packs the bundle; returns its path and the manifest it carries. */
export function packMcpb(options: PackOptions = {}): { path: string; manifest: ReturnType<typeof buildManifest> } {
  const out = process.env.PUNCHCARD_OUT ?? 'dist';
  const engineDir = options.engineDir ?? join(ROOT, out, 'mcp-server');
  const output = options.output ?? join(ROOT, out, 'punchcard.mcpb');
  const entry = join(engineDir, 'punchcard-mcp.mjs');
  if (!existsSync(entry)) throw new Error(`${entry} is missing: build the engine first (npm run pack:mcpb does).`);
  const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
  const manifest = buildManifest(version);
  const stage = mkdtempSync(join(tmpdir(), 'punchcard-mcpb-'));
  try {
    const server = join(stage, dirname(ENTRY_POINT));
    mkdirSync(join(server, 'chunks'), { recursive: true });
    copyFileSync(entry, join(stage, ENTRY_POINT));
    for (const file of readdirSync(join(engineDir, 'chunks')).filter((name) => name.endsWith('.mjs'))) {
      copyFileSync(join(engineDir, 'chunks', file), join(server, 'chunks', file));
    }
    copyFileSync(join(ROOT, 'build', 'icon.png'), join(stage, 'icon.png'));
    writeFileSync(join(stage, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    mkdirSync(dirname(output), { recursive: true });
    rmSync(output, { force: true });
    runMcpb(['pack', stage, output]);
    return { path: output, manifest };
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
}

if (import.meta.main) {
  try {
    const { path } = packMcpb();
    console.error(`Packed ${path}. Open it with Claude Desktop (or Settings → Extensions → Install Extension) to install Punchcard.`);
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  }
}
