// The team server under load for `npm run bench`, beside its peers on the same fake Kimai and the same
// load. 100 people sign in through the real OAuth flow (each with their own Kimai token), 10 first and
// then the rest, so memory is read at 10 and at 100 people. Then 20 calls are kept in flight, each
// worker calling for its share of the people one after another, through the official MCP client over
// Streamable HTTP: timer reads for a while, then clock in and clock out. Reported per server:
// throughput, p50/p99 latency at the client, errors, the server's CPU per call, Kimai requests per
// call, and its resident memory idle, at 10 and 100 people, at the end of the load and a few seconds
// after it.
//
// The peers, in the same loop:
// - kimai-mcp's own team server (kimai-mcp-peer.ts), where BENCH_KIMAI_MCP names its
//   `kimai-mcp-streamable` (a Python package this bench cannot install): the rival, doing the same
//   work on the same Kimai (its `timer` tool: `active`, `start`, `stop`).
// - the MCP reference server `everything` (the official SDK's own serving, with Express and a session
//   per client), calling its echo tool: it signs nobody in, keeps no store and asks no back end, so
//   it is the floor a call over HTTP stands on.
// The load, the clients and the fake Kimai share this machine's cores with the server: the numbers
// are what one machine does with everything on it. `node test/bench/team-server.ts` runs it alone.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';

import { clockStartingAt, type FakeUser, plainUsers, startFakeKimai, seedCatalog } from '../mcp-server/providers/kimai/fake-kimai.ts';
import { connectAs, type ConnectedClient, freePort, removeTeamServerData, startTeamServer, trackerSignIn } from '../support/team-server.ts';
import { startKimaiMcp } from './kimai-mcp-peer.ts';
import { percentile } from './stats.ts';

const PEOPLE = Number(process.env.BENCH_TEAM_PEOPLE ?? 100);
/** People signed in first, where memory is read the first time. */
const FIRST_PEOPLE = Math.min(10, PEOPLE);
const IN_FLIGHT = Number(process.env.BENCH_TEAM_IN_FLIGHT ?? 20);
const LOAD_SECONDS = Number(process.env.BENCH_TEAM_SECONDS ?? 15);
/** How long the server is left alone after the load before its memory is read again: V8 gives memory back once it sees the process idle, some seconds on. */
const SETTLE_MS = 30_000;
const NOW = '2026-11-18T08:00:00+01:00';

type Result = { isError?: boolean; content?: unknown };

/** What one person does on a server: read the timer, clock in, clock out; each one tool call. */
interface BenchPerson {
  read(): Promise<Result>;
  clockIn(): Promise<Result>;
  clockOut(): Promise<Result>;
  close(): Promise<void>;
}

export interface LoadFigures {
  seconds: number;
  calls: number;
  errors: number;
  callsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  serverCpuMsPerCall: number;
  kimaiRequestsPerCall: number;
}

export interface ServerFigures {
  signInMsPerPerson: number;
  reads: LoadFigures;
  clockInOut: LoadFigures;
  memoryMb: { idle: number; atFirstPeople: number; atAllPeople: number; perPerson: number; afterLoad: number; settled: number; peak: number };
}

export interface TeamServerBenchResults {
  people: number;
  inFlight: number;
  punchcard: ServerFigures;
  /** kimai-mcp's team server, where BENCH_KIMAI_MCP names it; null where it was not measured. */
  kimaiMcp: ServerFigures | null;
  /** The reference server's echo: the floor (see the top of this file). */
  floor: LoadFigures & { memoryPerClientMb: number };
}

type Row = (benchmark: string, result: string) => void;

const users: FakeUser[] = plainUsers(PEOPLE);

/** A server under test: its process, and how a person is signed in on it. */
interface ServerUnderTest {
  pid: number;
  signIn(user: FakeUser): Promise<BenchPerson>;
}

/** Signs people in (memory at the first ten and at all), then the two loads, then memory once the load stopped. */
async function measure(name: string, server: ServerUnderTest, kimaiRequests: () => number, progress: (text: string) => void): Promise<ServerFigures> {
  const people: BenchPerson[] = [];
  try {
    const idle = residentMb(server.pid);
    progress(`${name}: signing in ${PEOPLE} people through the OAuth flow`);
    const signInStarted = performance.now();
    for (const user of users.slice(0, FIRST_PEOPLE)) people.push(await server.signIn(user));
    // One read each opens every person's engine (their Kimai client, their zone).
    await Promise.all(people.map((person) => person.read()));
    const atFirstPeople = residentMb(server.pid);
    for (const user of users.slice(FIRST_PEOPLE)) people.push(await server.signIn(user));
    const signInMs = performance.now() - signInStarted;
    await Promise.all(people.map((person) => person.read()));
    const atAllPeople = residentMb(server.pid);
    progress(`${name}: ${IN_FLIGHT} timer reads in flight for ${LOAD_SECONDS} s`);
    const reads = await load(people, (person) => [() => person.read()], server.pid, kimaiRequests);
    progress(`${name}: ${IN_FLIGHT} clock-ins and clock-outs in flight for ${LOAD_SECONDS} s`);
    const clockInOut = await load(people, (person) => [() => person.clockIn(), () => person.clockOut()], server.pid, kimaiRequests);
    const afterLoad = residentMb(server.pid);
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
    return {
      signInMsPerPerson: Math.round(signInMs / PEOPLE),
      reads,
      clockInOut,
      memoryMb: {
        idle: round(idle),
        atFirstPeople: round(atFirstPeople),
        atAllPeople: round(atAllPeople),
        perPerson: round((atAllPeople - atFirstPeople) / Math.max(1, PEOPLE - FIRST_PEOPLE), 2),
        afterLoad: round(afterLoad),
        settled: round(residentMb(server.pid)),
        peak: round(peakMb(server.pid)),
      },
    };
  } finally {
    await Promise.all(people.map((person) => person.close().catch(() => {})));
  }
}

/**
 * IN_FLIGHT workers, each going through its share of the people one call after another for
 * LOAD_SECONDS; `steps` are one person's calls in order (a clock-in, then its clock-out), each timed.
 */
async function load(
  people: readonly BenchPerson[],
  steps: (person: BenchPerson) => Array<() => Promise<Result>>,
  pid: number,
  kimaiRequests: () => number,
): Promise<LoadFigures> {
  const latencies: number[] = [];
  let errors = 0;
  const timed = async (call: () => Promise<Result>) => {
    const sent = performance.now();
    try {
      if ((await call()).isError) errors++;
    } catch {
      errors++;
    }
    latencies.push(performance.now() - sent);
  };
  const requestsBefore = kimaiRequests();
  const cpuBefore = cpuMs(pid);
  const started = performance.now();
  const deadline = started + LOAD_SECONDS * 1000;
  await Promise.all(
    Array.from({ length: IN_FLIGHT }, async (_, worker) => {
      const mine = people.filter((_, index) => index % IN_FLIGHT === worker);
      for (let turn = 0; performance.now() < deadline; turn++) {
        const person = mine[turn % mine.length] as BenchPerson;
        // One after the other: a clock-out goes once its clock-in was answered.
        for (const call of steps(person)) await timed(call);
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  const cpu = cpuMs(pid) - cpuBefore;
  const sorted = latencies.sort((a, b) => a - b);
  return {
    seconds: round(elapsed),
    calls: sorted.length,
    errors,
    callsPerSecond: Math.round(sorted.length / elapsed),
    p50Ms: round(percentile(sorted, 50)),
    p99Ms: round(percentile(sorted, 99)),
    serverCpuMsPerCall: round(cpu / Math.max(1, sorted.length), 2),
    kimaiRequestsPerCall: round((kimaiRequests() - requestsBefore) / Math.max(1, sorted.length), 2),
  };
}

function figuresRows(row: Row, name: string, figures: ServerFigures): void {
  const loadLine = (load: LoadFigures) =>
    `${load.callsPerSecond} calls/s; p50 ${load.p50Ms} ms, p99 ${load.p99Ms} ms; ${load.errors} errors of ${load.calls}; ` +
    `server CPU ${load.serverCpuMsPerCall} ms a call; ${load.kimaiRequestsPerCall} Kimai requests a call`;
  row(`${name}: sign-in through OAuth, a person`, `${figures.signInMsPerPerson} ms`);
  row(`${name}: timer reads, ${IN_FLIGHT} in flight for ${LOAD_SECONDS} s`, loadLine(figures.reads));
  row(`${name}: clock in and out, ${IN_FLIGHT} in flight for ${LOAD_SECONDS} s`, loadLine(figures.clockInOut));
  const memory = figures.memoryMb;
  row(
    `${name}: memory idle / ${FIRST_PEOPLE} people / ${PEOPLE} people / each further person / at the load's end / ${SETTLE_MS / 1000} s later / peak`,
    `${memory.idle} / ${memory.atFirstPeople} / ${memory.atAllPeople} / ${memory.perPerson} / ${memory.afterLoad} / ${memory.settled} / ${memory.peak} MB`,
  );
}

/** The team server's run, then kimai-mcp's where it is given, then the floor's, in the same loop; and the ratios. */
export async function teamServerAndPeerBenchmarks(row: Row, progress: (text: string) => void): Promise<TeamServerBenchResults> {
  const fake = await startFakeKimai({ users, now: clockStartingAt(NOW) });
  const { website, meeting } = seedCatalog(fake);
  try {
    const punchcard = await punchcardFigures(fake.url, () => fake.requests.length, progress);
    figuresRows(row, 'Team server', punchcard);
    const command = process.env.BENCH_KIMAI_MCP;
    let kimaiMcp: ServerFigures | null = null;
    if (command) {
      const peer = await startKimaiMcp(command, fake.url, users);
      try {
        kimaiMcp = await measure(
          'kimai-mcp',
          {
            pid: peer.pid,
            async signIn(user) {
              const client = await peer.signIn(user);
              let running: string | undefined;
              return {
                read: () => client.call('timer', { action: 'active' }),
                async clockIn() {
                  const result = await client.call('timer', { action: 'start', data: { project: website.id, activity: meeting.id } });
                  running = /ID (\d+)/.exec(textOf(result))?.[1];
                  return result;
                },
                clockOut: () => client.call('timer', { action: 'stop', id: Number(running) }),
                close: () => client.close(),
              };
            },
          },
          () => fake.requests.length,
          progress,
        );
      } finally {
        await peer.stop();
      }
      figuresRows(row, 'kimai-mcp', kimaiMcp);
      const ratio = (ours: number, theirs: number) => `${round(ours / theirs, 2)}×`;
      row(
        'Team server ÷ kimai-mcp: reads calls/s, p99 / clock in and out calls/s, p99 / memory at 10, at 100 people',
        `${ratio(punchcard.reads.callsPerSecond, kimaiMcp.reads.callsPerSecond)}, ${ratio(punchcard.reads.p99Ms, kimaiMcp.reads.p99Ms)} / ` +
          `${ratio(punchcard.clockInOut.callsPerSecond, kimaiMcp.clockInOut.callsPerSecond)}, ${ratio(punchcard.clockInOut.p99Ms, kimaiMcp.clockInOut.p99Ms)} / ` +
          `${ratio(punchcard.memoryMb.atFirstPeople, kimaiMcp.memoryMb.atFirstPeople)}, ${ratio(punchcard.memoryMb.atAllPeople, kimaiMcp.memoryMb.atAllPeople)}`,
      );
    } else {
      row('kimai-mcp', 'not measured: BENCH_KIMAI_MCP names its kimai-mcp-streamable (pip install "kimai-mcp[server]")');
    }
    progress(`floor: the MCP reference server (everything), ${IN_FLIGHT} echo calls in flight for ${LOAD_SECONDS} s`);
    const floor = await floorBenchmark();
    row(
      `Floor: MCP reference server "everything" over Streamable HTTP, echo, ${IN_FLIGHT} in flight for ${LOAD_SECONDS} s (no sign-in, store or back end)`,
      `${floor.callsPerSecond} calls/s; p50 ${floor.p50Ms} ms, p99 ${floor.p99Ms} ms; ${floor.errors} errors of ${floor.calls}; server CPU ${floor.serverCpuMsPerCall} ms a call; ${floor.memoryPerClientMb} MB a client`,
    );
    return { people: PEOPLE, inFlight: IN_FLIGHT, punchcard, kimaiMcp, floor };
  } finally {
    await fake.close();
  }
}

async function punchcardFigures(kimaiUrl: string, kimaiRequests: () => number, progress: (text: string) => void): Promise<ServerFigures> {
  const server = await startTeamServer({
    built: true,
    provider: { type: 'kimai', url: kimaiUrl },
    signIn: { tracker: true },
    env: { PUNCHCARD_NOW: NOW, ...serverNodeOptions() },
    // Every simulated person comes from 127.0.0.1: the per-address limit is for the internet.
    limits: { requests_per_address_per_minute: 1_000_000, requests_per_person_per_minute: 100_000, failed_sign_ins_per_address: 10 },
  });
  try {
    return await measure(
      'team server',
      {
        pid: server.process.pid as number,
        async signIn(user) {
          const client: ConnectedClient = await connectAs(server, { era: 'modern', signIn: trackerSignIn(user.token) });
          return {
            read: () => client.call('timer_status'),
            clockIn: () => client.call('clock_in', { project: 'Website', activity: 'Meeting' }),
            clockOut: () => client.call('clock_out'),
            close: () => client.close(),
          };
        },
      },
      kimaiRequests,
      progress,
    );
  } finally {
    await server.stop();
    removeTeamServerData(server);
  }
}

/**
 * Node's options for the server, to look into it: BENCH_TEAM_PROFILE=DIR writes its CPU profile there
 * (node --cpu-prof), to see where a call's time goes; BENCH_TEAM_NODE_OPTIONS adds any other (a V8 flag
 * being tried). The server's own launch flags (team-server/node-flags.ts) are on its command line, and win
 * over a flag of the same name here.
 */
function serverNodeOptions(): { NODE_OPTIONS?: string } {
  const options = [
    ...(process.env.BENCH_TEAM_PROFILE ? [`--cpu-prof --cpu-prof-dir=${process.env.BENCH_TEAM_PROFILE}`] : []),
    ...(process.env.BENCH_TEAM_NODE_OPTIONS ? [process.env.BENCH_TEAM_NODE_OPTIONS] : []),
  ];
  return options.length > 0 ? { NODE_OPTIONS: options.join(' ') } : {};
}

function textOf(result: Result): string {
  return Array.isArray(result.content) ? result.content.map((part: { text?: string }) => part.text ?? '').join(' ') : '';
}

/** The reference server under the same load: its own process, measured as the team server is. */
async function floorBenchmark(): Promise<LoadFigures & { memoryPerClientMb: number }> {
  const port = await freePort();
  const entry = createRequire(import.meta.url).resolve('@modelcontextprotocol/server-everything/dist/index.js');
  // It binds every interface (its PORT is all it reads); the clients reach it on loopback. Its line a request goes nowhere.
  const child = spawn(process.execPath, [entry, 'streamableHttp'], {
    env: { PATH: process.env.PATH ?? '', PORT: String(port) },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    await new Promise<void>((resolve, reject) => {
      let said = '';
      const timer = setTimeout(() => reject(new Error(`The reference server did not start:\n${said}`)), 20_000);
      child.stderr.on('data', (chunk: Buffer) => {
        said += chunk.toString();
        if (/listening on port/.test(said)) {
          clearTimeout(timer);
          resolve();
        }
      });
      child.once('exit', (code) => reject(new Error(`The reference server exited (${code}):\n${said}`)));
    });
    const pid = child.pid as number;
    const idle = residentMb(pid);
    const url = new URL(`http://127.0.0.1:${port}/mcp`);
    const people: BenchPerson[] = [];
    try {
      for (let index = 0; index < PEOPLE; index++) {
        const client = new Client({ name: `bench-floor-${index}`, version: '1.0.0' });
        await client.connect(new StreamableHTTPClientTransport(url));
        const echo = () => client.callTool({ name: 'echo', arguments: { message: 'timer_status' } }) as Promise<Result>;
        people.push({ read: echo, clockIn: echo, clockOut: echo, close: () => client.close() });
      }
      await Promise.all(people.map((person) => person.read()));
      const withPeople = residentMb(pid);
      const figures = await load(
        people,
        (person) => [() => person.read()],
        pid,
        () => 0,
      );
      return { ...figures, memoryPerClientMb: round((withPeople - idle) / PEOPLE, 2) };
    } finally {
      await Promise.all(people.map((person) => person.close().catch(() => {})));
    }
  } finally {
    child.kill('SIGINT');
    await exited;
  }
}

/** The process's CPU time so far (user + system), from /proc. */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  // utime and stime are fields 14 and 15 of the line, 12 and 13 after the name; in clock ticks (100 a second on Linux).
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}

function residentMb(pid: number): number {
  return statusKilobytes(pid, 'VmRSS') / 1024;
}

function peakMb(pid: number): number {
  return statusKilobytes(pid, 'VmHWM') / 1024;
}

function statusKilobytes(pid: number, field: string): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN);
}

function round(value: number, digits = 1): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

if (import.meta.main) {
  const rows: Array<[string, string]> = [];
  await teamServerAndPeerBenchmarks(
    (benchmark, result) => rows.push([benchmark, result]),
    (text) => process.stderr.write(`[bench] ${text}\n`),
  );
  for (const [benchmark, result] of rows) console.log(`${benchmark}: ${result}`);
}
