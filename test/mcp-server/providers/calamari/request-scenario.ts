// How many HTTP requests each tool call costs on Calamari, whose limit is counted per hour for a
// whole organisation: one scripted session, through the built server over stdio for the bench and in
// the test's process for the request test, the fake Calamari counting what arrives. The request test
// asserts the numbers; `npm run bench` prints them. The session starts as a person's does after the
// app's "Test connection", which runs first, for real (the command line's, or the same test in the
// test's process): what it remembers (the modules, the person's zone) is all the session knows, and
// its requests are not counted.
import { createEngineClient } from '../../../../main/engine/engine-client.ts';
import { evidenceSteps, oneCommitEvidence } from '../../../support/evidence-fixture.ts';
import { serveArguments } from '../../../../main/engine/launch.ts';
import { createTimesheet, type Timesheet } from '../../../../main/engine/timesheet.ts';
import {
  type AnyEngineHandle,
  type EngineHandle,
  type EngineWhere,
  makeUserDataDir,
  openEngine,
  SERVER_BUNDLE,
  startEngine,
  writeSettings,
} from '../../../support/engine.ts';
import { type MovableClock, movableClockStartingAt } from '../../../support/fake-clock.ts';
import type { Step } from '../../../support/request-counting.ts';
import { testConnection } from '../../../support/run-cli.ts';
import { DEFAULT_KEY, type FakeCalamari, seedOrganisation, startFakeCalamari, wallTimeToEpoch } from './fake-calamari.ts';

export const NOW = '2026-11-18T08:00:00+01:00';
export const ADA = 'ada@acme.example';

/** A commit of the person's the day before NOW, for the evidence steps. */
const YESTERDAYS_COMMIT = '2026-11-17T06:00:00+01:00';

export const STEPS: Step[] = [
  { label: 'timer_status (first call)', tool: 'timer_status', expected: 1 },
  { label: 'timer_status (warm)', tool: 'timer_status', expected: 1 },
  { label: 'whoami (the person, the working weeks)', tool: 'whoami', expected: 2 },
  { label: "list_catalog (the person's projects and break types)", tool: 'list_catalog', expected: 2 },
  // Calamari ignores a clock-in while a shift runs and answers as if it had started one: whether a
  // shift runs is asked before (the listing of the moment, or Calamari's status of the person), and
  // the new one read after (its id, and a shift begun elsewhere meanwhile).
  { label: 'clock_in by name (whether a shift runs, the clock-in, the shift it began)', tool: 'clock_in', args: { project: 'General' }, expected: 3 },
  { label: 'timer_status (warm)', tool: 'timer_status', expected: 1 },
  { label: 'start_break (the break types, unless the catalog just read them)', tool: 'start_break', expected: 3 },
  { label: 'end_break', tool: 'end_break', expected: 2 },
  { label: 'start_break (warm)', tool: 'start_break', args: { type: 'Lunch' }, expected: 2 },
  { label: 'clock_out (warm)', tool: 'clock_out', expected: 2 },
  { label: 'log_time date + duration', tool: 'log_time', args: { date: 'yesterday', duration: '1h', project: 'General' }, expected: 2 },
  {
    label: 'record_agent_time (a prefix in the description: no request of its own)',
    tool: 'record_agent_time',
    args: { start: 'yesterday 07:00', end: 'yesterday 07:30', description: 'Ran the tests', project: 'General' },
    expected: 1,
  },
  ...evidenceSteps({ project: 'General' }, 1),
  { label: 'list_time_entries', tool: 'list_time_entries', expected: 1 },
  { label: "time_report (shifts, holidays, leave, Calamari's balance)", tool: 'time_report', expected: 4 },
  { label: 'working_time (the month and the balance: entries, leave; rules off)', tool: 'working_time', expected: 4 },
  {
    label: "request_leave (types, overlaps, the balance before: the year's requests and what is left; the request)",
    tool: 'request_leave',
    args: { type: 'vacation', first_day: '2026-12-01', last_day: '2026-12-04' },
    expected: 5,
  },
  { label: 'list_leave_requests', tool: 'list_leave_requests', expected: 1 },
  { label: 'leave_balance', tool: 'leave_balance', expected: 2 },
  { label: "absence_calendar (the team's absences, their names)", tool: 'absence_calendar', expected: 2 },
];

/**
 * A warm clock_in: the person's projects and zone known, the shift listing of the last call older
 * than the moment it is shared, as when a person clocks in a while after their last call. What the
 * request test holds to at most three and the bench prints.
 */
export const WARM_CLOCK_IN: Step = {
  label: 'clock_in (warm: whether a shift runs, the clock-in, the days of the shift it began)',
  tool: 'clock_in',
  args: { project: 'General' },
  expected: 3,
};

/** A fresh process's first calls, one session each. */
export const COLD_STEPS: Step[] = [
  { label: 'timer_status, cold', tool: 'timer_status', expected: 1 },
  { label: 'clock_in by name, cold', tool: 'clock_in', args: { project: 'General' }, expected: 4 },
  { label: 'clock_out, cold', tool: 'clock_out', expected: 2 },
];

/**
 * A clock_in by name in an engine that starts after another read the person's projects within the
 * hour (a second AI client's, the app's after a restart): it takes the projects that one kept.
 */
export const CLOCK_IN_IN_ANOTHER_ENGINE: Step = {
  label: 'clock_in by name in a fresh engine within the hour (whether a shift runs, the clock-in, the days of the shift it began)',
  tool: 'clock_in',
  args: { project: 'General' },
  expected: 3,
};

export interface CountingSession {
  fake: FakeCalamari;
  engine: AnyEngineHandle;
  userDataDir: string;
  /** The key the engine was given (the fake's). */
  key: string;
  /** The fake's clock, which the engine's started on (PUNCHCARD_NOW) and another engine starts on. */
  clock: MovableClock;
  close: () => Promise<void>;
}

export async function startCountingSession(options: { running?: boolean; where?: EngineWhere } = {}): Promise<CountingSession> {
  const where = options.where ?? 'bundle';
  const clock = movableClockStartingAt(NOW);
  // Calamari's ten a second unenforced at the fake: it counts them on the wall clock, where a loaded machine bunches the
  // engine's paced requests into one second, and a 429's second try would count as the engine's own request (the pace
  // against the limit: pace.test.ts). The hour's and the day's counts stay.
  const fake = await startFakeCalamari({ now: clock, limits: { perSecond: 1_000 } });
  seedOrganisation(fake);
  if (options.running) {
    fake.state.shifts.push({
      id: 4000,
      employeeId: 1,
      started: wallTimeToEpoch('2026-11-18', '07:00:00', 'Europe/Berlin'),
      finished: null,
      breaks: [],
      projectId: null,
      description: null,
    });
  }
  const userDataDir = makeUserDataDir();
  writeSettings(userDataDir, {
    provider: { type: 'calamari', url: fake.url, email: ADA },
    tools: { groups: { agents: true } },
    evidence: oneCommitEvidence(userDataDir, YESTERDAYS_COMMIT),
  });
  const test = await testConnection(where, userDataDir, { HOME: userDataDir, PUNCHCARD_CALAMARI_TOKEN: DEFAULT_KEY });
  if (test.code !== 0) throw new Error(`The connection test failed: ${test.stderr}`);
  // Another process asked Calamari a moment ago: the engine keeps the organisation's second with it
  // (the data folder's limits file).
  fake.requests.splice(0);
  const engine = await openEngine(where, { userDataDir, env: { PUNCHCARD_NOW: NOW, PUNCHCARD_CALAMARI_TOKEN: DEFAULT_KEY } });
  return {
    fake,
    engine,
    userDataDir,
    key: DEFAULT_KEY,
    clock,
    close: async () => {
      await engine.close();
      await fake.close();
    },
  };
}

/**
 * Another engine process on the session's data folder, as a second AI client's or the app's after a
 * restart, `laterMs` after now: the fake's clock moves on that far, and the engine's starts at it.
 * Closed by the caller.
 */
export function startAnotherEngine(session: CountingSession, laterMs = 0): Promise<EngineHandle> {
  session.clock.advance(laterMs);
  return startEngine({
    userDataDir: session.userDataDir,
    env: { PUNCHCARD_NOW: new Date(session.clock()).toISOString(), PUNCHCARD_CALAMARI_TOKEN: session.key },
  });
}

/**
 * The app's own status code (main/engine/timesheet.ts) over an engine of its own, as the app runs it,
 * against the session's fake: what one poll of an idle app asks.
 */
export function appTimesheet(session: CountingSession): { timesheet: Timesheet; close: () => Promise<void> } {
  const launch = { command: process.execPath, script: SERVER_BUNDLE, userDataDir: session.userDataDir };
  const client = createEngineClient({
    command: process.execPath,
    args: serveArguments(launch),
    env: { HOME: session.userDataDir, PUNCHCARD_NOW: NOW, PUNCHCARD_CALAMARI_TOKEN: session.key },
    parentEnv: { PATH: process.env.PATH ?? '' },
    requiredFiles: [SERVER_BUNDLE],
    log: () => {},
  });
  return { timesheet: createTimesheet(client, { launch, log: () => {} }), close: () => client.close() };
}

/** Longer than the engine shares a listing of shifts or of leave requests between calls (timesheets/shifts.ts, leave/leave.ts). */
export const REUSE_PASSED_MS = 6_000;
