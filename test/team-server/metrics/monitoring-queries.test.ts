// The queries an administrator is given (deploy/monitoring/: the Grafana dashboard and the alert rules)
// read series the team server really exposes: each query parsed by Prometheus' own PromQL grammar
// (@prometheus-io/lezer-promql), and every metric it names, and every label it matches on, found in the
// scrape of the BUILT server on PostgreSQL after a person signed in and called a tool, so a renamed
// series or a misspelt label fails here instead of leaving a panel empty or an alert silent.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parser } from '@prometheus-io/lezer-promql';
import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { textOf } from '../../support/engine.ts';
import { connectAs, freePort, removeTeamServerData, startTeamServer, type TeamServerHandle, trackerSignIn } from '../../support/team-server.ts';
import { clockStartingAt, DEFAULT_USERS, type FakeKimai, type FakeUser, seedCatalog, startFakeKimai } from '../../mcp-server/providers/kimai/fake-kimai.ts';

const ROOT = join(import.meta.dirname, '../../..');
const MONITORING = join(ROOT, 'deploy/monitoring');
const NOW = '2026-11-18T08:00:00+01:00';
const ADA = DEFAULT_USERS[0] as FakeUser;
/** Series Prometheus makes itself for each target, never in a scrape. */
const PROMETHEUS_OWN = new Set(['up']);
/** Labels Prometheus adds to every series of a target, never in a scrape. */
const TARGET_LABELS = new Set(['instance', 'job']);

interface Dashboard {
  schemaVersion: number;
  templating: { list: Array<{ name: string; type: string; query: unknown; datasource?: { uid: string } }> };
  panels: Array<{
    id: number;
    type: string;
    title: string;
    datasource?: { type: string; uid: string };
    gridPos: { x: number; y: number; w: number; h: number };
    targets?: Array<{ expr: string; datasource?: { type: string; uid: string } }>;
  }>;
}
const dashboard = JSON.parse(readFileSync(join(MONITORING, 'punchcard-dashboard.json'), 'utf8')) as Dashboard;
const queryPanels = dashboard.panels.filter((panel) => panel.type !== 'row');
const rules = (
  parse(readFileSync(join(MONITORING, 'punchcard.rules.yml'), 'utf8')) as { groups: Array<{ rules: Array<{ alert: string; expr: string }> }> }
).groups.flatMap((group) => group.rules);

/** A panel's query as Prometheus receives it: Grafana's own variables filled in. */
function asPrometheusGets(expr: string): string {
  return expr.replaceAll('$__rate_interval', '1m').replaceAll('$__range', '6h').replaceAll('$instance', '.*');
}

interface Selector {
  metric: string;
  labels: string[];
}
/** The series a query reads, from PromQL's syntax tree; throws where the query does not parse. */
function selectorsOf(query: string): Selector[] {
  const tree = parser.parse(query);
  const errors: number[] = [];
  const selectors: Selector[] = [];
  tree.iterate({
    enter(node) {
      if (node.type.isError) errors.push(node.from);
      if (node.name !== 'VectorSelector') return;
      const selector: Selector = { metric: '', labels: [] };
      const cursor = node.node.cursor();
      cursor.iterate((inner) => {
        if (inner.name === 'Identifier' && inner.node.parent?.name === 'VectorSelector') selector.metric = query.slice(inner.from, inner.to);
        if (inner.name === 'LabelName' && inner.node.parent?.name === 'UnquotedLabelMatcher') selector.labels.push(query.slice(inner.from, inner.to));
      });
      selectors.push(selector);
    },
  });
  if (errors.length > 0) throw new Error(`Does not parse as PromQL (at ${errors.join(', ')}): ${query}`);
  return selectors;
}

/**
 * Every series the scrape holds samples of, by the name Prometheus stores it under (a histogram's
 * _bucket, _sum and _count), with the labels on its samples. Read without the TYPE lines: the parser
 * then keeps each sample's labels, where it folds a histogram's label sets into one and drops them.
 */
function exposed(scrape: string): Map<string, Set<string>> {
  const untyped = scrape
    .split('\n')
    .filter((line) => !line.startsWith('# TYPE '))
    .join('\n');
  const names = new Map<string, Set<string>>();
  for (const family of parsePrometheusTextFormat(untyped)) {
    const labels = names.get(family.name) ?? new Set<string>();
    for (const sample of family.metrics) for (const label of Object.keys(sample.labels ?? {})) labels.add(label);
    if (family.metrics.length > 0) names.set(family.name, labels);
  }
  return names;
}

let fake: FakeKimai | undefined;
let server: TeamServerHandle | undefined;
let scraped: Map<string, Set<string>>;

beforeAll(async () => {
  fake = await startFakeKimai({ now: clockStartingAt(NOW) });
  seedCatalog(fake);
  const metricsPort = await freePort();
  server = await startTeamServer({
    built: true,
    store: 'postgres',
    provider: { type: 'kimai', url: fake.url },
    signIn: { tracker: true },
    env: { PUNCHCARD_NOW: NOW },
    config: { metrics: { listen: `127.0.0.1:${metricsPort}` } },
  });
  // A sign-in and a call fill the histograms of answers, tool calls, the tracker and the store.
  const ada = await connectAs(server, { era: 'modern', signIn: trackerSignIn(ADA.token) });
  expect(textOf(await ada.call('timer_status'))).toMatch(/^No timer running\./);
  await ada.close();
  const answer = await fetch(`http://127.0.0.1:${metricsPort}/metrics`);
  expect(answer.status).toBe(200);
  scraped = exposed(await answer.text());
}, 120_000);

afterAll(async () => {
  if (server) {
    await server.stop();
    removeTeamServerData(server);
  }
  await fake?.close();
});

/** Says what in `query` the server does not expose: unknown series, and labels no sample of the series has. */
function unknownIn(query: string): string[] {
  return selectorsOf(query).flatMap(({ metric, labels }) => {
    if (PROMETHEUS_OWN.has(metric)) return [];
    const known = scraped.get(metric);
    if (!known) return [`${metric} is not in the scrape`];
    return labels.filter((label) => !TARGET_LABELS.has(label) && !known.has(label)).map((label) => `${metric} has no label ${label}`);
  });
}

describe('deploy/monitoring/punchcard-dashboard.json', () => {
  it('is a Grafana dashboard of the current schema whose every query goes to the Prometheus the importer picks', () => {
    expect(dashboard.schemaVersion).toBe(41);
    const source = dashboard.templating.list.find((variable) => variable.name === 'DS_PROMETHEUS');
    expect(source).toMatchObject({ type: 'datasource', query: 'prometheus' });
    expect(queryPanels.length).toBeGreaterThanOrEqual(15);
    for (const panel of queryPanels) {
      expect(panel.datasource, panel.title).toEqual({ type: 'prometheus', uid: '${DS_PROMETHEUS}' });
      expect(panel.targets?.length, panel.title).toBeGreaterThanOrEqual(1);
      for (const target of panel.targets ?? []) expect(target.datasource, panel.title).toEqual(panel.datasource);
    }
    for (const variable of dashboard.templating.list.filter((each) => each.type === 'query')) expect(variable.datasource?.uid).toBe('${DS_PROMETHEUS}');
  });

  it('lays its panels out on the grid, each with an id of its own and none over another', () => {
    const ids = dashboard.panels.map((panel) => panel.id);
    expect(new Set(ids).size).toBe(ids.length);
    const cells = new Set<string>();
    for (const { title, gridPos } of dashboard.panels) {
      expect(gridPos.x + gridPos.w, title).toBeLessThanOrEqual(24);
      for (let x = gridPos.x; x < gridPos.x + gridPos.w; x++)
        for (let y = gridPos.y; y < gridPos.y + gridPos.h; y++) {
          expect(cells.has(`${x},${y}`), `${title} lies over another panel at ${x},${y}`).toBe(false);
          cells.add(`${x},${y}`);
        }
    }
  });

  it('the parser refuses a query that is not PromQL, and the check finds a series the server does not have (the checks work)', () => {
    expect(() => selectorsOf('sum(rate(punchcard_tool_calls_total[$__rate_interval]))')).toThrow(/Does not parse/);
    expect(unknownIn('sum by (outcome) (rate(punchcard_tool_call_total[1m]))')).toEqual(['punchcard_tool_call_total is not in the scrape']);
    expect(unknownIn('punchcard_tool_calls_total{outcom="done"}')).toEqual(['punchcard_tool_calls_total has no label outcom']);
    // A histogram's labels are read from its own samples.
    expect(unknownIn('punchcard_http_request_duration_seconds_bucket{route="/mcp", le="+Inf", instance="a"}')).toEqual([]);
    expect(unknownIn('punchcard_http_request_duration_seconds_count{rout="/mcp"}')).toEqual([
      'punchcard_http_request_duration_seconds_count has no label rout',
    ]);
  });

  it.each(queryPanels.flatMap((panel) => (panel.targets ?? []).map((target) => [panel.title, target.expr] as const)))(
    '%s: %s parses, and reads what the server exposes',
    (_title, expr) => {
      const query = asPrometheusGets(expr);
      expect(selectorsOf(query).length).toBeGreaterThanOrEqual(1);
      expect(unknownIn(query)).toEqual([]);
    },
  );

  it('its instance variable lists the instances from a series the server exposes', () => {
    const variable = dashboard.templating.list.find((each) => each.name === 'instance') as { query: { query: string } };
    const match = /^label_values\((\w+), instance\)$/.exec(variable.query.query);
    expect(scraped.has(match?.[1] as string)).toBe(true);
  });
});

describe('deploy/monitoring/punchcard.rules.yml', () => {
  it.each(rules.map((rule) => [rule.alert, rule.expr] as const))('%s reads what the server exposes', (_alert, expr) => {
    expect(unknownIn(expr)).toEqual([]);
  });
});
