// Requests per tool call on Calamari, whose limit is counted per hour for the whole organisation (the
// aim: at most two for a warm timer_status and clock_out; clock_in takes three, because Calamari
// ignores a clock-in while a shift runs, so whether one runs is asked first, and the shift it began is
// read back from the days it can be on): a scripted session with the engine in the test's process, the
// fake Calamari counting what arrives; a warm clock_in on its own, its projects reused and its output
// as complete as before; what a fresh process pays for its first call; a clock_in by name in a new
// engine that takes the projects another read within the hour (and reads them past it, or after
// Calamari refused one); that an idle server asks nothing; what one status refresh of the app asks,
// and what its clock-in and the refresh after ask, through the app's own status code; and that a
// listing shared for that is not kept past a moment.
import { describe, expect, it } from 'vitest';
import { A_MOMENT_MS } from '../../../mcp-server/providers/remote/recent-reads.ts';
import { calamariCapabilities } from '../../../mcp-server/providers/calamari/cells.ts';
import { TOOL_LIST } from '../../../mcp-server/tools/index.ts';
import { measureSteps } from '../../support/request-counting.ts';
import { describeRequestsPerCall } from '../../support/requests-per-call.ts';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REFERENCE_TTL_MS } from '../../../mcp-server/providers/calamari/context.ts';
import { CALAMARI_PROJECTS_FILE } from '../../../mcp-server/providers/calamari/kept-projects.ts';
import { textOf } from '../../support/engine.ts';
import { type RecordedRequest, SEED, wallTimeToEpoch } from '../providers/calamari/fake-calamari.ts';
import {
  ADA,
  appTimesheet,
  CLOCK_IN_IN_ANOTHER_ENGINE,
  COLD_STEPS,
  type CountingSession,
  REUSE_PASSED_MS,
  startAnotherEngine,
  startCountingSession,
  STEPS,
  WARM_CLOCK_IN,
} from '../providers/calamari/request-scenario.ts';

describeRequestsPerCall({
  backEnd: 'Calamari',
  start: (options) => startCountingSession({ ...options, where: 'in process' }),
  steps: STEPS,
  coldSteps: COLD_STEPS,
  offered: {
    tools: TOOL_LIST.filter((tool) => calamariCapabilities({ timeAndAttendance: true, timeOff: true }).has(tool.capability)).map((tool) => tool.name),
    who: 'Calamari offers with both modules in use',
  },
  warmTools: ['timer_status', 'clock_out', 'start_break'],
});

describe('a warm clock_in on Calamari', () => {
  /** The days the read-back of a shift begun at NOW (08:00 on 18 November in Berlin) may list: that day, with one either side. */
  const ITS_DAYS = { from: '2026-11-17', to: '2026-11-19' };
  const findsOf = (requests: readonly RecordedRequest[]) =>
    requests.filter((request) => request.path.endsWith('/timesheetentries/v1/find')).map((request) => JSON.parse(request.body) as Record<string, unknown>);

  it('asks Calamari whether a shift runs, clocks in, and reads back only the days of the shift it began: three requests at most', async () => {
    const session = await startCountingSession({ where: 'in process' });
    try {
      // Warm: the projects named below and the person's zone are known; the listing of the last call
      // is older than the moment it is shared for.
      for (const tool of ['timer_status', 'list_catalog']) expect((await session.engine.call(tool)).isError).toBeFalsy();
      await new Promise((done) => setTimeout(done, A_MOMENT_MS + 100));
      const before = session.fake.requests.length;
      const [clockIn] = await measureSteps(session.engine, session.fake.requests, [WARM_CLOCK_IN]);
      expect(clockIn?.isError, clockIn?.text).toBe(false);
      expect(clockIn?.requests.length, clockIn?.requests.join('\n')).toBeLessThanOrEqual(3);
      expect(clockIn?.requests).toEqual([
        'POST /clockin/shift/status/v1/get-current 200',
        'POST /clockin/terminal/v1/clock-in 200',
        'POST /clockin/timesheetentries/v1/find 200',
      ]);
      // Not a month of shifts: the days the new one can be on.
      expect(findsOf(session.fake.requests.slice(before))).toEqual([{ ...ITS_DAYS, employees: [ADA] }]);
      // A clock_out at once finds the shift in what was read back: the clock-out alone.
      const [clockOut] = await measureSteps(session.engine, session.fake.requests, [{ label: 'clock_out at once', tool: 'clock_out', expected: 1 }]);
      expect(clockOut?.requests).toEqual(['POST /clockin/terminal/v1/clock-out 200']);
      // A shift that runs is still found and named: the status says so, and the listing says which.
      await measureSteps(session.engine, session.fake.requests, [WARM_CLOCK_IN]);
      await new Promise((done) => setTimeout(done, A_MOMENT_MS + 100));
      const [again] = await measureSteps(session.engine, session.fake.requests, [{ ...WARM_CLOCK_IN, label: 'clock_in while one runs' }]);
      expect(again?.text).toMatch(/^A timer is already running: "General" since /);
      expect(again?.requests).toEqual(['POST /clockin/shift/status/v1/get-current 200', 'POST /clockin/timesheetentries/v1/find 200']);
    } finally {
      await session.close();
    }
  });

  it('after a clock-in and out, reuses the projects that clock-in read: three requests, none of them the projects', async () => {
    const session = await startCountingSession({ where: 'in process' });
    try {
      const [first] = await measureSteps(session.engine, session.fake.requests, [{ ...WARM_CLOCK_IN, label: 'the first clock_in' }]);
      expect(first?.requests[0]).toBe('POST /clockin/projects/v1/get-projects-for-person 200');
      expect((await session.engine.call('clock_out')).isError).toBeFalsy();
      await new Promise((done) => setTimeout(done, A_MOMENT_MS + 100));
      const before = session.fake.requests.length;
      const [clockIn] = await measureSteps(session.engine, session.fake.requests, [WARM_CLOCK_IN]);
      expect(clockIn?.isError, clockIn?.text).toBe(false);
      expect(clockIn?.requests).toEqual([
        'POST /clockin/shift/status/v1/get-current 200',
        'POST /clockin/terminal/v1/clock-in 200',
        'POST /clockin/timesheetentries/v1/find 200',
      ]);
      expect(findsOf(session.fake.requests.slice(before))).toEqual([{ ...ITS_DAYS, employees: [ADA] }]);
    } finally {
      await session.close();
    }
  });

  it('answers as completely as before from the shift it read back: its id, start, project and description', async () => {
    const session = await startCountingSession({ where: 'in process' });
    try {
      expect((await session.engine.call('list_catalog')).isError).toBeFalsy();
      await new Promise((done) => setTimeout(done, A_MOMENT_MS + 100));
      const result = await session.engine.call('clock_in', { project: 'General', description: 'Standup' });
      const [shift] = session.fake.state.shifts;
      if (!shift) throw new Error('Calamari recorded no shift.');
      // November in Berlin: UTC+1.
      const start = `${new Date(shift.started + 3_600_000).toISOString().slice(0, 19)}+01:00`;
      expect(result.content).toEqual([{ type: 'text', text: 'Clocked in on "General" — "Standup" at 08:00.' }]);
      expect(result.structuredContent).toEqual({
        started: { id: shift.id, start, end: null, minutes: 0, project: 'General', activity: null, description: 'Standup', breaks: [] },
        stopped: null,
      });
    } finally {
      await session.close();
    }
  });
});

describe('the projects another engine read within the hour', () => {
  const CLOCK_IN = ['POST /clockin/shift/status/v1/get-current 200', 'POST /clockin/terminal/v1/clock-in 200', 'POST /clockin/timesheetentries/v1/find 200'];
  const PROJECTS = 'POST /clockin/projects/v1/get-projects-for-person 200';
  const projectReads = (session: CountingSession) => session.fake.requests.filter((request) => request.path.endsWith('/get-projects-for-person')).length;
  /** What the data folder keeps of Ada's projects (kept-projects.ts), if anything. */
  function keptProjects(session: CountingSession): { projects?: unknown; readAt?: string } | undefined {
    const file = join(session.userDataDir, CALAMARI_PROJECTS_FILE);
    if (!existsSync(file)) return undefined;
    return (JSON.parse(readFileSync(file, 'utf8')) as Record<string, { projects?: unknown; readAt?: string }>)[`${ADA} at ${session.fake.url}`];
  }

  /** A clock_in by name (and out again) in a new engine on the session's folder, `laterMs` on: what it asked. */
  async function clockInElsewhere(session: CountingSession, laterMs: number, project = 'General') {
    const engine = await startAnotherEngine(session, laterMs);
    try {
      const [measured] = await measureSteps(engine, session.fake.requests, [{ ...CLOCK_IN_IN_ANOTHER_ENGINE, args: { project } }]);
      if (!measured) throw new Error('Nothing was measured.');
      if (!measured.isError) {
        // Calamari's terminal times are whole seconds: the clock-out goes a second after the clock-in.
        await new Promise((done) => setTimeout(done, 1_100));
        const out = await engine.call('clock_out');
        expect(out.isError, textOf(out)).toBeFalsy();
      }
      return measured;
    } finally {
      await engine.close();
    }
  }

  it('are taken by a new engine: a clock_in by name asks three; past their hour it reads them again, and a new engine takes that listing', async () => {
    const session = await startCountingSession({ where: 'in process' });
    try {
      // One engine reads the projects (a list_catalog); a second AI client's engine, or the app's after a restart, comes next.
      expect((await session.engine.call('list_catalog')).isError).toBeFalsy();
      const within = await clockInElsewhere(session, 50 * 60_000);
      expect(within.isError, within.text).toBe(false);
      expect(within.requests).toEqual(CLOCK_IN);
      expect(within.text).toMatch(/^Clocked in on "General" at /);
      expect(keptProjects(session)).toMatchObject({ projects: [{ id: SEED.projects.general, name: 'General' }, { name: 'Website relaunch' }] });
      // An hour after the listing, by the new engine's clock: read again, and kept anew.
      const past = await clockInElsewhere(session, REFERENCE_TTL_MS - 50 * 60_000 + 60_000);
      expect(past.requests).toEqual([PROJECTS, ...CLOCK_IN]);
      expect(Date.parse(keptProjects(session)?.readAt ?? '')).toBeGreaterThan(Date.parse('2026-11-18T08:00:00+01:00') + REFERENCE_TTL_MS);
      const next = await clockInElsewhere(session, 60_000);
      expect(next.requests).toEqual(CLOCK_IN);
    } finally {
      await session.close();
    }
  }, 60_000);

  it('are forgotten when Calamari refuses one of them as archived: the next engine reads them again and knows the name no more', async () => {
    const session = await startCountingSession({ where: 'in process' });
    try {
      expect((await session.engine.call('list_catalog')).isError).toBeFalsy();
      const project = session.fake.state.projects.find((item) => item.id === SEED.projects.websiteRelaunch);
      if (project) project.archived = true;
      // The kept list still names it: the clock-in goes to Calamari, which refuses it; nothing is booked.
      const refused = await clockInElsewhere(session, 60_000, 'Website relaunch');
      expect(refused.isError).toBe(true);
      expect(refused.text).toMatch(
        /^Calamari refused to start your shift: the project is not one you may book on \("Invalid project"\), perhaps archived since/,
      );
      expect(session.fake.state.shifts).toEqual([]);
      expect(keptProjects(session)?.projects).toBeUndefined();
      // Within the hour of the first listing still, the next engine asks Calamari, which no longer lists it.
      const reads = projectReads(session);
      const next = await startAnotherEngine(session, 60_000);
      try {
        expect(textOf(await next.call('list_catalog'))).not.toContain('Website relaunch');
        expect(projectReads(session)).toBe(reads + 1);
        expect(textOf(await next.call('clock_in', { project: 'Website relaunch' }))).toMatch(/^No project "Website relaunch"\. Known: "General"\./);
      } finally {
        await next.close();
      }
      expect(keptProjects(session)?.projects).toEqual([{ id: SEED.projects.general, name: 'General' }]);
    } finally {
      await session.close();
    }
  }, 60_000);

  it('are not kept past 500: each new engine reads them', async () => {
    const session = await startCountingSession({ where: 'in process' });
    try {
      for (let index = 0; index < 500; index++) session.fake.state.projects.push({ id: 10_000 + index, name: `Project ${index}`, employeeIds: null });
      expect((await session.engine.call('list_catalog')).isError).toBeFalsy();
      expect(keptProjects(session)?.projects).toBeUndefined();
      const next = await clockInElsewhere(session, 60_000);
      expect(next.requests).toEqual([PROJECTS, ...CLOCK_IN]);
    } finally {
      await session.close();
    }
  }, 60_000);
});

describe("the app's status refresh on Calamari (what an idle app asks every poll)", () => {
  it('lists the shifts once for the timer, today, the week and the last 30 days', async () => {
    const session = await startCountingSession({ running: true, where: 'in process' });
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
  });

  it('clocks in (a switch) and refreshes on one listing read back: the month, which the refresh right after shares', async () => {
    const session = await startCountingSession({ where: 'in process' });
    const app = appTimesheet(session);
    try {
      await app.timesheet.getStatus();
      await new Promise((done) => setTimeout(done, REUSE_PASSED_MS));
      const before = session.fake.requests.length;
      const status = await app.timesheet.clockIn({ project: 'General' });
      expect(status.running).toMatchObject({ project: 'General' });
      const sent = session.fake.requests.slice(before).map((request) => request.path.replace(/^\/api/, ''));
      // Whether a shift runs (the month, which a switch needs for the shift it ends), the projects, the
      // clock-in, the month read back; then the refresh: the balance and leave, the month shared.
      expect(sent.filter((path) => path.endsWith('/timesheetentries/v1/find'))).toHaveLength(2);
      expect([...sent].sort()).toEqual([
        '/clockin/projects/v1/get-projects-for-person',
        '/clockin/terminal/v1/clock-in',
        '/clockin/timesheetentries/v1/balance',
        '/clockin/timesheetentries/v1/find',
        '/clockin/timesheetentries/v1/find',
        '/leave/request/v1/find',
      ]);
    } finally {
      await app.close();
      await session.close();
    }
  });
});

describe('a listing of shifts shared for a moment only', () => {
  it('lets timer_status see a shift begun elsewhere once the moment has passed', async () => {
    const session = await startCountingSession({ where: 'in process' });
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
      await new Promise((done) => setTimeout(done, A_MOMENT_MS + 100));
      expect((await session.engine.call('timer_status')).structuredContent).toMatchObject({ running: { id: 4100 } });
    } finally {
      await session.close();
    }
  });
});
