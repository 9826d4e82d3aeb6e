// How many HTTP requests each tool call costs on Clockify, which counts requests per second per key
// and workspace: one scripted session through the built server over stdio, the fake Clockify counting
// what arrives. The request test asserts the numbers; `npm run bench` prints them. The session starts
// as a person's does after the app's "Test connection": the workspace and time off are remembered, so
// the engine waits for the first request; whose the key is, each process asks once, and the first
// call pays for it.
import { join } from 'node:path';
import { evidenceSteps, oneCommitEvidence } from '../../../support/evidence-fixture.ts';
import { DatabaseSync } from 'node:sqlite';
import { CLOCKIFY_IDS_FILE } from '../../../../mcp-server/providers/clockify/context.ts';
import { createEngineClient } from '../../../../main/engine/engine-client.ts';
import { serveArguments } from '../../../../main/engine/launch.ts';
import { createTimesheet, type Timesheet } from '../../../../main/engine/timesheet.ts';
import { clockifyFacts, clockifyFactsKey } from '../../../../mcp-server/providers/clockify/facts.ts';
import { type AnyEngineHandle, type EngineWhere, makeUserDataDir, openEngine, SERVER_BUNDLE, writeSettings } from '../../../support/engine.ts';
import { clockStartingAt } from '../../../support/fake-clock.ts';
import type { Step } from '../../../support/request-counting.ts';
import { ADA, addEntry, at, type FakeClockify, SEED, seedWorkspace, startFakeClockify } from './fake-clockify.ts';

export const NOW = '2026-11-18T08:00:00+01:00';
export { ADA };

/** `{entry}` is the number of Ada's newest entry, `{request}` of her newest pending time-off request (as listed). */
/** A commit of the person's the day before NOW, for the evidence steps. */
const YESTERDAYS_COMMIT = '2026-11-17T06:00:00+01:00';

export const STEPS: Step[] = [
  { label: 'timer_status (first call: whose the key is, the running entry, the week)', tool: 'timer_status', expected: 3 },
  { label: 'timer_status (warm)', tool: 'timer_status', expected: 2 },
  { label: 'whoami (the person afresh, the member profile, the holidays)', tool: 'whoami', expected: 3 },
  { label: "list_catalog (clients, projects, each active project's tasks, the custom fields)", tool: 'list_catalog', expected: 5 },
  { label: 'clock_in by names (warm)', tool: 'clock_in', args: { project: 'Website', activity: 'Development' }, expected: 2 },
  { label: 'timer_status (warm)', tool: 'timer_status', expected: 2 },
  { label: 'clock_in switch (the running one stopped first)', tool: 'clock_in', args: { project: 'Internal', activity: 'Meeting', switch: true }, expected: 3 },
  { label: 'clock_out (warm)', tool: 'clock_out', expected: 2 },
  { label: 'clock_in without a project', tool: 'clock_in', args: { description: 'Reading' }, expected: 2 },
  { label: 'clock_out with a note', tool: 'clock_out', args: { note: 'done' }, expected: 2 },
  { label: 'log_time date + duration', tool: 'log_time', args: { date: 'yesterday', duration: '1h', project: 'Website', activity: 'Design' }, expected: 2 },
  {
    label: 'record_agent_time (its tag looked for and made first)',
    tool: 'record_agent_time',
    args: { start: 'yesterday 07:00', end: 'yesterday 07:30', description: 'Ran the tests', project: 'Website' },
    expected: 3,
  },
  ...evidenceSteps({ project: 'Website', activity: 'Design' }, 1),
  { label: 'list_time_entries', tool: 'list_time_entries', args: { limit: 10 }, expected: 1 },
  { label: 'update_time_entry (the read reused)', tool: 'update_time_entry', args: { id: '{entry}', description: 'changed' }, expected: 2 },
  { label: 'delete_time_entry', tool: 'delete_time_entry', args: { id: '{entry}' }, expected: 2 },
  { label: 'time_report (entries, the running entry, time off)', tool: 'time_report', expected: 3 },
  { label: 'working_time (the month and the balance: entries, leave; rules off)', tool: 'working_time', expected: 1 },
  {
    label: 'request_leave (balances, policies, the request; requests cached, the balance counted before)',
    tool: 'request_leave',
    args: { type: 'vacation', first_day: '2026-12-01', last_day: '2026-12-04' },
    expected: 3,
  },
  { label: 'list_leave_requests', tool: 'list_leave_requests', expected: 1 },
  { label: 'leave_balance (balances; requests cached)', tool: 'leave_balance', expected: 2 },
  { label: "absence_calendar (own and colleagues' time off)", tool: 'absence_calendar', expected: 2 },
  { label: 'cancel_leave_request (the pending request found, withdrawn)', tool: 'cancel_leave_request', args: { id: '{request}' }, expected: 2 },
];

/** A fresh process's first calls, one session each; each asks whose the key is first. */
export const COLD_STEPS: Step[] = [
  { label: 'timer_status, cold (a timer runs)', tool: 'timer_status', expected: 3 },
  { label: 'clock_in by names, cold (the custom fields too)', tool: 'clock_in', args: { project: 'Website', activity: 'Development' }, expected: 6 },
  { label: 'clock_out, cold (the custom fields too)', tool: 'clock_out', expected: 4 },
];

export interface CountingSession {
  fake: FakeClockify;
  engine: AnyEngineHandle;
  userDataDir: string;
  resolve: (value: unknown) => unknown;
  close: () => Promise<void>;
}

export async function startCountingSession(
  options: { running?: boolean; workingTime?: { rules: string }; where?: EngineWhere } = {},
): Promise<CountingSession> {
  const fake = await startFakeClockify({ now: clockStartingAt(NOW), teamTimeOffForEveryone: true });
  seedWorkspace(fake);
  if (options.running) addEntry(fake, { userId: ADA.id, start: at('2026-11-18', '07:00'), projectId: SEED.projects.website, taskId: SEED.tasks.development });
  const userDataDir = makeUserDataDir();
  writeSettings(userDataDir, {
    evidence: oneCommitEvidence(userDataDir, YESTERDAYS_COMMIT),
    provider: { type: 'clockify', url: fake.url },
    ...(options.workingTime ? { workingTime: options.workingTime } : {}),
    tools: { groups: { agents: true }, enabled: { update_time_entry: true, delete_time_entry: true, cancel_leave_request: true } },
  });
  // What the app's connection test leaves behind: the workspace, its plan and time off, an hour ago.
  clockifyFacts.write(
    userDataDir,
    clockifyFactsKey({ url: fake.url }),
    {
      workspaceId: SEED.workspaces.acme,
      workspaceName: 'Acme',
      plan: 'STANDARD',
      timeOff: true,
      timeOffInPlan: true,
      requires: '',
      timezone: 'Europe/Berlin',
      checkedAt: new Date(Date.parse(NOW) - 3_600_000).toISOString(),
    },
    (message) => {
      throw new Error(message);
    },
  );
  const engine = await openEngine(options.where ?? 'bundle', { userDataDir, env: { PUNCHCARD_NOW: NOW, PUNCHCARD_CLOCKIFY_TOKEN: ADA.key } });
  const resolve = (value: unknown) => {
    if (value === '{entry}') return numberOf(userDataDir, 'entry', fake.state.entries.filter((entry) => entry.userId === ADA.id).at(-1)?.id);
    if (value === '{request}')
      return numberOf(userDataDir, 'timeOff', fake.state.timeOff.filter((request) => request.userId === ADA.id && request.status === 'PENDING').at(-1)?.id);
    return value;
  };
  return {
    fake,
    engine,
    userDataDir,
    resolve,
    close: async () => {
      await engine.close();
      await fake.close();
    },
  };
}

/** The number Punchcard gave a Clockify id, from its list of ids in the data folder (0 when none). */
export function numberOf(userDataDir: string, kind: string, remote: string | undefined): number {
  if (remote === undefined) return 0;
  const db = new DatabaseSync(join(userDataDir, CLOCKIFY_IDS_FILE), { readOnly: true });
  try {
    return (db.prepare('SELECT number FROM aliases WHERE kind = ? AND remote = ?').get(kind, remote) as { number: number } | undefined)?.number ?? 0;
  } finally {
    db.close();
  }
}

/** Waits for the engine's background check to ask whose the key is. */
export async function identityAsked(fake: FakeClockify): Promise<void> {
  for (let waited = 0; waited < 10_000; waited += 20) {
    if (fake.requests.some((request) => request.path === '/api/v1/user' && request.status !== 0)) return;
    await new Promise((done) => setTimeout(done, 20));
  }
  throw new Error('The engine did not ask Clockify whose the key is within 10 s.');
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
    env: { HOME: session.userDataDir, PUNCHCARD_NOW: NOW, PUNCHCARD_CLOCKIFY_TOKEN: ADA.key },
    parentEnv: { PATH: process.env.PATH ?? '' },
    requiredFiles: [SERVER_BUNDLE],
    log: () => {},
  });
  return { timesheet: createTimesheet(client, { launch, log: () => {} }), close: () => client.close() };
}
