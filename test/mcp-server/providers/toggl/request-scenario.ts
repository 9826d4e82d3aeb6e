// How many HTTP requests each tool call costs on Toggl Track, whose hourly quotas are the design constraint
// (docs/back-ends/toggl.md, "Quotas"): one scripted session through the built server over stdio, the fake Toggl
// counting what arrives. The request test asserts the numbers; `npm run bench` prints them. The session starts as a
// person's does after the app's "Test connection": the workspace (its plan, required fields and lock) is remembered,
// so the engine waits for the first request; whose the token is (/me), each process asks once, and the first call pays
// for it. test/mcp-server/e2e/toggl-requests.test.ts holds each call to the exact requests it sends and to the
// person's own quota; this scenario is the count every remote back end shares.
import { createEngineClient } from '../../../../main/engine/engine-client.ts';
import { serveArguments } from '../../../../main/engine/launch.ts';
import { createTimesheet, type Timesheet } from '../../../../main/engine/timesheet.ts';
import { togglFacts, togglFactsKey } from '../../../../mcp-server/providers/toggl/facts.ts';
import { type AnyEngineHandle, type EngineWhere, makeUserDataDir, openEngine, SERVER_BUNDLE, writeSettings } from '../../../support/engine.ts';
import { evidenceSteps, oneCommitEvidence } from '../../../support/evidence-fixture.ts';
import { clockStartingAt } from '../../../support/fake-clock.ts';
import type { Step } from '../../../support/request-counting.ts';
import { ADA_TOKEN, addEntry, type FakeToggl, SEED, seedCatalog, seedWorld, startFakeToggl } from './fake-toggl.ts';

export const NOW = '2026-11-18T08:00:00+01:00';
export const ADA = { id: SEED.users.ada, token: ADA_TOKEN };

/** A commit of the person's the day before NOW, for the evidence steps. */
const YESTERDAYS_COMMIT = '2026-11-17T06:00:00+01:00';

export const STEPS: Step[] = [
  { label: 'timer_status (first call: whose the token is, the recent weeks)', tool: 'timer_status', expected: 2 },
  { label: 'timer_status (warm)', tool: 'timer_status', expected: 1 },
  { label: 'whoami (the person known this process)', tool: 'whoami', expected: 0 },
  { label: 'list_catalog (projects, tasks, clients)', tool: 'list_catalog', expected: 3 },
  { label: 'clock_in by names (warm)', tool: 'clock_in', args: { project: 'Website', activity: 'Development' }, expected: 2 },
  { label: 'timer_status (warm)', tool: 'timer_status', expected: 1 },
  { label: 'clock_in switch (the running one stopped first)', tool: 'clock_in', args: { project: 'Internal', switch: true }, expected: 3 },
  { label: 'clock_out (warm)', tool: 'clock_out', expected: 2 },
  { label: 'clock_in without a project', tool: 'clock_in', args: { description: 'Reading' }, expected: 2 },
  { label: 'clock_out with a note', tool: 'clock_out', args: { note: 'done' }, expected: 2 },
  {
    label: 'log_time date + duration (the day read to place it)',
    tool: 'log_time',
    args: { date: 'yesterday', duration: '1h', project: 'Website' },
    expected: 2,
  },
  {
    label: 'record_agent_time (the tag by name, made by Toggl)',
    tool: 'record_agent_time',
    args: { start: 'yesterday 07:00', end: 'yesterday 07:30', description: 'Ran the tests', project: 'Website' },
    expected: 2,
  },
  ...evidenceSteps({ project: 'Website', activity: 'Development' }, 2),
  { label: 'list_time_entries', tool: 'list_time_entries', args: { limit: 10 }, expected: 1 },
  { label: 'update_time_entry (the entry read, then changed)', tool: 'update_time_entry', args: { id: '{entry}', description: 'changed' }, expected: 2 },
  { label: 'delete_time_entry', tool: 'delete_time_entry', args: { id: '{entry}' }, expected: 2 },
  { label: 'time_report', tool: 'time_report', expected: 1 },
  { label: 'working_time (the month and the balance: entries, leave; rules off)', tool: 'working_time', expected: 1 },
  { label: 'absence_calendar (the settings’ holidays: nothing asked)', tool: 'absence_calendar', expected: 0 },
];

/** A fresh process's first calls, one session each, the workspace remembered; each asks whose the token is first. */
export const COLD_STEPS: Step[] = [
  { label: 'timer_status, cold (a timer runs)', tool: 'timer_status', expected: 2 },
  { label: 'clock_in by names, cold (the catalog too)', tool: 'clock_in', args: { project: 'Website', activity: 'Development' }, expected: 6 },
  { label: 'clock_out, cold', tool: 'clock_out', expected: 3 },
];

export interface CountingSession {
  fake: FakeToggl;
  engine: AnyEngineHandle;
  userDataDir: string;
  /** performance.now() just before the engine was spawned: the bench's cold start counts from here. */
  engineStartedAt: number;
  resolve: (value: unknown) => unknown;
  close: () => Promise<void>;
}

export async function startCountingSession(options: { running?: boolean; where?: EngineWhere } = {}): Promise<CountingSession> {
  // Quotas that the session cannot use up: what is counted here is each call's requests.
  const fake = await startFakeToggl({ now: clockStartingAt(NOW), quotas: { user: 10_000, organisation: 10_000 } });
  seedWorld(fake);
  const ids = seedCatalog(fake, { customer: 'Acme Corp', projects: [{ name: 'Website' }, { name: 'Internal' }], task: 'Development' });
  if (options.running)
    addEntry(fake, { userId: ADA.id, start: Date.parse(NOW) - 3_600_000, projectId: ids.Website ?? null, taskId: ids['Website/Development'] ?? null });
  const userDataDir = makeUserDataDir();
  writeSettings(userDataDir, {
    evidence: oneCommitEvidence(userDataDir, YESTERDAYS_COMMIT),
    provider: { type: 'toggl', url: fake.url },
    tools: { groups: { agents: true }, enabled: { update_time_entry: true, delete_time_entry: true } },
  });
  // What the app's connection test leaves behind: the workspace, its plan, nothing required, no lock, an hour ago.
  togglFacts.write(
    userDataDir,
    togglFactsKey({ url: fake.url }),
    {
      workspaceId: SEED.workspaces.acme,
      workspaceName: 'Acme',
      plan: 'starter',
      requires: '',
      lockedAt: '',
      timezone: 'Europe/Berlin',
      checkedAt: new Date(Date.parse(NOW) - 3_600_000).toISOString(),
    },
    (message) => {
      throw new Error(message);
    },
  );
  const engineStartedAt = performance.now();
  const engine = await openEngine(options.where ?? 'bundle', { userDataDir, env: { PUNCHCARD_NOW: NOW, PUNCHCARD_TOGGL_TOKEN: ADA_TOKEN } });
  // Toggl's ids are numbers, and Punchcard shows them as they are.
  const resolve = (value: unknown) =>
    value === '{entry}' ? (fake.state.entries.filter((entry) => entry.userId === ADA.id && entry.deletedAt === null).at(-1)?.id ?? 0) : value;
  return {
    fake,
    engine,
    userDataDir,
    engineStartedAt,
    resolve,
    close: async () => {
      await engine.close();
      await fake.close();
    },
  };
}

/**
 * The app's own status code (main/engine/timesheet.ts) over an engine of its own, as the app runs it, against the
 * session's fake: what one poll of an idle app asks (on Toggl, of the person's own hourly quota).
 */
export function appTimesheet(session: CountingSession): { timesheet: Timesheet; close: () => Promise<void> } {
  const launch = { command: process.execPath, script: SERVER_BUNDLE, userDataDir: session.userDataDir };
  const client = createEngineClient({
    command: process.execPath,
    args: serveArguments(launch),
    env: { HOME: session.userDataDir, PUNCHCARD_NOW: NOW, PUNCHCARD_TOGGL_TOKEN: ADA_TOKEN },
    parentEnv: { PATH: process.env.PATH ?? '' },
    requiredFiles: [SERVER_BUNDLE],
    log: () => {},
  });
  return { timesheet: createTimesheet(client, { launch, log: () => {} }), close: () => client.close() };
}
