// How many HTTP requests each tool call costs on Kimai: one scripted session through the built
// server over stdio, the fake Kimai counting what arrives. The request-count test asserts the
// numbers; `npm run bench` prints them.
import { writeDetection } from '../../../../mcp-server/providers/kimai/facts.ts';
import { evidenceSteps, oneCommitEvidence } from '../../../support/evidence-fixture.ts';
import { type AnyEngineHandle, type EngineWhere, makeUserDataDir, openEngine, writeSettings } from '../../../support/engine.ts';
import { type Measured, measureSteps as measure, type Step } from '../../../support/request-counting.ts';
import { clockStartingAt, DEFAULT_USERS, type FakeKimai, type FakeUser, seedCatalog, startFakeKimai } from './fake-kimai.ts';

export type { Measured, Step };

const NOW = '2026-11-18T08:00:00+01:00';
export const ADA = DEFAULT_USERS[0] as FakeUser;

/** A commit of the person's the day before NOW, for the evidence steps. */
const YESTERDAYS_COMMIT = '2026-11-17T06:00:00+01:00';

export const STEPS: Step[] = [
  { label: 'timer_status (first call: the user, for the zone of the day)', tool: 'timer_status', expected: 3 },
  { label: 'whoami', tool: 'whoami', expected: 1 },
  { label: 'list_catalog (first call: three lists, and the custom-fields plugin looked for)', tool: 'list_catalog', expected: 4 },
  { label: 'list_catalog (cached)', tool: 'list_catalog', expected: 0 },
  { label: 'clock_in', tool: 'clock_in', args: { project: 'Website', activity: 'Design' }, expected: 2 },
  { label: 'timer_status', tool: 'timer_status', expected: 2 },
  { label: 'clock_in switch (Kimai auto-stops)', tool: 'clock_in', args: { project: 'Website', activity: 'Meeting', switch: true }, expected: 3 },
  { label: 'clock_out', tool: 'clock_out', expected: 2 },
  { label: 'clock_in resume last (no project)', tool: 'clock_in', expected: 3 },
  { label: 'clock_out with note', tool: 'clock_out', args: { note: 'done' }, expected: 3 },
  {
    label: 'log_time start + end',
    tool: 'log_time',
    args: { start: '2026-11-18T05:00:00+01:00', end: '2026-11-18T06:00:00+01:00', project: 'Website', activity: 'Design' },
    expected: 1,
  },
  { label: 'log_time date + duration', tool: 'log_time', args: { date: 'yesterday', duration: '1h', project: 'Website', activity: 'Design' }, expected: 2 },
  {
    label: 'record_agent_time (its tag looked for and made first)',
    tool: 'record_agent_time',
    args: { start: 'yesterday 07:00', end: 'yesterday 07:30', description: 'Ran the tests', project: 'Website', activity: 'Design' },
    expected: 3,
  },
  {
    label: 'record_agent_time (its tag found)',
    tool: 'record_agent_time',
    args: { start: 'yesterday 07:30', end: 'yesterday 08:00', description: 'Fixed a test', project: 'Website', activity: 'Design' },
    expected: 2,
  },
  ...evidenceSteps({ project: 'Website', activity: 'Design' }),
  { label: 'list_time_entries', tool: 'list_time_entries', args: { limit: 10 }, expected: 1 },
  { label: 'update_time_entry', tool: 'update_time_entry', args: { id: '{id}', description: 'changed' }, expected: 2 },
  { label: 'delete_time_entry', tool: 'delete_time_entry', args: { id: '{id}' }, expected: 2 },
  { label: 'time_report (targets need leave)', tool: 'time_report', expected: 2 },
  { label: 'working_time (the month and the balance: entries, leave; rules off)', tool: 'working_time', expected: 4 },
  { label: 'time_report one project', tool: 'time_report', args: { project: 'Website', group_by: 'activity' }, expected: 1 },
  { label: 'create_catalog_item (403 for a plain user)', tool: 'create_catalog_item', args: { kind: 'activity', name: 'Support' }, expected: 1 },
  { label: 'archive_catalog_item (403 for a plain user)', tool: 'archive_catalog_item', args: { kind: 'activity', id: 3 }, expected: 1 },
  {
    label: "request_leave, one absence (the year's absences for the balance first)",
    tool: 'request_leave',
    args: { type: 'vacation', first_day: '2026-12-01', last_day: '2026-12-04' },
    expected: 2,
  },
  {
    label: 'request_leave over New Year (2 balances first, 2 absences)',
    tool: 'request_leave',
    args: { type: 'vacation', first_day: '2026-12-28', last_day: '2027-01-05' },
    expected: 4,
  },
  { label: 'list_leave_requests', tool: 'list_leave_requests', expected: 1 },
  { label: 'leave_balance', tool: 'leave_balance', expected: 1 },
  { label: 'absence_calendar', tool: 'absence_calendar', expected: 1 },
  { label: 'cancel_leave_request (listed before)', tool: 'cancel_leave_request', args: { id: '{absence}' }, expected: 1 },
];

/**
 * A short working session as a person asks for it, eight operations, each with what kimai-mcp (the
 * Python Kimai server, 2.17.0: github.com/glazperle/kimai_mcp) needs for the same answer. It takes
 * ids only, so working by names costs its model extra tool calls; its counts are read from its
 * source (src/kimai_mcp/client.py and tools/), per step below. Punchcard starts cold (a new process)
 * with what a connection test leaves behind: the plugin answer and the profile zone.
 */
export interface SessionStep extends Step {
  kimaiMcp: { requests: number; toolCalls: number; how: string };
}

export const SESSION_VS_KIMAI_MCP: SessionStep[] = [
  {
    label: 'who am I',
    tool: 'whoami',
    expected: 1,
    kimaiMcp: { requests: 1, toolCalls: 1, how: 'user_current: GET /users/me' },
  },
  {
    label: 'clock in on Website, Design (by name; the custom-fields plugin looked for, an hour on)',
    tool: 'clock_in',
    args: { project: 'Website', activity: 'Design' },
    expected: 5,
    kimaiMcp: { requests: 3, toolCalls: 3, how: 'entity list project (GET /projects), entity list activity (GET /activities), timer start (POST /timesheets)' },
  },
  {
    label: 'is my timer running',
    tool: 'timer_status',
    expected: 2,
    kimaiMcp: { requests: 1, toolCalls: 1, how: 'timer active: GET /timesheets/active (no totals for today and the week)' },
  },
  {
    label: 'clock out with a note',
    tool: 'clock_out',
    args: { note: 'done' },
    expected: 3,
    kimaiMcp: {
      requests: 2,
      toolCalls: 2,
      how: 'timer stop with the id from before (PATCH /timesheets/{id}/stop), timesheet update for the note (PATCH /timesheets/{id})',
    },
  },
  {
    label: 'log 1 h yesterday from 14:00 on Website, Design',
    tool: 'log_time',
    args: { start: 'yesterday 14:00', duration: '1h', project: 'Website', activity: 'Design' },
    expected: 1,
    kimaiMcp: { requests: 1, toolCalls: 1, how: 'timesheet create with ids from before: POST /timesheets' },
  },
  {
    label: "today's entries",
    tool: 'list_time_entries',
    args: { from: 'today' },
    expected: 1,
    kimaiMcp: { requests: 2, toolCalls: 1, how: 'timesheet list, user_scope self: GET /users/me, GET /timesheets' },
  },
  {
    label: 'hours this week',
    tool: 'time_report',
    expected: 2,
    kimaiMcp: { requests: 3, toolCalls: 1, how: 'timesheet list with calculate_stats: GET /users/me, GET /timesheets, GET /projects (names)' },
  },
  {
    label: 'my leave requests',
    tool: 'list_leave_requests',
    expected: 1,
    kimaiMcp: { requests: 2, toolCalls: 1, how: 'absence list, user_scope self: GET /users/me, GET /absences' },
  },
];

export interface CountingSession {
  fake: FakeKimai;
  engine: AnyEngineHandle;
  close: () => Promise<void>;
}

/**
 * A fresh engine on the fake Kimai. By default the settings name the zone (every tool on); with
 * `afterConnectionTest` they are a fresh install's, and the data folder holds what the app's
 * connection test leaves: the plugin answer and the profile zone.
 */
export async function startCountingSession(
  options: { afterConnectionTest?: boolean; workingTime?: { rules: string }; where?: EngineWhere } = {},
): Promise<CountingSession> {
  const fake = await startFakeKimai({ now: clockStartingAt(NOW), config: { absencePlugin: true } });
  seedCatalog(fake);
  const userDataDir = makeUserDataDir();
  writeSettings(userDataDir, {
    provider: { type: 'kimai', url: fake.url },
    ...(options.afterConnectionTest
      ? {}
      : {
          timezone: 'Europe/Berlin',
          ...(options.workingTime ? { workingTime: options.workingTime } : {}),
          evidence: oneCommitEvidence(userDataDir, YESTERDAYS_COMMIT),
          tools: {
            groups: { agents: true },
            enabled: { update_time_entry: true, delete_time_entry: true, cancel_leave_request: true, archive_catalog_item: true },
          },
        }),
  });
  writeDetection(userDataDir, fake.url, { absences: true, ...(options.afterConnectionTest ? { timezone: ADA.timezone } : {}) }, (message) => {
    throw new Error(message);
  });
  const engine = await openEngine(options.where ?? 'bundle', { userDataDir, env: { PUNCHCARD_NOW: NOW, PUNCHCARD_KIMAI_TOKEN: ADA.token } });
  // The plugin is remembered as there, so no check runs in the background to be counted by mistake.
  return {
    fake,
    engine,
    close: async () => {
      await engine.close();
      await fake.close();
    },
  };
}

/** `{id}` in args is the id of the last entry the fake holds, `{absence}` of its last absence. */
export function measureSteps(session: CountingSession, steps: readonly Step[] = STEPS): Promise<Measured[]> {
  const { fake } = session;
  const resolve = (value: unknown) =>
    value === '{id}' ? (fake.state.timesheets.at(-1)?.id ?? 0) : value === '{absence}' ? (fake.state.absences.at(-1)?.id ?? 0) : value;
  return measure(session.engine, fake.requests, steps, resolve);
}
