// `npm run pack:server`: the team server as one file an administrator installs on a machine with
// Node (docs/team-server/systemd.md): punchcard-server-VERSION.tgz, an npm package that gives the
// command `punchcard-mcp`. It holds the team server's built entry and chunks (dist/team-server/:
// `vite build` first; the npm script does both), without source maps, a package.json with no
// dependencies at all (the team server and the engine are bundled whole; the keychain's native
// module is a desktop's and never loaded by the server), the administrator's guide the build puts
// beside them (docs/: the pages of docs/team-server/, which `punchcard-mcp --help` names) and a
// short README. Not the app: no Electron, no window.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
export const SERVER_PACKAGE_NAME = 'punchcard-server';

export interface ServerPackOptions {
  /** The team server's build: dist/team-server. */
  serverDir?: string;
  /** The folder the package is written to: the repository's root (release.yml picks it up there). */
  outDir?: string;
}

/** The package's manifest: the command, the Node it needs, and nothing to install beside it. */
export function serverPackageJson(app: { version: string; license: string; engines: { node: string } }): Record<string, unknown> {
  return {
    name: SERVER_PACKAGE_NAME,
    version: app.version,
    description: 'Punchcard team server: time tracking and leave over MCP (Streamable HTTP and OAuth) for a whole team.',
    license: app.license,
    type: 'module',
    bin: { 'punchcard-mcp': 'punchcard-mcp.mjs' },
    files: ['punchcard-mcp.mjs', 'chunks/', 'docs/', 'README.md'],
    engines: app.engines,
  };
}

const README = `# Punchcard team server

\`npm install -g ./punchcard-server-VERSION.tgz\` gives the command \`punchcard-mcp\`:

- \`punchcard-mcp --version\`
- \`punchcard-mcp serve --dev\`: try it on this computer (http://127.0.0.1:8787)
- \`punchcard-mcp serve --config /etc/punchcard/server.json\`: the team server as configured
- \`punchcard-mcp audit --config /etc/punchcard/server.json\`: the audit log

\`punchcard-mcp --help\` lists the commands; \`punchcard-mcp COMMAND --help\` says one's usage.

The administrator's guide is in this package, in docs/: the configuration and its secrets
(docs/README.md), running it as a service (docs/systemd.md), looking after it (docs/admin.md) and
watching it (docs/monitoring.md).
`;

/** Stages and packs the package; returns the path of the .tgz. */
export function packServer(options: ServerPackOptions = {}): string {
  const serverDir = options.serverDir ?? join(ROOT, process.env.PUNCHCARD_OUT ?? 'dist', 'team-server');
  const outDir = options.outDir ?? ROOT;
  const entry = join(serverDir, 'punchcard-mcp.mjs');
  for (const needed of [entry, join(serverDir, 'docs', 'README.md')])
    if (!existsSync(needed)) throw new Error(`${needed} is missing: build the team server first (npm run pack:server does).`);
  const app = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string; license: string; engines: { node: string } };
  const stage = mkdtempSync(join(tmpdir(), 'punchcard-server-pack-'));
  try {
    mkdirSync(join(stage, 'chunks'));
    copyFileSync(entry, join(stage, 'punchcard-mcp.mjs'));
    for (const file of readdirSync(join(serverDir, 'chunks')).filter((name) => name.endsWith('.mjs')))
      copyFileSync(join(serverDir, 'chunks', file), join(stage, 'chunks', file));
    mkdirSync(join(stage, 'docs'));
    for (const page of readdirSync(join(serverDir, 'docs')).filter((name) => name.endsWith('.md')))
      copyFileSync(join(serverDir, 'docs', page), join(stage, 'docs', page));
    writeFileSync(join(stage, 'package.json'), `${JSON.stringify(serverPackageJson(app), null, 2)}\n`);
    writeFileSync(join(stage, 'README.md'), README);
    mkdirSync(outDir, { recursive: true });
    // --ignore-scripts: the staged package has none, and the project's own must not run for it.
    const run = spawnSync('npm', ['pack', '--ignore-scripts', '--silent', '--pack-destination', outDir], { cwd: stage, encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`npm pack failed (${run.status ?? run.signal}):\n${run.stdout}${run.stderr}`);
    const path = join(outDir, `${SERVER_PACKAGE_NAME}-${app.version}.tgz`);
    if (!existsSync(path)) throw new Error(`npm pack wrote no ${path}:\n${run.stdout}`);
    return path;
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
}

if (import.meta.main) {
  try {
    const path = packServer();
    console.error(`Packed ${path}. Install it with: npm install -g ${path}`);
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  }
}
