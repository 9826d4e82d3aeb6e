// Several trackers for `npm run bench` (docs/several-trackers.md): what a read across two connections costs
// against the same read on one, through the built bundle over stdio with the SDK's client, each timesheet a
// year of history. A spanning read asks every connection side by side, so two cost about one plus the merge;
// a write to the default first looks for the project in every catalog. Also what the model reads: the tool
// list with the `tracker` argument against the same list without it. Run alone: node test/bench/several-trackers.ts
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { SERVER_BUNDLE } from '../support/engine.ts';
import { makeTempDir, removeTempDir } from '../support/raw-stdio.ts';
import { modelFacingChars } from '../support/tool-list-size.ts';
import { seedDatabase } from './seed.ts';
import { formatMs, round, roundSummary, summarize, type Summary } from './stats.ts';

const WARMUP = 10;
const TIMED = 60;
const NOW = '2026-11-18T10:00:00+01:00';
const READS = [
  ['timer_status', {}],
  ['list_time_entries', { from: '2026-11-16', to: '2026-11-22' }],
  ['time_report', { from: '2026-11-01', to: '2026-11-30' }],
  ['log_time', { date: '2026-11-17', duration: '30m', project: 'Website relaunch' }],
] as const;

export interface SeveralTrackersResults {
  /** Per tool: one connection, two, and two over one. */
  calls: Record<string, { one: Summary; two: Summary; ratio: number }>;
  /** What the model reads of the everyday tools the default switches offer, one connection and two. */
  modelFacing: { one: number; two: number };
}

type Row = (benchmark: string, result: string, target?: { text: string; met: boolean }) => void;

async function seeded(path: string): Promise<void> {
  mkdirSync(join(path, '..'), { recursive: true });
  await seedDatabase({
    path,
    entries: 1_500,
    firstDay: '2025-11-17',
    lastDay: '2026-11-17',
    timezone: 'Europe/Berlin',
    midnightShare: 0.015,
    countRange: { from: Date.parse('2026-11-16T00:00:00+01:00'), to: Date.parse('2026-11-23T00:00:00+01:00') },
  });
}

async function connect(dir: string): Promise<Client> {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [SERVER_BUNDLE, '--user-data', dir],
    env: { HOME: dir, PATH: process.env.PATH ?? '', TZ: 'Europe/Berlin', PUNCHCARD_NOW: NOW },
    stderr: 'ignore',
  });
  const client = new Client({ name: 'punchcard-bench', version: '1.0.0' });
  await client.connect(transport);
  return client;
}

async function timed(client: Client, name: string, args: Record<string, unknown>): Promise<Summary> {
  for (let i = 0; i < WARMUP; i++) await client.callTool({ name, arguments: args });
  const samples: number[] = [];
  for (let i = 0; i < TIMED; i++) {
    const started = performance.now();
    const result = await client.callTool({ name, arguments: args });
    samples.push(performance.now() - started);
    if (result.isError) throw new Error(`${name} failed in the bench: ${JSON.stringify(result.content)}`);
  }
  return summarize(samples);
}

export async function severalTrackersBenchmarks(row: Row, progress: (text: string) => void): Promise<SeveralTrackersResults> {
  const one = makeTempDir();
  const two = makeTempDir();
  try {
    writeFileSync(join(one, 'config.json'), JSON.stringify({ schemaVersion: 1, timezone: 'Europe/Berlin' }));
    writeFileSync(
      join(two, 'config.json'),
      JSON.stringify({ schemaVersion: 1, timezone: 'Europe/Berlin', provider: { name: 'acme', type: 'local' }, trackers: [{ name: 'beta', type: 'local' }] }),
    );
    await seeded(join(one, 'punchcard.db'));
    await seeded(join(two, 'punchcard.db'));
    await seeded(join(two, 'trackers', 'beta', 'punchcard.db'));
    const clients = { one: await connect(one), two: await connect(two) };
    const calls: SeveralTrackersResults['calls'] = {};
    try {
      for (const [name, args] of READS) {
        progress(`several trackers: ${name}`);
        // Two connections share every project name here: a write names its tracker, as tracker_required asks.
        const onTwo = name === 'log_time' ? { ...args, tracker: 'acme' } : args;
        const single = await timed(clients.one, name, args);
        const both = await timed(clients.two, name, onTwo);
        calls[name] = { one: roundSummary(single), two: roundSummary(both), ratio: round(both.median / single.median) };
        row(`several trackers: ${name}`, `one ${formatMs(single.median)}, two ${formatMs(both.median)} (×${round(both.median / single.median)})`);
      }
      const modelFacing = {
        one: modelFacingChars((await clients.one.listTools()).tools),
        two: modelFacingChars((await clients.two.listTools()).tools),
      };
      row(
        'several trackers: what the model reads (default tools)',
        `one ${modelFacing.one}, two ${modelFacing.two} (+${modelFacing.two - modelFacing.one} characters)`,
      );
      return { calls, modelFacing };
    } finally {
      await clients.one.close();
      await clients.two.close();
    }
  } finally {
    removeTempDir(one);
    removeTempDir(two);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const results = await severalTrackersBenchmarks(
    (benchmark, result) => console.log(`${benchmark}: ${result}`),
    (text) => process.stderr.write(`[bench] ${text}\n`),
  );
  console.log(JSON.stringify(results, null, 2));
}
