// `npm run pack:engine`: the engine as an npm package, punchcard-mcp-VERSION.tgz (engine-package/, a
// workspace of the repository; docs/connecting-ai-clients.md, "From npm, without the app"). The package's manifest is
// engine-package/package.json as committed (its `mcpName` is server.json's name, its one dependency the
// keychain library); beside it go the engine's built entry and chunks (dist/mcp-server/: `vite build`
// first; the npm script does both), without source maps, and the package's README. No Electron: the
// engine runs on plain Node, on the same data folder and settings as the app.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
export const ENGINE_PACKAGE_DIR = join(ROOT, 'engine-package');

export interface EnginePackOptions {
  /** The engine's build: dist/mcp-server. */
  engineDir?: string;
  /** The folder the package is written to: the repository's root. */
  outDir?: string;
  /** The repository a release builds it from (GitHub Actions' GITHUB_SERVER_URL/GITHUB_REPOSITORY), which npm's provenance checks. */
  repository?: string;
}

export interface PackedEngine {
  path: string;
  /** The tarball's bytes, and the files' bytes unpacked, as npm pack reports them. */
  size: number;
  unpackedSize: number;
  files: string[];
}

/** The manifest that ships: the workspace's, with the repository it was built from where that is known. */
export function enginePackageJson(workspace: Record<string, unknown>, repository?: string): Record<string, unknown> {
  return repository ? { ...workspace, repository: { type: 'git', url: `git+${repository}.git` } } : { ...workspace };
}

/** Stages and packs the package; returns the tarball and what npm says of it. */
export function packEngine(options: EnginePackOptions = {}): PackedEngine {
  const engineDir = options.engineDir ?? join(ROOT, process.env.PUNCHCARD_OUT ?? 'dist', 'mcp-server');
  const outDir = options.outDir ?? ROOT;
  const entry = join(engineDir, 'punchcard-mcp.mjs');
  if (!existsSync(entry)) throw new Error(`${entry} is missing: build the engine first (npm run pack:engine does).`);
  const workspace = JSON.parse(readFileSync(join(ENGINE_PACKAGE_DIR, 'package.json'), 'utf8')) as Record<string, unknown> & { name: string; version: string };
  const app = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
  if (workspace.version !== app.version)
    throw new Error(`engine-package/package.json is at ${workspace.version}, package.json at ${app.version}: a release sets both (docs/releasing.md).`);
  const stage = mkdtempSync(join(tmpdir(), 'punchcard-engine-pack-'));
  try {
    mkdirSync(join(stage, 'chunks'));
    copyFileSync(entry, join(stage, 'punchcard-mcp.mjs'));
    for (const file of readdirSync(join(engineDir, 'chunks')).filter((name) => name.endsWith('.mjs')))
      copyFileSync(join(engineDir, 'chunks', file), join(stage, 'chunks', file));
    copyFileSync(join(ENGINE_PACKAGE_DIR, 'README.md'), join(stage, 'README.md'));
    writeFileSync(join(stage, 'package.json'), `${JSON.stringify(enginePackageJson(workspace, options.repository), null, 2)}\n`);
    mkdirSync(outDir, { recursive: true });
    // --ignore-scripts: the staged package has none, and the project's own must not run for it.
    const run = spawnSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', outDir], { cwd: stage, encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`npm pack failed (${run.status ?? run.signal}):\n${run.stdout}${run.stderr}`);
    const [report] = JSON.parse(run.stdout) as Array<{ filename: string; size: number; unpackedSize: number; files: Array<{ path: string }> }>;
    const path = join(outDir, `${workspace.name}-${workspace.version}.tgz`);
    if (!report || !existsSync(path)) throw new Error(`npm pack wrote no ${path}:\n${run.stdout}`);
    return { path, size: report.size, unpackedSize: report.unpackedSize, files: report.files.map((file) => file.path) };
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
}

if (import.meta.main) {
  try {
    const { GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repository } = process.env;
    const packed = packEngine(server && repository ? { repository: `${server}/${repository}` } : {});
    const kB = (bytes: number) => `${Math.round(bytes / 1000)} kB`;
    console.error(`Packed ${packed.path}: ${kB(packed.size)}, ${kB(packed.unpackedSize)} unpacked, ${packed.files.length} files.`);
    console.error(`Try it: npm install -g ${packed.path} && punchcard-mcp --help`);
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  }
}
