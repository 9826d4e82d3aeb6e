// Toggl Track's fake (test/mcp-server/providers/toggl/fake-toggl.ts) holding the world: Ada a member of the Starter
// workspace Acme (her default) with her own API token, Bob its admin. Toggl's activities are a project's tasks, so
// Development is a task of Website and of Internal; its customers are clients; Legacy is archived. Toggl's API has no
// time off, so Bob's leave is nowhere. The team's world: Lea a workspace admin of Acme on her own token, who sees
// everyone's hours and every project (her role read from her own workspace and project users once her engine has the
// team group on); Ada, a member who manages no project, sees nobody's time but her own. Acme is on Premium there, with
// timesheet approvals: a weekly setup governs Ada's timesheets with Lea its approver, and Lea's with Bob hers (each
// read from the setups naming them, by their own id, once the approvals group is on). The administrator's world: Bob,
// Acme's admin in the fake's own seeding, on his own token beside Ada: the people, the rates and the catalog, which Ada,
// a member, is refused as her role (docs/back-ends/toggl.md, "Administration"). The fake counts Toggl's
// hourly quotas as an organisation whose plan sets them high (an Enterprise plan's are its own): the suite's scenarios
// make more calls in a minute than a Free plan allows an hour; the quotas are the back end's own tests'.
import type { Capability } from '../../../mcp-server/contract/vocabulary.ts';
import {
  ADA_TOKEN,
  addEntry,
  addSetup,
  BOB_TOKEN,
  type FakeToggl,
  optionalAnswer,
  SEED,
  seedCatalog,
  seedWorld,
  startFakeToggl,
} from '../../mcp-server/providers/toggl/fake-toggl.ts';
import { clockStartingAt } from '../../support/fake-clock.ts';
import {
  type AdminSide,
  type BehaviourBackEnd,
  hostileWorld,
  NOW,
  type PlantedEntry,
  remoteWorld,
  scriptOptional,
  startAdminOver,
  startEngineOver,
  startTeamOver,
  type StoredEntry,
  TEAM_SETTINGS,
  type TeamSide,
  utc,
  WORLD,
} from '../harness.ts';

const CAPABILITIES: ReadonlySet<Capability> = new Set(['account', 'timer', 'entries', 'entries_edit', 'reports', 'catalog', 'calendar']);
/** What a workspace admin alone is offered there, and a member refused as her role. */
const ADMINISTERED: readonly Capability[] = ['admin_people', 'admin_rates', 'admin_catalog', 'catalog_write'];

function seed(fake: FakeToggl): void {
  seedWorld(fake);
  const ids = seedCatalog(fake, {
    customer: WORLD.customer,
    projects: [{ name: WORLD.website }, { name: WORLD.internal }, { name: WORLD.archived, active: false }],
    task: WORLD.activity,
  });
  addEntry(fake, {
    userId: SEED.users.bob,
    start: Date.parse(WORLD.colleagueEntry.start),
    stop: Date.parse(WORLD.colleagueEntry.end),
    projectId: ids[WORLD.website] ?? null,
    taskId: ids[`${WORLD.website}/${WORLD.activity}`] ?? null,
  });
}

/** An entry of Ada's as given, on the project's task (World.plantEntry): Toggl answers its duration from its start and stop. */
function plant(fake: FakeToggl, entry: PlantedEntry): void {
  const project = fake.state.projects.find((item) => item.name === entry.project);
  const task = fake.state.tasks.find((item) => item.projectId === project?.id && item.name === WORLD.activity);
  if (!project || !task) throw new Error(`The world has no ${entry.project} to plant an entry on.`);
  addEntry(fake, { userId: SEED.users.ada, start: entry.start, stop: entry.end, projectId: project.id, taskId: task.id, description: entry.description });
}

function entriesOf(fake: FakeToggl): StoredEntry[] {
  const project = (id: number | null) => fake.state.projects.find((item) => item.id === id)?.name ?? null;
  return fake.state.entries
    .filter((entry) => entry.userId === SEED.users.ada && entry.workspaceId === SEED.workspaces.acme && entry.deletedAt === null)
    .sort((a, b) => a.start - b.start)
    .map((entry) => ({
      start: utc(entry.start),
      end: entry.stop === null ? null : utc(entry.stop),
      project: project(entry.projectId),
      description: entry.description,
    }));
}

/** Every request but a GET asks Toggl for a change. */
const isWrite = (request: { method: string }) => request.method !== 'GET';

const LEA = { id: 9_100_003, token: 'c0ffee0c0ffee0c0ffee0c0ffee0c0f', fullname: 'Lea Lead' };

const team: TeamSide = {
  names: { person: 'Ada Lovelace', colleague: 'Bob Builder', lead: 'Lea Lead' },
  showsColleaguesLeave: false,
  // Ada's timesheets a setup governs: she submits and withdraws them (docs/back-ends/toggl.md, "Timesheet approvals").
  capabilities: new Set([...CAPABILITIES, 'approvals', 'approvals_workflow']),
  // A workspace admin: everyone's hours and every project, the people, the rates and the catalog (docs/back-ends/toggl.md,
  // "Roles"); Ada's approver.
  leadCapabilities: new Set([...CAPABILITIES, 'team_hours', 'team_projects', ...ADMINISTERED, 'approvals', 'approvals_workflow']),
  async start(options = {}) {
    const fake = await startFakeToggl({ now: clockStartingAt(NOW), quotas: { user: 100_000, organisation: 100_000 } });
    seed(fake);
    fake.state.users.push({ ...LEA, email: 'lea@acme.example', timezone: WORLD.zone, defaultWorkspaceId: SEED.workspaces.acme });
    const acme = fake.state.workspaces.find((workspace) => workspace.id === SEED.workspaces.acme);
    if (!acme) throw new Error('The fake Toggl has no Acme.');
    acme.members.push(LEA.id);
    acme.admins.push(LEA.id);
    // Premium: timesheet approvals, weeks from Monday 5 January 2026.
    acme.business = true;
    addSetup(fake, { memberId: SEED.users.ada, approverIds: [LEA.id] });
    addSetup(fake, { memberId: LEA.id, approverIds: [SEED.users.bob] });
    if (options.hostile) hostileWorld(fake.state, options.hostile);
    const engine = (token: string, capabilities: ReadonlySet<Capability>) => ({
      provider: { type: 'toggl', url: fake.url },
      env: { PUNCHCARD_TOGGL_TOKEN: token, PUNCHCARD_TOGGL_PER_SECOND: '1000' },
      capabilities,
    });
    return startTeamOver(fake, {
      settings: options.settings,
      person: engine(ADA_TOKEN, team.capabilities),
      lead: engine(LEA.token, team.leadCapabilities),
      // The setups naming the person as an approver, the last of what with the workspace's role says their role.
      asksWhomOneLeads: (request) => /^\/api\/v9\/workspaces\/\d+\/timesheet_setups$/.test(request.path) && request.query.includes('approver_ids'),
      isWrite,
      entries: () => entriesOf(fake),
      colleagueEntryId: null,
    });
  },
};

/** The catalog item of `kind` named `name` as the fake keeps it: a project or task inactive, a client archived. */
function catalogItemOf(fake: FakeToggl, kind: 'customer' | 'project' | 'activity', name: string): { archived: boolean } | undefined {
  if (kind === 'customer') {
    const client = fake.state.clients.find((item) => item.name === name);
    return client ? { archived: client.archived } : undefined;
  }
  const item = (kind === 'project' ? fake.state.projects : fake.state.tasks).find((candidate) => candidate.name === name);
  return item ? { archived: !item.active } : undefined;
}

const admin: AdminSide = {
  names: { person: 'Ada Lovelace', colleague: 'Bob Builder', admin: 'Bob Builder', everyone: ['Ada Lovelace', 'Bob Builder'] },
  // A workspace admin: everyone's hours and every project, the people, the rates and the catalog (docs/back-ends/toggl.md,
  // "Roles", "Administration"); Acme is on Starter, which keeps billable rates.
  capabilities: new Set([...CAPABILITIES, 'team_hours', 'team_projects', ...ADMINISTERED]),
  personCapabilities: CAPABILITIES,
  personRole: { role: 'member', decides: ADMINISTERED },
  // A project's own rate; Toggl removes no rate: a new one is set from today (docs/back-ends/toggl.md, "Administration").
  rates: { kind: 'project', item: WORLD.website, removal: { refused: 'rate_remove_unsupported' } },
  async start() {
    const fake = await startFakeToggl({ now: clockStartingAt(NOW), quotas: { user: 100_000, organisation: 100_000 } });
    seed(fake);
    const engine = (token: string, capabilities: ReadonlySet<Capability>) => ({
      provider: { type: 'toggl', url: fake.url },
      env: { PUNCHCARD_TOGGL_TOKEN: token, PUNCHCARD_TOGGL_PER_SECOND: '1000' },
      capabilities,
    });
    return startAdminOver(fake, {
      person: engine(ADA_TOKEN, admin.personCapabilities),
      lead: engine(BOB_TOKEN, admin.capabilities),
      asksWhomOneLeads: (request) => /^\/api\/v9\/workspaces\/\d+\/project_users$/.test(request.path),
      isWrite,
      entries: () => entriesOf(fake),
      colleagueEntryId: null,
      catalogItem: (kind, name) => catalogItemOf(fake, kind, name),
    });
  },
};

const toggl: BehaviourBackEnd = {
  name: 'Toggl Track',
  capabilities: CAPABILITIES,
  catalog: { customers: true, activities: 'per_project', listsArchived: true },
  // Toggl's ids are numbers, but a person's token reads only their own entries (/me/time_entries/{id}): Bob's is no
  // entry at all to Ada's token, refused as missing "(or it is not yours)", never as his (the back end's own tests).
  namesColleagueEntries: false,
  agentLabel: 'tag',
  // docs/back-ends/toggl.md, "Optional reads".
  optionalReads: [
    { name: "the workspace's lock of older entries", request: { method: 'GET', path: /^\/api\/v9\/workspaces\/\d+\/preferences$/ }, met: 'calls' },
    { name: "the workspace's tasks", request: { method: 'GET', path: /^\/api\/v9\/workspaces\/\d+\/tasks$/ }, met: 'calls', bookingWithout: 'activity' },
    // A part of her role (whether she manages a project), read in the background once the team group is on.
    {
      name: 'her own project users',
      request: { method: 'GET', path: /^\/api\/v9\/workspaces\/\d+\/project_users$/ },
      met: 'background',
      settings: TEAM_SETTINGS,
    },
  ],
  async start(options = {}) {
    const fake = await startFakeToggl({ now: clockStartingAt(NOW), quotas: { user: 100_000, organisation: 100_000 } });
    seed(fake);
    const scripted = scriptOptional(fake, options, { type: 'toggl', optionalAnswer, capabilities: CAPABILITIES });
    if (options.hostile) hostileWorld(fake.state, options.hostile);
    const engine = await startEngineOver(fake, {
      provider: { type: 'toggl', url: fake.url },
      // The suite's fake counts no second: Toggl's pace of about one a second is the back end's own tests'.
      env: { PUNCHCARD_TOGGL_TOKEN: ADA_TOKEN, PUNCHCARD_TOGGL_PER_SECOND: '1000', ...scripted.env },
      ...(options.settings ? { settings: options.settings } : {}),
      ...(scripted.capabilities ? { capabilities: scripted.capabilities } : {}),
    });
    return remoteWorld({ fake, engine, isWrite, entries: () => entriesOf(fake), colleagueEntryId: null, plant: (entry) => plant(fake, entry) });
  },
  team,
  admin,
  storesEntriesEndingBeforeStart: true,
};

export default toggl;
