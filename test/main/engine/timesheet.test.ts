// The timesheet operations against the real bundle: a week set up through the engine's own tools,
// then status, clock-in, switch and clock-out read back with real numbers; the day turning between
// two statuses; the supported tools of the local timesheet and of Kimai, which change live; breaks
// and the plan Calamari keeps, and the plan Clockodo keeps, against their fakes.
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { EngineClient } from '../../../main/engine/engine-client.ts';
import { EngineError } from '../../../main/engine/engine-error.ts';
import { createTimesheet, type Timesheet } from '../../../main/engine/timesheet.ts';
import type { BackEndType } from '../../../window-contract/account.ts';
import type { StatusView } from '../../../window-contract/status.ts';
import { refusalWords } from '../../../main/engine/refusal-words.ts';
import { PLAN_KEEPERS } from '../../../main/ipc/handlers/preferences.ts';
import { runningBreak } from '../../../mcp-server/contract/worked-time.ts';
import { LOCAL_TOOL_NAMES } from '../../support/local-tools.ts';
import {
  clockStartingAt,
  DEFAULT_USERS,
  type FakeKimai,
  type FakeUser,
  rememberPlugin,
  seedCatalog,
  startFakeKimai,
} from '../../mcp-server/providers/kimai/fake-kimai.ts';
import { DEFAULT_KEY, type FakeCalamari, seedOrganisation, startFakeCalamari } from '../../mcp-server/providers/calamari/fake-calamari.ts';
import {
  DEFAULT_USERS as CLOCKODO_USERS,
  type FakeClockodo,
  type FakeUser as ClockodoUser,
  seedCompany,
  startFakeClockodo,
} from '../../mcp-server/providers/clockodo/fake-clockodo.ts';
import { ADA as CLOCKIFY_ADA, type FakeClockify, seedWorkspace, startFakeClockify } from '../../mcp-server/providers/clockify/fake-clockify.ts';
import { ACME, ADA_TOKEN as HARVEST_ADA_TOKEN, startFakeHarvest } from '../../mcp-server/providers/harvest/fake-harvest.ts';
import { ADA_TOKEN as TOGGL_ADA_TOKEN, seedWorld as seedToggl, startFakeToggl } from '../../mcp-server/providers/toggl/fake-toggl.ts';
import { startFakeTempo, TOKENS as TEMPO_TOKENS } from '../../mcp-server/providers/tempo/fake-tempo.ts';
import { makeUserDataDir } from '../../support/engine.ts';
import { cleanUp, NOW, PARENT_ENV, PATIENCE, startTestEngine, type TestEngine } from './engine-setup.ts';

const ADA = DEFAULT_USERS[0] as FakeUser;

let fake: FakeKimai | FakeCalamari | FakeClockodo | FakeClockify | undefined;
afterEach(async () => {
  await cleanUp();
  await fake?.close();
  fake = undefined;
});

function timesheetOf(test: TestEngine, engine: EngineClient = test.engine): Timesheet {
  return createTimesheet(engine, { launch: test.launch, log: (line) => test.logs.push(line), parentEnv: PARENT_ENV });
}

/** Forwards to whichever engine is current, and remembers every tool called. */
function recording(target: () => EngineClient): { engine: EngineClient; calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    engine: {
      callTool: (name, args) => {
        calls.push(name);
        return target().callTool(name, args);
      },
      tools: () => target().tools(),
      restart: () => target().restart(),
      close: () => target().close(),
      state: () => target().state(),
    },
  };
}

async function call(test: TestEngine, name: string, args: Record<string, unknown>): Promise<void> {
  await test.engine.callTool(name, args);
}

/**
 * The week of Wednesday 2026-11-18 (Berlin): Monday 8 h on Website, Tuesday 7.5 h on Internal with
 * the afternoon off, this morning 2 h on Support; Legacy last week, Ancient too long ago to count.
 */
async function seedWeek(test: TestEngine): Promise<void> {
  for (const name of ['Website', 'Internal', 'Support', 'Legacy', 'Ancient']) await call(test, 'create_catalog_item', { kind: 'project', name });
  await call(test, 'log_time', { start: '2026-10-01T09:00:00+02:00', end: '2026-10-01T10:00:00+02:00', project: 'Ancient' });
  await call(test, 'log_time', { start: '2026-11-10T09:00:00+01:00', end: '2026-11-10T10:00:00+01:00', project: 'Legacy' });
  await call(test, 'log_time', { start: '2026-11-16T09:00:00+01:00', end: '2026-11-16T17:00:00+01:00', project: 'Website' });
  await call(test, 'log_time', { start: '2026-11-17T09:00:00+01:00', end: '2026-11-17T16:30:00+01:00', project: 'Internal' });
  await call(test, 'log_time', { start: '2026-11-18T07:00:00+01:00', end: '2026-11-18T09:00:00+01:00', project: 'Support', description: 'tickets' });
  await call(test, 'request_leave', { type: 'vacation', first_day: '2026-11-17', first_day_part: 'afternoon' });
}

/** The days ahead show what is planned: Thursday and Friday's eight hours, the weekend off. */
const WEDNESDAY_WEEK: StatusView['week'] = [
  { date: '2026-11-16', minutes: 480, targetMinutes: 480, holiday: null, leave: null },
  // The afternoon on leave: the status names the leave beside the halved target.
  { date: '2026-11-17', minutes: 450, targetMinutes: 240, holiday: null, leave: 'vacation' },
  { date: '2026-11-18', minutes: 120, targetMinutes: 480, holiday: null, leave: null },
  { date: '2026-11-19', minutes: 0, targetMinutes: 480, holiday: null, leave: null },
  { date: '2026-11-20', minutes: 0, targetMinutes: 480, holiday: null, leave: null },
  { date: '2026-11-21', minutes: 0, targetMinutes: 0, holiday: null, leave: null },
  { date: '2026-11-22', minutes: 0, targetMinutes: 0, holiday: null, leave: null },
];

const SUPPORT_ENTRY = {
  start: '2026-11-18T07:00:00+01:00',
  end: '2026-11-18T09:00:00+01:00',
  minutes: 120,
  project: 'Support',
  activity: null,
  description: 'tickets',
};

describe('status', () => {
  it('shows today, the week with each day’s target, and recent projects', async () => {
    const test = startTestEngine({ settings: { timezone: 'Europe/Berlin' } });
    await seedWeek(test);
    const before = Date.now();
    const status = await timesheetOf(test).getStatus();
    expect(status).toEqual<StatusView>({
      today: '2026-11-18',
      running: null,
      todayMinutes: 120,
      weekMinutes: 1050,
      todayEntries: [{ id: expect.any(Number), ...SUPPORT_ENTRY }],
      week: WEDNESDAY_WEEK,
      recentProjects: ['Support', 'Internal', 'Website', 'Legacy'],
      recentWork: [
        { project: 'Support', activity: null, description: 'tickets' },
        { project: 'Internal', activity: null, description: '' },
        { project: 'Website', activity: null, description: '' },
        { project: 'Legacy', activity: null, description: '' },
      ],
      breaksSupported: false,
      asOf: expect.any(Number),
      keptWrites: [],
      teamAvailable: false,
      adminSections: [],
      decidesTimesheets: false,
      sequence: expect.any(Number),
    });
    expect(status.asOf).toBeGreaterThanOrEqual(before);
  });

  it('says why there is none when the settings file cannot be used, in the words AI clients get', async () => {
    const test = startTestEngine({ settings: { provider: { type: 'kimia', url: 'https://kimai.example.com' } } });
    await expect(timesheetOf(test).getStatus()).rejects.toThrow(
      `The settings file ${join(test.userDataDir, 'config.json')} cannot be used: provider.type is "kimia", which is not a back end this Punchcard knows (local, kimai, clockodo, calamari, clockify, toggl, harvest, tempo; did you mean "kimai"?). Nothing is read from or written to any timesheet until it is fixed`,
    );
  });

  it('keeps the eight most recent projects, most recent first, each once', async () => {
    const test = startTestEngine({ settings: { timezone: 'Europe/Berlin' } });
    const projects = ['P1', 'P2', 'P3', 'P4', 'P5', 'P6', 'P7', 'P8', 'P9', 'P10'];
    for (const name of projects) await call(test, 'create_catalog_item', { kind: 'project', name });
    // One entry per project on consecutive days, then P1 again yesterday: P1 is the most recent.
    for (const [index, name] of projects.entries()) {
      const day = String(index + 1).padStart(2, '0');
      await call(test, 'log_time', { start: `2026-11-${day}T09:00:00+01:00`, end: `2026-11-${day}T10:00:00+01:00`, project: name });
    }
    await call(test, 'log_time', { start: '2026-11-17T09:00:00+01:00', end: '2026-11-17T10:00:00+01:00', project: 'P1' });
    const status = await timesheetOf(test).getStatus();
    expect(status.recentProjects).toEqual(['P1', 'P10', 'P9', 'P8', 'P7', 'P6', 'P5', 'P4']);
  });

  it('asks the engine everything at once once it knows the date, and follows the day when it turns', async () => {
    const wednesday = startTestEngine({ settings: { timezone: 'Europe/Berlin' } });
    await seedWeek(wednesday);
    // A second engine on the same timesheet whose clock is a day later: the day turning.
    const thursday = startTestEngine({ userDataDir: wednesday.userDataDir, env: { PUNCHCARD_NOW: '2026-11-19T10:00:00+01:00' } });
    let current = wednesday.engine;
    const recorder = recording(() => current);
    const timesheet = timesheetOf(wednesday, recorder.engine);

    await timesheet.getStatus();
    recorder.calls.length = 0;
    const warm = await timesheet.getStatus();
    // Status, today's entries, one report for the whole week, recent entries.
    expect(recorder.calls.sort()).toEqual(['list_time_entries', 'list_time_entries', 'time_report', 'timer_status']);
    expect(warm.week).toEqual(WEDNESDAY_WEEK);

    current = thursday.engine;
    recorder.calls.length = 0;
    const next = await timesheet.getStatus();
    expect(next.todayEntries).toEqual([]);
    expect(next.todayMinutes).toBe(0);
    expect(next.week).toEqual(WEDNESDAY_WEEK);
    expect(next.recentProjects).toEqual(['Support', 'Internal', 'Website', 'Legacy']);
    // Recent entries were asked for with Wednesday's date, and again with Thursday's.
    expect(recorder.calls.sort()).toEqual(['list_time_entries', 'list_time_entries', 'list_time_entries', 'time_report', 'timer_status']);
  });
});

describe('clocking in and out', () => {
  it('creates a project and activity typed in for the first time, only where it may (the local timesheet)', async () => {
    const test = startTestEngine({ settings: { timezone: 'Europe/Berlin' } });
    await seedWeek(test);
    const strict = createTimesheet(test.engine, { launch: test.launch, log: () => {}, parentEnv: PARENT_ENV, createsMissingCatalogItems: () => false });
    await expect(strict.clockIn({ project: 'Garden shed' })).rejects.toThrow(/No project "Garden shed"/);

    const local = createTimesheet(test.engine, { launch: test.launch, log: () => {}, parentEnv: PARENT_ENV, createsMissingCatalogItems: () => true });
    const started = await local.clockIn({ project: 'Garden shed', activity: 'Carpentry' });
    expect(started.running).toMatchObject({ project: 'Garden shed', activity: 'Carpentry' });
    // A known name in another case is the same project, not a second one.
    await local.clockIn({ project: 'garden SHED' });
    const catalog = (await test.engine.callTool('list_catalog', { search: 'garden' })).structured as { projects: Array<{ name: string }> };
    expect(catalog.projects.map((project) => project.name)).toEqual(['Garden shed']);
  });

  it('clocks in, switches, and clocks out, answering each time with the new status', async () => {
    const test = startTestEngine({ settings: { timezone: 'Europe/Berlin' } });
    await seedWeek(test);
    const timesheet = timesheetOf(test);

    // The custom fields reach clock_in as given: the local timesheet keeps none and says so, nothing started (issue 78).
    await expect(timesheet.clockIn({ project: 'Website', fields: { Ticket: 'WEB-1' } })).rejects.toMatchObject({
      refusal: { code: 'custom_fields_none' },
    });

    const started = await timesheet.clockIn({ project: 'Website', description: 'Landing page' });
    expect(started.running).toMatchObject({ project: 'Website', description: 'Landing page', end: null, activity: null });
    expect(started.running?.start).toMatch(/^2026-11-18T10:00:\d\d\+01:00$/);
    expect(started.todayEntries.map((entry) => [entry.project, entry.end === null])).toEqual([
      ['Support', false],
      ['Website', true],
    ]);
    expect(started.recentProjects).toEqual(['Website', 'Support', 'Internal', 'Legacy']);
    expect(started.todayMinutes).toBe(120);

    // A second clock-in while the timer runs switches: Website stops, Internal starts.
    const switched = await timesheet.clockIn({ project: 'Internal' });
    expect(switched.running).toMatchObject({ project: 'Internal', description: '' });
    expect(switched.todayEntries.map((entry) => [entry.project, entry.end === null])).toEqual([
      ['Support', false],
      ['Website', false],
      ['Internal', true],
    ]);
    expect(switched.todayEntries[1]?.end).toBe(switched.running?.start);
    expect(switched.recentProjects).toEqual(['Internal', 'Website', 'Support', 'Legacy']);

    const stopped = await timesheet.clockOut({ description: 'wrapped up' });
    expect(stopped.running).toBeNull();
    expect(stopped.todayEntries).toHaveLength(3);
    expect(stopped.todayEntries[2]).toMatchObject({ project: 'Internal', description: 'wrapped up' });
    expect(stopped.todayEntries.every((entry) => entry.end !== null)).toBe(true);
    expect(stopped.todayMinutes).toBeGreaterThanOrEqual(120);
    expect(stopped.week[2]?.minutes).toBeGreaterThanOrEqual(120);
  });

  it('clocks in at a time forgotten, switches at a time past, and says why a switch before the running start is refused', async () => {
    const test = startTestEngine({ settings: { timezone: 'Europe/Berlin' } });
    await seedWeek(test);
    const timesheet = timesheetOf(test);
    // Clocked in at 9:05 when the person forgot to (the engine's clock says 10:00).
    const started = await timesheet.clockIn({ project: 'Website', description: 'Landing page', start: '2026-11-18T09:05' });
    expect(started.running).toMatchObject({ project: 'Website', start: '2026-11-18T09:05:00+01:00' });
    // Switched at 9:40: Website ends there and Internal, with its note, begins there.
    const switched = await timesheet.clockIn({ project: 'Internal', description: 'Planning', start: '2026-11-18T09:40' });
    expect(switched.running).toMatchObject({ project: 'Internal', description: 'Planning', start: '2026-11-18T09:40:00+01:00' });
    expect(switched.todayEntries.find((entry) => entry.project === 'Website')).toMatchObject({
      start: '2026-11-18T09:05:00+01:00',
      end: '2026-11-18T09:40:00+01:00',
      minutes: 35,
    });
    await expect(timesheet.clockIn({ project: 'Website', start: '2026-11-18T09:30' })).rejects.toThrow(/before the running one/);
    await expect(timesheet.clockIn({ project: 'Website', start: '2026-11-18T23:30' })).rejects.toThrow(/in the future/);
  });

  it('shows a timer started before midnight among today’s entries', async () => {
    const test = startTestEngine({ settings: { timezone: 'Europe/Berlin' } });
    await call(test, 'clock_in', { start: '2026-11-17T22:00:00+01:00', description: 'night shift' });
    const status = await timesheetOf(test).getStatus();
    expect(status.running).toMatchObject({ start: '2026-11-17T22:00:00+01:00', description: 'night shift' });
    expect(status.todayEntries).toEqual([status.running]);
    // 00:00 to 10:00 of today, and the two hours before midnight on Tuesday.
    expect(status.todayMinutes).toBe(600);
    expect(status.week[1]).toEqual({ date: '2026-11-17', minutes: 120, targetMinutes: 480, holiday: null, leave: null });
  });

  it('passes the engine’s refusals on in words for a person: no tool to call, no record by number', async () => {
    const test = startTestEngine({ settings: { timezone: 'Europe/Berlin' } });
    const timesheet = timesheetOf(test);
    const nothingRunning = await timesheet.clockOut().catch((error: unknown) => error);
    expect(nothingRunning).toBeInstanceOf(EngineError);
    expect(nothingRunning).toMatchObject({ kind: 'tool', tool: 'clock_out' });
    // With a code, the refusal is worded for a person (no "Use log_time …", which the engine adds for a
    // model); an engine that gives none has its sentence shown as it came, never rewritten.
    const { refusal, message } = nothingRunning as EngineError;
    if (refusal) expect(message).toBe(refusalWords(refusal));
    expect(message).toMatch(/^No timer is running, so there is nothing to clock out of\./);
    const refused = await timesheet.clockIn({ project: 'Nowhere' }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(EngineError);
    expect(refused).toMatchObject({ kind: 'tool', tool: 'clock_in', message: expect.stringMatching(/^No project "Nowhere"\. There are no projects yet\./) });
  });
});

describe('the contract with the engine', () => {
  it('fails loudly when an answer does not match the tool’s output schema', async () => {
    const test = startTestEngine();
    const { engine } = recording(() => test.engine);
    // An engine from another version: today_minutes became a text.
    const changed: EngineClient = {
      ...engine,
      callTool: async (name, args) =>
        name === 'timer_status'
          ? { structured: { running: null, on_break: null, today_minutes: '2h', week_minutes: 0 }, text: '' }
          : engine.callTool(name, args),
    };
    const error = await timesheetOf(test, changed)
      .getStatus()
      .catch((reason: unknown) => reason);
    expect(error).toBeInstanceOf(EngineError);
    expect(error).toMatchObject({
      kind: 'protocol',
      tool: 'timer_status',
      message: expect.stringMatching(
        /^Punchcard could not read its engine's answer to timer_status \(today_minutes: .*number.*\)\. The app and its engine may be from different versions/,
      ),
    });
  });

  it('fails loudly when the week report has days without their targets', async () => {
    const test = startTestEngine();
    const { engine } = recording(() => test.engine);
    // Day groups as a report filtered to one project has them: no target_minutes.
    const untargeted: EngineClient = {
      ...engine,
      callTool: async (name, args) => {
        const result = await engine.callTool(name, args);
        if (name !== 'time_report') return result;
        const report = result.structured as { groups: Array<{ key: string; minutes: number }> };
        return { ...result, structured: { ...report, groups: report.groups.map(({ key, minutes }) => ({ key, minutes })) } };
      },
    };
    const error = await timesheetOf(test, untargeted)
      .getStatus()
      .catch((reason: unknown) => reason);
    expect(error).toBeInstanceOf(EngineError);
    expect(error).toMatchObject({ kind: 'protocol', tool: 'time_report', message: expect.stringMatching(/\(groups: 2026-11-16 has no target_minutes\)/) });
  });
});

describe('supported tools', () => {
  it('are all of them on the local timesheet, but breaks', async () => {
    const test = startTestEngine();
    expect(await timesheetOf(test).supportedTools()).toEqual(new Set(LOCAL_TOOL_NAMES));
  });

  it('on Kimai, leave the absence tools out until the plugin is found, then follow it live', async () => {
    fake = await startFakeKimai({ now: clockStartingAt(NOW), config: { absencePlugin: true } });
    seedCatalog(fake);
    const userDataDir = makeUserDataDir({ provider: { type: 'kimai', url: fake.url } });
    // The last start found no plugin; the check once the engine is in (the app's first status) finds it.
    rememberPlugin(userDataDir, fake.url, false);
    let changes = 0;
    const test = startTestEngine({ userDataDir, env: { PUNCHCARD_KIMAI_TOKEN: ADA.token }, onToolsChanged: () => changes++ });
    const timesheet = timesheetOf(test);
    const before = await timesheet.supportedTools();
    expect(before.has('clock_in')).toBe(true);
    expect(before.has('request_leave')).toBe(false);
    await timesheet.getStatus();
    await vi.waitFor(() => expect(changes).toBeGreaterThan(0), PATIENCE);
    const after = await timesheet.supportedTools();
    expect(after.has('request_leave')).toBe(true);
    expect(after.has('absence_calendar')).toBe(true);
  });
});

describe('on Kimai', () => {
  it('builds the status and clocks in through the same tools', async () => {
    fake = await startFakeKimai({ now: clockStartingAt(NOW) });
    seedCatalog(fake);
    const userDataDir = makeUserDataDir({ provider: { type: 'kimai', url: fake.url } });
    rememberPlugin(userDataDir, fake.url, false);
    const test = startTestEngine({ userDataDir, env: { PUNCHCARD_KIMAI_TOKEN: ADA.token } });
    const timesheet = timesheetOf(test);
    const idle = await timesheet.getStatus();
    expect(idle).toMatchObject({ running: null, todayMinutes: 0, todayEntries: [], recentProjects: [] });
    expect(idle.week.map((day) => day.targetMinutes)).toEqual([480, 480, 480, 480, 480, 0, 0]);

    const working = await timesheet.clockIn({ project: 'Website', activity: 'Design' });
    expect(working.running).toMatchObject({ project: 'Website', activity: 'Design' });
    expect(working.recentProjects).toEqual(['Website']);
    expect(fake.state.timesheets).toHaveLength(1);
    expect(test.logs.join('\n')).not.toContain(ADA.token);
  });
});

describe('what the back end keeps', () => {
  it('is the plan exactly for the back ends the app takes for plan keepers (PLAN_KEEPERS)', async () => {
    // The app decides by type, without asking; the engine's word is whoami's plan_source.
    const kimai = await startFakeKimai({ now: clockStartingAt(NOW) });
    const clockodo = await startFakeClockodo({ now: clockStartingAt(NOW) });
    const calamari = await startFakeCalamari({ now: clockStartingAt(NOW) });
    const clockify = await startFakeClockify({ now: clockStartingAt(NOW) });
    const harvest = await startFakeHarvest({ now: clockStartingAt(NOW) });
    const toggl = await startFakeToggl({ now: clockStartingAt(NOW) });
    const tempo = await startFakeTempo({ now: clockStartingAt(NOW) });
    try {
      seedToggl(toggl);
      seedCatalog(kimai);
      seedCompany(clockodo);
      seedOrganisation(calamari);
      seedWorkspace(clockify);
      const kimaiData = makeUserDataDir({ provider: { type: 'kimai', url: kimai.url } });
      rememberPlugin(kimaiData, kimai.url, false);
      const ada = CLOCKODO_USERS[0] as ClockodoUser;
      const engines = {
        local: startTestEngine(),
        kimai: startTestEngine({ userDataDir: kimaiData, env: { PUNCHCARD_KIMAI_TOKEN: ADA.token } }),
        clockodo: startTestEngine({
          settings: { provider: { type: 'clockodo', email: ada.email, url: clockodo.url } },
          env: { PUNCHCARD_CLOCKODO_TOKEN: ada.apiKey },
        }),
        calamari: startTestEngine({
          settings: { provider: { type: 'calamari', url: calamari.url, email: 'ada@acme.example' } },
          env: { PUNCHCARD_CALAMARI_TOKEN: DEFAULT_KEY },
        }),
        clockify: startTestEngine({ settings: { provider: { type: 'clockify', url: clockify.url } }, env: { PUNCHCARD_CLOCKIFY_TOKEN: CLOCKIFY_ADA.key } }),
        harvest: startTestEngine({
          settings: { provider: { type: 'harvest', url: harvest.url, account_id: String(ACME) } },
          env: { PUNCHCARD_HARVEST_TOKEN: HARVEST_ADA_TOKEN },
        }),
        toggl: startTestEngine({ settings: { provider: { type: 'toggl', url: toggl.url } }, env: { PUNCHCARD_TOGGL_TOKEN: TOGGL_ADA_TOKEN } }),
        tempo: startTestEngine({
          settings: { provider: { type: 'tempo', url: tempo.siteUrl, email: 'ada@example.com', tempoUrl: tempo.tempoUrl } },
          env: { PUNCHCARD_TEMPO_TOKEN: TEMPO_TOKENS.ada.tempo, PUNCHCARD_JIRA_TOKEN: TEMPO_TOKENS.ada.jira },
        }),
      } satisfies Record<BackEndType, TestEngine>;
      for (const [type, test] of Object.entries(engines) as Array<[BackEndType, TestEngine]>) {
        const { structured } = await test.engine.callTool('whoami');
        expect(structured, type).toMatchObject({ plan_source: PLAN_KEEPERS.has(type) ? 'back_end' : 'settings' });
      }
    } finally {
      await Promise.all([kimai.close(), clockodo.close(), calamari.close(), clockify.close(), toggl.close(), harvest.close(), tempo.close()]);
    }
  });

  it('is nothing on the local timesheet: the settings keep the plan', async () => {
    const test = startTestEngine({ settings: { timezone: 'Europe/Berlin' } });
    const recorder = recording(() => test.engine);
    expect(await timesheetOf(test, recorder.engine).backEndPlan()).toBeNull();
    // whoami said so; leave_balance was not asked.
    expect(recorder.calls).toEqual(['whoami']);
  });

  it('on Clockodo: its targets, non-business days, and the entitlement with the carry-over', async () => {
    const clockodo = await startFakeClockodo({ now: clockStartingAt(NOW) });
    fake = clockodo;
    seedCompany(clockodo);
    const ada = CLOCKODO_USERS[0] as ClockodoUser;
    const userDataDir = makeUserDataDir({ provider: { type: 'clockodo', email: ada.email, url: clockodo.url } });
    const test = startTestEngine({ userDataDir, env: { PUNCHCARD_CLOCKODO_TOKEN: ada.apiKey } });
    const timesheet = timesheetOf(test);
    expect(await timesheet.backEndPlan()).toEqual({
      workWeek: { mon: 8, tue: 8, wed: 8, thu: 8, fri: 8, sat: 0, sun: 0 },
      keepsHolidays: true,
      holidays: "Clockodo's non-business days",
      leave: { year: 2026, entitlement: 32, carryOver: 2, remaining: 32, unlimited: false },
    });
    // Clockodo takes no breaks: the status says so, and nothing offers them.
    expect(await timesheet.getStatus()).toMatchObject({ breaksSupported: false });
  });

  it('on Clockify without a work capacity or holidays for the person: only the leave, the week and holidays left to the settings', async () => {
    const clockify = await startFakeClockify({ now: clockStartingAt(NOW) });
    fake = clockify;
    seedWorkspace(clockify);
    for (const user of clockify.state.users) if (user.id === CLOCKIFY_ADA.id) user.workCapacity = null;
    clockify.failNext({ path: /\/holidays\/in-period$/ }, { status: 403, body: { message: 'Access Denied', code: 403 }, times: 1_000 });
    const test = startTestEngine({ settings: { provider: { type: 'clockify', url: clockify.url } }, env: { PUNCHCARD_CLOCKIFY_TOKEN: CLOCKIFY_ADA.key } });
    const { structured } = await test.engine.callTool('whoami');
    expect(structured).toMatchObject({ plan_source: 'back_end', plan_from_settings: ['work_week', 'holidays'] });
    expect(await timesheetOf(test).backEndPlan()).toMatchObject({ workWeek: null, keepsHolidays: false, holidays: null, leave: { entitlement: 25 } });
  });
});

describe('on Calamari', () => {
  async function calamari() {
    const server = await startFakeCalamari({ now: clockStartingAt(NOW) });
    fake = server;
    seedOrganisation(server);
    const userDataDir = makeUserDataDir({ provider: { type: 'calamari', url: server.url, email: 'ada@acme.example' } });
    return { server, test: startTestEngine({ userDataDir, env: { PUNCHCARD_CALAMARI_TOKEN: DEFAULT_KEY } }) };
  }

  it('starts and ends a break in the running shift, each answered with the new status', async () => {
    const { test } = await calamari();
    const timesheet = timesheetOf(test);
    await call(test, 'clock_in', { project: 'General', start: '08:00' });
    const working = await timesheet.getStatus();
    expect(working).toMatchObject({ running: { project: 'General', start: '2026-11-18T08:00:00+01:00', breaks: [] }, breaksSupported: true });

    // The back end's first break type; the running break is the one without an end.
    const paused = await timesheet.startBreak();
    expect(paused.running?.breaks).toEqual([{ type: 'Break', start: expect.stringMatching(/^2026-11-18T10:0\d:\d\d\+01:00$/), end: null, minutes: 0 }]);
    // The app reads the running break off the shift; timer_status's on_break is that same break.
    const pause = runningBreak(paused.running);
    expect((await test.engine.callTool('timer_status')).structured).toMatchObject({ on_break: { type: pause?.type, since: pause?.start } });
    await expect(timesheet.startBreak()).rejects.toMatchObject({
      kind: 'tool',
      tool: 'start_break',
      message: expect.stringMatching(/already running; end it first/),
    });

    const back = await timesheet.endBreak();
    expect(back.running?.breaks).toEqual([expect.objectContaining({ type: 'Break', end: expect.any(String) })]);
    await expect(timesheet.endBreak()).rejects.toMatchObject({ kind: 'tool', tool: 'end_break', message: 'No break is running.' });
  });

  it('reports the working week and holiday calendar Calamari keeps, and its balance without an entitlement', async () => {
    const { test } = await calamari();
    expect(await timesheetOf(test).backEndPlan()).toEqual({
      workWeek: { mon: 8, tue: 8, wed: 8, thu: 8, fri: 8, sat: 0, sun: 0 },
      keepsHolidays: true,
      holidays: "Calamari's holiday calendar",
      leave: { year: 2026, entitlement: null, carryOver: null, remaining: 30, unlimited: false },
    });
  });
});
