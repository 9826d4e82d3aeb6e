// Registration with a 100 MB ~/.claude.json, for `npm run bench`: the time and peak memory of
// `register claude-code` and `unregister claude-code` over the built CLI, each beside the floor, the
// way Claude Code itself reads the file (read it whole, JSON.parse), measured in the same loop.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { claudeCodeHistory } from '../support/big-config.ts';
import { SERVER_BUNDLE } from '../support/engine.ts';
import { round, summarize } from './stats.ts';

type Row = (benchmark: string, result: string, target?: { text: string; met: boolean }) => void;

const FILE_MB = 100;
const ROUNDS = 3;

interface Run {
  ms: number;
  peakMb: number;
}

export interface BigConfigResults {
  fileMb: number;
  rounds: number;
  register: { ms: number; peakMb: number };
  unregister: { ms: number; peakMb: number };
  claudeCodeRead: { ms: number; peakMb: number };
  byteExact: boolean;
}

/** Runs node with `args` and reports its wall time and peak RSS, which it writes itself on exit. */
function timed(args: string[], home: string): Run {
  const reportPeak = "process.on('exit',()=>process.stderr.write('\\npeak-rss-kb '+process.resourceUsage().maxRSS+'\\n'))";
  const started = performance.now();
  const result = spawnSync(realpathSync(process.execPath), ['--import', `data:text/javascript,${encodeURIComponent(reportPeak)}`, ...args], {
    env: { PATH: '/usr/bin:/bin', HOME: home },
    encoding: 'utf8',
  });
  const ms = performance.now() - started;
  const peak = /peak-rss-kb (\d+)/.exec(result.stderr);
  if (result.status !== 0 || !peak) throw new Error(`${args.join(' ')} failed: ${result.stderr}`);
  return { ms, peakMb: Number(peak[1]) / 1024 };
}

export function bigConfigBenchmarks(row: Row, progress: (text: string) => void): BigConfigResults {
  const home = mkdtempSync(join(tmpdir(), 'punchcard-bench-big-'));
  try {
    const path = join(home, '.claude.json');
    const original = claudeCodeHistory(FILE_MB * 1024 * 1024);
    writeFileSync(path, original);
    const readByClaudeCode = `JSON.parse(require('node:fs').readFileSync(${JSON.stringify(path)}, 'utf8'))`;
    const runs = { register: [] as Run[], unregister: [] as Run[], read: [] as Run[] };
    let byteExact = true;
    progress(`registering with a ${FILE_MB} MB ~/.claude.json, ${ROUNDS} rounds`);
    for (let round = 0; round < ROUNDS; round++) {
      runs.read.push(timed(['-e', readByClaudeCode], home));
      runs.register.push(timed([SERVER_BUNDLE, 'register', 'claude-code'], home));
      runs.unregister.push(timed([SERVER_BUNDLE, 'unregister', 'claude-code'], home));
      byteExact &&= readFileSync(path).equals(original);
    }
    const median = (list: Run[]) => ({
      ms: round(summarize(list.map((run) => run.ms)).median, 0),
      peakMb: round(Math.max(...list.map((run) => run.peakMb)), 1),
    });
    const results: BigConfigResults = {
      fileMb: round(original.length / 1024 / 1024, 1),
      rounds: ROUNDS,
      register: median(runs.register),
      unregister: median(runs.unregister),
      claudeCodeRead: median(runs.read),
      byteExact,
    };
    const floor = results.claudeCodeRead;
    const describe = (run: { ms: number; peakMb: number }) =>
      `${run.ms} ms (${(run.ms / floor.ms).toFixed(1)}× the floor), peak ${run.peakMb} MB (${(run.peakMb / floor.peakMb).toFixed(1)}×)`;
    row(`${results.fileMb} MB ~/.claude.json: Claude Code's own read (the floor: read + JSON.parse)`, `${floor.ms} ms, peak ${floor.peakMb} MB`);
    row('  register claude-code (median; peak RSS of the CLI)', describe(results.register));
    row('  unregister claude-code', describe(results.unregister));
    row('  file after unregister', byteExact ? 'byte-exact in every round' : 'DIFFERENT from the original', { text: 'byte-exact', met: byteExact });
    return results;
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}
