// The worst a single tool call can cost, for `npm run bench`: on each remote back end the heaviest
// legitimate calls (every range at its limit, a busy person's two years, a fresh engine each:
// test/support/heaviest-calls.ts) with their requests, time and the engine's peak memory; and the
// attack the limits stop (request_leave from 0001-01-01 to 9999-12-31) on the local timesheet, as a
// registered entry runs it, with the heap flags. Then the team tools' heaviest calls on each back end
// that offers them (a lead's team of 300: test/support/heaviest-team-calls.ts), the same way.
import { MAX_ANSWER_BYTES_PER_CALL, MAX_REQUESTS_PER_CALL } from '../../mcp-server/domain/call-limits.ts';
import { ENGINE_NODE_FLAGS } from '../../mcp-server/engine-flags.ts';
import { startEngine } from '../support/engine.ts';
import { HEAVY_BACK_ENDS, type HeavyBackEnd, type HeavyResult, measureHeavyCall } from '../support/heaviest-calls.ts';
import { HEAVY_TEAM_BACK_ENDS } from '../support/heaviest-team-calls.ts';
import { residentMemory } from '../support/raw-stdio.ts';
import { round } from './stats.ts';

type Row = (benchmark: string, result: string, target?: { text: string; met: boolean }) => void;

interface BackEndResults {
  name: string;
  calls: Array<{ call: string; requests: number; answerKb: number; ms: number; peakMb: number | null }>;
  mostRequests: { call: string; requests: number };
  mostRead: { call: string; answerKb: number };
}

export interface WorstCallResults {
  budget: number;
  backEnds: BackEndResults[];
  slowest: { backEnd: string; call: string; ms: number; peakMb: number | null };
  attack: { ms: number; peakMb: number | null; answer: string };
  /** The team tools' heaviest calls, on the back ends that offer them. */
  team: { backEnds: BackEndResults[]; slowest: { backEnd: string; call: string; ms: number; peakMb: number | null } };
}

const peakOf = (pid: number) => residentMemory(pid)?.peakMb ?? null;
const kilobytes = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;

type Slowest = WorstCallResults['slowest'];

/**
 * Each heavy call of each back end in a fresh engine: a row per call, then per back end the most
 * requests and the most read any one call needed, against the call's limits. `kind` (' team') tells
 * the team tools' rows from the others.
 */
async function measureBackEnds(
  row: Row,
  progress: (text: string) => void,
  backEndsToMeasure: readonly HeavyBackEnd[],
  kind = '',
): Promise<{ backEnds: BackEndResults[]; slowest: Slowest }> {
  const backEnds: BackEndResults[] = [];
  let slowest: Slowest = { backEnd: '', call: '', ms: 0, peakMb: null };
  for (const backEnd of backEndsToMeasure) {
    progress(`${backEnd.name}: the heaviest${kind} calls, each in a fresh engine`);
    const results: HeavyResult[] = [];
    for (const call of backEnd.calls) {
      const result = await measureHeavyCall(backEnd, call, peakOf);
      // A known limit is measured as refused in words; any other failure fails the bench, and so does
      // an answer where the refusal was expected (the list then says something no longer true).
      const refused = call.refusal !== undefined && result.isError && call.refusal.test(result.text);
      if (result.isError && !refused) throw new Error(`${backEnd.name} ${call.label} failed: ${result.text}`);
      if (call.refusal && !refused) throw new Error(`${backEnd.name} ${call.label} was answered, not refused as its list expects.`);
      results.push(result);
      row(
        `${backEnd.name}${kind} heaviest: ${call.label}`,
        `${refused ? 'refused in words: ' : ''}${result.requests} requests, ${kilobytes(result.answerBytes)} read, ${result.ms.toFixed(0)} ms, peak ${result.peakMb?.toFixed(1) ?? 'n/a'} MB`,
      );
      if (result.ms > slowest.ms)
        slowest = { backEnd: backEnd.name, call: call.label, ms: round(result.ms, 1), peakMb: result.peakMb === null ? null : round(result.peakMb, 1) };
    }
    const most = results.reduce((a, b) => (b.requests > a.requests ? b : a));
    row(`${backEnd.name}${kind}: most requests any one call sent`, `${most.requests} (${most.call.label})`, {
      text: `≤ ${MAX_REQUESTS_PER_CALL} (the per-call budget)`,
      met: most.requests <= MAX_REQUESTS_PER_CALL,
    });
    const mostRead = results.reduce((a, b) => (b.answerBytes > a.answerBytes ? b : a));
    row(`${backEnd.name}${kind}: most any one call read`, `${kilobytes(mostRead.answerBytes)} (${mostRead.call.label})`, {
      text: `≤ ${MAX_ANSWER_BYTES_PER_CALL / 1024 / 1024} MB (a call's answers)`,
      met: mostRead.answerBytes <= MAX_ANSWER_BYTES_PER_CALL,
    });
    backEnds.push({
      name: backEnd.name,
      calls: results.map((result) => ({
        call: result.call.label,
        requests: result.requests,
        answerKb: round(result.answerBytes / 1024, 1),
        ms: round(result.ms, 1),
        peakMb: result.peakMb === null ? null : round(result.peakMb, 1),
      })),
      mostRequests: { call: most.call.label, requests: most.requests },
      mostRead: { call: mostRead.call.label, answerKb: round(mostRead.answerBytes / 1024, 1) },
    });
  }
  return { backEnds, slowest };
}

export async function worstCallBenchmarks(row: Row, progress: (text: string) => void): Promise<WorstCallResults> {
  const { backEnds, slowest } = await measureBackEnds(row, progress, HEAVY_BACK_ENDS);
  row(
    'Slowest heaviest call (time, engine peak memory)',
    `${slowest.backEnd} ${slowest.call}: ${slowest.ms.toFixed(0)} ms, ${slowest.peakMb?.toFixed(1) ?? 'n/a'} MB`,
  );

  progress('The request_leave attack on the local timesheet, with the heap flags of a registered entry');
  const engine = await startEngine({ nodeFlags: ENGINE_NODE_FLAGS, args: ['--all-tools'] });
  let attack: WorstCallResults['attack'];
  try {
    await engine.call('timer_status');
    const started = performance.now();
    const result = await engine.call('request_leave', { type: 'vacation', first_day: '0001-01-01', last_day: '9999-12-31' });
    const ms = performance.now() - started;
    const pid = engine.transport.pid;
    attack = { ms: round(ms, 2), peakMb: pid === null ? null : round(peakOf(pid) ?? 0, 1), answer: result.content.map((block) => block.text ?? '').join('\n') };
  } finally {
    await engine.close();
  }
  row(
    'request_leave 0001-01-01 to 9999-12-31 (the attack): time, engine peak memory',
    `${attack.ms.toFixed(1)} ms, ${attack.peakMb?.toFixed(1) ?? 'n/a'} MB: "${attack.answer}"`,
  );

  const team = await measureBackEnds(row, progress, HEAVY_TEAM_BACK_ENDS, ' team');
  row(
    'Slowest heaviest team call (time, engine peak memory)',
    `${team.slowest.backEnd} ${team.slowest.call}: ${team.slowest.ms.toFixed(0)} ms, ${team.slowest.peakMb?.toFixed(1) ?? 'n/a'} MB`,
  );
  return { budget: MAX_REQUESTS_PER_CALL, backEnds, slowest, attack, team };
}
