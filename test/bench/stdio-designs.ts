// Two builds of the stdio server side by side, for a decision between designs (docs/decisions.md,
// "A small entry, heavy code on demand"): each round starts a client-like session on every build and
// on the floor, in an order that rotates from round to round, so drift in the machine's load hits
// them all alike. A session is what first-call.ts times (initialize; then initialized and
// tools/list; then the first tools/call, timer_status on an existing local timesheet; each sent
// when the answer before it arrived), with the moment of each answer kept. The floor is
// first-call.ts's: a bare Node stdio server that answers every request at once (both from
// test/support/raw-stdio.ts). Then each build's
// resident memory a few seconds after its tools/list, and after one call.
//
// The SDK's design is built beside the product with PUNCHCARD_STDIO_DESIGN=sdk PUNCHCARD_OUT=/tmp/sdk-dist
// npx vite build (vite.config.ts, test/bench/sdk-stdio/serve.ts).
//
//   node test/bench/stdio-designs.ts [--rounds 40] [--memory-rounds 6] [--max-load 3] [--json file] name=path/to/punchcard-mcp.mjs ...
//
// --max-load makes each round wait (up to two minutes) until the one-minute load average is below
// it; the load is printed with the results either way. --json names a file for every sample, each
// round's load with it; nothing else is written.
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { ENGINE_NODE_FLAGS } from '../../mcp-server/engine-flags.ts';
import {
  cleanUp,
  clientSession,
  legacyOpening,
  makeTempDir,
  residentMemory,
  serverEnv,
  type SessionTimes,
  spawnRawServer,
  TOOLS_LIST_ID,
  writeFloorServer,
} from '../support/raw-stdio.ts';
import { summarize, type Summary } from './stats.ts';

const IDLE_SETTLE_MS = 3_000;
const LOAD_WAIT_LIMIT_MS = 120_000;

interface Variant {
  name: string;
  nodeArgs: (home: string) => string[];
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    rounds: { type: 'string', default: '40' },
    'memory-rounds': { type: 'string', default: '6' },
    'max-load': { type: 'string' },
    json: { type: 'string' },
  },
});
const rounds = Number(values.rounds);
const memoryRounds = Number(values['memory-rounds']);
const maxLoad = values['max-load'] === undefined ? undefined : Number(values['max-load']);
const builds = positionals.map((pair) => {
  const [name, bundle] = pair.split('=') as [string, string | undefined];
  if (!bundle) throw new Error(`Name each build: name=path/to/punchcard-mcp.mjs (got "${pair}").`);
  return { name, bundle };
});
if (builds.length === 0) throw new Error('Name at least one build: name=path/to/punchcard-mcp.mjs');

const floorDir = makeTempDir();
const floor = writeFloorServer(floorDir);
const variants: Variant[] = [
  { name: 'bare Node (floor)', nodeArgs: () => [floor] },
  ...builds.map((build) => ({ name: build.name, nodeArgs: (home: string) => [...ENGINE_NODE_FLAGS, build.bundle, '--user-data', home] })),
];
// An existing timesheet for each build: its first session creates it.
const homes = new Map(variants.map((variant) => [variant.name, makeTempDir()]));

type Sample = SessionTimes;

/** Milliseconds from spawn to the initialize, tools/list and first tools/call answers. */
function variantSession(variant: Variant): Promise<Sample> {
  const home = homes.get(variant.name) as string;
  return clientSession(variant.nodeArgs(home), home, variant.name);
}

/** `node -e ''`, start to exit: what any Node process costs on this machine now. */
function bareStart(): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' });
    child.on('error', reject);
    child.once('exit', () => resolve(performance.now() - started));
  });
}

async function lowLoad(): Promise<void> {
  if (maxLoad === undefined) return;
  const until = Date.now() + LOAD_WAIT_LIMIT_MS;
  while ((loadavg()[0] ?? 0) >= maxLoad && Date.now() < until) await new Promise((done) => setTimeout(done, 5_000));
}

const loads: number[] = [];
const samples = new Map<string, Sample[]>(variants.map((variant) => [variant.name, []]));
const bare: number[] = [];
process.stderr.write(
  `[stdio-designs] ${rounds} rounds of ${variants.length} sessions and node -e '' (+1 unmeasured), load ${loadavg()
    .map((load) => load.toFixed(2))
    .join(' ')}\n`,
);
for (let round = -1; round < rounds; round++) {
  await lowLoad();
  loads.push(loadavg()[0] ?? 0);
  // Rotate the order, so no build always runs right after another.
  const order = variants.map((_variant, index) => variants[(index + Math.max(round, 0)) % variants.length] as Variant);
  for (const variant of order) {
    const sample = await variantSession(variant);
    if (round >= 0) samples.get(variant.name)?.push(sample);
  }
  const start = await bareStart();
  if (round >= 0) bare.push(start);
  if (round >= 0 && (round + 1) % 10 === 0) process.stderr.write(`[stdio-designs] ${round + 1} rounds, load ${loadavg()[0]?.toFixed(2)}\n`);
}

const memory = new Map<string, Array<{ idle: number; afterCall: number }>>(builds.map((build) => [build.name, []]));
for (let round = 0; round < memoryRounds; round++) {
  await lowLoad();
  for (const build of round % 2 === 0 ? builds : [...builds].reverse()) {
    const home = homes.get(build.name) as string;
    const server = spawnRawServer(['--user-data', home], serverEnv(home), build.bundle, [], undefined, ENGINE_NODE_FLAGS);
    try {
      server.send(...legacyOpening());
      await server.response(TOOLS_LIST_ID);
      await new Promise((done) => setTimeout(done, IDLE_SETTLE_MS));
      const idle = residentMemory(server.pid)?.rssMb ?? Number.NaN;
      server.send({ jsonrpc: '2.0', id: 3, method: 'tools/call', params: { name: 'timer_status', arguments: {} } });
      await server.response(3);
      await new Promise((done) => setTimeout(done, IDLE_SETTLE_MS));
      const afterCall = residentMemory(server.pid)?.rssMb ?? Number.NaN;
      memory.get(build.name)?.push({ idle, afterCall });
    } finally {
      await server.close();
    }
  }
}
cleanUp();
if (values.json) {
  const raw = { loads: loads.slice(1), bare, samples: Object.fromEntries(samples), memory: Object.fromEntries(memory) };
  writeFileSync(values.json, `${JSON.stringify(raw)}\n`);
}

const floorSamples = samples.get(variants[0]?.name ?? '') ?? [];
const floorOf = (index: 0 | 1 | 2) => summarize(floorSamples.map((sample) => sample[index])).median;
const ms = (summary: Summary) => `${summary.median.toFixed(1)} / ${summary.p90.toFixed(1)}`;
const ratio = (summary: Summary, floorMedian: number) => `${(summary.median / floorMedian).toFixed(2)}×`;
const loadSummary = summarize(loads);
const bareSummary = summarize(bare);
console.log(
  `load (1 min, at each round's start): median ${loadSummary.median.toFixed(2)}, min ${loadSummary.min.toFixed(2)}, max ${loadSummary.max.toFixed(2)}; now ${loadavg()
    .map((load) => load.toFixed(2))
    .join(' ')}`,
);
console.log(`node -e '' start to exit: median / p90 ${ms(bareSummary)} ms (${rounds} runs)`);
console.log('');
console.log(
  '| design | initialize ms (median / p90) | tools/list ms | first tools/call ms | initialize ÷ floor | tools/list ÷ floor | first call ÷ floor | first call ÷ node -e |',
);
console.log('|---|---|---|---|---|---|---|---|');
for (const variant of variants) {
  const list = samples.get(variant.name) ?? [];
  const [init, tools, call] = ([0, 1, 2] as const).map((index) => summarize(list.map((sample) => sample[index])));
  if (!init || !tools || !call) continue;
  console.log(
    `| ${variant.name} | ${ms(init)} | ${ms(tools)} | ${ms(call)} | ${ratio(init, floorOf(0))} | ${ratio(tools, floorOf(1))} | ${ratio(call, floorOf(2))} | ${ratio(call, bareSummary.median)} |`,
  );
}
console.log('');
for (const build of builds) {
  const list = memory.get(build.name) ?? [];
  if (list.length === 0) continue;
  const idle = summarize(list.map((entry) => entry.idle));
  const afterCall = summarize(list.map((entry) => entry.afterCall));
  console.log(
    `RSS ${build.name}: ${IDLE_SETTLE_MS / 1000} s after tools/list ${idle.median.toFixed(1)} MB (min ${idle.min.toFixed(1)}, max ${idle.max.toFixed(1)}); after one call ${afterCall.median.toFixed(1)} MB (${list.length} runs)`,
  );
}
