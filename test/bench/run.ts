// `npm run bench`: speed, size and memory of the built MCP server (docs/decisions.md, "Benchmarks
// measure, tests assert"). It prints a table and writes the same numbers to test-output/bench.json.
// Targets are reported, never enforced: a missed target does not change the exit code (benchmarks
// measure; tests assert).
import './product-pace.ts';
import { mkdirSync, writeFileSync } from 'node:fs';
import { arch, cpus, platform, release } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { SERVER_BUNDLE } from '../support/engine.ts';
import {
  ADMIN_GROUP,
  ADMIN_GROUP_BUDGET,
  EVIDENCE_GROUPS_BUDGET,
  evidenceGroupsChars,
  MODEL_FACING_BUDGET,
  MODEL_FACING_BUDGET_WITH_TEAM,
  modelFacingChars,
  withoutEvidenceGroups,
} from '../support/tool-list-size.ts';
import { TOOL_CATALOG } from '../../mcp-server/contract/tool-catalog.ts';
import { writeDetection } from '../../mcp-server/providers/kimai/facts.ts';
import {
  cleanUp,
  legacyOpening,
  makeTempDir,
  modernOpening,
  removeTempDir,
  residentMemory,
  serverEnv,
  spawnRawServer,
  TOOLS_LIST_ID,
} from '../support/raw-stdio.ts';
import { bigConfigBenchmarks, type BigConfigResults } from './big-config.ts';
import { firstCallBenchmarks, type FirstCallResults } from './first-call.ts';
import { coldStartBenchmarks, type ColdStartBenchResults } from './cold-start.ts';
import { kimaiBenchmarks, type KimaiBenchResults } from './kimai.ts';
import {
  calamariBenchmarks,
  clockifyBenchmarks,
  clockodoBenchmarks,
  harvestBenchmarks,
  type RemoteBenchResults,
  tempoBenchmarks,
  togglBenchmarks,
} from './remote-back-ends.ts';
import { loadAndLockBenchmarks, type LoadBenchResults } from './load-and-locks.ts';
import { promptBenchmarks, type PromptBenchResults } from './prompts.ts';
import { evidenceDayBenchmarks, type EvidenceBenchResults } from './evidence-day.ts';
import { runRendererBench, type RendererBenchResults } from './renderer.ts';
import { teamMetricsBenchmarks, type TeamMetricsBenchResults } from './team-metrics.ts';
import { teamScaleBenchmarks, type TeamScaleBenchResults } from './team-scale.ts';
import { teamServerAndPeerBenchmarks, type TeamServerBenchResults } from './team-server.ts';
import { containerImageBenchmarks, type ContainerImageResults } from './container-image.ts';
import { trayBenchmarks, type TrayBenchResults } from './tray.ts';
import { severalTrackersBenchmarks, type SeveralTrackersResults } from './several-trackers.ts';
import { type WorkingTimeBenchResults, workingTimeBenchmarks } from './working-time.ts';
import { worstCallBenchmarks, type WorstCallResults } from './worst-calls.ts';
import { callLimitBenchmarks, type CallLimitResults } from './call-limits.ts';
import { seedDatabase } from './seed.ts';
import type { SeedResult } from './seed.ts';
import { describeTiming, round, roundSummary, summarize } from './stats.ts';
import type { Summary } from './stats.ts';

const OUTPUT_FILE = resolve(import.meta.dirname, '../../test-output/bench.json');

const CLOCK_WARMUP_PAIRS = 20;
const CLOCK_TIMED_PAIRS = 250;
const REPORT_ENTRIES = 100_000;
const REPORT_WARMUP_CALLS = 5;
const REPORT_TIMED_CALLS = 40;

const TARGETS = { clockPairMedianMs: 5, reportMedianMs: 50 };

interface Row {
  benchmark: string;
  result: string;
  target: string;
  met: boolean | null;
}

const rows: Row[] = [];

function row(benchmark: string, result: string, target?: { text: string; met: boolean }): void {
  rows.push({ benchmark, result, target: target?.text ?? '', met: target?.met ?? null });
}

function progress(text: string): void {
  process.stderr.write(`[bench] ${text}\n`);
}

// ---------------------------------------------------------------------------------------------
// 2. Size of tools/list (same kind of raw connection).

interface ToolsListSize {
  tools: number;
  /** The tools as listed, for combining listings; left out of the JSON output. */
  listed: Array<{ name: string; inputSchema: unknown }>;
  /** What the model reads: name, description and input schema of each tool (test/support/tool-list-size.ts). */
  modelFacingChars: number;
  resultChars: number;
  lineChars: number;
  largest: Array<{ name: string; chars: number }>;
}

function summaryOf({ listed: _listed, ...size }: ToolsListSize): Omit<ToolsListSize, 'listed'> {
  return size;
}

interface SizeResults {
  /** Every tool of every back end: the local timesheet's and Calamari's breaks, together. */
  everyTool: { tools: number; modelFacingChars: number };
  /** The same with the team group's tools, listed for a Kimai team lead. */
  withTeam: { tools: number; modelFacingChars: number };
  /** What the evidence and agents groups add on top, with the arguments they brought to other tools. */
  evidenceGroups: { tools: number; modelFacingChars: number };
  /** The admin group's tools, listed for a Kimai super administrator. */
  adminGroup: { tools: number; modelFacingChars: number };
  allTools: ToolsListSize;
  allToolsModern: ToolsListSize;
  defaultTools: ToolsListSize;
}

async function toolsListSizes(): Promise<SizeResults> {
  progress('tools/list size');
  const allTools = await listTools(['--all-tools'], legacyOpening());
  const allToolsModern = await listTools(['--all-tools'], modernOpening());
  const defaultTools = await listTools([], legacyOpening());
  // Calamari's listing (answered before any request) holds the breaks the local timesheet has not.
  const calamari = await listTools(
    ['--all-tools', '--provider', 'calamari', '--url', 'https://acme.calamari.io', '--email', 'ada@acme.example'],
    legacyOpening(),
  );
  const union = new Map([...allTools.listed, ...calamari.listed].map((tool) => [tool.name, tool]));
  // The evidence and agents groups are measured on their own (test/support/tool-list-size.ts).
  const groupOf = (name: string): string => TOOL_CATALOG[name as keyof typeof TOOL_CATALOG]?.group ?? '';
  const everyday = withoutEvidenceGroups([...union.values()], groupOf);
  const everyTool = { tools: everyday.length, modelFacingChars: modelFacingChars(everyday) };
  const evidenceGroups = { tools: union.size - everyday.length, modelFacingChars: evidenceGroupsChars([...union.values()], groupOf) };
  // A Kimai team lead's listing (what an earlier start learned, remembered) holds the team group's tools.
  const kimai = await listTools(['--all-tools', '--provider', 'kimai', '--url', 'https://kimai.example.com'], legacyOpening(), (dir) =>
    writeDetection(dir, 'https://kimai.example.com', { absences: true, leads: true, timezone: 'Europe/Berlin' }, progress),
  );
  const withTeamUnion = new Map([...union, ...kimai.listed.map((tool) => [tool.name, tool] as const)]);
  const withTeamEveryday = withoutEvidenceGroups([...withTeamUnion.values()], groupOf);
  const withTeam = { tools: withTeamEveryday.length, modelFacingChars: modelFacingChars(withTeamEveryday) };
  // A Kimai super administrator's listing (the role an earlier start learned) holds every tool of the admin group.
  const superAdmin = await listTools(['--all-tools', '--provider', 'kimai', '--url', 'https://kimai.example.com'], legacyOpening(), (dir) =>
    writeDetection(dir, 'https://kimai.example.com', { absences: true, leads: true, timezone: 'Europe/Berlin', role: 'ROLE_SUPER_ADMIN' }, progress),
  );
  const admin = superAdmin.listed.filter((tool) => groupOf(tool.name) === ADMIN_GROUP);
  const adminGroup = { tools: admin.length, modelFacingChars: modelFacingChars(admin) };
  const chars = (value: number) => `${value.toLocaleString('en-US')} chars`;
  row(`What the model reads of every tool of every back end, ${everyTool.tools} tools (name + description + inputSchema)`, chars(everyTool.modelFacingChars), {
    text: `≤ ${MODEL_FACING_BUDGET.toLocaleString('en-US')} chars`,
    met: everyTool.modelFacingChars <= MODEL_FACING_BUDGET,
  });
  row(`  with the team group switched on too, ${withTeam.tools} tools`, chars(withTeam.modelFacingChars), {
    text: `≤ ${MODEL_FACING_BUDGET_WITH_TEAM.toLocaleString('en-US')} chars`,
    met: withTeam.modelFacingChars <= MODEL_FACING_BUDGET_WITH_TEAM,
  });
  row(`  what the evidence and agents groups add, ${evidenceGroups.tools} tools and their arguments of other tools`, chars(evidenceGroups.modelFacingChars), {
    text: `≤ ${EVIDENCE_GROUPS_BUDGET.toLocaleString('en-US')} chars`,
    met: evidenceGroups.modelFacingChars <= EVIDENCE_GROUPS_BUDGET,
  });
  row(`  what the admin group adds for a Kimai super administrator, ${adminGroup.tools} tools`, chars(adminGroup.modelFacingChars), {
    text: `≤ ${ADMIN_GROUP_BUDGET.toLocaleString('en-US')} chars`,
    met: adminGroup.modelFacingChars <= ADMIN_GROUP_BUDGET,
  });
  row(`  the local timesheet's ${allTools.tools} tools`, chars(allTools.modelFacingChars));
  row(`  the same, default tool set (${defaultTools.tools} tools)`, chars(defaultTools.modelFacingChars));
  row(`  largest three tools, model-facing`, allTools.largest.map((tool) => `${tool.name} ${tool.chars.toLocaleString('en-US')}`).join(', '));
  row('Whole tools/list result, all tools, output schemas included (2025 era)', `${chars(allTools.resultChars)}; JSON-RPC line ${chars(allTools.lineChars)}`);
  row('  the same, 2026-07-28 era (result / line)', `${chars(allToolsModern.resultChars)} / ${chars(allToolsModern.lineChars)}`);
  row(`  default tool set (result)`, chars(defaultTools.resultChars));
  return { everyTool, withTeam, evidenceGroups, adminGroup, allTools, allToolsModern, defaultTools };
}

async function listTools(args: string[], opening: object[], prepare?: (dir: string) => void): Promise<ToolsListSize> {
  const dir = makeTempDir();
  prepare?.(dir);
  const server = spawnRawServer(['--user-data', dir, ...args], serverEnv(dir));
  try {
    server.send(...opening);
    const response = await server.response(TOOLS_LIST_ID);
    const result = response.message.result as { tools?: Array<{ name: string; inputSchema: unknown }> } | undefined;
    if (!result?.tools) throw new Error(`tools/list gave no tools: ${response.line.slice(0, 300)}`);
    const sizes = result.tools.map((tool) => ({ name: tool.name, chars: modelFacingChars([tool]) }));
    return {
      tools: result.tools.length,
      listed: result.tools,
      modelFacingChars: modelFacingChars(result.tools),
      resultChars: JSON.stringify(result).length,
      lineChars: response.line.length,
      largest: sizes.sort((a, b) => b.chars - a.chars).slice(0, 3),
    };
  } finally {
    await server.close();
    removeTempDir(dir);
  }
}

interface MemoryResults {
  afterClockPairs: { rssMb: number; peakMb: number } | null;
  afterTimeReports: { rssMb: number; peakMb: number } | null;
}

// ---------------------------------------------------------------------------------------------
// Servers driven by the SDK client, as an AI client would.

interface SdkServer {
  client: Client;
  pid: number;
  close: () => Promise<void>;
}

async function startSdkServer(dir: string, env: Record<string, string> = {}): Promise<SdkServer> {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [SERVER_BUNDLE, '--user-data', dir],
    env: serverEnv(dir, env),
    stderr: 'pipe',
  });
  let stderr = '';
  transport.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const client = new Client({ name: 'punchcard-bench', version: '1.0.0' });
  await client.connect(transport);
  const pid = transport.pid;
  if (pid === null) throw new Error(`The server did not start. stderr:\n${stderr}`);
  return { client, pid, close: () => client.close() };
}

interface CallOutcome {
  isError?: boolean;
  content?: unknown;
  structuredContent?: Record<string, unknown>;
}

async function callTool(server: SdkServer, name: string, args: Record<string, unknown> = {}): Promise<CallOutcome> {
  const result = (await server.client.callTool({ name, arguments: args })) as CallOutcome;
  if (result.isError) throw new Error(`${name} failed: ${JSON.stringify(result.content)}`);
  return result;
}

// 3. clock_in + clock_out round trip.

interface ClockResults {
  warmupPairs: number;
  pair: Summary;
  clockIn: Summary;
  clockOut: Summary;
}

async function clockRoundTrips(memory: MemoryResults): Promise<ClockResults> {
  progress(`clock_in + clock_out: ${CLOCK_WARMUP_PAIRS} warm-up pairs, ${CLOCK_TIMED_PAIRS} timed`);
  const dir = makeTempDir();
  const server = await startSdkServer(dir);
  try {
    for (let pair = 0; pair < CLOCK_WARMUP_PAIRS; pair++) {
      await callTool(server, 'clock_in');
      await callTool(server, 'clock_out');
    }
    const pairs: number[] = [];
    const ins: number[] = [];
    const outs: number[] = [];
    for (let pair = 0; pair < CLOCK_TIMED_PAIRS; pair++) {
      const started = performance.now();
      await callTool(server, 'clock_in');
      const middle = performance.now();
      await callTool(server, 'clock_out');
      const ended = performance.now();
      pairs.push(ended - started);
      ins.push(middle - started);
      outs.push(ended - middle);
    }
    memory.afterClockPairs = residentMemory(server.pid);
    const results = { warmupPairs: CLOCK_WARMUP_PAIRS, pair: summarize(pairs), clockIn: summarize(ins), clockOut: summarize(outs) };
    row('clock_in + clock_out pair via SDK client (stdio)', describeTiming(results.pair, 'pair'), {
      text: `median ≤ ${TARGETS.clockPairMedianMs} ms`,
      met: results.pair.median <= TARGETS.clockPairMedianMs,
    });
    row('  clock_in alone', describeTiming(results.clockIn, 'call'));
    row('  clock_out alone', describeTiming(results.clockOut, 'call'));
    return results;
  } finally {
    await server.close();
    removeTempDir(dir);
  }
}

// 4. time_report over one month of a 100,000-entry timesheet.

interface ReportRun {
  firstCallMs: number;
  summary: Summary;
  groups: number;
  totalMinutes: number;
}

interface ReportResults {
  seed: SeedResult;
  entriesInMonth: number;
  day: ReportRun;
  project: ReportRun;
}

const REPORT_SETTINGS = { schemaVersion: 1, timezone: 'Europe/Berlin', holidays: { country: 'DE', state: 'BY' } };
const REPORT_MONTH = { from: '2026-10-01', to: '2026-10-31' };
const REPORT_MONTH_INSTANTS = { from: Date.parse('2026-10-01T00:00:00+02:00'), to: Date.parse('2026-11-01T00:00:00+01:00') };

async function timeReports(memory: MemoryResults): Promise<ReportResults> {
  progress(`seeding ${REPORT_ENTRIES.toLocaleString('en-US')} entries`);
  const dir = makeTempDir();
  writeFileSync(join(dir, 'config.json'), JSON.stringify(REPORT_SETTINGS, null, 2));
  const seed = await seedDatabase({
    path: join(dir, 'punchcard.db'),
    entries: REPORT_ENTRIES,
    firstDay: '2022-11-21',
    lastDay: '2026-11-20',
    timezone: 'Europe/Berlin',
    midnightShare: 0.015,
    countRange: REPORT_MONTH_INSTANTS,
  });
  row(
    `Seeding ${seed.entries.toLocaleString('en-US')} entries (one transaction)`,
    `${(seed.seedMs / 1000).toFixed(2)} s; db ${(seed.dbBytes / 1024 / 1024).toFixed(1)} MB; ` +
      `${seed.workingDays} working days, ${seed.entriesPerWorkingDay.toFixed(1)}/day, ${seed.crossingMidnight} past midnight`,
  );
  progress(`time_report: ${REPORT_WARMUP_CALLS} warm-up calls, ${REPORT_TIMED_CALLS} timed, per grouping`);
  const server = await startSdkServer(dir, { PUNCHCARD_NOW: '2026-11-21T10:00:00+01:00', TZ: 'Europe/Berlin' });
  try {
    const day = await reportRun(server, 'day');
    const project = await reportRun(server, 'project');
    memory.afterTimeReports = residentMemory(server.pid);
    const label = `time_report October 2026 (${seed.entriesInRange.toLocaleString('en-US')} entries in range)`;
    for (const [groupBy, run] of [
      ['day', day],
      ['project', project],
    ] as const) {
      row(`${label}, group_by ${groupBy}`, describeTiming(run.summary, 'call'), {
        text: `median ≤ ${TARGETS.reportMedianMs} ms`,
        met: run.summary.median <= TARGETS.reportMedianMs,
      });
      row(
        groupBy === 'day' ? '  first call of the server (opens the db)' : '  first call with group_by project',
        `${run.firstCallMs.toFixed(1)} ms; ${run.groups} groups, total ${Math.round(run.totalMinutes / 60)} h`,
      );
    }
    return { seed, entriesInMonth: seed.entriesInRange, day, project };
  } finally {
    await server.close();
    removeTempDir(dir);
  }
}

async function reportRun(server: SdkServer, groupBy: 'day' | 'project'): Promise<ReportRun> {
  const args = { ...REPORT_MONTH, group_by: groupBy };
  const started = performance.now();
  const first = await callTool(server, 'time_report', args);
  const firstCallMs = performance.now() - started;
  for (let call = 1; call < REPORT_WARMUP_CALLS; call++) await callTool(server, 'time_report', args);
  const samples: number[] = [];
  for (let call = 0; call < REPORT_TIMED_CALLS; call++) {
    const callStarted = performance.now();
    await callTool(server, 'time_report', args);
    samples.push(performance.now() - callStarted);
  }
  const data = first.structuredContent as { groups?: unknown[]; total_minutes?: number } | undefined;
  return { firstCallMs, summary: summarize(samples), groups: data?.groups?.length ?? 0, totalMinutes: data?.total_minutes ?? 0 };
}

// ---------------------------------------------------------------------------------------------

function printTable(title: string): void {
  const header: Row = { benchmark: 'Benchmark', result: 'Result', target: 'Target', met: null };
  const metText = (entry: Row) => (entry === header ? 'Met' : entry.met === null ? '' : entry.met ? 'yes' : 'NO');
  const widths = {
    benchmark: Math.max(...[header, ...rows].map((entry) => entry.benchmark.length)),
    // Only rows with a target need their result padded; a long result elsewhere (the list of files
    // the opening loads) would otherwise push the Target column hundreds of characters right.
    result: Math.max(...[header, ...rows].filter((entry) => entry === header || entry.target !== '').map((entry) => entry.result.length)),
    target: Math.max(...[header, ...rows].map((entry) => entry.target.length)),
  };
  const line = (entry: Row) =>
    [entry.benchmark.padEnd(widths.benchmark), entry.result.padEnd(widths.result), entry.target.padEnd(widths.target), metText(entry)].join('  ').trimEnd();
  console.log(title);
  console.log();
  console.log(line(header));
  console.log(['-'.repeat(widths.benchmark), '-'.repeat(widths.result), '-'.repeat(widths.target), '---'].join('  '));
  for (const entry of rows) console.log(line(entry));
}

async function main(): Promise<void> {
  const machine = `node ${process.version}, ${platform()} ${release()} ${arch()}, ${cpus()[0]?.model.trim() ?? 'unknown CPU'} ×${cpus().length}`;
  const startedAt = performance.now();
  const memory: MemoryResults = { afterClockPairs: null, afterTimeReports: null };
  let coldStart: ColdStartBenchResults;
  let sizes: SizeResults;
  let prompts: PromptBenchResults;
  let evidenceDay: EvidenceBenchResults;
  let clock: ClockResults;
  let report: ReportResults;
  let kimai: KimaiBenchResults;
  let clockodo: RemoteBenchResults;
  let calamari: RemoteBenchResults;
  let clockify: RemoteBenchResults;
  let harvest: RemoteBenchResults;
  let tempo: RemoteBenchResults;
  let toggl: Awaited<ReturnType<typeof togglBenchmarks>>;
  let worstCalls: WorstCallResults;
  let callLimits: CallLimitResults;
  let load: LoadBenchResults;
  let tray: TrayBenchResults;
  let severalTrackers: SeveralTrackersResults;
  let workingTime: WorkingTimeBenchResults[];
  let teamServer: TeamServerBenchResults;
  let teamScale: TeamScaleBenchResults;
  let containerImage: ContainerImageResults;
  let teamMetrics: TeamMetricsBenchResults;
  let window: RendererBenchResults;
  let bigConfig: BigConfigResults;
  let firstCall: FirstCallResults;
  try {
    coldStart = await coldStartBenchmarks(row, progress);
    firstCall = await firstCallBenchmarks(row, progress);
    sizes = await toolsListSizes();
    prompts = await promptBenchmarks(row, progress);
    evidenceDay = await evidenceDayBenchmarks(row, progress);
    clock = await clockRoundTrips(memory);
    report = await timeReports(memory);
    load = await loadAndLockBenchmarks(row, progress);
    kimai = await kimaiBenchmarks(row, progress);
    clockodo = await clockodoBenchmarks(row, progress);
    calamari = await calamariBenchmarks(row, progress);
    clockify = await clockifyBenchmarks(row, progress);
    harvest = await harvestBenchmarks(row, progress);
    tempo = await tempoBenchmarks(row, progress);
    toggl = await togglBenchmarks(row, progress);
    worstCalls = await worstCallBenchmarks(row, progress);
    callLimits = await callLimitBenchmarks(row, progress);
    tray = await trayBenchmarks(row, progress);
    severalTrackers = await severalTrackersBenchmarks(row, progress);
    workingTime = await workingTimeBenchmarks(row, progress);
    teamServer = await teamServerAndPeerBenchmarks(row, progress);
    teamScale = await teamScaleBenchmarks(row, progress);
    containerImage = await containerImageBenchmarks(row, progress);
    teamMetrics = await teamMetricsBenchmarks(row, progress);
    window = await runRendererBench(row, progress);
    bigConfig = bigConfigBenchmarks(row, progress);
  } finally {
    cleanUp();
  }
  const megabytes = (value: { rssMb: number } | null) => (value ? `${value.rssMb.toFixed(1)} MB` : 'n/a');
  row('  server RSS after the clock pairs / after the time reports', `${megabytes(memory.afterClockPairs)} / ${megabytes(memory.afterTimeReports)}`);
  const totalSeconds = (performance.now() - startedAt) / 1000;

  printTable(`Punchcard benchmarks (${machine})`);
  console.log();
  console.log(`Total ${totalSeconds.toFixed(1)} s. Times are measured at the client, including stdio. JSON: ${OUTPUT_FILE}`);

  const roundMemory = (value: { rssMb: number; peakMb: number } | null) => value && { rssMb: round(value.rssMb, 1), peakMb: round(value.peakMb, 1) };
  const output = {
    generatedAt: new Date().toISOString(),
    machine,
    totalSeconds: round(totalSeconds, 1),
    coldStart,
    firstCall,
    toolsList: {
      everyTool: sizes.everyTool,
      withTeam: sizes.withTeam,
      evidenceGroups: sizes.evidenceGroups,
      evidenceGroupsBudgetChars: EVIDENCE_GROUPS_BUDGET,
      adminGroup: sizes.adminGroup,
      adminGroupBudgetChars: ADMIN_GROUP_BUDGET,
      modelFacingBudgetWithTeamChars: MODEL_FACING_BUDGET_WITH_TEAM,
      allTools: summaryOf(sizes.allTools),
      allToolsModern: summaryOf(sizes.allToolsModern),
      defaultTools: summaryOf(sizes.defaultTools),
      modelFacingBudgetChars: MODEL_FACING_BUDGET,
      met: sizes.everyTool.modelFacingChars <= MODEL_FACING_BUDGET,
    },
    prompts,
    evidenceDay,
    clockInOutMs: {
      warmupPairs: clock.warmupPairs,
      pair: roundSummary(clock.pair),
      clockIn: roundSummary(clock.clockIn),
      clockOut: roundSummary(clock.clockOut),
      targetMedianMs: TARGETS.clockPairMedianMs,
      met: clock.pair.median <= TARGETS.clockPairMedianMs,
    },
    timeReport: {
      seed: { ...report.seed, seedMs: round(report.seed.seedMs, 1), entriesPerWorkingDay: round(report.seed.entriesPerWorkingDay, 1) },
      month: REPORT_MONTH,
      warmupCalls: REPORT_WARMUP_CALLS,
      targetMedianMs: TARGETS.reportMedianMs,
      day: {
        ...report.day,
        firstCallMs: round(report.day.firstCallMs),
        summary: roundSummary(report.day.summary),
        met: report.day.summary.median <= TARGETS.reportMedianMs,
      },
      project: {
        ...report.project,
        firstCallMs: round(report.project.firstCallMs),
        summary: roundSummary(report.project.summary),
        met: report.project.summary.median <= TARGETS.reportMedianMs,
      },
    },
    load,
    kimai,
    clockodo,
    calamari,
    clockify,
    harvest,
    tempo,
    toggl,
    worstCalls,
    callLimits,
    tray,
    severalTrackers,
    workingTime,
    teamServer,
    teamScale,
    containerImage,
    teamMetrics,
    window,
    bigConfig,
    memoryMb: {
      afterClockPairs: roundMemory(memory.afterClockPairs),
      afterTimeReports: roundMemory(memory.afterTimeReports),
    },
    rows,
  };
  mkdirSync(resolve(OUTPUT_FILE, '..'), { recursive: true });
  writeFileSync(OUTPUT_FILE, `${JSON.stringify(output, null, 2)}\n`);
}

// A failure to measure is still a failure; only missed targets are not.
process.once('exit', cleanUp);
await main();
