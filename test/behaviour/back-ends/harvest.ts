// Harvest's fake (test/mcp-server/providers/harvest/fake-harvest.ts) holding the world: Ada a member of the Harvest
// account Acme with her own Personal Access Token, assigned to Website and Internal with the task Development on each,
// and Legacy archived (so among no one's assignments). Harvest keeps no leave, no approval workflow through its API, no
// custom fields and no breaks: the suite says so where a capability is missing. Harvest has no organisation account:
// each person connects their own token, so there is no organisation's world. The team's world: Lea a manager whose
// teammates are Ada and Bob (people_manager) and who manages Website (is_project_manager), on her own token; her role
// is read from her own profile and assignments once her engine has the team group on. The administrator's world: Bob,
// the account's administrator in the fake's own seeding, on his own token beside Ada, a member.
//
// Which kind of account: Acme tracks start and end times here (the company's wants_timestamp_timers), where entries
// keep their times as the suite books them. A Harvest account may instead keep durations, hours on a day and no times
// at all (docs/back-ends/harvest.md, "Two kinds of account"), and that is Harvest's nature, not a choice Punchcard can
// undo: there a stopped entry is shown from the start of its day for its hours. Thirteen of the suite's scenarios
// assert the start and end Ada gave, stored or shown, so on a duration account they cannot hold: the timer's six (a
// past start, the second clock-in, the switch, the early clock-out, the clock-out, the resumed timer), three of the
// entries' (log_time on a past day, paging, update_time_entry), and the day from evidence's four (booking a draft,
// booking it again, a draft id not given out, a draft without a project). Every other scenario passes there too
// (checked by starting this world with 'durations'). Those thirteen run on a duration account in Harvest's own tests,
// test/mcp-server/e2e/harvest-durations.test.ts, over this same world (startHarvestWorld('durations')), asserting what
// holds there: the day, the minutes, the project, the words, the refusals and that nothing was written. There a booked
// entry keeps no times (marked span 'day'), and a draft booked is known as booked by its day, project and words.
import type { Capability } from '../../../mcp-server/contract/vocabulary.ts';
import {
  ACME,
  ADA_TOKEN,
  addEntry,
  addProject,
  addTeammates,
  BOB_TOKEN,
  type FakeHarvest,
  optionalAnswer,
  startFakeHarvest,
} from '../../mcp-server/providers/harvest/fake-harvest.ts';
import { clockStartingAt } from '../../support/fake-clock.ts';
import {
  type AdminSide,
  type BehaviourBackEnd,
  INVOICE,
  NOW,
  startAdminOver,
  remoteWorld,
  scriptOptional,
  type PlantedEntry,
  startEngineOver,
  startTeamOver,
  type StoredEntry,
  type TeamSide,
  utc,
  type World,
  WORLD,
  type WorldOptions,
  hostileWorld,
} from '../harness.ts';

const CAPABILITIES: ReadonlySet<Capability> = new Set(['account', 'timer', 'entries', 'entries_edit', 'reports', 'catalog']);
const ADA = 1_001;
const BOB = 1_002;
/** Ada's hour of an earlier week, where a world needs one: Monday 9 November 2026, 09:00–10:00 Berlin, on Website. */
const EARLIER = { start: '2026-11-09T09:00:00+01:00', end: '2026-11-09T10:00:00+01:00' };

/** Website and its task Development, as the fake numbers them. */
function ofWebsite(fake: FakeHarvest): { projectId: number; taskId: number } {
  const project = fake.state.projects.find((candidate) => candidate.name === WORLD.website);
  const task = fake.state.tasks.find((candidate) => candidate.name === WORLD.activity);
  if (!project || !task) throw new Error('The world has no Website to book on.');
  return { projectId: project.id, taskId: task.id };
}

/** How Acme keeps time: start and end times (the suite's world), or durations (Harvest's own tests of the suite's time scenarios). */
export type HarvestKeeps = 'timestamps' | 'durations';

function seed(fake: FakeHarvest, keeps: HarvestKeeps): number {
  const account = fake.state.accounts.find((candidate) => candidate.id === ACME);
  if (account) Object.assign(account, { wants_timestamp_timers: keeps === 'timestamps' });
  const website = addProject(fake, { name: WORLD.website, client: WORLD.customer, tasks: [WORLD.activity], users: [ADA, BOB] });
  addProject(fake, { name: WORLD.internal, client: WORLD.customer, tasks: [WORLD.activity], users: [ADA, BOB] });
  addProject(fake, { name: WORLD.archived, client: WORLD.customer, tasks: [WORLD.activity], users: [ADA, BOB], isActive: false });
  const task = fake.state.tasks.find((candidate) => candidate.name === WORLD.activity);
  const bobs = addEntry(fake, {
    userId: BOB,
    projectId: website.id,
    taskId: task?.id ?? 0,
    start: Date.parse(WORLD.colleagueEntry.start),
    end: Date.parse(WORLD.colleagueEntry.end),
  });
  return bobs.id;
}

/**
 * An entry of Ada's as given (World.plantEntry): its hours on its start's day, without times, which is all Harvest can
 * keep of a span that does not fit a day or runs backwards (negative hours); the engine shows it from the day's start.
 */
function plant(fake: FakeHarvest, entry: PlantedEntry): void {
  const project = fake.state.projects.find((item) => item.name === entry.project);
  const task = fake.state.tasks.find((item) => item.name === WORLD.activity);
  if (!project || !task) throw new Error(`The world has no ${entry.project} to plant an entry on.`);
  const made = addEntry(fake, { userId: ADA, projectId: project.id, taskId: task.id, start: entry.start, end: entry.start, notes: entry.description });
  Object.assign(made, { hours: Math.round((entry.end - entry.start) / 36_000) / 100, startedTime: null, endedTime: null });
}

function entriesOf(fake: FakeHarvest): StoredEntry[] {
  const project = (id: number) => fake.state.projects.find((candidate) => candidate.id === id)?.name ?? null;
  const instant = (date: string, time: string | null) => (time === null ? null : utc(Date.parse(zoned(date, time))));
  return fake.state.entries
    .filter((entry) => entry.userId === ADA)
    .map((entry) => ({
      start: instant(entry.spentDate, entry.startedTime) ?? `${entry.spentDate}`,
      end: entry.timerStartedAt !== null ? null : instant(entry.spentDate, entry.endedTime),
      project: project(entry.projectId),
      description: entry.notes ?? '',
    }))
    .sort((a, b) => a.start.localeCompare(b.start));
}

/** A wall-clock time of Berlin as an instant's text (the world's zone is Ada's Harvest zone). */
function zoned(date: string, time: string): string {
  const probe = new Date(`${date}T${time}:00Z`);
  const offset = new Intl.DateTimeFormat('en-US', { timeZone: WORLD.zone, timeZoneName: 'longOffset' })
    .formatToParts(probe)
    .find((part) => part.type === 'timeZoneName')
    ?.value.replace('GMT', '');
  return `${date}T${time}:00${offset || '+00:00'}`;
}

const isWrite = (request: { method: string; path: string }) => request.method !== 'GET';

/** The world over Harvest on an account that keeps `keeps`, with the fake for a test that reads it directly. */
export async function startHarvestWorld(keeps: HarvestKeeps, options: WorldOptions = {}): Promise<World & { fake: FakeHarvest }> {
  const fake = await startFakeHarvest({ now: clockStartingAt(NOW) });
  const colleagueEntryId = seed(fake, keeps);
  // Where Harvest will not show the company, how the account keeps time is read from the person's own entries
  // (docs/back-ends/harvest.md, "Optional reads"): Ada has one of an earlier week there, as anyone who tracks has.
  if (options.optional) addEntry(fake, { userId: ADA, ...ofWebsite(fake), start: Date.parse(EARLIER.start), end: Date.parse(EARLIER.end) });
  const scripted = scriptOptional(fake, options, { type: 'harvest', optionalAnswer, capabilities: CAPABILITIES });
  if (options.hostile) hostileWorld(fake.state, options.hostile);
  const engine = await startEngineOver(fake, {
    provider: { type: 'harvest', url: fake.url, account_id: String(ACME) },
    env: { PUNCHCARD_HARVEST_TOKEN: ADA_TOKEN, ...scripted.env },
    ...(options.settings ? { settings: options.settings } : {}),
    ...(scripted.capabilities ? { capabilities: scripted.capabilities } : {}),
  });
  return { ...remoteWorld({ fake, engine, isWrite, entries: () => entriesOf(fake), colleagueEntryId, plant: (entry) => plant(fake, entry) }), fake };
}

const LEA = { id: 1_003, token: 'pat-lea-0123456789abcdef', first_name: 'Lea', last_name: 'Lead' };

/** Lea, a manager: Ada's and Bob's (her teammates, which makes her a people_manager) and Website's (its manager). */
function seedTeam(fake: FakeHarvest): void {
  const ada = fake.state.users.find((user) => user.id === ADA);
  if (!ada) throw new Error('The fake Harvest has no Ada.');
  fake.state.users.push({ ...ada, ...LEA, email: 'lea@example.com', access_roles: ['manager'] });
  addTeammates(fake, LEA.id, [ADA, BOB]);
  const website = fake.state.projects.find((project) => project.name === WORLD.website);
  const adas = fake.state.assignments.find((assignment) => assignment.userId === ADA && assignment.projectId === website?.id);
  if (!website || !adas) throw new Error('The fake Harvest has no Website for Lea to manage.');
  fake.state.assignments.push({
    ...adas,
    id: fake.newId(),
    userId: LEA.id,
    isProjectManager: true,
    tasks: adas.tasks.map((task) => ({ ...task, id: fake.newId() })),
  });
}

const team: TeamSide = {
  names: { person: 'Ada Lovelace', colleague: 'Bob Builder', lead: 'Lea Lead' },
  showsColleaguesLeave: false,
  capabilities: CAPABILITIES,
  // A manager with teammates lists them with manage_people too, and sees their weeks' approval status (list only:
  // Harvest's API has no approval workflow); Website's manager sees its status (docs/back-ends/harvest.md, "Roles").
  leadCapabilities: new Set([...CAPABILITIES, 'team_hours', 'team_projects', 'admin_people', 'approvals']),
  // Ada's access role in Harvest, and what a role decides there (docs/back-ends/harvest.md, "Roles"): not leave, which
  // Harvest keeps for nobody.
  personRole: { role: 'member', decides: ['team_hours', 'team_projects', 'approvals'] },
  async start(options = {}) {
    const fake = await startFakeHarvest({ now: clockStartingAt(NOW) });
    const colleagueEntryId = seed(fake, 'timestamps');
    seedTeam(fake);
    if (options.hostile) hostileWorld(fake.state, options.hostile);
    const engine = (token: string, capabilities: ReadonlySet<Capability>) => ({
      provider: { type: 'harvest', url: fake.url, account_id: String(ACME) },
      env: { PUNCHCARD_HARVEST_TOKEN: token },
      capabilities,
    });
    return startTeamOver(fake, {
      settings: options.settings,
      person: engine(ADA_TOKEN, team.capabilities),
      lead: engine(LEA.token, team.leadCapabilities),
      // The person's own assignments, which with their profile say their role.
      asksWhomOneLeads: (request) => request.path === '/v2/users/me/project_assignments',
      isWrite,
      entries: () => entriesOf(fake),
      colleagueEntryId,
    });
  },
};

/** The catalog item of `kind` named `name` as the fake keeps it: Harvest archives by is_active false. */
function catalogItemOf(fake: FakeHarvest, kind: 'customer' | 'project' | 'activity', name: string): { archived: boolean } | undefined {
  const items: ReadonlyArray<{ name: string; isActive?: boolean }> =
    kind === 'customer' ? fake.state.clients : kind === 'project' ? fake.state.projects : fake.state.tasks;
  const item = items.find((candidate) => candidate.name === name);
  return item ? { archived: item.isActive === false } : undefined;
}

const admin: AdminSide = {
  names: { person: 'Ada Lovelace', colleague: 'Bob Builder', admin: 'Bob Builder', everyone: ['Ada Lovelace', 'Bob Builder'] },
  // An administrator has every tool a role decides (docs/back-ends/harvest.md, "Roles"), the invoices too: Acme has the
  // module; approvals' list alone, as Harvest's API has no workflow.
  capabilities: new Set([
    ...CAPABILITIES,
    'catalog_write',
    'team_hours',
    'team_projects',
    'admin_people',
    'admin_rates',
    'admin_catalog',
    'admin_invoices',
    'approvals',
  ]),
  personCapabilities: CAPABILITIES,
  personRole: { role: 'member', decides: ['admin_people', 'admin_rates', 'admin_catalog', 'admin_invoices', 'catalog_write'] },
  // A project's rate is its hourly_rate; Harvest deletes no rate (docs/back-ends/harvest.md, "Administration").
  rates: { kind: 'project', item: WORLD.website, removal: { refused: 'harvest_rate_not_removable' } },
  // A Harvest project belongs to a client (harvest_project_needs_customer).
  projectParent: WORLD.customer,
  async start() {
    const fake = await startFakeHarvest({ now: clockStartingAt(NOW) });
    const colleagueEntryId = seed(fake, 'timestamps');
    // Acme's invoice: Harvest's `open` is sent and not yet paid.
    const acme = fake.state.clients.find((client) => client.name === INVOICE.customer);
    if (!acme) throw new Error('The fake Harvest has no Acme to invoice.');
    fake.state.invoices.push({
      id: fake.newId(),
      clientId: acme.id,
      number: INVOICE.number,
      amount: INVOICE.total,
      currency: INVOICE.currency,
      state: 'open',
      issue_date: INVOICE.date,
      projectIds: [],
    });
    const engine = (token: string, capabilities: ReadonlySet<Capability>) => ({
      provider: { type: 'harvest', url: fake.url, account_id: String(ACME) },
      env: { PUNCHCARD_HARVEST_TOKEN: token },
      capabilities,
    });
    return startAdminOver(fake, {
      person: engine(ADA_TOKEN, admin.personCapabilities),
      lead: engine(BOB_TOKEN, admin.capabilities),
      // Ada's own assignments, which with her profile say her role.
      asksWhomOneLeads: (request) => request.path === '/v2/users/me/project_assignments',
      isWrite,
      entries: () => entriesOf(fake),
      colleagueEntryId,
      catalogItem: (kind, name) => catalogItemOf(fake, kind, name),
    });
  },
};

const harvest: BehaviourBackEnd = {
  name: 'Harvest',
  capabilities: CAPABILITIES,
  catalog: { customers: true, activities: 'per_project', listsArchived: false },
  namesColleagueEntries: true,
  agentLabel: 'description_prefix',
  // docs/back-ends/harvest.md, "Optional reads".
  optionalReads: [{ name: "the company's settings", request: { method: 'GET', path: /^\/v2\/company$/ }, met: 'calls' }],
  start: (options = {}) => startHarvestWorld('timestamps', options),
  team,
  admin,
  storesEntriesEndingBeforeStart: true,
};

export default harvest;
