// Kimai benchmarks for `npm run bench`: HTTP requests per tool call (the scripted session the
// request-count test asserts), and the latency Punchcard adds on top of Kimai's own time for
// timer_status and clock_in. "Kimai's own time" is how long at least one request was with the fake
// Kimai (request body received → response written; requests in parallel count once, as the union of
// their intervals); everything else — stdio, MCP, the SDK, Node's HTTP client, the loopback socket,
// mapping — is counted as added.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  DEFAULT_USERS,
  type FakeKimai,
  type FakeUser,
  type RecordedRequest,
  rememberPlugin,
  startFakeKimai,
} from '../mcp-server/providers/kimai/fake-kimai.ts';
import { measureSteps, SESSION_VS_KIMAI_MCP, startCountingSession } from '../mcp-server/providers/kimai/request-scenario.ts';
import { legacyOpening, makeTempDir, removeTempDir, serverEnv, spawnRawServer, TOOLS_LIST_ID } from '../support/raw-stdio.ts';
import { describeTiming, roundSummary, summarize, type Summary } from './stats.ts';

const WARMUP_CALLS = 20;
const TIMED_CALLS = 200;
const COLD_START_RUNS = 15;

export interface KimaiBenchResults {
  coldStart: { summary: Summary; requestsBeforeToolsList: number };
  requestsPerCall: Array<{ call: string; requests: number }>;
  sessionVsKimaiMcp: {
    steps: Array<{ step: string; punchcard: number; kimaiMcp: number }>;
    punchcard: number;
    kimaiMcp: number;
    punchcardCalls: number;
    kimaiMcpCalls: number;
  };
  timerStatus: { total: Summary; kimai: Summary; added: Summary };
  clockIn: { total: Summary; kimai: Summary; added: Summary };
}

type Row = (benchmark: string, result: string) => void;

export async function kimaiBenchmarks(row: Row, progress: (text: string) => void): Promise<KimaiBenchResults> {
  progress(`Kimai: cold start, ${COLD_START_RUNS} runs`);
  const coldStart = await kimaiColdStarts();
  row('Kimai cold start (initialize + tools/list, plugin answer remembered)', describeTiming(coldStart.summary));
  row('  Kimai requests before the tools/list answer', `${coldStart.requestsBeforeToolsList}`);
  progress('Kimai: an eight-step session against kimai-mcp');
  const sessionVsKimaiMcp = await sessionAgainstKimaiMcp();
  for (const step of sessionVsKimaiMcp.steps) row(`Kimai session step "${step.step}": requests Punchcard / kimai-mcp`, `${step.punchcard} / ${step.kimaiMcp}`);
  row(
    'Kimai session of 8 steps, cold start: requests Punchcard / kimai-mcp (tool calls)',
    `${sessionVsKimaiMcp.punchcard} / ${sessionVsKimaiMcp.kimaiMcp} (${sessionVsKimaiMcp.punchcardCalls} / ${sessionVsKimaiMcp.kimaiMcpCalls} tool calls)`,
  );
  progress('Kimai: requests per tool call');
  const session = await startCountingSession();
  try {
    const measured = await measureSteps(session);
    for (const step of measured) row(`Kimai requests: ${step.label}`, `${step.requests.length}`);

    progress(`Kimai: added latency, ${WARMUP_CALLS} warm-up and ${TIMED_CALLS} timed calls each`);
    const call = async (name: string, args: Record<string, unknown> = {}) => {
      const result = await session.engine.call(name, args);
      if (result.isError) throw new Error(`${name} failed: ${JSON.stringify(result.content)}`);
    };
    const timerStatus = await addedLatency(session.fake, () => call('timer_status'));
    const clockIn = await addedLatency(
      session.fake,
      () => call('clock_in', { project: 'Website', activity: 'Design' }),
      () => call('clock_out'),
    );
    for (const [name, result] of [
      ['timer_status', timerStatus],
      ['clock_in', clockIn],
    ] as const) {
      row(`Kimai ${name}: whole call at the client`, describeTiming(result.total, 'call'));
      row(`  of which the fake Kimai's own time`, describeTiming(result.kimai, 'call'));
      row(`  added by Punchcard (call − Kimai's time)`, describeTiming(result.added, 'call'));
    }
    return {
      coldStart: { summary: roundSummary(coldStart.summary), requestsBeforeToolsList: coldStart.requestsBeforeToolsList },
      requestsPerCall: measured.map((step) => ({ call: step.label, requests: step.requests.length })),
      sessionVsKimaiMcp,
      timerStatus: roundAll(timerStatus),
      clockIn: roundAll(clockIn),
    };
  } finally {
    await session.close();
  }
}

/** Spawn → tools/list answered, for a server configured for Kimai that knows the plugin answer from its last start. */
async function kimaiColdStarts(): Promise<{ summary: Summary; requestsBeforeToolsList: number }> {
  const fake = await startFakeKimai({ config: { absencePlugin: true } });
  const samples: number[] = [];
  let requestsBeforeToolsList = 0;
  try {
    for (let run = -1; run < COLD_START_RUNS; run++) {
      const dir = makeTempDir();
      writeFileSync(join(dir, 'config.json'), JSON.stringify({ schemaVersion: 1, provider: { type: 'kimai', url: fake.url } }));
      rememberPlugin(dir, fake.url, true);
      const before = fake.requests.length;
      const server = spawnRawServer(['--user-data', dir], serverEnv(dir, { PUNCHCARD_KIMAI_TOKEN: (DEFAULT_USERS[0] as FakeUser).token }));
      server.send(...legacyOpening());
      const response = await server.response(TOOLS_LIST_ID);
      if (response.message.error) throw new Error(`tools/list failed: ${response.message.error.message}`);
      requestsBeforeToolsList = Math.max(requestsBeforeToolsList, fake.requests.length - before);
      if (run >= 0) samples.push(response.at - server.spawnedAt);
      await server.close();
      removeTempDir(dir);
    }
  } finally {
    await fake.close();
  }
  return { summary: summarize(samples), requestsBeforeToolsList };
}

async function addedLatency(fake: FakeKimai, timed: () => Promise<void>, between?: () => Promise<void>) {
  const total: number[] = [];
  const kimai: number[] = [];
  const added: number[] = [];
  for (let index = -WARMUP_CALLS; index < TIMED_CALLS; index++) {
    const before = fake.requests.length;
    const started = performance.now();
    await timed();
    const elapsed = performance.now() - started;
    const serverMs = busyMs(fake.requests.slice(before));
    if (between) await between();
    if (index < 0) continue;
    total.push(elapsed);
    kimai.push(serverMs);
    added.push(elapsed - serverMs);
  }
  return { total: summarize(total), kimai: summarize(kimai), added: summarize(added) };
}

async function sessionAgainstKimaiMcp(): Promise<KimaiBenchResults['sessionVsKimaiMcp']> {
  const session = await startCountingSession({ afterConnectionTest: true });
  try {
    const measured = await measureSteps(session, SESSION_VS_KIMAI_MCP);
    const steps = SESSION_VS_KIMAI_MCP.map((step, index) => ({
      step: step.label,
      punchcard: measured[index]?.requests.length ?? 0,
      kimaiMcp: step.kimaiMcp.requests,
    }));
    return {
      steps,
      punchcard: steps.reduce((sum, step) => sum + step.punchcard, 0),
      kimaiMcp: steps.reduce((sum, step) => sum + step.kimaiMcp, 0),
      punchcardCalls: SESSION_VS_KIMAI_MCP.length,
      kimaiMcpCalls: SESSION_VS_KIMAI_MCP.reduce((sum, step) => sum + step.kimaiMcp.toolCalls, 0),
    };
  } finally {
    await session.close();
  }
}

/** How long at least one of `requests` was with the back end: the union of their intervals. */
export function busyMs(requests: ReadonlyArray<Pick<RecordedRequest, 'receivedAt' | 'answeredAt'>>): number {
  const spans = requests
    .filter((request) => request.answeredAt > 0)
    .map((request) => [request.receivedAt, request.answeredAt] as const)
    .sort((a, b) => a[0] - b[0]);
  let total = 0;
  let end = -Infinity;
  for (const [from, to] of spans) {
    if (to <= end) continue;
    total += to - Math.max(from, end);
    end = to;
  }
  return total;
}

function roundAll(result: { total: Summary; kimai: Summary; added: Summary }) {
  return { total: roundSummary(result.total), kimai: roundSummary(result.kimai), added: roundSummary(result.added) };
}
