// The team server under load for `npm run bench`, beside its peers on the same fake Kimai and the same
// load. 100 people sign in through the real OAuth flow (each with their own Kimai token), 10 first and
// then the rest, so memory is read at 10 and at 100 people. Then 20 calls are kept in flight, each
// worker calling for its share of the people one after another, through the official MCP client over
// Streamable HTTP: timer reads for a while, then clock in and clock out. Reported per server:
// throughput, p50/p99 latency at the client, errors, the server's CPU per call, Kimai requests per
// call (and per warm call: every slice of the load but the first, once each person's engine has read
// what it keeps), and its resident memory idle, at 10 and 100 people, at the end of the load and a few
// seconds after it.
//
// The same load, in the same loop, on a second team server under `sign_in.organisation` (issue 66): the
// same 100 people sign in through the company's OpenID provider (the tests' stand-in,
// test/support/identity-provider.ts), each pinned by e-mail to their Kimai user, and the server acts for
// each of them with one organisation token, on a fake Kimai of its own. The two servers' loads alternate
// in slices (own tokens, organisation, then organisation, own tokens, and so on), so what else the machine
// does falls on both alike and their ratio means something. Counted from that fake's request log: Kimai's
// directory reads a person (the organisation path reads the person at their engine's first call and at
// most hourly after, besides the match at sign-in), and the requests a warm call sends beside the own
// tokens' row.
//
// And the same load, in the same turns, on a third team server started as the guide's first command
// starts it, `node punchcard-mcp.mjs serve` (on a fake Kimai of its own), beside the first, which its
// program's first line starts (the shebang, as the systemd unit and npx do): node reads no first line
// then, so the server starts itself again with its Node flags (team-server/node-flags.ts), and the two
// are to hold alike; what that second start costs is their times from launch to listening.
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
import './product-pace.ts';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';

import {
  clockStartingAt,
  type FakeKimai,
  type FakeUser,
  type KimaiRequest,
  plainUsers,
  startFakeKimai,
  seedCatalog,
} from '../mcp-server/providers/kimai/fake-kimai.ts';
import { companySignIn, startIdentityProvider } from '../support/identity-provider.ts';
import {
  connectAs,
  type ConnectedClient,
  freePort,
  removeTeamServerData,
  type SignIn,
  startTeamServer,
  type TeamServerHandle,
  trackerSignIn,
} from '../support/team-server.ts';
import { clientWithTokens } from '../support/team-cluster.ts';
import { startKimaiMcp } from './kimai-mcp-peer.ts';
import { percentile } from './stats.ts';

const PEOPLE = Number(process.env.BENCH_TEAM_PEOPLE ?? 100);
/** People signed in first, where memory is read the first time. */
const FIRST_PEOPLE = Math.min(10, PEOPLE);
const IN_FLIGHT = Number(process.env.BENCH_TEAM_IN_FLIGHT ?? 20);
const LOAD_SECONDS = Number(process.env.BENCH_TEAM_SECONDS ?? 15);
/** How many slices each load is cut into, the servers measured together taking turns slice by slice (an even number: each goes first as often). */
const SLICES = Math.max(1, Math.floor(Number(process.env.BENCH_TEAM_SLICES ?? 4)));
/** BENCH_TEAM_ORGANISATION=0 leaves the organisation server out (a quicker run, for measuring the own tokens' server alone). */
const WITH_ORGANISATION = process.env.BENCH_TEAM_ORGANISATION !== '0';
/** BENCH_TEAM_ALLOCATIONS=1 counts the bytes the team servers allocate a call (allocation-probe.ts, loaded into them). */
const COUNT_ALLOCATIONS = process.env.BENCH_TEAM_ALLOCATIONS === '1';
/** How long the server is left alone after the load before its memory is read again: V8 gives memory back once it sees the process idle, some seconds on. */
const SETTLE_MS = 30_000;
const NOW = '2026-11-18T08:00:00+01:00';
/** Where the organisation server reads its Kimai token from (sign_in.organisation.key_env). */
const ORGANISATION_VARIABLE = 'PUNCHCARD_ORGANISATION_KEY';
/** What the server's launchers put in its environment (the image, the systemd unit): BENCH_TEAM_MALLOC_ARENA_MAX=default leaves glibc's own. */
const LAUNCHERS_ENV: Record<string, string> =
  process.env.BENCH_TEAM_MALLOC_ARENA_MAX === 'default' ? {} : { MALLOC_ARENA_MAX: process.env.BENCH_TEAM_MALLOC_ARENA_MAX ?? '2' };
/** Every simulated person comes from 127.0.0.1: the per-address limit is for the internet. */
const LIMITS = { requests_per_address_per_minute: 1_000_000, requests_per_person_per_minute: 100_000, failed_sign_ins_per_address: 10 };

type Result = { isError?: boolean; content?: unknown };

/** What one person does on a server: read the timer, clock in, clock out; each one tool call. */
interface BenchPerson {
  read(): Promise<Result>;
  clockIn(): Promise<Result>;
  clockOut(): Promise<Result>;
  close(): Promise<void>;
  /** The same person over a 2025-era session (the team server serves both eras; the steps above are the 2026 era's). */
  sessions?: BenchPerson;
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
  /** The same over every slice but the first (all of it where the load is one slice). */
  kimaiRequestsPerWarmCall: number;
  /** The server's resident memory as its last slice of this load ended, before any quiet spell let it give memory back. */
  residentMbAtEnd: number;
  /** V8 heap bytes the server allocated a call, in KB (BENCH_TEAM_ALLOCATIONS=1); null where not counted. */
  allocatedKbPerCall: number | null;
}

/** Kimai's reads a person that no single call needs again soon, from the request log. */
export interface LookUps {
  /** The directory of people (`GET /api/users`): the organisation path's match at sign-in and its look-up of the person. */
  directory: number;
  /** The calling account (`GET /api/users/me`). */
  me: number;
  /** Projects and activities (`GET /api/projects`, `GET /api/activities`). */
  catalog: number;
  /** Teams and their grants (`GET /api/teams`, `GET /api/teams/{id}`). */
  teams: number;
  /** The ApprovalBundle's weeks (`GET /api/approval-bundle/…`). */
  approvals: number;
}

export interface ServerFigures {
  signInMsPerPerson: number;
  /** The 2026 era's per-request path (the peer: its own era). */
  reads: LoadFigures;
  clockInOut: LoadFigures;
  /** The same over 2025-era sessions, after the 2026 era's; null for a server measured in one era. */
  sessions: { reads: LoadFigures; clockInOut: LoadFigures } | null;
  memoryMb: {
    idle: number;
    atFirstPeople: number;
    atAllPeople: number;
    perPerson: number;
    afterLoad: number;
    /** Of `afterLoad`: the pages of files (the node binary, ICU's data) and the process's own (the heaps, malloc's arenas). */
    afterLoadFileBacked: number;
    afterLoadAnonymous: number;
    settled: number;
    peak: number;
  };
  /** A person's look-ups from their sign-in until every engine was open, and during both loads. */
  lookUpsPerPerson: { signingIn: LookUps; duringLoads: LookUps };
  /** From the first sign-in to the end of the loads: the hours the look-ups were made in. */
  hours: number;
}

export interface TeamServerBenchResults {
  people: number;
  inFlight: number;
  slices: number;
  /** Started by its program's first line (the shebang). */
  punchcard: ServerFigures;
  /** The same load on a server acting for each person with one organisation token (sign_in.organisation), measured in turns with `punchcard`; null with BENCH_TEAM_ORGANISATION=0. */
  organisation: ServerFigures | null;
  /** The same as `punchcard` on a server started as `node punchcard-mcp.mjs serve`, measured in turns with it. */
  startedWithNode: ServerFigures;
  /** From launch until the log says it listens: by its program's first line, and by `node` (which starts it a second time, with its flags). */
  launchToListeningMs: { shebang: number; node: number };
  /** Node's options on the command line of each of those two processes as it served (/proc/PID/cmdline). */
  nodeOptions: { shebang: string[]; node: string[] };
  /** kimai-mcp's team server, where BENCH_KIMAI_MCP names it; null where it was not measured. */
  kimaiMcp: ServerFigures | null;
  /** The reference server's echo: the floor (see the top of this file). */
  floor: LoadFigures & { memoryPerClientMb: number };
}

type Row = (benchmark: string, result: string, target?: { text: string; met: boolean }) => void;

const users: FakeUser[] = plainUsers(PEOPLE);
/** The organisation's account on its fake Kimai: a super administrator, whose token the server acts for people with. */
const ORGANISATION_USER: FakeUser = {
  id: PEOPLE + 1,
  username: 'organisation',
  alias: 'Organisation',
  timezone: 'Europe/Berlin',
  role: 'ROLE_SUPER_ADMIN',
  token: 'token-organisation-0123456789',
};

/** A server under test: its process, how a person is signed in on it, and its Kimai's request log. */
interface ServerUnderTest {
  pid: number;
  /** Where its allocation probe writes (allocation-probe.ts), where one was loaded. */
  allocationsFile?: string;
  signIn(user: FakeUser): Promise<BenchPerson>;
  kimaiRequests(): readonly KimaiRequest[];
}

/** A server's people and where each worker is in its share of them (kept across slices, so every person gets turns). */
interface Measured {
  name: string;
  server: ServerUnderTest;
  people: BenchPerson[];
  turns: number[];
}

/** One slice of a load on one server, as counted. */
interface Slice {
  latencies: number[];
  errors: number;
  ms: number;
  cpuMs: number;
  kimaiRequests: number;
  warm: boolean;
  /** The server's resident memory as the slice ended. */
  residentMb: number;
  /** V8 heap bytes it allocated meanwhile, where counted. */
  allocatedBytes: number | null;
}

/**
 * Signs each server's people in (memory at the first ten and at all), then the two loads with the servers
 * taking turns slice by slice, then memory once the load stopped and again after SETTLE_MS.
 */
async function measure(servers: ReadonlyArray<{ name: string; server: ServerUnderTest }>, progress: (text: string) => void): Promise<ServerFigures[]> {
  const measured: Measured[] = servers.map(({ name, server }) => ({ name, server, people: [], turns: Array.from({ length: IN_FLIGHT }, () => 0) }));
  try {
    const signedIn: SignedIn[] = [];
    for (const each of measured) signedIn.push(await signEveryoneIn(each, progress));
    const loadsBegin = measured.map((each) => each.server.kimaiRequests().length);
    const reads = await inTurns(measured, 'timer reads', (person) => [() => person.read()], progress);
    const clockInOut = await inTurns(measured, 'clock-ins and clock-outs', (person) => [() => person.clockIn(), () => person.clockOut()], progress);
    // The 2025 era where every server measured serves it: the same people over sessions.
    const bothEras = measured.every((each) => each.people.every((person) => person.sessions));
    const sessionReads = bothEras
      ? await inTurns(measured, 'timer reads over 2025-era sessions', (person) => [() => sessionsOf(person).read()], progress)
      : null;
    const sessionClockInOut = bothEras
      ? await inTurns(
          measured,
          'clock-ins and clock-outs over 2025-era sessions',
          (person) => [() => sessionsOf(person).clockIn(), () => sessionsOf(person).clockOut()],
          progress,
        )
      : null;
    const loadsEnd = measured.map((each) => each.server.kimaiRequests().length);
    const loadsEnded = performance.now();
    const afterLoad = measured.map((each) => residentMb(each.server.pid));
    const afterLoadParts = measured.map((each) => ({
      file: statusKilobytes(each.server.pid, 'RssFile') / 1024,
      anonymous: statusKilobytes(each.server.pid, 'RssAnon') / 1024,
    }));
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
    return measured.map((each, index) => {
      const signing = signedIn[index] as SignedIn;
      const requests = each.server.kimaiRequests();
      return {
        signInMsPerPerson: Math.round(signing.signInMs / PEOPLE),
        reads: reads[index] as LoadFigures,
        clockInOut: clockInOut[index] as LoadFigures,
        sessions: sessionReads && sessionClockInOut ? { reads: sessionReads[index] as LoadFigures, clockInOut: sessionClockInOut[index] as LoadFigures } : null,
        memoryMb: {
          idle: round(signing.idle),
          atFirstPeople: round(signing.atFirstPeople),
          atAllPeople: round(signing.atAllPeople),
          perPerson: round((signing.atAllPeople - signing.atFirstPeople) / Math.max(1, PEOPLE - FIRST_PEOPLE), 2),
          afterLoad: round(afterLoad[index] as number),
          afterLoadFileBacked: round(afterLoadParts[index]?.file as number),
          afterLoadAnonymous: round(afterLoadParts[index]?.anonymous as number),
          settled: round(residentMb(each.server.pid)),
          peak: round(peakMb(each.server.pid)),
        },
        lookUpsPerPerson: {
          signingIn: lookUpsPerPerson(requests.slice(signing.requestsBefore, loadsBegin[index])),
          duringLoads: lookUpsPerPerson(requests.slice(loadsBegin[index], loadsEnd[index])),
        },
        hours: (loadsEnded - signing.started) / 3_600_000,
      };
    });
  } finally {
    await Promise.all(measured.flatMap((each) => each.people.map((person) => person.close().catch(() => {}))));
  }
}

function sessionsOf(person: BenchPerson): BenchPerson {
  if (!person.sessions) throw new Error('This person has no 2025-era session.');
  return person.sessions;
}

/** What signing a server's people in measured: from where in its Kimai's log, memory at each step, and how long. */
interface SignedIn {
  requestsBefore: number;
  idle: number;
  atFirstPeople: number;
  atAllPeople: number;
  signInMs: number;
  started: number;
}

/** Signs a server's people in, ten then the rest, one read each opening their engines; memory read idle, at ten and at all. */
async function signEveryoneIn(each: Measured, progress: (text: string) => void): Promise<SignedIn> {
  const { server, people } = each;
  const requestsBefore = server.kimaiRequests().length;
  const idle = residentMb(server.pid);
  progress(`${each.name}: signing in ${PEOPLE} people`);
  const started = performance.now();
  for (const user of users.slice(0, FIRST_PEOPLE)) people.push(await server.signIn(user));
  // One read each opens every person's engine (their Kimai client, their zone).
  await Promise.all(people.map((person) => person.read()));
  const atFirstPeople = residentMb(server.pid);
  for (const user of users.slice(FIRST_PEOPLE)) people.push(await server.signIn(user));
  const signInMs = performance.now() - started;
  await Promise.all(people.map((person) => person.read()));
  await Promise.all(people.map((person) => person.sessions?.read()));
  return { requestsBefore, idle, atFirstPeople, atAllPeople: residentMb(server.pid), signInMs, started };
}

/** A load cut into SLICES slices, the servers taking turns (the order turned round every slice); each server's figures over its slices. */
async function inTurns(
  measured: readonly Measured[],
  what: string,
  steps: (person: BenchPerson) => Array<() => Promise<Result>>,
  progress: (text: string) => void,
): Promise<LoadFigures[]> {
  const sliceSeconds = LOAD_SECONDS / SLICES;
  const slices = measured.map((): Slice[] => []);
  const names = measured.map((each) => each.name).join(' and ');
  progress(`${names}: ${IN_FLIGHT} ${what} in flight for ${LOAD_SECONDS} s${measured.length > 1 ? ` each, in turns of ${round(sliceSeconds)} s` : ''}`);
  for (let slice = 0; slice < SLICES; slice++) {
    const order = measured.map((_, index) => index);
    if (slice % 2 === 1) order.reverse();
    for (const index of order) (slices[index] as Slice[]).push(await loadSlice(measured[index] as Measured, steps, sliceSeconds, slice > 0));
  }
  return slices.map(figuresOf);
}

/**
 * IN_FLIGHT workers, each going through its share of the people one call after another for `seconds`;
 * `steps` are one person's calls in order (a clock-in, then its clock-out), each timed.
 */
async function loadSlice(each: Measured, steps: (person: BenchPerson) => Array<() => Promise<Result>>, seconds: number, warm: boolean): Promise<Slice> {
  const { server, people, turns } = each;
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
  const requestsBefore = server.kimaiRequests().length;
  const allocatedBefore = server.allocationsFile ? await allocatedBytes(server.pid, server.allocationsFile) : 0;
  const cpuBefore = cpuMs(server.pid);
  const started = performance.now();
  const deadline = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: IN_FLIGHT }, async (_, worker) => {
      const mine = people.filter((_, index) => index % IN_FLIGHT === worker);
      while (performance.now() < deadline) {
        const turn = turns[worker] as number;
        turns[worker] = turn + 1;
        const person = mine[turn % mine.length] as BenchPerson;
        // One after the other: a clock-out goes once its clock-in was answered.
        for (const call of steps(person)) await timed(call);
      }
    }),
  );
  const cpuAfter = cpuMs(server.pid);
  return {
    latencies,
    errors,
    ms: performance.now() - started,
    cpuMs: cpuAfter - cpuBefore,
    allocatedBytes: server.allocationsFile ? (await allocatedBytes(server.pid, server.allocationsFile)) - allocatedBefore : null,
    kimaiRequests: server.kimaiRequests().length - requestsBefore,
    warm,
    residentMb: residentMb(server.pid),
  };
}

/** One server's slices of a load as one figure. */
function figuresOf(slices: readonly Slice[]): LoadFigures {
  const sorted = slices.flatMap((slice) => slice.latencies).sort((a, b) => a - b);
  const sum = (values: readonly Slice[], field: 'ms' | 'cpuMs' | 'kimaiRequests' | 'errors') => values.reduce((total, slice) => total + slice[field], 0);
  const calls = (values: readonly Slice[]) => values.reduce((total, slice) => total + slice.latencies.length, 0);
  const warm = slices.some((slice) => slice.warm) ? slices.filter((slice) => slice.warm) : slices;
  const elapsed = sum(slices, 'ms') / 1000;
  return {
    seconds: round(elapsed),
    calls: sorted.length,
    errors: sum(slices, 'errors'),
    callsPerSecond: Math.round(sorted.length / elapsed),
    p50Ms: round(percentile(sorted, 50)),
    p99Ms: round(percentile(sorted, 99)),
    serverCpuMsPerCall: round(sum(slices, 'cpuMs') / Math.max(1, sorted.length), 2),
    kimaiRequestsPerCall: round(sum(slices, 'kimaiRequests') / Math.max(1, sorted.length), 2),
    kimaiRequestsPerWarmCall: round(sum(warm, 'kimaiRequests') / Math.max(1, calls(warm)), 2),
    residentMbAtEnd: round(slices.at(-1)?.residentMb ?? Number.NaN),
    allocatedKbPerCall: slices.every((slice) => slice.allocatedBytes !== null)
      ? round(slices.reduce((total, slice) => total + (slice.allocatedBytes ?? 0), 0) / 1024 / Math.max(1, sorted.length))
      : null,
  };
}

/** Those reads in a stretch of the request log, a person. */
function lookUpsPerPerson(requests: readonly KimaiRequest[]): LookUps {
  const count = (path: RegExp) => round(requests.filter((request) => request.method === 'GET' && path.test(request.path)).length / PEOPLE, 2);
  return {
    directory: count(/^\/api\/users$/),
    me: count(/^\/api\/users\/me$/),
    catalog: count(/^\/api\/(projects|activities)$/),
    teams: count(/^\/api\/teams(\/\d+)?$/),
    approvals: count(/^\/api\/approval-bundle\//),
  };
}

function figuresRows(row: Row, name: string, figures: ServerFigures, signIn = 'sign-in through OAuth'): void {
  const loadLine = (load: LoadFigures) =>
    `${load.callsPerSecond} calls/s; p50 ${load.p50Ms} ms, p99 ${load.p99Ms} ms; ${load.errors} errors of ${load.calls}; ` +
    `server CPU ${load.serverCpuMsPerCall} ms a call; ${load.kimaiRequestsPerCall} Kimai requests a call, ${load.kimaiRequestsPerWarmCall} a warm one; ` +
    `${load.residentMbAtEnd} MB resident at its end` +
    (load.allocatedKbPerCall === null ? '' : `; ${load.allocatedKbPerCall} KB allocated a call`);
  const era = figures.sessions ? ', 2026 era' : '';
  row(`${name}: ${signIn}, a person`, `${figures.signInMsPerPerson} ms`);
  row(`${name}: timer reads${era}, ${IN_FLIGHT} in flight for ${LOAD_SECONDS} s`, loadLine(figures.reads));
  row(`${name}: clock in and out${era}, ${IN_FLIGHT} in flight for ${LOAD_SECONDS} s`, loadLine(figures.clockInOut));
  if (figures.sessions) {
    row(`${name}: timer reads, 2025-era sessions, ${IN_FLIGHT} in flight for ${LOAD_SECONDS} s`, loadLine(figures.sessions.reads));
    row(`${name}: clock in and out, 2025-era sessions, ${IN_FLIGHT} in flight for ${LOAD_SECONDS} s`, loadLine(figures.sessions.clockInOut));
  }
  const memory = figures.memoryMb;
  row(
    `${name}: memory idle / ${FIRST_PEOPLE} people / ${PEOPLE} people / each further person / at the load's end / ${SETTLE_MS / 1000} s later / peak`,
    `${memory.idle} / ${memory.atFirstPeople} / ${memory.atAllPeople} / ${memory.perPerson} / ${memory.afterLoad} ` +
      `(${memory.afterLoadFileBacked} of files, ${memory.afterLoadAnonymous} its own) / ${memory.settled} / ${memory.peak} MB`,
  );
}

/** The organisation server's rows beside the own tokens': Kimai's people read a person, and the ratios of the two measured in turns. */
function organisationRows(row: Row, organisation: ServerFigures, own: ServerFigures): void {
  const { signingIn, duringLoads } = organisation.lookUpsPerPerson;
  // The match at sign-in reads the directory once; past that, a person is read at their engine's first call and at most hourly after.
  const allowed = Math.max(1, Math.ceil(organisation.hours));
  const beyondSignIn = signingIn.directory - 1 + duringLoads.directory;
  const ownLookUps = own.lookUpsPerPerson;
  row(
    'Team server, organisation key: Kimai directory reads (GET /api/users) a person, sign-in to first call / during the loads; GET /api/users/me the same; own tokens: the same',
    `${signingIn.directory} / ${duringLoads.directory}; ${signingIn.me} / ${duringLoads.me}; ` +
      `own tokens ${ownLookUps.signingIn.directory} / ${ownLookUps.duringLoads.directory}; ${ownLookUps.signingIn.me} / ${ownLookUps.duringLoads.me}`,
    { text: `≤ ${allowed} a person besides the sign-in's match (at most one an hour)`, met: beyondSignIn <= allowed },
  );
  // A person's first clock-in reads what their engine keeps for the hour: what the organisation path adds to it.
  row(
    'Team server, organisation key: reads a person during the loads: projects and activities / teams / approval weeks; own tokens: the same',
    `${duringLoads.catalog} / ${duringLoads.teams} / ${duringLoads.approvals}; own tokens ${ownLookUps.duringLoads.catalog} / ${ownLookUps.duringLoads.teams} / ${ownLookUps.duringLoads.approvals}`,
  );
  const ratio = (ours: number, theirs: number) => `${round(ours / theirs, 2)}×`;
  const ratios = (ours: LoadFigures, theirs: LoadFigures) =>
    `${ratio(ours.callsPerSecond, theirs.callsPerSecond)}, ${ratio(ours.p99Ms, theirs.p99Ms)}, ${ratio(ours.serverCpuMsPerCall, theirs.serverCpuMsPerCall)}, ` +
    `${ours.kimaiRequestsPerWarmCall} vs ${theirs.kimaiRequestsPerWarmCall}`;
  row(
    `Team server, organisation key ÷ own tokens, in turns of ${round(LOAD_SECONDS / SLICES)} s: calls/s, p99, CPU a call, Kimai requests a warm call; reads / clock in and out`,
    `${ratios(organisation.reads, own.reads)} / ${ratios(organisation.clockInOut, own.clockInOut)}`,
  );
}

/** The team server's run beside the same on one organisation key, then kimai-mcp's where it is given, then the floor's, in the same loop; and the ratios. */
export async function teamServerAndPeerBenchmarks(row: Row, progress: (text: string) => void): Promise<TeamServerBenchResults> {
  const fake = await startFakeKimai({ users, now: clockStartingAt(NOW) });
  const { website, meeting } = seedCatalog(fake);
  try {
    const { figures, launchToListeningMs, nodeOptions } = await punchcardFigures(fake, progress);
    const { punchcard, organisation, startedWithNode } = figures;
    figuresRows(row, 'Team server', punchcard);
    if (organisation) {
      figuresRows(row, 'Team server, organisation key', organisation, "sign-in through the company's OpenID provider and OAuth");
      organisationRows(row, organisation, punchcard);
    }
    figuresRows(row, 'Team server started with node', startedWithNode);
    launchRows(row, punchcard, startedWithNode, launchToListeningMs, nodeOptions);
    const command = process.env.BENCH_KIMAI_MCP;
    let kimaiMcp: ServerFigures | null = null;
    if (command) {
      const peer = await startKimaiMcp(command, fake.url, users);
      try {
        [kimaiMcp] = (await measure(
          [
            {
              name: 'kimai-mcp',
              server: {
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
                kimaiRequests: () => fake.requests,
              },
            },
          ],
          progress,
        )) as [ServerFigures];
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
    return { people: PEOPLE, inFlight: IN_FLIGHT, slices: SLICES, punchcard, organisation, startedWithNode, launchToListeningMs, nodeOptions, kimaiMcp, floor };
  } finally {
    await fake.close();
  }
}

/**
 * Three team servers under the same load in turns: one where each person signs in with their own Kimai token (on
 * `fake`), started by its program's first line; one under sign_in.organisation on a fake Kimai of its own, the same
 * people signing in through the OpenID provider stand-in and acting through one organisation token; and the first
 * again on a fake Kimai of its own, started as `node punchcard-mcp.mjs serve`.
 */
async function punchcardFigures(
  fake: FakeKimai,
  progress: (text: string) => void,
): Promise<
  Pick<TeamServerBenchResults, 'launchToListeningMs' | 'nodeOptions'> & {
    figures: { punchcard: ServerFigures; organisation: ServerFigures | null; startedWithNode: ServerFigures };
  }
> {
  const organisationFake = await startFakeKimai({ users: [...users, ORGANISATION_USER], now: clockStartingAt(NOW) });
  seedCatalog(organisationFake);
  // Its own Kimai: the same people clocking in on two servers of one Kimai would meet each other's timers.
  const nodeFake = await startFakeKimai({ users, now: clockStartingAt(NOW) });
  seedCatalog(nodeFake);
  const port = await freePort();
  const idp = await startIdentityProvider({
    accounts: users.map((user) => ({ id: user.username, name: user.alias ?? user.username, email: `${user.username}@example.com`, emailVerified: true })),
    redirectUris: [`http://127.0.0.1:${port}/sign-in/callback`],
  });
  const servers: TeamServerHandle[] = [];
  /** Started and timed from launch to listening. */
  const started = async (setup: Parameters<typeof startTeamServer>[0]): Promise<{ server: TeamServerHandle; ms: number }> => {
    const launched = performance.now();
    const server = await startTeamServer(setup);
    servers.push(server);
    return { server, ms: performance.now() - launched };
  };
  const probes = COUNT_ALLOCATIONS ? mkdtempSync(join(tmpdir(), 'punchcard-bench-allocations-')) : undefined;
  const ownAllocations = probes && join(probes, 'own');
  const organisationAllocations = probes && join(probes, 'organisation');
  try {
    const own = await started({
      built: true,
      launch: 'shebang',
      provider: { type: 'kimai', url: fake.url },
      signIn: { tracker: true },
      env: { PUNCHCARD_NOW: NOW, ...LAUNCHERS_ENV, ...serverNodeOptions(ownAllocations) },
      limits: LIMITS,
    });
    const person = (client: ConnectedClient, sessions?: ConnectedClient): BenchPerson => ({
      read: () => client.call('timer_status'),
      clockIn: () => client.call('clock_in', { project: 'Website', activity: 'Meeting' }),
      clockOut: () => client.call('clock_out'),
      close: async () => {
        await client.close();
        await sessions?.close();
      },
      ...(sessions ? { sessions: person(sessions) } : {}),
    });
    /** A person signed in on `server` for the 2026 era, and the same tokens over a 2025-era session. */
    const inBothEras = async (server: TeamServerHandle, signIn: SignIn) => {
      const modern = await connectAs(server, { era: 'modern', signIn });
      return person(modern, await clientWithTokens(server.mcpUrl, modern.oauth, 'legacy'));
    };
    const ownMeasured = {
      name: 'team server',
      server: {
        pid: own.server.process.pid as number,
        ...(ownAllocations ? { allocationsFile: ownAllocations } : {}),
        signIn: async (user: FakeUser) => inBothEras(own.server, trackerSignIn(user.token)),
        kimaiRequests: () => fake.requests,
      },
    };
    const withNode = await started({
      built: true,
      launch: 'node',
      provider: { type: 'kimai', url: nodeFake.url },
      signIn: { tracker: true },
      env: { PUNCHCARD_NOW: NOW, ...serverNodeOptions() },
      limits: LIMITS,
    });
    const nodeMeasured = {
      name: 'team server started with node',
      server: {
        pid: withNode.server.process.pid as number,
        signIn: async (user: FakeUser) => inBothEras(withNode.server, trackerSignIn(user.token)),
        kimaiRequests: () => nodeFake.requests,
      },
    };
    const launches = {
      launchToListeningMs: { shebang: Math.round(own.ms), node: Math.round(withNode.ms) },
      nodeOptions: { shebang: nodeOptionsOf(own.server), node: nodeOptionsOf(withNode.server) },
    };
    if (!WITH_ORGANISATION) {
      const [punchcard, startedWithNode] = (await measure([ownMeasured, nodeMeasured], progress)) as [ServerFigures, ServerFigures];
      return { figures: { punchcard, organisation: null, startedWithNode }, ...launches };
    }
    const { server: organisation } = await started({
      built: true,
      port,
      provider: { type: 'kimai', url: organisationFake.url },
      signIn: {
        oidc: { issuer: idp.issuer, client_id: idp.clientId, client_secret_env: 'PUNCHCARD_OIDC_SECRET', allowed_domains: ['example.com'] },
        organisation: { key_env: ORGANISATION_VARIABLE },
      },
      env: {
        PUNCHCARD_NOW: NOW,
        PUNCHCARD_OIDC_SECRET: idp.clientSecret,
        NODE_EXTRA_CA_CERTS: idp.caFile as string,
        [ORGANISATION_VARIABLE]: ORGANISATION_USER.token,
        ...LAUNCHERS_ENV,
        ...serverNodeOptions(organisationAllocations),
      },
      limits: LIMITS,
    });
    const [punchcard, organisationFigures, startedWithNode] = (await measure(
      [
        ownMeasured,
        {
          name: 'team server, organisation key',
          server: {
            pid: organisation.process.pid as number,
            ...(organisationAllocations ? { allocationsFile: organisationAllocations } : {}),
            signIn: async (user) => inBothEras(organisation, companySignIn(idp, user.username)),
            kimaiRequests: () => organisationFake.requests,
          },
        },
        nodeMeasured,
      ],
      progress,
    )) as [ServerFigures, ServerFigures, ServerFigures];
    return { figures: { punchcard, organisation: organisationFigures, startedWithNode }, ...launches };
  } finally {
    for (const server of servers) {
      await server.stop();
      removeTeamServerData(server);
    }
    if (probes) rmSync(probes, { recursive: true, force: true });
    await idp.close();
    await organisationFake.close();
    await nodeFake.close();
  }
}

/** Node's options on a served process's command line: what comes before the program. */
function nodeOptionsOf(server: TeamServerHandle): string[] {
  const commandLine = readFileSync(`/proc/${server.process.pid}/cmdline`, 'utf8').split('\0').slice(1, -1);
  return commandLine.slice(
    0,
    commandLine.findIndex((argument) => argument.endsWith('punchcard-mcp.mjs')),
  );
}

/** The server started with node beside the one its first line started: its flags, memory and CPU under the same load in turns, and the second start's cost. */
function launchRows(
  row: Row,
  shebang: ServerFigures,
  node: ServerFigures,
  launch: TeamServerBenchResults['launchToListeningMs'],
  options: TeamServerBenchResults['nodeOptions'],
): void {
  row('Team server, Node options as it serves: started with node / by its first line', `${options.node.join(' ')} / ${options.shebang.join(' ')}`);
  const pair = (pick: (figures: ServerFigures) => number) => `${pick(node)} vs ${pick(shebang)}`;
  row(
    'Team server started with node vs by its first line (shebang), in turns: MB at the end of the reads / of clock in and out / peak; server CPU ms a read / a clock in or out',
    `${pair((each) => each.reads.residentMbAtEnd)} / ${pair((each) => each.clockInOut.residentMbAtEnd)} / ${pair((each) => each.memoryMb.peak)}; ` +
      `${pair((each) => each.reads.serverCpuMsPerCall)} / ${pair((each) => each.clockInOut.serverCpuMsPerCall)}`,
  );
  row('Team server from launch to listening: started with node (node starts twice) / by its first line', `${launch.node} / ${launch.shebang} ms`);
}

/**
 * Node's options for the server, to look into it: BENCH_TEAM_PROFILE=DIR writes its CPU profile there
 * (node --cpu-prof), to see where a call's time goes; BENCH_TEAM_NODE_OPTIONS adds any other (a V8 flag
 * being tried). The server's own launch flags (team-server/node-flags.ts) are on its command line, and win
 * over a flag of the same name here.
 */
function serverNodeOptions(allocationsFile?: string): { NODE_OPTIONS?: string; BENCH_ALLOCATIONS_FILE?: string } {
  const options = [
    ...(allocationsFile ? [`--import=${new URL('./allocation-probe.ts', import.meta.url).pathname}`] : []),
    ...(process.env.BENCH_TEAM_PROFILE ? [`--cpu-prof --cpu-prof-dir=${process.env.BENCH_TEAM_PROFILE}`] : []),
    ...(process.env.BENCH_TEAM_NODE_OPTIONS ? [process.env.BENCH_TEAM_NODE_OPTIONS] : []),
  ];
  return {
    ...(options.length > 0 ? { NODE_OPTIONS: options.join(' ') } : {}),
    ...(allocationsFile ? { BENCH_ALLOCATIONS_FILE: allocationsFile } : {}),
  };
}

/** The bytes the server allocated so far, as its probe says when asked (allocation-probe.ts). */
async function allocatedBytes(pid: number, file: string): Promise<number> {
  rmSync(file, { force: true });
  process.kill(pid, 'SIGUSR2');
  for (let waited = 0; waited < 10_000; waited += 20) {
    if (existsSync(file)) {
      const text = readFileSync(file, 'utf8');
      if (text !== '') return Number(text);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`The allocation probe of process ${pid} did not answer.`);
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
      const floor: Measured = {
        name: 'floor',
        server: { pid, signIn: () => Promise.reject(new Error('Nobody signs in here.')), kimaiRequests: () => [] },
        people,
        turns: Array.from({ length: IN_FLIGHT }, () => 0),
      };
      const figures = figuresOf([await loadSlice(floor, (person) => [() => person.read()], LOAD_SECONDS, false)]);
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
  const rows: string[] = [];
  await teamServerAndPeerBenchmarks(
    (benchmark, result, target) => rows.push(`${benchmark}: ${result}${target ? ` (${target.text}: ${target.met ? 'met' : 'NOT met'})` : ''}`),
    (text) => process.stderr.write(`[bench] ${text}\n`),
  );
  for (const line of rows) console.log(line);
}
