// manage_teams on Clockodo, through the engine in process against the fake Clockodo: the owner (Olga)
// administers the company's teams as an administrator does Kimai's. Listed and shown with members and
// leader; created (`POST /v3/teams`, its leader in the same request, the members moved in one by one),
// renamed and given a leader (`PUT /v3/teams/{id}`; one leader a team, who replaces the one before) and
// deleted (`DELETE /v3/teams/{id}`, its members then in no team); members added (moving them out of
// their team, said) and removed, a removed leader taking the lead away with them. What the API cannot do
// (a team's access) is refused in words with nothing sent; Clockodo's 403 withdraws the tool at once,
// its 404 and 5xx are said in words, and every change asks first in both protocol eras.
import { describe, expect, it } from 'vitest';
import { accept as yes, offeredOf } from '../../support/admin-engine.ts';
import { ADA, BOB, clockodoAdmin, MIA, OLGA } from '../../support/clockodo-admin.ts';
import { type Era, textOf } from '../../support/engine.ts';
import { DEFAULT_USERS, type FakeClockodo, type FakeUser } from '../providers/clockodo/fake-clockodo.ts';

const { startClockodo, connect } = clockodoAdmin({ manage_teams: true });

/** Development (#1: Ada, Bob) has no leader; Mia leads Management (#2), of which she is the only member. */
async function company() {
  const fake = await startClockodo(DEFAULT_USERS);
  (fake.state.teams.find((team) => team.id === 2) as { leader: number | null }).leader = MIA.id;
  return fake;
}

const writes = (fake: FakeClockodo) =>
  fake.requests.filter((request) => request.method !== 'GET').map((request) => [request.method, request.path, request.body ? JSON.parse(request.body) : null]);
const teamWrites = (fake: FakeClockodo) => writes(fake).filter(([, path]) => String(path).startsWith('/api/v3/teams'));
const userOf = (fake: FakeClockodo, id: number) => fake.state.users.find((user) => user.id === id) as FakeUser;
const teamOf = (fake: FakeClockodo, name: string) => fake.state.teams.find((team) => team.name === name);
const asking = (asked: string[]) => ({
  elicitation: (params: { message: string }) => (asked.push(params.message), { action: 'accept' as const, content: {} }),
});

describe('manage_teams on Clockodo', () => {
  it('lists the teams and shows one with its members and its leader, and a leader outside the team as such', async () => {
    const fake = await company();
    const olga = await connect(fake, OLGA);
    const list = await olga.call('manage_teams', { action: 'list' });
    expect(list.structuredContent).toEqual({
      action: 'list',
      teams: [
        { id: 3, name: 'Big team' },
        { id: 1, name: 'Development' },
        { id: 2, name: 'Management' },
      ],
    });
    const shown = await olga.call('manage_teams', { action: 'show', team: 'management' });
    expect(shown.structuredContent).toEqual({
      action: 'show',
      teams: [{ id: 2, name: 'Management', members: [{ id: MIA.id, name: 'Mia Manager', lead: true }] }],
    });
    expect(textOf(shown)).toMatch(/^Team "Management" \(#2\): 1 member\.\nLead: "Mia Manager" \(#3\)\./);
    // Clockodo's leader need not be a member: Mia leads Development from outside it.
    (fake.state.teams.find((team) => team.id === 1) as { leader: number | null }).leader = MIA.id;
    expect(textOf(await olga.call('manage_teams', { action: 'show', team: 'Development' }))).toMatch(
      /^Team "Development" \(#1\): 2 members\.\nLead: "Mia Manager" \(#3\), not a member\.\nMembers: "Ada Worker" \(#1\) and "Bob Colleague" \(#2\)\./,
    );
  });

  it('creates a team with its leader in one request, then moves the members in one by one, saying from where', async () => {
    const fake = await company();
    const asked: string[] = [];
    const olga = await connect(fake, OLGA, asking(asked));
    const made = await olga.call('manage_teams', { action: 'create', name: 'Support', people: ['ada@example.com'], lead: 'Bob Colleague' });
    expect(made.isError, textOf(made)).toBeFalsy();
    const support = teamOf(fake, 'Support');
    expect(support).toMatchObject({ leader: BOB.id });
    const moves =
      'Clockodo keeps one team per person: "Ada Worker" (#1) leaves the team "Development" (#1); "Bob Colleague" (#2) leaves the team "Development" (#1); they join "Support".';
    expect(asked).toEqual([`Create the team "Support" with "Ada Worker" (#1) and "Bob Colleague" (#2, lead)? ${moves}`]);
    expect(textOf(made)).toBe(`Created the team "Support" (#${support?.id}) with "Bob Colleague" (#2) and "Ada Worker" (#1). ${moves}`);
    expect(made.structuredContent).toEqual({
      action: 'create',
      teams: [
        {
          id: support?.id,
          name: 'Support',
          members: [
            { id: BOB.id, name: 'Bob Colleague', lead: true },
            { id: ADA.id, name: 'Ada Worker', lead: false },
          ],
        },
      ],
    });
    expect(writes(fake)).toEqual([
      ['POST', '/api/v3/teams', { name: 'Support', leader: BOB.id }],
      ['PUT', '/api/v3/users/1', { teams_id: support?.id }],
      ['PUT', '/api/v3/users/2', { teams_id: support?.id }],
    ]);
    expect([userOf(fake, ADA.id).teamsId, userOf(fake, BOB.id).teamsId]).toEqual([support?.id, support?.id]);

    // Nobody named: the owner herself, who then leads it.
    const alone = await olga.call('manage_teams', { action: 'create', name: 'Board' });
    expect(alone.isError, textOf(alone)).toBeFalsy();
    expect(asked[1]).toBe(
      'Create the team "Board" with "Olga Owner" (#4, lead)? Clockodo keeps one team per person: "Olga Owner" (#4) is in no team now; they join "Board".',
    );
    expect(teamOf(fake, 'Board')).toMatchObject({ leader: OLGA.id });
    expect(userOf(fake, OLGA.id).teamsId).toBe(teamOf(fake, 'Board')?.id);

    const before = writes(fake).length;
    expect(textOf(await olga.call('manage_teams', { action: 'create', name: 'support' }))).toBe(
      `The team "Support" (#${support?.id}) exists already. Nothing was created.`,
    );
    expect(textOf(await olga.call('manage_teams', { action: 'create', name: 'X' }))).toBe('A team name is 2 to 100 characters long.');
    expect(writes(fake).length).toBe(before);
  });

  it('renames a team and gives it a leader, who replaces the one before; one leader a team', async () => {
    const fake = await company();
    const asked: string[] = [];
    const olga = await connect(fake, OLGA, asking(asked));
    expect(textOf(await olga.call('manage_teams', { action: 'rename', team: 'Development', name: 'Management' }))).toBe(
      'Another team is called that: "Management" (#2). Nothing was changed.',
    );
    const renamed = await olga.call('manage_teams', { action: 'rename', team: 'Development', name: 'Engineering' });
    expect(textOf(renamed)).toBe('Renamed the team "Development" (#1) to "Engineering".');
    expect(teamOf(fake, 'Engineering')?.id).toBe(1);

    const two = await olga.call('manage_teams', { action: 'set_lead', team: 'Engineering', people: ['Ada Worker', 'Bob Colleague'] });
    expect(textOf(two)).toBe('A team in Clockodo has one leader: name one person as lead. Nothing was changed.');
    const outsider = await olga.call('manage_teams', { action: 'set_lead', team: 'Engineering', lead: 'Mia Manager' });
    expect(textOf(outsider)).toBe('"Mia Manager" (#3) is not a member of the team "Engineering" (#1): add them with add_members first. Nothing was changed.');
    const first = await olga.call('manage_teams', { action: 'set_lead', team: 'Engineering', lead: 'Ada Worker' });
    expect(textOf(first)).toBe('"Ada Worker" (#1) now leads the team "Engineering" (#1).');
    expect(first.structuredContent).toMatchObject({
      teams: [
        {
          members: [
            { id: ADA.id, lead: true },
            { id: BOB.id, lead: false },
          ],
        },
      ],
    });
    const already = await olga.call('manage_teams', { action: 'set_lead', team: 'Engineering', lead: 'Ada Worker' });
    expect(textOf(already)).toBe('"Ada Worker" (#1) leads the team "Engineering" (#1) already. Nothing was changed.');
    const next = await olga.call('manage_teams', { action: 'set_lead', team: 'Engineering', lead: '#2' });
    expect(textOf(next)).toBe('"Bob Colleague" (#2) now leads the team "Engineering" (#1).');
    expect(asked).toEqual([
      'Rename the team "Development" (#1) to "Engineering"?',
      'Make "Ada Worker" (#1) the lead of the team "Engineering" (#1)? Nobody leads it now.',
      'Make "Bob Colleague" (#2) the lead of the team "Engineering" (#1)? "Ada Worker" (#1) leads it now and no longer will.',
    ]);
    expect(teamWrites(fake)).toEqual([
      ['PUT', '/api/v3/teams/1', { name: 'Engineering' }],
      ['PUT', '/api/v3/teams/1', { leader: ADA.id }],
      ['PUT', '/api/v3/teams/1', { leader: BOB.id }],
    ]);
    expect(teamOf(fake, 'Engineering')?.leader).toBe(BOB.id);
  });

  it('names a leader who leads from outside the team in the question, as the one replaced', async () => {
    const fake = await company();
    // Mia leads Development without being in it.
    (fake.state.teams.find((team) => team.id === 1) as { leader: number | null }).leader = MIA.id;
    const asked: string[] = [];
    const olga = await connect(fake, OLGA, asking(asked));
    const made = await olga.call('manage_teams', { action: 'set_lead', team: 'Development', lead: 'Bob Colleague' });
    expect(textOf(made)).toBe('"Bob Colleague" (#2) now leads the team "Development" (#1).');
    expect(asked).toEqual(['Make "Bob Colleague" (#2) the lead of the team "Development" (#1)? "Mia Manager" (#3) leads it now and no longer will.']);
    expect(teamOf(fake, 'Development')?.leader).toBe(BOB.id);
  });

  it('deletes a team, whose members are then in no team', async () => {
    const fake = await company();
    const asked: string[] = [];
    const olga = await connect(fake, OLGA, asking(asked));
    const deleted = await olga.call('manage_teams', { action: 'delete', team: 'development' });
    expect(deleted.structuredContent).toEqual({ action: 'delete', teams: [], deleted: { id: 1, name: 'Development' } });
    expect(textOf(deleted)).toBe('Deleted the team "Development" (#1).');
    expect(asked).toEqual([
      'Delete the team "Development" (#1) and its 2 memberships ("Ada Worker" (#1) and "Bob Colleague" (#2))? Their time entries stay; they are in no team afterwards.',
    ]);
    expect(writes(fake)).toEqual([['DELETE', '/api/v3/teams/1', null]]);
    expect(teamOf(fake, 'Development')).toBeUndefined();
    expect([userOf(fake, ADA.id).teamsId, userOf(fake, BOB.id).teamsId]).toEqual([null, null]);
  });

  it('adds a member by moving them out of their team, and removes one; a leader removed takes the lead away too', async () => {
    const fake = await company();
    const asked: string[] = [];
    const olga = await connect(fake, OLGA, asking(asked));
    const added = await olga.call('manage_teams', { action: 'add_members', team: 'Management', people: ['ada@example.com', 'Olga Owner'] });
    expect(added.isError, textOf(added)).toBeFalsy();
    const moves =
      'Clockodo keeps one team per person: "Ada Worker" (#1) leaves the team "Development" (#1); "Olga Owner" (#4) is in no team now; they join "Management" (#2).';
    expect(asked).toEqual([`Add "Ada Worker" (#1) and "Olga Owner" (#4) to the team "Management" (#2)? It has 1 member now. ${moves}`]);
    expect(textOf(added)).toBe(`Added "Ada Worker" (#1) and "Olga Owner" (#4) to the team "Management" (#2); it has 3 members now. ${moves}`);
    const removed = await olga.call('manage_teams', { action: 'remove_members', team: 'Development', people: ['Bob Colleague'] });
    expect(removed.isError, textOf(removed)).toBeFalsy();
    expect(asked[1]).toBe('Remove "Bob Colleague" (#2) from the team "Development" (#1)? Nobody stays in it.');
    expect(userOf(fake, BOB.id).teamsId).toBeNull();
    const leader = await olga.call('manage_teams', { action: 'remove_members', team: 'Management', people: ['3'] });
    const goes = '"Mia Manager" (#3) no longer leads "Management" either: Clockodo keeps it without a leader.';
    expect(asked[2]).toBe(`Remove "Mia Manager" (#3) from the team "Management" (#2)? "Ada Worker" (#1) and "Olga Owner" (#4) stay. ${goes}`);
    expect(textOf(leader)).toBe(`Removed "Mia Manager" (#3) from the team "Management" (#2); 2 members stay. ${goes}`);
    expect(writes(fake)).toEqual([
      ['PUT', '/api/v3/users/1', { teams_id: 2 }],
      ['PUT', '/api/v3/users/4', { teams_id: 2 }],
      ['PUT', '/api/v3/users/2', { teams_id: null }],
      ['PUT', '/api/v3/users/3', { teams_id: null }],
      ['PUT', '/api/v3/teams/2', { leader: null }],
    ]);
    expect(teamOf(fake, 'Management')?.leader).toBeNull();
    expect(userOf(fake, MIA.id).teamsId).toBeNull();
  });

  it.each([
    [{ action: 'grant', team: 'Development', kind: 'project', item: 'Website' }, /^Clockodo's API shows access rights read-only \(per person, not per team\)/],
    [{ action: 'revoke', team: 'Development', kind: 'customer', item: 'Acme' }, /^Clockodo's API shows access rights read-only/],
  ])('refuses %o in words, reading and sending nothing', async (args, words) => {
    const fake = await company();
    const olga = await connect(fake, OLGA, { elicitation: yes });
    const before = fake.requests.length;
    const refused = await olga.call('manage_teams', args);
    expect(refused.isError).toBe(true);
    expect(textOf(refused)).toMatch(words);
    expect(textOf(refused)).toMatch(/Do it in Clockodo itself\. Nothing was sent\.$/);
    expect(fake.requests.length).toBe(before);
  });
});

describe("Clockodo's refusals and failures of a team change", () => {
  it('withdraws manage_teams at once when Clockodo refuses a team change (403), naming the owner’s right', async () => {
    const fake = await company();
    const olga = await connect(fake, OLGA, { elicitation: yes });
    await expect.poll(() => offeredOf(olga, ['manage_teams'])).toEqual(['manage_teams']);
    // Olga hands the company over; the person read a moment ago still says owner.
    userOf(fake, OLGA.id).role = 'manager';
    const refused = await olga.call('manage_teams', { action: 'rename', team: 'Development', name: 'Engineering' });
    expect(refused.isError).toBe(true);
    expect(textOf(refused)).toBe(
      "Clockodo did not let you rename the team Development (403 Forbidden): administering co-workers and their teams is the company owner's right, which your account does not hold. Nothing was changed; manage_teams is switched off.",
    );
    await expect.poll(() => offeredOf(olga, ['manage_teams'])).toEqual([]);
    expect(teamOf(fake, 'Development')?.id).toBe(1);
    expect(fake.requests.filter((request) => request.method === 'PUT' && request.path === '/api/v3/teams/1').map((request) => request.status)).toEqual([403]);
  });

  it('says so in words when the team is gone (404) or Clockodo fails (500), and what a create did before a failure', async () => {
    const fake = await company();
    const olga = await connect(fake, OLGA, { elicitation: yes });
    fake.failNext(
      { method: 'PUT', path: '/api/v3/teams/1' },
      { status: 404, body: { errors: [{ type: 'ResourceNotFound', message: 'The team does not exist.', details: null, path: null }] } },
    );
    const gone = await olga.call('manage_teams', { action: 'set_lead', team: 'Development', lead: 'Ada Worker' });
    expect(gone.isError).toBe(true);
    expect(textOf(gone)).toBe('There is no team #1 in Clockodo any more.');
    fake.failNext(
      { method: 'DELETE', path: '/api/v3/teams/1' },
      { status: 500, body: { errors: [{ type: 'InternalError', message: 'Oops', details: null, path: null }] } },
    );
    const broken = await olga.call('manage_teams', { action: 'delete', team: 'Development' });
    expect(broken.isError).toBe(true);
    expect(textOf(broken)).toBe('Clockodo had an internal error (500) trying to delete the team Development. Try again later.');
    expect(teamOf(fake, 'Development')).toMatchObject({ id: 1, leader: null });
    expect(userOf(fake, ADA.id).teamsId).toBe(1);

    // The team is made and Ada moved in; Bob's move fails: the answer says which were and were not.
    fake.failNext({ method: 'PUT', path: '/api/v3/users/2' }, { status: 500, body: { errors: [] } });
    const partly = await olga.call('manage_teams', { action: 'create', name: 'Support', people: ['Ada Worker', 'Bob Colleague'] });
    expect(partly.isError).toBe(true);
    const support = teamOf(fake, 'Support');
    expect(textOf(partly)).toBe(
      `Created the team "Support" (#${support?.id}) and moved "Ada Worker" (#1) into it; then: Clockodo had an internal error (500) trying to add "Bob Colleague" to the team "Support". Try again later. Not moved: "Bob Colleague" (#2).`,
    );
    expect([userOf(fake, ADA.id).teamsId, userOf(fake, BOB.id).teamsId]).toEqual([support?.id, 1]);
  });
});

describe.each<Era>(['legacy', 'modern'])('the question before a team change on Clockodo (%s era)', (era) => {
  const CASES: Array<{ args: Record<string, unknown>; unchanged: RegExp }> = [
    { args: { action: 'create', name: 'Support', people: ['ada@example.com'] }, unchanged: /^The team "Support" was not created: / },
    { args: { action: 'rename', team: 'Development', name: 'Engineering' }, unchanged: /^The team "Development" \(#1\) was not renamed: / },
    { args: { action: 'set_lead', team: 'Development', lead: 'bob@example.com' }, unchanged: /^Nobody was made a lead of the team "Development" \(#1\): / },
    { args: { action: 'delete', team: 'Development' }, unchanged: /^The team "Development" \(#1\) was not deleted: / },
  ];
  const snapshot = (fake: FakeClockodo) => JSON.stringify([fake.state.teams, fake.state.users.map((user) => [user.id, user.teamsId])]);

  it.each(CASES)('asks before $args.action, and changes it once accepted', async ({ args }) => {
    const fake = await company();
    const before = snapshot(fake);
    const asked: string[] = [];
    const olga = await connect(fake, OLGA, { era, ...asking(asked) });
    const done = await olga.call('manage_teams', args);
    expect(done.isError, textOf(done)).toBeFalsy();
    expect(asked).toHaveLength(1);
    expect(snapshot(fake)).not.toBe(before);
  });

  it.each(CASES.flatMap((item) => (['decline', 'cancel'] as const).map((answer) => ({ ...item, answer }))))(
    'changes nothing when asked before $args.action and answered $answer',
    async ({ args, unchanged, answer }) => {
      const fake = await company();
      const before = snapshot(fake);
      const olga = await connect(fake, OLGA, { era, elicitation: () => ({ action: answer }) });
      const refused = await olga.call('manage_teams', args);
      expect(refused.isError).toBe(true);
      expect(textOf(refused)).toMatch(unchanged);
      expect(textOf(refused)).toMatch(
        answer === 'decline' ? /you said no when asked\. Nothing was changed\.$/ : /the question was dismissed without an answer\. Nothing was changed\.$/,
      );
      expect(snapshot(fake)).toBe(before);
      expect(writes(fake)).toEqual([]);
    },
  );
});
