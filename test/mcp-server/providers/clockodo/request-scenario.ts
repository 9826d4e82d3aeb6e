// How many HTTP requests each tool call costs on Clockodo: one scripted session through the built
// server over stdio, the fake Clockodo counting what arrives. The request test asserts the numbers;
// `npm run bench` prints them. The session starts as a person's does after the app's "Test
// connection": the person's id, zone and rights are remembered, nothing else.
import { clockodoFacts, clockodoFactsKey } from '../../../../mcp-server/providers/clockodo/facts.ts';
import { evidenceSteps, oneCommitEvidence } from '../../../support/evidence-fixture.ts';
import { type AnyEngineHandle, type EngineWhere, makeUserDataDir, openEngine, writeSettings } from '../../../support/engine.ts';
import { clockStartingAt } from '../../../support/fake-clock.ts';
import type { Step } from '../../../support/request-counting.ts';
import { DEFAULT_USERS, type FakeClockodo, type FakeUser, seedCompany, startFakeClockodo } from './fake-clockodo.ts';

export const NOW = '2026-11-18T08:00:00+01:00';
export const ADA = DEFAULT_USERS[0] as FakeUser;

/** `{entry}` is the id of Ada's newest entry, `{absence}` of her newest absence. */
/** A commit of the person's the day before NOW, for the evidence steps. */
const YESTERDAYS_COMMIT = '2026-11-17T06:00:00+01:00';

export const STEPS: Step[] = [
  { label: 'timer_status (first call, nothing to name yet)', tool: 'timer_status', expected: 2 },
  { label: 'timer_status (warm)', tool: 'timer_status', expected: 2 },
  { label: 'whoami (a fresh read of the person, the target hours)', tool: 'whoami', expected: 2 },
  { label: 'list_catalog (customers, projects, services, two access maps)', tool: 'list_catalog', expected: 5 },
  { label: 'clock_in by names (warm)', tool: 'clock_in', args: { project: 'Website', activity: 'Development' }, expected: 2 },
  { label: 'timer_status (warm)', tool: 'timer_status', expected: 2 },
  {
    label: 'clock_in switch (Clockodo stops the running one)',
    tool: 'clock_in',
    args: { project: 'Website', activity: 'Development', description: 'Review', switch: true },
    expected: 1,
  },
  { label: 'clock_out (warm)', tool: 'clock_out', expected: 2 },
  { label: 'clock_in resume last (no project)', tool: 'clock_in', expected: 3 },
  { label: 'clock_out with a note', tool: 'clock_out', args: { note: 'done' }, expected: 3 },
  {
    label: 'log_time date + duration',
    tool: 'log_time',
    args: { date: 'yesterday', duration: '1h', project: 'Website', activity: 'Development' },
    expected: 2,
  },
  {
    label: 'record_agent_time (a prefix in the text: no request of its own)',
    tool: 'record_agent_time',
    args: { start: 'yesterday 07:00', end: 'yesterday 07:30', description: 'Ran the tests', project: 'Website', activity: 'Development' },
    expected: 1,
  },
  ...evidenceSteps({ project: 'Website', activity: 'Development' }),
  { label: 'list_time_entries', tool: 'list_time_entries', args: { limit: 10 }, expected: 1 },
  { label: 'update_time_entry (the read reused)', tool: 'update_time_entry', args: { id: '{entry}', description: 'changed' }, expected: 2 },
  { label: 'delete_time_entry', tool: 'delete_time_entry', args: { id: '{entry}' }, expected: 2 },
  { label: 'time_report (entries, non-business days, absences, time account)', tool: 'time_report', expected: 4 },
  { label: 'working_time (the month and the balance: entries, leave; rules off)', tool: 'working_time', expected: 3 },
  {
    label: 'request_leave (the balance before: quota, carry-over, absences cached; the absence)',
    tool: 'request_leave',
    args: { type: 'vacation', first_day: '2026-12-01', last_day: '2026-12-04' },
    expected: 3,
  },
  { label: 'list_leave_requests', tool: 'list_leave_requests', expected: 1 },
  { label: 'leave_balance (quota, carry-over, absences)', tool: 'leave_balance', expected: 3 },
  { label: "absence_calendar (everyone's absences the person may see, colleagues' names)", tool: 'absence_calendar', expected: 2 },
  { label: 'cancel_leave_request', tool: 'cancel_leave_request', args: { id: '{absence}' }, expected: 2 },
];

/** A fresh process's first calls, one session each: what a person pays when an AI client starts Punchcard. */
export const COLD_STEPS: Step[] = [
  { label: 'timer_status, cold (a timer runs: its names)', tool: 'timer_status', expected: 4 },
  { label: 'clock_in by names, cold', tool: 'clock_in', args: { project: 'Website', activity: 'Development' }, expected: 6 },
  { label: 'clock_out, cold', tool: 'clock_out', expected: 4 },
];

export interface CountingSession {
  fake: FakeClockodo;
  engine: AnyEngineHandle;
  resolve: (value: unknown) => unknown;
  close: () => Promise<void>;
}

export async function startCountingSession(options: { running?: boolean; where?: EngineWhere } = {}): Promise<CountingSession> {
  const fake = await startFakeClockodo({ now: clockStartingAt(NOW) });
  const ids = seedCompany(fake);
  // A colleague of Ada's team is away this week: the calendar names him.
  fake.addAbsence({ usersId: (DEFAULT_USERS[1] as FakeUser).id, dateSince: '2026-11-19', dateUntil: '2026-11-19', type: 1, status: 1 });
  if (options.running) {
    fake.addEntry({
      usersId: ADA.id,
      customersId: ids.customers.acme as number,
      projectsId: ids.projects.website as number,
      servicesId: ids.services.development as number,
      timeSince: Date.parse('2026-11-18T07:00:00+01:00'),
      timeUntil: null,
      clocked: true,
    });
  }
  const userDataDir = makeUserDataDir();
  writeSettings(userDataDir, {
    evidence: oneCommitEvidence(userDataDir, YESTERDAYS_COMMIT),
    provider: { type: 'clockodo', email: ADA.email, url: fake.url },
    tools: { groups: { agents: true }, enabled: { update_time_entry: true, delete_time_entry: true, cancel_leave_request: true } },
  });
  // What the app's connection test leaves behind; with it no check runs in the background to be counted.
  clockodoFacts.write(
    userDataDir,
    clockodoFactsKey({ email: ADA.email, url: fake.url }),
    {
      userId: ADA.id,
      timezone: ADA.timezone,
      role: 'worker',
      canAddCustomers: false,
      absences: true,
      checkedAt: new Date(Date.parse(NOW) - 3_600_000).toISOString(),
    },
    (message) => {
      throw new Error(message);
    },
  );
  const engine = await openEngine(options.where ?? 'bundle', { userDataDir, env: { PUNCHCARD_NOW: NOW, PUNCHCARD_CLOCKODO_TOKEN: ADA.apiKey } });
  const resolve = (value: unknown) => {
    if (value === '{entry}') return fake.state.entries.filter((entry) => entry.usersId === ADA.id).at(-1)?.id ?? 0;
    if (value === '{absence}') return fake.state.absences.filter((absence) => absence.usersId === ADA.id).at(-1)?.id ?? 0;
    return value;
  };
  return {
    fake,
    engine,
    resolve,
    close: async () => {
      await engine.close();
      await fake.close();
    },
  };
}
