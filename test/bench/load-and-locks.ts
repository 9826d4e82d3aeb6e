// Memory under sustained load, and how long tools/list takes while another program holds the
// timesheet locked. Both over raw stdio against the built server, on the local timesheet.
import { join } from 'node:path';
import { ENGINE_NODE_FLAGS } from '../../mcp-server/engine-flags.ts';
import { openTimesheet } from '../../mcp-server/providers/local/database.ts';
import { legacyOpening, makeTempDir, type RawServer, removeTempDir, residentMemory, serverEnv, spawnRawServer } from '../support/raw-stdio.ts';
import { holdExclusiveLock } from '../support/exclusive-lock.ts';
import { round, roundSummary, summarize, type Summary } from './stats.ts';

const LOAD_CALLS = 20_000;
/** Requests in flight at once: enough to keep the server busy every moment, as a fast client would. */
const IN_FLIGHT = 32;
const LOCKED_LISTS = 30;

type Row = (benchmark: string, result: string, target?: { text: string; met: boolean }) => void;

interface LoadRun {
  callsPerSecond: number;
  rssIdleMb: number | null;
  rssPeakDuringLoadMb: number | null;
  rssAfterLoadMb: number | null;
  rssAfterLoadSettledMb: number | null;
}

export interface LoadBenchResults {
  calls: number;
  /** Launched as every entry launches it, with ENGINE_NODE_FLAGS. */
  asLaunched: LoadRun;
  /** The same bundle without the flags: Node's and V8's defaults for this machine. */
  withoutFlags: LoadRun;
  toolsListMs: { unlocked: Summary; locked: Summary; ratio: number };
}

export async function loadAndLockBenchmarks(row: Row, progress: (text: string) => void): Promise<LoadBenchResults> {
  const dir = makeTempDir();
  try {
    (await openTimesheet(join(dir, 'punchcard.db'))).db.close();
    progress(`${LOAD_CALLS.toLocaleString('en-US')} tool calls at full speed, with the engine's flags and without`);
    const asLaunched = await loadRun(dir, { NODE_OPTIONS: ENGINE_NODE_FLAGS.join(' ') });
    const withoutFlags = await loadRun(dir, {});

    // A backup tool or an open sqlite3 with an exclusive lock shuts readers out of a file nobody else
    // has open (SQLite refuses that lock while a WAL reader is attached), so the lock is taken
    // before this server first opens the timesheet.
    progress(`tools/list with and without another process holding the timesheet locked (${LOCKED_LISTS} each)`);
    const lock = holdExclusiveLock(join(dir, 'punchcard.db'));
    await lock.locked;
    const server = spawnRawServer(['--user-data', dir], serverEnv(dir));
    server.send(...legacyOpening());
    await server.response(2);
    await callOnce(server, 3, 'whoami');
    const unlocked = await timeLists(server, 200_000);
    server.send({ jsonrpc: '2.0', id: 300_000, method: 'tools/call', params: { name: 'timer_status', arguments: {} } });
    await settle(100);
    const locked = await timeLists(server, 400_000);
    const waitingCallAnswered = server.messages().some((message) => message.id === 300_000);
    await lock.release();
    await server.response(300_000);
    await server.close();

    const unlockedSummary = roundSummary(summarize(unlocked));
    const lockedSummary = roundSummary(summarize(locked));
    const results: LoadBenchResults = {
      calls: LOAD_CALLS,
      asLaunched,
      withoutFlags,
      toolsListMs: { unlocked: unlockedSummary, locked: lockedSummary, ratio: round(lockedSummary.median / unlockedSummary.median, 2) },
    };
    const mb = (value: number | null) => (value === null ? 'n/a' : `${value.toFixed(1)} MB`);
    const describe = (run: LoadRun) =>
      `${mb(run.rssIdleMb)} / ${mb(run.rssPeakDuringLoadMb)} / ${mb(run.rssAfterLoadMb)} / ${mb(run.rssAfterLoadSettledMb)} (${run.callsPerSecond} calls/s)`;
    row(`Server RSS, ${LOAD_CALLS.toLocaleString('en-US')} calls: idle / peak / right after / 2 s later, as launched`, describe(asLaunched));
    row('  the same without the engine flags (V8 defaults)', describe(withoutFlags));
    row(
      'tools/list median while another process holds the timesheet locked (vs not locked)',
      `${lockedSummary.median} ms vs ${unlockedSummary.median} ms (×${results.toolsListMs.ratio}); the locked call ${waitingCallAnswered ? 'answered first (!)' : 'still waiting'}`,
    );
    return results;
  } finally {
    removeTempDir(dir);
  }
}

async function loadRun(dir: string, env: Record<string, string>): Promise<LoadRun> {
  const server = spawnRawServer(['--user-data', dir], serverEnv(dir, env));
  server.send(...legacyOpening());
  await server.response(2);
  await callOnce(server, 3, 'timer_status');
  await settle();
  const idle = residentMemory(server.pid);
  let peak = idle?.rssMb ?? 0;
  const sampler = setInterval(() => {
    const now = residentMemory(server.pid);
    if (now) peak = Math.max(peak, now.rssMb);
  }, 20);
  const started = performance.now();
  let nextId = 100;
  const worker = async () => {
    while (nextId < 100 + LOAD_CALLS) {
      const id = nextId++;
      // Reads and writes: what a busy client sends (status checks, a clock in and out).
      const name = id % 10 === 0 ? 'clock_in' : id % 10 === 5 ? 'clock_out' : id % 2 === 0 ? 'timer_status' : 'whoami';
      await callOnce(server, id, name, name === 'clock_in' ? { switch: true, description: `load ${id}` } : {});
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  const afterLoad = residentMemory(server.pid);
  await settle(2_000);
  const settled = residentMemory(server.pid);
  await server.close();
  return {
    callsPerSecond: Math.round(LOAD_CALLS / seconds),
    rssIdleMb: idle && round(idle.rssMb, 1),
    rssPeakDuringLoadMb: round(peak, 1),
    rssAfterLoadMb: afterLoad && round(afterLoad.rssMb, 1),
    rssAfterLoadSettledMb: settled && round(settled.rssMb, 1),
  };
}

async function callOnce(server: RawServer, id: number, name: string, args: Record<string, unknown> = {}): Promise<void> {
  server.send({ jsonrpc: '2.0', id, method: 'tools/call', params: { name, arguments: args } });
  const { message } = await server.response(id);
  if (message.error) throw new Error(`${name} failed: ${message.error.message}`);
}

async function timeLists(server: RawServer, firstId: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < LOCKED_LISTS; i++) {
    const sentAt = performance.now();
    server.send({ jsonrpc: '2.0', id: firstId + i, method: 'tools/list', params: {} });
    times.push((await server.response(firstId + i)).at - sentAt);
  }
  return times;
}

function settle(ms = 300): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
