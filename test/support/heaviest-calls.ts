// The heaviest legitimate calls each remote back end serves: every range at its limit
// (mcp-server/domain/call-limits.ts), on a busy person's data (five entries a working day for two
// years), each in a fresh engine so no cache helps. The request test asserts that each fits within a
// call's budget of requests (a write must never be cut off halfway); `npm run bench` prints what each
// costs (requests, the bytes of the answers it read), and the time and memory of the worst.
import { MAX_REQUESTS_PER_CALL } from '../../mcp-server/domain/call-limits.ts';
import * as calamari from '../mcp-server/providers/calamari/request-scenario.ts';
import { SEED } from '../mcp-server/providers/calamari/fake-calamari.ts';
import * as clockify from '../mcp-server/providers/clockify/request-scenario.ts';
import { addEntry as addClockifyEntry, SEED as CLOCKIFY_SEED } from '../mcp-server/providers/clockify/fake-clockify.ts';
import * as clockodo from '../mcp-server/providers/clockodo/request-scenario.ts';
import { addEntry as addHarvestEntry } from '../mcp-server/providers/harvest/fake-harvest.ts';
import * as harvest from '../mcp-server/providers/harvest/request-scenario.ts';
import * as kimai from '../mcp-server/providers/kimai/request-scenario.ts';
import * as tempo from '../mcp-server/providers/tempo/request-scenario.ts';
import { ADA as TEMPO_ADA, addWorklog } from '../mcp-server/providers/tempo/fake-tempo.ts';
import * as toggl from '../mcp-server/providers/toggl/request-scenario.ts';
import { addEntry as addTogglEntry } from '../mcp-server/providers/toggl/fake-toggl.ts';
import type { AnyEngineHandle, EngineWhere } from './engine.ts';

export { MAX_REQUESTS_PER_CALL };

/** The sessions' "now": 2026-11-18 (each request scenario's NOW). */
const TODAY = '2026-11-18';
const ENTRIES_PER_DAY = 5;
const FIRST_DAY = '2025-01-01';

export interface HeavyCall {
  label: string;
  tool: string;
  args: Record<string, unknown>;
  /**
   * A call the back end cannot answer within a call's budget, and the words Punchcard refuses it
   * with, within the budget: a known limit, measured so that it stays said rather than cut off.
   */
  refusal?: RegExp;
  /** What the answer says of the data it covers, so that a seed gone wrong cannot pass as a light call. */
  answer?: RegExp;
}

export interface HeavySession {
  engine: AnyEngineHandle;
  requests: () => number;
  /** Bytes of all the answers the fake has written so far. */
  answerBytes: () => number;
  close: () => Promise<void>;
}

/** Bytes of the answers a fake wrote, all together. */
const written = (requests: ReadonlyArray<{ answerBytes: number }>) => () => requests.reduce((sum, request) => sum + request.answerBytes, 0);

export interface HeavyBackEnd {
  /** The back end, and where it is measured twice, which of its setups ('Kimai, a team lead granted view_team'). */
  name: string;
  calls: HeavyCall[];
  /** A fresh engine on a freshly seeded fake: the bundle's process for the bench, this process for the test. */
  start: (where: EngineWhere) => Promise<HeavySession>;
}

/**
 * The calls every back end serves, at their limits; `project` and `activity` name its catalog. `leaveType` null: the
 * back end has no leave (its leave tools are withheld, and measured as such).
 */
function heavyCalls(clockIn: Record<string, unknown>, leaveType: string | null, catalog: boolean): HeavyCall[] {
  const leave: HeavyCall[] = [
    { label: 'list_leave_requests, this year and ten ahead', tool: 'list_leave_requests', args: {} },
    { label: 'absence_calendar over 92 days across New Year', tool: 'absence_calendar', args: { from: TODAY, to: '2027-02-17' } },
    { label: 'leave_balance', tool: 'leave_balance', args: {} },
    {
      label: 'request_leave over 366 days across New Year, half days at both ends',
      tool: 'request_leave',
      args: { type: leaveType, first_day: '2027-06-01', last_day: '2028-05-31', first_day_part: 'afternoon', last_day_part: 'morning' },
    },
  ];
  return [
    { label: 'time_report over two calendar years, by project', tool: 'time_report', args: { from: '2025-01-01', to: '2026-12-31', group_by: 'project' } },
    { label: 'time_report over two calendar years, by day', tool: 'time_report', args: { from: '2025-01-01', to: '2026-12-31' } },
    {
      label: 'list_time_entries over a year, the third page of 500',
      tool: 'list_time_entries',
      args: { from: '2025-11-19', to: TODAY, limit: 500, offset: 1_000 },
    },
    // Without leave, the calendar of the settings' holidays stays; the rest is withheld, in words, before anything is sent.
    ...(leaveType === null ? leave.filter((call) => call.tool === 'absence_calendar') : leave),
    ...(catalog ? [{ label: 'list_catalog', tool: 'list_catalog', args: {} }] : []),
    { label: 'clock_in by names', tool: 'clock_in', args: clockIn },
  ];
}

/** Working days (Monday to Friday) from FIRST_DAY up to yesterday, as 'YYYY-MM-DD'. */
function busyDays(): string[] {
  const days: string[] = [];
  for (let time = Date.parse(`${FIRST_DAY}T00:00:00Z`); time < Date.parse(`${TODAY}T00:00:00Z`); time += 86_400_000) {
    const day = new Date(time);
    if (day.getUTCDay() !== 0 && day.getUTCDay() !== 6) days.push(day.toISOString().slice(0, 10));
  }
  return days;
}

/** The entries of a busy day: five of an hour and a half from 08:00 UTC. */
function dayEntries(day: string): Array<{ start: number; end: number }> {
  const eight = Date.parse(`${day}T08:00:00Z`);
  return Array.from({ length: ENTRIES_PER_DAY }, (_, index) => ({ start: eight + index * 5_400_000, end: eight + (index + 1) * 5_400_000 - 60_000 }));
}

/** The leave tools, which a back end without leave does not offer. */
const LEAVE_TOOLS: ReadonlySet<string> = new Set(['list_leave_requests', 'absence_calendar', 'leave_balance', 'request_leave']);

export const HEAVY_BACK_ENDS: HeavyBackEnd[] = [
  {
    name: 'Kimai',
    calls: heavyCalls({ project: 'Website', activity: 'Design' }, 'unpaid', true),
    async start(where) {
      const session = await kimai.startCountingSession({ where });
      const { fake } = session;
      const website = fake.state.projects.find((project) => project.name === 'Website');
      const design = fake.state.activities.find((activity) => activity.name === 'Design');
      if (!website || !design) throw new Error('The Kimai seed lacks Website · Design.');
      for (const day of busyDays()) {
        for (const span of dayEntries(day))
          fake.addTimesheet({ userId: kimai.ADA.id, begin: span.start, end: span.end, projectId: website.id, activityId: design.id });
      }
      return { engine: session.engine, requests: () => fake.requests.length, answerBytes: written(fake.requests), close: session.close };
    },
  },
  {
    name: 'Clockodo',
    calls: heavyCalls({ project: 'Website', activity: 'Development' }, 'unpaid', true),
    async start(where) {
      const session = await clockodo.startCountingSession({ where });
      const { fake } = session;
      const website = fake.state.projects.find((project) => project.name === 'Website');
      const development = fake.state.services.find((service) => service.name === 'Development');
      if (!website || !development) throw new Error('The Clockodo seed lacks Website · Development.');
      for (const day of busyDays()) {
        for (const span of dayEntries(day)) {
          fake.addEntry({
            usersId: clockodo.ADA.id,
            customersId: website.customersId,
            projectsId: website.id,
            servicesId: development.id,
            timeSince: span.start,
            timeUntil: span.end,
          });
        }
      }
      return { engine: session.engine, requests: () => fake.requests.length, answerBytes: written(fake.requests), close: session.close };
    },
  },
  {
    name: 'Calamari',
    calls: heavyCalls({ project: 'General' }, 'unpaid', true),
    async start(where) {
      const session = await calamari.startCountingSession({ where });
      const { fake } = session;
      let id = 50_000;
      for (const day of busyDays()) {
        const spans = dayEntries(day);
        const first = spans[0] as { start: number };
        const last = spans.at(-1) as { end: number };
        fake.state.shifts.push({
          id: id++,
          employeeId: 1,
          started: first.start,
          finished: last.end,
          breaks: [],
          projectId: SEED.projects.general,
          description: null,
        });
      }
      return { engine: session.engine, requests: () => fake.requests.length, answerBytes: written(fake.requests), close: session.close };
    },
  },
  {
    name: 'Clockify',
    // Unpaid leave has no limit in the seeded workspace; a year of vacation would be over the balance.
    calls: heavyCalls({ project: 'Website', activity: 'Development' }, 'unpaid', true),
    async start(where) {
      const session = await clockify.startCountingSession({ where });
      const { fake } = session;
      for (const day of busyDays()) {
        for (const span of dayEntries(day)) {
          addClockifyEntry(fake, {
            userId: clockify.ADA.id,
            start: span.start,
            end: span.end,
            projectId: CLOCKIFY_SEED.projects.website,
            taskId: CLOCKIFY_SEED.tasks.development,
          });
        }
      }
      return { engine: session.engine, requests: () => fake.requests.length, answerBytes: written(fake.requests), close: session.close };
    },
  },
  {
    name: 'Harvest',
    // Harvest's API keeps no leave: its tools are not offered there.
    calls: heavyCalls({ project: 'Website', activity: 'Development' }, 'unpaid', true).filter((call) => !LEAVE_TOOLS.has(call.tool)),
    async start(where) {
      const session = await harvest.startCountingSession({ kind: 'timestamps', where });
      const { fake } = session;
      const website = fake.state.projects.find((project) => project.name === 'Website');
      const development = fake.state.tasks.find((task) => task.name === 'Development');
      if (!website || !development) throw new Error('The Harvest seed lacks Website · Development.');
      for (const day of busyDays()) {
        for (const span of dayEntries(day))
          addHarvestEntry(fake, { userId: harvest.ADA, projectId: website.id, taskId: development.id, start: span.start, end: span.end });
      }
      return { engine: session.engine, requests: () => fake.requests.length, answerBytes: written(fake.requests), close: session.close };
    },
  },
  {
    name: 'Toggl Track',
    // Toggl has no leave; its entries come in one listing per range (no paging), at most about three months a request.
    calls: heavyCalls({ project: 'Website', activity: 'Development' }, null, true),
    async start(where) {
      const session = await toggl.startCountingSession({ where });
      const { fake } = session;
      const website = fake.state.projects.find((project) => project.name === 'Website');
      const development = fake.state.tasks.find((task) => task.projectId === website?.id);
      if (!website || !development) throw new Error('The Toggl seed lacks Website · Development.');
      for (const day of busyDays()) {
        for (const span of dayEntries(day))
          addTogglEntry(fake, { userId: toggl.ADA.id, start: span.start, stop: span.end, projectId: website.id, taskId: development.id });
      }
      return { engine: session.engine, requests: () => fake.requests.length, answerBytes: written(fake.requests), close: session.close };
    },
  },
  {
    name: 'Tempo Timesheets',
    // Tempo keeps no leave; its worklogs are paged by offset, 1000 a page, at Tempo's 5 requests a second, and the
    // schedule is read for the range; the issues are Jira's, named by their summaries.
    calls: heavyCalls({ project: 'Website' }, null, true),
    async start(where) {
      const session = await tempo.startCountingSession({ where });
      const { fake } = session;
      const website = fake.state.issues.find((issue) => issue.summary === 'Website');
      if (!website) throw new Error('The Tempo seed lacks the issue Website.');
      for (const day of busyDays()) {
        for (const span of dayEntries(day)) addWorklog(fake, { author: TEMPO_ADA, issueId: website.id, start: span.start, end: span.end });
      }
      return { engine: session.engine, requests: () => fake.requests.length, answerBytes: written(fake.requests), close: session.close };
    },
  },
];

export interface HeavyResult {
  call: HeavyCall;
  requests: number;
  ms: number;
  isError: boolean;
  text: string;
  /** Bytes of the answers the call read. */
  answerBytes: number;
  /** The engine's peak resident memory after the call, in MB (Linux), or null. */
  peakMb: number | null;
}

/**
 * One heavy call in a fresh engine: what it sent, how long it took, the engine's peak memory (the
 * bundle's process only: an engine in this process has none of its own).
 */
export async function measureHeavyCall(
  backEnd: HeavyBackEnd,
  call: HeavyCall,
  peakMemory: (pid: number) => number | null,
  where: EngineWhere = 'bundle',
): Promise<HeavyResult> {
  const session = await backEnd.start(where);
  try {
    const before = session.requests();
    const bytesBefore = session.answerBytes();
    const started = performance.now();
    const result = await session.engine.call(call.tool, call.args);
    const ms = performance.now() - started;
    const { transport } = session.engine;
    const pid = 'pid' in transport && typeof transport.pid === 'number' ? transport.pid : null;
    const text = result.content.map((block) => block.text ?? '').join('\n');
    return {
      call,
      requests: session.requests() - before,
      ms,
      isError: result.isError === true,
      text,
      answerBytes: session.answerBytes() - bytesBefore,
      peakMb: pid === null ? null : peakMemory(pid),
    };
  } finally {
    await session.close();
  }
}
