// Clockify's fake (test/mcp-server/providers/clockify/fake-clockify.ts) holding the world: Ada a regular
// member of the workspace Acme (a plan with time off and approvals) with her own API key, Bob its admin.
// Clockify's activities are a project's tasks, so Development is a task of Website and of Internal; its
// customers are clients; Legacy is archived. The workspace's people, policies and holidays are the fake's
// own seeding. Asked for, Acme's fields are the workspace's custom fields (seedFields). Under the organisation's
// credential (startOrganisation), the key is Bob's, the workspace admin's, and Secret a private project of his. The
// administrator's world: Bob, the workspace admin, on his own key beside Ada, Acme's invoice among the workspace's.
import type { Capability } from '../../../mcp-server/contract/vocabulary.ts';
import {
  ADA,
  addEntry,
  addTimeOff,
  BOB_KEY,
  type FakeClockify,
  type FakeUser,
  newId,
  optionalAnswer,
  SEED,
  seedWorkspace,
  startFakeClockify,
} from '../../mcp-server/providers/clockify/fake-clockify.ts';
import { clockStartingAt } from '../../support/fake-clock.ts';
import {
  type AdminSide,
  type BehaviourBackEnd,
  COLLEAGUE_LEAVE,
  INVOICE,
  type ColleagueLeaveIds,
  FIELDS,
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
  'approvals',
  'approvals_workflow',
]);

function seed(fake: FakeClockify): void {
  const { state } = fake;
  // The workspace's people, policies and holidays as the fake seeds them; the world's catalog instead of its own.
  seedWorkspace(fake);
  const workspaceId = SEED.workspaces.acme;
  const acme = newId(0x63);
  const [website, internal, legacy] = [newId(0x70), newId(0x70), newId(0x70)];
  state.clients.splice(0, state.clients.length, { id: acme, workspaceId, name: WORLD.customer, archived: false });
  const project = (id: string, name: string, archived = false) => ({
    id,
    workspaceId,
    name,
    clientId: acme,
    archived,
    billable: true,
    public: true,
    memberIds: [],
  });
  state.projects.splice(0, state.projects.length, project(website, WORLD.website), project(internal, WORLD.internal), project(legacy, WORLD.archived, true));
  const task = (projectId: string) => ({ id: newId(0x74), projectId, name: WORLD.activity, status: 'ACTIVE' as const, billable: true });
  const development = task(website);
  state.tasks.splice(0, state.tasks.length, development, task(internal));
  addEntry(fake, {
    userId: SEED.users.bob,
    start: Date.parse(WORLD.colleagueEntry.start),
    end: Date.parse(WORLD.colleagueEntry.end),
    projectId: website,
    taskId: development.id,
  });
}

/** An entry of Ada's as given, on the project's task (World.plantEntry). */
function plant(fake: FakeClockify, entry: PlantedEntry): void {
  const project = fake.state.projects.find((item) => item.name === entry.project);
  const task = fake.state.tasks.find((item) => item.projectId === project?.id && item.name === WORLD.activity);
  if (!project || !task) throw new Error(`The world has no ${entry.project} to plant an entry on.`);
  addEntry(fake, { userId: ADA.id, start: entry.start, end: entry.end, projectId: project.id, taskId: task.id, description: entry.description });
}

function entriesOf(fake: FakeClockify): StoredEntry[] {
  const project = (id: string | null) => fake.state.projects.find((item) => item.id === id)?.name ?? null;
  return fake.state.entries
    .filter((entry) => entry.userId === ADA.id && entry.workspaceId === ADA.workspace && entry.type === 'REGULAR')
    .sort((a, b) => a.start - b.start)
    .map((entry) => ({
      start: utc(entry.start),
      end: entry.end === null ? null : utc(entry.end),
      project: project(entry.projectId),
      description: entry.description,
    }));
}

/**
 * Acme's fields (FIELDS) as the workspace's custom fields of time entries (docs/back-ends/clockify.md, "Custom
 * fields"), named as a person reads them: the Ticket required, invisible in the workspace and shown on Website alone
 * (so only Website's entries need it); the Cost centre a dropdown every entry may carry.
 */
function seedFields(fake: FakeClockify): void {
  const workspaceId = SEED.workspaces.acme;
  const website = fake.state.projects.find((project) => project.name === WORLD.website);
  if (!website) throw new Error('The world has no Website to ask the ticket on.');
  fake.state.customFields.push(
    {
      id: newId(0x66),
      workspaceId,
      name: FIELDS.ticket,
      type: 'TXT',
      required: true,
      status: 'INVISIBLE',
      projectSettings: [{ projectId: website.id, status: 'VISIBLE' }],
    },
    { id: newId(0x66), workspaceId, name: FIELDS.costCentre, type: 'DROPDOWN_SINGLE', allowedValues: [...FIELDS.choices], required: false, status: 'VISIBLE' },
  );
}

/** The custom fields of Ada's entries by their names, oldest first. */
function fieldsOf(fake: FakeClockify): Array<Record<string, string>> {
  const name = (id: string) => fake.state.customFields.find((field) => field.id === id)?.name ?? id;
  return fake.state.entries
    .filter((entry) => entry.userId === ADA.id && entry.workspaceId === ADA.workspace && entry.type === 'REGULAR')
    .sort((a, b) => a.start - b.start)
    .map((entry) => Object.fromEntries(Object.entries(entry.customFieldValues ?? {}).map(([id, value]) => [name(id), String(value)])));
}

/** Clockify's searches sent as POST (time off, members, invoices) read only; every other request but a GET asks for a change. */
const SEARCH = /\/(time-off\/requests|users\/info|invoices\/info)$/;
const isWrite = (request: { method: string; path: string }) => request.method !== 'GET' && !(request.method === 'POST' && SEARCH.test(request.path));

/**
 * Bob's vacation days (COLLEAGUE_LEAVE), approved and pending. Clockify's ids are not numbers, and the engine
 * numbers a colleague's request only once it listed it, so none can be named.
 */
function seedColleagueLeave(fake: FakeClockify): ColleagueLeaveIds {
  for (const [day, status] of [
    [COLLEAGUE_LEAVE.approved, 'APPROVED'],
    [COLLEAGUE_LEAVE.pending, 'PENDING'],
  ] as const)
    addTimeOff(fake, { userId: SEED.users.bob, start: day, end: day, status });
  return { approved: null, pending: null };
}

// The fake's guess of a workspace that shows its members each other's time off (a setting of the workspace's), so
// that the calendar shows Ada her colleagues' approved time off (docs/back-ends/clockify.md, "Time off").
const FAKE_OPTIONS = { teamTimeOffForEveryone: true } as const;

// The team's world: Lea a regular member who is the team manager of Ada and Bob; the vacation policy has team
// managers approve, and so do the workspace's timesheet approvals (the fake's default).
const LEA: FakeUser = {
  id: '5a0ab5acb07987125438c0ea',
  name: 'Lea Lead',
  email: 'lea@acme.example',
  key: 'clockify-key-lea-lead-0000001',
  timeZone: WORLD.zone,
  activeWorkspace: SEED.workspaces.acme,
  workspaces: [SEED.workspaces.acme],
  roles: {},
  workCapacity: 'PT8H',
  workingDays: ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY'],
};

function seedTeam(fake: FakeClockify): void {
  const { state } = fake;
  const workspaceId = SEED.workspaces.acme;
  state.users.push(LEA);
  state.teamManagers.push({ workspaceId, managerId: LEA.id, memberId: SEED.users.ada }, { workspaceId, managerId: LEA.id, memberId: SEED.users.bob });
  state.balances.push({ workspaceId, policyId: SEED.policies.vacation, userId: LEA.id, total: 25 });
  const vacation = state.policies.find((policy) => policy.id === SEED.policies.vacation);
  if (!vacation) throw new Error('The fake Clockify has no vacation policy.');
  vacation.teamManagersApprove = true;
}

const team: TeamSide = {
  names: { person: 'Ada Lovelace', colleague: 'Bob Builder', lead: LEA.name },
  showsColleaguesLeave: true,
  capabilities: CAPABILITIES,
  // A team manager lists her people with manage_people too (docs/back-ends/clockify.md, "Administration").
  leadCapabilities: new Set([...CAPABILITIES, 'team_hours', 'team_projects', 'team_leave', 'admin_people']),
  // Ada holds none of Clockify's roles: a regular user there (docs/back-ends/clockify.md); the team's tools are a role's.
  personRole: { role: 'regular user', decides: ['team_hours', 'team_projects', 'team_leave'] },
  async start(options = {}) {
    const fake = await startFakeClockify({ now: clockStartingAt(NOW), ...FAKE_OPTIONS });
    seed(fake);
    const colleagueLeave = seedColleagueLeave(fake);
    seedTeam(fake);
    if (options.hostile) hostileWorld(fake.state, options.hostile);
    const engine = (key: string, capabilities: ReadonlySet<Capability>) => ({
      provider: { type: 'clockify', url: `${fake.url}/api` },
      env: { PUNCHCARD_CLOCKIFY_TOKEN: key },
      capabilities,
    });
    return startTeamOver(fake, {
      settings: options.settings,
      person: engine(ADA.key, team.capabilities),
      lead: engine(LEA.key, team.leadCapabilities),
      // The person's own workspaces in which they hold a leading role.
      asksWhomOneLeads: (request) => request.path === '/api/v1/workspaces' && request.query.includes('roles='),
      isWrite,
      entries: () => entriesOf(fake),
      colleagueEntryId: null,
      colleagueLeave,
    });
  },
};

/**
 * The organisation's world: Bob's key, a workspace admin's on a paid plan, acting for Ada in Acme, and Secret, a
 * private project of Acme's whose one member is Bob.
 */
async function startOrganisation() {
  const fake = await startFakeClockify({ now: clockStartingAt(NOW) });
  seed(fake);
  const acme = fake.state.clients.find((client) => client.name === WORLD.customer);
  fake.state.projects.push({
    id: newId(0x70),
    workspaceId: SEED.workspaces.acme,
    name: ORGANISATION.closed,
    clientId: acme?.id ?? null,
    archived: false,
    billable: true,
    public: false,
    memberIds: [SEED.users.bob],
  });
  const engine = await startActingEngineOver(fake, {
    provider: { type: 'clockify', url: `${fake.url}/api`, workspace: 'Acme' },
    key: BOB_KEY,
    actingFor: ADA.id,
    capabilities: CAPABILITIES,
  });
  // Clockify's ids are not numbers: the engine numbers an entry once it has listed it, and it never lists Bob's.
  return remoteWorld({ fake, engine, isWrite, entries: () => entriesOf(fake), colleagueEntryId: null });
}

/** The catalog item of `kind` named `name` as the fake keeps it: a client or project archived, a task done. */
function catalogItemOf(fake: FakeClockify, kind: 'customer' | 'project' | 'activity', name: string): { archived: boolean } | undefined {
  if (kind === 'activity') {
    const task = fake.state.tasks.find((item) => item.name === name);
    return task ? { archived: task.status === 'DONE' } : undefined;
  }
  const item = (kind === 'customer' ? fake.state.clients : fake.state.projects).find((candidate) => candidate.name === name);
  return item ? { archived: item.archived } : undefined;
}

/** The world's invoice (INVOICE) as Clockify keeps it: in cents, SENT (Punchcard's pending). */
function seedInvoice(fake: FakeClockify): void {
  const acme = fake.state.clients.find((client) => client.name === INVOICE.customer);
  if (!acme) throw new Error('The fake Clockify has no Acme to invoice.');
  fake.state.invoices.push({
    id: newId(0x69),
    workspaceId: SEED.workspaces.acme,
    number: INVOICE.number,
    clientId: acme.id,
    currency: INVOICE.currency,
    issuedDate: INVOICE.date,
    status: 'SENT',
    amount: Math.round(INVOICE.total * 100),
  });
}

const admin: AdminSide = {
  names: { person: 'Ada Lovelace', colleague: 'Bob Builder', admin: 'Bob Builder', everyone: ['Ada Lovelace', 'Bob Builder', 'Cleo Patra'] },
  // A workspace admin administers all of it (docs/back-ends/clockify.md, "Administration"), and leads everyone.
  capabilities: new Set([
    ...CAPABILITIES,
    'catalog_write',
    'team_hours',
    'team_projects',
    'team_leave',
    'admin_tags',
    'admin_invoices',
    'admin_corrections',
    'admin_rates',
    'admin_teams',
    'admin_catalog',
    'admin_people',
  ]),
  personCapabilities: CAPABILITIES,
  // Ada holds none of Clockify's roles: a regular user, and every administration's tool is a role's.
  personRole: {
    role: 'regular user',
    decides: ['admin_tags', 'admin_invoices', 'admin_corrections', 'admin_rates', 'admin_teams', 'admin_catalog', 'admin_people', 'catalog_write'],
  },
  // A project's own billable rate; Clockify removes no rate (docs/back-ends/clockify.md, "Administration").
  rates: { kind: 'project', item: WORLD.website, removal: { refused: 'clockify_rate_not_removable' } },
  async start() {
    const fake = await startFakeClockify({ now: clockStartingAt(NOW), ...FAKE_OPTIONS });
    seed(fake);
    const colleagueLeave = seedColleagueLeave(fake);
    seedInvoice(fake);
    const engine = (key: string, capabilities: ReadonlySet<Capability>) => ({
      provider: { type: 'clockify', url: `${fake.url}/api` },
      env: { PUNCHCARD_CLOCKIFY_TOKEN: key },
      capabilities,
    });
    return startAdminOver(fake, {
      person: engine(ADA.key, admin.personCapabilities),
      lead: engine(BOB_KEY, admin.capabilities),
      asksWhomOneLeads: (request) => request.path === '/api/v1/workspaces' && request.query.includes('roles='),
      isWrite,
      entries: () => entriesOf(fake),
      colleagueEntryId: null,
      colleagueLeave,
      catalogItem: (kind, name) => catalogItemOf(fake, kind, name),
    });
  },
};

const clockify: BehaviourBackEnd = {
  name: 'Clockify',
  capabilities: CAPABILITIES,
  catalog: { customers: true, activities: 'per_project', listsArchived: true },
  namesColleagueEntries: false,
  agentLabel: 'tag',
  fields: { ticket: FIELDS.ticket, costCentre: FIELDS.costCentre },
  // What Ada's own member key is offered is what an admin's key acting for her is (docs/back-ends/clockify.md, "Acting for others").
  organisation: { pinned: true, capabilities: CAPABILITIES, start: startOrganisation },
  // docs/back-ends/clockify.md, "Optional reads": its paid plans' features.
  optionalReads: [
    { name: 'the custom fields', request: { method: 'GET', path: /^\/api\/v1\/workspaces\/[^/]+\/custom-fields$/ }, met: 'calls' },
    { name: 'the approved periods', request: { method: 'GET', path: /^\/api\/v1\/workspaces\/[^/]+\/approval-requests$/ }, met: 'checks' },
    { name: "the person's target", request: { method: 'GET', path: /^\/api\/v1\/workspaces\/[^/]+\/member-profile\/[^/]+$/ }, met: 'calls' },
    { name: 'the holidays', request: { method: 'GET', path: /^\/api\/v1\/workspaces\/[^/]+\/holidays\/in-period$/ }, met: 'calls' },
    { name: 'time off', request: { method: 'GET', path: /^\/api\/v1\/workspaces\/[^/]+\/time-off\/balance\/user\/[^/]+$/ }, met: 'background' },
  ],
  async start(options = {}) {
    const fake = await startFakeClockify({ now: clockStartingAt(NOW), ...FAKE_OPTIONS });
    seed(fake);
    const colleagueLeave = seedColleagueLeave(fake);
    if (options.fields) seedFields(fake);
    const scripted = scriptOptional(fake, options, { type: 'clockify', optionalAnswer, capabilities: CAPABILITIES });
    if (options.hostile) hostileWorld(fake.state, options.hostile);
    const engine = await startEngineOver(fake, {
      provider: { type: 'clockify', url: `${fake.url}/api` },
      env: { PUNCHCARD_CLOCKIFY_TOKEN: ADA.key, ...scripted.env },
      ...(options.settings ? { settings: options.settings } : {}),
      ...(scripted.capabilities ? { capabilities: scripted.capabilities } : {}),
    });
    const world = remoteWorld({
      fake,
      engine,
      isWrite,
      entries: () => entriesOf(fake),
      // Clockify's ids are not numbers: the engine numbers an entry once it has listed it, and it never lists Bob's.
      colleagueEntryId: null,
      colleagueLeave,
      plant: (entry) => plant(fake, entry),
    });
    return { ...world, entryFields: () => fieldsOf(fake) };
  },
  team,
  admin,
  storesEntriesEndingBeforeStart: true,
};

export default clockify;
