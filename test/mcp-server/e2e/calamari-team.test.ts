// The team group on Calamari, through the engine in process (test/support/engine.ts, startInProcessEngine)
// against the fake Calamari. The key is the organisation's and could read anyone, so Punchcard
// decides whom a person sees from Calamari's own data: Mia is the direct manager of Ada and Bob
// (and of Dan, who left), Tess a manager of the Sales team (Cleo, Sam), and Ada manages nobody.
// Each sees only their own people, never a colleague who is not theirs (team hours only: that the
// rest of the group is withheld is the behaviour suite's, test/behaviour/team.test.ts); a 300-person
// organisation in windows within the call's budget; and the answer as the model reads it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CALAMARI_FACTS_FILE } from '../../../mcp-server/providers/calamari/facts.ts';
import { closeAfterEach } from '../../support/close-after-each.ts';
import { type InProcessEngineHandle, makeUserDataDir, startInProcessEngine, textOf, writeSettings } from '../../support/engine.ts';
import { clockStartingAt } from '../../support/fake-clock.ts';
import { everyTeamWindow } from '../../support/team-windows.ts';
import {
  DEFAULT_EMPLOYEES,
  DEFAULT_KEY,
  directReports,
  type FakeCalamari,
  type FakeEmployee,
  makeEmployee,
  SEED,
  seedOrganisation,
  startFakeCalamari,
} from '../providers/calamari/fake-calamari.ts';

// Thursday 19 November 2026, 15:00 in Berlin.
const NOW = '2026-11-19T15:00:00+01:00';
const TEAM_TOOLS = ['team_report', 'project_status', 'list_pending_leave', 'decide_leave_request'];
const at = (iso: string) => Date.parse(iso);
const opened = closeAfterEach();

const byId = (id: number) => DEFAULT_EMPLOYEES.find((employee) => employee.id === id) as FakeEmployee;
const person = makeEmployee;
const MIA = person(10, 'Mia', 'Manager', [SEED.teams.engineering]);
const TESS = person(11, 'Tess', 'Supervisor', [SEED.teams.sales]);
const SAM = person(12, 'Sam', 'Seller', [SEED.teams.sales]);
// Ada, Bob and Dan (archived) report to Mia; Cleo is in Sales, which Tess manages; Sam too.
const EMPLOYEES: FakeEmployee[] = [
  { ...byId(1), directManagerId: MIA.id },
  { ...byId(2), directManagerId: MIA.id },
  byId(3),
  { ...byId(4), directManagerId: MIA.id },
  MIA,
  TESS,
  SAM,
];

async function organisation(employees: FakeEmployee[] = EMPLOYEES, employeesPageSize?: number) {
  const fake = opened(await startFakeCalamari({ now: clockStartingAt(NOW), employees, ...(employeesPageSize ? { employeesPageSize } : {}) }));
  seedOrganisation(fake);
  const sales = fake.state.teams.find((team) => team.id === SEED.teams.sales);
  if (sales) sales.managerIds = [TESS.id];
  const shift = (employeeId: number, start: string, end: string | null, more: { breakMinutes?: number; projectId?: number; description?: string } = {}) => {
    const started = at(start);
    fake.state.shifts.push({
      id: 700 + fake.state.shifts.length,
      employeeId,
      started,
      finished: end === null ? null : at(end),
      breaks: more.breakMinutes
        ? [{ from: started + 4 * 3_600_000, to: started + 4 * 3_600_000 + more.breakMinutes * 60_000, breakTypeId: SEED.breakTypes.break }]
        : [],
      projectId: more.projectId ?? null,
      description: more.description ?? null,
    });
  };
  // Ada: Monday eight hours after a half-hour break, nothing Tuesday, approved leave Wednesday, a shift running since nine today.
  shift(1, '2026-11-16T09:00:00+01:00', '2026-11-16T17:30:00+01:00', { breakMinutes: 30, projectId: SEED.projects.general, description: "Ada's private note" });
  shift(1, '2026-11-19T09:00:00+01:00', null, { projectId: SEED.projects.websiteRelaunch });
  fake.state.requests.push({
    id: 960,
    employeeId: 1,
    absenceTypeId: SEED.absenceTypes.annualLeave,
    from: '2026-11-18',
    to: '2026-11-18',
    fromPart: 'MORNING',
    toPart: 'END_OF_DAY',
    status: 'ACCEPTED',
    reason: null,
    comment: 'private: family',
    amount: 1,
  });
  // Bob: two hours Tuesday. Cleo, not Mia's: a full Monday.
  shift(2, '2026-11-17T09:00:00+01:00', '2026-11-17T11:00:00+01:00', { projectId: SEED.projects.general });
  shift(3, '2026-11-16T09:00:00+00:00', '2026-11-16T15:00:00+00:00', { projectId: SEED.projects.general, description: "Cleo's private note" });
  return fake;
}

async function connect(fake: FakeCalamari, employee: FakeEmployee): Promise<{ engine: InProcessEngineHandle; userDataDir: string }> {
  const userDataDir = makeUserDataDir({
    provider: { type: 'calamari', url: `${fake.url}/api`, email: employee.email },
    timezone: 'Europe/Berlin',
    tools: { groups: { team: true }, enabled: { decide_leave_request: true } },
  });
  const engine = opened(await startInProcessEngine({ userDataDir, env: { PUNCHCARD_NOW: NOW, PUNCHCARD_CALAMARI_TOKEN: DEFAULT_KEY } }));
  // The check after start reads who reports to the person: Calamari's data decides the team tools.
  await expect.poll(() => learnedManages(userDataDir)).not.toBeUndefined();
  return { engine, userDataDir };
}

/** What the engine remembered about the account ('' before it remembered anything). */
function readFacts(userDataDir: string): string {
  try {
    return readFileSync(join(userDataDir, CALAMARI_FACTS_FILE), 'utf8');
  } catch {
    return '';
  }
}

/** What the engine remembered: whether Calamari names people this person manages. */
function learnedManages(userDataDir: string): boolean | undefined {
  const match = /"managesPeople":\s*(true|false)/.exec(readFacts(userDataDir));
  return match ? match[1] === 'true' : undefined;
}

const teamToolsOf = async (engine: InProcessEngineHandle) =>
  (await engine.client.listTools()).tools.map((tool) => tool.name).filter((name) => TEAM_TOOLS.includes(name));
/** Every person a request to the fake named, in a body sent after `since`. */
const namedSince = (fake: FakeCalamari, since: number) =>
  new Set(fake.requests.slice(since).flatMap((request) => request.persons.map((named) => named.toLowerCase())));

describe('the team group on Calamari', () => {
  it("remembers from Calamari's data that a manager manages people and a worker nobody", async () => {
    const fake = await organisation();
    const mia = await connect(fake, MIA);
    expect(learnedManages(mia.userDataDir)).toBe(true);
    const ada = await connect(fake, byId(1));
    expect(learnedManages(ada.userDataDir)).toBe(false);
  });

  it('reads nobody else while the person leaves the team tools off: the employee list counts against the organisation', async () => {
    const fake = await organisation();
    const userDataDir = makeUserDataDir({ provider: { type: 'calamari', url: `${fake.url}/api`, email: MIA.email }, timezone: 'Europe/Berlin' });
    const engine = opened(await startInProcessEngine({ userDataDir, env: { PUNCHCARD_NOW: NOW, PUNCHCARD_CALAMARI_TOKEN: DEFAULT_KEY } }));
    // The check after start asks about the modules; it is done once both are remembered.
    await expect.poll(() => /"timeAndAttendance".*"timeOff"|"timeOff".*"timeAndAttendance"/s.test(readFacts(userDataDir))).toBe(true);
    // Whoever reads the employee list does it right after: time enough to have sent it.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await teamToolsOf(engine)).toEqual([]);
    expect(learnedManages(userDataDir)).toBeUndefined();
    expect(
      fake.requests.filter(
        (request) => request.path.endsWith('/teams/v1/all') || (request.path.endsWith('/employees/v1/search') && !request.body?.includes('"employee"')),
      ),
    ).toEqual([]);

    // Switched on in the settings while the engine runs: learned now, not at the next hourly check.
    writeSettings(userDataDir, {
      provider: { type: 'calamari', url: `${fake.url}/api`, email: MIA.email },
      timezone: 'Europe/Berlin',
      tools: { groups: { team: true } },
    });
    await expect.poll(() => learnedManages(userDataDir)).toBe(true);
    await expect.poll(() => teamToolsOf(engine)).toEqual(['team_report']);
  });

  it("shows a direct manager their reports' hours against Calamari's targets, and nobody who is not theirs", async () => {
    const fake = await organisation();
    const { engine } = await connect(fake, MIA);
    const before = fake.requests.length;
    const report = await engine.call('team_report');
    const people = report.structuredContent?.people as Array<Record<string, unknown>>;
    // Not Dan, who left; not Cleo or Sam, whose shifts the organisation's key reads as easily.
    expect(people.map((row) => row.name)).toEqual(['Ada Lovelace', 'Bob Builder']);
    expect(people[0]).toMatchObject({
      minutes: 480 + 360,
      // Mon, Tue and Thu of her full-time week; Wednesday was approved leave.
      target_minutes: 3 * 480,
      missing_days: ['2026-11-17'],
      running: 'Website relaunch',
      by_project: [
        { project: 'General', activity: null, minutes: 480 },
        { project: 'Website relaunch', activity: null, minutes: 360 },
      ],
    });
    expect(people[1]).toMatchObject({ minutes: 120, target_minutes: 4 * 480, missing_days: ['2026-11-16', '2026-11-18'], running: null });
    expect(report.structuredContent).toMatchObject({
      total_people: 2,
      next_offset: null,
      covers: 'your direct reports and the members of the teams you manage in Calamari',
    });
    // Every request that named someone named Mia (her own plan) or one of her reports; the list of
    // employees, read to find them, names nobody.
    expect([...namedSince(fake, before)].sort()).toEqual(['ada@acme.example', 'bob@acme.example', 'mia@acme.example']);
    expect(
      fake.requests
        .filter((request) => request.path.endsWith('/timesheetentries/v1/find'))
        .at(-1)
        ?.persons.sort(),
    ).toEqual(['ada@acme.example', 'bob@acme.example']);
    expect(JSON.stringify(report)).not.toMatch(/private|Cleo|Sam|Dan/);
  });

  it('reads the answer as the model reads it', async () => {
    const fake = await organisation();
    const { engine } = await connect(fake, MIA);
    const report = await engine.call('team_report');
    expect(textOf(report)).toBe(
      [
        '2026-11-16 to 2026-11-19, your direct reports and the members of the teams you manage in Calamari: people 1–2 of 2.',
        '"Ada Lovelace": 14 h of 24 h; nothing on 2026-11-17; running: "Website relaunch"',
        '"Bob Builder": 2 h of 32 h; nothing on 2026-11-16, 2026-11-18',
      ].join('\n'),
    );
  });

  it("shows a team's manager its members, and neither them nor the team to anyone else", async () => {
    const fake = await organisation();
    const { engine } = await connect(fake, TESS);
    expect(await teamToolsOf(engine)).toEqual(['team_report']);
    const report = await engine.call('team_report', { from: '2026-11-16' });
    expect(report.isError, textOf(report)).toBeFalsy();
    const people = report.structuredContent?.people as Array<Record<string, unknown>>;
    expect(people.map((row) => row.name)).toEqual(['Cleo Patra', 'Sam Seller']);
    // Cleo works a part-time week (6 h Monday to Thursday): Monday's six hours meet Monday's target.
    expect(people[0]).toMatchObject({ minutes: 360, missing_days: ['2026-11-17', '2026-11-18'] });
  });

  it("reads a manager's first report at Calamari's pace of ten requests a second, so Calamari refuses none of it", async () => {
    // Sixteen reports on pages of two: the first call after a start reads the whole employee list.
    const fake = await organisation([...EMPLOYEES, ...directReports(16, MIA.id)]);
    const first = await connect(fake, MIA);
    await first.engine.close();
    // Started again (keeping Calamari's second with the first engine's requests, through the data
    // folder's limits file), the engine remembers that Mia manages people and reads nothing in the background.
    const engine = opened(await startInProcessEngine({ userDataDir: first.userDataDir, env: { PUNCHCARD_NOW: NOW, PUNCHCARD_CALAMARI_TOKEN: DEFAULT_KEY } }));
    const before = fake.requests.length;
    const report = await engine.call('team_report');
    expect(report.isError, textOf(report)).toBeFalsy();
    expect(report.structuredContent).toMatchObject({ total_people: 18 });
    const sent = fake.requests.slice(before);
    // More than Calamari takes in a second, yet none refused: never more than ten in any second.
    expect(sent.length).toBeGreaterThan(10);
    expect(sent.filter((request) => request.status === 429)).toEqual([]);
    for (const request of sent)
      expect(sent.filter((other) => other.receivedAt >= request.receivedAt && other.receivedAt < request.receivedAt + 1_000).length).toBeLessThanOrEqual(10);
  });

  it("pages a 300-person organisation's reports within the call's budget of requests", async () => {
    const many = directReports(300, MIA.id);
    const fake = await organisation([...EMPLOYEES, ...many], 25);
    for (const worker of many)
      fake.state.shifts.push({
        id: 5000 + worker.id,
        employeeId: worker.id,
        started: at('2026-11-16T09:00:00+01:00'),
        finished: at('2026-11-16T10:00:00+01:00'),
        breaks: [],
        projectId: null,
        description: null,
      });
    const { engine } = await connect(fake, MIA);
    const windows = await everyTeamWindow(engine, fake, 50);
    const rows = windows.flatMap((window) => window.people);
    for (const row of rows) if (row.name.startsWith('Worker')) expect(row.minutes).toBe(60);
    expect(windows.map((window) => window.total)).toEqual(Array(7).fill(302));
    expect(new Set(rows.map((row) => row.name)).size).toBe(302);
  });

  it('sizes a window to the holiday calendars the call can still ask about, rather than stopping halfway', async () => {
    // Fifty reports, each on a holiday calendar of their own: one request each for their targets.
    const many = Array.from({ length: 50 }, (_, index) =>
      person(2000 + index, `Remote${String(index).padStart(2, '0')}`, 'Abroad', [SEED.teams.engineering], {
        directManagerId: MIA.id,
        holidayCalendar: `C${String(index).padStart(2, '0')}`,
      }),
    );
    const fake = await organisation([...EMPLOYEES, ...many]);
    const { engine } = await connect(fake, MIA);
    const rows = (await everyTeamWindow(engine, fake, 50)).flatMap((window) => window.people);
    expect(rows.filter((row) => row.target_minutes === null)).toEqual([]);
    expect(new Set(rows.map((row) => row.name)).size).toBe(52);
  });
});
