// deploy/kubernetes/overlays/postgres run by `podman kube play`: the Deployment's pod template and its
// ConfigMap as `kubectl kustomize` renders them, started as two replicas on one PostgreSQL (an image
// made from Debian's `postgresql` package, postgres/Containerfile); a person signs in through one
// replica and goes on through the other, and each replica's metrics say it is ready. What a single
// machine needs differs from a cluster, and only that is changed here: the pods share the host's
// network (so each replica gets ports of its own, through a ConfigMap of its own, and reaches the fake
// Kimai and the test on loopback), the image is the one just built, and the Secret's files come from a
// folder (hostPath), because podman 4.3's kube play does not decode a Secret's values into its volume.
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAllDocuments, stringify } from 'yaml';
import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import { textOf } from '../../support/engine.ts';
import { type LoadBalancer, startLoadBalancer } from '../../support/load-balancer.ts';
import { clientWithTokens } from '../../support/team-cluster.ts';
import { connectAs, freePort, TEST_SERVER_KEY, trackerSignIn } from '../../support/team-server.ts';
import { runTool } from '../../support/system-tool.ts';
import { DEFAULT_USERS, type FakeKimai, type FakeUser, seedCatalog, startFakeKimai } from '../../mcp-server/providers/kimai/fake-kimai.ts';
import { buildImage, ensureBaseImage, IMAGE, podman, podmanOk, recordMeasurement, ROOT, waitForOk } from './podman.ts';

const ADA = DEFAULT_USERS[0] as FakeUser;
const POSTGRES_IMAGE = 'localhost/punchcard-test-postgres:bookworm';
const run = randomBytes(4).toString('hex');
const PASSWORD = randomBytes(18).toString('base64url');

type Manifest = Record<string, unknown> & { kind: string; metadata: { name: string } };
type Container = {
  image: string;
  ports?: unknown[];
  readinessProbe: { httpGet: { port: number | string } };
  livenessProbe: { httpGet: { port: number | string } };
};

let fake: FakeKimai;
let balancer: LoadBalancer;
let work: string;
let playFile: string;
let replicaUrls: string[];
let metricsUrls: string[];

let overlay: Manifest[] | undefined;
/** The shipped manifest of `kind`, as `kubectl kustomize deploy/kubernetes/overlays/postgres` renders it. */
function shipped(kind: string): Manifest {
  if (!overlay) {
    const run = runTool('kubectl', ['kustomize', join(ROOT, 'deploy/kubernetes/overlays/postgres')], 'kubernetes-client');
    if (run.status !== 0) throw new Error(`kubectl kustomize failed: ${run.stderr}`);
    overlay = parseAllDocuments(run.stdout).map((document) => document.toJS() as Manifest);
  }
  const manifest = overlay.find((candidate) => candidate.kind === kind);
  if (!manifest) throw new Error(`The PostgreSQL overlay renders no ${kind}.`);
  return manifest;
}

/** The files podman plays: PostgreSQL, then per replica the shipped ConfigMap and Deployment with this machine's addresses. */
function playManifests(options: { postgresPort: number; replicaPorts: number[]; metricsPorts: number[]; publicUrl: string; secrets: string }): string {
  const postgres = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: `punchcard-postgres-${run}` },
    spec: {
      hostNetwork: true,
      containers: [
        {
          name: 'postgres',
          image: POSTGRES_IMAGE,
          env: [
            { name: 'PGPORT', value: String(options.postgresPort) },
            { name: 'POSTGRES_PASSWORD_FILE', value: '/run/secrets/punchcard/database-password' },
          ],
          volumeMounts: [{ name: 'secrets', mountPath: '/run/secrets/punchcard', readOnly: true }],
        },
      ],
      volumes: [{ name: 'secrets', hostPath: { path: options.secrets, type: 'Directory' } }],
    },
  };
  const documents: unknown[] = [postgres];
  options.replicaPorts.forEach((port, index) => {
    const name = `punchcard-server-${run}-${index}`;
    const configMap = structuredClone(shipped('ConfigMap')) as Manifest & { data: Record<string, string> };
    const config = JSON.parse(configMap.data['server.json'] as string) as Record<string, unknown>;
    configMap.metadata.name = name;
    configMap.data['server.json'] = JSON.stringify({
      ...config,
      public_url: options.publicUrl,
      listen: `127.0.0.1:${port}`,
      provider: { type: 'kimai', url: fake.url },
      store: `postgres://punchcard@127.0.0.1:${options.postgresPort}/punchcard`,
      // The database is on this machine's loopback, where the server accepts it unencrypted.
      postgres: { ...(config.postgres as object), tls: 'disable' },
      trusted_proxies: [],
      metrics: { ...(config.metrics as object), listen: `127.0.0.1:${options.metricsPorts[index]}` },
    });
    const deployment = structuredClone(shipped('Deployment')) as Manifest & {
      spec: {
        replicas: number;
        template: { spec: { hostNetwork?: boolean; containers: Array<Container>; volumes: Array<Record<string, unknown> & { name: string }> } };
      };
    };
    deployment.metadata.name = name;
    deployment.spec.replicas = 1;
    const pod = deployment.spec.template.spec;
    pod.hostNetwork = true;
    const container = pod.containers[0] as Container;
    container.image = IMAGE;
    // On the host's network a pod maps no ports (podman refuses them there), so the probes name the
    // replica's port by number instead of the port's name.
    delete container.ports;
    for (const probe of [container.readinessProbe, container.livenessProbe]) probe.httpGet.port = port;
    pod.volumes = pod.volumes.map((volume) =>
      volume.name === 'config'
        ? { name: 'config', configMap: { name } }
        : volume.name === 'secrets'
          ? { name: 'secrets', hostPath: { path: options.secrets, type: 'Directory' } }
          : volume,
    );
    documents.push(configMap, deployment);
  });
  return documents.map((document) => stringify(document)).join('---\n');
}

/** Waits until PostgreSQL takes the password. */
async function waitForPostgres(port: number): Promise<void> {
  const started = performance.now();
  for (;;) {
    const client = new pg.Client({ host: '127.0.0.1', port, user: 'punchcard', password: PASSWORD, database: 'punchcard' });
    try {
      await client.connect();
      await client.end();
      return;
    } catch (error) {
      await client.end().catch(() => undefined);
      if (performance.now() - started > 60_000) throw new Error('PostgreSQL did not take connections within a minute.', { cause: error });
      await new Promise((wake) => setTimeout(wake, 250));
    }
  }
}

beforeAll(async () => {
  ensureBaseImage();
  if ((await podman(['image', 'exists', IMAGE])).code !== 0) await buildImage();
  if ((await podman(['image', 'exists', POSTGRES_IMAGE])).code !== 0) {
    const started = performance.now();
    await podmanOk(['build', '--pull=never', '--tag', POSTGRES_IMAGE, join(import.meta.dirname, 'postgres')], { timeoutMs: 900_000 });
    recordMeasurement('PostgreSQL image made (s)', Math.round((performance.now() - started) / 1000));
  }
  fake = await startFakeKimai();
  seedCatalog(fake);
  balancer = await startLoadBalancer([]);
  work = mkdtempSync(join(tmpdir(), 'punchcard-kube-play-'));
  chmodSync(work, 0o755);
  // Read by the server's user (10001) and by PostgreSQL's: a test folder, gone afterwards.
  const secrets = join(work, 'secrets');
  mkdirSync(secrets, { mode: 0o755 });
  writeFileSync(join(secrets, 'server-key'), `${TEST_SERVER_KEY}\n`, { mode: 0o644 });
  writeFileSync(join(secrets, 'database-password'), `${PASSWORD}\n`, { mode: 0o644 });
  const postgresPort = await freePort();
  const replicaPorts = [await freePort(), await freePort()];
  const metricsPorts = [await freePort(), await freePort()];
  replicaUrls = replicaPorts.map((port) => `http://127.0.0.1:${port}`);
  metricsUrls = metricsPorts.map((port) => `http://127.0.0.1:${port}/metrics`);
  playFile = join(work, 'play.yaml');
  writeFileSync(playFile, playManifests({ postgresPort, replicaPorts, metricsPorts, publicUrl: balancer.origin, secrets }));
  const started = performance.now();
  await podmanOk(['kube', 'play', playFile], { timeoutMs: 300_000 });
  await waitForPostgres(postgresPort);
  // A replica that found the database not yet up exits, and its Deployment's pod starts it again.
  await Promise.all(replicaUrls.map((url) => waitForOk(`${url}/readyz`, 120_000)));
  recordMeasurement('kube play: PostgreSQL and two replicas ready (ms)', Math.round(performance.now() - started));
}, 1_800_000);

afterAll(async () => {
  if (playFile) await podman(['kube', 'down', playFile]);
  // kube down stops at the first pod that never started; every pod of this run goes, whatever happened.
  const left = (await podman(['pod', 'ps', '--quiet', '--filter', `name=${run}`])).stdout.split('\n').filter(Boolean);
  if (left.length > 0) await podman(['pod', 'rm', '--force', ...left]);
  // podman keeps each ConfigMap as a volume of that name, which kube down leaves behind.
  const volumes = (await podman(['volume', 'ls', '--quiet', '--filter', `name=${run}`])).stdout.split('\n').filter(Boolean);
  if (volumes.length > 0) await podman(['volume', 'rm', '--force', ...volumes]);
  await balancer?.close();
  await fake?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('deploy/kubernetes with podman kube play', () => {
  it('runs the Deployment’s pods with the shipped container settings', async () => {
    const names = (await podmanOk(['ps', '--format', '{{.Names}}'])).split('\n').filter((name) => name.includes(`punchcard-server-${run}`));
    expect(names).toHaveLength(2);
    for (const name of names) {
      const [container] = JSON.parse(await podmanOk(['inspect', name])) as Array<{
        Config: { User: string };
        HostConfig: { ReadonlyRootfs: boolean; CapDrop: string[] };
      }>;
      expect(container?.HostConfig.ReadonlyRootfs).toBe(true);
      expect(container?.Config.User).toMatch(/^10001/);
    }
  });

  it('serves each replica’s metrics where its config says, ready and counting the store’s requests', async () => {
    for (const url of metricsUrls) {
      const answer = await fetch(url);
      expect(answer.status).toBe(200);
      const families = parsePrometheusTextFormat(await answer.text());
      expect(families.find((family) => family.name === 'punchcard_ready')?.metrics[0]?.value).toBe('1');
      expect(families.find((family) => family.name === 'punchcard_store_request_duration_seconds')?.type).toBe('HISTOGRAM');
    }
  });

  it('a person signs in through one replica and goes on through the other', async () => {
    const [first, second] = replicaUrls as [string, string];
    balancer.targets.splice(0, balancer.targets.length, first);
    const ada = await connectAs({ origin: balancer.origin, mcpUrl: `${balancer.origin}/mcp` }, { signIn: trackerSignIn(ADA.token) });
    const clockedIn = await ada.call('clock_in', { project: 'Website', activity: 'Design' });
    expect(clockedIn.isError, textOf(clockedIn)).toBeFalsy();
    await ada.close();
    expect(balancer.handed.get(new URL(second).origin) ?? 0).toBe(0);
    // Now only the other replica: the same tokens, the same person, the timer they started.
    balancer.targets.splice(0, balancer.targets.length, second);
    const again = await clientWithTokens(`${balancer.origin}/mcp`, ada.oauth);
    const status = await again.call('timer_status');
    expect(status.isError, textOf(status)).toBeFalsy();
    expect(textOf(status)).toMatch(/Website/);
    await again.close();
    expect(balancer.handed.get(new URL(second).origin)).toBeGreaterThan(0);
  });
});
