// Requests per tool call on Calamari, whose limit is counted per hour for the whole organisation (the
// issue's aim: at most two for a warm timer_status, clock_in and clock_out): a scripted session
// through the built server over stdio, the fake Calamari counting what arrives; what a fresh process
// pays for its first call; that an idle server asks nothing; what one status refresh of the app asks,
// through the app's own status code; and that a listing shared for that is not kept past a moment.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHIFTS_REUSE_MS } from '../../../mcp-server/providers/calamari/shifts.ts';
import { calamariCapabilities } from '../../../mcp-server/providers/calamari/capabilities.ts';
import { TOOL_LIST } from '../../../mcp-server/tools/index.ts';
import { type Measured, measureSteps } from '../../support/request-counting.ts';
import { wallTimeToEpoch } from '../providers/calamari/fake-calamari.ts';
import { appTimesheet, COLD_STEPS, type CountingSession, REUSE_PASSED_MS, startCountingSession, STEPS } from '../providers/calamari/request-scenario.ts';

describe('HTTP requests per tool call on Calamari', () => {
  let session: CountingSession;
  let measured: Measured[];
  beforeAll(async () => {
    session = await startCountingSession();
    measured = await measureSteps(session.engine, session.fake.requests, STEPS);
  });
  afterAll(async () => session?.close());

  it.each(STEPS.map((step, index) => [step.label, index] as const))('%s', (_label, index) => {
    const step = measured[index] as Measured;
    expect(step.isError, step.text).toBe(false);
    // At most: a cache that outlives the step before (a slow machine aside) only saves requests.
    expect(step.requests.length, step.requests.join('\n')).toBeLessThanOrEqual(step.expected);
  });

  it('keeps a warm timer_status, clock_in, clock_out and start_break to two requests each', () => {
    const warm = measured.filter((step) => /\(warm\)/.test(step.label));
    expect(warm.map((step) => step.tool).sort()).toEqual(['clock_in', 'clock_out', 'start_break', 'timer_status', 'timer_status']);
    for (const step of warm) expect(step.requests.length, step.label).toBeLessThanOrEqual(2);
  });

  it('covers every tool Calamari offers with both modules in use (a new tool needs a step here)', () => {
    const offered = TOOL_LIST.filter((tool) => calamariCapabilities({ timeAndAttendance: true, timeOff: true }).has(tool.capability)).map((tool) => tool.name);
    expect([...new Set(measured.map((step) => step.tool))].sort()).toEqual(offered.sort());
  });

  it('asked nothing before the first step, and asks nothing while idle', async () => {
    expect(session.fake.requests.length).toBe(measured.reduce((sum, step) => sum + step.requests.length, 0));
    const asked = session.fake.requests.length;
    await session.engine.client.listTools();
    await new Promise((done) => setTimeout(done, 1_000));
    expect(session.fake.requests.length).toBe(asked);
  });
});

describe('the first call of a fresh process on Calamari', () => {
  it.each(COLD_STEPS.map((step) => [step.label, step] as const))('%s', async (_label, step) => {
    const session = await startCountingSession({ running: step.tool !== 'clock_in' });
    try {
      const [result] = await measureSteps(session.engine, session.fake.requests, [step]);
      expect(result?.isError, result?.text).toBe(false);
      expect(result?.requests, result?.requests.join('\n')).toHaveLength(step.expected);
      expect(session.fake.requests).toHaveLength(step.expected);
    } finally {
      await session.close();
    }
  });
});

describe("the app's status refresh on Calamari (what an idle app asks every poll)", () => {
  it('lists the shifts once for the timer, today, the week and the last 30 days', async () => {
    const session = await startCountingSession({ running: true });
    const app = appTimesheet(session);
    const paths = (from: number) => session.fake.requests.slice(from).map((request) => request.path.replace(/^\/api/, '')).sort();
    try {
      const first = session.fake.requests.length;
      const status = await app.timesheet.getStatus();
      expect(status.running).not.toBeNull();
      // The first also fills the caches of an hour: the person, the working weeks, the holidays.
      expect(paths(first)).toEqual(['/clockin/timesheetentries/v1/balance', '/clockin/timesheetentries/v1/find', '/employees/v1/search', '/holiday/v1/find', '/leave/request/v1/find', '/working-week/v1/all']);
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
      session.fake.state.shifts.push({ id: 4100, employeeId: 1, started: wallTimeToEpoch('2026-11-18', '07:30:00', 'Europe/Berlin'), finished: null, breaks: [], projectId: null, description: null });
      await new Promise((done) => setTimeout(done, SHIFTS_REUSE_MS + 100));
      expect((await session.engine.call('timer_status')).structuredContent).toMatchObject({ running: { id: 4100 } });
    } finally {
      await session.close();
    }
  });
});
