// Metrics on an address other machines reach (team-server/metrics/metrics-exposure.ts) must be meant,
// and the guide shows how (docs/team-server/monitoring.md): its config is one the server takes and
// `admin check` passes, and its NetworkPolicy passes the Kubernetes schema, is the one the manifests
// ship (deploy/kubernetes/base/network-policy.yaml) and selects the pods of
// deploy/kubernetes/base/deployment.yaml, letting people reach their port and only monitoring the metrics.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { unmeantMetricsExposure } from '../../../team-server/metrics/metrics-exposure.ts';
import { serverConfigFromText } from '../../../team-server/config/server-config-file.ts';

const ROOT = join(import.meta.dirname, '../../..');
const guide = readFileSync(join(ROOT, 'docs/team-server/monitoring.md'), 'utf8');
const blocks = (language: string) => [...guide.matchAll(new RegExp(`\`\`\`${language}\\n([\\s\\S]*?)\`\`\``, 'g'))].map((match) => match[1] as string);

describe('unmeantMetricsExposure', () => {
  it.each([
    [undefined, false],
    [{ listen: '127.0.0.1:9464' }, false],
    [{ listen: '[::1]:9464' }, false],
    [{ listen: 'localhost:9464' }, false],
    [{ listen: '0.0.0.0:9464' }, true],
    [{ listen: '[::]:9464' }, true],
    [{ listen: '10.0.0.5:9464' }, true],
    [{ listen: '0.0.0.0:9464', public: true }, false],
    [{ listen: '0.0.0.0:9464', public: false }, true],
  ])('%j warns: %s', (metrics, warns) => {
    expect(unmeantMetricsExposure(metrics) !== undefined).toBe(warns);
  });
});

describe('the guide on metrics other machines reach', () => {
  it('shows a config the server takes, which then raises no warning', () => {
    const shown = blocks('json').find((block) => block.includes('"public": true')) as string;
    expect(shown).toBeDefined();
    const config = serverConfigFromText(
      JSON.stringify({
        public_url: 'https://punchcard.example.com',
        provider: { type: 'kimai', url: 'https://kimai.example.com' },
        sign_in: { tracker: true },
        store: 'sqlite:/var/lib/punchcard/server.db',
        key_env: 'PUNCHCARD_SERVER_KEY',
        ...(JSON.parse(shown) as object),
      }),
      'server.json',
    );
    expect(config.ok, config.ok ? '' : config.problem).toBe(true);
    if (config.ok) expect(unmeantMetricsExposure(config.config.metrics)).toBeUndefined();
  });

  it('shows a NetworkPolicy that passes the schema and keeps the metrics to the monitoring namespace on the deployment’s pods', () => {
    const policy = parse(blocks('yaml').find((block) => block.includes('kind: NetworkPolicy')) as string) as {
      spec: { podSelector: { matchLabels: Record<string, string> }; ingress: { from?: unknown[]; ports: { port: number }[] }[] };
    };
    expect(() => new NetworkPolicy(policy as never).validate()).not.toThrow();
    const shipped = parse(readFileSync(join(ROOT, 'deploy/kubernetes/base/network-policy.yaml'), 'utf8')) as { spec: unknown };
    expect(new NetworkPolicy(policy as never).spec).toEqual(new NetworkPolicy(shipped as never).spec);
    const deployment = parse(readFileSync(join(ROOT, 'deploy/kubernetes/base/deployment.yaml'), 'utf8')) as {
      spec: { template: { metadata: { labels: Record<string, string> } } };
    };
    expect(deployment.spec.template.metadata.labels).toMatchObject(policy.spec.podSelector.matchLabels);
    const people = policy.spec.ingress.find((rule) => rule.ports.some((port) => port.port === 8787));
    const metrics = policy.spec.ingress.find((rule) => rule.ports.some((port) => port.port === 9464));
    expect(people?.from).toBeUndefined();
    expect(metrics?.from).toEqual([{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } } }]);
  });
});
