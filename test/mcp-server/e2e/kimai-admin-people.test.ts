// manage_people on Kimai, through the engine in process against the fake Kimai: a super administrator
// (Root), an administrator (Ann, ROLE_ADMIN: Kimai gives her no view_user), a team lead (Tom) and a
// worker (Ada). Who is offered the tool (a super administrator alone, learned from the profile read),
// Kimai's 403 withdrawing it at once, the list paged by Punchcard (Kimai's is not), each action, the
// refusals in words before anything is sent, and the question before every write in both protocol eras.
import { describe, expect, it } from 'vitest';
import { readDetection } from '../../../mcp-server/providers/kimai/facts.ts';
import { type Era, refusalOf, textOf } from '../../support/engine.ts';
import { ADA, ANN, kimaiAdmin, ROOT, TOM } from '../../support/kimai-admin.ts';
import { modelFacingChars } from '../../support/tool-list-size.ts';
import { DEFAULT_USERS, type FakeKimai, type FakeUser } from '../providers/kimai/fake-kimai.ts';

const { startKimai, connect, offered } = kimaiAdmin('manage_people');

/** Sixty more workers, two of them disabled: 62 active people in all with Ada, Tom, Root and Ann (64 with the disabled). */
const STAFF: FakeUser[] = Array.from({ length: 60 }, (_, index) => ({
  id: 100 + index,
  username: `worker${String(index + 1).padStart(2, '0')}`,
  alias: `Worker ${String(index + 1).padStart(2, '0')}`,
  timezone: 'Europe/Berlin',
  role: 'ROLE_USER',
  token: `token-worker-${index}-0123456789`,
  ...(index >= 58 ? { enabled: false } : {}),
}));

async function kimaiWithPeople() {
  const fake = await startKimai({ users: [...DEFAULT_USERS, ANN, ...STAFF] });
  fake.addTeam('Support', [{ userId: ADA.id }, { userId: TOM.id, teamlead: true }]);
  return fake;
}

const sent = (server: FakeKimai, method: string) => server.requests.filter((request) => request.method === method && request.path.startsWith('/api/users'));
const userOf = (server: FakeKimai, id: number) => server.state.users.find((user) => user.id === id) as FakeUser;

describe('manage_people on Kimai', () => {
  it('is offered to a super administrator alone: not to an administrator, a team lead or a worker', async () => {
    const server = await kimaiWithPeople();
    const root = await connect(server, ROOT);
    await expect.poll(() => offered(root)).toBe(true);
    // Its share of the admin group's budget (test/support/tool-list-size.ts): name, description and input
    // schema. The contract's eight arguments and six actions alone take 453 characters with no description.
    const tool = (await root.client.listTools()).tools.filter((listed) => listed.name === 'manage_people');
    expect(modelFacingChars(tool)).toBeLessThanOrEqual(493);
    await root.close();
    for (const user of [ANN, TOM, ADA]) {
      const handle = await connect(server, user);
      expect(await offered(handle), user.username).toBe(false);
      expect(readDetection(handle.userDataDir, server.url)?.role).toBe(user.role);
      await handle.close();
    }
    // Nobody but Root ever asked Kimai for its people.
    expect(sent(server, 'GET').filter((request) => request.path === '/api/users')).toEqual([]);
  });

  it('withdraws the tool at once when Kimai refuses (403), naming the right, and remembers it until the role changes', async () => {
    const server = await kimaiWithPeople();
    const root = await connect(server, ROOT);
    await expect.poll(() => offered(root)).toBe(true);
    // Root is made an administrator in Kimai; the profile read five minutes ago still says super administrator.
    userOf(server, ROOT.id).role = 'ROLE_ADMIN';
    const refused = await root.call('manage_people', { action: 'list' });
    expect(refused.isError).toBe(true);
    expect(textOf(refused)).toBe(
      'Kimai did not let you list the people (403 Forbidden): your account lacks the permission view_user, which Kimai gives super administrators. Nothing was changed; manage_people is switched off.',
    );
    await expect.poll(() => offered(root)).toBe(false);
    expect(readDetection(root.userDataDir, server.url)?.peopleRefused).toBe(true);
  });

  it('lists the people in pages of 50 from one unpaged read, active ones unless asked, with role, state and teams', async () => {
    const server = await kimaiWithPeople();
    const root = await connect(server, ROOT);
    const first = await root.call('manage_people', { action: 'list' });
    expect(first.isError, textOf(first)).toBeFalsy();
    const data = first.structuredContent as { people: Array<Record<string, unknown>>; page: number; total_pages: number; total: number };
    expect(data).toMatchObject({ page: 1, total_pages: 2, total: 62 });
    expect(data.people).toHaveLength(50);
    expect(data.people[0]).toEqual({ id: ADA.id, name: 'Ada Lovelace', email: 'ada@example.com', role: 'ROLE_USER', active: true, teams: ['Support'] });
    expect(data.people.find((person) => person.id === ANN.id)).toMatchObject({ role: 'ROLE_ADMIN', active: true });
    expect(textOf(first)).toMatch(
      /^62 people \(active\)\. Page 1 of 2; ask for page 2 for more\.\n#1 "Ada Lovelace" <"ada@example\.com">, "ROLE_USER"; teams: "Support"\n/,
    );
    const reads = sent(server, 'GET').filter((request) => request.path === '/api/users');
    expect(reads.map((request) => request.query)).toEqual(['?visible=1&full=true&orderBy=alias']);
    const second = await root.call('manage_people', { action: 'list', page: 2 });
    expect((second.structuredContent?.people as unknown[]).length).toBe(12);
    const all = await root.call('manage_people', { action: 'list', include_inactive: true, page: 2 });
    expect(all.structuredContent).toMatchObject({ total: 64, total_pages: 2 });
    expect((all.structuredContent?.people as Array<{ active: boolean }>).filter((person) => !person.active)).toHaveLength(2);
    const past = await root.call('manage_people', { action: 'list', page: 3 });
    expect(textOf(past)).toBe('There is no page 3 of these people: there are 2 pages.');
    expect(refusalOf(past)).toEqual({ code: 'people_page_missing', facts: { page: 3, pages: 2 } });
  });

  it('shows one person by id, e-mail or name, and says so in words when nobody or nobody known is meant', async () => {
    const server = await kimaiWithPeople();
    const root = await connect(server, ROOT);
    const expected = { id: TOM.id, name: 'Tom Lead', email: 'tom@example.com', role: 'ROLE_TEAMLEAD', active: true, teams: ['Support'] };
    for (const person of ['2', '#2', 'TOM@example.com', 'tom lead']) {
      const shown = await root.call('manage_people', { action: 'show', person });
      expect(shown.structuredContent, person).toEqual({ action: 'show', people: [expected] });
    }
    expect(textOf(await root.call('manage_people', { action: 'show', person: '999' }))).toBe('There is no person #999 in Kimai.');
    expect(textOf(await root.call('manage_people', { action: 'show', person: 'Worker 0' }))).toMatch(
      /^Nobody in Kimai is "Worker 0"; did you mean "Worker 01" <"worker01@example\.com"> \(#100\),/,
    );
    expect(textOf(await root.call('manage_people', { action: 'show' }))).toBe('To show someone, name them as person: their id, e-mail or name.');
  });

  it("invites with Kimai's account: enabled, the e-mail as login, a random password nobody is shown", async () => {
    const server = await kimaiWithPeople();
    const root = await connect(server, ROOT);
    const made = await root.call('manage_people', { action: 'invite', name: 'Grace Hopper', email: 'grace@example.com', role: 'role_teamlead' });
    expect(made.isError, textOf(made)).toBeFalsy();
    const grace = server.state.users.find((user) => user.email === 'grace@example.com');
    expect(grace).toMatchObject({ username: 'grace@example.com', alias: 'Grace Hopper', role: 'ROLE_TEAMLEAD', enabled: true, timezone: 'UTC' });
    expect(made.structuredContent).toEqual({
      action: 'invite',
      people: [{ id: grace?.id, name: 'Grace Hopper', email: 'grace@example.com', role: 'ROLE_TEAMLEAD', active: true, teams: [] }],
    });
    expect(textOf(made)).toMatch(/^Invited "Grace Hopper" <"grace@example\.com"> \(#\d+\)\. Kimai made the account with a random password nobody was shown/);
    const body = JSON.parse(sent(server, 'POST')[0]?.body ?? '{}') as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(['alias', 'email', 'enabled', 'plainPassword', 'roles', 'timezone', 'username']);
    expect(String(body.plainPassword)).toMatch(/^[\w-]{32}$/);
    expect(JSON.stringify(made)).not.toContain(String(body.plainPassword));
    // Kimai's own refusals reach the person in words: the address is taken.
    const twice = await root.call('manage_people', { action: 'invite', name: 'Grace Again', email: 'GRACE@example.com' });
    expect(textOf(twice)).toMatch(/^Kimai refused to create the account: .*email: "The email is already used\."/);
  });

  it('refuses in words, sending nothing: manages, a role Kimai does not have, an address that is none, a missing name, too long a value', async () => {
    const server = await kimaiWithPeople();
    const root = await connect(server, ROOT);
    const before = server.requests.length;
    const cases: Array<[Record<string, unknown>, string | RegExp]> = [
      [{ action: 'invite', name: 'Grace', email: 'grace@example.com', manages: ['Support'] }, /^Kimai's roles name nobody and nothing they manage/],
      [
        { action: 'invite', name: 'Grace', email: 'grace@example.com', role: 'owner' },
        '"owner" is no role here; the roles are "ROLE_USER", "ROLE_TEAMLEAD", "ROLE_ADMIN", "ROLE_SUPER_ADMIN".',
      ],
      [{ action: 'invite', name: 'Grace', email: 'grace at example' }, '"grace at example" is not an e-mail address; give one like ada@example.com.'],
      [{ action: 'invite', email: 'grace@example.com' }, 'To invite someone, give their name and email.'],
      [{ action: 'show', person: 'x'.repeat(201) }, 'person is at most 200 characters long.'],
      [{ action: 'list', page: 0 }, 'page is a number from 1 to 10000.'],
    ];
    for (const [args, words] of cases) {
      const refused = await root.call('manage_people', args);
      expect(refused.isError).toBe(true);
      if (typeof words === 'string') expect(textOf(refused)).toBe(words);
      else expect(textOf(refused)).toMatch(words);
    }
    expect(server.requests.length).toBe(before);
  });

  it("updates a name, an e-mail and a role, names what changes, and refuses one's own role and deactivation", async () => {
    const server = await kimaiWithPeople();
    const asked: string[] = [];
    const root = await connect(server, ROOT, { elicitation: (params) => (asked.push(params.message), { action: 'accept', content: {} }) });
    const changed = await root.call('manage_people', {
      action: 'update',
      person: 'ada@example.com',
      name: 'Ada King',
      email: 'ada.king@example.com',
      role: 'ROLE_TEAMLEAD',
    });
    expect(changed.isError, textOf(changed)).toBeFalsy();
    expect(asked).toEqual([
      'Change "Ada Lovelace" <"ada@example.com"> (#1): name "Ada Lovelace" → "Ada King", e-mail "ada@example.com" → "ada.king@example.com", role "ROLE_USER" → "ROLE_TEAMLEAD"?',
    ]);
    expect(userOf(server, ADA.id)).toMatchObject({ alias: 'Ada King', email: 'ada.king@example.com', role: 'ROLE_TEAMLEAD' });
    expect(JSON.parse(sent(server, 'PATCH')[0]?.body ?? '{}')).toEqual({ alias: 'Ada King', email: 'ada.king@example.com', roles: ['ROLE_TEAMLEAD'] });
    const same = await root.call('manage_people', { action: 'update', person: '1', name: 'Ada King' });
    expect(textOf(same)).toBe('"Ada King" <"ada.king@example.com"> (#1) has these already. Nothing was changed.');
    const patches = sent(server, 'PATCH').length;
    expect(textOf(await root.call('manage_people', { action: 'update', person: '3', role: 'ROLE_USER' }))).toBe(
      'You cannot change your own role: another administrator can. Nothing was sent.',
    );
    expect(textOf(await root.call('manage_people', { action: 'deactivate', person: '3' }))).toBe(
      'You cannot deactivate your own account: you would lock yourself out. Another administrator can. Nothing was sent.',
    );
    expect(sent(server, 'PATCH').length).toBe(patches);
    expect(asked).toHaveLength(1);
  });

  it('deactivates and reactivates through enabled, and says when nothing is to change', async () => {
    const server = await kimaiWithPeople();
    const asked: string[] = [];
    const root = await connect(server, ROOT, { elicitation: (params) => (asked.push(params.message), { action: 'accept', content: {} }) });
    const off = await root.call('manage_people', { action: 'deactivate', person: 'Tom Lead' });
    expect(off.structuredContent).toMatchObject({ people: [{ id: TOM.id, active: false }] });
    expect(userOf(server, TOM.id).enabled).toBe(false);
    expect(textOf(await root.call('manage_people', { action: 'deactivate', person: '2' }))).toBe(
      '"Tom Lead" <"tom@example.com"> (#2) is inactive already. Nothing was changed.',
    );
    const on = await root.call('manage_people', { action: 'reactivate', person: 'tom@example.com' });
    expect(textOf(on)).toBe('Reactivated "Tom Lead" <"tom@example.com"> (#2).');
    expect(userOf(server, TOM.id).enabled).toBe(true);
    expect(asked).toEqual([
      'Deactivate "Tom Lead" <"tom@example.com"> (#2)? They can no longer sign in; their time stays.',
      'Reactivate "Tom Lead" <"tom@example.com"> (#2), so they can sign in again?',
    ]);
    expect(sent(server, 'PATCH').map((request) => JSON.parse(request.body))).toEqual([{ enabled: false }, { enabled: true }]);
  });
});

describe.each<Era>(['legacy', 'modern'])('the question before a change to people (%s era)', (era) => {
  it('names the invitation, and invites once confirmed', async () => {
    const server = await kimaiWithPeople();
    const asked: string[] = [];
    const root = await connect(server, ROOT, { era, elicitation: (params) => (asked.push(params.message), { action: 'accept', content: {} }) });
    const made = await root.call('manage_people', { action: 'invite', name: 'Grace Hopper', email: 'grace@example.com' });
    expect(made.isError, textOf(made)).toBeFalsy();
    expect(asked).toEqual(['Invite "Grace Hopper" <grace@example.com>? They get an account that can sign in.']);
    expect(server.state.users.some((user) => user.email === 'grace@example.com')).toBe(true);
  });

  it.each([
    ['declined', { action: 'decline' } as const, /you said no when asked\. Nothing was changed\./],
    ['dismissed', { action: 'cancel' } as const, /the question was dismissed without an answer\. Nothing was changed\./],
  ])('%s, changes nothing and says so', async (_label, answer, words) => {
    const server = await kimaiWithPeople();
    const root = await connect(server, ROOT, { era, elicitation: () => answer });
    const invite = await root.call('manage_people', { action: 'invite', name: 'Grace Hopper', email: 'grace@example.com' });
    expect(textOf(invite)).toMatch(/^"Grace Hopper" was not invited: /);
    expect(textOf(invite)).toMatch(words);
    const off = await root.call('manage_people', { action: 'deactivate', person: '1' });
    expect(textOf(off)).toMatch(/^"Ada Lovelace" <"ada@example\.com"> \(#1\) was not deactivated: /);
    const update = await root.call('manage_people', { action: 'update', person: '1', role: 'ROLE_ADMIN' });
    expect(textOf(update)).toMatch(/^"Ada Lovelace" <"ada@example\.com"> \(#1\) was not changed: /);
    expect(sent(server, 'POST')).toEqual([]);
    expect(sent(server, 'PATCH')).toEqual([]);
    expect(userOf(server, ADA.id)).toMatchObject({ role: 'ROLE_USER' });
    expect(userOf(server, ADA.id).enabled).toBeUndefined();
  });
});
