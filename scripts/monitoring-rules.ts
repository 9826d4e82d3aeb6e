// deploy/monitoring/prometheus-rule.yaml, the Prometheus Operator's PrometheusRule, made from the alert
// rules Prometheus loads (deploy/monitoring/punchcard.rules.yml), so the two never say different things:
//   node scripts/monitoring-rules.ts           writes it
//   node scripts/monitoring-rules.ts --check   says whether the committed file is what it would write
// test/deploy/manifests.test.ts fails when it is not.
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse, stringify } from 'yaml';

const ROOT = resolve(import.meta.dirname, '..');
export const RULES_FILE = join(ROOT, 'deploy/monitoring/punchcard.rules.yml');
export const PROMETHEUS_RULE_FILE = join(ROOT, 'deploy/monitoring/prometheus-rule.yaml');

const HEADER = `# The team server's alert rules for the Prometheus Operator (docs/team-server/monitoring.md), made from
# punchcard.rules.yml by \`node scripts/monitoring-rules.ts\`: change the rules there and run it again.
#   kubectl apply -n NAMESPACE -f deploy/monitoring/prometheus-rule.yaml
# The Prometheus resource picks rules by its ruleSelector: add the labels it asks for (a chart's
# \`release\` label) to metadata.labels below.
`;

/** The PrometheusRule holding the groups of `rulesText` (a Prometheus rule file) unchanged. */
export function prometheusRule(rulesText: string): string {
  const rules = parse(rulesText) as { groups?: unknown };
  if (!Array.isArray(rules.groups)) throw new Error('The rule file has no list of groups.');
  const resource = {
    apiVersion: 'monitoring.coreos.com/v1',
    kind: 'PrometheusRule',
    metadata: { name: 'punchcard-server', labels: { 'app.kubernetes.io/name': 'punchcard-server' } },
    spec: { groups: rules.groups },
  };
  return HEADER + stringify(resource, { lineWidth: 0 });
}

if (import.meta.main) {
  const made = prometheusRule(readFileSync(RULES_FILE, 'utf8'));
  if (process.argv.includes('--check')) {
    const committed = readFileSync(PROMETHEUS_RULE_FILE, 'utf8');
    if (committed !== made) {
      console.error('deploy/monitoring/prometheus-rule.yaml is not made from punchcard.rules.yml: run node scripts/monitoring-rules.ts.');
      process.exit(1);
    }
    console.log('deploy/monitoring/prometheus-rule.yaml is up to date.');
  } else {
    writeFileSync(PROMETHEUS_RULE_FILE, made);
    console.log('Wrote deploy/monitoring/prometheus-rule.yaml.');
  }
}
