// What the Clockify administration writes cost in requests, through the engine in process against the fake
// Clockify, where a workspace is large enough for the call's budget of requests (domain/call-limits.ts) to
// matter: update_catalog_item in a workspace of 29 projects, whose tasks Clockify lists project by project,
// and manage_people making a team manager over eight people. Each answers with what Clockify now keeps, and
// the requests the call made are counted as the fake received them. Blank words in manages name nobody, and a
// team manager over nobody is refused before anything is sent.
import { describe, expect, it } from 'vitest';
import { closeAfterEach } from '../../support/close-after-each.ts';
import { type InProcessEngineHandle, makeUserDataDir, startInProcessEngine, textOf } from '../../support/engine.ts';
import { clockStartingAt } from '../../support/fake-clock.ts';
import { addMembers, BOB_KEY, type FakeClockify, SEED, seedTeam, seedWorkspace, startFakeClockify, TEAM } from '../providers/clockify/fake-clockify.ts';

const NOW = '2026-11-19T15:00:00+01:00';
const opened = closeAfterEach();
const ACME = SEED.workspaces.acme;
/** More projects than a call's budget leaves for reading every project's tasks twice; seedWorkspace adds four of its own. */
const EXTRA_PROJECTS = 25;
const SEEDED_PROJECTS = 4;

async function workspace(): Promise<FakeClockify> {
  const fake = opened(await startFakeClockify({ now: clockStartingAt(NOW) }));
  seedWorkspace(fake);
  seedTeam(fake);
  return fake;
}

/** Projects "Project 01" to "Project 25", each with one task ("Task 01" …), after the seeded four. */
function addProjects(fake: FakeClockify): void {
  for (let index = 1; index <= EXTRA_PROJECTS; index++) {
    const number = String(index).padStart(2, '0');
    const projectId = `6d0000000000000000000${String(index).padStart(3, '0')}`;
    fake.state.projects.push({
      id: projectId,
      workspaceId: ACME,
      name: `Project ${number}`,
      clientId: SEED.clients.acme,
      archived: false,
      billable: true,
      public: true,
      memberIds: [],
    });
    fake.state.tasks.push({
      id: `6e0000000000000000000${String(index).padStart(3, '0')}`,
      projectId,
      name: `Task ${number}`,
      status: 'ACTIVE',
      billable: true,
    });
  }
}

/**
 * Bob, the workspace admin, through a client that shows no questions: each call runs once, under one budget (a client that
 * answers a question runs the call again for the answer, with a budget of its own, and the lists read before are kept).
 */
async function admin(fake: FakeClockify, tool: string): Promise<InProcessEngineHandle> {
  const userDataDir = makeUserDataDir({
    provider: { type: 'clockify', url: fake.url },
    timezone: 'Europe/Berlin',
    tools: { groups: { admin: true }, enabled: { [tool]: true } },
  });
  const engine = opened(
    await startInProcessEngine({
      era: 'legacy',
      userDataDir,
      env: { PUNCHCARD_NOW: NOW, PUNCHCARD_CLOCKIFY_TOKEN: BOB_KEY },
    }),
  );
  await engine.call('whoami');
  await expect.poll(async () => (await engine.client.listTools()).tools.some((item) => item.name === tool)).toBe(true);
  return engine;
}

/** The answer to one call, and the requests it made as the fake received them (method and path). */
async function counted(fake: FakeClockify, engine: InProcessEngineHandle, tool: string, args: Record<string, unknown>) {
  const before = fake.requests.length;
  const answer = await engine.call(tool, args);
  return { answer, requests: fake.requests.slice(before).map((request) => `${request.method} ${request.path}`) };
}

const taskLists = (requests: readonly string[]) => requests.filter((request) => /^GET .*\/projects\/[^/]+\/tasks$/.test(request));

describe('update_catalog_item on a Clockify workspace of many projects', () => {
  it("answers a task changed in the last project with the task as Clockify keeps it, reading its project's tasks again and no other", async () => {
    const fake = await workspace();
    addProjects(fake);
    const bob = await admin(fake, 'update_catalog_item');
    const { answer, requests } = await counted(fake, bob, 'update_catalog_item', {
      kind: 'activity',
      item: 'Task 25',
      name: 'Task 25 renamed',
      budget_hours: 3,
    });
    expect(answer.isError, textOf(answer)).toBeFalsy();
    expect(textOf(answer)).toMatch(/^Changed the activity "Task 25 renamed" \(#\d+\): name "Task 25" → "Task 25 renamed"; time budget none → 3 h\.$/);
    expect(fake.state.tasks.find((task) => task.name === 'Task 25 renamed')).toMatchObject({ estimateMs: 3 * 3_600_000 });
    // The task is found among every project's tasks (a list each, read once), read from its project's list, changed,
    // and read again from that list alone; the projects are listed once, and no clients.
    const lastList = `GET /api/v1/workspaces/${ACME}/projects/6d0000000000000000000025/tasks`;
    expect(requests.filter((request) => request === lastList)).toHaveLength(3);
    expect(taskLists(requests)).toHaveLength(SEEDED_PROJECTS + EXTRA_PROJECTS + 2);
    expect(requests).toHaveLength(1 + SEEDED_PROJECTS + EXTRA_PROJECTS + 2 + 1);
  });

  it("changes a project or a client without reading any project's tasks", async () => {
    const fake = await workspace();
    addProjects(fake);
    const bob = await admin(fake, 'update_catalog_item');
    const project = await counted(fake, bob, 'update_catalog_item', { kind: 'project', item: 'Project 25', billable: false });
    expect(project.answer.isError, textOf(project.answer)).toBeFalsy();
    expect(textOf(project.answer)).toMatch(/^Changed the project "Project 25" \(#\d+\): billable yes → no\.$/);
    expect(taskLists(project.requests)).toEqual([]);
    // The clients and projects listed, the project read, changed and read again.
    expect(project.requests).toHaveLength(5);
    const client = await counted(fake, bob, 'update_catalog_item', { kind: 'customer', item: 'Acme Corp', comment: 'Since 2019' });
    expect(client.answer.isError, textOf(client.answer)).toBeFalsy();
    expect(taskLists(client.requests)).toEqual([]);
    expect(client.requests).toHaveLength(4);
  });
});

describe('manage_people making a Clockify team manager', () => {
  it("gives the role over eight people named in manages, reading the workspace's people once for all of them", async () => {
    const fake = await workspace();
    const members = addMembers(fake, 8);
    const bob = await admin(fake, 'manage_people');
    const { answer, requests } = await counted(fake, bob, 'manage_people', {
      action: 'update',
      person: 'Wes Worker',
      role: 'TEAM_MANAGER',
      manages: members.map((member) => member.name),
    });
    expect(answer.isError, textOf(answer)).toBeFalsy();
    expect(textOf(answer)).toMatch(/^Changed "Wes Worker" .*: role "MEMBER" → "TEAM_MANAGER", managing "Member 001", .*"Member 008"\.$/);
    expect(fake.state.teamManagers.filter((item) => item.managerId === TEAM.users.wes).map((item) => item.memberId)).toEqual(
      members.map((member) => member.id),
    );
    const roleGrants = requests.filter((request) => /^POST .*\/users\/[^/]+\/roles$/.test(request));
    expect(roleGrants).toHaveLength(8);
    // Everyone is read (a page of members, a page of groups, four searches by role) for the person, once for the
    // eight names, and once after the change: three readings, not one a name.
    const memberPages = requests.filter((request) => request === `GET /api/v1/workspaces/${ACME}/users`);
    expect(memberPages).toHaveLength(3);
    expect(requests).toHaveLength(3 * 6 + 8);
  });

  it('refuses, before any role is given, a change whose answer would not fit in the call (the people read again after it)', async () => {
    const fake = await workspace();
    const members = addMembers(fake, 24);
    const bob = await admin(fake, 'manage_people');
    // Two readings (12 requests) and 24 grants fit in 40; the reading after them would not.
    const answer = await bob.call('manage_people', {
      action: 'update',
      person: 'Wes Worker',
      role: 'TEAM_MANAGER',
      manages: members.map((member) => member.name),
    });
    expect(answer.isError).toBe(true);
    expect(textOf(answer)).toMatch(/^This needs more than 40 requests to Clockify/);
    expect(fake.writes).toEqual([]);
  });

  it('refuses a team manager over blank words before anything is sent', async () => {
    const fake = await workspace();
    const bob = await admin(fake, 'manage_people');
    const answer = await bob.call('manage_people', { action: 'update', person: 'Wes Worker', role: 'TEAM_MANAGER', manages: ['  ', ''] });
    expect(answer.isError).toBe(true);
    expect(textOf(answer)).toMatch(/^A team manager manages people: name them in manages/);
    expect(fake.writes).toEqual([]);
  });
});
