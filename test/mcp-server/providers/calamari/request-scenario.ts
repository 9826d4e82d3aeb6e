// How many HTTP requests each tool call costs on Calamari, whose limit is counted per hour for a
// whole organisation: one scripted session through the built server over stdio, the fake Calamari
// counting what arrives. The request test asserts the numbers; `npm run bench` prints them. The
// session starts as a person's does after the app's "Test connection": the modules and the person's
// zone are remembered, nothing else.
import { calamariFacts, calamariFactsKey } from '../../../../mcp-server/providers/calamari/facts.ts';
import { type EngineHandle, makeUserDataDir, startEngine } from '../../../support/engine.ts';
import { clockStartingAt } from '../../../support/fake-clock.ts';
import type { Step } from '../../../support/request-counting.ts';
import { DEFAULT_KEY, type FakeCalamari, seedOrganisation, startFakeCalamari, wallTimeToEpoch } from './fake-calamari.ts';

export const NOW = '2026-11-18T08:00:00+01:00';
export const ADA = 'ada@acme.example';

export const STEPS: Step[] = [
  { label: 'timer_status (first call)', tool: 'timer_status', expected: 2 },
  { label: 'timer_status (warm)', tool: 'timer_status', expected: 2 },
  { label: 'whoami (the person, the working weeks)', tool: 'whoami', expected: 2 },
  { label: "list_catalog (the person's projects)", tool: 'list_catalog', expected: 1 },
  { label: 'clock_in by name (warm)', tool: 'clock_in', args: { project: 'General' }, expected: 2 },
  { label: 'timer_status (warm)', tool: 'timer_status', expected: 2 },
  { label: 'start_break (first: the break types)', tool: 'start_break', expected: 3 },
  { label: 'end_break', tool: 'end_break', expected: 2 },
  { label: 'start_break (warm)', tool: 'start_break', args: { type: 'Lunch' }, expected: 2 },
  { label: 'clock_out (warm)', tool: 'clock_out', expected: 2 },
  { label: 'log_time date + duration', tool: 'log_time', args: { date: 'yesterday', duration: '1h', project: 'General' }, expected: 2 },
  { label: 'list_time_entries', tool: 'list_time_entries', expected: 1 },
  { label: "time_report (shifts, holidays, leave, Calamari's balance)", tool: 'time_report', expected: 4 },
  { label: 'request_leave (types, overlaps, the request, the balance)', tool: 'request_leave', args: { type: 'vacation', first_day: '2026-12-01', last_day: '2026-12-04' }, expected: 5 },
  { label: 'list_leave_requests', tool: 'list_leave_requests', expected: 1 },
  { label: 'leave_balance', tool: 'leave_balance', expected: 2 },
  { label: "absence_calendar (the team's absences, their names)", tool: 'absence_calendar', expected: 2 },
];

/** A fresh process's first calls, one session each. */
export const COLD_STEPS: Step[] = [
  { label: 'timer_status, cold', tool: 'timer_status', expected: 2 },
  { label: 'clock_in by name, cold', tool: 'clock_in', args: { project: 'General' }, expected: 3 },
  { label: 'clock_out, cold', tool: 'clock_out', expected: 2 },
];

export interface CountingSession {
  fake: FakeCalamari;
  engine: EngineHandle;
  userDataDir: string;
  /** The key the engine was given (the fake's). */
  key: string;
  close: () => Promise<void>;
}

export async function startCountingSession(options: { running?: boolean } = {}): Promise<CountingSession> {
  const fake = await startFakeCalamari({ now: clockStartingAt(NOW) });
  seedOrganisation(fake);
  if (options.running) {
    fake.state.shifts.push({ id: 4000, employeeId: 1, started: wallTimeToEpoch('2026-11-18', '07:00:00', 'Europe/Berlin'), finished: null, breaks: [], projectId: null, description: null });
  }
  const userDataDir = makeUserDataDir({ provider: { type: 'calamari', url: fake.url, email: ADA } });
  // What the app's connection test leaves behind: the modules in use and the person's zone.
  calamariFacts.write(userDataDir, calamariFactsKey({ url: fake.url, email: ADA }), { timeAndAttendance: true, timeOff: true, checkedAt: NOW, timezone: 'Europe/Berlin' }, (message) => {
    throw new Error(message);
  });
  const engine = await startEngine({ userDataDir, env: { PUNCHCARD_NOW: NOW, PUNCHCARD_CALAMARI_TOKEN: DEFAULT_KEY } });
  return {
    fake,
    engine,
    userDataDir,
    key: DEFAULT_KEY,
    close: async () => {
      await engine.close();
      await fake.close();
    },
  };
}
