// The team server's metrics in Prometheus' text format, counted by prom-client (the ecosystem's own
// library: its exposition, escaping and histogram buckets are not ours to get wrong). One registry
// per server, never prom-client's global one, so two servers in one process (the tests, the bench)
// count apart. What is counted as it happens is a counter or a histogram; what is a state (ready,
// engines open, the pool, kept writes, audit records waiting) is read at each scrape.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { LIMIT_NAMES, SIGN_IN_OUTCOMES, SIGN_IN_REFUSAL_REASONS, STORE_ERROR_KINDS, type TeamGauges, type TeamMetrics } from './team-metrics.ts';

/** Seconds: from a health check (a millisecond) to a tool call near its deadline. */
const LATENCY_BUCKETS = [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
/** Seconds: a SQLite read (a tenth of a millisecond) to PostgreSQL's deadline for a connection (5 s). */
const STORE_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export interface PrometheusMetrics extends TeamMetrics {
  /** The scrape's body, and its content type. */
  scrape(): Promise<{ body: string; contentType: string }>;
}

export function prometheusMetrics(gauges: TeamGauges): PrometheusMetrics {
  const registry = new Registry();
  // The process's own (CPU, memory, event-loop lag, open files), under Prometheus' usual names.
  collectDefaultMetrics({ register: registry });
  const registers = [registry];
  const httpRequests = new Counter({
    name: 'punchcard_http_requests_total',
    help: 'HTTP requests answered, by route and status.',
    labelNames: ['route', 'status'],
    registers,
  });
  const httpSeconds = new Histogram({
    name: 'punchcard_http_request_duration_seconds',
    help: 'Time to answer an HTTP request, by route.',
    labelNames: ['route'],
    buckets: LATENCY_BUCKETS,
    registers,
  });
  const toolCalls = new Counter({
    name: 'punchcard_tool_calls_total',
    help: 'Tool calls, by tool and outcome (done, refused, failed, asked, stopped).',
    labelNames: ['tool', 'outcome'],
    registers,
  });
  const toolSeconds = new Histogram({
    name: 'punchcard_tool_call_duration_seconds',
    help: 'Time a tool call took, by tool.',
    labelNames: ['tool'],
    buckets: LATENCY_BUCKETS,
    registers,
  });
  const backEndRequests = new Counter({
    name: 'punchcard_backend_requests_total',
    help: "Requests to the back end, by back end and HTTP status ('failed' where no answer came).",
    labelNames: ['backend', 'status'],
    registers,
  });
  const backEndSeconds = new Histogram({
    name: 'punchcard_backend_request_duration_seconds',
    help: 'Time a request to the back end took, by back end.',
    labelNames: ['backend'],
    buckets: LATENCY_BUCKETS,
    registers,
  });
  const rateLimited = new Counter({
    name: 'punchcard_rate_limit_refusals_total',
    help: 'Requests refused for a limit (address, person, sign_in).',
    labelNames: ['limit'],
    registers,
  });
  const signIns = new Counter({
    name: 'punchcard_sign_ins_total',
    help: 'Sign-ins, by outcome (signed_in, refused, limited).',
    labelNames: ['outcome'],
    registers,
  });
  const signInRefusals = new Counter({
    name: 'punchcard_sign_in_refusals_total',
    help: 'Sign-ins refused, by reason (no_match, several, deactivated, unverified, domain, taken), without names.',
    labelNames: ['reason'],
    registers,
  });
  const storeErrors = new Counter({
    name: 'punchcard_store_errors_total',
    help: 'Requests the store could not serve (unavailable, newer_version).',
    labelNames: ['kind'],
    registers,
  });
  // Each of these series exists at 0 from the start, so the first refusal or store error is an
  // increase that an alert sees (Prometheus' increase() cannot see the first sample of a new series).
  for (const limit of LIMIT_NAMES) rateLimited.inc({ limit }, 0);
  for (const outcome of SIGN_IN_OUTCOMES) signIns.inc({ outcome }, 0);
  for (const reason of SIGN_IN_REFUSAL_REASONS) signInRefusals.inc({ reason }, 0);
  for (const kind of STORE_ERROR_KINDS) storeErrors.inc({ kind }, 0);
  const storeSeconds = new Histogram({
    name: 'punchcard_store_request_duration_seconds',
    help: 'Time a request to the store took, answered or failed, by the store operation.',
    labelNames: ['operation'],
    buckets: STORE_BUCKETS,
    registers,
  });
  const auditGivenUp = new Counter({
    name: 'punchcard_audit_records_given_up_total',
    help: 'Audit records given up: past the bound of what may wait, or refused by the store for themselves.',
    registers,
  });
  // Read before the scrape's other series (scrape, below): the check asks the store, and a request to
  // it while the pool is read would show as one waiting for a connection.
  let readyNow = false;
  new Gauge({
    name: 'punchcard_ready',
    help: '1 while this instance is ready (as /readyz answers 200), 0 while it is not: its store does not answer, cannot be read with its key, or it is shutting down.',
    registers,
    collect() {
      this.set(readyNow ? 1 : 0);
    },
  });
  new Gauge({
    name: 'punchcard_people_with_open_engine',
    help: 'People whose engine is open on this instance.',
    registers,
    collect() {
      this.set(gauges.enginesOpen());
    },
  });
  new Gauge({
    name: 'punchcard_store_pool_connections',
    help: "The store's connection pool (PostgreSQL), by state (total, idle, waiting: requests waiting for a connection).",
    labelNames: ['state'],
    registers,
    collect() {
      const pool = gauges.storePool();
      if (!pool) return;
      for (const state of ['total', 'idle', 'waiting'] as const) this.set({ state }, pool[state]);
    },
  });
  new Gauge({
    name: 'punchcard_kept_writes_waiting',
    help: 'Writes kept while the back end was out of reach and not yet sent, of the people whose engine is open.',
    registers,
    collect() {
      this.set(gauges.keptWritesWaiting());
    },
  });
  new Gauge({
    name: 'punchcard_audit_records_waiting',
    help: "Audit records of writes already answered that are not in the store yet, by where they wait (spool: on this instance's volume; memory: the spool could not be written).",
    labelNames: ['kept'],
    registers,
    collect() {
      const waiting = gauges.auditRecordsWaiting();
      this.set({ kept: 'spool' }, waiting.spooled);
      this.set({ kept: 'memory' }, waiting.inMemory);
    },
  });
  return {
    httpRequest(route, status, seconds) {
      httpRequests.inc({ route, status: String(status) });
      httpSeconds.observe({ route }, seconds);
    },
    toolCall(tool, outcome, seconds) {
      toolCalls.inc({ tool, outcome });
      toolSeconds.observe({ tool }, seconds);
    },
    backEndRequest(backend, status, seconds) {
      backEndRequests.inc({ backend, status: String(status) });
      backEndSeconds.observe({ backend }, seconds);
    },
    rateLimited: (limit) => rateLimited.inc({ limit }),
    signIn: (outcome) => signIns.inc({ outcome }),
    signInRefused: (reason) => signInRefusals.inc({ reason }),
    storeError: (kind) => storeErrors.inc({ kind }),
    auditRecordsGivenUp: (count) => auditGivenUp.inc(count),
    storeRequest: (operation, seconds) => storeSeconds.observe({ operation }, seconds),
    async scrape() {
      readyNow = await gauges.ready();
      return { body: await registry.metrics(), contentType: registry.contentType };
    },
  };
}
