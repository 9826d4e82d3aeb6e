// What a person waits for when a client starts Punchcard on demand, and what an idle server costs,
// for `npm run bench`.
//
// First call: a client-like session (initialize; then initialized and tools/list; then the first
// tools/call, timer_status on an existing local timesheet; each sent when the answer before it
// arrived), alternating in one loop with the floor, a bare Node stdio server that answers every
// request at once. Reported as ratios to the floor, which the machine's load moves together.
//
// Idle memory: a server on Kimai, Clockodo and Calamari whose account a connection test already
// learned (the usual case: the app tests before it saves), launched with the flags a registered entry
// carries, a few seconds after its tools/list; and after one call, once the engine is in.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ENGINE_NODE_FLAGS } from '../../mcp-server/engine-flags.ts';
import { DEFAULT_KEY as CALAMARI_KEY, seedOrganisation, startFakeCalamari } from '../mcp-server/providers/calamari/fake-calamari.ts';
import { DEFAULT_USERS as CLOCKODO_USERS, seedCompany, startFakeClockodo } from '../mcp-server/providers/clockodo/fake-clockodo.ts';
import { DEFAULT_USERS as KIMAI_USERS, startFakeKimai } from '../mcp-server/providers/kimai/fake-kimai.ts';
import { SERVER_BUNDLE } from '../support/engine.ts';
import {
  clientSession,
  legacyOpening,
  makeTempDir,
  removeTempDir,
  residentMemory,
  serverEnv,
  spawnRawServer,
  TOOLS_LIST_ID,
  writeFloorServer,
} from '../support/raw-stdio.ts';
import { runCli } from '../support/run-cli.ts';
import { round, roundSummary, summarize } from './stats.ts';

type Row = (benchmark: string, result: string, target?: { text: string; met: boolean }) => void;

const ROUNDS = 20;
const IDLE_SETTLE_MS = 3_000;
const TARGETS = { toolsListRatio: 1.3, firstCallRatio: 2.5, remoteIdleRssMb: 60 };

export interface FirstCallResults {
  rounds: number;
  floorMs: { toolsList: ReturnType<typeof roundSummary>; firstCall: ReturnType<typeof roundSummary> };
  punchcardMs: { toolsList: ReturnType<typeof roundSummary>; firstCall: ReturnType<typeof roundSummary> };
  ratios: { toolsList: number; firstCall: number };
  remoteIdleRssMb: Record<string, { idle: number | null; afterCall: number | null }>;
  targets: typeof TARGETS;
}

export async function firstCallBenchmarks(row: Row, progress: (text: string) => void): Promise<FirstCallResults> {
  const floorDir = makeTempDir();
  const floor = writeFloorServer(floorDir);
  const timesheet = makeTempDir();
  try {
    // An existing timesheet: the first session creates it.
    await listedAndCalled([...ENGINE_NODE_FLAGS, SERVER_BUNDLE, '--user-data', timesheet], timesheet);
    progress(`first call: ${ROUNDS} client-like sessions each, alternating with a bare Node stdio server`);
    const samples = { floor: [] as Array<[number, number]>, punchcard: [] as Array<[number, number]> };
    for (let round = -1; round < ROUNDS; round++) {
      const floorRun = await listedAndCalled([floor], timesheet);
      const punchcardRun = await listedAndCalled([...ENGINE_NODE_FLAGS, SERVER_BUNDLE, '--user-data', timesheet], timesheet);
      if (round < 0) continue;
      samples.floor.push(floorRun);
      samples.punchcard.push(punchcardRun);
    }
    const median = (list: Array<[number, number]>, index: 0 | 1) => summarize(list.map((sample) => sample[index]));
    const floorMs = { toolsList: median(samples.floor, 0), firstCall: median(samples.floor, 1) };
    const punchcardMs = { toolsList: median(samples.punchcard, 0), firstCall: median(samples.punchcard, 1) };
    const ratios = {
      toolsList: round(punchcardMs.toolsList.median / floorMs.toolsList.median, 2),
      firstCall: round(punchcardMs.firstCall.median / floorMs.firstCall.median, 2),
    };
    row(
      'Spawn → tools/list answered, client-like, against a bare Node server',
      `${punchcardMs.toolsList.median.toFixed(1)} vs ${floorMs.toolsList.median.toFixed(1)} ms: ${ratios.toolsList.toFixed(2)}× the floor`,
      { text: `≤ ${TARGETS.toolsListRatio}×`, met: ratios.toolsList <= TARGETS.toolsListRatio },
    );
    row(
      'Spawn → first tools/call answered (timer_status, existing timesheet)',
      `${punchcardMs.firstCall.median.toFixed(1)} vs ${floorMs.firstCall.median.toFixed(1)} ms: ${ratios.firstCall.toFixed(2)}× the floor`,
      { text: `≤ ${TARGETS.firstCallRatio}×`, met: ratios.firstCall <= TARGETS.firstCallRatio },
    );

    progress('idle memory of servers on remote back ends, account known from a connection test');
    const remoteIdleRssMb: FirstCallResults['remoteIdleRssMb'] = {};
    for (const backEnd of await remoteBackEnds()) {
      try {
        const measured = await idleMemory(backEnd.dir, backEnd.env);
        remoteIdleRssMb[backEnd.name] = measured;
        row(
          `Idle RSS, ${backEnd.name} (account known), as launched: idle / after one call`,
          `${measured.idle?.toFixed(1) ?? 'n/a'} / ${measured.afterCall?.toFixed(1) ?? 'n/a'} MB`,
          measured.idle === null ? undefined : { text: `idle ≤ ${TARGETS.remoteIdleRssMb} MB`, met: measured.idle <= TARGETS.remoteIdleRssMb },
        );
      } finally {
        await backEnd.close();
      }
    }
    return {
      rounds: ROUNDS,
      floorMs: { toolsList: roundSummary(floorMs.toolsList), firstCall: roundSummary(floorMs.firstCall) },
      punchcardMs: { toolsList: roundSummary(punchcardMs.toolsList), firstCall: roundSummary(punchcardMs.firstCall) },
      ratios,
      remoteIdleRssMb,
      targets: TARGETS,
    };
  } finally {
    removeTempDir(floorDir);
    removeTempDir(timesheet);
  }
}

/** Milliseconds from spawn to the tools/list answer and to the first tools/call answer. */
async function listedAndCalled(nodeArgs: string[], home: string): Promise<[number, number]> {
  const [, listed, called] = await clientSession(nodeArgs, home);
  return [listed, called];
}

interface RemoteBackEnd {
  name: string;
  dir: string;
  env: Record<string, string>;
  close: () => Promise<void>;
}

/** Each remote back end's fake, with a data folder whose account a connection test just learned. */
async function remoteBackEnds(): Promise<RemoteBackEnd[]> {
  const prepared: RemoteBackEnd[] = [];
  const known = async (name: string, fake: { url: string; close: () => Promise<void> }, provider: object, env: Record<string, string>) => {
    const dir = makeTempDir();
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ schemaVersion: 1, provider }));
    const test = await runCli(['--user-data', dir, '--test-connection'], { HOME: dir, ...env });
    if (test.code !== 0) throw new Error(`${name}: the connection test failed: ${test.stderr}`);
    prepared.push({
      name,
      dir,
      env,
      close: async () => {
        await fake.close();
        removeTempDir(dir);
      },
    });
  };
  const kimai = await startFakeKimai({ config: { absencePlugin: true } });
  await known('Kimai', kimai, { type: 'kimai', url: kimai.url }, { PUNCHCARD_KIMAI_TOKEN: (KIMAI_USERS[0] as { token: string }).token });
  const clockodo = await startFakeClockodo();
  seedCompany(clockodo);
  const clockodoUser = CLOCKODO_USERS[0] as { email: string; apiKey: string };
  await known('Clockodo', clockodo, { type: 'clockodo', url: clockodo.url, email: clockodoUser.email }, { PUNCHCARD_CLOCKODO_TOKEN: clockodoUser.apiKey });
  const calamari = await startFakeCalamari();
  seedOrganisation(calamari);
  await known('Calamari', calamari, { type: 'calamari', url: calamari.url, email: 'ada@acme.example' }, { PUNCHCARD_CALAMARI_TOKEN: CALAMARI_KEY });
  return prepared;
}

async function idleMemory(dir: string, env: Record<string, string>): Promise<{ idle: number | null; afterCall: number | null }> {
  const server = spawnRawServer(['--user-data', dir], serverEnv(dir, env), SERVER_BUNDLE, [], undefined, ENGINE_NODE_FLAGS);
  try {
    server.send(...legacyOpening());
    await server.response(TOOLS_LIST_ID);
    await new Promise((done) => setTimeout(done, IDLE_SETTLE_MS));
    const idle = residentMemory(server.pid)?.rssMb ?? null;
    server.send({ jsonrpc: '2.0', id: 3, method: 'tools/call', params: { name: 'timer_status', arguments: {} } });
    await server.response(3);
    await new Promise((done) => setTimeout(done, IDLE_SETTLE_MS));
    const afterCall = residentMemory(server.pid)?.rssMb ?? null;
    return { idle: idle === null ? null : round(idle, 1), afterCall: afterCall === null ? null : round(afterCall, 1) };
  } finally {
    await server.close();
  }
}
