// working_time for `npm run bench` (docs/working-time.md): on Kimai and Clockify, with the ArbZG's rules
// on, over 24 weeks of work (the reference period of section 3's average): a month and a quarter, each beside
// time_report over the same days, in the same loop: the requests each call sends to the back end, and
// the time a call takes. The reads working_time needs are time_report's (the entries and the leave of
// the range) plus the balance's since 1 January, so the ratio says what the rules cost over a report.
import './product-pace.ts';
import * as clockify from '../mcp-server/providers/clockify/request-scenario.ts';
import * as kimai from '../mcp-server/providers/kimai/request-scenario.ts';
import { ADA as CLOCKIFY_ADA, addEntry, at, SEED } from '../mcp-server/providers/clockify/fake-clockify.ts';
import type { AnyEngineHandle } from '../support/engine.ts';
import { textOf } from '../support/engine.ts';
import { describeTiming, roundSummary, summarize, type Summary } from './stats.ts';

type Row = (benchmark: string, result: string, target?: { text: string; met: boolean }) => void;

/** The scenarios' now is Wednesday 18 November 2026; the work seeded ends the day before. */
const LAST_DAY = '2026-11-17';
/** 24 weeks back from the last day: section 3 ArbZG's reference period. */
const FIRST_DAY = '2026-06-03';
const TIMED_CALLS = 10;

// A month checks section 3's average over the 24 weeks before its last day, so both read the 24 weeks
// seeded; a quarter (92 days) is the most one call takes.
const RANGES = [
  { name: 'the month', args: { from: '2026-11-01', to: LAST_DAY } },
  { name: 'a quarter', args: { from: '2026-08-18', to: LAST_DAY } },
] as const;

export interface WorkingTimeBenchResults {
  backEnd: string;
  entries: number;
  calls: Array<{ tool: string; range: string; firstRequests: number; againRequests: number; time: Summary }>;
}

/** Every weekday of the 24 weeks: 08:00–12:00 and 12:45–17:00, and on Thursdays 07:00–12:00 and 12:30–18:30 (11 h: a finding). */
function workdays(): Array<{ date: string; spans: Array<[string, string]> }> {
  const days: Array<{ date: string; spans: Array<[string, string]> }> = [];
  for (let day = Date.parse(`${FIRST_DAY}T12:00:00Z`); day <= Date.parse(`${LAST_DAY}T12:00:00Z`); day += 86_400_000) {
    const weekday = new Date(day).getUTCDay();
    if (weekday === 0 || weekday === 6) continue;
    const date = new Date(day).toISOString().slice(0, 10);
    days.push({
      date,
      spans:
        weekday === 4
          ? [
              ['07:00', '12:00'],
              ['12:30', '18:30'],
            ]
          : [
              ['08:00', '12:00'],
              ['12:45', '17:00'],
            ],
    });
  }
  return days;
}

async function measure(
  engine: AnyEngineHandle,
  requests: () => number,
  tool: 'working_time' | 'time_report',
  args: Record<string, string>,
): Promise<{ firstRequests: number; againRequests: number; time: Summary }> {
  const call = async () => {
    const before = requests();
    const started = performance.now();
    const result = await engine.call(tool, args);
    const ms = performance.now() - started;
    if (result.isError) throw new Error(`${tool} failed: ${textOf(result)}`);
    return { ms, requests: requests() - before };
  };
  const first = await call();
  const again = await call();
  const times: number[] = [];
  for (let index = 0; index < TIMED_CALLS; index++) times.push((await call()).ms);
  return { firstRequests: first.requests, againRequests: again.requests, time: roundSummary(summarize(times)) };
}

async function benchOne(
  backEnd: string,
  session: { engine: AnyEngineHandle; close(): Promise<void> },
  requests: () => number,
  entries: number,
  row: Row,
  progress: (text: string) => void,
): Promise<WorkingTimeBenchResults> {
  const calls: WorkingTimeBenchResults['calls'] = [];
  try {
    for (const range of RANGES) {
      progress(`${backEnd}: working_time and time_report over ${range.name}`);
      // working_time first: its first call is the engine's first over these days.
      const rules = await measure(session.engine, requests, 'working_time', range.args);
      const report = await measure(session.engine, requests, 'time_report', range.args);
      calls.push({ tool: 'time_report', range: range.name, ...report }, { tool: 'working_time', range: range.name, ...rules });
      row(
        `${backEnd} working_time over ${range.name} (${entries} entries seeded), requests first / again; time_report beside it`,
        `${rules.firstRequests} / ${rules.againRequests}; time_report ${report.firstRequests} / ${report.againRequests}`,
      );
      row(
        `${backEnd} working_time over ${range.name}: time a call (time_report beside it, ratio of medians)`,
        `${describeTiming(rules.time, 'call')}; time_report ${describeTiming(report.time, 'call')}; ${(rules.time.median / report.time.median).toFixed(2)}×`,
      );
    }
  } finally {
    await session.close();
  }
  return { backEnd, entries, calls };
}

export async function workingTimeBenchmarks(row: Row, progress: (text: string) => void): Promise<WorkingTimeBenchResults[]> {
  const days = workdays();
  const results: WorkingTimeBenchResults[] = [];

  const onKimai = await kimai.startCountingSession({ workingTime: { rules: 'de' } });
  const project = onKimai.fake.state.projects.find((item) => item.name === 'Website');
  const activity = onKimai.fake.state.activities.find((item) => item.name === 'Design');
  if (!project || !activity) throw new Error('The Kimai scenario has no Website/Design to book on.');
  let kimaiEntries = 0;
  for (const day of days) {
    for (const [start, end] of day.spans) {
      onKimai.fake.addTimesheet({
        userId: kimai.ADA.id,
        begin: at(day.date, start),
        end: at(day.date, end),
        projectId: project.id,
        activityId: activity.id,
      });
      kimaiEntries += 1;
    }
  }
  results.push(await benchOne('Kimai', onKimai, () => onKimai.fake.requests.length, kimaiEntries, row, progress));

  const onClockify = await clockify.startCountingSession({ workingTime: { rules: 'de' } });
  let clockifyEntries = 0;
  for (const day of days) {
    for (const [start, end] of day.spans) {
      addEntry(onClockify.fake, {
        userId: CLOCKIFY_ADA.id,
        start: at(day.date, start),
        end: at(day.date, end),
        projectId: SEED.projects.website,
        taskId: SEED.tasks.development,
      });
      clockifyEntries += 1;
    }
  }
  results.push(await benchOne('Clockify', onClockify, () => onClockify.fake.requests.length, clockifyEntries, row, progress));
  return results;
}
