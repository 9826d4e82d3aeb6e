// Toggl Track for leads (docs/back-ends/toggl.md, "For leads"): the role read from what Toggl tells the person about
// themselves (the workspace's role, their own project users), never probed; team_report over the Reports API naming
// the people (`user_ids`), its pages followed to four and then left to next_offset, each person's target from their
// working hours; project_status naming the project (`project_ids`), a project manager's own projects only; a 403
// withdrawing the tool. What each call sends, warm and cold, is asserted request by request.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type InProcessEngineHandle, type InProcessEngineOptions, makeUserDataDir, refusalOf, startInProcessEngine } from '../../support/engine.ts';
import { clockStartingAt } from '../../support/fake-clock.ts';
import {
  addEntry,
  type FakeToggl,
  type FakeTogglOptions,
  type RecordedRequest,
  SEED,
  seedCatalog,
  seedWorld,
  startFakeToggl,
} from '../providers/toggl/fake-toggl.ts';

const NOW = '2026-11-18T12:00:00+01:00';
const LEA = { id: 9_100_003, token: 'c0ffee0c0ffee0c0ffee0c0ffee0c0f' };
const WEEK = { from: '2026-11-16', to: '2026-11-18' };
const ADA = SEED.users.ada;
const BOB = SEED.users.bob;

type Role = 'admin' | 'teamlead' | 'user';
interface Started {
  fake: FakeToggl;
  engine: InProcessEngineHandle;
  userDataDir: string;
  ids: Record<string, number>;
  /** The requests sent since the last call of `sent`, as "METHOD path?query". */
  sent(): RecordedRequest[];
}

let open: Started | undefined;
afterEach(async () => {
  await open?.engine.close();
  await open?.fake.close();
  open = undefined;
});

/** Acme on Premium, Lea with `role` there (and managing `manages`), Ada's two hours on Tuesday and Bob's on Monday; Lea's engine with the team group on. */
async function startLea(
  role: Role,
  options: {
    manages?: string[];
    fake?: FakeTogglOptions;
    bobsRows?: number;
    groups?: Record<string, boolean>;
    free?: boolean;
    /** Lea administers Acme's organization too (she invites people). */
    organizationAdmin?: boolean;
    elicitation?: InProcessEngineOptions['elicitation'];
    /** The data folder of an earlier start, whose remembered role and refusals this start reads. */
    userDataDir?: string;
  } = {},
): Promise<Started> {
  const fake = await startFakeToggl({ now: clockStartingAt(NOW), quotas: { user: 10_000, organisation: 10_000 }, ...options.fake });
  seedWorld(fake);
  const ids = seedCatalog(fake, { customer: 'Acme Corp', projects: [{ name: 'Website' }, { name: 'Internal' }], task: 'Development' });
  fake.state.users.push({
    id: LEA.id,
    email: 'lea@acme.example',
    fullname: 'Lea Lead',
    timezone: 'Europe/Berlin',
    token: LEA.token,
    defaultWorkspaceId: SEED.workspaces.acme,
  });
  const bob = fake.state.users.find((user) => user.id === BOB);
  if (bob) bob.workingHoursInMinutes = 360;
  const acme = fake.state.workspaces.find((workspace) => workspace.id === SEED.workspaces.acme);
  if (!acme) throw new Error('no Acme');
  Object.assign(acme, { business: !options.free, premium: !options.free, members: [...acme.members, LEA.id] });
  if (role === 'admin') acme.admins.push(LEA.id);
  if (role === 'teamlead') acme.roles = { [LEA.id]: 'teamlead' };
  if (options.organizationAdmin) fake.state.organizations[0]?.admins.push(LEA.id);
  for (const name of options.manages ?? []) {
    const project = fake.state.projects.find((item) => item.name === name);
    if (project) Object.assign(project, { members: [...project.members, LEA.id], managers: [LEA.id], estimatedHours: 10 });
  }
  const on = (projectName: string) => ({ projectId: ids[projectName] ?? null, taskId: ids[`${projectName}/Development`] ?? null });
  addEntry(fake, { userId: ADA, start: Date.parse('2026-11-17T09:00:00+01:00'), stop: Date.parse('2026-11-17T11:00:00+01:00'), ...on('Website') });
  addEntry(fake, { userId: BOB, start: Date.parse('2026-11-16T09:00:00+01:00'), stop: Date.parse('2026-11-16T10:00:00+01:00'), ...on('Website') });
  // Rows of a minute each, each its own description: a row each in the report.
  for (let index = 0; index < (options.bobsRows ?? 0); index++) {
    const start = Date.parse('2026-11-17T13:00:00+01:00') + index * 60_000;
    addEntry(fake, { userId: BOB, start, stop: start + 60_000, description: `row ${index}`, ...on('Internal') });
  }
  const userDataDir = makeUserDataDir({
    provider: { type: 'toggl', url: fake.url },
    timezone: 'Europe/Berlin',
    tools: { groups: options.groups ?? { team: true } },
  });
  const engine = await startInProcessEngine({
    userDataDir,
    env: { PUNCHCARD_NOW: NOW, PUNCHCARD_TOGGL_TOKEN: LEA.token, PUNCHCARD_TOGGL_PER_SECOND: '1000' },
    ...(options.elicitation ? { elicitation: options.elicitation } : {}),
  });
  let seen = 0;
  open = {
    fake,
    engine,
    userDataDir,
    ids,
    sent() {
      const since = fake.requests.slice(seen);
      seen = fake.requests.length;
      return since;
    },
  };
  return open;
}

const line = (request: RecordedRequest) => `${request.method} ${request.path.replace(/\d{7,}/g, '{id}')}`;
const listed = async (engine: InProcessEngineHandle) => (await engine.client.listTools()).tools.map((tool) => tool.name);
/** The role is read in the background once the team group is on: its tools are listed once it is. */
const offered = (engine: InProcessEngineHandle, tool: string) =>
  vi.waitFor(async () => expect(await listed(engine)).toContain(tool), { timeout: 5_000, interval: 20 });

describe('Toggl Track for leads', () => {
  it("reads a Team Lead's role from the workspace and their own project users, then team_report names the people: one request warm", async () => {
    const { engine, fake, sent } = await startLea('teamlead');
    await offered(engine, 'team_report');
    expect(await listed(engine)).toContain('project_status');
    // Their own project users, named by their own id: never the workspace's people to find a role.
    const learning = sent();
    expect(learning.map(line)).toEqual([
      'GET /api/v9/me',
      'GET /api/v9/workspaces/{id}',
      'GET /api/v9/workspaces/{id}/preferences',
      'GET /api/v9/workspaces/{id}/project_users',
    ]);
    expect(learning.at(-1)?.query).toBe(`?user_id=${LEA.id}`);

    const cold = await engine.call('team_report', WEEK);
    expect(cold.isError).toBeFalsy();
    const coldRequests = sent();
    expect(coldRequests.map(line).sort()).toEqual(
      [
        'GET /api/v9/workspaces/{id}/workspace_users',
        'POST /reports/api/v3/workspace/{id}/search/time_entries',
        // The projects' and tasks' names (the catalog, kept a quarter of an hour).
        'GET /api/v9/workspaces/{id}/projects',
        'GET /api/v9/workspaces/{id}/tasks',
      ].sort(),
    );
    const report = coldRequests.find((request) => request.method === 'POST');
    // The window's people by their user ids (sorted by name), the dates a day wider each side (each entry is dated in its creator's zone).
    expect(JSON.parse(report?.body ?? '{}')).toEqual({
      user_ids: [ADA, BOB, LEA.id],
      start_date: '2026-11-15',
      end_date: '2026-11-19',
      page_size: 50,
      order_by: 'user',
    });
    const people = (cold.structuredContent as { people: Array<{ id: number; name: string; minutes: number; target_minutes: number | null; running: unknown }> })
      .people;
    expect(people.map((person) => [person.id, person.name, person.minutes])).toEqual([
      [ADA, 'Ada Lovelace', 120],
      [BOB, 'Bob Builder', 60],
      [LEA.id, 'Lea Lead', 0],
    ]);
    // Bob's working hours a day (360 minutes) on each of the three working days; Ada names none: the settings' week.
    expect(people.find((person) => person.id === BOB)?.target_minutes).toBe(1080);
    expect(people.find((person) => person.id === ADA)?.target_minutes).toBeNull();
    expect(people.every((person) => person.running === null)).toBe(true);
    expect((cold.structuredContent as { covers: string }).covers).toMatch(/finished entries only/);

    await engine.call('team_report', WEEK);
    expect(sent().map(line)).toEqual(['POST /reports/api/v3/workspace/{id}/search/time_entries']);
    expect(fake.requests.every((request) => !/\/me\/workspaces|organizations/.test(request.path))).toBe(true);
  });

  it('follows X-Next-Row-Number four pages at most, then leaves the rest to next_offset', async () => {
    const { engine, sent } = await startLea('admin', { bobsRows: 260 });
    await offered(engine, 'team_report');
    sent();
    const first = await engine.call('team_report', WEEK);
    const pages = sent().filter((request) => request.method === 'POST');
    expect(pages.map((request) => JSON.parse(request.body ?? '{}').first_row_number)).toEqual([undefined, 51, 101, 151]);
    // Ada's row came first and was read whole; Bob's go on past the fourth page: he is the next call's.
    expect(first.structuredContent).toMatchObject({ people: [{ name: 'Ada Lovelace', minutes: 120 }], next_offset: 1, total_people: 3 });

    const second = await engine.call('team_report', { ...WEEK, offset: 1 });
    const asked = sent().filter((request) => request.method === 'POST');
    expect(JSON.parse(asked[0]?.body ?? '{}').user_ids).toEqual([BOB, LEA.id]);
    // Bob alone has more rows than a call reads: shown with those read, and said so.
    expect(second.structuredContent).toMatchObject({ people: [{ name: 'Bob Builder' }], next_offset: 2 });
    expect((second.structuredContent as { covers: string }).covers).toMatch(/of "Bob Builder" only the report's first 200 rows/);
  });

  it("lists a Team Lead's people from the workspace's users where Toggl answers the workspace users 403, without targets, said in covers, for a day", async () => {
    const { engine, fake, sent } = await startLea('teamlead', { fake: { teamLeadReadsWorkspaceUsers: false } });
    await offered(engine, 'team_report');
    sent();
    const cold = await engine.call('team_report', WEEK);
    expect(cold.isError, JSON.stringify(cold.content)).toBeFalsy();
    // The one 403 met, then the lighter list (each by their user id), then the report naming them.
    expect(
      sent()
        .filter((request) => !/\/(projects|tasks)$/.test(request.path))
        .map(line),
    ).toEqual(['GET /api/v9/workspaces/{id}/workspace_users', 'GET /api/v9/workspaces/{id}/users', 'POST /reports/api/v3/workspace/{id}/search/time_entries']);
    const page = cold.structuredContent as { people: Array<{ id: number; name: string; minutes: number; target_minutes: number | null }>; covers: string };
    expect(page.people.map((person) => [person.id, person.name, person.minutes])).toEqual([
      [ADA, 'Ada Lovelace', 120],
      [BOB, 'Bob Builder', 60],
      [LEA.id, 'Lea Lead', 0],
    ]);
    // Bob's working hours (360 a day) are not in the lighter list: nobody's target is Toggl's.
    expect(page.people.every((person) => person.target_minutes === null)).toBe(true);
    expect(page.covers).toMatch(/finished entries only; no one's working hours/);
    expect(await listed(engine)).toContain('team_report');

    // Remembered a day: a fresh process asks the lighter list alone, never the workspace users again.
    await engine.close();
    if (!open) throw new Error('no world');
    open.engine = await startInProcessEngine({
      userDataDir: open.userDataDir,
      env: { PUNCHCARD_NOW: NOW, PUNCHCARD_TOGGL_TOKEN: LEA.token, PUNCHCARD_TOGGL_PER_SECOND: '1000' },
    });
    await offered(open.engine, 'team_report');
    sent();
    const next = await open.engine.call('team_report', WEEK);
    expect(next.isError, JSON.stringify(next.content)).toBeFalsy();
    // A fresh process's own (whose token it is, the projects she manages) aside: the people from the lighter list alone.
    expect(
      sent()
        .filter((request) => /\/(users|workspace_users|time_entries)$/.test(request.path))
        .map(line),
    ).toEqual(['GET /api/v9/workspaces/{id}/users', 'POST /reports/api/v3/workspace/{id}/search/time_entries']);
    expect(fake.requests.filter((request) => request.path.endsWith('/workspace_users'))).toHaveLength(1);
  });

  it("shows a project manager their project's status by its id, another project not at all, and no team_report", async () => {
    const { engine, ids, sent } = await startLea('user', { manages: ['Website'] });
    await offered(engine, 'project_status');
    expect(await listed(engine)).not.toContain('team_report');
    sent();
    const status = await engine.call('project_status', { project: 'Website' });
    expect(status.structuredContent).toMatchObject({
      project: 'Website',
      customer: 'Acme Corp',
      total_minutes: 180,
      week_minutes: 180,
      budget_hours: 10,
      budget_money: null,
    });
    expect((status.structuredContent as { note: string }).note).toMatch(/^Finished entries only/);
    const requests = sent();
    const report = requests.find((request) => request.method === 'POST');
    expect(JSON.parse(report?.body ?? '{}')).toEqual({ project_ids: [ids.Website], start_date: '2026-01-01', end_date: '2026-11-19', page_size: 50 });
    expect(requests.filter((request) => /projects\/\d+$|search/.test(request.path)).map(line)).toEqual([
      'GET /api/v9/workspaces/{id}/projects/{id}',
      'POST /reports/api/v3/workspace/{id}/search/time_entries',
    ]);

    const warm = await engine.call('project_status', { project: 'Website' });
    expect(warm.isError).toBeFalsy();
    expect(sent().map(line)).toEqual(['GET /api/v9/workspaces/{id}/projects/{id}', 'POST /reports/api/v3/workspace/{id}/search/time_entries']);

    const other = await engine.call('project_status', { project: 'Internal' });
    expect(refusalOf(other)).toEqual({ code: 'project_not_yours', facts: { back_end: 'Toggl Track', project: { id: ids.Internal, name: 'Internal' } } });
    expect(sent()).toEqual([]);
  });
});

describe("Toggl Track's hourly quota kept for the person's own time", () => {
  it("refuses the team's reads before sending once less than a tenth of the hour's quota is left, and the person's own still go", async () => {
    // A Free workspace: 30 requests an hour per person, so a tenth is 3.
    const { engine, fake, sent } = await startLea('admin', { free: true, fake: { quotas: { user: 10_000, organisation: 30 } } });
    await offered(engine, 'team_report');
    const window = fake.counted.get(`organisation ${SEED.organisation} user ${LEA.id}`);
    if (!window) throw new Error('the role was not read on the organisation quota');
    // The cold call's requests leave 2 of the hour's 30 (Toggl's headers say so).
    window.count = 25;
    sent();
    const first = await engine.call('team_report', WEEK);
    expect(first.isError).toBeFalsy();
    expect(sent().length).toBeGreaterThan(0);
    const refused = await engine.call('team_report', WEEK);
    expect(refusalOf(refused)).toMatchObject({ code: 'toggl_quota_low', facts: { action: "read your people's time", hour: 30 } });
    expect((refusalOf(refused)?.facts as { remaining: number }).remaining).toBeLessThan(3);
    expect(sent()).toEqual([]);
    expect(refusalOf(await engine.call('project_status', { project: 'Website' }))).toMatchObject({ code: 'toggl_quota_low' });
    expect(sent().filter((request) => request.method === 'POST' || /projects\/\d+$/.test(request.path))).toEqual([]);
    const own = await engine.call('timer_status');
    expect(own.isError).toBeFalsy();
  });
});

describe('Toggl Track administration: the people', () => {
  const ADMIN = { team: true, admin: true };

  it("lists a workspace admin the workspace's people by user id, and changes a role and an activity by the workspace user's own id", async () => {
    const { engine, fake, sent } = await startLea('admin', { groups: ADMIN });
    const acme = fake.state.workspaces.find((workspace) => workspace.id === SEED.workspaces.acme);
    if (acme)
      acme.groups = [
        { id: 51, name: 'Design', members: [ADA, LEA.id] },
        { id: 52, name: 'Backend', members: [LEA.id] },
      ];
    await offered(engine, 'manage_people');
    sent();
    const list = await engine.call('manage_people', { action: 'list' });
    // Cold: the people and the groups naming their teams, side by side.
    expect(sent().map(line).sort()).toEqual(['GET /api/v9/workspaces/{id}/groups', 'GET /api/v9/workspaces/{id}/workspace_users']);
    const people = (list.structuredContent as { people: Array<{ id: number; name: string; role: string | null; active: boolean; teams: string[] }> }).people;
    expect(people.map((person) => [person.id, person.name, person.role, person.active, person.teams])).toEqual([
      [ADA, 'Ada Lovelace', 'user', true, ['Design']],
      [BOB, 'Bob Builder', 'admin', true, []],
      [LEA.id, 'Lea Lead', 'admin', true, ['Backend', 'Design']],
    ]);
    // Warm: the groups kept a quarter of an hour, the people read afresh.
    const shown = await engine.call('manage_people', { action: 'show', person: 'Ada Lovelace' });
    expect(shown.structuredContent).toMatchObject({ people: [{ id: ADA, teams: ['Design'] }] });
    expect(sent().map(line)).toEqual(['GET /api/v9/workspaces/{id}/workspace_users']);

    const promoted = await engine.call('manage_people', { action: 'update', person: 'Ada Lovelace', role: 'teamlead' });
    expect(promoted.isError, JSON.stringify(promoted.content)).toBeFalsy();
    const puts = sent().filter((request) => request.method === 'PUT');
    expect(puts).toHaveLength(1);
    // The workspace user's own id, not Ada's user id.
    expect(puts[0]?.path).toMatch(/\/api\/v9\/workspaces\/\d+\/workspace_users\/\d+$/);
    expect(puts[0]?.path.endsWith(`/${ADA}`)).toBe(false);
    expect(JSON.parse(puts[0]?.body ?? '{}')).toEqual({ role: 'teamlead' });
    expect(fake.state.workspaces[0]?.roles?.[ADA]).toBe('teamlead');

    const gone = await engine.call('manage_people', { action: 'deactivate', person: 'Ada Lovelace' });
    expect(gone.isError).toBeFalsy();
    expect(
      sent()
        .filter((request) => request.method === 'PUT')
        .map((request) => JSON.parse(request.body ?? '{}')),
    ).toEqual([{ inactive: true }]);
    expect(fake.state.workspaces[0]?.inactive).toEqual([ADA]);
    const back = await engine.call('manage_people', { action: 'reactivate', person: 'Ada Lovelace' });
    expect(back.isError).toBeFalsy();
    expect(fake.state.workspaces[0]?.inactive).toEqual([]);
  });

  it('refuses a name or an e-mail, manages, an invitation by someone who administers no organization and deactivating oneself before anything is sent', async () => {
    const { engine, sent } = await startLea('admin', { groups: ADMIN });
    await offered(engine, 'manage_people');
    await engine.call('manage_people', { action: 'list' });
    sent();
    expect(refusalOf(await engine.call('manage_people', { action: 'update', person: 'Bob Builder', email: 'bob@else.example' }))).toEqual({
      code: 'toggl_person_field',
      facts: { field: 'email' },
    });
    expect(refusalOf(await engine.call('manage_people', { action: 'update', person: 'Bob Builder', name: 'Robert Builder' }))).toMatchObject({
      code: 'toggl_person_field',
    });
    expect(refusalOf(await engine.call('manage_people', { action: 'update', person: 'Bob Builder', role: 'user', manages: ['Ada Lovelace'] }))).toMatchObject({
      code: 'toggl_manages_nothing',
    });
    // A workspace admin who administers no organization: Toggl's invitations are the organization's.
    expect(refusalOf(await engine.call('manage_people', { action: 'invite', name: 'Cleo', email: 'cleo@acme.example' }))).toEqual({
      code: 'role_lacks',
      facts: { back_end: 'Toggl Track', tool: 'manage_people', action: 'invite people', role: 'workspace admin', needs: 'an organization admin' },
    });
    expect(refusalOf(await engine.call('manage_people', { action: 'deactivate', person: 'Lea Lead' }))).toMatchObject({ code: 'person_deactivate_self' });
    expect(sent().filter((request) => request.method !== 'GET')).toEqual([]);
  });

  it('invites for an organization admin: her organizations read with her role (one request a day, her own quota), asked first, one request', async () => {
    const questions: string[] = [];
    let answer: 'accept' | 'decline' = 'decline';
    const { engine, fake, sent } = await startLea('admin', {
      groups: ADMIN,
      organizationAdmin: true,
      elicitation: (params) => {
        questions.push(params.message);
        return { action: answer, content: {} };
      },
    });
    await offered(engine, 'manage_people');
    // Her role: the workspace's, her project users, and whether she administers its organization (GET /me/organizations).
    const role = sent().map(line);
    expect(role.filter((request) => request.includes('organizations'))).toEqual(['GET /api/v9/me/organizations']);
    const declined = await engine.call('manage_people', { action: 'invite', name: 'Cleo Clerk', email: 'cleo@acme.example' });
    expect(refusalOf(declined)).toMatchObject({ code: 'question_declined' });
    expect(questions).toEqual([
      expect.stringMatching(/^Invite "Cleo Clerk" <cleo@acme\.example>\? Toggl Track e-mails them an invitation .* they give their own when they accept\.$/),
    ]);
    expect(sent()).toEqual([]);

    answer = 'accept';
    const invited = await engine.call('manage_people', { action: 'invite', name: 'Cleo Clerk', email: 'cleo@acme.example' });
    expect(invited.isError, JSON.stringify(invited.content)).toBeFalsy();
    const requests = sent();
    expect(requests.map(line)).toEqual([`POST /api/v9/organizations/${SEED.organisation}/invitations`]);
    expect(JSON.parse(requests[0]?.body ?? '{}')).toEqual({
      emails: ['cleo@acme.example'],
      workspaces: [{ workspace_id: SEED.workspaces.acme, role: 'user' }],
    });
    expect(fake.state.invitations).toMatchObject([{ email: 'cleo@acme.example', workspaceId: SEED.workspaces.acme, role: 'user', senderId: LEA.id }]);
    expect(invited.structuredContent).toMatchObject({
      action: 'invite',
      people: [{ name: 'Cleo Clerk', email: 'cleo@acme.example', role: 'user', active: false }],
    });
    expect((invited.structuredContent as { people: Array<{ id: number }> }).people[0]?.id).toBe(fake.state.invitations[0]?.id);

    // Toggl's refusal (her organization role taken away meanwhile) is said in its words; invite is then refused as her role, nothing sent.
    fake.state.organizations[0]?.admins.splice(fake.state.organizations[0].admins.indexOf(LEA.id), 1);
    const forbidden = await engine.call('manage_people', { action: 'invite', name: 'Dan', email: 'dan@acme.example' });
    expect(refusalOf(forbidden)).toEqual({
      code: 'toggl_forbidden',
      facts: { action: 'invite "dan@acme.example"', message: 'User is not authorized to invite users to the organization', needs: 'an organization admin' },
    });
    sent();
    expect(refusalOf(await engine.call('manage_people', { action: 'invite', name: 'Dan', email: 'dan@acme.example' }))).toMatchObject({ code: 'role_lacks' });
    expect(sent()).toEqual([]);
    expect(await listed(engine)).toContain('manage_people');
  });

  it('offers a Team Lead no manage_people: not listed, refused with nothing sent', async () => {
    const { engine, sent } = await startLea('teamlead', { groups: ADMIN });
    await offered(engine, 'team_report');
    expect(await listed(engine)).not.toContain('manage_people');
    sent();
    expect(refusalOf(await engine.call('manage_people', { action: 'list' }))).toMatchObject({ code: 'tool_withheld', facts: { tool: 'manage_people' } });
    expect(sent()).toEqual([]);
  });
});
