// How many HTTP requests each tool call costs on Kimai: one scripted session through the built
// server over stdio, the fake Kimai counting what arrives. The request-count test asserts the
// numbers; `npm run bench` prints them.
import { type EngineHandle, makeUserDataDir, startEngine } from '../../../support/engine.ts';
import { clockStartingAt, DEFAULT_USERS, type FakeKimai, type FakeUser, rememberPlugin, seedCatalog, startFakeKimai } from './fake-kimai.ts';

const NOW = '2026-11-18T08:00:00+01:00';
const ADA = DEFAULT_USERS[0] as FakeUser;

export interface Step {
  label: string;
  tool: string;
  args?: Record<string, unknown>;
  /** Requests this call should cost, with the caches warm as the steps before leave them. */
  expected: number;
}

/** `{id}` in args is replaced by the id of the last entry the fake holds. */
export const STEPS: Step[] = [
  { label: 'timer_status (first call: user, timesheet settings)', tool: 'timer_status', expected: 4 },
  { label: 'whoami', tool: 'whoami', expected: 1 },
  { label: 'list_catalog (first call: three lists)', tool: 'list_catalog', expected: 3 },
  { label: 'list_catalog (cached)', tool: 'list_catalog', expected: 0 },
  { label: 'clock_in', tool: 'clock_in', args: { project: 'Website', activity: 'Design' }, expected: 2 },
  { label: 'timer_status', tool: 'timer_status', expected: 2 },
  { label: 'clock_in switch (Kimai auto-stops)', tool: 'clock_in', args: { project: 'Website', activity: 'Meeting', switch: true }, expected: 3 },
  { label: 'clock_out', tool: 'clock_out', expected: 2 },
  { label: 'clock_in resume last (no project)', tool: 'clock_in', expected: 3 },
  { label: 'clock_out with note', tool: 'clock_out', args: { note: 'done' }, expected: 3 },
  { label: 'log_time start + end', tool: 'log_time', args: { start: '2026-11-18T05:00:00+01:00', end: '2026-11-18T06:00:00+01:00', project: 'Website', activity: 'Design' }, expected: 1 },
  { label: 'log_time date + duration', tool: 'log_time', args: { date: 'yesterday', duration: '1h', project: 'Website', activity: 'Design' }, expected: 2 },
  { label: 'list_time_entries', tool: 'list_time_entries', args: { limit: 10 }, expected: 1 },
  { label: 'update_time_entry', tool: 'update_time_entry', args: { id: '{id}', description: 'changed' }, expected: 2 },
  { label: 'delete_time_entry', tool: 'delete_time_entry', args: { id: '{id}' }, expected: 2 },
  { label: 'time_report (targets need leave)', tool: 'time_report', expected: 2 },
  { label: 'time_report one project', tool: 'time_report', args: { project: 'Website', group_by: 'activity' }, expected: 1 },
  { label: 'create_catalog_item (403 for a plain user)', tool: 'create_catalog_item', args: { kind: 'activity', name: 'Support' }, expected: 1 },
  { label: 'archive_catalog_item (403 for a plain user)', tool: 'archive_catalog_item', args: { kind: 'activity', id: 3 }, expected: 1 },
  { label: 'request_leave, one absence', tool: 'request_leave', args: { type: 'vacation', first_day: '2026-12-01', last_day: '2026-12-04' }, expected: 2 },
  { label: 'request_leave over New Year (2 absences, 2 balances)', tool: 'request_leave', args: { type: 'vacation', first_day: '2026-12-28', last_day: '2027-01-05' }, expected: 4 },
  { label: 'list_leave_requests', tool: 'list_leave_requests', expected: 1 },
  { label: 'leave_balance', tool: 'leave_balance', expected: 1 },
  { label: 'absence_calendar', tool: 'absence_calendar', expected: 1 },
  { label: 'cancel_leave_request (listed before)', tool: 'cancel_leave_request', args: { id: '{absence}' }, expected: 1 },
];

export interface Measured {
  label: string;
  tool: string;
  expected: number;
  requests: string[];
  isError: boolean;
}

export interface CountingSession {
  fake: FakeKimai;
  engine: EngineHandle;
  close: () => Promise<void>;
}

export async function startCountingSession(): Promise<CountingSession> {
  const fake = await startFakeKimai({ now: clockStartingAt(NOW), config: { absencePlugin: true } });
  seedCatalog(fake);
  const userDataDir = makeUserDataDir({
    provider: { type: 'kimai', url: fake.url },
    timezone: 'Europe/Berlin',
    tools: { enabled: { update_time_entry: true, delete_time_entry: true, cancel_leave_request: true, archive_catalog_item: true } },
  });
  rememberPlugin(userDataDir, fake.url, true);
  const engine = await startEngine({ userDataDir, env: { PUNCHCARD_NOW: NOW, PUNCHCARD_KIMAI_TOKEN: ADA.token } });
  // The background plugin check is one request of its own; let it pass before counting.
  await waitFor(() => fake.requests.some((request) => request.path === '/api/absences/types'));
  return {
    fake,
    engine,
    close: async () => {
      await engine.close();
      await fake.close();
    },
  };
}

export async function measureSteps(session: CountingSession, steps: readonly Step[] = STEPS): Promise<Measured[]> {
  const results: Measured[] = [];
  for (const step of steps) {
    const args = Object.fromEntries(
      Object.entries(step.args ?? {}).map(([key, value]) => [
        key,
        value === '{id}' ? (session.fake.state.timesheets.at(-1)?.id ?? 0) : value === '{absence}' ? (session.fake.state.absences.at(-1)?.id ?? 0) : value,
      ]),
    );
    const before = session.fake.requests.length;
    const result = await session.engine.call(step.tool, args);
    const requests = session.fake.requests.slice(before).map((request) => `${request.method} ${request.path.replace(/^\/api/, '')} ${request.status}`);
    results.push({ label: step.label, tool: step.tool, expected: step.expected, requests, isError: result.isError === true });
  }
  return results;
}

async function waitFor(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error('timed out waiting for the background plugin check');
    await new Promise((done) => setTimeout(done, 20));
  }
}
