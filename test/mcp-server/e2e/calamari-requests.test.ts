// Requests per tool call on Calamari, whose limit is counted per hour for the whole organisation (the
// aim: at most two for a warm timer_status and clock_out; clock_in takes three, because Calamari
// ignores a clock-in while a shift runs, so whether one runs is asked first): a scripted session
// through the built server over stdio, the fake Calamari counting what arrives; a warm clock_in on its
// own; what a fresh process pays for its first call; that an idle server asks nothing; what one status
// refresh of the app asks, through the app's own status code; and that a listing shared for that is
// not kept past a moment.
import { describe, expect, it } from 'vitest';
import { SHIFTS_REUSE_MS } from '../../../mcp-server/providers/calamari/shifts.ts';
import { calamariCapabilities } from '../../../mcp-server/providers/calamari/capabilities.ts';
import { TOOL_LIST } from '../../../mcp-server/tools/index.ts';
import { measureSteps } from '../../support/request-counting.ts';
import { describeRequestsPerCall } from '../../support/requests-per-call.ts';
import { wallTimeToEpoch } from '../providers/calamari/fake-calamari.ts';
import { appTimesheet, COLD_STEPS, REUSE_PASSED_MS, startCountingSession, STEPS, WARM_CLOCK_IN } from '../providers/calamari/request-scenario.ts';

describeRequestsPerCall({
  backEnd: 'Calamari',
  start: startCountingSession,
  steps: STEPS,
  coldSteps: COLD_STEPS,
  offered: {
    tools: TOOL_LIST.filter((tool) => calamariCapabilities({ timeAndAttendance: true, timeOff: true }).has(tool.capability)).map((tool) => tool.name),
    who: 'Calamari offers with both modules in use',
  },
  warmTools: ['timer_status', 'clock_out', 'start_break'],
});

describe('a warm clock_in on Calamari', () => {
  it('asks Calamari whether a shift runs rather than listing a month of shifts before it: three requests at most', async () => {
    const session = await startCountingSession();
    try {
      // Warm: the projects named below and the person's zone are known; the listing of the last call
      // is older than the moment it is shared for.
      for (const tool of ['timer_status', 'list_catalog']) expect((await session.engine.call(tool)).isError).toBeFalsy();
      await new Promise((done) => setTimeout(done, SHIFTS_REUSE_MS + 100));
      const [clockIn] = await measureSteps(session.engine, session.fake.requests, [WARM_CLOCK_IN]);
      expect(clockIn?.isError, clockIn?.text).toBe(false);
      expect(clockIn?.requests.length, clockIn?.requests.join('\n')).toBeLessThanOrEqual(3);
      expect(clockIn?.requests).toEqual([
        'POST /clockin/shift/status/v1/get-current 200',
        'POST /clockin/terminal/v1/clock-in 200',
        'POST /clockin/timesheetentries/v1/find 200',
      ]);
      // A shift that runs is still found and named: the status says so, and the listing says which.
      await new Promise((done) => setTimeout(done, SHIFTS_REUSE_MS + 100));
      const [again] = await measureSteps(session.engine, session.fake.requests, [{ ...WARM_CLOCK_IN, label: 'clock_in while one runs' }]);
      expect(again?.text).toMatch(/^A timer is already running: General since /);
      expect(again?.requests).toEqual(['POST /clockin/shift/status/v1/get-current 200', 'POST /clockin/timesheetentries/v1/find 200']);
    } finally {
      await session.close();
    }
  }, 30_000);
});

describe("the app's status refresh on Calamari (what an idle app asks every poll)", () => {
  it('lists the shifts once for the timer, today, the week and the last 30 days', async () => {
    const session = await startCountingSession({ running: true });
    const app = appTimesheet(session);
    const paths = (from: number) =>
      session.fake.requests
        .slice(from)
        .map((request) => request.path.replace(/^\/api/, ''))
        .sort();
    try {
      const first = session.fake.requests.length;
      const status = await app.timesheet.getStatus();
      expect(status.running).not.toBeNull();
      // The first also fills the caches of an hour: the person, the working weeks, the holidays.
      expect(paths(first)).toEqual([
        '/clockin/timesheetentries/v1/balance',
        '/clockin/timesheetentries/v1/find',
        '/employees/v1/search',
        '/holiday/v1/find',
        '/leave/request/v1/find',
        '/working-week/v1/all',
      ]);
      await new Promise((done) => setTimeout(done, REUSE_PASSED_MS));
      const later = session.fake.requests.length;
      await app.timesheet.getStatus();
      expect(paths(later)).toEqual(['/clockin/timesheetentries/v1/balance', '/clockin/timesheetentries/v1/find', '/leave/request/v1/find']);
    } finally {
      await app.close();
      await session.close();
    }
  }, 30_000);
});

describe('a listing of shifts shared for a moment only', () => {
  it('lets timer_status see a shift begun elsewhere once the moment has passed', async () => {
    const session = await startCountingSession();
    try {
      expect((await session.engine.call('timer_status')).structuredContent).toMatchObject({ running: null });
      session.fake.state.shifts.push({
        id: 4100,
        employeeId: 1,
        started: wallTimeToEpoch('2026-11-18', '07:30:00', 'Europe/Berlin'),
        finished: null,
        breaks: [],
        projectId: null,
        description: null,
      });
      await new Promise((done) => setTimeout(done, SHIFTS_REUSE_MS + 100));
      expect((await session.engine.call('timer_status')).structuredContent).toMatchObject({ running: { id: 4100 } });
    } finally {
      await session.close();
    }
  });
});
