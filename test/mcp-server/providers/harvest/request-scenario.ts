// How many HTTP requests each tool call costs on Harvest, which allows 100 requests in 15 seconds per token: one
// scripted session through the built server over stdio, the fake Harvest counting what arrives, on either kind of
// Harvest account (durations, start and end times). The request test asserts the numbers; `npm run bench` prints them.
import { evidenceSteps, oneCommitEvidence } from '../../../support/evidence-fixture.ts';
import { type AnyEngineHandle, type EngineWhere, makeUserDataDir, openEngine, writeSettings } from '../../../support/engine.ts';
import { clockStartingAt } from '../../../support/fake-clock.ts';
import type { Step } from '../../../support/request-counting.ts';
import { ACME, ADA_TOKEN, addEntry, addProject, type FakeHarvest, startFakeHarvest } from './fake-harvest.ts';

export const NOW = '2026-11-18T08:00:00+01:00';
export const ADA = 1_001;
const BOB = 1_002;
/** A commit of the person's the day before NOW, for the evidence steps. */
const YESTERDAYS_COMMIT = '2026-11-17T06:00:00+01:00';
const BOOKING = { project: 'Website', activity: 'Development' };

export type AccountKind = 'durations' | 'timestamps';

/**
 * Every everyday tool, in a person's order. The first call of the session pays for the person (/v2/users/me: their
 * id, which every list names, and their zone) and the company (how the account keeps time), each kept five minutes;
 * the assignments are read once for the catalog and kept as long.
 */
export const STEPS: Step[] = [
  { label: 'timer_status (first call: the person, the running entry, the recent days)', tool: 'timer_status', expected: 3 },
  { label: 'timer_status (warm: the running entry, the recent days)', tool: 'timer_status', expected: 2 },
  { label: 'whoami (the company)', tool: 'whoami', expected: 1 },
  { label: "list_catalog (the person's project assignments)", tool: 'list_catalog', expected: 1 },
  // Warm: the last two days (whether a timer runs, and today's entry a timer restarts), the timer.
  { label: 'clock_in by name (warm)', tool: 'clock_in', args: BOOKING, expected: 2 },
  { label: 'timer_status (warm)', tool: 'timer_status', expected: 2 },
  { label: 'clock_in switch (the last two days, the stop, the timer)', tool: 'clock_in', args: { ...BOOKING, switch: true }, expected: 3 },
  // Warm: the running entry, Harvest's stop.
  { label: 'clock_out (warm)', tool: 'clock_out', expected: 2 },
  {
    label: "log_time date + duration (the day's entries, to start after the last; the entry)",
    tool: 'log_time',
    args: { date: 'yesterday', duration: '1h', ...BOOKING },
    expected: 2,
  },
  {
    label: 'record_agent_time (a prefix in the notes: no request of its own)',
    tool: 'record_agent_time',
    args: { start: 'yesterday 07:00', end: 'yesterday 07:30', description: 'Ran the tests', ...BOOKING },
    expected: 1,
  },
  ...evidenceSteps(BOOKING, 1),
  { label: 'list_time_entries (the recent days)', tool: 'list_time_entries', expected: 1 },
  { label: 'update_time_entry (the entry, the change)', tool: 'update_time_entry', args: { id: '{last}', description: 'Renamed' }, expected: 2 },
  { label: 'delete_time_entry (the entry, the deletion)', tool: 'delete_time_entry', args: { id: '{last}' }, expected: 2 },
  { label: 'time_report (the entries of the range)', tool: 'time_report', expected: 1 },
  { label: 'working_time (the month and the balance: entries, leave; rules off)', tool: 'working_time', expected: 1 },
];

/** A fresh process's first calls, one session each: the person and the company come first. */
export const COLD_STEPS: Step[] = [
  { label: 'timer_status, cold (the person, the running entry, the recent days)', tool: 'timer_status', expected: 3 },
  { label: 'clock_in by name, cold (the assignments, the person, the company, the last two days, the timer)', tool: 'clock_in', args: BOOKING, expected: 5 },
  { label: 'clock_out, cold (the person, the running entry, the stop)', tool: 'clock_out', expected: 3 },
  {
    label: "log_time date + duration, cold (the person, the day's entries, the assignments, the company, the entry)",
    tool: 'log_time',
    args: { date: 'yesterday', duration: '1h', ...BOOKING },
    expected: 5,
  },
  { label: 'whoami, cold (the person, the company)', tool: 'whoami', expected: 2 },
];

export interface CountingSession {
  fake: FakeHarvest;
  engine: AnyEngineHandle;
  userDataDir: string;
  /** Fills a step's '{last}' with the number of the person's latest entry. */
  resolve: (value: unknown) => unknown;
  close: () => Promise<void>;
}

/** Ada's world: Website and Internal with the task Development, assigned to her and Bob; an hour of hers two days ago. */
export function seedAcme(fake: FakeHarvest, kind: AccountKind): { website: number; development: number } {
  const account = fake.state.accounts.find((candidate) => candidate.id === ACME);
  if (account) account.wants_timestamp_timers = kind === 'timestamps';
  const website = addProject(fake, { name: 'Website', client: 'Acme', tasks: ['Development', 'Design'], users: [ADA, BOB] });
  addProject(fake, { name: 'Internal', client: 'Acme', tasks: ['Development'], users: [ADA, BOB] });
  const development = fake.state.tasks.find((task) => task.name === 'Development')?.id ?? 0;
  addEntry(fake, {
    userId: ADA,
    projectId: website.id,
    taskId: development,
    start: Date.parse('2026-11-16T09:00:00+01:00'),
    end: Date.parse('2026-11-16T10:00:00+01:00'),
  });
  return { website: website.id, development };
}

export async function startCountingSession(
  options: { running?: boolean; kind?: AccountKind; accountId?: boolean; where?: EngineWhere } = {},
): Promise<CountingSession> {
  const fake = await startFakeHarvest({ now: clockStartingAt(NOW) });
  const { website, development } = seedAcme(fake, options.kind ?? 'durations');
  if (options.running) {
    const started = addEntry(fake, {
      userId: ADA,
      projectId: website,
      taskId: development,
      start: Date.parse('2026-11-18T07:00:00+01:00'),
      end: Date.parse(NOW),
    });
    started.timerStartedAt = Date.parse('2026-11-18T07:00:00+01:00');
    started.endedTime = null;
    started.hours = 0;
  }
  const userDataDir = makeUserDataDir();
  writeSettings(userDataDir, {
    provider: { type: 'harvest', url: fake.url, ...(options.accountId === false ? {} : { account_id: String(ACME) }) },
    tools: { groups: { agents: true }, enabled: { update_time_entry: true, delete_time_entry: true } },
    evidence: oneCommitEvidence(userDataDir, YESTERDAYS_COMMIT),
  });
  const engine = await openEngine(options.where ?? 'bundle', { userDataDir, env: { PUNCHCARD_NOW: NOW, PUNCHCARD_HARVEST_TOKEN: ADA_TOKEN } });
  const latest = () => fake.state.entries.filter((entry) => entry.userId === ADA).sort((a, b) => b.id - a.id)[0]?.id;
  return {
    fake,
    engine,
    userDataDir,
    resolve: (value) => (value === '{last}' ? latest() : value),
    close: async () => {
      await engine.close();
      await fake.close();
    },
  };
}
