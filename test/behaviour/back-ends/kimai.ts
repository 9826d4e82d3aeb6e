// Kimai's fake (test/mcp-server/providers/kimai/fake-kimai.ts) holding the world: Ada a plain user with
// her own token, Bob a colleague whose records she cannot see; the absence plugin on. Development is a
// global activity (a Kimai activity may belong to no project), Legacy a hidden project.
import type { Capability } from '../../../mcp-server/contract/vocabulary.ts';
import { DEFAULT_USERS, type FakeKimai, type FakeUser, startFakeKimai } from '../../mcp-server/providers/kimai/fake-kimai.ts';
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

const ADA = DEFAULT_USERS[0] as FakeUser;
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
  capabilities: new Set([...CAPABILITIES, 'approvals']),
  // A team lead's role reaches invoices and a correction of the people she leads too (docs/back-ends/kimai.md, "Administration").
  leadCapabilities: new Set([...CAPABILITIES, 'approvals', 'team_hours', 'team_projects', 'team_leave', 'admin_invoices', 'admin_corrections']),
  async start() {
    const fake = await startFakeKimai({ now: clockStartingAt(NOW), users: [ADA, BOB, LEA], config: { absencePlugin: true, approvalPlugin: true } });
    const colleagueEntryId = seed(fake);
    const colleagueLeave = seedColleagueLeave(fake);
    seedTeam(fake);
    const engine = (user: FakeUser, capabilities: ReadonlySet<Capability>) => ({
      provider: { type: 'kimai', url: `${fake.url}/` },
      env: { PUNCHCARD_KIMAI_TOKEN: user.token },
      capabilities,
    });
    return startTeamOver(fake, {
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

const kimai: BehaviourBackEnd = {
  name: 'Kimai',
  capabilities: CAPABILITIES,
  catalog: { customers: true, activities: 'global', listsArchived: true },
  namesColleagueEntries: true,
  async start() {
    const fake = await startFakeKimai({ now: clockStartingAt(NOW), users: [ADA, BOB], config: { absencePlugin: true } });
    const colleagueEntryId = seed(fake);
    const colleagueLeave = seedColleagueLeave(fake);
    const engine = await startEngineOver(fake, {
      provider: { type: 'kimai', url: `${fake.url}/` },
      env: { PUNCHCARD_KIMAI_TOKEN: ADA.token },
      capabilities: CAPABILITIES,
    });
    // Kimai's API is REST: every request but a GET asks for a change.
    return remoteWorld({ fake, engine, isWrite: (request) => request.method !== 'GET', entries: () => entriesOf(fake), colleagueEntryId, colleagueLeave });
  },
  team,
};

export default kimai;
