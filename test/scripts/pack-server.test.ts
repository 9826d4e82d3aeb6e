// The team server's package as an administrator installs it (scripts/pack-server.ts): packed from the
// team server's build (dist/team-server/), installed with `npm install -g` into a prefix of its own with nothing fetched, it
// gives `punchcard-mcp`, which says its version and serves a development server to /healthz. It
// holds no dependency and no source map. Needs the build (`npm test` builds).
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packServer } from '../../scripts/pack-server.ts';
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

  it('installed globally, `punchcard-mcp --version` names the version', async () => {
    const { stderr } = await run(command, ['--version'], { env: { PATH: `${join(prefix, 'bin')}:${process.env.PATH ?? ''}` } });
    expect(stderr.trim()).toBe(`punchcard-mcp ${APP.version}`);
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
