// The engine as an npm package, punchcard-mcp-VERSION.tgz (engine-package/, a workspace of the
// repository; docs/connecting-ai-clients.md, "From npm, without the app"). The package's manifest is
// engine-package/package.json as committed (its `mcpName` is server.json's name, its one dependency the
// keychain library); beside it go the engine's built entry and chunks, without source maps, and the
// package's README. No Electron: the engine runs on plain Node, on the same data folder and settings as
// the app. One way makes it, however it is asked for:
//   npm pack, npm publish (in engine-package/)  the workspace's `prepack` runs `prepack` below: it builds
//                                               the project (`vite build`, into PUNCHCARD_OUT where set)
//                                               and stages the entry and chunks beside the manifest; its
//                                               `postpack` runs `postpack`, which takes them away again
//                                               (.gitignore keeps them out of a commit meanwhile)
//   npm run pack:engine                         that same `npm pack`, writing the tarball to the repository's
//                                               root, with the repository a release builds from in the
//                                               manifest where GitHub Actions names it (npm's provenance
//                                               checks it); the committed manifest is put back afterwards
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
export const ENGINE_PACKAGE_DIR = join(ROOT, 'engine-package');
/** What `prepack` stages in the workspace and `postpack` takes away (and .gitignore names). */
const ENTRY = 'punchcard-mcp.mjs';
const CHUNKS = 'chunks';

export interface EnginePackOptions {
  /** The folder the package is written to: the repository's root. */
  outDir?: string;
  /** The folder the project is built into, from the repository's root (PUNCHCARD_OUT; dist by default). */
  build?: string;
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

/** `npm pack` in the workspace (its prepack builds and stages); returns the tarball and what npm says of it. */
export function packEngine(options: EnginePackOptions = {}): PackedEngine {
  const outDir = resolve(options.outDir ?? ROOT);
  const manifest = join(ENGINE_PACKAGE_DIR, 'package.json');
  const committed = readFileSync(manifest, 'utf8');
  const workspace = JSON.parse(committed) as Record<string, unknown> & { name: string; version: string };
  if (options.repository) writeFileSync(manifest, `${JSON.stringify(enginePackageJson(workspace, options.repository), null, 2)}\n`);
  try {
    mkdirSync(outDir, { recursive: true });
    const run = spawnSync('npm', ['pack', '--json', '--pack-destination', outDir], {
      cwd: ENGINE_PACKAGE_DIR,
      encoding: 'utf8',
      env: { ...process.env, ...(options.build ? { PUNCHCARD_OUT: options.build } : {}) },
      // The build's lines and npm's own go to stderr as they come; stdout is npm's report.
      stdio: ['ignore', 'pipe', 'inherit'],
      maxBuffer: 16 * 1024 * 1024,
    });
    if (run.status !== 0) throw new Error(`npm pack failed (${run.status ?? run.signal}):\n${run.stdout}`);
    const [report] = JSON.parse(run.stdout) as Array<{ filename: string; size: number; unpackedSize: number; files: Array<{ path: string }> }>;
    const path = join(outDir, `${workspace.name}-${workspace.version}.tgz`);
    if (!report || !existsSync(path)) throw new Error(`npm pack wrote no ${path}:\n${run.stdout}`);
    return { path, size: report.size, unpackedSize: report.unpackedSize, files: report.files.map((file) => file.path) };
  } finally {
    if (options.repository) writeFileSync(manifest, committed);
  }
}

/** The workspace's prepack: the project built, then the engine's entry and chunks staged beside the manifest. */
export function prepack(): void {
  const workspace = JSON.parse(readFileSync(join(ENGINE_PACKAGE_DIR, 'package.json'), 'utf8')) as { version: string };
  const app = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
  if (workspace.version !== app.version)
    throw new Error(`engine-package/package.json is at ${workspace.version}, package.json at ${app.version}: a release sets both (docs/releasing.md).`);
  // The whole project, as `npm run build` builds it (vite.config.ts): the engine's chunks are hashed
  // by their content, so only a build of this very tree can be the package's.
  const build = spawnSync(process.execPath, [join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build'], { cwd: ROOT, stdio: ['ignore', 2, 2] });
  if (build.status !== 0) throw new Error(`vite build failed (${build.status ?? build.signal}): the package was not made.`);
  const engineDir = resolve(ROOT, process.env.PUNCHCARD_OUT ?? 'dist', 'mcp-server');
  // A pack that stopped half-way may have left an older build's chunks: they are not this one's.
  postpack();
  mkdirSync(join(ENGINE_PACKAGE_DIR, CHUNKS));
  copyFileSync(join(engineDir, ENTRY), join(ENGINE_PACKAGE_DIR, ENTRY));
  for (const file of readdirSync(join(engineDir, CHUNKS)).filter((name) => name.endsWith('.mjs')))
    copyFileSync(join(engineDir, CHUNKS, file), join(ENGINE_PACKAGE_DIR, CHUNKS, file));
}

/** The workspace's postpack: what prepack staged taken away, so the workspace holds what is committed. */
export function postpack(): void {
  rmSync(join(ENGINE_PACKAGE_DIR, ENTRY), { force: true });
  rmSync(join(ENGINE_PACKAGE_DIR, CHUNKS), { recursive: true, force: true });
}

if (import.meta.main) {
  try {
    const step = process.argv[2];
    if (step === 'prepack') prepack();
    else if (step === 'postpack') postpack();
    else if (step !== undefined) throw new Error(`Unknown step ${step}: prepack, postpack, or none to pack.`);
    else {
      const { GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repository } = process.env;
      const packed = packEngine(server && repository ? { repository: `${server}/${repository}` } : {});
      const kB = (bytes: number) => `${Math.round(bytes / 1000)} kB`;
      console.error(`Packed ${packed.path}: ${kB(packed.size)}, ${kB(packed.unpackedSize)} unpacked, ${packed.files.length} files.`);
      console.error(`Try it: npm install -g ${packed.path} && punchcard-mcp --help`);
    }
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  }
}
