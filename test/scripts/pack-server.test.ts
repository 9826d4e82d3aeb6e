// The team server's package as an administrator installs it (scripts/pack-server.ts): packed from the
// team server's build (dist/team-server/), installed with `npm install -g` into a prefix of its own with nothing fetched, it
// gives `punchcard-mcp`, which says its version and serves a development server to /healthz. It
// holds no dependency and no source map, and the administrator's guide its help names. Needs the
// build (`npm test` builds).
import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packServer } from '../../scripts/pack-server.ts';
import { GUIDE_PAGES } from '../../team-server/cli/serve-usage.ts';
import { freePort } from '../support/team-server.ts';

const run = promisify(execFile);
const APP = JSON.parse(readFileSync(join(import.meta.dirname, '../../package.json'), 'utf8')) as { version: string };

let work: string;
let tgz: string;
let prefix: string;
let command: string;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'punchcard-server-package-'));
  tgz = packServer({ outDir: join(work, 'out') });
  prefix = join(work, 'prefix');
  // --offline: the package needs nothing from the registry; an install that tried would fail here.
  await run('npm', ['install', '--global', '--prefix', prefix, '--offline', '--no-audit', '--no-fund', tgz], {
    env: { ...process.env, npm_config_cache: join(work, 'cache') },
  });
  command = join(prefix, 'bin', 'punchcard-mcp');
}, 120_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('npm run pack:server', () => {
  it('writes punchcard-server-VERSION.tgz with the entry, its chunks and a manifest without dependencies', async () => {
    expect(tgz).toBe(join(work, 'out', `punchcard-server-${APP.version}.tgz`));
    const { stdout } = await run('tar', ['-tzf', tgz]);
    const files = stdout.split('\n').filter(Boolean);
    expect(files).toContain('package/punchcard-mcp.mjs');
    expect(files).toContain('package/package.json');
    expect(files.some((file) => /^package\/chunks\/engine-[\w-]+\.mjs$/.test(file))).toBe(true);
    expect(files.filter((file) => file.endsWith('.map'))).toEqual([]);
    const manifest = JSON.parse(readFileSync(join(prefix, 'lib', 'node_modules', 'punchcard-server', 'package.json'), 'utf8')) as Record<string, unknown>;
    expect(manifest.bin).toEqual({ 'punchcard-mcp': 'punchcard-mcp.mjs' });
    for (const key of ['dependencies', 'optionalDependencies', 'peerDependencies', 'devDependencies', 'scripts']) expect(manifest[key]).toBeUndefined();
  });

  it('is the version of the app and of the team server’s workspace, which a release sets together', () => {
    const workspace = JSON.parse(readFileSync(join(import.meta.dirname, '../../team-server/package.json'), 'utf8')) as { version: string };
    expect(workspace.version).toBe(APP.version);
  });

  it('installed globally, `punchcard-mcp --version` names the version on stdout, for V=$(punchcard-mcp --version)', async () => {
    const { stdout, stderr } = await run(command, ['--version'], { env: { PATH: `${join(prefix, 'bin')}:${process.env.PATH ?? ''}` } });
    expect([stdout, stderr]).toEqual([`punchcard-mcp ${APP.version}\n`, '']);
  });

  it('holds the whole administrator’s guide, in docs/, where the installed `punchcard-mcp --help` says it is', async () => {
    const repositoryGuide = join(import.meta.dirname, '../../docs/team-server');
    // Every page of docs/team-server is one the help names, and each is in the package as it is in the repository.
    expect(Object.keys(GUIDE_PAGES).sort()).toEqual(
      readdirSync(repositoryGuide)
        .filter((name) => name.endsWith('.md'))
        .sort(),
    );
    const { stdout: listing } = await run('tar', ['-tzf', tgz]);
    for (const page of Object.keys(GUIDE_PAGES)) expect(listing.split('\n'), page).toContain(`package/docs/${page}`);
    const installed = realpathSync(join(prefix, 'lib', 'node_modules', 'punchcard-server'));
    const { stdout } = await run(command, ['--help'], { env: { PATH: `${join(prefix, 'bin')}:${process.env.PATH ?? ''}` } });
    const named = /The administrator's guide ships with this program, in (\S+)\/:/.exec(stdout)?.[1];
    expect(named).toBe(join(installed, 'docs'));
    for (const page of Object.keys(GUIDE_PAGES)) {
      expect(existsSync(join(installed, 'docs', page)), page).toBe(true);
      expect(readFileSync(join(installed, 'docs', page), 'utf8'), page).toBe(readFileSync(join(repositoryGuide, page), 'utf8'));
    }
    const { stdout: adminHelp } = await run(command, ['admin', 'check', '--help']);
    expect(adminHelp).toContain(`More: ${join(installed, 'docs', 'admin.md')}, "Checking the setup".`);
    // The package's own README points into docs/ too, at pages that are there.
    const readme = readFileSync(join(installed, 'README.md'), 'utf8');
    for (const [, page] of readme.matchAll(/docs\/([\w-]+\.md)/g)) expect(existsSync(join(installed, 'docs', page as string)), page).toBe(true);
  });

  it('installed globally, `punchcard-mcp serve --dev` answers /healthz and stops on SIGTERM with exit 0', async () => {
    const port = await freePort();
    const child = spawn(command, ['serve', '--dev', '--data', join(work, 'dev-data'), '--port', String(port)], {
      env: { PATH: process.env.PATH ?? '', HOME: work },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      await expect.poll(() => stderr, { timeout: 20_000 }).toMatch(/listening on/);
      const health = await fetch(`http://127.0.0.1:${port}/healthz`);
      expect(health.status).toBe(200);
      expect(await health.text()).toBe('ok\n');
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
  });
});
