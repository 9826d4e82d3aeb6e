// The team server's image as an administrator runs it (Containerfile, docs/team-server/container.md):
// built from the bundle, it says its version; served on a read-only root with its state on a volume
// and its key as a secret file, a person signs in through OAuth with their Kimai token (the fake
// Kimai, on this machine) and clocks in; `podman stop` ends it with exit 0; a new container on the
// same volume knows the person still; and nothing secret reaches `podman logs`.
import { randomBytes } from 'node:crypto';
import { chmodSync, chownSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEAM_SERVER_NODE_FLAGS } from '../../../team-server/node-flags.ts';
import { textOf } from '../../support/engine.ts';
import { clientWithTokens } from '../../support/team-cluster.ts';
import { connectAs, type ConnectedClient, freePort, TEST_SERVER_KEY, trackerSignIn } from '../../support/team-server.ts';
import { DEFAULT_USERS, type FakeKimai, type FakeUser, seedCatalog, startFakeKimai } from '../../mcp-server/providers/kimai/fake-kimai.ts';
import { APP_VERSION, BASE_IMAGE, buildImage, ensureBaseImage, IMAGE, imageSize, podman, podmanOk, recordMeasurement, ROOT, waitForOk } from './podman.ts';

const ADA = DEFAULT_USERS[0] as FakeUser;
const REGISTRY_NAME = (JSON.parse(readFileSync(join(ROOT, 'server.json'), 'utf8')) as { name: string }).name;
const run = randomBytes(4).toString('hex');
const NAME = `punchcard-image-test-${run}`;
const VOLUME = `punchcard-image-test-${run}`;

let fake: FakeKimai;
let work: string;
let port: number;
let origin: string;

beforeAll(async () => {
  const baseSeconds = ensureBaseImage();
  if (baseSeconds !== null) recordMeasurement('base images made (s)', Math.round(baseSeconds));
  recordMeasurement('image build (s)', Math.round((await buildImage()) * 10) / 10);
  fake = await startFakeKimai();
  seedCatalog(fake);
  work = mkdtempSync(join(tmpdir(), 'punchcard-image-test-'));
  // The container's user (10001) reads the config through this folder.
  chmodSync(work, 0o755);
  port = await freePort();
  origin = `http://127.0.0.1:${port}`;
  writeFileSync(
    join(work, 'server.json'),
    JSON.stringify({
      public_url: origin,
      listen: `127.0.0.1:${port}`,
      provider: { type: 'kimai', url: fake.url },
      sign_in: { tracker: true },
      store: 'sqlite:/var/lib/punchcard/server.db',
      key_env: 'PUNCHCARD_SERVER_KEY',
    }),
    { mode: 0o644 },
  );
  await podmanOk(['volume', 'create', VOLUME]);
  // The key as a mounted secret is: a file only the container's user reads, in a folder of its own.
  // (podman 4.3's --secret cannot mount onto a read-only root.)
  mkdirSync(join(work, 'secrets'), { mode: 0o700 });
  writeFileSync(join(work, 'secrets', 'server-key'), `${TEST_SERVER_KEY}\n`, { mode: 0o400 });
  for (const path of [join(work, 'secrets'), join(work, 'secrets', 'server-key')]) chownSync(path, 10001, 10001);
}, 900_000);

afterAll(async () => {
  await podman(['rm', '--force', '--time', '0', NAME]);
  await podman(['volume', 'rm', '--force', VOLUME]);
  await fake?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

/** The server in a container as the docs run it: read-only, the volume, the config and the key as files. */
async function startContainer(): Promise<number> {
  const started = performance.now();
  await podmanOk([
    'run',
    '--detach',
    '--name',
    NAME,
    // The fake Kimai listens on this machine's loopback, where the test also reaches the server.
    '--network',
    'host',
    '--read-only',
    '--volume',
    `${VOLUME}:/var/lib/punchcard`,
    '--volume',
    `${join(work, 'server.json')}:/etc/punchcard/server.json:ro`,
    '--volume',
    `${join(work, 'secrets')}:/run/secrets/punchcard:ro`,
    '--env',
    'PUNCHCARD_SERVER_KEY_FILE=/run/secrets/punchcard/server-key',
    '--env',
    `PUNCHCARD_HEALTHCHECK_URL=${origin}/healthz`,
    IMAGE,
  ]);
  await waitForOk(`${origin}/readyz`);
  return performance.now() - started;
}

/** A process's command line as /proc/PID/cmdline holds it: each argument ended by a NUL. */
function commandLine(cmdline: string): string[] {
  return cmdline.split('\0').slice(0, -1);
}

/** `podman stop` (SIGTERM, up to 30 s): the exit code the container ended with and the seconds it took. */
async function stopContainer(): Promise<{ exitCode: number; seconds: number }> {
  const started = performance.now();
  await podmanOk(['stop', '--time', '30', NAME]);
  const seconds = (performance.now() - started) / 1000;
  const exitCode = Number((await podmanOk(['inspect', NAME, '--format', '{{.State.ExitCode}}'])).trim());
  return { exitCode, seconds };
}

describe('the team server image', () => {
  it('holds the bundle on the base, as a user that is not root, with its volume, health check and labels', async () => {
    const [config] = JSON.parse(await podmanOk(['image', 'inspect', IMAGE])) as Array<{
      Config: { User: string; Volumes: Record<string, unknown>; Labels: Record<string, string>; Entrypoint: string[]; Cmd: string[] };
      Healthcheck?: { Test: string[] };
    }>;
    expect(config?.Config.User).toBe('punchcard:punchcard');
    expect(Object.keys(config?.Config.Volumes ?? {})).toEqual(['/var/lib/punchcard']);
    expect(config?.Config.Labels).toMatchObject({
      'org.opencontainers.image.version': APP_VERSION,
      'org.opencontainers.image.licenses': 'MIT',
      'org.opencontainers.image.source': 'https://example.com/punchcard',
      // The MCP Registry takes the image only under the name server.json gives it (scripts/mcp-registry.ts).
      'io.modelcontextprotocol.server.name': REGISTRY_NAME,
    });
    expect(config?.Healthcheck?.Test.join(' ')).toMatch(/PUNCHCARD_HEALTHCHECK_URL/);
    expect(config?.Config.Entrypoint).toEqual(['node', ...TEAM_SERVER_NODE_FLAGS, '/opt/punchcard/punchcard-mcp.mjs']);
    expect(config?.Config.Cmd).toEqual(['serve', '--config', '/etc/punchcard/server.json']);
    const added = (await imageSize(IMAGE)) - (await imageSize(BASE_IMAGE));
    recordMeasurement('image size added over the base (MB)', Math.round(added / 1e5) / 10);
    // The bundle without source maps is about 6 MB; no dev dependency or node_modules came along.
    expect(added).toBeLessThan(15e6);
    const listing = await podmanOk([
      'run',
      '--rm',
      '--read-only',
      '--entrypoint',
      'sh',
      IMAGE,
      '-c',
      'ls /opt/punchcard /opt/punchcard/chunks; test ! -e /opt/punchcard/node_modules && echo no-node-modules',
    ]);
    expect(listing).toContain('no-node-modules');
    expect(listing).not.toMatch(/\.map\b/);
  });

  it('IMAGE --version says the version on a read-only root', async () => {
    const answer = await podman(['run', '--rm', '--read-only', IMAGE, '--version']);
    expect(answer.code).toBe(0);
    expect(answer.stdout).toBe(`punchcard-mcp ${APP_VERSION}\n`);
  });

  it('refuses a missing config in words: IMAGE with nothing mounted at /etc/punchcard/server.json', async () => {
    const answer = await podman(['run', '--rm', '--read-only', IMAGE]);
    expect(answer.code).toBe(1);
    expect(answer.stderr).toMatch(/\/etc\/punchcard\/server\.json/);
  });

  describe('served read-only with a volume', () => {
    let ada: ConnectedClient;

    it('becomes ready, passes its health check, and a person signs in with their Kimai token and clocks in', async () => {
      recordMeasurement('container ready, run to /readyz (ms)', Math.round(await startContainer()));
      expect((await podman(['healthcheck', 'run', NAME])).code).toBe(0);
      ada = await connectAs({ origin, mcpUrl: `${origin}/mcp` }, { signIn: trackerSignIn(ADA.token) });
      const clockedIn = await ada.call('clock_in', { project: 'Website', activity: 'Design' });
      expect(clockedIn.isError, textOf(clockedIn)).toBeFalsy();
      expect(fake.state.timesheets.filter((sheet) => sheet.end === null && sheet.userId === ADA.id)).toHaveLength(1);
      // The root file system is read-only for the server's user, and the state is the volume's.
      expect((await podman(['exec', NAME, 'touch', '/opt/punchcard/written'])).code).not.toBe(0);
      expect(await podmanOk(['exec', NAME, 'ls', '/var/lib/punchcard'])).toMatch(/server\.db/);
      // Process 1 is node, started by the entry point with the team server's flags (team-server/node-flags.ts).
      expect(commandLine(await podmanOk(['exec', NAME, 'cat', '/proc/1/cmdline']))).toEqual([
        'node',
        ...TEAM_SERVER_NODE_FLAGS,
        '/opt/punchcard/punchcard-mcp.mjs',
        'serve',
        '--config',
        '/etc/punchcard/server.json',
      ]);
    });

    it('on podman stop (SIGTERM) finishes the call in flight, then exits with 0', async () => {
      // Kimai takes two seconds over the running timer; the stop comes while the server waits for it.
      const asked = () => fake.requests.filter((request) => request.path === '/api/timesheets/active').length;
      const before = asked();
      fake.failNext({ path: '/api/timesheets/active' }, { status: 200, body: [], delayMs: 2_000 });
      const inFlight = ada.call('timer_status');
      await expect.poll(asked).toBeGreaterThan(before);
      const stopped = await stopContainer();
      const result = await inFlight;
      expect(result.isError, textOf(result)).toBeFalsy();
      expect(textOf(result)).toMatch(/^No timer running\./);
      recordMeasurement('podman stop with a call in flight (s)', Math.round(stopped.seconds * 10) / 10);
      expect(stopped.exitCode).toBe(0);
      // Well within the 30 s a container is given, although the client's standing stream (GET /mcp)
      // was still open: the server waits for calls, not for that (it once waited its full 25 s).
      expect(stopped.seconds).toBeLessThan(15);
      expect((await podman(['logs', NAME])).stderr).toMatch(/SIGTERM: finishing the calls in flight/);
      await ada.close().catch(() => undefined);
    });

    it('a new container on the same volume keeps the person signed in, the timer still running', async () => {
      await podmanOk(['rm', NAME]);
      await startContainer();
      const again = await clientWithTokens(`${origin}/mcp`, ada.oauth);
      const status = await again.call('timer_status');
      expect(status.isError, textOf(status)).toBeFalsy();
      expect(textOf(status)).toMatch(/Website/);
      await again.close();
      const stopped = await stopContainer();
      recordMeasurement('podman stop, idle (s)', Math.round(stopped.seconds * 10) / 10);
      expect(stopped.exitCode).toBe(0);
    });

    it("started with an entry point of the administrator's without the flags, process 1 starts itself again with them, and stops on SIGTERM with 0", async () => {
      const name = `${NAME}-node`;
      try {
        await podmanOk([
          'run',
          '--detach',
          '--name',
          name,
          '--network',
          'host',
          '--read-only',
          '--volume',
          `${VOLUME}:/var/lib/punchcard`,
          '--volume',
          `${join(work, 'server.json')}:/etc/punchcard/server.json:ro`,
          '--volume',
          `${join(work, 'secrets')}:/run/secrets/punchcard:ro`,
          '--env',
          'PUNCHCARD_SERVER_KEY_FILE=/run/secrets/punchcard/server-key',
          '--entrypoint',
          'node',
          IMAGE,
          '/opt/punchcard/punchcard-mcp.mjs',
          'serve',
          '--config',
          '/etc/punchcard/server.json',
        ]);
        await waitForOk(`${origin}/readyz`);
        expect(commandLine(await podmanOk(['exec', name, 'cat', '/proc/1/cmdline']))).toEqual([
          '/usr/local/bin/node',
          ...TEAM_SERVER_NODE_FLAGS,
          '/opt/punchcard/punchcard-mcp.mjs',
          'serve',
          '--config',
          '/etc/punchcard/server.json',
        ]);
        await podmanOk(['stop', '--time', '30', name]);
        expect(Number((await podmanOk(['inspect', name, '--format', '{{.State.ExitCode}}'])).trim())).toBe(0);
        expect((await podman(['logs', name])).stderr).toMatch(/SIGTERM: finishing the calls in flight/);
      } finally {
        await podman(['rm', '--force', '--time', '0', name]);
      }
    });

    it('wrote nothing secret to podman logs: not the server key, the Kimai token nor the person’s tokens', async () => {
      const logs = await podman(['logs', NAME]);
      const text = `${logs.stdout}${logs.stderr}`;
      expect(text).toMatch(/listening on/);
      const tokens = ada.oauth.tokens();
      for (const secret of [TEST_SERVER_KEY, ADA.token, tokens?.access_token, tokens?.refresh_token]) {
        expect(secret).toBeTruthy();
        expect(text).not.toContain(secret as string);
      }
    });
  });
});
