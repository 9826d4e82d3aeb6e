// What the team server's metrics cost (metrics/, docs/team-server/monitoring.md), for `npm run bench`:
// - per update: one HTTP answer and one tool call counted (a counter and a histogram each), in this
//   process on the real prom-client registry, against the same calls on NO_METRICS (metrics off);
// - a scrape: its size and time with every tool, outcome, route and status seen (the most series the
//   labels allow), in this process;
// - the built server: a scrape's size and time at Prometheus' side after people signed in and called
//   tools, with the metrics listener on, and a request's time with metrics on and off.
// `node test/bench/team-metrics.ts` runs it alone.
import './product-pace.ts';
import { prometheusMetrics } from '../../team-server/metrics/prometheus-metrics.ts';
import { ROUTE_LABELS } from '../../team-server/metrics/route-labels.ts';
import { NO_METRICS, type TeamMetrics } from '../../team-server/metrics/team-metrics.ts';
import { TOOL_NAMES } from '../../mcp-server/contract/tool-catalog.ts';
import { connectAs, freePort, removeTeamServerData, startTeamServer } from '../support/team-server.ts';
import { percentile } from './stats.ts';

const UPDATES = 200_000;
const SCRAPES = 40;
const PEOPLE = 5;
/** Every route label there is: the most series the label allows. */
const ROUTES = ROUTE_LABELS;
const STATUSES = [200, 202, 303, 400, 401, 403, 404, 429, 500, 503];
const OUTCOMES = ['done', 'refused', 'failed', 'asked', 'stopped'] as const;

export interface TeamMetricsBenchResults {
  perUpdateNs: { on: number; off: number };
  fullScrape: { series: number; bytes: number; medianMs: number; p99Ms: number };
  builtServer: { bytes: number; medianMs: number; requestMedianMs: { metricsOn: number; metricsOff: number } };
}

type Row = (benchmark: string, result: string) => void;

export async function teamMetricsBenchmarks(row: Row, progress: (text: string) => void): Promise<TeamMetricsBenchResults> {
  progress('team metrics: per-update cost and a full scrape, in process');
  const gauges = {
    ready: () => Promise.resolve(true),
    enginesOpen: () => 100,
    storePool: () => ({ total: 10, idle: 7, waiting: 0 }),
    keptWritesWaiting: () => 0,
    auditRecordsWaiting: () => ({ spooled: 0, inMemory: 0 }),
  };
  const on = prometheusMetrics(gauges);
  const perUpdateNs = { on: updateCost(on), off: updateCost(NO_METRICS) };
  row('team metrics: one request and one tool call counted (metrics on / off)', `${perUpdateNs.on.toFixed(0)} ns / ${perUpdateNs.off.toFixed(0)} ns`);

  for (const route of ROUTES) for (const status of STATUSES) on.httpRequest(route, status, 0.01);
  for (const tool of TOOL_NAMES) for (const outcome of OUTCOMES) on.toolCall(tool, outcome, 0.05);
  for (const status of [...STATUSES, 'failed' as const]) on.backEndRequest('kimai', status, 0.02);
  const scraped = await timeScrapes(async () => (await on.scrape()).body);
  const series = scraped.body.split('\n').filter((line) => line !== '' && !line.startsWith('#')).length;
  const fullScrape = { series, bytes: scraped.body.length, medianMs: scraped.medianMs, p99Ms: scraped.p99Ms };
  row(
    'team metrics: a scrape with every label seen (series, size, median / p99)',
    `${series} series, ${(fullScrape.bytes / 1024).toFixed(0)} kB, ${fullScrape.medianMs.toFixed(2)} / ${fullScrape.p99Ms.toFixed(2)} ms`,
  );

  progress('team metrics: the built server, scraped after people called tools');
  const metricsPort = await freePort();
  const withMetrics = await startTeamServer({ built: true, config: { metrics: { listen: `127.0.0.1:${metricsPort}` } } });
  const without = await startTeamServer({ built: true });
  try {
    const requestMedianMs = { metricsOn: await requestTime(withMetrics), metricsOff: await requestTime(without) };
    const served = await timeScrapes(async () => (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text());
    const builtServer = { bytes: served.body.length, medianMs: served.medianMs, requestMedianMs };
    row(
      'team metrics: the built server scraped over HTTP (size, median)',
      `${(builtServer.bytes / 1024).toFixed(0)} kB, ${builtServer.medianMs.toFixed(2)} ms`,
    );
    row(
      'team metrics: a tool call at the client, metrics on / off (median)',
      `${requestMedianMs.metricsOn.toFixed(2)} / ${requestMedianMs.metricsOff.toFixed(2)} ms`,
    );
    return { perUpdateNs, fullScrape, builtServer };
  } finally {
    for (const server of [withMetrics, without]) {
      await server.stop();
      removeTeamServerData(server);
    }
  }
}

/** Nanoseconds for one HTTP answer and one tool call counted. */
function updateCost(metrics: TeamMetrics): number {
  const tools = TOOL_NAMES.slice(0, 8);
  for (let warm = 0; warm < 10_000; warm++) metrics.httpRequest('/mcp', 200, 0.003);
  const started = process.hrtime.bigint();
  for (let update = 0; update < UPDATES; update++) {
    metrics.httpRequest('/mcp', 200, 0.003);
    metrics.toolCall(tools[update % tools.length] as string, 'done', 0.004);
  }
  return Number(process.hrtime.bigint() - started) / UPDATES;
}

async function timeScrapes(scrape: () => Promise<string>): Promise<{ body: string; medianMs: number; p99Ms: number }> {
  let body = await scrape();
  const times: number[] = [];
  for (let round = 0; round < SCRAPES; round++) {
    const started = performance.now();
    body = await scrape();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { body, medianMs: percentile(times, 50), p99Ms: percentile(times, 99) };
}

/** The median time of timer_status at the client, over PEOPLE people on the server's development sign-in. */
async function requestTime(server: { origin: string; mcpUrl: string }): Promise<number> {
  const times: number[] = [];
  for (let person = 0; person < PEOPLE; person++) {
    const client = await connectAs(server, { era: 'modern' });
    try {
      for (let call = 0; call < 40; call++) {
        const started = performance.now();
        await client.call('timer_status');
        if (call >= 5) times.push(performance.now() - started);
      }
    } finally {
      await client.close();
    }
  }
  times.sort((a, b) => a - b);
  return percentile(times, 50);
}

if (import.meta.main) {
  const rows: Array<[string, string]> = [];
  await teamMetricsBenchmarks(
    (benchmark, result) => rows.push([benchmark, result]),
    (text) => process.stderr.write(`[bench] ${text}\n`),
  );
  for (const [benchmark, result] of rows) console.log(`${benchmark}: ${result}`);
}
