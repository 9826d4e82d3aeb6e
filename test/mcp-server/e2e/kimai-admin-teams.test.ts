// manage_teams on Kimai, through the engine in process against the fake Kimai: an administrator (Ann,
// ROLE_ADMIN, who may not list accounts), a super administrator (root), a team lead (Tom) and a worker
// (Ada). Who is offered the tool, each action, refusals in words before anything is sent (the bare
// 400s Kimai would answer), the question before each change in both protocol eras naming what
// changes, and Kimai's 403 withdrawing the tool at once.
import { describe, expect, it } from 'vitest';
import { readDetection } from '../../../mcp-server/providers/kimai/facts.ts';
import { type Era, refusalOf, textOf } from '../../support/engine.ts';
import { ADA, ANN, kimaiAdmin, ROOT, TOM } from '../../support/kimai-admin.ts';
import { DEFAULT_USERS, type FakeKimai, type FakeKimaiConfig, type FakeUser, seedCatalog } from '../providers/kimai/fake-kimai.ts';

const { startKimai, connect, offered: listed } = kimaiAdmin('manage_teams');

const BEA: FakeUser = { id: 8, username: 'bea', alias: 'Bea Busy', timezone: 'Europe/Berlin', role: 'ROLE_USER', token: 'token-bea-0123456789' };
/** In no team and with no time recorded: an administrator's Kimai shows her nowhere. */
const CID: FakeUser = { id: 9, username: 'cid', alias: 'Cid Quiet', timezone: 'Europe/Berlin', role: 'ROLE_USER', token: 'token-cid-0123456789' };

/** Team "Web" (#50: Tom leads, Ada is a member) with access to the project Website; Bea recorded an hour last week. */
async function kimaiWithTeams(revoked: FakeKimaiConfig['revoked'] = {}) {
  const fake = await startKimai({ config: { revoked }, users: [...DEFAULT_USERS, ANN, BEA, CID] });
  const catalog = seedCatalog(fake);
  fake.state.teams.push({
    id: 50,
    name: 'Web',
    members: [
      { userId: TOM.id, teamlead: true },
      { userId: ADA.id, teamlead: false },
    ],
    projects: [catalog.website.id],
  });
  const begin = Date.parse('2026-11-16T09:00:00+01:00');
  fake.addTimesheet({ userId: BEA.id, begin, end: begin + 3_600_000, projectId: catalog.website.id, activityId: catalog.design.id });
  return { server: fake, ...catalog };
}

const writes = (server: FakeKimai) => server.requests.filter((request) => request.method !== 'GET' && request.path.startsWith('/api/teams'));
const web = (server: FakeKimai) => server.state.teams.find((team) => team.id === 50);

describe('manage_teams on Kimai', () => {
  it('is offered to an administrator and a super administrator, not to a team lead or a worker', async () => {
    const { server } = await kimaiWithTeams();
    for (const [user, offered] of [
      [ANN, true],
      [ROOT, true],
      [TOM, false],
      [ADA, false],
    ] as const) {
      const handle = await connect(server, user);
      if (offered) await expect.poll(() => listed(handle)).toBe(true);
      else expect(await listed(handle)).toBe(false);
      await handle.close();
    }
  });

  it('lists the teams and shows one with its leads, members and access', async () => {
    const { server, website } = await kimaiWithTeams();
    const admin = await connect(server, ANN);
    const list = await admin.call('manage_teams', { action: 'list' });
    expect(list.structuredContent).toEqual({ action: 'list', teams: [{ id: 50, name: 'Web' }] });
    const show = await admin.call('manage_teams', { action: 'show', team: 'web' });
    expect(show.structuredContent).toEqual({
      action: 'show',
      teams: [
        {
          id: 50,
          name: 'Web',
          members: [
            { id: TOM.id, name: 'Tom Lead', lead: true },
            { id: ADA.id, name: 'Ada Lovelace', lead: false },
          ],
          access: { customers: [], projects: [{ id: website.id, name: 'Website' }], activities: [] },
        },
      ],
    });
    expect(textOf(show)).toBe(
      `Team "Web" (#50): 2 members.\nLead: "Tom Lead" (#2).\nMembers: "Ada Lovelace" (#1).\nAccess to projects: "Website" (#${website.id}).`,
    );
    const unknown = await admin.call('manage_teams', { action: 'show', team: 'Sales' });
    expect(textOf(unknown)).toBe('There is no team "Sales"; the teams are "Web" (#50).');
  });

  it('creates a team with a lead, and with the person herself where nobody is named; refuses one without a lead in words', async () => {
    const { server } = await kimaiWithTeams();
    const admin = await connect(server, ANN);
    const made = await admin.call('manage_teams', { action: 'create', name: 'Ops', people: ['Ada Lovelace', 'bea'], lead: '#2' });
    expect(made.isError, textOf(made)).toBeFalsy();
    expect(server.state.teams.find((team) => team.name === 'Ops')?.members).toEqual([
      { userId: ADA.id, teamlead: false },
      { userId: BEA.id, teamlead: false },
      { userId: TOM.id, teamlead: true },
    ]);
    const alone = await admin.call('manage_teams', { action: 'create', name: 'Solo' });
    expect(alone.isError, textOf(alone)).toBeFalsy();
    expect(server.state.teams.find((team) => team.name === 'Solo')?.members).toEqual([{ userId: ANN.id, teamlead: true }]);
    const before = writes(server).length;
    const leaderless = await admin.call('manage_teams', { action: 'create', name: 'Nobody leads', people: ['ada'] });
    expect(textOf(leaderless)).toMatch(/keeps no team without a lead: name one of the people \(or yourself\) as lead\. Nothing was created\.$/);
    const twice = await admin.call('manage_teams', { action: 'create', name: 'web' });
    expect(textOf(twice)).toBe('The team "Web" (#50) exists already. Nothing was created.');
    const short = await admin.call('manage_teams', { action: 'create', name: 'X' });
    expect(textOf(short)).toBe('A team name is 2 to 100 characters long.');
    expect(writes(server).length).toBe(before);
  });

  it('finds people by id, name, username and, for a super administrator, e-mail; refuses in words whom it cannot find', async () => {
    const { server } = await kimaiWithTeams();
    const admin = await connect(server, ANN);
    // Bea is in no team: her time entry names her to an administrator.
    const added = await admin.call('manage_teams', { action: 'add_members', team: '50', people: ['Bea Busy'] });
    expect(added.isError, textOf(added)).toBeFalsy();
    // Cid is in no team and recorded nothing; an administrator may name him by id alone.
    const quiet = await admin.call('manage_teams', { action: 'add_members', team: 'Web', people: ['Cid Quiet'] });
    expect(textOf(quiet)).toBe(
      'Punchcard cannot find "Cid Quiet" among you, the members of every team and whoever recorded time in the last 30 days (Kimai lists every account only to a super administrator). Nothing was changed.',
    );
    const email = await admin.call('manage_teams', { action: 'add_members', team: 'Web', people: ['cid@example.com'] });
    expect(textOf(email)).toMatch(
      /^Punchcard cannot find the e-mail address "cid@example\.com" among .* Kimai shows an administrator no one else’s e-mail address: name them by their name in Kimai or their user id\. Nothing was changed\.$/,
    );
    const byId = await admin.call('manage_teams', { action: 'add_members', team: 'Web', people: ['#9'] });
    expect(byId.isError, textOf(byId)).toBeFalsy();
    expect(web(server)?.members.map((member) => member.userId)).toEqual([TOM.id, ADA.id, BEA.id, CID.id]);
    expect(server.requests.some((request) => request.path === '/api/users')).toBe(false);
    await admin.close();
    // A super administrator's Kimai lists every account, with its e-mail.
    const root = await connect(server, ROOT);
    const removed = await root.call('manage_teams', { action: 'remove_members', team: 'Web', people: ['cid@example.com'] });
    expect(removed.isError, textOf(removed)).toBeFalsy();
    expect(web(server)?.members.map((member) => member.userId)).toEqual([TOM.id, ADA.id, BEA.id]);
  });

  it('adds and removes members one request each, and never sends what Kimai would answer with a bare 400', async () => {
    const { server } = await kimaiWithTeams();
    const admin = await connect(server, ANN);
    const before = writes(server).length;
    const existing = await admin.call('manage_teams', { action: 'add_members', team: 'Web', people: ['ada'] });
    expect(textOf(existing)).toBe('"Ada Lovelace" (#1) is a member of the team "Web" (#50) already: leave them out. Nothing was changed.');
    const outsider = await admin.call('manage_teams', { action: 'remove_members', team: 'Web', people: ['Ann Admin'] });
    expect(textOf(outsider)).toBe('"Ann Admin" (#7) is not a member of the team "Web" (#50). Nothing was changed.');
    const lead = await admin.call('manage_teams', { action: 'remove_members', team: 'Web', people: ['tom'] });
    expect(textOf(lead)).toMatch(
      /^"Tom Lead" \(#2\) leads the team "Web" \(#50\), and Kimai \(.*\) removes no team lead through its API: take the lead away in its Teams page first\. Nothing was changed\.$/,
    );
    expect(writes(server).length).toBe(before);
    const added = await admin.call('manage_teams', { action: 'add_members', team: 'Web', people: ['ann', 'bea'] });
    expect(textOf(added)).toBe('Added "Ann Admin" (#7) and "Bea Busy" (#8) to the team "Web" (#50); it has 4 members now.');
    const removed = await admin.call('manage_teams', { action: 'remove_members', team: 'Web', people: ['ada', 'bea'] });
    expect(textOf(removed)).toBe('Removed "Ada Lovelace" (#1) and "Bea Busy" (#8) from the team "Web" (#50); 2 members stay.');
    expect(writes(server).map((request) => `${request.method} ${request.path}`)).toEqual([
      'POST /api/teams/50/members/7',
      'POST /api/teams/50/members/8',
      'DELETE /api/teams/50/members/1',
      'DELETE /api/teams/50/members/8',
    ]);
  });

  it('refuses to remove the last member in words: a team with a lead but no one else keeps its lead', async () => {
    const { server } = await kimaiWithTeams();
    // A team Kimai kept without a lead (made before leads were required): its last member may not go.
    server.state.teams.push({ id: 60, name: 'Legacy', members: [{ userId: ADA.id, teamlead: false }] });
    const admin = await connect(server, ANN);
    const last = await admin.call('manage_teams', { action: 'remove_members', team: 'Legacy', people: ['ada'] });
    expect(textOf(last)).toBe('That would leave the team "Legacy" (#60) without members, which it cannot be: delete the team instead. Nothing was changed.');
    expect(writes(server)).toEqual([]);
  });

  it('makes a member a lead by sending the whole member list, nobody lost', async () => {
    const { server } = await kimaiWithTeams();
    const admin = await connect(server, ANN);
    const outsider = await admin.call('manage_teams', { action: 'set_lead', team: 'Web', lead: 'bea' });
    expect(textOf(outsider)).toBe('"Bea Busy" (#8) is not a member of the team "Web" (#50): add them with add_members first. Nothing was changed.');
    const already = await admin.call('manage_teams', { action: 'set_lead', team: 'Web', lead: 'tom' });
    expect(textOf(already)).toBe('"Tom Lead" (#2) leads the team "Web" (#50) already. Nothing was changed.');
    const made = await admin.call('manage_teams', { action: 'set_lead', team: 'Web', lead: 'Ada Lovelace' });
    expect(textOf(made)).toBe('"Ada Lovelace" (#1) now leads the team "Web" (#50).');
    const patch = writes(server).at(-1);
    expect(patch && { method: patch.method, path: patch.path, body: JSON.parse(patch.body) }).toEqual({
      method: 'PATCH',
      path: '/api/teams/50',
      body: {
        members: [
          { user: TOM.id, teamlead: true },
          { user: ADA.id, teamlead: true },
        ],
      },
    });
    expect(web(server)?.members).toEqual([
      { userId: TOM.id, teamlead: true },
      { userId: ADA.id, teamlead: true },
    ]);
  });

  it('renames, grants and revokes access to a catalog item by name, and deletes a team', async () => {
    const { server, website, acme, meeting } = await kimaiWithTeams();
    const admin = await connect(server, ANN);
    expect(textOf(await admin.call('manage_teams', { action: 'rename', team: 'Web', name: 'Web' }))).toBe(
      'The team "Web" (#50) has that name already. Nothing was changed.',
    );
    expect(textOf(await admin.call('manage_teams', { action: 'rename', team: 'Web', name: 'Frontend' }))).toBe('Renamed the team "Web" (#50) to "Frontend".');
    expect(web(server)?.name).toBe('Frontend');
    expect(textOf(await admin.call('manage_teams', { action: 'grant', team: '50', kind: 'project', item: 'website' }))).toBe(
      `The team "Frontend" (#50) has access to the project "Website" (#${website.id}) already. Nothing was changed.`,
    );
    expect(textOf(await admin.call('manage_teams', { action: 'revoke', team: '50', kind: 'customer', item: 'ACME' }))).toBe(
      `The team "Frontend" (#50) has no access of its own to the customer "ACME" (#${acme.id}). Nothing was changed.`,
    );
    expect(textOf(await admin.call('manage_teams', { action: 'grant', team: '50', kind: 'activity', item: 'Lunch' }))).toMatch(
      /^There is no activity "Lunch"; list_catalog shows them\. Nothing was changed\.$/,
    );
    const granted = await admin.call('manage_teams', { action: 'grant', team: '50', kind: 'customer', item: 'acme' });
    expect(textOf(granted)).toBe(`The team "Frontend" (#50) has access to the customer "ACME" (#${acme.id}) now.`);
    expect((await admin.call('manage_teams', { action: 'grant', team: '50', kind: 'activity', item: `#${meeting.id}` })).isError).toBeFalsy();
    const revoked = await admin.call('manage_teams', { action: 'revoke', team: '50', kind: 'project', item: 'Website' });
    expect(textOf(revoked)).toBe(`The team "Frontend" (#50) no longer has access to the project "Website" (#${website.id}).`);
    expect(web(server)).toMatchObject({ customers: [acme.id], projects: [], activities: [meeting.id] });
    const deleted = await admin.call('manage_teams', { action: 'delete', team: 'frontend' });
    expect(deleted.structuredContent).toEqual({ action: 'delete', teams: [], deleted: { id: 50, name: 'Frontend' } });
    expect(server.state.teams).toEqual([]);
  });

  it("withdraws manage_teams at once when Kimai refuses an administrator's team change (403), naming the permission", async () => {
    const { server } = await kimaiWithTeams({ ROLE_ADMIN: ['edit_team'] });
    const admin = await connect(server, ANN);
    await expect.poll(() => listed(admin)).toBe(true);
    const refused = await admin.call('manage_teams', { action: 'rename', team: 'Web', name: 'Frontend' });
    expect(refused.isError).toBe(true);
    expect(textOf(refused)).toBe(
      'Kimai did not let you rename team #50 (403 Forbidden): your account lacks the permission edit_team. Nothing was changed; manage_teams is switched off.',
    );
    await expect.poll(() => listed(admin)).toBe(false);
    expect(readDetection(admin.userDataDir, server.url)?.teamsRefused).toBe(true);
    expect(web(server)?.name).toBe('Web');
  });

  it('answers a refusal with its code and facts beside the words (contract/outcomes/team.ts)', async () => {
    const { server } = await kimaiWithTeams();
    const admin = await connect(server, ANN);
    const unknown = await admin.call('manage_teams', { action: 'show', team: 'Sales' });
    expect(unknown.isError).toBe(true);
    expect(refusalOf(unknown)).toEqual({ code: 'team_not_found', facts: { team: 'Sales', close: [], teams: [{ id: 50, name: 'Web' }] } });
    await admin.close();
  });
});

describe.each<Era>(['legacy', 'modern'])('the question before each change of a team (%s era)', (era) => {
  const CASES: Array<{ args: Record<string, unknown>; asks: string; unchanged: RegExp }> = [
    {
      args: { action: 'create', name: 'Ops', people: ['ada'], lead: 'tom' },
      asks: 'Create the team "Ops" with "Ada Lovelace" (#1) and "Tom Lead" (#2, lead)?',
      unchanged: /^The team "Ops" was not created: /,
    },
    {
      args: { action: 'rename', team: 'Web', name: 'Frontend' },
      asks: 'Rename the team "Web" (#50) to "Frontend"?',
      unchanged: /^The team "Web" \(#50\) was not renamed: /,
    },
    {
      args: { action: 'add_members', team: 'Web', people: ['bea'] },
      asks: 'Add "Bea Busy" (#8) to the team "Web" (#50)? It has 2 members now.',
      unchanged: /^Nobody was added to the team "Web" \(#50\): /,
    },
    {
      args: { action: 'remove_members', team: 'Web', people: ['ada'] },
      asks: 'Remove "Ada Lovelace" (#1) from the team "Web" (#50)? "Tom Lead" (#2) stays.',
      unchanged: /^Nobody was removed from the team "Web" \(#50\): /,
    },
    {
      args: { action: 'set_lead', team: 'Web', lead: 'ada' },
      asks: 'Make "Ada Lovelace" (#1) a lead of the team "Web" (#50)? "Tom Lead" (#2) leads it now and stays.',
      unchanged: /^Nobody was made a lead of the team "Web" \(#50\): /,
    },
    {
      args: { action: 'delete', team: 'Web' },
      asks: 'Delete the team "Web" (#50) and its 2 memberships ("Tom Lead" (#2) and "Ada Lovelace" (#1))? Their time entries stay; the access it gave them goes.',
      unchanged: /^The team "Web" \(#50\) was not deleted: /,
    },
    {
      args: { action: 'grant', team: 'Web', kind: 'customer', item: 'ACME' },
      asks: 'Give the team "Web" (#50) access to the customer "ACME" (#1)? Once any team has access to it, only those teams\' members (and administrators) see it.',
      unchanged: /^The team "Web" \(#50\) was given no access: /,
    },
    {
      args: { action: 'revoke', team: 'Web', kind: 'project', item: 'Website' },
      asks: 'Take the team "Web" (#50)\'s access to the project "Website" (#2) away? Its members lose it unless another team of theirs has it; with no team left on it, everyone sees it again.',
      unchanged: /^The team "Web" \(#50\) keeps its access: /,
    },
  ];

  it.each(CASES)('asks "$asks", and changes it once accepted', async ({ args, asks }) => {
    const { server } = await kimaiWithTeams();
    const before = JSON.stringify(server.state.teams);
    const asked: string[] = [];
    const admin = await connect(server, ANN, { era, elicitation: (params) => (asked.push(params.message), { action: 'accept', content: {} }) });
    const done = await admin.call('manage_teams', args);
    expect(done.isError, textOf(done)).toBeFalsy();
    expect(asked).toEqual([asks]);
    expect(JSON.stringify(server.state.teams)).not.toBe(before);
  });

  it.each(CASES.flatMap((item) => (['decline', 'cancel'] as const).map((answer) => ({ ...item, answer }))))(
    'changes nothing when the question "$asks" is answered $answer',
    async ({ args, unchanged, answer }) => {
      const { server } = await kimaiWithTeams();
      const before = JSON.stringify(server.state.teams);
      const admin = await connect(server, ANN, { era, elicitation: () => ({ action: answer }) });
      const refused = await admin.call('manage_teams', args);
      expect(refused.isError).toBe(true);
      expect(textOf(refused)).toMatch(unchanged);
      expect(textOf(refused)).toMatch(
        answer === 'decline' ? /you said no when asked\. Nothing was changed\.$/ : /the question was dismissed without an answer\. Nothing was changed\.$/,
      );
      expect(JSON.stringify(server.state.teams)).toBe(before);
      expect(writes(server)).toEqual([]);
    },
  );
});
