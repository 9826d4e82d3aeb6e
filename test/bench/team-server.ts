// The team server under load for `npm run bench`: 100 people signed in through the real OAuth flow
// (each with their own Kimai token, on the fake Kimai), then all of them calling timer_status at once
// for a while, each through the official MCP client over Streamable HTTP (2026-07-28 era, stateless).
// Reports throughput, p50/p99 latency at the client, errors, and the server's memory per connected
// person (its RSS with everyone's engine open, less its RSS before anyone signed in, over the people).
// The load, the clients and the fake Kimai share this machine's cores with the server: the numbers
// are what one machine does with everything on it. In the same loop, the peer: the MCP reference
// server `everything` over Streamable HTTP (the official SDK's own serving, with Express and a session
// per client), as many clients calling its echo tool for as long. It signs nobody in, keeps no store and
// asks no back end, so it is the floor a call over HTTP stands on, not a rival team server: kimai-mcp's
// own team server is a Python package, which this machine cannot install (no PyPI). The ratios say
// what the team server adds to a bare call. `node test/bench/team-server.ts` runs it alone.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';

import { clockStartingAt, type FakeUser, startFakeKimai, seedCatalog } from '../mcp-server/providers/kimai/fake-kimai.ts';
import { connectAs, type ConnectedClient, freePort, removeTeamServerData, startTeamServer, trackerSignIn } from '../support/team-server.ts';
import { percentile } from './stats.ts';

const PEOPLE = Number(process.env.BENCH_TEAM_PEOPLE ?? 100);
const LOAD_SECONDS = Number(process.env.BENCH_TEAM_SECONDS ?? 20);
const NOW = '2026-11-18T08:00:00+01:00';

export interface TeamServerBenchResults {
  people: number;
  signInMs: { total: number; perPerson: number };
  load: { seconds: number; calls: number; errors: number; callsPerSecond: number; p50Ms: number; p99Ms: number; maxMs: number; serverCpuMsPerCall: number };
  memoryMb: { idle: number; withPeople: number; perPerson: number; peak: number };
  kimaiRequestsPerCall: number;
  /** The reference server in the same loop (see the top of this file), and the team server's figures over its. */
  peer: PeerResults;
  ratioToPeer: { callsPerSecond: number; p99Ms: number; serverCpuMsPerCall: number; memoryPerPersonMb: number };
}

export interface PeerResults {
  load: { seconds: number; calls: number; errors: number; callsPerSecond: number; p50Ms: number; p99Ms: number; serverCpuMsPerCall: number };
  memoryMb: { idle: number; withPeople: number; perPerson: number; peak: number };
}

type Row = (benchmark: string, result: string) => void;

export async function teamServerBenchmarks(row: Row, progress: (text: string) => void): Promise<Omit<TeamServerBenchResults, 'peer' | 'ratioToPeer'>> {
  const users: FakeUser[] = Array.from({ length: PEOPLE }, (_, index) => ({
    id: index + 1,
    username: `person${index + 1}`,
    alias: `Person ${index + 1}`,
    timezone: 'Europe/Berlin',
    role: 'ROLE_USER',
    token: `token-person-${String(index + 1).padStart(4, '0')}-0123456789`,
  }));
  const fake = await startFakeKimai({ users, now: clockStartingAt(NOW) });
  seedCatalog(fake);
  const server = await startTeamServer({
    built: true,
    provider: { type: 'kimai', url: fake.url },
    signIn: { tracker: true },
    // BENCH_TEAM_PROFILE=DIR writes the server's CPU profile there (node --cpu-prof), to see where a request's time goes.
    env: { PUNCHCARD_NOW: NOW, ...(process.env.BENCH_TEAM_PROFILE ? { NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${process.env.BENCH_TEAM_PROFILE}` } : {}) },
    // Every simulated person comes from 127.0.0.1: the per-address limit is for the internet.
    limits: { requests_per_address_per_minute: 1_000_000, requests_per_person_per_minute: 100_000, failed_sign_ins_per_address: 10 },
  });
  const clients: ConnectedClient[] = [];
  try {
    const pid = server.process.pid as number;
    const idle = residentMb(pid);
    progress(`team server: signing in ${PEOPLE} people through the OAuth flow`);
    const signInStarted = performance.now();
    for (const user of users) clients.push(await connectAs(server, { era: 'modern', signIn: trackerSignIn(user.token) }));
    const signInMs = performance.now() - signInStarted;
    // One call each opens every person's engine (their Kimai client, their zone).
    await Promise.all(clients.map((client) => client.call('timer_status')));
    const withPeople = residentMb(pid);

    progress(`team server: ${PEOPLE} people calling timer_status at once for ${LOAD_SECONDS} s`);
    const requestsBefore = fake.requests.length;
    const latencies: number[] = [];
    let errors = 0;
    /** What went wrong, by its words, so the note can say what the errors were. */
    const errorWords = new Map<string, number>();
    const noteError = (words: string) => errorWords.set(words.slice(0, 160), (errorWords.get(words.slice(0, 160)) ?? 0) + 1);
    const deadline = performance.now() + LOAD_SECONDS * 1000;
    const started = performance.now();
    const cpuBefore = cpuMs(pid);
    await Promise.all(
      clients.map(async (client) => {
        while (performance.now() < deadline) {
          const sent = performance.now();
          try {
            const result = await client.call('timer_status');
            if (result.isError) {
              errors++;
              noteError(result.content.map((part) => ('text' in part ? part.text : '')).join(' '));
            }
          } catch (error) {
            errors++;
            noteError(error instanceof Error ? error.message : String(error));
          }
          latencies.push(performance.now() - sent);
        }
      }),
    );
    const elapsed = (performance.now() - started) / 1000;
    const serverCpuMs = cpuMs(pid) - cpuBefore;
    const sorted = latencies.sort((a, b) => a - b);
    const peak = peakMb(pid);
    const results: Omit<TeamServerBenchResults, 'peer' | 'ratioToPeer'> = {
      people: PEOPLE,
      signInMs: { total: Math.round(signInMs), perPerson: Math.round(signInMs / PEOPLE) },
      load: {
        seconds: Math.round(elapsed * 10) / 10,
        calls: sorted.length,
        errors,
        callsPerSecond: Math.round(sorted.length / elapsed),
        p50Ms: round(percentile(sorted, 50)),
        p99Ms: round(percentile(sorted, 99)),
        maxMs: round(sorted[sorted.length - 1] ?? 0),
        serverCpuMsPerCall: round(serverCpuMs / Math.max(1, sorted.length), 2),
      },
      memoryMb: { idle: round(idle), withPeople: round(withPeople), perPerson: round((withPeople - idle) / PEOPLE, 2), peak: round(peak) },
      kimaiRequestsPerCall: round((fake.requests.length - requestsBefore) / Math.max(1, sorted.length), 2),
    };
    row(
      `Team server: ${PEOPLE} people signed in through OAuth (DCR, sign-in with their Kimai token, consent, code)`,
      `${(signInMs / 1000).toFixed(1)} s, ${results.signInMs.perPerson} ms a person`,
    );
    row(
      `Team server: timer_status, ${PEOPLE} people at once for ${LOAD_SECONDS} s on the fake Kimai (2026 era)`,
      `${results.load.callsPerSecond} calls/s; p50 ${results.load.p50Ms} ms, p99 ${results.load.p99Ms} ms; ${errors} errors of ${sorted.length}`,
    );
    for (const [words, count] of errorWords) row(`  error (${count}×)`, words);
    row('  server CPU time per call (user + system; the rest of the machine runs the clients and the fake)', `${results.load.serverCpuMsPerCall} ms`);
    row('  Kimai requests per timer_status call', `${results.kimaiRequestsPerCall}`);
    row(
      "  server memory: idle / with every person's engine open / per connected person / peak",
      `${results.memoryMb.idle} MB / ${results.memoryMb.withPeople} MB / ${results.memoryMb.perPerson} MB / ${results.memoryMb.peak} MB`,
    );
    return results;
  } finally {
    await Promise.all(clients.map((client) => client.close().catch(() => {})));
    await server.stop();
    removeTeamServerData(server);
    await fake.close();
  }
}

/** The team server's run, then the peer's in the same loop, and the ratios of the two. */
export async function teamServerAndPeerBenchmarks(row: Row, progress: (text: string) => void): Promise<TeamServerBenchResults> {
  const team = await teamServerBenchmarks(row, progress);
  progress(`peer: the MCP reference server (everything) over Streamable HTTP, ${PEOPLE} clients calling echo at once for ${LOAD_SECONDS} s`);
  const peer = await peerBenchmark();
  const ratio = (ours: number, theirs: number) => round(ours / theirs, 2);
  const ratioToPeer = {
    callsPerSecond: ratio(team.load.callsPerSecond, peer.load.callsPerSecond),
    p99Ms: ratio(team.load.p99Ms, peer.load.p99Ms),
    serverCpuMsPerCall: ratio(team.load.serverCpuMsPerCall, peer.load.serverCpuMsPerCall),
    memoryPerPersonMb: ratio(team.memoryMb.perPerson, peer.memoryMb.perPerson),
  };
  row(
    `Peer: MCP reference server "everything" over Streamable HTTP, echo, ${PEOPLE} clients at once for ${LOAD_SECONDS} s (no sign-in, store or back end)`,
    `${peer.load.callsPerSecond} calls/s; p50 ${peer.load.p50Ms} ms, p99 ${peer.load.p99Ms} ms; ${peer.load.errors} errors of ${peer.load.calls}`,
  );
  row(
    "  peer CPU time per call / memory idle, with every client's session, per client, peak",
    `${peer.load.serverCpuMsPerCall} ms / ${peer.memoryMb.idle} MB, ${peer.memoryMb.withPeople} MB, ${peer.memoryMb.perPerson} MB, ${peer.memoryMb.peak} MB`,
  );
  row(
    '  team server ÷ peer: calls/s, p99, CPU per call, memory per connected person',
    `${ratioToPeer.callsPerSecond}× / ${ratioToPeer.p99Ms}× / ${ratioToPeer.serverCpuMsPerCall}× / ${ratioToPeer.memoryPerPersonMb}×`,
  );
  return { ...team, peer, ratioToPeer };
}

/** The reference server under the same load as the team server's run: its own process, measured as the team server's is. */
async function peerBenchmark(): Promise<PeerResults> {
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
    const clients: Client[] = [];
    try {
      for (let index = 0; index < PEOPLE; index++) {
        const client = new Client({ name: `bench-peer-${index}`, version: '1.0.0' });
        await client.connect(new StreamableHTTPClientTransport(url));
        clients.push(client);
      }
      await Promise.all(clients.map((client) => client.callTool({ name: 'echo', arguments: { message: 'warm' } })));
      const withPeople = residentMb(pid);
      const load = await callsAtOnce(
        clients.map((client) => () => client.callTool({ name: 'echo', arguments: { message: 'timer_status' } })),
        () => cpuMs(pid),
      );
      return {
        load,
        memoryMb: { idle: round(idle), withPeople: round(withPeople), perPerson: round((withPeople - idle) / PEOPLE, 2), peak: round(peakMb(pid)) },
      };
    } finally {
      await Promise.all(clients.map((client) => client.close().catch(() => {})));
    }
  } finally {
    child.kill('SIGINT');
    await exited;
  }
}

/** Each caller calls in a loop for LOAD_SECONDS, all at once: throughput, latency at the client, errors, and the server's CPU per call. */
async function callsAtOnce(callers: ReadonlyArray<() => Promise<{ isError?: boolean }>>, serverCpuMs: () => number): Promise<PeerResults['load']> {
  const latencies: number[] = [];
  let errors = 0;
  const deadline = performance.now() + LOAD_SECONDS * 1000;
  const started = performance.now();
  const cpuBefore = serverCpuMs();
  await Promise.all(
    callers.map(async (call) => {
      while (performance.now() < deadline) {
        const sent = performance.now();
        try {
          if ((await call()).isError) errors++;
        } catch {
          errors++;
        }
        latencies.push(performance.now() - sent);
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  const cpu = serverCpuMs() - cpuBefore;
  const sorted = latencies.sort((a, b) => a - b);
  return {
    seconds: round(elapsed),
    calls: sorted.length,
    errors,
    callsPerSecond: Math.round(sorted.length / elapsed),
    p50Ms: round(percentile(sorted, 50)),
    p99Ms: round(percentile(sorted, 99)),
    serverCpuMsPerCall: round(cpu / Math.max(1, sorted.length), 2),
  };
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
