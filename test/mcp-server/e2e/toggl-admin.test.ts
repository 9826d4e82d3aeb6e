// Toggl Track's administration of the catalog and the rates (docs/back-ends/toggl.md, "Administration"), through the
// engine in process against the fake Toggl, on each person's own token: a workspace admin adds clients, projects (open
// to the workspace) and tasks; archives a project and a task as `active: false` and a client by Toggl's own archive (a
// Premium plan's), never a DELETE; changes an item with only the fields that differ; sets rates from today
// (`mode: "start-today"`) at the level the item and the person name. A Team Lead and a member are offered none of it:
// refused as their role, with nothing sent. What each call sends, warm and cold, is asserted request by request.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type InProcessEngineHandle, type InProcessEngineOptions, makeUserDataDir, refusalOf, startInProcessEngine } from '../../support/engine.ts';
import { clockStartingAt } from '../../support/fake-clock.ts';
import { type FakeToggl, type FakeTogglOptions, type RecordedRequest, SEED, seedCatalog, seedWorld, startFakeToggl } from '../providers/toggl/fake-toggl.ts';

const NOW = '2026-11-18T12:00:00+01:00';
const LEA = { id: 9_100_003, token: 'c0ffee0c0ffee0c0ffee0c0ffee0c0f' };
const ADA = SEED.users.ada;
const CATALOG_TOOLS = ['create_catalog_item', 'archive_catalog_item', 'update_catalog_item', 'manage_rates'];

type Role = 'admin' | 'teamlead' | 'user';
type Plan = 'free' | 'starter' | 'premium';
interface Started {
  fake: FakeToggl;
  engine: InProcessEngineHandle;
  ids: Record<string, number>;
  /** The requests sent since the last call of `sent`. */
  sent(): RecordedRequest[];
}

let open: Started | undefined;
afterEach(async () => {
  await open?.engine.close();
  await open?.fake.close();
  open = undefined;
});

/** Acme on `plan`, Lea with `role` there, Ada a member of Website; Lea's engine with the admin group on. */
async function startLea(
  role: Role,
  plan: Plan = 'starter',
  fakeOptions: FakeTogglOptions = {},
  elicitation?: InProcessEngineOptions['elicitation'],
): Promise<Started> {
  const fake = await startFakeToggl({ now: clockStartingAt(NOW), quotas: { user: 10_000, organisation: 10_000 }, ...fakeOptions });
  seedWorld(fake);
  const ids = seedCatalog(fake, {
    customer: 'Acme Corp',
    projects: [{ name: 'Website', members: [ADA] }, { name: 'Internal' }],
    task: 'Development',
  });
  fake.state.users.push({
    id: LEA.id,
    email: 'lea@acme.example',
    fullname: 'Lea Lead',
    timezone: 'Europe/Berlin',
    token: LEA.token,
    defaultWorkspaceId: SEED.workspaces.acme,
  });
  const acme = fake.state.workspaces.find((workspace) => workspace.id === SEED.workspaces.acme);
  if (!acme) throw new Error('no Acme');
  Object.assign(acme, { premium: plan !== 'free', business: plan === 'premium', members: [...acme.members, LEA.id] });
  if (role === 'admin') acme.admins.push(LEA.id);
  if (role === 'teamlead') acme.roles = { [LEA.id]: 'teamlead' };
  const userDataDir = makeUserDataDir({
    provider: { type: 'toggl', url: fake.url },
    timezone: 'Europe/Berlin',
    tools: { groups: { admin: true }, enabled: { archive_catalog_item: true } },
  });
  const engine = await startInProcessEngine({
    userDataDir,
    env: { PUNCHCARD_NOW: NOW, PUNCHCARD_TOGGL_TOKEN: LEA.token, PUNCHCARD_TOGGL_PER_SECOND: '1000' },
    ...(elicitation ? { elicitation } : {}),
  });
  let seen = 0;
  open = {
    fake,
    engine,
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
const bodyOf = (request: RecordedRequest | undefined) => JSON.parse(request?.body || '{}') as Record<string, unknown>;
const listed = async (engine: InProcessEngineHandle) => (await engine.client.listTools()).tools.map((tool) => tool.name);
/** The role is read in the background once the admin group is on: its tools are listed once it is. */
const roleRead = (engine: InProcessEngineHandle, tool: string) =>
  vi.waitFor(async () => expect(await listed(engine)).toContain(tool), { timeout: 5_000, interval: 20 });
const answered = async (engine: InProcessEngineHandle, tool: string, args: Record<string, unknown>) => {
  const result = await engine.call(tool, args);
  expect(result.isError, JSON.stringify(result.content)).toBeFalsy();
  return result.structuredContent as Record<string, unknown>;
};

describe("Toggl Track's catalog, for a workspace admin alone", () => {
  it('adds a client, a project under it open to the workspace, and a task of the project: one request each, warm', async () => {
    const { engine, fake, ids, sent } = await startLea('admin');
    await roleRead(engine, 'create_catalog_item');
    sent();
    // Cold: the catalog is not read for a client; the role's project users were read in the background.
    const client = await answered(engine, 'create_catalog_item', { kind: 'customer', name: 'Globex' });
    expect(sent().map(line)).toEqual(['POST /api/v9/workspaces/{id}/clients']);
    expect(fake.requests.at(-1)?.body).toBe('{"name":"Globex"}');

    // The parent is found in the catalog (cold: its three lists), then one POST naming the client.
    await answered(engine, 'create_catalog_item', { kind: 'project', name: 'Relaunch', parent: 'Globex' });
    const project = sent();
    expect(project.filter((request) => request.method !== 'GET').map(line)).toEqual(['POST /api/v9/workspaces/{id}/projects']);
    expect(bodyOf(project.at(-1))).toEqual({ name: 'Relaunch', active: true, is_private: false, client_id: client.id });
    // Public: Ada, who is no member of it, may book on it.
    expect(fake.state.projects.find((item) => item.name === 'Relaunch')?.isPrivate).toBe(false);

    // Warm: the catalog kept, one request.
    await answered(engine, 'list_catalog', { include_archived: true });
    sent();
    const task = await answered(engine, 'create_catalog_item', { kind: 'activity', name: 'Design', parent: 'Website' });
    const taskRequests = sent();
    expect(taskRequests.map(line)).toEqual(['POST /api/v9/workspaces/{id}/projects/{id}/tasks']);
    expect(taskRequests[0]?.path).toBe(`/api/v9/workspaces/${SEED.workspaces.acme}/projects/${ids.Website}/tasks`);
    expect(bodyOf(taskRequests[0])).toEqual({ name: 'Design' });
    expect(task).toMatchObject({ kind: 'activity', name: 'Design', parent: 'Website' });
  });

  it("withdraws the tool where Toggl answers 403 (the role changed meanwhile), in Toggl's words, and sends nothing more for it", async () => {
    const { engine, fake, sent } = await startLea('admin');
    await roleRead(engine, 'create_catalog_item');
    const acme = fake.state.workspaces.find((workspace) => workspace.id === SEED.workspaces.acme);
    if (acme) acme.admins = acme.admins.filter((id) => id !== LEA.id);
    sent();
    const refused = await engine.call('create_catalog_item', { kind: 'customer', name: 'Globex' });
    expect(refusalOf(refused)).toEqual({
      code: 'toggl_forbidden',
      facts: { action: 'add the client "Globex"', message: 'Only admins may create projects in this workspace', needs: 'a workspace admin' },
    });
    expect(sent().map(line)).toEqual(['POST /api/v9/workspaces/{id}/clients']);
    expect(await listed(engine)).not.toContain('create_catalog_item');
    expect(refusalOf(await engine.call('create_catalog_item', { kind: 'customer', name: 'Globex' }))).toMatchObject({ code: 'tool_withheld' });
    expect(sent()).toEqual([]);
  });

  it('refuses an activity without its project before anything is sent', async () => {
    const { engine, sent } = await startLea('admin');
    await roleRead(engine, 'create_catalog_item');
    sent();
    const refused = await engine.call('create_catalog_item', { kind: 'activity', name: 'Design' });
    expect(refusalOf(refused)).toEqual({ code: 'toggl_activity_needs_project', facts: { name: 'Design' } });
    expect(sent().filter((request) => request.method !== 'GET')).toEqual([]);
  });

  it('archives a project and a task as active false and restores them, never a DELETE: one request each, warm', async () => {
    const { engine, fake, ids, sent } = await startLea('admin');
    await roleRead(engine, 'archive_catalog_item');
    sent();
    // A project: its answer names it, nothing of the catalog is read, warm or cold.
    const archived = await answered(engine, 'archive_catalog_item', { kind: 'project', id: ids.Internal });
    expect(archived).toEqual({ id: ids.Internal, kind: 'project', name: 'Internal', archived: true });
    const put = sent();
    expect(put.map(line)).toEqual(['PUT /api/v9/workspaces/{id}/projects/{id}']);
    expect(bodyOf(put[0])).toEqual({ active: false });
    expect(fake.state.projects.find((item) => item.id === ids.Internal)?.active).toBe(false);
    await answered(engine, 'archive_catalog_item', { kind: 'project', id: ids.Internal, archived: false });
    expect(bodyOf(sent()[0])).toEqual({ active: true });

    // A task is addressed through its project: cold, the tasks are read once; warm, one request.
    const taskId = ids['Website/Development'] as number;
    await answered(engine, 'archive_catalog_item', { kind: 'activity', id: taskId });
    const cold = sent();
    expect(cold.filter((request) => request.method === 'PUT').map((request) => request.path)).toEqual([
      `/api/v9/workspaces/${SEED.workspaces.acme}/projects/${ids.Website}/tasks/${taskId}`,
    ]);
    expect(cold.map(line)).toEqual(['GET /api/v9/workspaces/{id}/tasks', 'PUT /api/v9/workspaces/{id}/projects/{id}/tasks/{id}']);
    // A write has the lists read afresh: warm again once they are.
    await answered(engine, 'list_catalog', { include_archived: true });
    sent();
    await answered(engine, 'archive_catalog_item', { kind: 'activity', id: taskId, archived: false });
    const warm = sent();
    expect(warm.map(line)).toEqual(['PUT /api/v9/workspaces/{id}/projects/{id}/tasks/{id}']);
    expect(bodyOf(warm[0])).toEqual({ active: true });
    expect(fake.requests.filter((request) => request.method === 'DELETE')).toEqual([]);
  });

  it("refuses a client's archive below Premium before anything is sent, and on Premium archives it with its projects", async () => {
    const starter = await startLea('admin', 'starter');
    await roleRead(starter.engine, 'archive_catalog_item');
    await answered(starter.engine, 'list_catalog', { include_archived: true });
    starter.sent();
    const refused = await starter.engine.call('archive_catalog_item', { kind: 'customer', id: starter.ids['Acme Corp'] });
    expect(refusalOf(refused)).toEqual({
      code: 'toggl_premium_feature',
      facts: { action: 'archive the client "Acme Corp"', message: null, needs: 'Premium' },
    });
    expect(starter.sent()).toEqual([]);
    await starter.engine.close();
    await starter.fake.close();
    open = undefined;

    // Asked first, naming the projects it takes along; declined, nothing is sent.
    const questions: string[] = [];
    let answer: 'accept' | 'decline' = 'decline';
    const { engine, fake, ids, sent } = await startLea('admin', 'premium', {}, (params) => {
      questions.push(params.message);
      return { action: answer, content: {} };
    });
    await roleRead(engine, 'archive_catalog_item');
    await answered(engine, 'list_catalog', { include_archived: true });
    sent();
    const declined = await engine.call('archive_catalog_item', { kind: 'customer', id: ids['Acme Corp'] });
    expect(refusalOf(declined)).toMatchObject({ code: 'question_declined' });
    expect(questions).toEqual([
      expect.stringMatching(/^Archive the customer "Acme Corp" \(#\d+\)\? Toggl Track .* archives its 2 active projects with it: "Website", "Internal"\.$/),
    ]);
    expect(sent()).toEqual([]);
    answer = 'accept';
    const archived = await answered(engine, 'archive_catalog_item', { kind: 'customer', id: ids['Acme Corp'] });
    expect(archived).toMatchObject({ kind: 'customer', name: 'Acme Corp', archived: true });
    expect(sent().map(line)).toEqual(['POST /api/v9/workspaces/{id}/clients/{id}/archive']);
    expect(fake.state.projects.every((project) => !project.active)).toBe(true);
    await answered(engine, 'archive_catalog_item', { kind: 'customer', id: ids['Acme Corp'], archived: false });
    const restore = sent().filter((request) => request.method === 'POST');
    expect(restore.map(line)).toEqual(['POST /api/v9/workspaces/{id}/clients/{id}/restore']);
    expect(bodyOf(restore[0])).toEqual({ restore_all_projects: false });
    expect(fake.state.clients.find((client) => client.id === ids['Acme Corp'])?.archived).toBe(false);
  });
});

describe("Toggl Track's catalog items changed (update_catalog_item)", () => {
  it("changes a project with only what differs, in Toggl's names: one request warm", async () => {
    const { engine, fake, ids, sent } = await startLea('admin', 'premium');
    await roleRead(engine, 'update_catalog_item');
    const website = fake.state.projects.find((project) => project.id === ids.Website);
    if (website) Object.assign(website, { estimatedHours: 10, billable: true });
    await answered(engine, 'list_catalog', { include_archived: true });
    sent();
    const changed = await answered(engine, 'update_catalog_item', { kind: 'project', item: 'Website', budget_hours: 12, billable: true, end: '2026-12-31' });
    const requests = sent();
    expect(requests.map(line)).toEqual(['PUT /api/v9/workspaces/{id}/projects/{id}']);
    // Billable was already true: not sent.
    expect(bodyOf(requests[0])).toEqual({ estimated_hours: 12, end_date: '2026-12-31' });
    expect(changed).toMatchObject({ before: { budget_hours: 10, end: null }, after: { budget_hours: 12, end: '2026-12-31' } });
    expect(website).toMatchObject({ estimatedHours: 12, endDate: '2026-12-31' });
  });

  it("refuses part hours, a money budget, a monthly budget and a project's comment before anything is sent", async () => {
    const { engine, sent } = await startLea('admin', 'premium');
    await roleRead(engine, 'update_catalog_item');
    sent();
    expect(refusalOf(await engine.call('update_catalog_item', { kind: 'project', item: 'Website', budget_hours: 10.5 }))).toEqual({
      code: 'toggl_estimate_whole_hours',
      facts: { hours: 10.5 },
    });
    expect(refusalOf(await engine.call('update_catalog_item', { kind: 'project', item: 'Website', budget_money: 5000 }))).toEqual({
      code: 'toggl_field_not_kept',
      facts: { kind: 'project', field: 'budget_money' },
    });
    expect(refusalOf(await engine.call('update_catalog_item', { kind: 'project', item: 'Website', budget_period: 'month' }))).toMatchObject({
      code: 'toggl_field_not_kept',
      facts: { field: 'budget_period' },
    });
    expect(refusalOf(await engine.call('update_catalog_item', { kind: 'project', item: 'Website', comment: 'Relaunch' }))).toMatchObject({
      code: 'toggl_field_not_kept',
      facts: { field: 'comment' },
    });
    expect(sent().filter((request) => request.method !== 'GET')).toEqual([]);
  });

  it("refuses an estimate below Premium before anything is sent, and changes a client's notes and a task's estimate", async () => {
    const starter = await startLea('admin', 'starter');
    await roleRead(starter.engine, 'update_catalog_item');
    starter.sent();
    expect(refusalOf(await starter.engine.call('update_catalog_item', { kind: 'project', item: 'Website', budget_hours: 12 }))).toMatchObject({
      code: 'toggl_premium_feature',
      facts: { needs: 'Premium' },
    });
    expect(starter.sent().filter((request) => request.method !== 'GET')).toEqual([]);
    await starter.engine.close();
    await starter.fake.close();
    open = undefined;

    const { engine, ids, sent } = await startLea('admin', 'premium');
    await roleRead(engine, 'update_catalog_item');
    await answered(engine, 'list_catalog', { include_archived: true });
    sent();
    await answered(engine, 'update_catalog_item', { kind: 'customer', item: 'Acme Corp', comment: 'Billed monthly' });
    const client = sent();
    expect(client.map(line)).toEqual(['PUT /api/v9/workspaces/{id}/clients/{id}']);
    expect(bodyOf(client[0])).toEqual({ notes: 'Billed monthly' });
    await answered(engine, 'list_catalog', { include_archived: true });
    sent();
    await answered(engine, 'update_catalog_item', { kind: 'activity', item: String(ids['Website/Development']), budget_hours: 1.5 });
    const task = sent();
    expect(task.map(line)).toEqual(['PUT /api/v9/workspaces/{id}/projects/{id}/tasks/{id}']);
    expect(bodyOf(task[0])).toEqual({ estimated_seconds: 5400 });
  });
});

describe("Toggl Track's rates (manage_rates)", () => {
  it("sets a project's rate from today, never repricing tracked time, and lists it", async () => {
    const { engine, fake, ids, sent } = await startLea('admin');
    await roleRead(engine, 'manage_rates');
    await answered(engine, 'list_catalog', { include_archived: true });
    sent();
    const set = await answered(engine, 'manage_rates', { action: 'set', kind: 'project', item: 'Website', hourly: 95, internal: 40 });
    expect(set).toMatchObject({ after: { hourly: 95, internal: 40 } });
    const requests = sent();
    const posts = requests.filter((request) => request.method === 'POST');
    expect(posts.map(bodyOf)).toEqual([
      { level: 'project', level_id: ids.Website, type: 'billable_rates', amount: 95, mode: 'start-today' },
      { level: 'project', level_id: ids.Website, type: 'labor_rates', amount: 40, mode: 'start-today' },
    ]);
    // Read first: the project's two types of rate and its people (the workspace's people were kept from the role's read, or read once).
    expect(
      requests
        .filter((request) => request.method === 'GET')
        .map(line)
        .sort(),
    ).toEqual(
      [
        'GET /api/v9/workspaces/{id}/project_users',
        'GET /api/v9/workspaces/{id}/rates/project/{id}',
        'GET /api/v9/workspaces/{id}/rates/project/{id}',
        'GET /api/v9/workspaces/{id}/workspace_users',
      ].sort(),
    );
    expect(fake.requests.some((request) => /override/.test(request.body ?? ''))).toBe(false);

    const list = await answered(engine, 'manage_rates', { action: 'list', kind: 'project', item: 'Website' });
    expect(list.rates).toEqual([expect.objectContaining({ person: null, hourly: 95, internal: 40 })]);
    // Warm: the two types and the project's people; the workspace's people kept.
    expect(sent().map(line).sort()).toEqual(
      ['GET /api/v9/workspaces/{id}/project_users', 'GET /api/v9/workspaces/{id}/rates/project/{id}', 'GET /api/v9/workspaces/{id}/rates/project/{id}'].sort(),
    );
  });

  it("sets a member's rate on their project user and a person's in the workspace on their workspace user, never by their user id", async () => {
    const { engine, fake, ids, sent } = await startLea('admin');
    await roleRead(engine, 'manage_rates');
    sent();
    await answered(engine, 'manage_rates', { action: 'set', kind: 'project', item: 'Website', person: 'Ada Lovelace', hourly: 70 });
    const onProject = sent().filter((request) => request.method === 'POST');
    expect(bodyOf(onProject[0])).toMatchObject({ level: 'project_user', type: 'billable_rates', amount: 70, mode: 'start-today' });
    expect(bodyOf(onProject[0]).level_id).not.toBe(ADA);
    const listed = await answered(engine, 'manage_rates', { action: 'list', kind: 'project', item: 'Website', person: 'Ada Lovelace' });
    expect(listed.rates).toEqual([expect.objectContaining({ person: { id: ADA, name: 'Ada Lovelace' }, hourly: 70 })]);

    await answered(engine, 'manage_rates', { action: 'set', kind: 'workspace', item: 'Acme', person: 'Ada Lovelace', hourly: 60 });
    const inWorkspace = sent().filter((request) => request.method === 'POST');
    expect(bodyOf(inWorkspace[0])).toMatchObject({ level: 'workspace_user', amount: 60, mode: 'start-today' });
    expect(bodyOf(inWorkspace[0]).level_id).not.toBe(ADA);
    expect(fake.state.rates.find((rate) => rate.level === 'workspace_user')?.amount).toBe(60);
    expect(ids.Website).toBeDefined();
  });

  it("refuses a removal, a fixed rate, a customer's rate and a non-member's project rate before anything is asked or sent", async () => {
    const { engine, sent } = await startLea('admin');
    await roleRead(engine, 'manage_rates');
    sent();
    expect(refusalOf(await engine.call('manage_rates', { action: 'remove', kind: 'project', item: 'Website', person: 'Ada Lovelace' }))).toEqual({
      code: 'rate_remove_unsupported',
      facts: { back_end: 'Toggl Track', kind: 'project', item: 'Website', person: 'Ada Lovelace' },
    });
    expect(refusalOf(await engine.call('manage_rates', { action: 'set', kind: 'project', item: 'Website', fixed: 500 }))).toMatchObject({
      code: 'rate_kind_unsupported',
    });
    expect(refusalOf(await engine.call('manage_rates', { action: 'set', kind: 'customer', item: 'Acme Corp', hourly: 80 }))).toMatchObject({
      code: 'rate_kind_unsupported',
      facts: { kind: 'customer' },
    });
    expect(sent()).toEqual([]);
    const notMember = await engine.call('manage_rates', { action: 'set', kind: 'project', item: 'Internal', person: 'Ada Lovelace', hourly: 80 });
    expect(refusalOf(notMember)).toMatchObject({ code: 'toggl_rate_not_kept', facts: { kind: 'project', person: { id: ADA }, item: { name: 'Internal' } } });
    expect(sent().filter((request) => request.method !== 'GET')).toEqual([]);
  });

  it("says Toggl's 402 of a workspace gone Free in words, and offers no manage_rates on Free", async () => {
    const { engine, fake, sent } = await startLea('admin');
    await roleRead(engine, 'manage_rates');
    // The plan remembered is Starter; the workspace is Free now.
    const acme = fake.state.workspaces.find((workspace) => workspace.id === SEED.workspaces.acme);
    if (acme) acme.premium = false;
    sent();
    const refused = await engine.call('manage_rates', { action: 'list', kind: 'project', item: 'Website' });
    expect(refusalOf(refused)).toMatchObject({
      code: 'toggl_premium_feature',
      facts: { message: 'Billable rates are available for Starter and higher plans.' },
    });

    await engine.close();
    await fake.close();
    open = undefined;

    const free = await startLea('admin', 'free');
    await roleRead(free.engine, 'update_catalog_item');
    expect(await listed(free.engine)).not.toContain('manage_rates');
    free.sent();
    const withheld = await free.engine.call('manage_rates', { action: 'list', kind: 'project', item: 'Website' });
    expect(refusalOf(withheld)).toMatchObject({
      code: 'tool_withheld',
      facts: { tool: 'manage_rates', why: 'back_end', reason: expect.stringMatching(/Starter plan/) },
    });
    expect(free.sent()).toEqual([]);
  });
});

describe('Toggl Track administration withheld from a Team Lead and a member', () => {
  it.each([
    ['teamlead', 'Team Lead'],
    ['user', 'member'],
  ] as const)('a %s is offered none of it: each refused as their role, with nothing sent', async (role, name) => {
    const { engine, sent } = await startLea(role);
    // The role is read in the background once the admin group is on (the workspace's, their own project users): until
    // then a call is refused as the back end's, after as their role's.
    await vi.waitFor(
      async () =>
        expect(refusalOf(await engine.call('update_catalog_item', { kind: 'project', item: 'Website', name: 'Web' }))?.facts).toMatchObject({ why: 'role' }),
      { timeout: 5_000, interval: 20 },
    );
    const tools = await listed(engine);
    sent();
    for (const tool of CATALOG_TOOLS) {
      expect(tools).not.toContain(tool);
      const result = await engine.call(tool, { kind: 'project', name: 'X', id: 1, item: 'Website', action: 'list' });
      expect(refusalOf(result), tool).toMatchObject({ code: 'tool_withheld', facts: { tool, why: 'role', role: name, needs: 'a workspace admin' } });
    }
    expect(sent()).toEqual([]);
  });
});

// Each call's requests counted by the fake, cold (a fresh process whose role was read in the background: nothing of
// the catalog or the workspace's people kept) and warm (the catalog and the people kept), on Premium: the numbers
// docs/back-ends/toggl.md, "Administration", gives.
describe('requests per call of the administration on Toggl Track, cold and warm', () => {
  type Case = [label: string, tool: string, cold: Record<string, unknown>, warm: Record<string, unknown>, counts: [cold: number, warm: number]];
  const CASES: Case[] = [
    ['a customer added', 'create_catalog_item', { kind: 'customer', name: 'Globex' }, { kind: 'customer', name: 'Initech' }, [1, 1]],
    [
      'a project added under its customer',
      'create_catalog_item',
      { kind: 'project', name: 'A', parent: 'Acme Corp' },
      { kind: 'project', name: 'B', parent: 'Acme Corp' },
      [4, 1],
    ],
    [
      'a task added to its project',
      'create_catalog_item',
      { kind: 'activity', name: 'A', parent: 'Website' },
      { kind: 'activity', name: 'B', parent: 'Website' },
      [4, 1],
    ],
    ['a project archived', 'archive_catalog_item', { kind: 'project', id: 'Internal' }, { kind: 'project', id: 'Internal', archived: false }, [1, 1]],
    [
      'a task archived',
      'archive_catalog_item',
      { kind: 'activity', id: 'Website/Development' },
      { kind: 'activity', id: 'Website/Development', archived: false },
      [2, 1],
    ],
    [
      'a customer archived (asked first)',
      'archive_catalog_item',
      { kind: 'customer', id: 'Acme Corp' },
      { kind: 'customer', id: 'Acme Corp', archived: false },
      [3, 1],
    ],
    [
      'a project changed',
      'update_catalog_item',
      { kind: 'project', item: 'Website', budget_hours: 20 },
      { kind: 'project', item: 'Website', budget_hours: 30 },
      [3, 1],
    ],
    [
      'a customer changed',
      'update_catalog_item',
      { kind: 'customer', item: 'Acme Corp', comment: 'a' },
      { kind: 'customer', item: 'Acme Corp', comment: 'b' },
      [2, 1],
    ],
    [
      'a task changed',
      'update_catalog_item',
      { kind: 'activity', item: 'Website/Development', name: 'Dev' },
      { kind: 'activity', item: 'Website/Development', name: 'Devs' },
      [3, 1],
    ],
    [
      "a project's rates listed",
      'manage_rates',
      { action: 'list', kind: 'project', item: 'Website' },
      { action: 'list', kind: 'project', item: 'Website' },
      [6, 3],
    ],
    [
      "the workspace's rates listed",
      'manage_rates',
      { action: 'list', kind: 'workspace', item: 'Acme' },
      { action: 'list', kind: 'workspace', item: 'Acme' },
      [3, 3],
    ],
    [
      "a task's rates listed",
      'manage_rates',
      { action: 'list', kind: 'activity', item: 'Development' },
      { action: 'list', kind: 'activity', item: 'Development' },
      [4, 2],
    ],
    [
      "a project's rate set",
      'manage_rates',
      { action: 'set', kind: 'project', item: 'Website', hourly: 90 },
      { action: 'set', kind: 'project', item: 'Website', hourly: 95 },
      [7, 4],
    ],
  ];

  it.each(CASES)('%s: %s', async (_label, tool, cold, warm, [coldCount, warmCount]) => {
    const { engine, ids, sent } = await startLea('admin', 'premium');
    await roleRead(engine, tool);
    // Ids by the world's names: a task by its project and name.
    const withIds = (args: Record<string, unknown>) => {
      const id = typeof args.id === 'string' ? ids[args.id] : args.id;
      const item = args.item === 'Website/Development' ? String(ids['Website/Development']) : args.item;
      return { ...args, ...(id === undefined ? {} : { id }), ...(item === undefined ? {} : { item }) };
    };
    sent();
    await answered(engine, tool, withIds(cold));
    const coldRequests = sent().map(line);
    await answered(engine, 'list_catalog', { include_archived: true });
    sent();
    await answered(engine, tool, withIds(warm));
    const warmRequests = sent().map(line);
    expect([coldRequests.length, warmRequests.length], `cold: ${coldRequests.join(', ')}; warm: ${warmRequests.join(', ')}`).toEqual([coldCount, warmCount]);
  });
});
