// Calamari's fake (test/mcp-server/providers/calamari/fake-calamari.ts) holding the world: the
// organisation's API key, used for Ada alone; Bob a colleague in her team. Calamari has projects only
// (no customers, no activities), and its API cannot change or delete a shift. Legacy is archived. The
// organisation's working weeks, absence types and holidays are the fake's own seeding. The key being the
// organisation's by nature, its organisation's world (startOrganisation) is this one, with Secret, Bob's project alone.
import type { Capability } from '../../../mcp-server/contract/vocabulary.ts';
import {
  DEFAULT_EMPLOYEES,
  DEFAULT_KEY,
  type FakeCalamari,
  type FakeEmployee,
  makeEmployee,
  optionalAnswer,
  SEED,
  seedOrganisation,
  startFakeCalamari,
} from '../../mcp-server/providers/calamari/fake-calamari.ts';
import { clockStartingAt } from '../../support/fake-clock.ts';
import {
  type BehaviourBackEnd,
  COLLEAGUE_LEAVE,
  type ColleagueLeaveIds,
  type EngineStart,
  NOW,
  ORGANISATION,
  remoteWorld,
  startActingEngineOver,
  startEngineOver,
  startTeamOver,
  type StoredEntry,
  type TeamSide,
  type PlantedEntry,
  utc,
  WORLD,
  scriptOptional,
  hostileWorld,
} from '../harness.ts';

const [ADA, BOB] = DEFAULT_EMPLOYEES as [(typeof DEFAULT_EMPLOYEES)[number], (typeof DEFAULT_EMPLOYEES)[number]];

// The employee list too, read-only: the organisation's key may read it (docs/back-ends/calamari.md, "Administration").
const CAPABILITIES: ReadonlySet<Capability> = new Set(['account', 'timer', 'breaks', 'entries', 'reports', 'catalog', 'leave', 'calendar', 'admin_people']);

/** Seeds the world; answers the id of Bob's shift. */
function seed(fake: FakeCalamari): number {
  const { state } = fake;
  // The organisation's plans (working weeks, absence types, holidays) as the fake seeds them; the world's projects instead of its own.
  seedOrganisation(fake);
  state.projects.length = 0;
  state.projects.push(
    { id: 201, name: WORLD.website, employeeIds: null },
    { id: 202, name: WORLD.internal, employeeIds: null },
    { id: 203, name: WORLD.archived, employeeIds: null, archived: true },
  );
  const bobs = 401;
  state.shifts.push({
    id: bobs,
    employeeId: BOB.id,
    started: Date.parse(WORLD.colleagueEntry.start),
    finished: Date.parse(WORLD.colleagueEntry.end),
    breaks: [],
    projectId: 201,
    description: null,
  });
  return bobs;
}

/** A shift of Ada's as given, on the project (World.plantEntry). */
function plant(fake: FakeCalamari, entry: PlantedEntry): void {
  const project = fake.state.projects.find((item) => item.name === entry.project);
  if (!project) throw new Error(`The world has no ${entry.project} to plant a shift on.`);
  const id = Math.max(0, ...fake.state.shifts.map((shift) => shift.id)) + 1;
  fake.state.shifts.push({
    id,
    employeeId: ADA.id,
    started: entry.start,
    finished: entry.end,
    breaks: [],
    projectId: project.id,
    description: entry.description,
  });
}

function entriesOf(fake: FakeCalamari): StoredEntry[] {
  const project = (id: number | null) => fake.state.projects.find((item) => item.id === id)?.name ?? null;
  return fake.state.shifts
    .filter((shift) => shift.employeeId === ADA.id)
    .sort((a, b) => a.started - b.started)
    .map((shift) => ({
      start: utc(shift.started),
      end: shift.finished === null ? null : utc(shift.finished),
      project: project(shift.projectId),
      description: shift.description ?? '',
    }));
}

/** Every request to Calamari is a POST: the reads are those that get, find, search or list. */
const READ = /\/(get-[a-z-]+|find(-advanced)?|search|all|balance|get)$/;

/** Bob's vacation days (COLLEAGUE_LEAVE): Annual leave, accepted and pending. */
function seedColleagueLeave(fake: FakeCalamari): ColleagueLeaveIds {
  const day = (id: number, date: string, status: 'ACCEPTED' | 'PENDING') => {
    fake.state.requests.push({
      id,
      employeeId: BOB.id,
      absenceTypeId: SEED.absenceTypes.annualLeave,
      from: date,
      to: date,
      fromPart: 'MORNING',
      toPart: 'END_OF_DAY',
      status,
      reason: null,
      comment: null,
      amount: 1,
    });
    return id;
  };
  return { approved: day(951, COLLEAGUE_LEAVE.approved, 'ACCEPTED'), pending: day(952, COLLEAGUE_LEAVE.pending, 'PENDING') };
}

// The team's world: Lea the direct manager of Ada and Bob, in their team (Engineering), using the organisation's key as Ada does.
const LEA: FakeEmployee = makeEmployee(20, 'Lea', 'Lead', [SEED.teams.engineering]);
const TEAM_EMPLOYEES: FakeEmployee[] = [
  ...DEFAULT_EMPLOYEES.map((employee) => (employee.id === ADA.id || employee.id === BOB.id ? { ...employee, directManagerId: LEA.id } : employee)),
  LEA,
];

/** Ada's or Lea's engine over the fake, with the organisation's key and its limits raised as for Ada's own (calamari.start). */
const engineAs = (fake: FakeCalamari, email: string, capabilities: ReadonlySet<Capability>): EngineStart => ({
  provider: { type: 'calamari', url: fake.url, email },
  env: { PUNCHCARD_CALAMARI_TOKEN: DEFAULT_KEY, PUNCHCARD_CALAMARI_PER_SECOND: '1000' },
  capabilities,
});

const team: TeamSide = {
  names: { person: `${ADA.firstName} ${ADA.lastName}`, colleague: `${BOB.firstName} ${BOB.lastName}`, lead: `${LEA.firstName} ${LEA.lastName}` },
  showsColleaguesLeave: true,
  capabilities: CAPABILITIES,
  // Team hours only (docs/back-ends/calamari.md, "Teams").
  leadCapabilities: new Set([...CAPABILITIES, 'team_hours']),
  async start(options = {}) {
    const fake = await startFakeCalamari({
      now: clockStartingAt(NOW),
      limits: { perSecond: 1_000, perHour: 100_000, perDay: 1_000_000 },
      employees: TEAM_EMPLOYEES,
    });
    const colleagueEntryId = seed(fake);
    const colleagueLeave = seedColleagueLeave(fake);
    if (options.hostile) hostileWorld(fake.state, options.hostile);
    return startTeamOver(fake, {
      settings: options.settings,
      person: engineAs(fake, ADA.email, team.capabilities),
      lead: engineAs(fake, LEA.email, team.leadCapabilities),
      // Read beside the employee list: who reports to whom is both.
      asksWhomOneLeads: (request) => request.path === '/api/teams/v1/all',
      isWrite: (request) => !READ.test(request.path),
      entries: () => entriesOf(fake),
      colleagueEntryId,
      colleagueLeave,
    });
  },
};

/**
 * The organisation's world: the engine as the team server builds it for Ada, the organisation's key naming her by
 * her verified e-mail on every request (docs/back-ends/calamari.md, "Acting for one person"), pinned to nobody; and
 * Secret, a project open to Bob alone.
 */
async function startOrganisation() {
  const fake = await startFakeCalamari({ now: clockStartingAt(NOW), limits: { perSecond: 1_000, perHour: 100_000, perDay: 1_000_000 } });
  const colleagueEntryId = seed(fake);
  fake.state.projects.push({ id: 204, name: ORGANISATION.closed, employeeIds: [BOB.id] });
  const engine = await startActingEngineOver(fake, {
    provider: { type: 'calamari', url: fake.url, email: ADA.email },
    key: DEFAULT_KEY,
    env: { PUNCHCARD_CALAMARI_PER_SECOND: '1000' },
    capabilities: CAPABILITIES,
  });
  return remoteWorld({ fake, engine, isWrite: (request) => !READ.test(request.path), entries: () => entriesOf(fake), colleagueEntryId });
}

const calamari: BehaviourBackEnd = {
  name: 'Calamari',
  capabilities: CAPABILITIES,
  catalog: { customers: false, activities: 'none', listsArchived: false },
  namesColleagueEntries: true,
  agentLabel: 'description_prefix',
  organisation: { pinned: false, capabilities: CAPABILITIES, start: startOrganisation },
  // docs/back-ends/calamari.md, "Optional reads".
  optionalReads: [
    { name: 'the employee list', request: { method: 'POST', path: /^\/api\/employees\/v1\/search$/ }, met: 'calls' },
    { name: 'the working weeks', request: { method: 'POST', path: /^\/api\/working-week\/v1\/all$/ }, met: 'calls' },
  ],
  async start(options = {}) {
    // The organisation's limits raised on both sides, the fake's and the engine's pace (as test/support/test-pace.ts does
    // for Clockify): the suite is about what a call does, not about Calamari's pace, which its own tests keep.
    const fake = await startFakeCalamari({ now: clockStartingAt(NOW), limits: { perSecond: 1_000, perHour: 100_000, perDay: 1_000_000 } });
    const colleagueEntryId = seed(fake);
    const colleagueLeave = seedColleagueLeave(fake);
    const scripted = scriptOptional(fake, options, { type: 'calamari', optionalAnswer, capabilities: CAPABILITIES });
    if (options.hostile) hostileWorld(fake.state, options.hostile);
    const engine = await startEngineOver(fake, {
      provider: { type: 'calamari', url: fake.url, email: ADA.email },
      env: { PUNCHCARD_CALAMARI_TOKEN: DEFAULT_KEY, PUNCHCARD_CALAMARI_PER_SECOND: '1000', ...scripted.env },
      ...(options.settings ? { settings: options.settings } : {}),
      ...(scripted.capabilities ? { capabilities: scripted.capabilities } : {}),
    });
    return remoteWorld({
      fake,
      engine,
      isWrite: (request) => !READ.test(request.path),
      entries: () => entriesOf(fake),
      colleagueEntryId,
      colleagueLeave,
      plant: (entry) => plant(fake, entry),
    });
  },
  team,
  storesEntriesEndingBeforeStart: true,
};

export default calamari;
