// The heaviest legitimate calls of the team tools, on each back end that offers them: a lead,
// manager or owner who switched the team group on and may see a big team (300 people, each with a
// week of entries and, where leave is decided, a request waiting), asking for the largest window of
// people, a late window, the longest range a report may cover, the project everyone books on and the
// first window of pending leave. Each call runs in a fresh engine once its start-up is over (the
// profile read, the role and reports Clockify and Calamari learn in the background), so only the
// call's own requests are counted. heaviest-calls.test.ts asserts each fits within a call's budget;
// `npm run bench` prints what each costs (test/bench/worst-calls.ts).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MAX_CALENDAR_DAYS } from '../../mcp-server/domain/call-limits.ts';
import { addDays } from '../../mcp-server/domain/time.ts';
import { CALAMARI_FACTS_FILE } from '../../mcp-server/providers/calamari/facts.ts';
import {
  DEFAULT_EMPLOYEES,
  DEFAULT_KEY,
  directReports,
  makeEmployee,
  SEED as CALAMARI_SEED,
  seedOrganisation,
  startFakeCalamari,
} from '../mcp-server/providers/calamari/fake-calamari.ts';
import {
  addEntry as addClockifyEntry,
  addMembers,
  addTimeOff,
  OLGA_KEY,
  SEED as CLOCKIFY_SEED,
  seedTeam,
  seedWorkspace,
  startFakeClockify,
} from '../mcp-server/providers/clockify/fake-clockify.ts';
import {
  bigTeam,
  DEFAULT_USERS as CLOCKODO_USERS,
  type FakeUser as ClockodoUser,
  seedCompany,
  startFakeClockodo,
} from '../mcp-server/providers/clockodo/fake-clockodo.ts';
import {
  type FakeKimaiConfig as KimaiConfig,
  DEFAULT_USERS as KIMAI_USERS,
  type FakeUser as KimaiUser,
  rememberPlugin,
  seedBigTeam,
  seedCatalog,
  startFakeKimai,
} from '../mcp-server/providers/kimai/fake-kimai.ts';
import { addIssues, addWorklog, ALL_SCOPES, LEA, startFakeTempo, TOKENS as TEMPO_TOKENS } from '../mcp-server/providers/tempo/fake-tempo.ts';
import { type AnyEngineHandle, type EngineWhere, makeUserDataDir, openEngine } from './engine.ts';
import { clockStartingAt } from './fake-clock.ts';
import { untilQuiet } from './fake-server.ts';
import type { HeavyBackEnd, HeavyCall, HeavySession } from './heaviest-calls.ts';
import { wallTimeToEpoch } from './wall-clock.ts';

/** Thursday 19 November 2026, 15:00 in Berlin, as the team e2e tests. */
const NOW = '2026-11-19T15:00:00+01:00';
const TODAY = '2026-11-19';
const ZONE = 'Europe/Berlin';
/** People the lead sees besides those the seed already has. */
const TEAM_SIZE = 300;
/** The week up to today: last Friday, then Monday to this Thursday. */
const WEEK = ['2026-11-13', '2026-11-16', '2026-11-17', '2026-11-18', TODAY];
/** A working day as four entries (wall times in Berlin), all before today's 15:00. */
const DAY: Array<[string, string]> = [
  ['08:00', '10:00'],
  ['10:00', '12:00'],
  ['12:30', '13:30'],
  ['13:30', '14:30'],
];
/** The longest range team_report takes, ending today. */
const LONGEST_FROM = addDays(TODAY, -(MAX_CALENDAR_DAYS - 1));
const TEAM_TOOLS = ['team_report', 'project_status', 'list_pending_leave', 'decide_leave_request'];

/** The spans of a person's week of entries, as instants. */
function weekOfEntries(): Array<{ start: number; end: number }> {
  return WEEK.flatMap((day) => DAY.map(([from, to]) => ({ start: wallTimeToEpoch(day, from, ZONE), end: wallTimeToEpoch(day, to, ZONE) })));
}

/**
 * The n-th person's pending week of leave: a Monday to Friday in one of eight weeks from
 * 7 December, so about one person in eight is away with each (who else is away stays a list of
 * dozens, as in a big team, not of everyone).
 */
function pendingWeek(n: number): { first: string; last: string } {
  const first = addDays('2026-12-07', 7 * (n % 8));
  return { first, last: addDays(first, 4) };
}

/**
 * The calls, with what their answers say of the seeded team: `people` the lead sees in all, `pending`
 * the requests waiting for them (where leave is decided), `refused` the words the project's hours are
 * refused with where the back end cannot give them within a call.
 */
function teamCalls(offered: { people: number; project?: string; refused?: RegExp; pending?: number; pendingWindow?: 'smaller' }): HeavyCall[] {
  const window = (from: number) => new RegExp(`: people ${from}–\\d+ of ${offered.people}\\.`);
  // Each of the 300 booked six hours on four days of this week and on last Friday, all on the project.
  const projectHours = /: this week 7200 h, this month 9000 h, in total 9000 h/;
  return [
    { label: 'team_report this week, the first window of 50', tool: 'team_report', args: { limit: 50 }, answer: window(1) },
    { label: 'team_report this week, the window from 250', tool: 'team_report', args: { offset: 250, limit: 50 }, answer: window(251) },
    {
      label: `team_report over ${MAX_CALENDAR_DAYS} days, the first window of 50`,
      tool: 'team_report',
      args: { from: LONGEST_FROM, to: TODAY, limit: 50 },
      answer: window(1),
    },
    ...(offered.project
      ? [
          {
            label: `project_status of ${offered.project}, everyone's project${offered.refused ? ' (refused in words)' : ''}`,
            tool: 'project_status',
            args: { project: offered.project },
            ...(offered.refused ? { refusal: offered.refused } : { answer: projectHours }),
          },
        ]
      : []),
    ...(offered.pending
      ? [
          {
            label: 'list_pending_leave, the first window of 30',
            tool: 'list_pending_leave',
            args: { limit: 30 },
            answer: new RegExp(`1–${offered.pendingWindow === 'smaller' ? '\\d+' : '30'} of (the )?${offered.pending} `),
          },
        ]
      : []),
  ];
}

/** The tools the engine lists, once it lists all of `expected` (the role may be learned after start). */
async function untilOffered(engine: AnyEngineHandle, expected: readonly string[], timeoutMs = 20_000): Promise<void> {
  const until = performance.now() + timeoutMs;
  for (;;) {
    const listed = (await engine.client.listTools()).tools.map((tool) => tool.name);
    if (expected.every((name) => listed.includes(name))) return;
    if (performance.now() > until)
      throw new Error(
        `The engine did not offer ${expected.join(', ')} within ${timeoutMs} ms; it lists ${listed.filter((name) => TEAM_TOOLS.includes(name)).join(', ') || 'no team tool'}.`,
      );
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Settings of a person who switched the team group on. */
function teamSettings(provider: Record<string, unknown>): Record<string, unknown> {
  return { provider, timezone: ZONE, tools: { groups: { team: true } } };
}

/**
 * The session once the engine is ready to serve the team tools: `expected` listed and no request
 * arriving any more, so what start-up asked in the background is not counted against the call.
 */
async function readySession(
  fake: { requests: ReadonlyArray<{ answerBytes: number }>; close(): Promise<void> },
  engine: AnyEngineHandle,
  expected: readonly string[],
): Promise<HeavySession> {
  try {
    await untilOffered(engine, expected);
    await untilQuiet(fake.requests);
  } catch (error) {
    await engine.close();
    await fake.close();
    throw error;
  }
  return {
    engine,
    requests: () => fake.requests.length,
    answerBytes: () => fake.requests.reduce((sum, request) => sum + request.answerBytes, 0),
    close: async () => {
      await engine.close();
      await fake.close();
    },
  };
}

const TOM = KIMAI_USERS[1] as KimaiUser;

/** Tom's engine on a Kimai with the absence plugin and a team of 300, each with a week of entries and a week of leave waiting. */
async function startKimaiLead(granted: KimaiConfig['granted'], where: EngineWhere): Promise<HeavySession> {
  const fake = await startFakeKimai({ now: clockStartingAt(NOW), config: { absencePlugin: true, granted } });
  const { website, design } = seedCatalog(fake);
  const workers = seedBigTeam(fake, TOM, TEAM_SIZE);
  workers.forEach((worker, n) => {
    for (const span of weekOfEntries())
      fake.addTimesheet({ userId: worker.id, begin: span.start, end: span.end, projectId: website.id, activityId: design.id });
    const { first, last } = pendingWeek(n);
    fake.addAbsence({ userId: worker.id, date: first, endDate: last, type: 'holiday', status: 'new' });
  });
  const userDataDir = makeUserDataDir(teamSettings({ type: 'kimai', url: fake.url }));
  rememberPlugin(userDataDir, fake.url, true);
  const engine = await openEngine(where, { userDataDir, env: { PUNCHCARD_NOW: NOW, PUNCHCARD_KIMAI_TOKEN: TOM.token } });
  // The profile says whether the person leads a team: the first call reads it.
  await engine.call('whoami');
  return readySession(fake, engine, TEAM_TOOLS);
}
const OLGA = CLOCKODO_USERS[3] as ClockodoUser;
const MIA = makeEmployee(10, 'Mia', 'Manager', [CALAMARI_SEED.teams.engineering]);

export const HEAVY_TEAM_BACK_ENDS: HeavyBackEnd[] = [
  {
    // Tom leads a team of 300 (and himself) on a Kimai as it ships: no view_team, so the people are
    // those whose time Kimai shows him (the 300; Tom recorded nothing), read in one listing whatever
    // the window, and pending leave's window is what the call's budget leaves after that listing.
    name: 'Kimai, a team lead as Kimai ships',
    calls: teamCalls({ people: TEAM_SIZE, project: 'Website', pending: TEAM_SIZE, pendingWindow: 'smaller' }),
    start: (where) => startKimaiLead({}, where),
  },
  {
    // The same team on a Kimai whose Teamlead role was granted view_team: the teams' member lists.
    name: 'Kimai, a team lead granted view_team',
    // Kimai's pending leave is read person by person: its window is of the 300 people, Tom aside.
    calls: teamCalls({ people: TEAM_SIZE + 1, project: 'Website', pending: TEAM_SIZE }),
    start: (where) => startKimaiLead({ ROLE_TEAMLEAD: ['view_team'] }, where),
  },
  {
    // Olga owns a company of 304: Clockodo shows an owner everyone and every absence to decide.
    name: 'Clockodo',
    calls: teamCalls({ people: CLOCKODO_USERS.length + TEAM_SIZE, project: 'Website', pending: TEAM_SIZE }),
    async start(where) {
      const workers = bigTeam(TEAM_SIZE);
      const fake = await startFakeClockodo({ now: clockStartingAt(NOW), users: [...CLOCKODO_USERS, ...workers] });
      const ids = seedCompany(fake);
      const booking = { customersId: ids.customers.acme as number, projectsId: ids.projects.website as number, servicesId: ids.services.development as number };
      workers.forEach((worker, n) => {
        for (const span of weekOfEntries()) fake.addEntry({ usersId: worker.id, ...booking, timeSince: span.start, timeUntil: span.end });
        const { first, last } = pendingWeek(n);
        fake.addAbsence({ usersId: worker.id, dateSince: first, dateUntil: last, type: 1, status: 0 });
      });
      const userDataDir = makeUserDataDir(teamSettings({ type: 'clockodo', email: OLGA.email, url: fake.url }));
      const engine = await openEngine(where, { userDataDir, env: { PUNCHCARD_NOW: NOW, PUNCHCARD_CLOCKODO_TOKEN: OLGA.apiKey } });
      // The first call reads the person: their role and rights decide the team tools.
      await engine.call('whoami');
      return readySession(fake, engine, TEAM_TOOLS);
    },
  },
  {
    // Olga owns the workspace of 307 (seedTeam's seven and the 300): Clockify shows an admin everyone's
    // time and time off, and Cleo's seeded request waits besides the 300. Its API gives one person's
    // time at a time, so a public project all 307 may book on is more than a call may ask
    // (mcp-server/providers/clockify/team/team.ts): refused in words before any entry is read.
    name: 'Clockify',
    calls: teamCalls({
      people: 7 + TEAM_SIZE,
      project: 'Website',
      refused: /^Clockify's API gives one person's time at a time, and "Website" has 307 people you may see: more requests than one call may send\./,
      pending: 1 + TEAM_SIZE,
    }),
    async start(where) {
      const fake = await startFakeClockify({ now: clockStartingAt(NOW) });
      seedWorkspace(fake);
      seedTeam(fake);
      addMembers(fake, TEAM_SIZE).forEach((member, n) => {
        for (const span of weekOfEntries())
          addClockifyEntry(fake, {
            userId: member.id,
            start: span.start,
            end: span.end,
            projectId: CLOCKIFY_SEED.projects.website,
            taskId: CLOCKIFY_SEED.tasks.development,
          });
        const { first, last } = pendingWeek(n);
        addTimeOff(fake, { userId: member.id, start: first, end: last });
      });
      const userDataDir = makeUserDataDir(teamSettings({ type: 'clockify', url: fake.url }));
      const engine = await openEngine(where, { userDataDir, env: { PUNCHCARD_NOW: NOW, PUNCHCARD_CLOCKIFY_TOKEN: OLGA_KEY } });
      await engine.call('whoami');
      // The role is learned in the background after start, and the team tools offered then.
      return readySession(fake, engine, TEAM_TOOLS);
    },
  },
  {
    // Mia has 300 direct reports; Calamari offers a manager team hours only.
    name: 'Calamari',
    calls: teamCalls({ people: TEAM_SIZE }),
    async start(where) {
      const reports = directReports(TEAM_SIZE, MIA.id);
      // Pages of 25 employees, as the e2e test's big organisation: the reporting lines take 13 of them.
      const fake = await startFakeCalamari({ now: clockStartingAt(NOW), employees: [...DEFAULT_EMPLOYEES, MIA, ...reports], employeesPageSize: 25 });
      seedOrganisation(fake);
      let id = 50_000;
      for (const report of reports) {
        // A shift a day from 08:00 to 14:30 with half an hour's break at noon: the same week as elsewhere.
        for (const day of WEEK) {
          const noon = wallTimeToEpoch(day, '12:00', ZONE);
          fake.state.shifts.push({
            id: id++,
            employeeId: report.id,
            started: wallTimeToEpoch(day, '08:00', ZONE),
            finished: wallTimeToEpoch(day, '14:30', ZONE),
            breaks: [{ from: noon, to: noon + 30 * 60_000, breakTypeId: CALAMARI_SEED.breakTypes.break }],
            projectId: CALAMARI_SEED.projects.general,
            description: null,
          });
        }
      }
      const userDataDir = makeUserDataDir(teamSettings({ type: 'calamari', url: `${fake.url}/api`, email: MIA.email }));
      const engine = await openEngine(where, { userDataDir, env: { PUNCHCARD_NOW: NOW, PUNCHCARD_CALAMARI_TOKEN: DEFAULT_KEY } });
      // The check after start reads who reports to Mia and remembers it; the tool is offered then.
      await untilManages(userDataDir).catch(async (error: unknown) => {
        await engine.close();
        await fake.close();
        throw error;
      });
      return readySession(fake, engine, ['team_report']);
    },
  },
];

/**
 * Lea leads a Tempo team of 300, each with a week of worklogs on one issue. Tempo gives one person's worklogs (and
 * schedule) at a time, so a window holds the people the call's budget leaves room for, named by Jira's bulk lookup.
 */
HEAVY_TEAM_BACK_ENDS.push({
  name: 'Tempo Timesheets',
  calls: teamCalls({ people: TEAM_SIZE }),
  async start(where) {
    // The engine keeps Tempo's five a second itself; the fake's own count of them, on the wall clock, would meet a loaded
    // machine's bunched arrivals with a 429 whose second try counts against the call (request-scenario.ts, the same).
    const fake = await startFakeTempo({ now: clockStartingAt(NOW), perSecond: null });
    const [issue] = addIssues(fake, { key: 'WEB', name: 'Acme' }, [{ summary: 'Website' }]);
    const members = Array.from({ length: TEAM_SIZE }, (_, n) => {
      const accountId = `557058:member-${String(n).padStart(4, '0')}`;
      fake.state.users.push({
        accountId,
        displayName: `Member ${String(n + 1).padStart(3, '0')}`,
        email: `member${n}@example.com`,
        timeZone: ZONE,
        tempoToken: `tempo-member-${n}`,
        jiraToken: `jira-member-${n}`,
        scopes: [...ALL_SCOPES],
        week: [28_800, 28_800, 28_800, 28_800, 28_800, 0, 0],
      });
      for (const span of weekOfEntries()) addWorklog(fake, { author: accountId, issueId: issue?.id ?? 0, start: span.start, end: span.end });
      return accountId;
    });
    fake.state.teams.push({ id: 7, name: 'Acme', lead: LEA, members });
    const userDataDir = makeUserDataDir(teamSettings({ type: 'tempo', url: fake.siteUrl, email: 'lea@example.com', tempoUrl: fake.tempoUrl }));
    const engine = await openEngine(where, {
      userDataDir,
      env: { PUNCHCARD_NOW: NOW, PUNCHCARD_TEMPO_TOKEN: TEMPO_TOKENS.lea.tempo, PUNCHCARD_JIRA_TOKEN: TEMPO_TOKENS.lea.jira },
    });
    await engine.call('whoami');
    // Whom Lea leads is read from Tempo's teams once the team tools are on; the tool is offered then.
    return readySession(fake, engine, ['team_report']);
  },
});

/** Resolves once the engine remembered that Calamari names people this person manages. */
async function untilManages(userDataDir: string, timeoutMs = 20_000): Promise<void> {
  const until = performance.now() + timeoutMs;
  for (;;) {
    let facts = '';
    try {
      facts = readFileSync(join(userDataDir, CALAMARI_FACTS_FILE), 'utf8');
    } catch {
      // Not written yet.
    }
    const match = /"managesPeople":\s*(true|false)/.exec(facts);
    if (match?.[1] === 'true') return;
    if (match?.[1] === 'false') throw new Error('Calamari was learned to name nobody who reports to the manager.');
    if (performance.now() > until) throw new Error(`The engine learned nothing of the reporting lines within ${timeoutMs} ms.`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
