// Clockify's fake (test/mcp-server/providers/clockify/fake-clockify.ts) holding the world: Ada a regular
// member of the workspace Acme (a plan with time off and approvals) with her own API key, Bob its admin.
// Clockify's activities are a project's tasks, so Development is a task of Website and of Internal; its
// customers are clients; Legacy is archived. The workspace's people, policies and holidays are the fake's
// own seeding.
import type { Capability } from '../../../mcp-server/contract/vocabulary.ts';
import {
  ADA,
  addEntry,
  addTimeOff,
  type FakeClockify,
  type FakeUser,
  newId,
  SEED,
  seedWorkspace,
  startFakeClockify,
} from '../../mcp-server/providers/clockify/fake-clockify.ts';
import { clockStartingAt } from '../../support/fake-clock.ts';
import {
  type BehaviourBackEnd,
  COLLEAGUE_LEAVE,
  type ColleagueLeaveIds,
  NOW,
  remoteWorld,
  startEngineOver,
  startTeamOver,
  type StoredEntry,
  type TeamSide,
  utc,
  WORLD,
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
  async start() {
    const fake = await startFakeClockify({ now: clockStartingAt(NOW), ...FAKE_OPTIONS });
    seed(fake);
    const colleagueLeave = seedColleagueLeave(fake);
    seedTeam(fake);
    const engine = (key: string, capabilities: ReadonlySet<Capability>) => ({
      provider: { type: 'clockify', url: `${fake.url}/api` },
      env: { PUNCHCARD_CLOCKIFY_TOKEN: key },
      capabilities,
    });
    return startTeamOver(fake, {
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

const clockify: BehaviourBackEnd = {
  name: 'Clockify',
  capabilities: CAPABILITIES,
  catalog: { customers: true, activities: 'per_project', listsArchived: true },
  namesColleagueEntries: false,
  async start() {
    const fake = await startFakeClockify({ now: clockStartingAt(NOW), ...FAKE_OPTIONS });
    seed(fake);
    const colleagueLeave = seedColleagueLeave(fake);
    const engine = await startEngineOver(fake, {
      provider: { type: 'clockify', url: `${fake.url}/api` },
      env: { PUNCHCARD_CLOCKIFY_TOKEN: ADA.key },
      capabilities: CAPABILITIES,
    });
    return remoteWorld({
      fake,
      engine,
      isWrite: (request) => request.method !== 'GET' && !(request.method === 'POST' && SEARCH.test(request.path)),
      entries: () => entriesOf(fake),
      // Clockify's ids are not numbers: the engine numbers an entry once it has listed it, and it never lists Bob's.
      colleagueEntryId: null,
      colleagueLeave,
    });
  },
  team,
};

export default clockify;
