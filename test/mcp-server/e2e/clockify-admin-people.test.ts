// manage_people on Clockify, through the engine in process against the fake Clockify: a workspace
// admin (Bob), the owner (Olga), a team manager of the user group "Design" (Mia) and a worker (Wes).
// Who is offered what (from the role Clockify names), the list with roles, groups and membership
// status, an invitation by e-mail that stays pending, deactivation and reactivation by status (never
// the owner's), manager roles over whom or what `manages` names, the team manager's list of her
// groups' people and her refusals in words, the question before each change in both protocol eras,
// and Clockify's 403 withdrawing the tool at once.
import { describe, expect, it } from 'vitest';
import { accept } from '../../support/admin-engine.ts';
import { clockifyAdmin } from '../../support/clockify-admin.ts';
import { type Era, refusalOf, textOf } from '../../support/engine.ts';
import { BOB_KEY, type FakeClockify, MIA_KEY, OLGA_KEY, SEED, TEAM, WES_KEY } from '../providers/clockify/fake-clockify.ts';

const { acmeWithTeam, connect, offered, session } = clockifyAdmin({ tool: 'manage_people', answer: accept });
const ACME = SEED.workspaces.acme;

/** Acme with its team; the user group "Design" (Ada and Cleo, managed by Mia) and "Ops" (Wes, no manager). */
async function workspace() {
  const fake = await acmeWithTeam();
  fake.state.userGroups.push(
    { id: '67a000000000000000000001', workspaceId: ACME, name: 'Design', userIds: [SEED.users.ada, SEED.users.cleo], managerIds: [TEAM.users.mia] },
    { id: '67a000000000000000000002', workspaceId: ACME, name: 'Ops', userIds: [TEAM.users.wes], managerIds: [] },
  );
  return fake;
}

const peopleWrites = (fake: FakeClockify) => fake.writes.filter((write) => /\/users(\/|$)/.test(write.path));
const userOf = (fake: FakeClockify, id: string) => fake.state.users.find((user) => user.id === id);

type Listed = { people: Array<{ id: number; name: string; email: string; role: string | null; active: boolean; teams: string[] }>; total: number };

describe('manage_people on Clockify', () => {
  it('is offered to an admin, the owner and a team manager (from the role Clockify names), not to a worker', async () => {
    const fake = await workspace();
    for (const key of [BOB_KEY, OLGA_KEY, MIA_KEY]) await session(fake, key);
    const wes = await connect(fake, WES_KEY);
    // The role was asked (an admin tool is on) and names a member: nothing is offered, nothing listed.
    await expect.poll(() => fake.requests.filter((request) => /[?&]roles=/.test(request.query)).length).toBeGreaterThan(3);
    expect(await offered(wes)).toBe(false);
    await expect
      .poll(async () => refusalOf(await wes.call('manage_people', { action: 'list' })))
      .toMatchObject({
        code: 'tool_withheld',
        facts: { tool: 'manage_people', why: 'role', role: 'regular user', needs: 'team manager' },
      });
    expect(fake.requests.filter((request) => request.path.endsWith('/user-groups'))).toHaveLength(0);
  });

  it("lists an admin everyone with Clockify's role words, their user groups and whether active; pending invitees with the inactive", async () => {
    const fake = await workspace();
    (userOf(fake, SEED.users.cleo) as { statuses?: Record<string, string> }).statuses = { [ACME]: 'INACTIVE' };
    const bob = await session(fake, BOB_KEY);
    const listed = await bob.call('manage_people', { action: 'list' });
    expect(listed.isError, textOf(listed)).toBeFalsy();
    const data = listed.structuredContent as Listed;
    expect(data.people.map((person) => [person.name, person.role, person.active, person.teams.join(',')])).toEqual([
      ['Ada Lovelace', 'MEMBER', true, 'Design'],
      ['Bob Builder', 'WORKSPACE_ADMIN', true, ''],
      ['Mia Manager', 'TEAM_MANAGER', true, ''],
      ['Olga Owner', 'OWNER', true, ''],
      ['Pia Projects', 'PROJECT_MANAGER', true, ''],
      ['Wes Worker', 'MEMBER', true, 'Ops'],
    ]);
    const all = (await bob.call('manage_people', { action: 'list', include_inactive: true })).structuredContent as Listed;
    expect(all.people.find((person) => person.name === 'Cleo Patra')).toMatchObject({ email: 'cleo@acme.example', active: false, role: 'MEMBER' });
    const shown = await bob.call('manage_people', { action: 'show', person: 'olga@acme.example' });
    expect(textOf(shown)).toMatch(/^#\d+ "Olga Owner" <"olga@acme\.example">, "OWNER"$/);
  });

  it('invites by e-mail alone: the invitee stays pending, and the answer says so', async () => {
    const fake = await workspace();
    const asked: string[] = [];
    const bob = await session(fake, BOB_KEY, { elicitation: (params) => (asked.push(params.message), { action: 'accept', content: {} }) });
    const made = await bob.call('manage_people', { action: 'invite', name: 'Grace Hopper', email: 'grace@acme.example' });
    expect(made.isError, textOf(made)).toBeFalsy();
    expect(asked).toEqual([
      'Invite "Grace Hopper" <grace@acme.example>? Clockify e-mails them an invitation (it takes the e-mail alone: the name is theirs to set), and they stay pending until they accept; inviting by API needs a paid plan.',
    ]);
    expect(textOf(made)).toMatch(/^Invited ".*" <"grace@acme\.example"> \(#\d+\)\. Clockify e-mailed them an invitation: they stay pending/);
    expect((made.structuredContent as Listed).people[0]).toMatchObject({ email: 'grace@acme.example', active: false });
    const sent = fake.requests.filter((request) => request.method === 'POST' && request.path === `/api/v1/workspaces/${ACME}/users`);
    expect(sent.map((request) => [request.query, JSON.parse(request.body)])).toEqual([['?send-email=true', { email: 'grace@acme.example' }]]);
    // A pending invitee is neither reactivated nor deactivated: Clockify activates them when they accept.
    const on = await bob.call('manage_people', { action: 'reactivate', person: 'grace@acme.example' });
    expect(textOf(on)).toMatch(/has not accepted the invitation yet: Clockify activates a member only when they accept.*Nothing was sent\.$/);
    // A role or manages with an invitation is refused before anything is asked or sent.
    const withRole = await bob.call('manage_people', { action: 'invite', name: 'Alan', email: 'alan@acme.example', role: 'TEAM_MANAGER' });
    expect(textOf(withRole)).toBe(
      'Clockify invites by e-mail alone: leave out role and manages, and give the role with update once they have accepted. Nothing was sent.',
    );
    expect(asked).toHaveLength(1);
    expect(peopleWrites(fake)).toHaveLength(1);
  });

  it('deactivates and reactivates by membership status, never the owner nor oneself', async () => {
    const fake = await workspace();
    const bob = await session(fake, BOB_KEY);
    const off = await bob.call('manage_people', { action: 'deactivate', person: 'Wes Worker' });
    expect(off.isError, textOf(off)).toBeFalsy();
    expect(textOf(off)).toMatch(/^Deactivated "Wes Worker" <"wes@acme\.example"> \(#\d+\)\.$/);
    expect(userOf(fake, TEAM.users.wes)?.statuses?.[ACME]).toBe('INACTIVE');
    expect((off.structuredContent as { before: { active: boolean } }).before.active).toBe(true);
    const on = await bob.call('manage_people', { action: 'reactivate', person: 'wes@acme.example' });
    expect(on.isError, textOf(on)).toBeFalsy();
    expect(userOf(fake, TEAM.users.wes)?.statuses?.[ACME]).toBe('ACTIVE');
    const bodies = fake.requests
      .filter((request) => request.method === 'PUT' && request.path.endsWith(`/users/${TEAM.users.wes}`))
      .map((request) => JSON.parse(request.body));
    expect(bodies).toEqual([{ status: 'INACTIVE' }, { status: 'ACTIVE' }]);
    const owner = await bob.call('manage_people', { action: 'deactivate', person: 'Olga Owner' });
    expect(textOf(owner)).toBe(
      '"Olga Owner" owns the workspace: Clockify lets nobody deactivate the owner or change their role (ownership is handed over in Clockify\'s workspace settings). Nothing was sent.',
    );
    const self = await bob.call('manage_people', { action: 'deactivate', person: 'bob@acme.example' });
    expect(textOf(self)).toMatch(/^You cannot deactivate your own account/);
    expect(peopleWrites(fake)).toHaveLength(2);
  });

  it('gives manager roles over whom or what manages names; refuses in words what Clockify will not take', async () => {
    const fake = await workspace();
    const bob = await session(fake, BOB_KEY);
    const lead = await bob.call('manage_people', {
      action: 'update',
      person: 'Wes Worker',
      role: 'team_manager',
      manages: ['Ada Lovelace', 'cleo@acme.example'],
    });
    expect(lead.isError, textOf(lead)).toBeFalsy();
    expect(textOf(lead)).toMatch(/^Changed "Wes Worker" .*: role "MEMBER" → "TEAM_MANAGER", managing "Ada Lovelace", "cleo@acme\.example"\.$/);
    expect((lead.structuredContent as Listed).people[0]?.role).toBe('TEAM_MANAGER');
    const pm = await bob.call('manage_people', { action: 'update', person: 'Cleo Patra', role: 'PROJECT_MANAGER', manages: ['Internal'] });
    expect(pm.isError, textOf(pm)).toBeFalsy();
    const admin = await bob.call('manage_people', { action: 'update', person: 'Ada Lovelace', role: 'WORKSPACE_ADMIN' });
    expect(admin.isError, textOf(admin)).toBeFalsy();
    const roles = fake.requests.filter((request) => request.method === 'POST' && request.path.endsWith('/roles')).map((request) => JSON.parse(request.body));
    expect(roles).toEqual([
      { role: 'TEAM_MANAGER', entityId: SEED.users.ada },
      { role: 'TEAM_MANAGER', entityId: SEED.users.cleo },
      { role: 'PROJECT_MANAGER', entityId: SEED.projects.internal },
      { role: 'WORKSPACE_ADMIN', entityId: ACME },
    ]);
    expect(fake.state.teamManagers.filter((item) => item.managerId === TEAM.users.wes).map((item) => item.memberId)).toEqual([SEED.users.ada, SEED.users.cleo]);
    expect(userOf(fake, SEED.users.ada)?.roles[ACME]).toBe('ADMIN');
    const before = peopleWrites(fake).length;
    for (const [args, words] of [
      [{ role: 'TEAM_MANAGER' }, /^A team manager manages people: name them in manages/],
      [{ role: 'MEMBER' }, /^Clockify's API takes a role away one person or project at a time/],
      [{ role: 'OWNER' }, /^Clockify's API makes nobody the owner/],
      [{ role: 'WORKSPACE_ADMIN', manages: ['Ada Lovelace'] }, /^A workspace admin administers the whole workspace: leave out manages/],
      [{ name: 'Wesley' }, /^Clockify's API changes nobody's name or e-mail address but their own/],
      [{ role: 'BOSS' }, /^"BOSS" is no role here; the roles are "MEMBER", "PROJECT_MANAGER", "TEAM_MANAGER", "WORKSPACE_ADMIN", "OWNER"\.$/],
    ] as const) {
      const refused = await bob.call('manage_people', { action: 'update', person: 'Pia Projects', ...args });
      expect(refused.isError).toBe(true);
      expect(textOf(refused)).toMatch(words);
    }
    expect(peopleWrites(fake)).toHaveLength(before);
  });

  it("lists a team manager her groups' people, without roles, and refuses her every write naming the missing right", async () => {
    const fake = await workspace();
    const mia = await session(fake, MIA_KEY);
    const listed = await mia.call('manage_people', { action: 'list' });
    expect(listed.isError, textOf(listed)).toBeFalsy();
    expect((listed.structuredContent as Listed).people.map((person) => [person.name, person.role, person.teams.join(',')])).toEqual([
      ['Ada Lovelace', null, 'Design'],
      ['Cleo Patra', null, 'Design'],
    ]);
    const other = await mia.call('manage_people', { action: 'show', person: 'Wes Worker' });
    expect(textOf(other)).toBe('Nobody in the user groups you manage is "Wes Worker"; list shows them.');
    // The roles' search is an admin's: she is never sent it.
    expect(fake.requests.filter((request) => request.path.endsWith('/users/info'))).toEqual([]);
    for (const args of [
      { action: 'invite', name: 'Grace', email: 'grace@acme.example' },
      { action: 'deactivate', person: 'Ada Lovelace' },
      { action: 'update', person: 'Ada Lovelace', role: 'TEAM_MANAGER', manages: ['Cleo Patra'] },
    ]) {
      const refused = await mia.call('manage_people', args);
      expect(textOf(refused)).toBe(
        "Clockify did not give your account the workspace admin's role (Clockify lets only its admins and owner invite people, change their status or give roles): as a team manager you may list and show the people of your user groups only. Nothing was sent.",
      );
    }
    expect(peopleWrites(fake)).toEqual([]);
  });

  it('withdraws the tool at once when Clockify refuses (403) after the admin lost the role, naming the right', async () => {
    const fake = await workspace();
    const bob = await session(fake, BOB_KEY);
    (userOf(fake, SEED.users.bob) as { roles: Record<string, string> }).roles = {};
    const refused = await bob.call('manage_people', { action: 'list' });
    expect(refused.isError).toBe(true);
    expect(textOf(refused)).toBe(
      "Clockify did not let you list the people (403): your account lacks the workspace admin's role (Clockify lets only its admins and owner invite people, change their status or give roles), or to list people a team manager's role over a user group. Nothing was changed; manage_people is switched off.",
    );
    await expect.poll(() => offered(bob)).toBe(false);
  });

  it('refuses an invitation Clockify will not take on a free plan in words, and keeps the tool', async () => {
    const fake = await workspace();
    const acme = fake.state.workspaces.find((item) => item.id === ACME);
    if (acme) acme.plan = 'FREE';
    const bob = await session(fake, BOB_KEY);
    const refused = await bob.call('manage_people', { action: 'invite', name: 'Grace', email: 'grace@acme.example' });
    expect(textOf(refused)).toMatch(
      /^Clockify did not let you invite grace@acme\.example \(403\): it adds people through its API only on a paid plan \(the workspace's is FREE\)/,
    );
    expect(await offered(bob)).toBe(true);
  });
});

describe.each<Era>(['legacy', 'modern'])('the question before a change to people on Clockify (%s era)', (era) => {
  it('names the change, and makes it once confirmed', async () => {
    const fake = await workspace();
    const asked: string[] = [];
    const bob = await session(fake, BOB_KEY, { era, elicitation: (params) => (asked.push(params.message), { action: 'accept', content: {} }) });
    const off = await bob.call('manage_people', { action: 'deactivate', person: 'Wes Worker' });
    expect(off.isError, textOf(off)).toBeFalsy();
    expect(asked).toEqual([expect.stringMatching(/^Deactivate "Wes Worker" <"wes@acme\.example"> \(#\d+\)\? They can no longer sign in; their time stays\.$/)]);
    expect(userOf(fake, TEAM.users.wes)?.statuses?.[ACME]).toBe('INACTIVE');
  });

  it.each([
    ['declined', { action: 'decline' } as const, /you said no when asked\. Nothing was changed\./],
    ['dismissed', { action: 'cancel' } as const, /the question was dismissed without an answer\. Nothing was changed\./],
  ])('%s, changes nothing and says so', async (_label, answer, words) => {
    const fake = await workspace();
    const bob = await session(fake, BOB_KEY, { era, elicitation: () => answer });
    const invite = await bob.call('manage_people', { action: 'invite', name: 'Grace Hopper', email: 'grace@acme.example' });
    expect(textOf(invite)).toMatch(/^"Grace Hopper" was not invited: /);
    expect(textOf(invite)).toMatch(words);
    const off = await bob.call('manage_people', { action: 'deactivate', person: 'Wes Worker' });
    expect(textOf(off)).toMatch(/^"Wes Worker" <"wes@acme\.example"> \(#\d+\) was not deactivated: /);
    const role = await bob.call('manage_people', { action: 'update', person: 'Wes Worker', role: 'WORKSPACE_ADMIN' });
    expect(textOf(role)).toMatch(/^"Wes Worker" <"wes@acme\.example"> \(#\d+\) was not changed: /);
    expect(peopleWrites(fake)).toEqual([]);
  });
});
