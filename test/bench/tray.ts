// The tray's clock-in for `npm run bench`: click → the updated status the tray and the window show,
// through the app's own engine client (main/engine) and the built bundle over stdio, with the
// engine started and warmed first — what a person waits for after the first click of the day. The
// timesheet holds a year of history (~6 entries a working day), so "recent projects" reads a
// realistic month of entries.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createEngineClient, type EngineClient } from '../../main/engine/engine-client.ts';
import { type EngineLaunch, serveArguments } from '../../main/engine/launch.ts';
import { createTimesheet } from '../../main/engine/timesheet.ts';
import { SERVER_BUNDLE } from '../support/engine.ts';
import { makeTempDir, removeTempDir } from '../support/raw-stdio.ts';
import { seedDatabase, type SeedResult } from './seed.ts';
import { formatMs, percentile, round, roundSummary, summarize, type Summary } from './stats.ts';

const WARMUP_PAIRS = 20;
const TIMED_PAIRS = 100;
const TIMED_STATUSES = 100;
/** A Wednesday morning, with two days of the week already worked and five still planned. */
const NOW = '2026-11-18T10:00:00+01:00';
const TARGET_MS = 50;

export interface Timing {
  summary: Summary;
  p95: number;
}

export interface TrayBenchResults {
  seed: Pick<SeedResult, 'entries' | 'entriesInRange'>;
  warmupPairs: number;
  callsPerStatus: number;
  clockIn: Timing;
  clockOut: Timing;
  status: Timing;
  targetMs: number;
  met: boolean;
}

type Row = (benchmark: string, result: string, target?: { text: string; met: boolean }) => void;

export async function trayBenchmarks(row: Row, progress: (text: string) => void): Promise<TrayBenchResults> {
  const dir = makeTempDir();
  writeFileSync(join(dir, 'config.json'), JSON.stringify({ schemaVersion: 1, timezone: 'Europe/Berlin' }));
  const seed = await seedDatabase({
    path: join(dir, 'punchcard.db'),
    entries: 1_500,
    firstDay: '2025-11-17',
    lastDay: '2026-11-17',
    timezone: 'Europe/Berlin',
    midnightShare: 0.015,
    countRange: { from: Date.parse('2026-10-20T00:00:00+02:00'), to: Date.parse('2026-11-19T00:00:00+01:00') },
  });
  const launch: EngineLaunch = {
    command: process.execPath,
    script: SERVER_BUNDLE,
    userDataDir: dir,
    env: { HOME: dir, TZ: 'Europe/Berlin', PUNCHCARD_NOW: NOW },
  };
  const engine = createEngineClient({
    command: launch.command,
    args: serveArguments(launch),
    env: launch.env ?? {},
    parentEnv: { PATH: process.env.PATH ?? '' },
    requiredFiles: [launch.script],
    log: () => {},
  });
  let calls = 0;
  const counting: EngineClient = {
    ...engine,
    callTool: (name, args) => {
      calls++;
      return engine.callTool(name, args);
    },
  };
  const timesheet = createTimesheet(counting, { launch, log: () => {} });
  try {
    progress(`tray: engine warm-up and ${WARMUP_PAIRS} pairs, then ${TIMED_PAIRS} timed clock-in/clock-out pairs and ${TIMED_STATUSES} statuses`);
    await timesheet.getStatus();
    for (let pair = 0; pair < WARMUP_PAIRS; pair++) {
      await timesheet.clockIn({ project: 'Website relaunch' });
      await timesheet.clockOut();
    }
    const ins: number[] = [];
    const outs: number[] = [];
    for (let pair = 0; pair < TIMED_PAIRS; pair++) {
      const started = performance.now();
      const clockedIn = await timesheet.clockIn({ project: 'Website relaunch' });
      const middle = performance.now();
      const clockedOut = await timesheet.clockOut();
      ins.push(middle - started);
      outs.push(performance.now() - middle);
      if (!clockedIn.running || clockedOut.running) throw new Error('The status did not follow the clock.');
    }
    const statuses: number[] = [];
    for (let run = 0; run < TIMED_STATUSES; run++) {
      const started = performance.now();
      calls = 0;
      await timesheet.getStatus();
      statuses.push(performance.now() - started);
    }
    const callsPerStatus = calls;
    const clockIn = timing(ins);
    const clockOut = timing(outs);
    const status = timing(statuses);
    const met = clockIn.p95 <= TARGET_MS && clockOut.p95 <= TARGET_MS;
    const described = (value: Timing, unit: string) => `median ${formatMs(value.summary.median)}, p95 ${formatMs(value.p95)} (n=${value.summary.runs} ${unit})`;
    row(`Tray clock-in → updated status, warm engine (${seed.entriesInRange} entries in the last 30 days)`, described(clockIn, 'clicks'), {
      text: `p95 ≤ ${TARGET_MS} ms`,
      met: clockIn.p95 <= TARGET_MS,
    });
    row('  tray clock-out → updated status', described(clockOut, 'clicks'), { text: `p95 ≤ ${TARGET_MS} ms`, met: clockOut.p95 <= TARGET_MS });
    row(`  status alone (${callsPerStatus} tool calls, sent at once)`, described(status, 'runs'));
    return {
      seed: { entries: seed.entries, entriesInRange: seed.entriesInRange },
      warmupPairs: WARMUP_PAIRS,
      callsPerStatus,
      clockIn: roundTiming(clockIn),
      clockOut: roundTiming(clockOut),
      status: roundTiming(status),
      targetMs: TARGET_MS,
      met,
    };
  } finally {
    await engine.close();
    removeTempDir(dir);
  }
}

function timing(samples: number[]): Timing {
  return {
    summary: summarize(samples),
    p95: percentile(
      [...samples].sort((a, b) => a - b),
      95,
    ),
  };
}

function roundTiming(value: Timing): Timing {
  return { summary: roundSummary(value.summary), p95: round(value.p95) };
}
