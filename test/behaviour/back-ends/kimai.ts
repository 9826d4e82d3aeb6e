// Kimai's fake (test/mcp-server/providers/kimai/fake-kimai.ts) holding the world: Ada a plain user with
// her own token, Bob a colleague whose records she cannot see; the absence plugin on. Development is a
// global activity (a Kimai activity may belong to no project), Legacy a hidden project. Asked for, Acme's fields are
// meta fields of the custom-fields plugin (seedFields). Under the organisation's credential (startOrganisation), the
// key is Root's, a super administrator's, and Secret a project granted to Bob's team alone. The administrator's world:
// Root on his own token beside Ada, Acme's invoice among Kimai's.
import type { Capability } from '../../../mcp-server/contract/vocabulary.ts';
import { DEFAULT_USERS, type FakeKimai, type FakeUser, optionalAnswer, startFakeKimai } from '../../mcp-server/providers/kimai/fake-kimai.ts';
import { clockStartingAt } from '../../support/fake-clock.ts';
import {
  type AdminSide,
  type BehaviourBackEnd,
  COLLEAGUE_LEAVE,
  INVOICE,
  type ColleagueLeaveIds,
  NOW,
  remoteWorld,
  startAdminOver,
  startEngineOver,
  startTeamOver,
  type StoredEntry,
  type TeamSide,
  FIELDS,
  ORGANISATION,
  startActingEngineOver,
  type PlantedEntry,
  utc,
  WORLD,
  scriptOptional,
  hostileWorld,
} from '../harness.ts';

const ADA = DEFAULT_USERS[0] as FakeUser;
/** A super administrator: as Kimai ships its roles, the one that lists people (view_user) and acts on everyone's time. */
const ROOT = DEFAULT_USERS[2] as FakeUser;
const BOB: FakeUser = { id: 2, username: 'bob', alias: 'Bob Builder', timezone: WORLD.zone, role: 'ROLE_USER', token: 'token-bob-0123456789' };

const CAPABILITIES: ReadonlySet<Capability> = new Set([
  'account',
  'timer',
  'entries',
  'entries_edit',
  'reports',
  'catalog',
  'catalog_write',
  'leave',
  'leave_cancel',
  'calendar',
]);

/** Seeds the world; answers the id of Bob's timesheet. */
function seed(fake: FakeKimai): number {
  const acme = fake.addCustomer(WORLD.customer);
  const website = fake.addProject(WORLD.website, acme.id);
  fake.addProject(WORLD.internal, acme.id);
  fake.addProject(WORLD.archived, acme.id, { visible: false });
  const development = fake.addActivity(WORLD.activity, null);
  const bobs = fake.addTimesheet({
    userId: BOB.id,
    begin: Date.parse(WORLD.colleagueEntry.start),
    end: Date.parse(WORLD.colleagueEntry.end),
    projectId: website.id,
    activityId: development.id,
  });
  return bobs.id;
}

function entriesOf(fake: FakeKimai): StoredEntry[] {
  const project = (id: number) => fake.state.projects.find((item) => item.id === id)?.name ?? null;
  return fake.state.timesheets
    .filter((sheet) => sheet.userId === ADA.id)
    .sort((a, b) => a.begin - b.begin)
    .map((sheet) => ({
      start: utc(sheet.begin),
      end: sheet.end === null ? null : utc(sheet.end),
      project: project(sheet.projectId),
      description: sheet.description ?? '',
    }));
}

/** A timesheet of Ada's as given, on the world's activity (World.plantEntry). */
function plant(fake: FakeKimai, entry: PlantedEntry): void {
  const project = fake.state.projects.find((item) => item.name === entry.project);
  const activity = fake.state.activities.find((item) => item.name === WORLD.activity);
  if (!project || !activity) throw new Error(`The world has no ${entry.project} to plant an entry on.`);
  fake.addTimesheet({ userId: ADA.id, begin: entry.start, end: entry.end, projectId: project.id, activityId: activity.id, description: entry.description });
}

/** Bob's vacation days (COLLEAGUE_LEAVE): the plugin's `holiday`, approved and new. */
function seedColleagueLeave(fake: FakeKimai): ColleagueLeaveIds {
  const day = (date: string, status: string) => fake.addAbsence({ userId: BOB.id, date, endDate: date, type: 'holiday', status }).id;
  return { approved: day(COLLEAGUE_LEAVE.approved, 'approved'), pending: day(COLLEAGUE_LEAVE.pending, 'new') };
}

// The team's world: Lea a team lead (ROLE_TEAMLEAD) leading the team Web with Ada and Bob, as Kimai ships the role (no
// view_team: she sees the people who recorded time); the ApprovalBundle plugin on besides the absence plugin.
const LEA: FakeUser = { id: 8, username: 'lea', alias: 'Lea Lead', timezone: WORLD.zone, role: 'ROLE_TEAMLEAD', token: 'token-lea-0123456789' };

function seedTeam(fake: FakeKimai): void {
  fake.addTeam('Web', [{ userId: LEA.id, teamlead: true }, { userId: ADA.id }, { userId: BOB.id }]);
}

const team: TeamSide = {
  names: { person: ADA.alias as string, colleague: BOB.alias as string, lead: LEA.alias as string },
  showsColleaguesLeave: false,
  capabilities: new Set([...CAPABILITIES, 'approvals', 'approvals_workflow']),
  // A team lead's role reaches invoices and a correction of the people she leads too (docs/back-ends/kimai.md, "Administration").
  leadCapabilities: new Set([
    ...CAPABILITIES,
    'approvals',
    'approvals_workflow',
    'team_hours',
    'team_projects',
    'team_leave',
    'admin_invoices',
    'admin_corrections',
  ]),
  // Ada's highest role in her Kimai profile: the team's hours and projects are a team lead's; deciding leave needs the
  // absence plugin besides.
  personRole: { role: 'ROLE_USER', decides: ['team_hours', 'team_projects'] },
  async start(options = {}) {
    const fake = await startFakeKimai({ now: clockStartingAt(NOW), users: [ADA, BOB, LEA], config: { absencePlugin: true, approvalPlugin: true } });
    const colleagueEntryId = seed(fake);
    const colleagueLeave = seedColleagueLeave(fake);
    seedTeam(fake);
    if (options.hostile) hostileWorld(fake.state, options.hostile);
    const engine = (user: FakeUser, capabilities: ReadonlySet<Capability>) => ({
      provider: { type: 'kimai', url: `${fake.url}/` },
      env: { PUNCHCARD_KIMAI_TOKEN: user.token },
      capabilities,
    });
    return startTeamOver(fake, {
      settings: options.settings,
      person: engine(ADA, team.capabilities),
      lead: engine(LEA, team.leadCapabilities),
      // Every call reads the profile, whose memberships say whom the person leads.
      asksWhomOneLeads: (request) => request.path === '/api/users/me',
      isWrite: (request) => request.method !== 'GET',
      entries: () => entriesOf(fake),
      colleagueEntryId,
      colleagueLeave,
    });
  },
};

/** Acme's fields (FIELDS) as the plugin's names: Kimai keeps a meta field's name in lower case, the words a person gives it as its label. */
const FIELD_NAMES = { ticket: 'ticket', costCentre: 'costcentre' } as const;

/**
 * Acme's fields as meta fields of timesheets (docs/back-ends/kimai.md, "Meta fields"): the ticket a rule limited to
 * Website requires, the cost centre a choice list of every timesheet (its leading comma: no choice until one is made).
 */
function seedFields(fake: FakeKimai): void {
  const website = fake.state.projects.find((project) => project.name === WORLD.website);
  if (!website) throw new Error('The world has no Website to ask the ticket on.');
  fake.config.metaFieldsPlugin = true;
  fake.config.metaRules = [
    { name: FIELD_NAMES.ticket, label: FIELDS.ticket, type: 'string', required: true, projectId: website.id },
    { name: FIELD_NAMES.costCentre, label: FIELDS.costCentre, type: 'choice-list', value: `,${FIELDS.choices.join(',')}` },
  ];
}

/** The meta fields of Ada's timesheets, oldest first. */
function fieldsOf(fake: FakeKimai): Array<Record<string, string>> {
  return fake.state.timesheets
    .filter((sheet) => sheet.userId === ADA.id)
    .sort((a, b) => a.begin - b.begin)
    .map((sheet) => ({ ...sheet.meta }));
}

/**
 * What a person is offered when the team server acts for them (docs/back-ends/kimai.md, "Acting for others"): their
 * own time and their leave with the absence plugin, never new catalog items, which would be made with Root's rights.
 */
const ACTING_CAPABILITIES: ReadonlySet<Capability> = new Set([...CAPABILITIES].filter((capability) => capability !== 'catalog_write'));

/** The organisation's world: Root's token acting for Ada, and Secret, a project of Acme's granted to a team of Bob's alone. */
async function startOrganisation() {
  const fake = await startFakeKimai({ now: clockStartingAt(NOW), users: [ADA, BOB, ROOT], config: { absencePlugin: true } });
  const colleagueEntryId = seed(fake);
  const acme = fake.state.customers.find((customer) => customer.name === WORLD.customer);
  if (!acme) throw new Error('The world has no Acme to add Secret to.');
  const secret = fake.addProject(ORGANISATION.closed, acme.id);
  fake.addTeam('Secret team', [{ userId: BOB.id, teamlead: true }]).projects = [secret.id];
  const engine = await startActingEngineOver(fake, {
    provider: { type: 'kimai', url: `${fake.url}/` },
    key: ROOT.token,
    actingFor: String(ADA.id),
    capabilities: ACTING_CAPABILITIES,
  });
  return remoteWorld({ fake, engine, isWrite: (request) => request.method !== 'GET', entries: () => entriesOf(fake), colleagueEntryId });
}

/** The catalog item of `kind` named `name` as the fake keeps it: Kimai archives by hiding (visible false). */
function catalogItemOf(fake: FakeKimai, kind: 'customer' | 'project' | 'activity', name: string): { archived: boolean } | undefined {
  const items: ReadonlyArray<{ name: string; visible: boolean }> =
    kind === 'customer' ? fake.state.customers : kind === 'project' ? fake.state.projects : fake.state.activities;
  const item = items.find((candidate) => candidate.name === name);
  return item ? { archived: !item.visible } : undefined;
}

const ADMINISTERED: readonly Capability[] = [
  'admin_tags',
  'admin_invoices',
  'admin_corrections',
  'admin_rates',
  'admin_teams',
  'admin_catalog',
  'admin_people',
];

const admin: AdminSide = {
  names: {
    person: ADA.alias as string,
    colleague: BOB.alias as string,
    admin: ROOT.username,
    everyone: [ADA.alias as string, BOB.alias as string, ROOT.username],
  },
  // A super administrator administers all of it, people too (docs/back-ends/kimai.md, "Administration"), and leads everyone.
  capabilities: new Set([...CAPABILITIES, 'team_hours', 'team_projects', 'team_leave', ...ADMINISTERED]),
  personCapabilities: CAPABILITIES,
  // Ada's highest role: every tool of the administration is a role's on Kimai ("Roles and permissions").
  personRole: { role: 'ROLE_USER', decides: ADMINISTERED },
  // A project's rate for everyone; Kimai removes one (DELETE …/rates/{id}).
  rates: { kind: 'project', item: WORLD.website, removal: 'removed' },
  projectParent: WORLD.customer,
  async start() {
    const fake = await startFakeKimai({ now: clockStartingAt(NOW), users: [ADA, BOB, ROOT], config: { absencePlugin: true } });
    const colleagueEntryId = seed(fake);
    const colleagueLeave = seedColleagueLeave(fake);
    const acme = fake.state.customers.find((customer) => customer.name === INVOICE.customer);
    if (!acme) throw new Error('The fake Kimai has no Acme to invoice.');
    fake.addInvoice({
      invoiceNumber: INVOICE.number,
      customerId: acme.id,
      createdAt: Date.parse(`${INVOICE.date}T10:00:00+01:00`),
      total: INVOICE.total,
      currency: INVOICE.currency,
      status: INVOICE.status,
    });
    const engine = (user: FakeUser, capabilities: ReadonlySet<Capability>) => ({
      provider: { type: 'kimai', url: `${fake.url}/` },
      env: { PUNCHCARD_KIMAI_TOKEN: user.token },
      capabilities,
    });
    return startAdminOver(fake, {
      person: engine(ADA, admin.personCapabilities),
      lead: engine(ROOT, admin.capabilities),
      asksWhomOneLeads: (request) => request.path === '/api/users/me',
      isWrite: (request) => request.method !== 'GET',
      entries: () => entriesOf(fake),
      colleagueEntryId,
      colleagueLeave,
      catalogItem: (kind, name) => catalogItemOf(fake, kind, name),
    });
  },
};

const kimai: BehaviourBackEnd = {
  name: 'Kimai',
  capabilities: CAPABILITIES,
  catalog: { customers: true, activities: 'global', listsArchived: true },
  namesColleagueEntries: true,
  agentLabel: 'tag',
  fields: FIELD_NAMES,
  organisation: { pinned: true, capabilities: ACTING_CAPABILITIES, start: startOrganisation },
  // docs/back-ends/kimai.md, "Optional reads": its plugins'.
  optionalReads: [
    { name: "the custom-fields plugin's meta fields", request: { method: 'GET', path: /^\/api\/metafields$/ }, met: 'calls' },
    { name: 'the absence plugin', request: { method: 'GET', path: /^\/api\/absences\/types$/ }, met: 'background' },
  ],
  async start(options = {}) {
    const fake = await startFakeKimai({ now: clockStartingAt(NOW), users: [ADA, BOB], config: { absencePlugin: true } });
    const colleagueEntryId = seed(fake);
    const colleagueLeave = seedColleagueLeave(fake);
    if (options.fields) seedFields(fake);
    const scripted = scriptOptional(fake, options, { type: 'kimai', optionalAnswer, capabilities: CAPABILITIES });
    if (options.hostile) hostileWorld(fake.state, options.hostile);
    const engine = await startEngineOver(fake, {
      provider: { type: 'kimai', url: `${fake.url}/` },
      env: { PUNCHCARD_KIMAI_TOKEN: ADA.token, ...scripted.env },
      ...(options.settings ? { settings: options.settings } : {}),
      ...(scripted.capabilities ? { capabilities: scripted.capabilities } : {}),
    });
    // Kimai's API is REST: every request but a GET asks for a change.
    const world = remoteWorld({
      fake,
      engine,
      isWrite: (request) => request.method !== 'GET',
      entries: () => entriesOf(fake),
      colleagueEntryId,
      colleagueLeave,
      plant: (entry) => plant(fake, entry),
    });
    return { ...world, entryFields: () => fieldsOf(fake) };
  },
  team,
  admin,
  storesEntriesEndingBeforeStart: true,
};

export default kimai;
