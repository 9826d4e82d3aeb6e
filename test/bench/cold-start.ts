// Cold start and idle memory for `npm run bench`, measured against a peer in the same loop: each
// round starts every variant once, in turn, so drift in the machine's load hits them all alike, and
// the ratio to the peer is what to compare across machines. The peer is the Harvest MCP server
// (@mayankg0324/mcp-server-harvest, a dev dependency: one bundled file on the v1 SDK). A Calamari
// account is measured with what the engine remembers of it (its facts file, which the opening reads
// for the tools), with and without the person's projects kept for the next engine at the most that is
// kept (a file of their own, off the opening's path). Also here: what the built engine is made of, and
// how much of it the opening loads.
import './product-pace.ts';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { rememberedCalamariCapabilities } from '../../mcp-server/providers/calamari/cells.ts';
import { CALAMARI_FACTS_FILE, calamariFacts, calamariFactsKey } from '../../mcp-server/providers/calamari/facts.ts';
import { CALAMARI_PROJECTS_FILE, KEPT_PROJECTS, KeptProjects, keptProjects } from '../../mcp-server/providers/calamari/kept-projects.ts';
import { SERVER_BUNDLE } from '../support/engine.ts';
import { legacyOpening, makeTempDir, modernOpening, removeTempDir, residentMemory, serverEnv, spawnRawServer, TOOLS_LIST_ID } from '../support/raw-stdio.ts';
import { describeTiming, round, roundSummary, summarize } from './stats.ts';

const ROUNDS = 15;
const FACTS_READ_WARMUP = 50;
const FACTS_READS = 500;
const IDLE_SETTLE_MS = 500;
/** The aims of issue 10: at most half the peer's cold start, at most 60 MB idle. */
const TARGETS = { ratioToPeer: 0.5, idleRssMb: 60 };
const CONFIG = { schemaVersion: 1, timezone: 'Europe/Berlin', tools: { groups: { leave: false }, enabled: { delete_time_entry: true } } };
/** A Calamari account nothing answers for: the opening lists the tools from what is remembered, and asks nothing. */
const CALAMARI = { url: 'http://127.0.0.1:9', email: 'ada@acme.example' };

const HARVEST = createRequire(import.meta.url).resolve('@mayankg0324/mcp-server-harvest/dist/index.js');
/** Harvest refuses to start without these; tools/list never uses them. */
const HARVEST_ENV = { HARVEST_ACCESS_TOKEN: 'bench-not-a-token', HARVEST_ACCOUNT_ID: '1' };

type Row = (benchmark: string, result: string, target?: { text: string; met: boolean }) => void;

interface Variant {
  label: string;
  /** Started once per round, in this order. */
  start: (round: number) => { bundle: string; args: string[]; env: Record<string, string>; opening: object[]; dir: string; keepDir?: boolean };
}

export interface ColdStartBenchResults {
  rounds: number;
  coldStartMs: Record<string, ReturnType<typeof roundSummary> & { ratioToPeer: number | null }>;
  firstCallMs: { compileCacheOn: ReturnType<typeof roundSummary>; compileCacheOff: ReturnType<typeof roundSummary> };
  idleRssMb: Record<string, number | null>;
  chunks: { file: string; kb: number; loadedByOpening: boolean }[];
  openingKb: number;
  totalKb: number;
  /** The opening's read of the Calamari facts, and the read of the kept projects, in process (µs, median). */
  calamariReadsUs: Record<string, number>;
  targets: typeof TARGETS;
}

export async function coldStartBenchmarks(row: Row, progress: (text: string) => void): Promise<ColdStartBenchResults> {
  const floor = writeStdioFloor();
  const remembered = makeTempDir();
  writeConfig(remembered, CONFIG);
  const calamariAccount = calamariFolder(false);
  const calamariProjects = calamariFolder(true);
  const variants: Variant[] = [
    {
      label: 'Harvest MCP server (peer), 2025 era',
      start: () => ({ bundle: HARVEST, args: [], env: HARVEST_ENV, opening: legacyOpening(), dir: makeTempDir() }),
    },
    { label: 'Punchcard, 2025 era, no config.json', start: () => punchcard(legacyOpening()) },
    { label: 'Punchcard, 2026-07-28 era, no config.json', start: () => punchcard(modernOpening()) },
    {
      label: 'Punchcard, 2025 era, config.json checked before (memo)',
      start: () => ({ ...punchcard(legacyOpening(), remembered), keepDir: true }),
    },
    {
      label: 'Punchcard, 2025 era, config.json new to it (zod runs)',
      start: (round) => {
        const dir = makeTempDir();
        writeConfig(dir, { ...CONFIG, user: { name: `Round ${round}` } });
        return punchcard(legacyOpening(), dir);
      },
    },
    {
      label: 'Punchcard, 2025 era, Calamari, its modules and zone remembered',
      start: () => ({ ...punchcard(legacyOpening(), calamariAccount), env: { PUNCHCARD_CALAMARI_TOKEN: 'bench-not-a-key' }, keepDir: true }),
    },
    {
      label: `Punchcard, 2025 era, Calamari, the same and ${KEPT_PROJECTS.most} projects kept`,
      start: () => ({ ...punchcard(legacyOpening(), calamariProjects), env: { PUNCHCARD_CALAMARI_TOKEN: 'bench-not-a-key' }, keepDir: true }),
    },
    {
      label: 'Punchcard, 2025 era, no config.json, compile cache off',
      start: () => ({ ...punchcard(legacyOpening()), env: { NODE_DISABLE_COMPILE_CACHE: '1' } }),
    },
    {
      label: 'for scale: bare node answering tools/list',
      start: () => ({ bundle: floor.file, args: [], env: {}, opening: legacyOpening(), dir: makeTempDir() }),
    },
  ];

  progress(`cold start: ${ROUNDS} rounds of ${variants.length} variants, alternating (+1 unmeasured round)`);
  const samples = new Map<string, number[]>(variants.map((variant) => [variant.label, []]));
  for (let round = -1; round < ROUNDS; round++) {
    for (const variant of variants) {
      const elapsed = await coldStart(variant.start(round));
      if (round >= 0) samples.get(variant.label)?.push(elapsed);
    }
  }
  const peer = summarize(samples.get(variants[0]?.label ?? '') ?? []);
  const coldStartMs: ColdStartBenchResults['coldStartMs'] = {};
  for (const [index, variant] of variants.entries()) {
    const summary = summarize(samples.get(variant.label) ?? []);
    const ratio = index === 0 ? null : summary.median / peer.median;
    coldStartMs[variant.label] = { ...roundSummary(summary), ratioToPeer: ratio === null ? null : round(ratio, 2) };
    const target =
      ratio !== null && variant.label.startsWith('Punchcard') && !variant.label.includes('cache off')
        ? { text: `≤ ${TARGETS.ratioToPeer}× peer`, met: ratio <= TARGETS.ratioToPeer }
        : undefined;
    row(`Cold start, spawn → tools/list: ${variant.label}`, `${describeTiming(summary)}${ratio === null ? '' : `; ${ratio.toFixed(2)}× peer`}`, target);
  }

  progress(`first tool call after the opening (the engine loads): ${ROUNDS} rounds, compile cache on and off`);
  const firstCalls = { on: [] as number[], off: [] as number[] };
  for (let round = -1; round < ROUNDS; round++) {
    const on = await firstToolCall({});
    const off = await firstToolCall({ NODE_DISABLE_COMPILE_CACHE: '1' });
    if (round < 0) continue;
    firstCalls.on.push(on);
    firstCalls.off.push(off);
  }
  const firstCallMs = { compileCacheOn: roundSummary(summarize(firstCalls.on)), compileCacheOff: roundSummary(summarize(firstCalls.off)) };
  row('First tool call after the opening (engine + SDK load), compile cache on', describeTiming(summarize(firstCalls.on), 'call'));
  row('  the same, compile cache off', describeTiming(summarize(firstCalls.off), 'call'));

  progress('idle memory');
  const idleRssMb: Record<string, number | null> = {};
  for (const variant of [variants[0], variants[1], variants[3], variants[5], variants[6], variants[8]]) {
    if (!variant) continue;
    const rss = await idleRss(variant.start(ROUNDS));
    idleRssMb[variant.label] = rss === null ? null : round(rss, 1);
    const isPunchcard = variant.label.startsWith('Punchcard');
    row(
      `Idle RSS after tools/list: ${variant.label}`,
      rss === null ? 'n/a (not Linux)' : `${rss.toFixed(1)} MB`,
      isPunchcard && rss !== null ? { text: `≤ ${TARGETS.idleRssMb} MB`, met: rss <= TARGETS.idleRssMb } : undefined,
    );
  }
  // In this process, where the spawn's noise does not hide it: the opening's read of the facts for
  // the tools with the projects kept (in a file of their own, which the opening does not read), and
  // the read of that file where a call needs the projects, instead of a request to Calamari.
  const keptRead = new KeptProjects({ place: calamariProjects, key: calamariFactsKey(CALAMARI), ttlMs: 60 * 60_000, log: () => {} });
  const projectsBytes = statSync(join(calamariProjects, CALAMARI_PROJECTS_FILE)).size;
  const calamariReadsUs: Record<string, number> = {};
  for (const [label, read] of [
    [
      `the opening's read of the Calamari facts (${statSync(join(calamariProjects, CALAMARI_FACTS_FILE)).size} bytes), ${KEPT_PROJECTS.most} projects kept`,
      async () => void rememberedCalamariCapabilities(calamariProjects, CALAMARI),
    ],
    [`the read of the ${KEPT_PROJECTS.most} kept projects (${projectsBytes} bytes) where a call needs them`, async () => void (await keptRead.fresh(Date.now))],
  ] as const) {
    const times: number[] = [];
    for (let index = -FACTS_READ_WARMUP; index < FACTS_READS; index++) {
      const started = performance.now();
      await read();
      if (index >= 0) times.push((performance.now() - started) * 1_000);
    }
    const summary = summarize(times);
    calamariReadsUs[label] = round(summary.median, 1);
    row(`Calamari in process: ${label}`, `median ${summary.median.toFixed(1)} µs (p90 ${summary.p90.toFixed(1)} µs; n=${FACTS_READS})`);
  }
  removeTempDir(remembered);
  removeTempDir(calamariAccount);
  removeTempDir(calamariProjects);
  removeTempDir(floor.dir);

  const chunks = bundleChunks();
  const kb = (list: typeof chunks) =>
    round(
      list.reduce((sum, chunk) => sum + chunk.kb, 0),
      1,
    );
  const opening = chunks.filter((chunk) => chunk.loadedByOpening);
  row(
    'Built engine: files the opening loads (no config.json)',
    `${opening.length} files, ${kb(opening)} KB: ${opening.map((chunk) => `${chunk.file} ${chunk.kb}`).join(', ')}`,
  );
  for (const chunk of chunks.filter((candidate) => !candidate.loadedByOpening).sort((a, b) => b.kb - a.kb)) {
    row(`  loaded later: ${chunk.file}`, `${chunk.kb} KB`);
  }
  row('  whole engine', `${chunks.length} files, ${kb(chunks)} KB (source maps not counted)`);
  return {
    rounds: ROUNDS,
    coldStartMs,
    firstCallMs,
    idleRssMb,
    chunks,
    openingKb: kb(opening),
    totalKb: kb(chunks),
    calamariReadsUs,
    targets: TARGETS,
  };
}

function punchcard(opening: object[], dir: string = makeTempDir()) {
  return { bundle: SERVER_BUNDLE, args: ['--user-data', dir], env: {}, opening, dir, keepDir: false };
}

/**
 * A data folder on the Calamari account, with the facts a start learned (both modules, the zone) and,
 * where `projects`, as many of the person's projects as are kept, of names as long as fit.
 */
function calamariFolder(projects: boolean): string {
  const dir = makeTempDir();
  writeConfig(dir, { ...CONFIG, provider: { type: 'calamari', ...CALAMARI } });
  const key = calamariFactsKey(CALAMARI);
  const log = (message: string) => process.stderr.write(`${message}\n`);
  calamariFacts.write(dir, key, { timeAndAttendance: true, timeOff: true, checkedAt: new Date().toISOString(), timezone: 'Europe/Berlin' }, log);
  if (projects) {
    const nameLength = Math.floor(KEPT_PROJECTS.chars / KEPT_PROJECTS.most) - 25;
    const list = keptProjects(Array.from({ length: KEPT_PROJECTS.most }, (_, index) => ({ id: 100_000 + index, name: `${index} `.padEnd(nameLength, 'x') })));
    if (!list) throw new Error('The bench list of projects is past what is kept.');
    new KeptProjects({ place: dir, key, ttlMs: 60 * 60_000, log }).keep(list, Date.now());
  }
  return dir;
}

function writeConfig(dir: string, settings: object): void {
  writeFileSync(join(dir, 'config.json'), JSON.stringify(settings, null, 2));
}

async function coldStart(run: ReturnType<Variant['start']>): Promise<number> {
  const server = spawnRawServer(run.args, { ...serverEnv(run.dir), ...run.env }, run.bundle);
  server.send(...run.opening);
  const response = await server.response(TOOLS_LIST_ID);
  if (response.message.error) throw new Error(`tools/list failed: ${response.message.error.message}`);
  await server.close();
  if (!run.keepDir) removeTempDir(run.dir);
  return response.at - server.spawnedAt;
}

/** whoami right after tools/list: what the first real request waits for the engine to load. */
async function firstToolCall(env: Record<string, string>): Promise<number> {
  const dir = makeTempDir();
  const server = spawnRawServer(['--user-data', dir], { ...serverEnv(dir), ...env });
  try {
    server.send(...legacyOpening());
    await server.response(TOOLS_LIST_ID);
    const started = performance.now();
    server.send({ jsonrpc: '2.0', id: 3, method: 'tools/call', params: { name: 'whoami', arguments: {} } });
    const answer = await server.response(3);
    if (answer.message.error) throw new Error(`whoami failed: ${answer.message.error.message}`);
    return answer.at - started;
  } finally {
    await server.close();
    removeTempDir(dir);
  }
}

async function idleRss(run: ReturnType<Variant['start']>): Promise<number | null> {
  const server = spawnRawServer(run.args, { ...serverEnv(run.dir), ...run.env }, run.bundle);
  try {
    server.send(...run.opening);
    await server.response(TOOLS_LIST_ID);
    await new Promise((done) => setTimeout(done, IDLE_SETTLE_MS));
    return residentMemory(server.pid)?.rssMb ?? null;
  } finally {
    await server.close();
    if (!run.keepDir) removeTempDir(run.dir);
  }
}

/** The least any Node stdio server can do: start, read the opening, answer tools/list. */
function writeStdioFloor(): { file: string; dir: string } {
  const dir = makeTempDir();
  const file = join(dir, 'floor.mjs');
  writeFileSync(
    file,
    `let text = '';
process.stdin.on('data', (chunk) => {
  text += chunk;
  if (text.includes('"id":${TOOLS_LIST_ID}')) process.stdout.write('{"jsonrpc":"2.0","id":1,"result":{}}\\n{"jsonrpc":"2.0","id":${TOOLS_LIST_ID},"result":{"tools":[]}}\\n');
});
`,
  );
  return { file, dir };
}

/**
 * Every built file of the engine, and whether the opening loads it: the entry, what it imports, and
 * everything those import statically (dynamic imports load later, or never).
 */
function bundleChunks(): ColdStartBenchResults['chunks'] {
  const root = dirname(SERVER_BUNDLE);
  const files = listFiles(root).filter((file) => file.endsWith('.mjs'));
  const loaded = new Set<string>([SERVER_BUNDLE]);
  const entry = readFileSync(SERVER_BUNDLE, 'utf8');
  // The entry's one dynamic import is the command line, which the opening needs.
  const queue = [...entry.matchAll(/import\("(\.[^"]+)"\)/g)].map((match) => join(root, match[1] as string));
  while (queue.length > 0) {
    const file = queue.shift() as string;
    if (loaded.has(file)) continue;
    loaded.add(file);
    for (const match of readFileSync(file, 'utf8').matchAll(/^import [^;]*? from "(\.[^"]+)"/gm)) queue.push(join(dirname(file), match[1] as string));
  }
  return files.map((file) => ({ file: relative(root, file), kb: round(statSync(file).size / 1024, 1), loadedByOpening: loaded.has(file) }));
}

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? listFiles(join(dir, entry.name)) : [join(dir, entry.name)]));
}

// `node test/bench/cold-start.ts` runs this part alone, against the built server (npm run build first).
if (import.meta.main) {
  const rows: string[] = [];
  await coldStartBenchmarks(
    (benchmark, result, target) => rows.push(`${benchmark}: ${result}${target ? `  (target ${target.text} ${target.met ? 'met' : 'MISSED'})` : ''}`),
    (text) => process.stderr.write(`[bench] ${text}\n`),
  );
  for (const line of rows) console.log(line);
}
