// Clockodo's fake (test/mcp-server/providers/clockodo/fake-clockodo.ts) holding the world: Ada a worker
// with her own API key, who may book on Acme's projects and the service Development, Bob a worker in her
// team. Clockodo's services belong to no project (Development is one), every project to a customer;
// Legacy is completed. The people's targets, holidays and non-business days are the fake's own seeding. Under the
// organisation's credential (startOrganisation), the key and login are Olga's, the company owner's, and Secret a
// project of Acme's outside Ada's access map. The administrator's world: Olga, the owner, on her own key beside Ada.
import type { Capability } from '../../../mcp-server/contract/vocabulary.ts';
import {
  DEFAULT_USERS,
  type FakeClockodo,
  type FakeUser,
  optionalAnswer,
  seedCompany,
  startFakeClockodo,
} from '../../mcp-server/providers/clockodo/fake-clockodo.ts';
import { clockStartingAt } from '../../support/fake-clock.ts';
import {
  type AdminSide,
  type BehaviourBackEnd,
  COLLEAGUE_LEAVE,
  type ColleagueLeaveIds,
  NOW,
  ORGANISATION,
  remoteWorld,
  startActingEngineOver,
  startAdminOver,
  startEngineOver,
  startTeamOver,
  type StoredEntry,
  type TeamSide,
  utc,
  WORLD,
  scriptOptional,
  type PlantedEntry,
  hostileWorld,
} from '../harness.ts';

const ADA = DEFAULT_USERS[0] as FakeUser;
const BOB = DEFAULT_USERS[1] as FakeUser;
/** The company's owner: the one role whose key acts for others in full (docs/back-ends/clockodo.md, "Acting for others"). */
const OLGA = DEFAULT_USERS[3] as FakeUser;

const CAPABILITIES: ReadonlySet<Capability> = new Set([
  'account',
  'timer',
  'entries',
  'entries_edit',
  'reports',
  'catalog',
  'leave',
  'leave_cancel',
  'calendar',
]);

/** Seeds the world; answers the id of Bob's entry. */
function seed(fake: FakeClockodo): number {
  const { state } = fake;
  // The company's plans (targets, holidays, non-business days) as the fake seeds them; the world's catalog instead of its own.
  seedCompany(fake);
  state.customers.length = 0;
  state.projects.length = 0;
  state.services.length = 0;
  const acme = fake.addCustomer(WORLD.customer);
  const website = fake.addProject(WORLD.website, acme.id);
  fake.addProject(WORLD.internal, acme.id);
  fake.addProject(WORLD.archived, acme.id, { completed: true });
  const development = fake.addService(WORLD.activity);
  state.access.set(ADA.id, { add: { [acme.id]: true }, report: false, edit: false, services: { [development.id]: true } });
  const bobs = fake.addEntry({
    usersId: BOB.id,
    customersId: acme.id,
    projectsId: website.id,
    servicesId: development.id,
    timeSince: Date.parse(WORLD.colleagueEntry.start),
    timeUntil: Date.parse(WORLD.colleagueEntry.end),
  });
  return bobs.id;
}

/** An entry of Ada's as given, on the world's service (World.plantEntry). */
function plant(fake: FakeClockodo, entry: PlantedEntry): void {
  const project = fake.state.projects.find((item) => item.name === entry.project);
  const service = fake.state.services.find((item) => item.name === WORLD.activity);
  if (!project || !service) throw new Error(`The world has no ${entry.project} to plant an entry on.`);
  fake.addEntry({
    usersId: ADA.id,
    customersId: project.customersId,
    projectsId: project.id,
    servicesId: service.id,
    timeSince: entry.start,
    timeUntil: entry.end,
    text: entry.description,
  });
}

function entriesOf(fake: FakeClockodo): StoredEntry[] {
  const project = (id: number | null) => fake.state.projects.find((item) => item.id === id)?.name ?? null;
  return fake.state.entries
    .filter((entry) => entry.usersId === ADA.id)
    .sort((a, b) => a.timeSince - b.timeSince)
    .map((entry) => ({
      start: utc(entry.timeSince),
      end: entry.timeUntil === null ? null : utc(entry.timeUntil),
      project: project(entry.projectsId),
      description: entry.text ?? '',
    }));
}

/** Bob's vacation days (COLLEAGUE_LEAVE): regular holidays (type 1), approved (1) and enquired (0). */
function seedColleagueLeave(fake: FakeClockodo): ColleagueLeaveIds {
  const day = (date: string, status: 0 | 1) => fake.addAbsence({ usersId: BOB.id, dateSince: date, dateUntil: date, type: 1, status }).id;
  return { approved: day(COLLEAGUE_LEAVE.approved, 1), pending: day(COLLEAGUE_LEAVE.pending, 0) };
}

// The team's world: Lea a worker who leads Development, Ada's and Bob's team (leading is not a role in Clockodo).
const LEA: FakeUser = { ...ADA, id: 6, name: 'Lea Lead', email: 'lea@example.com', apiKey: 'key-lea-0123456789abcdef' };

function seedTeam(fake: FakeClockodo): void {
  const development = fake.state.teams.find((item) => item.id === ADA.teamsId);
  if (!development) throw new Error("The fake Clockodo has no team of Ada's to lead.");
  development.leader = LEA.id;
}

const team: TeamSide = {
  names: { person: ADA.name, colleague: BOB.name, lead: LEA.name },
  showsColleaguesLeave: true,
  capabilities: CAPABILITIES,
  leadCapabilities: new Set([...CAPABILITIES, 'team_hours', 'team_projects', 'team_leave']),
  // Ada is a worker (docs/back-ends/clockodo.md): the team's hours and projects are a manager's; deciding leave is a right
  // of its own, not a role's.
  personRole: { role: 'worker', decides: ['team_hours', 'team_projects'] },
  async start(options = {}) {
    const fake = await startFakeClockodo({ now: clockStartingAt(NOW), users: [ADA, BOB, LEA] });
    const colleagueEntryId = seed(fake);
    const colleagueLeave = seedColleagueLeave(fake);
    seedTeam(fake);
    if (options.hostile) hostileWorld(fake.state, options.hostile);
    const engine = (user: FakeUser, capabilities: ReadonlySet<Capability>) => ({
      provider: { type: 'clockodo', email: user.email, url: `${fake.url}/` },
      env: { PUNCHCARD_CLOCKODO_TOKEN: user.apiKey },
      capabilities,
    });
    return startTeamOver(fake, {
      settings: options.settings,
      person: engine(ADA, team.capabilities),
      lead: engine(LEA, team.leadCapabilities),
      // The last of the listings that say whom the person leads: those whose absences they manage.
      asksWhomOneLeads: (request) => request.path === '/api/v3/users' && request.query.includes('manageAbsences'),
      isWrite: (request) => request.method !== 'GET',
      entries: () => entriesOf(fake),
      colleagueEntryId,
      colleagueLeave,
    });
  },
};

/**
 * The organisation's world: Olga's login and key acting for Ada, and Secret, a project of Acme's that Ada's access map
 * leaves out (she books Acme's other projects, each by name, where the world grants her the whole customer).
 */
async function startOrganisation() {
  const fake = await startFakeClockodo({ now: clockStartingAt(NOW), users: [ADA, BOB, OLGA] });
  const colleagueEntryId = seed(fake);
  const acme = fake.state.customers.find((customer) => customer.name === WORLD.customer);
  if (!acme) throw new Error('The world has no Acme to add Secret to.');
  const open = fake.state.projects.filter((project) => project.customersId === acme.id);
  fake.addProject(ORGANISATION.closed, acme.id);
  const access = fake.state.access.get(ADA.id);
  if (!access) throw new Error('The world did not say what Ada may book.');
  access.add = { [acme.id]: { projects: Object.fromEntries(open.map((project) => [project.id, true as const])) } };
  const engine = await startActingEngineOver(fake, {
    provider: { type: 'clockodo', email: OLGA.email, url: `${fake.url}/` },
    key: OLGA.apiKey,
    actingFor: String(ADA.id),
    capabilities: CAPABILITIES,
  });
  return remoteWorld({ fake, engine, isWrite: (request) => request.method !== 'GET', entries: () => entriesOf(fake), colleagueEntryId });
}

/** The catalog item of `kind` named `name` as the fake keeps it: inactive, or a project completed, is archived. */
function catalogItemOf(fake: FakeClockodo, kind: 'customer' | 'project' | 'activity', name: string): { archived: boolean } | undefined {
  if (kind === 'project') {
    const project = fake.state.projects.find((item) => item.name === name);
    return project ? { archived: !project.active || project.completed } : undefined;
  }
  const item = (kind === 'customer' ? fake.state.customers : fake.state.services).find((candidate) => candidate.name === name);
  return item ? { archived: !item.active } : undefined;
}

const ADMINISTERED: readonly Capability[] = ['catalog_write', 'admin_corrections', 'admin_teams', 'admin_catalog', 'admin_people'];

const admin: AdminSide = {
  names: { person: ADA.name, colleague: BOB.name, admin: OLGA.name, everyone: [ADA.name, BOB.name, OLGA.name] },
  // The owner administers; managers and workers are offered none of it (docs/back-ends/clockodo.md, "Administration").
  capabilities: new Set([...CAPABILITIES, 'team_hours', 'team_projects', 'team_leave', ...ADMINISTERED]),
  personCapabilities: CAPABILITIES,
  personRole: { role: 'worker', decides: ADMINISTERED },
  projectParent: WORLD.customer,
  async start() {
    const fake = await startFakeClockodo({ now: clockStartingAt(NOW), users: [ADA, BOB, OLGA] });
    const colleagueEntryId = seed(fake);
    const colleagueLeave = seedColleagueLeave(fake);
    const engine = (user: FakeUser, capabilities: ReadonlySet<Capability>) => ({
      provider: { type: 'clockodo', email: user.email, url: `${fake.url}/` },
      env: { PUNCHCARD_CLOCKODO_TOKEN: user.apiKey },
      capabilities,
    });
    return startAdminOver(fake, {
      person: engine(ADA, admin.personCapabilities),
      lead: engine(OLGA, admin.capabilities),
      asksWhomOneLeads: (request) => request.path === '/api/v3/users' && request.query.includes('manageAbsences'),
      isWrite: (request) => request.method !== 'GET',
      entries: () => entriesOf(fake),
      colleagueEntryId,
      colleagueLeave,
      catalogItem: (kind, name) => catalogItemOf(fake, kind, name),
    });
  },
};

const clockodo: BehaviourBackEnd = {
  name: 'Clockodo',
  capabilities: CAPABILITIES,
  catalog: { customers: true, activities: 'global', listsArchived: true },
  namesColleagueEntries: true,
  agentLabel: 'description_prefix',
  // What Ada's own worker key is offered is what the owner's key acting for her is (docs/back-ends/clockodo.md, "What Punchcard does for the person").
  organisation: { pinned: true, capabilities: CAPABILITIES, start: startOrganisation },
  // docs/back-ends/clockodo.md, "Optional reads".
  optionalReads: [{ name: 'the target hours', request: { method: 'GET', path: /^\/api\/targethours$/ }, met: 'calls' }],
  async start(options = {}) {
    const fake = await startFakeClockodo({ now: clockStartingAt(NOW), users: [ADA, BOB] });
    const colleagueEntryId = seed(fake);
    const colleagueLeave = seedColleagueLeave(fake);
    const scripted = scriptOptional(fake, options, { type: 'clockodo', optionalAnswer, capabilities: CAPABILITIES });
    if (options.hostile) hostileWorld(fake.state, options.hostile);
    const engine = await startEngineOver(fake, {
      provider: { type: 'clockodo', email: ADA.email, url: `${fake.url}/` },
      env: { PUNCHCARD_CLOCKODO_TOKEN: ADA.apiKey, ...scripted.env },
      ...(options.settings ? { settings: options.settings } : {}),
      ...(scripted.capabilities ? { capabilities: scripted.capabilities } : {}),
    });
    // Clockodo's API is REST: every request but a GET asks for a change.
    return remoteWorld({
      fake,
      engine,
      isWrite: (request) => request.method !== 'GET',
      entries: () => entriesOf(fake),
      colleagueEntryId,
      colleagueLeave,
      plant: (entry) => plant(fake, entry),
    });
  },
  team,
  admin,
  storesEntriesEndingBeforeStart: true,
};

export default clockodo;
