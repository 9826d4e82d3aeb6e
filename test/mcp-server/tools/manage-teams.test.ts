// manage_teams' handler over the local timesheet's catalog plus a hand-written teams part
// (AdminTeamsPart in mcp-server/providers/time-tracker.ts) that keeps its teams with members, leads
// and access, finds people by name or e-mail, and records every write: what each action sends and
// answers, the question asked before each change (a "no" sends nothing), and what a back end says in
// its own words (its moves, one lead, an action it cannot take). The refusals with codes are in
// test/mcp-server/contract/outcomes/team.test.ts.
import { describe, expect, it } from 'vitest';
import { refusalOf } from '../../../mcp-server/contract/outcomes/refusals.ts';
import type { AdminTeam, TeamAccessKind, TeamPerson } from '../../../mcp-server/domain/admin-teams.ts';
import { ACCESS_LISTS } from '../../../mcp-server/domain/admin-teams.ts';
import { type AdminTeamsPart, BackEndError } from '../../../mcp-server/providers/time-tracker.ts';
import type { Asker } from '../../../mcp-server/tools/asking.ts';
import manageTeams from '../../../mcp-server/tools/manage-teams.ts';
import { answering, questionOf } from './asking-rounds.ts';
import { useLocalTimesheet } from './local-tool-context.ts';
import { trackerWithPart } from './tracker-with-part.ts';
import { said } from '../../support/said-outcome.ts';

const NOW = Date.parse('2026-11-18T14:00:00Z');
const ADA: TeamPerson = { id: 1, name: 'Ada Lovelace', email: 'ada@example.com' };
const TOM: TeamPerson = { id: 2, name: 'Tom Lead', email: 'tom@example.com' };
const BEA: TeamPerson = { id: 8, name: 'Bea Busy', email: 'bea@example.com' };
const CEM: TeamPerson = { id: 9, name: 'Cem New', email: 'cem@example.com' };
const openTimesheet = useLocalTimesheet({ now: NOW, timezone: 'Europe/Berlin' });

type Sent = [string, number | string, ...unknown[]];

/**
 * The team Web (#50: Tom leads, Ada and Bea are members, access to the project Website) and Ops (#51: Cem
 * alone, leading it). `clockodo`: one lead a team, one team a person, and no access through the API.
 */
async function withTeams(options: { clockodo?: boolean; leadsLeave?: boolean } = {}) {
  const local = await openTimesheet();
  const { catalog } = local.tracker;
  const website = await catalog.createCatalogItem({ kind: 'project', name: 'Website' });
  const intranet = await catalog.createCatalogItem({ kind: 'project', name: 'Intranet' });
  const teams: AdminTeam[] = [
    {
      id: 50,
      name: 'Web',
      members: [
        { ...TOM, lead: true },
        { ...ADA, lead: false },
        { ...BEA, lead: false },
      ],
      access: { customers: [], projects: [{ id: website.id, name: 'Website' }], activities: [] },
    },
    { id: 51, name: 'Ops', members: [{ ...CEM, lead: true }], access: { customers: [], projects: [], activities: [] } },
  ];
  const sent: Sent[] = [];
  const copy = (team: AdminTeam): AdminTeam => structuredClone(team);
  const stored = (team: AdminTeam) => teams.find((one) => one.id === team.id) as AdminTeam;
  const part: AdminTeamsPart = {
    needsLead: true,
    me: async () => ADA,
    teams: async () => teams.map((team) => ({ id: team.id, name: team.name })).sort((a, b) => a.name.localeCompare(b.name)),
    async read(id) {
      const team = teams.find((one) => one.id === id);
      if (!team) throw new Error(`no team #${id}`);
      return copy(team);
    },
    async people(words) {
      return words.map((word) => {
        const found = [ADA, TOM, BEA, CEM].find((one) => one.email === word.toLowerCase() || one.name.toLowerCase().startsWith(word.toLowerCase()));
        if (!found) {
          if (options.clockodo) throw new BackEndError('clockodo_coworker_unknown', { text: word, close: [] });
          throw new BackEndError('kimai_team_person_unknown', { text: word, email: word.includes('@'), everyone: true, days: 90, close: [] });
        }
        return found;
      });
    },
    async create(name, members) {
      sent.push(['create', name, members]);
      const team = { id: 52, name, members: [...members], access: { customers: [], projects: [], activities: [] } };
      teams.push(team);
      return copy(team);
    },
    async rename(team, name) {
      sent.push(['rename', team.id, name]);
      stored(team).name = name;
      return copy(stored(team));
    },
    async addMembers(team, people) {
      sent.push(['add', team.id, people.map((one) => one.id)]);
      stored(team).members?.push(...people.map((one) => ({ ...one, lead: false })));
      return copy(stored(team));
    },
    async removeMembers(team, people) {
      sent.push(['remove', team.id, people.map((one) => one.id)]);
      const kept = stored(team);
      kept.members = kept.members?.filter((member) => !people.some((one) => one.id === member.id)) ?? [];
      return copy(kept);
    },
    async setLeads(team, people) {
      sent.push(['lead', team.id, people.map((one) => one.id)]);
      const kept = stored(team);
      kept.members = kept.members?.map((member) => ({
        ...member,
        lead: people.some((one) => one.id === member.id) || (member.lead && !options.clockodo),
      }));
      return copy(kept);
    },
    async delete(team) {
      sent.push(['delete', team.id]);
      teams.splice(teams.indexOf(stored(team)), 1);
    },
    async grant(team, kind: TeamAccessKind, item) {
      sent.push(['grant', team.id, kind, item.id]);
      stored(team).access?.[ACCESS_LISTS[kind]].push({ id: item.id, name: item.name });
      return copy(stored(team));
    },
    async revoke(team, kind: TeamAccessKind, item) {
      sent.push(['revoke', team.id, kind, item.id]);
      const access = stored(team).access;
      if (access) access[ACCESS_LISTS[kind]] = access[ACCESS_LISTS[kind]].filter((one) => one.id !== item.id);
      return copy(stored(team));
    },
    ...(options.leadsLeave ? { leadsLeave: (_team: AdminTeam, leads: readonly TeamPerson[]) => `${leads.length} lead loses the team manager role.` } : {}),
    ...(options.clockodo
      ? {
          oneLead: refusalOf('clockodo_team_one_leader'),
          actionRefusal: (action: string) => (action === 'grant' || action === 'revoke' ? refusalOf('clockodo_team_access_read_only', { action }) : null),
          moves: async (_team: { id?: number; name: string }, people: readonly TeamPerson[]) =>
            `${people.map((one) => one.name).join(', ')} leave${people.length === 1 ? 's' : ''} the team they are in now.`,
          keepsEmptyTeams: true,
          deleteNote: 'Its members are in no team then.',
        }
      : {}),
  };
  const context = { ...local.context, tracker: trackerWithPart(local.tracker, 'admin_teams', part) };
  const run = (args: Record<string, unknown>, ask: Asker = context.ask) => said(manageTeams.handler(manageTeams.input.parse(args), { ...context, ask }));
  return { run, sent, teams, website, intranet };
}

describe('manage_teams', () => {
  it('lists the teams by name and shows one with its leads, members and access', async () => {
    const { run, sent, website } = await withTeams();
    const listed = await run({ action: 'list' });
    expect(listed.text).toBe('#51 "Ops"\n#50 "Web"');
    expect(listed.data.teams).toEqual([
      { id: 51, name: 'Ops' },
      { id: 50, name: 'Web' },
    ]);
    const shown = await run({ action: 'show', team: '#50' });
    expect(shown.text).toBe(
      [
        'Team "Web" (#50): 3 members.',
        'Lead: "Tom Lead" (#2).',
        'Members: "Ada Lovelace" (#1) and "Bea Busy" (#8).',
        `Access to projects: "Website" (#${website.id}).`,
      ].join('\n'),
    );
    expect(shown.data.teams[0]?.members).toEqual([
      { id: 2, name: 'Tom Lead', lead: true },
      { id: 1, name: 'Ada Lovelace', lead: false },
      { id: 8, name: 'Bea Busy', lead: false },
    ]);
    expect(sent).toEqual([]);
  });

  it('creates a team with the people and lead named, or with the person herself leading it', async () => {
    const { run, sent } = await withTeams();
    const made = await run({ action: 'create', name: ' Sales ', people: ['bea', 'Cem'], lead: 'cem@example.com' });
    expect(sent[0]).toEqual([
      'create',
      'Sales',
      [
        { id: 8, name: 'Bea Busy', lead: false },
        { id: 9, name: 'Cem New', lead: true },
      ],
    ]);
    expect(made.text).toBe('Created the team "Sales" (#52) with "Bea Busy" (#8) and "Cem New" (#9).');
    const alone = await withTeams();
    await alone.run({ action: 'create', name: 'Solo' });
    expect(alone.sent).toEqual([['create', 'Solo', [{ id: 1, name: 'Ada Lovelace', lead: true }]]]);
  });

  it('renames, adds members, makes a lead, removes a member, grants and revokes access, and deletes, each as sent', async () => {
    const { run, sent, teams, website, intranet } = await withTeams();
    expect((await run({ action: 'rename', team: 'web', name: 'Web shop' })).text).toBe('Renamed the team "Web" (#50) to "Web shop".');
    expect((await run({ action: 'add_members', team: '50', people: ['Cem', 'cem@example.com'] })).text).toBe(
      'Added "Cem New" (#9) to the team "Web shop" (#50); it has 4 members now.',
    );
    expect((await run({ action: 'set_lead', team: '50', lead: 'Ada' })).text).toBe('"Ada Lovelace" (#1) now leads the team "Web shop" (#50).');
    expect((await run({ action: 'remove_members', team: '50', people: ['Bea'] })).text).toBe(
      'Removed "Bea Busy" (#8) from the team "Web shop" (#50); 3 members stay.',
    );
    expect((await run({ action: 'grant', team: '50', kind: 'project', item: 'intranet' })).text).toBe(
      `The team "Web shop" (#50) has access to the project "Intranet" (#${intranet.id}) now.`,
    );
    expect((await run({ action: 'revoke', team: '50', kind: 'project', item: `#${website.id}` })).text).toBe(
      `The team "Web shop" (#50) no longer has access to the project "Website" (#${website.id}).`,
    );
    expect(teams.find((team) => team.id === 50)).toMatchObject({
      members: [
        { id: 2, lead: true },
        { id: 1, lead: true },
        { id: 9, lead: false },
      ],
      access: { projects: [{ id: intranet.id, name: 'Intranet' }] },
    });
    const deleted = await run({ action: 'delete', team: 'Ops' });
    expect(deleted.data).toEqual({ action: 'delete', teams: [], deleted: { id: 51, name: 'Ops' } });
    expect(deleted.text).toBe('Deleted the team "Ops" (#51).');
    expect(sent).toEqual([
      ['rename', 50, 'Web shop'],
      ['add', 50, [9]],
      ['lead', 50, [1]],
      ['remove', 50, [8]],
      ['grant', 50, 'project', intranet.id],
      ['revoke', 50, 'project', website.id],
      ['delete', 51],
    ]);
  });

  it('where the client can ask, says exactly what changes first, and a "no" sends nothing', async () => {
    const { run, sent } = await withTeams();
    const args = { action: 'delete', team: 'Web' };
    const question = await questionOf('manage_teams', args, (ask) => run(args, ask));
    expect(question.params.message).toBe(
      'Delete the team "Web" (#50) and its 3 memberships ("Tom Lead" (#2), "Ada Lovelace" (#1) and "Bea Busy" (#8))? Their time entries stay; the access it gave them goes.',
    );
    await expect(run(args, answering('manage_teams', args, question, 'decline'))).rejects.toThrow(
      'The team "Web" (#50) was not deleted: you said no when asked. Nothing was changed.',
    );
    const add = { action: 'add_members', team: 'Web', people: ['Cem'] };
    expect((await questionOf('manage_teams', add, (ask) => run(add, ask))).params.message).toBe(
      'Add "Cem New" (#9) to the team "Web" (#50)? It has 3 members now.',
    );
    const lead = { action: 'set_lead', team: 'Web', lead: 'Bea' };
    expect((await questionOf('manage_teams', lead, (ask) => run(lead, ask))).params.message).toBe(
      'Make "Bea Busy" (#8) a lead of the team "Web" (#50)? "Tom Lead" (#2) leads it now and stays.',
    );
    expect(sent).toEqual([]);
  });

  it("says what a back end does along with a change, in its own words, and removes a lead where it takes the lead's role with them", async () => {
    const clockodo = await withTeams({ clockodo: true });
    const add = { action: 'add_members', team: 'Web', people: ['Cem'] };
    expect((await questionOf('manage_teams', add, (ask) => clockodo.run(add, ask))).params.message).toBe(
      'Add "Cem New" (#9) to the team "Web" (#50)? It has 3 members now. Cem New leaves the team they are in now.',
    );
    expect((await clockodo.run({ action: 'set_lead', team: 'Web', lead: 'Ada' })).text).toBe('"Ada Lovelace" (#1) now leads the team "Web" (#50).');
    expect(clockodo.teams[0]?.members?.filter((member) => member.lead).map((member) => member.id)).toEqual([1]);
    const clockify = await withTeams({ leadsLeave: true });
    expect((await clockify.run({ action: 'remove_members', team: 'Web', people: ['Tom'] })).text).toBe(
      'Removed "Tom Lead" (#2) from the team "Web" (#50); 2 members stay. 1 lead loses the team manager role.',
    );
    expect(clockify.sent).toEqual([['remove', 50, [2]]]);
  });

  it("refuses in the back end's own words an action it cannot take, several leads where it keeps one, and a person it cannot place", async () => {
    const { run, sent } = await withTeams({ clockodo: true });
    await expect(run({ action: 'grant', team: 'Web', kind: 'project', item: 'Intranet' })).rejects.toMatchObject({
      message:
        "Clockodo's API shows access rights read-only (per person, not per team): it cannot grant a team's access. Do it in Clockodo itself. Nothing was sent.",
      refusal: { code: 'clockodo_team_access_read_only', facts: { action: 'grant' } },
    });
    await expect(run({ action: 'set_lead', team: 'Web', lead: 'Ada', people: ['Bea'] })).rejects.toMatchObject({
      message: 'A team in Clockodo has one leader: name one person as lead. Nothing was changed.',
      refusal: { code: 'clockodo_team_one_leader' },
    });
    await expect(run({ action: 'add_members', team: 'Web', people: ['Dana'] })).rejects.toMatchObject({
      message: 'Nobody among Clockodo\'s co-workers is "Dana". Nothing was changed.',
      refusal: { code: 'clockodo_coworker_unknown', facts: { text: 'Dana', close: [] } },
    });
    expect(sent).toEqual([]);
  });
});
