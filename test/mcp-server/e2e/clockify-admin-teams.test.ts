// manage_teams on Clockify, through the engine in process against the fake Clockify: a workspace admin
// (Bob), the owner (Olga), a team manager of the user group "Design" (Mia) and a worker (Wes). Teams
// are user groups and leads their team managers: who is offered the tool (from the role Clockify
// names), the list and a group shown with its leads and projects, each change and the requests it
// sends, the refusals in words (clients and tasks are never granted), the question before each change
// in both protocol eras, and Clockify's 403 withdrawing the tool at once.
import { describe, expect, it } from 'vitest';
import { accept } from '../../support/admin-engine.ts';
import { clockifyAdmin } from '../../support/clockify-admin.ts';
import { type Era, type InProcessEngineHandle, refusalOf, textOf } from '../../support/engine.ts';
import { BOB_KEY, type FakeClockify, MIA_KEY, OLGA_KEY, SEED, TEAM, WES_KEY } from '../providers/clockify/fake-clockify.ts';

// manage_people is on too: a team manager is offered it, and never manage_teams.
const { acmeWithTeam, connect, offered, session } = clockifyAdmin({
  tool: 'manage_teams',
  enabled: { manage_teams: true, manage_people: true },
  answer: accept,
});
const ACME = SEED.workspaces.acme;
const DESIGN = '67a000000000000000000001';
const OPS = '67a000000000000000000002';

/** Acme with its team; the user groups "Design" (Ada and Cleo, managed by Mia, who is not in it) and "Ops" (Wes, no manager). */
async function workspace() {
  const fake = await acmeWithTeam();
  fake.state.userGroups.push(
    { id: DESIGN, workspaceId: ACME, name: 'Design', userIds: [SEED.users.ada, SEED.users.cleo], managerIds: [TEAM.users.mia] },
    { id: OPS, workspaceId: ACME, name: 'Ops', userIds: [TEAM.users.wes], managerIds: [] },
  );
  return fake;
}

const tools = async (engine: InProcessEngineHandle) => (await engine.client.listTools()).tools.map((tool) => tool.name);
/** Every write the fake took (groups, roles, project memberships). */
const writes = (fake: FakeClockify) => fake.writes.map((write) => `${write.method} ${write.path.replace(`/api/v1/workspaces/${ACME}`, '')}`);
const bodies = (fake: FakeClockify, method: string, ending: RegExp) =>
  fake.requests.filter((request) => request.method === method && ending.test(request.path)).map((request) => JSON.parse(request.body || 'null'));
const group = (fake: FakeClockify, name: string) => fake.state.userGroups.find((item) => item.name === name);
const project = (fake: FakeClockify, id: string) => fake.state.projects.find((item) => item.id === id);

type Team = { id: number; name: string; members?: Array<{ id: number; name: string; lead: boolean }>; access?: { projects: Array<{ name: string }> } };
const teamsOf = (result: { structuredContent?: unknown }) => (result.structuredContent as { teams: Team[] }).teams;

describe('manage_teams on Clockify', () => {
  it('is offered to an admin and the owner (from the role Clockify names), not to a team manager nor a worker', async () => {
    const fake = await workspace();
    for (const key of [BOB_KEY, OLGA_KEY]) await session(fake, key);
    const mia = await connect(fake, MIA_KEY);
    // The team manager gets manage_people (her groups' people) once her role is learned, and never manage_teams.
    await expect.poll(() => tools(mia)).toContain('manage_people');
    expect(await offered(mia)).toBe(false);
    expect(refusalOf(await mia.call('manage_teams', { action: 'list' }))).toMatchObject({
      code: 'tool_withheld',
      facts: { tool: 'manage_teams', why: 'role', role: 'team manager', needs: 'admin' },
    });
    const wes = await connect(fake, WES_KEY);
    await expect.poll(() => fake.requests.filter((request) => /[?&]roles=/.test(request.query)).length).toBeGreaterThan(6);
    expect(await offered(wes)).toBe(false);
    expect(writes(fake)).toEqual([]);
  });

  it('lists the user groups and shows one with its team managers as leads (one outside the group too) and its projects', async () => {
    const fake = await workspace();
    const secret = project(fake, SEED.projects.secret);
    if (secret) secret.groupIds = [DESIGN];
    const bob = await session(fake, BOB_KEY);
    const listed = await bob.call('manage_teams', { action: 'list' });
    expect(listed.isError, textOf(listed)).toBeFalsy();
    expect(teamsOf(listed).map((team) => team.name)).toEqual(['Design', 'Ops']);
    const shown = await bob.call('manage_teams', { action: 'show', team: 'design' });
    expect(shown.isError, textOf(shown)).toBeFalsy();
    const [design] = teamsOf(shown);
    expect(design?.members?.map((member) => [member.name, member.lead])).toEqual([
      ['Mia Manager', true],
      ['Ada Lovelace', false],
      ['Cleo Patra', false],
    ]);
    expect(design?.access?.projects.map((item) => item.name)).toEqual(['Secret']);
    expect(textOf(shown)).toMatch(
      /^Team "Design" \(#\d+\): 3 members\.\nLead: "Mia Manager" \(#\d+\)\.\nMembers: "Ada Lovelace" \(#\d+\) and "Cleo Patra" \(#\d+\)\.\nAccess to projects: "Secret" \(#\d+\)\.$/,
    );
    // The group's projects come from getProjects' userGroups filter, one request.
    expect(fake.requests.filter((request) => request.path.endsWith('/projects') && request.query.includes(`userGroups=${DESIGN}`))).toHaveLength(1);
  });

  it('creates a group with its members and a lead: the group, each member and the team-manager role, one request each', async () => {
    const fake = await workspace();
    const bob = await session(fake, BOB_KEY);
    const made = await bob.call('manage_teams', { action: 'create', name: 'Support', people: ['wes@acme.example', 'Cleo Patra'], lead: 'Cleo Patra' });
    expect(made.isError, textOf(made)).toBeFalsy();
    expect(textOf(made)).toMatch(/^Created the team "Support" \(#\d+\) with "Cleo Patra" \(#\d+\) and "Wes Worker" \(#\d+\)\.$/);
    const support = group(fake, 'Support');
    expect(support).toMatchObject({ userIds: [TEAM.users.wes, SEED.users.cleo], managerIds: [SEED.users.cleo] });
    expect(writes(fake)).toEqual([
      'POST /user-groups',
      `POST /user-groups/${support?.id}/users`,
      `POST /user-groups/${support?.id}/users`,
      `POST /users/${SEED.users.cleo}/roles`,
    ]);
    expect(bodies(fake, 'POST', /\/roles$/)).toEqual([{ role: 'TEAM_MANAGER', entityId: support?.id, sourceType: 'USER_GROUP' }]);
    // A second group of that name is refused before anything is sent.
    const twice = await bob.call('manage_teams', { action: 'create', name: 'support' });
    expect(textOf(twice)).toMatch(/^The team "Support" \(#\d+\) exists already\. Nothing was created\.$/);
    expect(writes(fake)).toHaveLength(4);
  });

  it('renames, adds and removes members, makes a lead, and takes a lead away with their membership', async () => {
    const fake = await workspace();
    const asked: string[] = [];
    const bob = await session(fake, BOB_KEY, { elicitation: (params) => (asked.push(params.message), { action: 'accept', content: {} }) });
    const renamed = await bob.call('manage_teams', { action: 'rename', team: 'Ops', name: 'Operations' });
    expect(renamed.isError, textOf(renamed)).toBeFalsy();
    expect(group(fake, 'Operations')?.id).toBe(OPS);
    expect(bodies(fake, 'PUT', /\/user-groups\/[^/]+$/)).toEqual([{ name: 'Operations' }]);
    const added = await bob.call('manage_teams', { action: 'add_members', team: 'Operations', people: ['Ada Lovelace', 'pia@acme.example'] });
    expect(added.isError, textOf(added)).toBeFalsy();
    expect(group(fake, 'Operations')?.userIds).toEqual([TEAM.users.wes, SEED.users.ada, TEAM.users.pia]);
    expect(bodies(fake, 'POST', /\/user-groups\/[^/]+\/users$/)).toEqual([{ userId: SEED.users.ada }, { userId: TEAM.users.pia }]);
    const lead = await bob.call('manage_teams', { action: 'set_lead', team: 'Operations', lead: 'Wes Worker' });
    expect(lead.isError, textOf(lead)).toBeFalsy();
    expect(group(fake, 'Operations')?.managerIds).toEqual([TEAM.users.wes]);
    const removed = await bob.call('manage_teams', { action: 'remove_members', team: 'Operations', people: ['Wes Worker', 'Ada Lovelace'] });
    expect(removed.isError, textOf(removed)).toBeFalsy();
    expect(asked.at(-1)).toMatch(
      /^Remove "Wes Worker" \(#\d+\) and "Ada Lovelace" \(#\d+\) from the team "Operations" \(#\d+\)\? "Pia Projects" \(#\d+\) stays\. "Wes Worker" loses the team-manager role over "Operations" too, and no longer manages its members in Clockify\.$/,
    );
    expect(textOf(removed)).toMatch(/; 1 members stay\. "Wes Worker" loses the team-manager role over "Operations" too/);
    expect(group(fake, 'Operations')).toMatchObject({ userIds: [TEAM.users.pia], managerIds: [] });
    expect(bodies(fake, 'DELETE', /\/roles$/)).toEqual([{ role: 'TEAM_MANAGER', entityId: OPS, sourceType: 'USER_GROUP' }]);
    // Mia leads Design without being in it: removing her takes the role alone (no deleteUser she would fail).
    const mia = await bob.call('manage_teams', { action: 'remove_members', team: 'Design', people: ['Mia Manager'] });
    expect(mia.isError, textOf(mia)).toBeFalsy();
    expect(group(fake, 'Design')).toMatchObject({ userIds: [SEED.users.ada, SEED.users.cleo], managerIds: [] });
    expect(writes(fake).filter((write) => write.startsWith('DELETE /user-groups/'))).toEqual([
      `DELETE /user-groups/${OPS}/users/${TEAM.users.wes}`,
      `DELETE /user-groups/${OPS}/users/${SEED.users.ada}`,
    ]);
  });

  it('grants and revokes a project by adding the group to its members and removing it, keeping everyone else; deletes a group', async () => {
    const fake = await workspace();
    const asked: string[] = [];
    const bob = await session(fake, BOB_KEY, { elicitation: (params) => (asked.push(params.message), { action: 'accept', content: {} }) });
    const granted = await bob.call('manage_teams', { action: 'grant', team: 'Design', kind: 'project', item: 'Secret' });
    expect(granted.isError, textOf(granted)).toBeFalsy();
    expect(asked).toEqual([
      expect.stringMatching(
        /^Give the team "Design" \(#\d+\) access to the project "Secret" \(#\d+\)\? Clockify adds the group to the project's members: everyone in it, and whoever joins it later, may book on it even where the project is private, each keeping the hourly and cost rates they have\.$/,
      ),
    ]);
    expect(textOf(granted)).toMatch(/^The team "Design" \(#\d+\) has access to the project "Secret" \(#\d+\) now\.$/);
    expect(teamsOf(granted)[0]?.access?.projects.map((item) => item.name)).toEqual(['Secret']);
    expect(project(fake, SEED.projects.secret)).toMatchObject({ memberIds: [SEED.users.bob], groupIds: [DESIGN] });
    const sent = bodies(fake, 'POST', /\/memberships$/);
    expect(sent).toEqual([{ userIds: [], userGroups: { contains: 'CONTAINS', ids: [DESIGN], status: 'ALL' }, remove: false }]);
    // A member of the group now sees the private project.
    const twice = await bob.call('manage_teams', { action: 'grant', team: 'Design', kind: 'project', item: 'Secret' });
    expect(textOf(twice)).toMatch(/has access to the project "Secret" \(#\d+\) already\. Nothing was changed\.$/);
    const revoked = await bob.call('manage_teams', { action: 'revoke', team: 'Design', kind: 'project', item: 'Secret' });
    expect(revoked.isError, textOf(revoked)).toBeFalsy();
    expect(asked.at(-1)).toMatch(/away\? Clockify removes the group from the project's members: those in it lose access to a private project unless/);
    expect(project(fake, SEED.projects.secret)).toMatchObject({ memberIds: [SEED.users.bob], groupIds: [] });
    expect(bodies(fake, 'POST', /\/memberships$/)[1]).toMatchObject({ remove: true, userGroups: { ids: [DESIGN] } });
    const deleted = await bob.call('manage_teams', { action: 'delete', team: 'Ops' });
    expect(deleted.isError, textOf(deleted)).toBeFalsy();
    expect(textOf(deleted)).toMatch(/^Deleted the team "Ops" \(#\d+\)\.$/);
    expect(group(fake, 'Ops')).toBeUndefined();
    expect(writes(fake).at(-1)).toBe(`DELETE /user-groups/${OPS}`);
  });

  it('refuses in words, asking and sending nothing, a client or a task granted or revoked, and an unknown team or person', async () => {
    const fake = await workspace();
    const asked: string[] = [];
    const bob = await session(fake, BOB_KEY, { elicitation: (params) => (asked.push(params.message), { action: 'accept', content: {} }) });
    for (const [args, words] of [
      [
        { action: 'grant', team: 'Design', kind: 'customer', item: 'Acme Corp' },
        'Clockify gives a user group access to projects only (as a member of the project): a client has no members of its own. Grant the project instead. Nothing was sent.',
      ],
      [
        { action: 'revoke', team: 'Design', kind: 'activity', item: 'Design' },
        'Clockify gives a user group access to projects only (as a member of the project): a task has no members of its own. Revoke the project instead. Nothing was sent.',
      ],
      [{ action: 'show', team: 'Sales' }, 'There is no team "Sales"; the teams are "Design" (#'],
      [{ action: 'add_members', team: 'Ops', people: ['Grace Hopper'] }, 'Nobody in your Clockify workspace is "Grace Hopper". Nothing was changed.'],
      [{ action: 'add_members', team: 'Ops', people: ['Wes Worker'] }, 'is a member of the team "Ops"'],
    ] as const) {
      const refused = await bob.call('manage_teams', args);
      expect(refused.isError).toBe(true);
      expect(textOf(refused)).toContain(words);
    }
    expect(asked).toEqual([]);
    expect(writes(fake)).toEqual([]);
  });

  it('withdraws the tool at once when Clockify refuses (403) after the admin lost the role, naming the right', async () => {
    const fake = await workspace();
    const bob = await session(fake, BOB_KEY);
    const bobUser = fake.state.users.find((user) => user.id === SEED.users.bob) as { roles: Record<string, string> };
    bobUser.roles = {};
    const refused = await bob.call('manage_teams', { action: 'rename', team: 'Ops', name: 'Operations' });
    expect(refused.isError).toBe(true);
    expect(textOf(refused)).toBe(
      "Clockify did not let you list the user groups (403): your account lacks the workspace admin's role (Clockify lets only its admins and owner make, change and delete user groups and add them to projects). Nothing was changed; manage_teams is switched off.",
    );
    await expect.poll(() => offered(bob)).toBe(false);
    expect(writes(fake)).toEqual([]);
  });
});

describe.each<Era>(['legacy', 'modern'])('the question before a change to a user group on Clockify (%s era)', (era) => {
  it('names the change, and makes it once confirmed', async () => {
    const fake = await workspace();
    const asked: string[] = [];
    const bob = await session(fake, BOB_KEY, { era, elicitation: (params) => (asked.push(params.message), { action: 'accept', content: {} }) });
    const lead = await bob.call('manage_teams', { action: 'set_lead', team: 'Ops', lead: 'wes@acme.example' });
    expect(lead.isError, textOf(lead)).toBeFalsy();
    expect(asked).toEqual([expect.stringMatching(/^Make "Wes Worker" \(#\d+\) a lead of the team "Ops" \(#\d+\)\? Nobody leads it now\.$/)]);
    expect(group(fake, 'Ops')?.managerIds).toEqual([TEAM.users.wes]);
  });

  it.each([
    ['declined', { action: 'decline' } as const, /you said no when asked\. Nothing was changed\.$/],
    ['dismissed', { action: 'cancel' } as const, /the question was dismissed without an answer\. Nothing was changed\.$/],
  ])('%s, changes nothing and says so', async (_label, answer, words) => {
    const fake = await workspace();
    const before = JSON.stringify([fake.state.userGroups, fake.state.projects]);
    const bob = await session(fake, BOB_KEY, { era, elicitation: () => answer });
    for (const [args, unchanged] of [
      [{ action: 'create', name: 'Support', people: ['Wes Worker'] }, /^The team "Support" was not created: /],
      [{ action: 'rename', team: 'Ops', name: 'Operations' }, /^The team "Ops" \(#\d+\) was not renamed: /],
      [{ action: 'add_members', team: 'Ops', people: ['Ada Lovelace'] }, /^Nobody was added to the team "Ops" \(#\d+\): /],
      [{ action: 'remove_members', team: 'Design', people: ['Mia Manager'] }, /^Nobody was removed from the team "Design" \(#\d+\): /],
      [{ action: 'set_lead', team: 'Ops', lead: 'Wes Worker' }, /^Nobody was made a lead of the team "Ops" \(#\d+\): /],
      [{ action: 'delete', team: 'Ops' }, /^The team "Ops" \(#\d+\) was not deleted: /],
      [{ action: 'grant', team: 'Ops', kind: 'project', item: 'Secret' }, /^The team "Ops" \(#\d+\) was given no access: /],
    ] as const) {
      const refused = await bob.call('manage_teams', args);
      expect(refused.isError).toBe(true);
      expect(textOf(refused)).toMatch(unchanged);
      expect(textOf(refused)).toMatch(words);
    }
    expect(JSON.stringify([fake.state.userGroups, fake.state.projects])).toBe(before);
    expect(writes(fake)).toEqual([]);
  });
});
