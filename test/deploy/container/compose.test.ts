// deploy/compose.yaml started for real by the compose tools administrators use (compose.ts: Docker
// Compose v2 in CI, podman-compose here, and docker-compose 1.29 on podman when PUNCHCARD_COMPOSE names
// it), as docs/team-server/compose.md runs it: the secrets made with the guide's own commands, `up -d`,
// a person signs in through the proxy's port with their Kimai token (the fake Kimai, on this machine)
// and clocks in; the server keeps them in PostgreSQL, which it reaches through the socket on the shared
// volume and which asks for the password there, and the guide's backup command dumps it; `down` leaves
// no container (and no network), the volumes keep the data for the next `up`; `down --volumes` leaves
// nothing of the project; and the guide's upgrade step closes the socket of a database the earlier
// file made. Only what a test machine needs differs from the shipped files (compose.ts, composeFileFor).
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { textOf } from '../../support/engine.ts';
import { clientWithTokens } from '../../support/team-cluster.ts';
import { connectAs, type ConnectedClient, freePort, trackerSignIn } from '../../support/team-server.ts';
import { DEFAULT_USERS, type FakeKimai, type FakeUser, seedCatalog, startFakeKimai } from '../../mcp-server/providers/kimai/fake-kimai.ts';
import {
  buildStandIns,
  asTool,
  caddyfileForTest,
  type ComposeTool,
  composeFileFor,
  composeToolNames,
  containerOf,
  engine,
  execute,
  executeOk,
  FROM_REGISTRY,
  guideBlock,
  guideSecretCommands,
  openComposeTool,
  projectLeftovers,
  type Relay,
  serverConfigFor,
  shareImage,
  STAND_IN_IMAGES,
  startRelay,
} from './compose.ts';
import { buildImage, ensureBaseImage, IMAGE, recordMeasurement, waitForOk } from './podman.ts';

const ADA = DEFAULT_USERS[0] as FakeUser;
const TOOLS = composeToolNames();

beforeAll(async () => {
  ensureBaseImage();
  // Built every run: an image left from an earlier build would test an older bundle.
  await buildImage();
  if (!FROM_REGISTRY) recordMeasurement('compose stand-in images built (s)', Math.round((await buildStandIns()) * 10) / 10);
}, 1_800_000);

describe.each(TOOLS)('deploy/compose.yaml with %s', (toolName) => {
  const project = `punchcard-compose-${toolName}-${randomBytes(3).toString('hex')}`;
  let tool: ComposeTool;
  let work: string;
  let fake: FakeKimai;
  let origin: string;
  let proxyPort: number;
  let kimaiPort: number;
  let relay: Relay | undefined;
  let ada: ConnectedClient;

  /** The tool's own command line in the project's folder, as an administrator runs it there (`-p` keeps runs apart). */
  const compose = (args: readonly string[], timeoutMs = 600_000) =>
    executeOk(tool.command[0] as string, [...tool.command.slice(1), '-p', project, '-f', 'compose.yaml', ...args], { cwd: work, env: tool.env, timeoutMs });

  /**
   * podman runs health checks from systemd timers, and a machine without systemd never runs them,
   * so a service that waits for PostgreSQL to be healthy would wait for ever: run them as the timer
   * would, until `stop()`. Docker runs its own.
   */
  function runHealthChecks(): { stop(): Promise<void> } {
    if (tool.engine !== 'podman') return { stop: async () => {} };
    let running = true;
    const loop = (async () => {
      while (running) {
        const name = await containerOf(tool, project, 'postgres');
        if (name) await engine(tool, ['healthcheck', 'run', name]);
        await new Promise((wake) => setTimeout(wake, 1_000));
      }
    })();
    return {
      async stop() {
        running = false;
        await loop;
      },
    };
  }

  /** psql in PostgreSQL's container through its socket, with the password from the secret or without one. */
  async function psql(sql: string, withPassword: boolean) {
    const postgres = (await containerOf(tool, project, 'postgres')) as string;
    const password = withPassword ? 'PGPASSWORD=$(cat /run/secrets/database-password) ' : '';
    return execute(tool.engine, ['exec', postgres, 'sh', '-c', `${password}psql --no-password --username=punchcard --dbname=punchcard -Atc "${sql}"`], {
      env: tool.env,
    });
  }

  /** The project's containers with their state, and the server's last lines: what a failed start shows. */
  async function whatRuns(): Promise<string> {
    const states = await engine(tool, ['ps', '--all', '--format', '{{.Names}} {{.Status}}', '--filter', `label=com.docker.compose.project=${project}`]);
    const server = await containerOf(tool, project, 'server');
    const logs = server ? await engine(tool, ['logs', '--tail', '20', server]) : undefined;
    return `containers:\n${states.stdout}${states.stderr}${logs ? `server's log:\n${logs.stdout}${logs.stderr}` : 'no server container'}`;
  }

  /** `up -d` and the server ready through the proxy's port; the relay to the fake Kimai where the server's container finds the host. */
  async function up(): Promise<number> {
    const started = performance.now();
    const checks = runHealthChecks();
    try {
      await compose(['up', '-d']);
      await waitForOk(`${origin}/readyz`, 180_000).catch(async (error: unknown) => {
        throw new Error(`${String(error)}\n${await whatRuns()}`);
      });
    } finally {
      await checks.stop();
    }
    const ready = performance.now() - started;
    // The address the server's container has for host.containers.internal (its network's gateway on
    // podman, Docker's host gateway), asked inside it.
    const server = await containerOf(tool, project, 'server');
    const hosts = await executeOk(tool.engine, ['exec', server as string, 'getent', 'hosts', 'host.containers.internal'], { env: tool.env });
    const host = hosts.trim().split(/\s+/)[0] as string;
    if (relay?.host !== host) {
      await relay?.close();
      const target = new URL(fake.url);
      relay = await startRelay(host, kimaiPort, { host: target.hostname, port: Number(target.port) });
    }
    return ready;
  }

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'punchcard-compose-'));
    // The server's user (10001) reads the config through this folder.
    chmodSync(work, 0o755);
    tool = await openComposeTool(toolName, work);
    // A Kimai of its own for each tool: each run starts with nobody's timer running.
    fake = await startFakeKimai();
    seedCatalog(fake);
    await shareImage(tool, IMAGE);
    if (!FROM_REGISTRY) for (const { tag } of Object.values(STAND_IN_IMAGES)) await shareImage(tool, tag);
    proxyPort = await freePort();
    kimaiPort = await freePort();
    origin = `http://127.0.0.1:${proxyPort}`;
    writeFileSync(join(work, 'compose.yaml'), composeFileFor(tool, { serverImage: IMAGE, proxyPort }));
    mkdirSync(join(work, 'compose'));
    writeFileSync(join(work, 'compose', 'server.json'), serverConfigFor({ publicUrl: origin, kimaiUrl: `http://host.containers.internal:${kimaiPort}` }));
    writeFileSync(join(work, 'compose', 'Caddyfile'), caddyfileForTest());
    // The secrets as the guide makes them: its commands, run in the project's folder.
    await executeOk('bash', ['-euo', 'pipefail', '-c', guideSecretCommands()], { cwd: work });
  }, 1_800_000);

  afterAll(async () => {
    await ada?.close().catch(() => undefined);
    if (tool) {
      // Whatever happened above: nothing of this project stays on the machine.
      const left = await projectLeftovers(tool, project).catch(() => ({ containers: [], networks: [], volumes: [] }));
      if (left.containers.length > 0) await engine(tool, ['rm', '--force', ...left.containers]);
      if (left.networks.length > 0) await engine(tool, ['network', 'rm', ...left.networks]);
      if (left.volumes.length > 0) await engine(tool, ['volume', 'rm', '--force', ...left.volumes]);
      await tool.close();
    }
    await relay?.close();
    await fake?.close();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('up -d: PostgreSQL, the server and the proxy run, and the server answers ready through the proxy’s port', async () => {
    recordMeasurement(`compose (${toolName}): up -d to ready through the proxy (ms)`, Math.round(await up()));
    const { containers } = await projectLeftovers(tool, project);
    expect(containers).toHaveLength(3);
    // The server as the file runs it: read-only, its own user, and no network namespace of another's.
    const server = await containerOf(tool, project, 'server');
    const [inspected] = JSON.parse(await executeOk(tool.engine, ['inspect', server as string], { env: tool.env })) as Array<{
      Config: { User: string };
      HostConfig: { ReadonlyRootfs: boolean; NetworkMode: string };
    }>;
    expect(inspected?.HostConfig.ReadonlyRootfs).toBe(true);
    expect(inspected?.Config.User).toMatch(/^punchcard|^10001/);
    expect(inspected?.HostConfig.NetworkMode).not.toMatch(/^(container|service):/);
  }, 300_000);

  it('a person signs in through the proxy with their Kimai token and clocks in', async () => {
    ada = await connectAs({ origin, mcpUrl: `${origin}/mcp` }, { signIn: trackerSignIn(ADA.token) });
    const clockedIn = await ada.call('clock_in', { project: 'Website', activity: 'Design' });
    expect(clockedIn.isError, textOf(clockedIn)).toBeFalsy();
    expect(fake.state.timesheets.filter((sheet) => sheet.end === null && sheet.userId === ADA.id)).toHaveLength(1);
    const status = await ada.call('timer_status');
    expect(textOf(status)).toMatch(/Website/);
  });

  it('keeps the person in PostgreSQL, which listens on its socket only, asks for the password there too, and is backed up as the guide says', async () => {
    const people = await psql('SELECT count(*) FROM punchcard_people', true);
    expect(people.stdout.trim(), people.stderr).toBe('1');
    // Another container given the socket's volume gets no further without the password.
    const refused = await psql('SELECT 1', false);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/password/);
    // And nothing listens on TCP.
    const tcp = await psql("SELECT setting FROM pg_settings WHERE name = 'listen_addresses'", true);
    expect(tcp.code, tcp.stderr).toBe(0);
    expect(tcp.stdout.trim()).toBe('');
    // The guide's backup: Compose's exec, or podman's own where podman-compose 1.0.3 would mix its lines into the dump.
    const lines = guideBlock('pg_dump').split('\n');
    const backup =
      toolName === 'podman-compose'
        ? lines.find((line) => line.startsWith('podman exec '))?.replace('deploy_postgres_1', (await containerOf(tool, project, 'postgres')) as string)
        : asTool(lines.find((line) => line.startsWith('docker compose ')) as string, tool, project);
    await executeOk('bash', ['-euo', 'pipefail', '-c', backup as string], { cwd: work, env: tool.env });
    const dump = readFileSync(join(work, 'punchcard.dump'));
    // pg_dump's custom format, whole: its signature first, and the people's table in it.
    expect(dump.subarray(0, 5).toString()).toBe('PGDMP');
    expect(dump.includes('punchcard_people')).toBe(true);
  });

  it('down removes every container of the project and its network, and keeps the volumes', async () => {
    await ada.close();
    // podman-compose 1.0.3 does not read stop_grace_period: the guide gives the server its 30 s with -t.
    await compose(toolName === 'podman-compose' ? ['down', '-t', '30'] : ['down']);
    const left = await projectLeftovers(tool, project);
    expect(left.containers).toEqual([]);
    // podman-compose 1.0.3 leaves the project's network; the guide says to remove it (docs/team-server/compose.md).
    if (toolName === 'podman-compose') {
      for (const network of left.networks) await executeOk('podman', ['network', 'rm', network]);
      expect((await projectLeftovers(tool, project)).networks).toEqual([]);
    } else {
      expect(left.networks).toEqual([]);
    }
    expect(left.volumes.map((volume) => volume.slice(project.length + 1))).toEqual(['caddy', 'database', 'postgres-socket', 'state']);
  });

  it('up -d again on the kept volumes: the person is still signed in and their timer still runs', async () => {
    await up();
    const again = await clientWithTokens(`${origin}/mcp`, ada.oauth);
    const status = await again.call('timer_status');
    expect(status.isError, textOf(status)).toBeFalsy();
    expect(textOf(status)).toMatch(/Website/);
    await again.close();
  }, 300_000);

  /** `down --volumes`, and the network podman-compose 1.0.3 leaves removed as the guide says: then nothing of the project may be left. */
  async function downWithVolumes(): Promise<void> {
    await compose(['down', '--volumes']);
    const left = await projectLeftovers(tool, project);
    if (toolName === 'podman-compose') for (const network of left.networks) await executeOk('podman', ['network', 'rm', network]);
  }

  it('down --volumes leaves nothing of the project: no container, network or volume', async () => {
    await downWithVolumes();
    expect(await projectLeftovers(tool, project)).toEqual({ containers: [], networks: [], volumes: [] });
  });

  it('the guide’s upgrade step closes the socket of a database the earlier compose.yaml made, which let it in without a password', async () => {
    writeFileSync(join(work, 'compose.yaml'), composeFileFor(tool, { serverImage: IMAGE, proxyPort, earlierDatabase: true }));
    await compose(['up', '-d', 'postgres']);
    await expect.poll(async () => (await psql('SELECT 1', false)).stdout.trim(), { timeout: 60_000 }).toBe('1');
    // Now the shipped file again, and the guide's commands in order.
    writeFileSync(join(work, 'compose.yaml'), composeFileFor(tool, { serverImage: IMAGE, proxyPort }));
    const checks = runHealthChecks();
    try {
      for (const line of guideBlock('pg_hba.conf').split('\n').filter(Boolean)) {
        await executeOk('bash', ['-euo', 'pipefail', '-c', asTool(line, tool, project)], { cwd: work, env: tool.env, timeoutMs: 600_000 });
      }
      await waitForOk(`${origin}/readyz`, 180_000);
    } finally {
      await checks.stop();
    }
    const refused = await psql('SELECT 1', false);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/password/);
    expect((await psql('SELECT 1', true)).stdout.trim()).toBe('1');
    await downWithVolumes();
    expect(await projectLeftovers(tool, project)).toEqual({ containers: [], networks: [], volumes: [] });
  }, 300_000);
});
