// manage_people and manage_teams on Clockodo, through the engine in process against the fake Clockodo:
// the owner (Olga), a manager (Mia) and a worker (Ada). Who is offered what (the owner alone, from the
// role Clockodo names), Clockodo's 403 withdrawing each tool at once in words, the list paged by
// Clockodo, each action of manage_people, people created directly (no invitation step), and the
// question before every change in both protocol eras. manage_teams' own actions are in
// clockodo-admin-teams.test.ts.
import { describe, expect, it } from 'vitest';
import { clockodoFacts, clockodoFactsKey } from '../../../mcp-server/providers/clockodo/facts.ts';
import { accept as yes, offeredOf } from '../../support/admin-engine.ts';
import { ADA, BOB, clockodoAdmin, MIA, OLGA } from '../../support/clockodo-admin.ts';
import { type Era, type InProcessEngineHandle, textOf } from '../../support/engine.ts';
import { bigTeam, DEFAULT_USERS, type FakeClockodo, type FakeUser } from '../providers/clockodo/fake-clockodo.ts';

const TOOLS = ['manage_people', 'manage_teams'];
const { startClockodo, connect } = clockodoAdmin({ manage_people: true, manage_teams: true });

async function company(users: FakeUser[] = DEFAULT_USERS) {
  const fake = await startClockodo(users);
  // Mia leads Management; Development (Ada, Bob) has no leader.
  (fake.state.teams.find((team) => team.id === 2) as { leader: number | null }).leader = MIA.id;
  return fake;
}

const offered = async (handle: InProcessEngineHandle) => (await offeredOf(handle, TOOLS)).sort();
const writes = (fake: FakeClockodo) => fake.requests.filter((request) => request.method !== 'GET');
const userOf = (fake: FakeClockodo, id: number) => fake.state.users.find((user) => user.id === id) as FakeUser;

describe('manage_people on Clockodo', () => {
  it('is offered to the owner alone, learned from the role Clockodo names: not to a manager or a worker', async () => {
    const fake = await company();
    const olga = await connect(fake, OLGA);
    await expect.poll(() => offered(olga)).toEqual(TOOLS);
    for (const user of [MIA, ADA]) {
      const handle = await connect(fake, user);
      expect(await offered(handle), user.name).toEqual([]);
      expect(clockodoFacts.read(handle.userDataDir, clockodoFactsKey({ email: user.email, url: fake.url }))?.role).toBe(user.role);
    }
    expect(writes(fake)).toEqual([]);
  });

  it('withdraws each tool at once when Clockodo refuses (403), naming the missing right, and remembers it', async () => {
    const fake = await company();
    const olga = await connect(fake, OLGA, { elicitation: yes });
    await expect.poll(() => offered(olga)).toEqual(TOOLS);
    // Olga hands the company over; the person read a moment ago still says owner.
    userOf(fake, OLGA.id).role = 'manager';
    const refused = await olga.call('manage_people', { action: 'invite', name: 'Grace Hopper', email: 'grace@example.com' });
    expect(refused.isError).toBe(true);
    expect(textOf(refused)).toBe(
      "Clockodo did not let you add the co-worker grace@example.com (403 Forbidden): administering co-workers and their teams is the company owner's right, which your account does not hold. Nothing was changed; manage_people is switched off.",
    );
    await expect.poll(() => offered(olga)).toEqual(['manage_teams']);
    const moved = await olga.call('manage_teams', { action: 'add_members', team: 'Management', people: ['Ada Worker'] });
    expect(textOf(moved)).toMatch(/^Clockodo did not let you add "Ada Worker" to the team "Management" \(403 Forbidden\): .* manage_teams is switched off\.$/);
    await expect.poll(() => offered(olga)).toEqual([]);
    expect(clockodoFacts.read(olga.userDataDir, clockodoFactsKey({ email: OLGA.email, url: fake.url }))).toMatchObject({
      refused: ['admin_people', 'admin_teams'],
    });
    expect(userOf(fake, ADA.id).teamsId).toBe(1);
  });

  it('lists the people a page of 50 at a time as Clockodo pages them, active ones unless asked, with role, state and team', async () => {
    const staff = bigTeam(60).map((user, index) => (index >= 58 ? { ...user, active: false } : user));
    const fake = await company([...DEFAULT_USERS, ...staff]);
    const olga = await connect(fake, OLGA);
    const first = await olga.call('manage_people', { action: 'list' });
    expect(first.isError, textOf(first)).toBeFalsy();
    const data = first.structuredContent as { people: Array<Record<string, unknown>>; page: number; total_pages: number; total: number };
    expect(data).toMatchObject({ page: 1, total_pages: 2, total: 62 });
    expect(data.people).toHaveLength(50);
    expect(data.people[0]).toEqual({ id: ADA.id, name: 'Ada Worker', email: 'ada@example.com', role: 'worker', active: true, teams: ['Development'] });
    expect(textOf(first)).toMatch(
      /^62 people \(active\)\. Page 1 of 2; ask for page 2 for more\.\n#1 "Ada Worker" <"ada@example\.com">, "worker"; teams: "Development"\n/,
    );
    const reads = fake.requests.filter((request) => request.method === 'GET' && request.path === '/api/v3/users');
    expect(reads.map((request) => new URLSearchParams(request.query).get('items_per_page'))).toEqual(['50']);
    expect(reads.map((request) => new URLSearchParams(request.query).get('filter[active]'))).toEqual(['true']);
    const all = await olga.call('manage_people', { action: 'list', include_inactive: true, page: 2 });
    expect(all.structuredContent).toMatchObject({ total: 64, total_pages: 2 });
    expect((all.structuredContent?.people as Array<{ active: boolean }>).filter((person) => !person.active)).toHaveLength(2);
    expect(textOf(await olga.call('manage_people', { action: 'list', page: 3 }))).toBe('There is no page 3 of these people: there are 2 pages.');
  });

  it('shows one person by id, e-mail or name, and says so in words when nobody is meant', async () => {
    const fake = await company();
    const olga = await connect(fake, OLGA);
    const expected = { id: MIA.id, name: 'Mia Manager', email: 'mia@example.com', role: 'manager', active: true, teams: ['Management'] };
    for (const person of ['3', '#3', 'MIA@example.com', 'mia manager']) {
      expect((await olga.call('manage_people', { action: 'show', person })).structuredContent, person).toEqual({ action: 'show', people: [expected] });
    }
    expect(textOf(await olga.call('manage_people', { action: 'show', person: '999' }))).toBe('There is no user #999 in Clockodo.');
    expect(textOf(await olga.call('manage_people', { action: 'show', person: 'Worker' }))).toBe(
      'Nobody in Clockodo is "Worker"; did you mean "Ada Worker" <"ada@example.com"> (#1)?',
    );
  });

  it("creates a co-worker directly (no invitation step), says so, and passes on Clockodo's own refusal", async () => {
    const fake = await company();
    const asked: string[] = [];
    const olga = await connect(fake, OLGA, { elicitation: (params) => (asked.push(params.message), { action: 'accept', content: {} }) });
    const made = await olga.call('manage_people', { action: 'invite', name: 'Grace Hopper', email: 'grace@example.com', role: 'Manager' });
    expect(made.isError, textOf(made)).toBeFalsy();
    const grace = fake.state.users.find((user) => user.email === 'grace@example.com');
    expect(grace).toMatchObject({ name: 'Grace Hopper', role: 'manager', active: true, teamsId: null });
    expect(asked).toEqual(['Invite "Grace Hopper" <grace@example.com> as manager? They get an account that can sign in.']);
    expect(made.structuredContent).toEqual({
      action: 'invite',
      people: [{ id: grace?.id, name: 'Grace Hopper', email: 'grace@example.com', role: 'manager', active: true, teams: [] }],
    });
    expect(textOf(made)).toBe(
      `Invited "Grace Hopper" <"grace@example.com"> (#${grace?.id}). Clockodo made the user directly, active at once: there is no invitation for them to accept.`,
    );
    expect(writes(fake).map((request) => [request.method, request.path, JSON.parse(request.body)])).toEqual([
      ['POST', '/api/v3/users', { name: 'Grace Hopper', email: 'grace@example.com', role: 'manager' }],
    ]);
    const twice = await olga.call('manage_people', { action: 'invite', name: 'Grace Again', email: 'GRACE@example.com' });
    expect(twice.isError).toBe(true);
    expect(textOf(twice)).toMatch(/This e-mail address is already in use\./);
  });

  it('refuses in words, sending nothing: manages, a role Clockodo has not, the own role and the own deactivation', async () => {
    const fake = await company();
    const olga = await connect(fake, OLGA, { elicitation: yes });
    const cases: Array<[Record<string, unknown>, string | RegExp]> = [
      [{ action: 'invite', name: 'Grace', email: 'grace@example.com', manages: ['Development'] }, /^Clockodo's roles name nobody they manage/],
      [{ action: 'invite', name: 'Grace', email: 'grace@example.com', role: 'admin' }, '"admin" is no role here; the roles are "owner", "manager", "worker".'],
      [{ action: 'update', person: '4', role: 'manager' }, 'You cannot change your own role: another administrator can. Nothing was sent.'],
      [
        { action: 'deactivate', person: 'olga@example.com' },
        'You cannot deactivate your own account: you would lock yourself out. Another administrator can. Nothing was sent.',
      ],
    ];
    for (const [args, words] of cases) {
      const refused = await olga.call('manage_people', args);
      expect(refused.isError).toBe(true);
      if (typeof words === 'string') expect(textOf(refused)).toBe(words);
      else expect(textOf(refused)).toMatch(words);
    }
    expect(writes(fake)).toEqual([]);
    expect(userOf(fake, OLGA.id)).toMatchObject({ role: 'owner', active: true });
  });

  it("re-roles, renames, deactivates and reactivates through Clockodo's fields, naming before → after", async () => {
    const fake = await company();
    const asked: string[] = [];
    const olga = await connect(fake, OLGA, { elicitation: (params) => (asked.push(params.message), { action: 'accept', content: {} }) });
    const changed = await olga.call('manage_people', { action: 'update', person: 'ada@example.com', name: 'Ada King', role: 'manager' });
    expect(changed.isError, textOf(changed)).toBeFalsy();
    expect(changed.structuredContent).toMatchObject({ before: { role: 'worker', name: 'Ada Worker' }, people: [{ role: 'manager', name: 'Ada King' }] });
    const off = await olga.call('manage_people', { action: 'deactivate', person: 'Bob Colleague' });
    expect(off.structuredContent).toMatchObject({ people: [{ id: BOB.id, active: false }] });
    expect(textOf(await olga.call('manage_people', { action: 'deactivate', person: '2' }))).toBe(
      '"Bob Colleague" <"bob@example.com"> (#2) is inactive already. Nothing was changed.',
    );
    expect(textOf(await olga.call('manage_people', { action: 'reactivate', person: '2' }))).toBe('Reactivated "Bob Colleague" <"bob@example.com"> (#2).');
    expect(asked).toEqual([
      'Change "Ada Worker" <"ada@example.com"> (#1): name "Ada Worker" → "Ada King", role "worker" → "manager"?',
      'Deactivate "Bob Colleague" <"bob@example.com"> (#2)? They can no longer sign in; their time stays.',
      'Reactivate "Bob Colleague" <"bob@example.com"> (#2), so they can sign in again?',
    ]);
    expect(writes(fake).map((request) => [request.method, request.path, JSON.parse(request.body)])).toEqual([
      ['PUT', '/api/v3/users/1', { name: 'Ada King', role: 'manager' }],
      ['PUT', '/api/v3/users/2', { active: false }],
      ['PUT', '/api/v3/users/2', { active: true }],
    ]);
    expect(userOf(fake, ADA.id)).toMatchObject({ name: 'Ada King', role: 'manager' });
    expect(userOf(fake, BOB.id).active).toBe(true);
  });
});

describe.each<Era>(['legacy', 'modern'])('the question before a change on Clockodo (%s era)', (era) => {
  it('accepted: creates, deactivates and moves', async () => {
    const fake = await company();
    const asked: string[] = [];
    const olga = await connect(fake, OLGA, { era, elicitation: (params) => (asked.push(params.message), { action: 'accept', content: {} }) });
    expect((await olga.call('manage_people', { action: 'invite', name: 'Grace Hopper', email: 'grace@example.com' })).isError).toBeFalsy();
    expect((await olga.call('manage_people', { action: 'deactivate', person: '1' })).isError).toBeFalsy();
    expect((await olga.call('manage_teams', { action: 'add_members', team: 'Management', people: ['2'] })).isError).toBeFalsy();
    expect(asked).toHaveLength(3);
    expect(fake.state.users.some((user) => user.email === 'grace@example.com')).toBe(true);
    expect(userOf(fake, ADA.id).active).toBe(false);
    expect(userOf(fake, BOB.id).teamsId).toBe(2);
  });

  it.each([
    ['declined', { action: 'decline' } as const, /you said no when asked\. Nothing was changed\./],
    ['dismissed', { action: 'cancel' } as const, /the question was dismissed without an answer\. Nothing was changed\./],
  ])('%s: changes nothing and says so', async (_label, answer, words) => {
    const fake = await company();
    const olga = await connect(fake, OLGA, { era, elicitation: () => answer });
    const invite = await olga.call('manage_people', { action: 'invite', name: 'Grace Hopper', email: 'grace@example.com' });
    expect(textOf(invite)).toMatch(/^"Grace Hopper" was not invited: /);
    expect(textOf(invite)).toMatch(words);
    expect(textOf(await olga.call('manage_people', { action: 'deactivate', person: '1' }))).toMatch(
      /^"Ada Worker" <"ada@example\.com"> \(#1\) was not deactivated: /,
    );
    expect(textOf(await olga.call('manage_people', { action: 'update', person: '1', role: 'manager' }))).toMatch(/was not changed: /);
    expect(textOf(await olga.call('manage_teams', { action: 'add_members', team: 'Management', people: ['2'] }))).toMatch(
      /^Nobody was added to the team "Management" \(#2\): /,
    );
    expect(textOf(await olga.call('manage_teams', { action: 'remove_members', team: 'Development', people: ['2'] }))).toMatch(
      /^Nobody was removed from the team "Development" \(#1\): /,
    );
    expect(writes(fake)).toEqual([]);
    expect(userOf(fake, ADA.id)).toMatchObject({ active: true, role: 'worker', teamsId: 1 });
  });
});
