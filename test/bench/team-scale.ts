// The team server at company scale for `npm run bench`: several instances of the built server on one
// PostgreSQL (Debian's, started in a temporary folder as the tests do), behind a round-robin load
// balancer without sticky sessions or retries (test/support/load-balancer.ts). People are signed in
// up front through the real OAuth flow (registration, the sign-in page with their own Kimai token,
// consent, the code), once: their tokens live in the database and every instance takes them. Then
// every person calls timer_status, and every fourth call log_time, against the fake Kimai, one call
// after another without pause, for a fixed time, through 1, 2 and 3 instances; and once more through
// two with one of them killed (SIGKILL) half-way. Reported per run: requests per second (and per core
// of this machine, and per CPU-second the instances spent), p50/p99 latency at the client (all calls,
// and log_time and timer_status apart: a write waits for its audit record, a read does not), errors,
// PostgreSQL's client connections (pg_stat_activity), each instance's memory (RSS), and the writes
// answered with success that have no audit record (matched by entry id, once the log stopped growing).
// Apart, in this process: what recording a write before its answer costs a call while the store
// answers, one audit record written to this PostgreSQL, one after another and eight at once.
//
// The run is 1,000 people for 60 s (the defaults). BENCH_SCALE_PEOPLE, BENCH_SCALE_SECONDS
// and BENCH_SCALE_INSTANCES ("1,2,3") make it smaller on a machine others share. The people, the
// balancer and the fake Kimai run in this process, on the same cores as the instances: the numbers
// are what one machine does with everything on it. `node test/bench/team-scale.ts` runs it alone.
import './product-pace.ts';
import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import pg from 'pg';
import { clockStartingAt, type FakeUser, plainUsers, seedCatalog, startFakeKimai } from '../mcp-server/providers/kimai/fake-kimai.ts';
import { type LoadBalancer, startLoadBalancer } from '../support/load-balancer.ts';
import { startPostgres } from '../support/postgres.ts';
import { rawToolCall } from '../support/team-cluster.ts';
import { signInByHand } from '../support/team-oauth.ts';
import { removeTeamServerData, startTeamServer, type TeamServerHandle, trackerSignIn } from '../support/team-server.ts';
import { openStore } from '../../team-server/store/open-store.ts';
import { percentile } from './stats.ts';

const PEOPLE = Number(process.env.BENCH_SCALE_PEOPLE ?? 1_000);
const LOAD_SECONDS = Number(process.env.BENCH_SCALE_SECONDS ?? 60);
const INSTANCE_COUNTS = (process.env.BENCH_SCALE_INSTANCES ?? '1,2,3').split(',').map(Number);
/** The run with an instance killed half-way goes through this many instances (the two). */
const KILL_RUN_INSTANCES = 2;
/** Sign-ins at once while people are signed in up front. */
const SIGN_IN_CONCURRENCY = 8;
/** How often the balancer asks each instance's /readyz, as a cloud balancer's health check does. */
const HEALTH_CHECK_MS = 500;
const NOW = '2026-11-18T08:00:00+01:00';

export interface ScaleRunResult {
  instances: number;
  killedAtSeconds: number | null;
  seconds: number;
  calls: number;
  requestsPerSecond: number;
  requestsPerSecondPerCore: number;
  requestsPerInstanceCpuSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** Latency of each tool apart, at the client. */
  byTool: Record<'log_time' | 'timer_status', { calls: number; p50Ms: number; p99Ms: number }>;
  /** log_time calls answered with success in the run (its warm-up included), and those of them without an audit record. */
  audit: { answered: number; unrecorded: number };
  errors: number;
  /** Errors of calls sent more than two health checks after the kill (the balancer knew by then). */
  errorsAfterKillNoticed: number | null;
  errorKinds: Record<string, number>;
  logTimeCalls: number;
  databaseConnections: { max: number; atEnd: number };
  memoryMb: { rss: number; peak: number }[];
}

export interface TeamScaleBenchResults {
  people: number;
  seconds: number;
  cores: number;
  /** One audit record written to the store: what a write's answer waits for. */
  auditRecordMs: { alone: { p50: number; p99: number }; eightAtOnce: { p50: number; p99: number } };
  signIn: { totalSeconds: number; perPersonMs: number };
  runs: ScaleRunResult[];
}

type Row = (benchmark: string, result: string) => void;

interface Person {
  accessToken: string;
  /** How many of this person's log_time calls were sent, across runs: each logs its own minute. */
  logged: number;
}

export async function teamScaleBenchmarks(row: Row, progress: (text: string) => void): Promise<TeamScaleBenchResults> {
  const users = plainUsers(PEOPLE);
  const postgres = await startPostgres();
  const fake = await startFakeKimai({ users, now: clockStartingAt(NOW) });
  seedCatalog(fake);
  // One balancer for every run: its address is the servers' public_url, which tokens are bound to.
  const balancer = await startLoadBalancer([], { healthCheckMs: HEALTH_CHECK_MS });
  const key = randomBytes(32).toString('base64');
  // The address's parts one by one: pg lets a connection string's (absent) password win over the one given beside it.
  const monitor = new pg.Client({ host: '127.0.0.1', port: postgres.port, user: 'punchcard', database: 'postgres', password: postgres.password });
  await monitor.connect();
  let instances: TeamServerHandle[] = [];
  const startInstances = async (count: number) => {
    for (let index = 0; index < count; index++) {
      instances.push(
        await startTeamServer({
          built: true,
          provider: { type: 'kimai', url: fake.url },
          signIn: { tracker: true },
          env: { PUNCHCARD_NOW: NOW },
          // Everyone comes from 127.0.0.1 through the balancer: the per-address limit is for the internet.
          limits: { requests_per_address_per_minute: 1_000_000, requests_per_person_per_minute: 100_000, failed_sign_ins_per_address: 10 },
          postgres: { url: postgres.url, password: postgres.password },
          publicUrl: balancer.origin,
          key,
        }),
      );
    }
    balancer.targets.splice(0, balancer.targets.length, ...instances.map((instance) => instance.listenUrl));
  };
  const stopInstances = async () => {
    balancer.targets.splice(0, balancer.targets.length);
    await Promise.all(
      instances.map(async (instance) => (instance.process.exitCode === null && instance.process.signalCode === null ? instance.stop() : undefined)),
    );
    for (const instance of instances) removeTeamServerData(instance);
    instances = [];
  };
  const server = { origin: balancer.origin, mcpUrl: `${balancer.origin}/mcp` };
  try {
    await startInstances(Math.max(...INSTANCE_COUNTS));
    progress(`team at scale: signing in ${PEOPLE} people through the OAuth flow, ${SIGN_IN_CONCURRENCY} at a time`);
    const signInStarted = performance.now();
    const people: Person[] = new Array(PEOPLE);
    let next = 0;
    await Promise.all(
      Array.from({ length: SIGN_IN_CONCURRENCY }, async () => {
        for (let index = next++; index < PEOPLE; index = next++) {
          const signedIn = await signInByHand(server, { signIn: trackerSignIn((users[index] as FakeUser).token), clientName: `Bench client ${index + 1}` });
          people[index] = { accessToken: signedIn.accessToken, logged: 0 };
        }
      }),
    );
    const signInSeconds = (performance.now() - signInStarted) / 1000;
    await stopInstances();
    progress('team at scale: audit records written to the store, in this process');
    const auditRecordMs = await auditRecordCost(postgres.url, postgres.password);
    row(
      'Team at scale: one audit record written to PostgreSQL, what a write waits for before its answer: alone / eight at once',
      `p50 ${auditRecordMs.alone.p50} ms, p99 ${auditRecordMs.alone.p99} ms / p50 ${auditRecordMs.eightAtOnce.p50} ms, p99 ${auditRecordMs.eightAtOnce.p99} ms`,
    );
    row(
      `Team at scale: ${PEOPLE} people signed in up front through OAuth (registration, their Kimai token, consent, code)`,
      `${signInSeconds.toFixed(1)} s, ${Math.round((signInSeconds * 1000) / PEOPLE)} ms a person`,
    );

    const runs: ScaleRunResult[] = [];
    const plans = [...INSTANCE_COUNTS.map((count) => ({ count, kill: false })), { count: KILL_RUN_INSTANCES, kill: true }];
    for (const plan of plans) {
      await startInstances(plan.count);
      progress(`team at scale: ${PEOPLE} people through ${plan.count} instance(s) for ${LOAD_SECONDS} s${plan.kill ? ', one killed half-way' : ''}`);
      // Each person's engine opens on an instance at their first call there: warmed up, not measured.
      const answered: number[] = [];
      const noteAnswered = (sample: Sample) => (sample.entryId === undefined ? undefined : answered.push(sample.entryId));
      await load(people, balancer, Math.min(10, Math.max(2, LOAD_SECONDS / 6)) * 1000, noteAnswered);
      const result = await measuredRun(people, balancer, instances, monitor, plan.kill, noteAnswered);
      const recorded = await settledAuditEntries(postgres.psql);
      result.audit = { answered: answered.length, unrecorded: answered.filter((entryId) => !recorded.has(entryId)).length };
      runs.push(result);
      const title = `Team at scale: ${PEOPLE} people, timer_status and log_time (1 in 4), ${plan.count} instance(s) on PostgreSQL for ${LOAD_SECONDS} s${plan.kill ? ', one killed (SIGKILL) half-way' : ''}`;
      row(
        title,
        `${result.requestsPerSecond} requests/s (${result.requestsPerSecondPerCore} per core of ${availableParallelism()}; ${result.requestsPerInstanceCpuSecond} per CPU-second of the instances); p50 ${result.p50Ms} ms, p99 ${result.p99Ms} ms; ${result.errors} errors of ${result.calls}`,
      );
      if (plan.kill)
        row(
          '  errors of calls sent after the balancer noticed (two health checks after the kill)',
          `${result.errorsAfterKillNoticed}; by kind: ${JSON.stringify(result.errorKinds)}`,
        );
      else if (result.errors > 0) row('  errors by kind', JSON.stringify(result.errorKinds));
      for (const tool of ['log_time', 'timer_status'] as const)
        row(`  ${tool}: p50 / p99 at the client`, `${result.byTool[tool].p50Ms} ms / ${result.byTool[tool].p99Ms} ms (${result.byTool[tool].calls} calls)`);
      row('  log_time answered with success and without an audit record', `${result.audit.unrecorded} of ${result.audit.answered}`);
      row(
        '  PostgreSQL client connections (pg_stat_activity): most at once / at the end',
        `${result.databaseConnections.max} / ${result.databaseConnections.atEnd}`,
      );
      row('  memory of each instance: RSS at the end (peak)', result.memoryMb.map((memory) => `${memory.rss} MB (${memory.peak} MB)`).join(', '));
      await stopInstances();
    }
    return {
      people: PEOPLE,
      seconds: LOAD_SECONDS,
      cores: availableParallelism(),
      auditRecordMs,
      signIn: { totalSeconds: round(signInSeconds), perPersonMs: Math.round((signInSeconds * 1000) / PEOPLE) },
      runs,
    };
  } finally {
    await stopInstances();
    await monitor.end().catch(() => {});
    await balancer.close();
    await fake.close();
    postgres.remove();
  }
}

/** One audit record written (appendAudit) 400 times, one after another, then 400 more eight at a time: the milliseconds each took. */
async function auditRecordCost(url: string, password: string): Promise<TeamScaleBenchResults['auditRecordMs']> {
  const store = await openStore(
    { store: url, postgres: { password_env: 'PASSWORD', tls: 'disable', pool_size: 8 } },
    { now: Date.now, env: { PASSWORD: password } },
  );
  const timed = async () => {
    const started = performance.now();
    await store.appendAudit({
      id: randomUUID(),
      at: Date.now(),
      personId: 'bench',
      person: 'Bench Person <bench@example.com>',
      clientId: 'bench-client',
      clientName: 'Bench client',
      // A log_time's record in size, under a name of its own: the runs' count of log_time records leaves these out.
      tool: 'bench_record',
      outcome: 'done',
      change: { arguments: { project: 'Website', activity: 'Design', description: '(12 characters)' }, record: { entry: { id: 1, project: 'Website' } } },
    });
    return performance.now() - started;
  };
  try {
    const alone: number[] = [];
    for (let index = 0; index < 400; index++) alone.push(await timed());
    const together: number[] = [];
    for (let round = 0; round < 50; round++) together.push(...(await Promise.all(Array.from({ length: 8 }, timed))));
    const summary = (samples: number[]) => {
      const sorted = samples.sort((a, b) => a - b);
      return { p50: round(percentile(sorted, 50), 2), p99: round(percentile(sorted, 99), 2) };
    };
    return { alone: summary(alone), eightAtOnce: summary(together) };
  } finally {
    await store.close();
  }
}

interface Sample {
  sentAt: number;
  ms: number;
  error: string | undefined;
  tool: string;
  /** The entry a log_time answered with success says it logged. */
  entryId?: number;
}

/** Every person calls, one call after another, until `durationMs` passed; each call is told to `record`. */
async function load(people: Person[], balancer: LoadBalancer, durationMs: number, record: (sample: Sample) => void): Promise<void> {
  const deadline = performance.now() + durationMs;
  const mcpUrl = `${balancer.origin}/mcp`;
  await Promise.all(
    people.map(async (person, index) => {
      for (let call = index % 4; performance.now() < deadline; call++) {
        const writes = call % 4 === 3;
        const sentAt = performance.now();
        let error: string | undefined;
        let entryId: number | undefined;
        try {
          const answer = writes
            ? await rawToolCall(mcpUrl, person.accessToken, 'log_time', logTimeArgs(person, index))
            : await rawToolCall(mcpUrl, person.accessToken, 'timer_status');
          error = answer.status === 200 ? toolError(answer.text) : `HTTP ${answer.status}: ${answer.text.slice(0, 100)}`;
          if (writes && error === undefined) entryId = loggedEntryId(answer.text);
        } catch (failure) {
          error = `no answer (${(failure as Error).message})`;
        }
        record({ sentAt, ms: performance.now() - sentAt, error, tool: writes ? 'log_time' : 'timer_status', ...(entryId === undefined ? {} : { entryId }) });
      }
    }),
  );
}

/** A minute of its own for each log_time call, counted back from the day before the fake's today. */
function logTimeArgs(person: Person, index: number): Record<string, unknown> {
  const start = Date.parse('2026-11-17T00:00:00+01:00') - (person.logged++ + 1) * 120_000;
  return {
    project: 'Website',
    activity: 'Design',
    start: new Date(start).toISOString(),
    end: new Date(start + 60_000).toISOString(),
    description: `bench p${index} #${person.logged}`,
  };
}

/** The JSON-RPC message of an answer (JSON or one server-sent event). */
function messageOf(
  text: string,
): { result?: { isError?: boolean; content?: { text?: string }[]; structuredContent?: unknown }; error?: { message?: string } } | undefined {
  const json = text.startsWith('{') ? text : /^data: (.*)$/m.exec(text)?.[1];
  return json ? JSON.parse(json) : undefined;
}

/** The entry id a successful log_time answer gives. */
function loggedEntryId(text: string): number | undefined {
  const id = (messageOf(text)?.result?.structuredContent as { entry?: { id?: unknown } } | undefined)?.entry?.id;
  return typeof id === 'number' ? id : undefined;
}

/**
 * The entries the audit log's log_time records name, once it stopped growing (two seconds without a
 * new record, 30 s at most): what an instance still running had to write is in by then.
 */
async function settledAuditEntries(psql: (sql: string) => string): Promise<Set<number>> {
  const read = () =>
    psql("SELECT change::jsonb->'record'->'entry'->>'id' FROM punchcard_audit WHERE tool = 'log_time' AND outcome = 'done'")
      .split('\n')
      .filter(Boolean)
      .map(Number);
  const deadline = performance.now() + 30_000;
  let last = read();
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const now = read();
    if (now.length === last.length || performance.now() > deadline) return new Set(now);
    last = now;
  }
}

/** The tool's error in a 200 answer (JSON or one server-sent event), or undefined when it succeeded. */
function toolError(text: string): string | undefined {
  const message = messageOf(text);
  if (!message) return 'an answer that is not JSON-RPC';
  if (message.error) return `JSON-RPC error: ${message.error.message ?? ''}`.slice(0, 80);
  if (message.result?.isError) return `tool error: ${message.result.content?.[0]?.text ?? ''}`.slice(0, 80);
  return undefined;
}

async function measuredRun(
  people: Person[],
  balancer: LoadBalancer,
  instances: TeamServerHandle[],
  monitor: pg.Client,
  kill: boolean,
  alsoTell: (sample: Sample) => void,
): Promise<ScaleRunResult> {
  const samples: Sample[] = [];
  const pids = instances.map((instance) => instance.process.pid as number);
  const cpuBefore = pids.map(cpuMs);
  let maxConnections = 0;
  const countConnections = async () => {
    const result = await monitor.query<{ count: string }>(
      "SELECT count(*) FROM pg_stat_activity WHERE datname = 'punchcard' AND backend_type = 'client backend'",
    );
    return Number(result.rows[0]?.count ?? 0);
  };
  const sampling = setInterval(
    () =>
      void countConnections().then(
        (count) => (maxConnections = Math.max(maxConnections, count)),
        () => undefined,
      ),
    1_000,
  );
  let killedAt: number | undefined;
  const cpuAtKill: number[] = [];
  const killer = kill
    ? setTimeout(
        () => {
          killedAt = performance.now();
          cpuAtKill.push(cpuMs(pids[0] as number));
          (instances[0] as TeamServerHandle).process.kill('SIGKILL');
        },
        (LOAD_SECONDS * 1000) / 2,
      )
    : undefined;
  const started = performance.now();
  await load(people, balancer, LOAD_SECONDS * 1000, (sample) => {
    samples.push(sample);
    alsoTell(sample);
  });
  const elapsed = (performance.now() - started) / 1000;
  clearTimeout(killer);
  clearInterval(sampling);
  const atEnd = await countConnections();
  const instanceCpuMs = pids.reduce(
    (total, pid, index) => total + (index === 0 && kill ? (cpuAtKill[0] ?? cpuMs(pid)) : cpuMs(pid)) - (cpuBefore[index] as number),
    0,
  );
  const memoryMb = instances
    .filter((instance) => instance.process.exitCode === null && instance.process.signalCode === null)
    .map((instance) => ({
      rss: round(statusKilobytes(instance.process.pid as number, 'VmRSS') / 1024),
      peak: round(statusKilobytes(instance.process.pid as number, 'VmHWM') / 1024),
    }));
  const latencies = samples.map((sample) => sample.ms).sort((a, b) => a - b);
  const failed = samples.filter((sample) => sample.error !== undefined);
  const errorKinds: Record<string, number> = {};
  for (const sample of failed) {
    // Numbers that differ from call to call (ids, times) would make each error a kind of its own.
    const kind = (sample.error as string).replace(/(?<=\D)\d{4,}|#\d+/g, 'N');
    errorKinds[kind] = (errorKinds[kind] ?? 0) + 1;
  }
  const noticedAt = killedAt === undefined ? undefined : killedAt + 2 * HEALTH_CHECK_MS;
  return {
    instances: instances.length,
    killedAtSeconds: killedAt === undefined ? null : round((killedAt - started) / 1000),
    seconds: round(elapsed),
    calls: samples.length,
    requestsPerSecond: Math.round(samples.length / elapsed),
    requestsPerSecondPerCore: Math.round(samples.length / elapsed / availableParallelism()),
    requestsPerInstanceCpuSecond: Math.round(samples.length / Math.max(0.001, instanceCpuMs / 1000)),
    p50Ms: round(percentile(latencies, 50)),
    p99Ms: round(percentile(latencies, 99)),
    byTool: { log_time: toolLatency(samples, 'log_time'), timer_status: toolLatency(samples, 'timer_status') },
    audit: { answered: 0, unrecorded: 0 },
    errors: failed.length,
    errorsAfterKillNoticed: noticedAt === undefined ? null : failed.filter((sample) => sample.sentAt > noticedAt).length,
    errorKinds,
    logTimeCalls: samples.filter((sample) => sample.tool === 'log_time').length,
    databaseConnections: { max: Math.max(maxConnections, atEnd), atEnd },
    memoryMb,
  };
}

function toolLatency(samples: Sample[], tool: string): { calls: number; p50Ms: number; p99Ms: number } {
  const latencies = samples
    .filter((sample) => sample.tool === tool)
    .map((sample) => sample.ms)
    .sort((a, b) => a - b);
  return { calls: latencies.length, p50Ms: round(percentile(latencies, 50)), p99Ms: round(percentile(latencies, 99)) };
}

/** The process's CPU time so far (user + system), from /proc. */
function cpuMs(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    // utime and stime are fields 14 and 15 of the line, 12 and 13 after the name; in clock ticks (100 a second on Linux).
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return 0;
  }
}

function statusKilobytes(pid: number, field: string): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN);
}

function round(value: number, digits = 1): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

if (import.meta.main) {
  const rows: Array<[string, string]> = [];
  const results = await teamScaleBenchmarks(
    (benchmark, result) => rows.push([benchmark, result]),
    (text) => process.stderr.write(`[bench] ${text}\n`),
  );
  for (const [benchmark, result] of rows) console.log(`${benchmark}: ${result}`);
  if (process.env.BENCH_SCALE_JSON) console.log(JSON.stringify(results, null, 2));
}
