// Clockodo, Calamari, Clockify, Toggl Track, Harvest and Tempo Timesheets benchmarks for `npm run bench`: HTTP requests per tool call, warm
// (the scripted session the request tests assert; for Calamari also a clock_in on its own, past the
// moment a listing is shared, and one in a fresh engine after another read the projects) and cold
// (the first call of a fresh process); the
// latency Punchcard adds over the fake back end's own time for timer_status, clock_in and clock_out;
// and, for Calamari's hourly limit, Clockify's per-second one and Toggl's hourly quotas, what an idle server and an
// idle app ask over ten minutes; for Toggl also the time from a cold start to the first tool's answer.
//
// Idle: the server is watched for IDLE_WATCH_S seconds after its opening (it runs no timer after
// start, so ten minutes is that count times 600 / IDLE_WATCH_S, said as such). The app asks on its
// poll schedule (main/app/status-sync.ts); what one refresh costs is measured through the app's own
// status code (main/engine/timesheet.ts) against the real engine and the fake.
import './product-pace.ts';
import { pollInterval } from '../../main/app/status-sync.ts';
import { A_MOMENT_MS } from '../../mcp-server/providers/remote/recent-reads.ts';
import * as calamari from '../mcp-server/providers/calamari/request-scenario.ts';
import * as clockify from '../mcp-server/providers/clockify/request-scenario.ts';
import * as clockodo from '../mcp-server/providers/clockodo/request-scenario.ts';
import * as harvest from '../mcp-server/providers/harvest/request-scenario.ts';
import * as tempo from '../mcp-server/providers/tempo/request-scenario.ts';
import * as toggl from '../mcp-server/providers/toggl/request-scenario.ts';
import type { AnyEngineHandle } from '../support/engine.ts';
import { measureSteps, type Step } from '../support/request-counting.ts';
import { busyMs } from './kimai.ts';
import { describeTiming, roundSummary, summarize, type Summary } from './stats.ts';

const WARMUP_CALLS = 10;
const TIMED_CALLS = 100;
/** Calamari's terminal takes one clock event per second at most (times are whole seconds). */
const CALAMARI_CLOCK_PAIRS = 12;
const IDLE_WATCH_S = Number(process.env.PUNCHCARD_BENCH_IDLE_S ?? 60);

type Row = (benchmark: string, result: string, target?: { text: string; met: boolean }) => void;

interface Recorded {
  method: string;
  path: string;
  status: number;
  body?: string;
  receivedAt: number;
  answeredAt: number;
}

interface Session {
  fake: { requests: Recorded[] };
  engine: AnyEngineHandle;
  userDataDir?: string;
  close(): Promise<void>;
}

export interface RemoteBenchResults {
  warm: Array<{ call: string; requests: number }>;
  /** A warm clock_in on its own, where a back end measures one (Calamari: its hourly limit is the organisation's). */
  warmClockIn?: number;
  /** Calamari: a clock_in by name in a fresh engine within the hour of another's reading the projects. */
  anotherEngineClockIn?: number;
  cold: Array<{ call: string; requests: number }>;
  /** Harvest: from starting the engine to its first tool answer, in ms. */
  firstAnswerMs?: number;
  latency: Record<'timer_status' | 'clock_in' | 'clock_out', { total: Summary; backEnd: Summary; added: Summary; requestsPerCall: number }>;
  idle?: {
    serverWatchSeconds: number;
    serverRequests: number;
    serverTenMinutes: number;
    appRefreshRequests: number;
    appPollSeconds: number;
    appTenMinutes: number;
  };
}

export async function clockodoBenchmarks(row: Row, progress: (text: string) => void): Promise<RemoteBenchResults> {
  return remoteBenchmarks('Clockodo', {
    row,
    progress,
    start: (running) => clockodo.startCountingSession({ running }),
    steps: clockodo.STEPS,
    coldSteps: clockodo.COLD_STEPS,
    clockIn: { project: 'Website', activity: 'Development' },
    pairs: TIMED_CALLS,
    resolve: (session) => (session as Awaited<ReturnType<typeof clockodo.startCountingSession>>).resolve,
  });
}

/** Harvest, on an account that tracks durations (the request test measures both kinds alike), and its cold start to a first answer. */
export async function harvestBenchmarks(row: Row, progress: (text: string) => void): Promise<RemoteBenchResults> {
  progress('Harvest: cold start to the first tool answer');
  const started = performance.now();
  const fresh = await harvest.startCountingSession();
  let firstAnswerMs: number;
  try {
    const status = await fresh.engine.call('timer_status');
    if (status.isError) throw new Error(`timer_status failed: ${JSON.stringify(status.content)}`);
    firstAnswerMs = performance.now() - started;
  } finally {
    await fresh.close();
  }
  row('Harvest cold start: the engine started to its first tool answer (timer_status)', `${firstAnswerMs.toFixed(0)} ms`);
  const results = await remoteBenchmarks('Harvest', {
    row,
    progress,
    start: (running) => harvest.startCountingSession({ running }),
    steps: harvest.STEPS,
    coldSteps: harvest.COLD_STEPS,
    clockIn: { project: 'Website', activity: 'Development' },
    pairs: TIMED_CALLS,
    resolve: (session) => (session as Awaited<ReturnType<typeof harvest.startCountingSession>>).resolve,
  });
  return { ...results, firstAnswerMs: Math.round(firstAnswerMs) };
}

/**
 * Tempo Timesheets, to Tempo and the Jira site together. Its timer is Punchcard's own: a timed clock_in sends nothing and
 * each clock_out books a worklog, at Tempo's own pace of 5 requests a second.
 */
export async function tempoBenchmarks(row: Row, progress: (text: string) => void): Promise<RemoteBenchResults> {
  return remoteBenchmarks('Tempo Timesheets', {
    row,
    progress,
    start: (running) => tempo.startCountingSession({ running }),
    steps: tempo.STEPS,
    coldSteps: tempo.COLD_STEPS,
    clockIn: { project: 'WEB-1' },
    pairs: 20,
    // Each timed timer_status past the moment a listing of the worklogs is shared, so it asks Tempo.
    statusGapMs: A_MOMENT_MS + 100,
    statusCalls: 20,
    resolve: (session) => (session as Awaited<ReturnType<typeof tempo.startCountingSession>>).resolve,
  });
}

export async function calamariBenchmarks(row: Row, progress: (text: string) => void): Promise<RemoteBenchResults> {
  const results = await remoteBenchmarks('Calamari', {
    row,
    progress,
    start: (running) => calamari.startCountingSession({ running }),
    steps: calamari.STEPS,
    coldSteps: calamari.COLD_STEPS,
    clockIn: { project: 'General' },
    pairs: CALAMARI_CLOCK_PAIRS,
    // Each timed timer_status past the moment a shift listing is shared, so it asks Calamari.
    statusGapMs: A_MOMENT_MS + 100,
    warmClockIn: { step: calamari.WARM_CLOCK_IN, gapMs: A_MOMENT_MS + 100, most: 3 },
  });
  progress('Calamari: a clock_in by name in a fresh engine, after another read the projects');
  const anotherEngineClockIn = await clockInInAnotherEngine();
  row(`Calamari requests: ${calamari.CLOCK_IN_IN_ANOTHER_ENGINE.label}`, `${anotherEngineClockIn}`, { text: '≤ 3', met: anotherEngineClockIn <= 3 });
  progress(`Calamari: an idle server for ${IDLE_WATCH_S} s, and one refresh of the app`);
  const idle = await idleCosts({
    start: () => calamari.startCountingSession(),
    app: (session) => calamari.appTimesheet(session as Awaited<ReturnType<typeof calamari.startCountingSession>>),
    reusePassedMs: calamari.REUSE_PASSED_MS,
    poll: pollInterval('calamari'),
  });
  row(`Calamari idle server: requests in ${IDLE_WATCH_S} s after its opening`, `${idle.serverRequests} (10 min: ${idle.serverTenMinutes})`, {
    text: 'none',
    met: idle.serverRequests === 0,
  });
  row('Calamari idle app: requests per status refresh / poll interval', `${idle.appRefreshRequests} / ${idle.appPollSeconds} s`);
  row('Calamari idle app: requests in 10 min (refreshes × requests each)', `${idle.appTenMinutes}`, {
    text: '≤ 720 per hour for the organisation',
    met: idle.appTenMinutes * 6 <= 720,
  });
  return { ...results, anotherEngineClockIn, idle };
}

/**
 * One engine reads the person's projects (list_catalog); another, started on the same folder a
 * minute later (a second AI client's, the app's after a restart), clocks in by a project's name.
 */
async function clockInInAnotherEngine(): Promise<number> {
  const session = await calamari.startCountingSession();
  try {
    const listed = await session.engine.call('list_catalog');
    if (listed.isError) throw new Error(`list_catalog failed: ${JSON.stringify(listed.content)}`);
    const engine = await calamari.startAnotherEngine(session, 60_000);
    try {
      const [measured] = await measureSteps(engine, session.fake.requests, [calamari.CLOCK_IN_IN_ANOTHER_ENGINE]);
      if (!measured || measured.isError) throw new Error(`The clock_in in another engine failed: ${measured?.text}`);
      return measured.requests.length;
    } finally {
      await engine.close();
    }
  } finally {
    await session.close();
  }
}

export async function clockifyBenchmarks(row: Row, progress: (text: string) => void): Promise<RemoteBenchResults> {
  const results = await remoteBenchmarks('Clockify', {
    row,
    progress,
    start: (running) => clockify.startCountingSession({ running }),
    steps: clockify.STEPS,
    coldSteps: clockify.COLD_STEPS,
    clockIn: { project: 'Website', activity: 'Development' },
    pairs: TIMED_CALLS,
    // Each timed timer_status past the moment the running entry and a listing are shared, so it asks Clockify.
    statusGapMs: 2_100,
    statusCalls: 20,
    resolve: (session) => (session as Awaited<ReturnType<typeof clockify.startCountingSession>>).resolve,
  });
  progress(`Clockify: an idle server for ${IDLE_WATCH_S} s, and one refresh of the app`);
  const idle = await idleCosts({
    start: () => clockify.startCountingSession(),
    app: (session) => clockify.appTimesheet(session as Awaited<ReturnType<typeof clockify.startCountingSession>>),
    reusePassedMs: 6_000,
    poll: pollInterval('clockify'),
  });
  row(`Clockify idle server: requests in ${IDLE_WATCH_S} s after its opening`, `${idle.serverRequests} (10 min: ${idle.serverTenMinutes})`, {
    text: 'none',
    met: idle.serverRequests === 0,
  });
  row('Clockify idle app: requests per status refresh / poll interval', `${idle.appRefreshRequests} / ${idle.appPollSeconds} s`, {
    text: '≤ 4',
    met: idle.appRefreshRequests <= 4,
  });
  row('Clockify idle app: requests in 10 min (refreshes × requests each)', `${idle.appTenMinutes}`);
  return { ...results, idle };
}

/** Cold starts measured for Toggl: each a fresh engine's spawn to its first answer. */
const TOGGL_COLD_STARTS = 10;

export async function togglBenchmarks(row: Row, progress: (text: string) => void): Promise<RemoteBenchResults & { coldStartMs: Summary }> {
  const results = await remoteBenchmarks('Toggl Track', {
    row,
    progress,
    start: (running) => toggl.startCountingSession({ running }),
    steps: toggl.STEPS,
    coldSteps: toggl.COLD_STEPS,
    clockIn: { project: 'Website', activity: 'Development' },
    // Toggl's older limit is about a request a second, which Punchcard paces at three in any second: a clock_in and a
    // clock_out back to back (four requests) would wait out the pace, so each timed call comes a second after the last.
    pairs: 20,
    callGapMs: 1_100,
    // Each timed timer_status past the moment a listing is shared (two seconds), so it asks Toggl.
    statusGapMs: 2_100,
    statusCalls: 20,
    resolve: (session) => (session as Awaited<ReturnType<typeof toggl.startCountingSession>>).resolve,
  });
  progress(`Toggl Track: ${TOGGL_COLD_STARTS} cold starts to the first tool answer`);
  const starts: number[] = [];
  for (let index = 0; index < TOGGL_COLD_STARTS; index++) {
    const session = await toggl.startCountingSession({ running: true });
    try {
      const result = await session.engine.call('timer_status');
      if (result.isError) throw new Error(`timer_status failed: ${JSON.stringify(result.content)}`);
      starts.push(performance.now() - session.engineStartedAt);
    } finally {
      await session.close();
    }
  }
  const coldStartMs = roundSummary(summarize(starts));
  row('Toggl Track cold start to the first answer (spawn, then timer_status: /me and the recent weeks)', describeTiming(coldStartMs, 'start'));
  progress(`Toggl Track: an idle server for ${IDLE_WATCH_S} s, and one refresh of the app`);
  const idle = await idleCosts({
    start: () => toggl.startCountingSession(),
    app: (session) => toggl.appTimesheet(session as Awaited<ReturnType<typeof toggl.startCountingSession>>),
    reusePassedMs: 2_100,
    poll: pollInterval('toggl'),
  });
  row(`Toggl Track idle server: requests in ${IDLE_WATCH_S} s after its opening`, `${idle.serverRequests} (10 min: ${idle.serverTenMinutes})`, {
    text: 'none',
    met: idle.serverRequests === 0,
  });
  row('Toggl Track idle app: requests per status refresh / poll interval', `${idle.appRefreshRequests} / ${idle.appPollSeconds} s`, {
    text: '≤ 2',
    met: idle.appRefreshRequests <= 2,
  });
  // Every request of a refresh is on the person's own quota, 30 an hour on every plan (docs/back-ends/toggl.md, "Quotas").
  const hourly = idle.appRefreshRequests * Math.floor(3_600 / idle.appPollSeconds);
  row("Toggl Track idle app: requests an hour on the person's own quota", `${hourly}`, { text: '≤ 10 of 30', met: hourly <= 10 });
  return { ...results, coldStartMs, idle };
}

interface Plan {
  row: Row;
  progress: (text: string) => void;
  start: (running: boolean) => Promise<Session>;
  steps: Step[];
  coldSteps: Step[];
  clockIn: Record<string, unknown>;
  pairs: number;
  /** A wait before each timed timer_status, where the engine shares an answer for a moment; then `statusCalls` calls (default `pairs`). */
  statusGapMs?: number;
  statusCalls?: number;
  /** A wait before each timed clock_in and clock_out, where the back end paces requests a second. */
  callGapMs?: number;
  resolve?: (session: Session) => (value: unknown) => unknown;
  /** A clock_in measured on its own after the steps, `gapMs` after the last call (then clocked out again); `most` is the target. */
  warmClockIn?: { step: Step; gapMs: number; most: number };
}

async function remoteBenchmarks(name: string, plan: Plan): Promise<RemoteBenchResults> {
  const { row, progress } = plan;
  progress(`${name}: requests per tool call`);
  const session = await plan.start(false);
  let warm: RemoteBenchResults['warm'];
  let warmClockIn: number | undefined;
  let latency: RemoteBenchResults['latency'];
  try {
    const measured = await measureSteps(session.engine, session.fake.requests, plan.steps, plan.resolve?.(session));
    warm = measured.map((step) => ({ call: step.label, requests: step.requests.length }));
    for (const step of measured) {
      const aimed = /\(warm\)/.test(step.label) ? { text: '≤ 2', met: step.requests.length <= 2 } : undefined;
      row(`${name} requests: ${step.label}`, `${step.requests.length}`, aimed);
    }
    if (plan.warmClockIn) warmClockIn = await measureWarmClockIn(name, session, plan.warmClockIn, row);
    progress(`${name}: added latency`);
    latency = await latencies(session, plan);
    for (const [call, result] of Object.entries(latency)) {
      // Calls in quick succession share what the engine keeps for a few seconds: said, so the time is read right.
      row(`${name} ${call}: whole call at the client (${result.requestsPerCall} requests per call)`, describeTiming(result.total, 'call'));
      row(`  of which the fake ${name}'s own time`, describeTiming(result.backEnd, 'call'));
      row('  added by Punchcard (call − back end time)', describeTiming(result.added, 'call'));
    }
  } finally {
    await session.close();
  }
  const cold: RemoteBenchResults['cold'] = [];
  for (const step of plan.coldSteps) {
    const fresh = await plan.start(step.tool !== 'clock_in');
    try {
      const [measured] = await measureSteps(fresh.engine, fresh.fake.requests, [step]);
      cold.push({ call: step.label, requests: measured?.requests.length ?? 0 });
      row(`${name} requests: ${step.label}`, `${measured?.requests.length ?? 0}`);
    } finally {
      await fresh.close();
    }
  }
  return { warm, ...(warmClockIn === undefined ? {} : { warmClockIn }), cold, latency };
}

/** One clock_in past the moment the engine shares what it read, as a person clocking in a while after their last call; clocked out again after. */
async function measureWarmClockIn(name: string, session: Session, plan: NonNullable<Plan['warmClockIn']>, row: Row): Promise<number> {
  await new Promise((done) => setTimeout(done, plan.gapMs));
  const before = session.fake.requests.length;
  const [measured] = await measureSteps(session.engine, session.fake.requests, [plan.step]);
  if (!measured || measured.isError) throw new Error(`The warm clock_in failed: ${measured?.text}`);
  row(`${name} requests per warm clock_in (${measured.requests.map((request) => request.split(' ')[1]).join(', ')})`, `${measured.requests.length}`, {
    text: `≤ ${plan.most}`,
    met: measured.requests.length <= plan.most,
  });
  // Calamari's shift listings are not paged: the days one asks for are what it reads and answers.
  const listed = session.fake.requests
    .slice(before)
    .flatMap((request) => (request.path.endsWith('/timesheetentries/v1/find') ? [listedDays(request.body)] : []));
  if (listed.length > 0) row(`${name} days of shifts listed per warm clock_in`, listed.join(' + '));
  const out = await session.engine.call('clock_out', {});
  if (out.isError) throw new Error(`clock_out after the warm clock_in failed: ${JSON.stringify(out.content)}`);
  return measured.requests.length;
}

/** The days a shift listing's body asks for ('from' to 'to', both included). */
function listedDays(body: string | undefined): number {
  const { from, to } = JSON.parse(body ?? '{}') as { from?: string; to?: string };
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
}

async function latencies(
  session: Session,
  plan: Pick<Plan, 'clockIn' | 'pairs' | 'statusGapMs' | 'statusCalls' | 'callGapMs'>,
): Promise<RemoteBenchResults['latency']> {
  const { clockIn, pairs, statusGapMs, callGapMs } = plan;
  const gap = () => (callGapMs === undefined ? Promise.resolve() : new Promise((done) => setTimeout(done, callGapMs)));
  const spacedCalls = plan.statusCalls ?? pairs;
  const call = async (tool: string, args: Record<string, unknown> = {}) => {
    const result = await session.engine.call(tool, args);
    if (result.isError) throw new Error(`${tool} failed: ${JSON.stringify(result.content)}`);
  };
  const timed = async (run: () => Promise<void>) => {
    const before = session.fake.requests.length;
    const started = performance.now();
    await run();
    const elapsed = performance.now() - started;
    const sent = session.fake.requests.slice(before);
    return { elapsed, backEnd: busyMs(sent), requests: sent.length };
  };
  type Sample = { elapsed: number; backEnd: number; requests: number };
  const samples: Record<'timer_status' | 'clock_in' | 'clock_out', Sample[]> = { timer_status: [], clock_in: [], clock_out: [] };
  const [statusWarmup, statusCalls] = statusGapMs === undefined ? [WARMUP_CALLS, TIMED_CALLS] : [2, spacedCalls];
  for (let index = -statusWarmup; index < statusCalls; index++) {
    if (statusGapMs !== undefined) await new Promise((done) => setTimeout(done, statusGapMs));
    const sample = await timed(() => call('timer_status'));
    if (index >= 0) samples.timer_status.push(sample);
  }
  for (let index = -Math.min(WARMUP_CALLS, 2); index < pairs; index++) {
    await gap();
    const started = await timed(() => call('clock_in', clockIn));
    await gap();
    const stopped = await timed(() => call('clock_out'));
    if (index >= 0) {
      samples.clock_in.push(started);
      samples.clock_out.push(stopped);
    }
    // A back end that records times to the second takes the next clock-in a second later.
    if (pairs < TIMED_CALLS) await new Promise((done) => setTimeout(done, 1_100));
  }
  const summarise = (list: Sample[]) => ({
    total: roundSummary(summarize(list.map((sample) => sample.elapsed))),
    backEnd: roundSummary(summarize(list.map((sample) => sample.backEnd))),
    added: roundSummary(summarize(list.map((sample) => sample.elapsed - sample.backEnd))),
    requestsPerCall: Math.round((list.reduce((sum, sample) => sum + sample.requests, 0) / list.length) * 10) / 10,
  });
  return { timer_status: summarise(samples.timer_status), clock_in: summarise(samples.clock_in), clock_out: summarise(samples.clock_out) };
}

/** What an idle server asks after its opening, and what one refresh of the app costs past the moments listings are shared. */
async function idleCosts(plan: {
  start: () => Promise<Session>;
  app: (session: Session) => { timesheet: { getStatus(): Promise<unknown> }; close(): Promise<void> };
  reusePassedMs: number;
  poll: number;
}): Promise<NonNullable<RemoteBenchResults['idle']>> {
  const server = await plan.start();
  let serverRequests: number;
  try {
    await server.engine.client.listTools();
    const before = server.fake.requests.length;
    await new Promise((done) => setTimeout(done, IDLE_WATCH_S * 1_000));
    serverRequests = server.fake.requests.length - before;
  } finally {
    await server.close();
  }
  // The app's own engine and status code, against a fresh fake: what one refresh asks.
  const app = await plan.start();
  let appRefreshRequests: number;
  const { timesheet, close } = plan.app(app);
  try {
    // The first refresh fills the caches of an hour (projects, week, holidays); a later one, past the
    // few seconds for which listings are shared, is what each poll costs.
    await timesheet.getStatus();
    await new Promise((done) => setTimeout(done, plan.reusePassedMs));
    const before = app.fake.requests.length;
    await timesheet.getStatus();
    appRefreshRequests = app.fake.requests.length - before;
  } finally {
    await close();
    await app.close();
  }
  const appPollSeconds = plan.poll / 1_000;
  return {
    serverWatchSeconds: IDLE_WATCH_S,
    serverRequests,
    serverTenMinutes: Math.round((serverRequests * 600) / IDLE_WATCH_S),
    appRefreshRequests,
    appPollSeconds,
    appTenMinutes: appRefreshRequests * Math.floor(600 / appPollSeconds),
  };
}

// `node test/bench/remote-back-ends.ts calamari` (or clockodo, clockify, toggl, harvest, tempo) runs one back end's part alone,
// against the built server (npm run build first); PUNCHCARD_BENCH_IDLE_S shortens the idle watch.
if (import.meta.main) {
  const parts = {
    calamari: calamariBenchmarks,
    clockodo: clockodoBenchmarks,
    clockify: clockifyBenchmarks,
    toggl: togglBenchmarks,
    harvest: harvestBenchmarks,
    tempo: tempoBenchmarks,
  };
  const wanted = process.argv[2] as keyof typeof parts;
  if (!(wanted in parts)) {
    process.stderr.write(`Name a back end: ${Object.keys(parts).join(', ')}.\n`);
    process.exit(2);
  }
  const rows: Array<[string, string, string]> = [];
  await parts[wanted](
    (benchmark, result, target) => rows.push([benchmark, result, target ? `${target.text} ${target.met ? 'met' : 'MISSED'}` : '']),
    (text) => process.stderr.write(`[bench] ${text}\n`),
  );
  for (const [benchmark, result, target] of rows) console.log(`${benchmark}: ${result}${target ? `  (target ${target})` : ''}`);
}
