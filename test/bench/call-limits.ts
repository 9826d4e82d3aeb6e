// What a call costs when a back end misbehaves, for `npm run bench`: how long a call takes to end
// against a Kimai that never answers (a request's own deadline ends it) and one that answers every
// request slowly (the call's deadline ends it), and whether anything is sent after; and the engine's
// peak memory while Kimai sends a body that never ends, and four 120 MB bodies at once, under the
// heap flags a registered entry runs with. Measured, never asserted (docs/decisions.md, "Benchmarks
// measure, tests assert").
import { CALL_DEADLINE_MS, MAX_ANSWER_BYTES } from '../../mcp-server/domain/call-limits.ts';
import { ENGINE_NODE_FLAGS } from '../../mcp-server/engine-flags.ts';
import { DEFAULT_TIMEOUT_MS } from '../../mcp-server/providers/remote/json-http.ts';
import { makeUserDataDir, startEngine, textOf } from '../support/engine.ts';
import { untilQuiet } from '../support/fake-server.ts';
import { residentMemory } from '../support/raw-stdio.ts';
import { DEFAULT_USERS, type FakeKimai, type FakeUser, rememberPlugin, seedCatalog, startFakeKimai } from '../mcp-server/providers/kimai/fake-kimai.ts';
import { round } from './stats.ts';

type Row = (benchmark: string, result: string, target?: { text: string; met: boolean }) => void;

const MB = 1024 * 1024;
/** Slower than a request's own deadline: the first request of the call is never answered in time. */
const NEVER_MS = DEFAULT_TIMEOUT_MS + 5_000;
/** Under a request's own deadline, so only the call's deadline ends a call of many such requests. */
const SLOW_MS = 10_000;

export interface CallLimitResults {
  deadlineMs: number;
  neverAnswers: { ms: number; answer: string };
  answersSlowly: { ms: number; answer: string; requestsAfter: number };
  endlessBody: { capMb: number; idleRssMb: number | null; peakMb: number | null; answer: string; servedAfter: boolean };
  fourLargeBodies: { peakMb: number | null; servedAfter: boolean };
}

async function kimaiEngine() {
  const fake = await startFakeKimai({ users: [DEFAULT_USERS[0] as FakeUser] });
  seedCatalog(fake);
  const dir = makeUserDataDir({ provider: { type: 'kimai', url: fake.url } });
  rememberPlugin(dir, fake.url, true);
  const engine = await startEngine({ userDataDir: dir, nodeFlags: ENGINE_NODE_FLAGS, env: { PUNCHCARD_KIMAI_TOKEN: (DEFAULT_USERS[0] as FakeUser).token } });
  if ((await engine.call('whoami')).isError) throw new Error(`whoami failed: ${engine.stderr()}`);
  return {
    fake,
    engine,
    close: async () => {
      await engine.close();
      await fake.close();
    },
  };
}

/** A week's report whose thirty pages each take `delayMs`: its time to end, its answer, and what was asked after. */
async function slowReport(delayMs: number): Promise<{ ms: number; answer: string; requestsAfter: number }> {
  const { fake, engine, close } = await kimaiEngine();
  try {
    (fake as FakeKimai).failNext({ path: /./ }, { status: 200, body: [], headers: { 'X-Total-Pages': '30', 'X-Total-Count': '15000' }, delayMs, times: 1_000 });
    const started = performance.now();
    const result = await engine.call('time_report', {});
    const ms = performance.now() - started;
    await untilQuiet(fake.requests);
    const atEnd = fake.requests.length;
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    return { ms, answer: textOf(result), requestsAfter: fake.requests.length - atEnd };
  } finally {
    await close();
  }
}

export async function callLimitBenchmarks(row: Row, progress: (text: string) => void): Promise<CallLimitResults> {
  progress('Call limits: a Kimai that never answers in time');
  const never = await slowReport(NEVER_MS);
  row('A call against a back end that never answers (Kimai, time_report): time to its answer', `${(never.ms / 1000).toFixed(1)} s: "${never.answer}"`, {
    text: `≈ ${DEFAULT_TIMEOUT_MS / 1000} s (a request's own deadline)`,
    met: never.ms < DEFAULT_TIMEOUT_MS + 2_000,
  });
  progress(`Call limits: a Kimai that answers each request in ${SLOW_MS / 1000} s (up to the call deadline)`);
  const slow = await slowReport(SLOW_MS);
  row(
    `A call against a back end that answers each request in ${SLOW_MS / 1000} s (thirty pages): time to its answer`,
    `${(slow.ms / 1000).toFixed(1)} s: "${slow.answer}"`,
    {
      text: `≈ ${CALL_DEADLINE_MS / 1000} s (the call deadline)`,
      met: slow.ms < CALL_DEADLINE_MS + 2_000,
    },
  );
  row('  requests that reached the back end after the call was answered', `${slow.requestsAfter}`, { text: '0', met: slow.requestsAfter === 0 });

  progress('Call limits: the engine while Kimai sends a body that never ends');
  const endlessBody = await (async () => {
    const { fake, engine, close } = await kimaiEngine();
    try {
      const pid = engine.transport.pid as number;
      const idle = residentMemory(pid);
      (fake as FakeKimai).failNext({ path: '/api/timesheets/active' }, { status: 200, flood: { bytes: 'endless' } });
      const answer = textOf(await engine.call('timer_status'));
      const peak = residentMemory(pid);
      const servedAfter = (await engine.call('timer_status')).isError !== true;
      return { capMb: MAX_ANSWER_BYTES / MB, idleRssMb: idle && round(idle.rssMb, 1), peakMb: peak && round(peak.peakMb, 1), answer, servedAfter };
    } finally {
      await close();
    }
  })();
  row(
    `Engine peak memory (RSS) while Kimai sends a body that never ends (heap flags; ${endlessBody.capMb} MB read at most)`,
    `${endlessBody.peakMb ?? 'n/a'} MB (${endlessBody.idleRssMb ?? 'n/a'} MB before); next call ${endlessBody.servedAfter ? 'served' : 'FAILED'}: "${endlessBody.answer}"`,
  );
  const fourLargeBodies = await (async () => {
    const { fake, engine, close } = await kimaiEngine();
    try {
      const pid = engine.transport.pid as number;
      (fake as FakeKimai).failNext({ path: '/api/timesheets/active' }, { status: 200, flood: { bytes: 120 * MB }, times: 4 });
      await Promise.all(Array.from({ length: 4 }, () => engine.call('timer_status')));
      const peak = residentMemory(pid);
      const servedAfter = (await engine.call('timer_status')).isError !== true;
      return { peakMb: peak && round(peak.peakMb, 1), servedAfter };
    } finally {
      await close();
    }
  })();
  row('  the same, four 120 MB bodies at once', `${fourLargeBodies.peakMb ?? 'n/a'} MB; next call ${fourLargeBodies.servedAfter ? 'served' : 'FAILED'}`);
  return {
    deadlineMs: CALL_DEADLINE_MS,
    neverAnswers: { ms: round(never.ms, 0), answer: never.answer },
    answersSlowly: { ms: round(slow.ms, 0), answer: slow.answer, requestsAfter: slow.requestsAfter },
    endlessBody,
    fourLargeBodies,
  };
}
