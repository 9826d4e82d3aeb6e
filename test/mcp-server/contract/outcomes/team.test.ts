// The team family (mcp-server/contract/outcomes/team.ts) as the tools throw it: manage_teams over a
// hand-written teams part (team "Web", #50: Tom leads, Ada is a member, access to the project Website)
// and a catalog with two projects of one name, and project_status without a project. Each refusal
// carries its code and facts, and its words for the model are the sentences the tools always said.
import { describe, expect, it } from 'vitest';
import type { AdminTeam, TeamPerson } from '../../../../mcp-server/domain/admin-teams.ts';
import type { CatalogItem } from '../../../../mcp-server/domain/records.ts';
import type { AdminTeamsPart, TeamProjectsPart } from '../../../../mcp-server/providers/time-tracker.ts';
import manageTeams from '../../../../mcp-server/tools/manage-teams.ts';
import projectStatus from '../../../../mcp-server/tools/project-status.ts';
import { ToolInputError } from '../../../../mcp-server/tools/tool-input-error.ts';
import { useLocalTimesheet } from '../../tools/local-tool-context.ts';
import { trackerWithPart } from '../../tools/tracker-with-part.ts';
import { forPeople, thrownBy } from './refused.ts';
import { said } from '../../../support/said-outcome.ts';

const ADA: TeamPerson = { id: 1, name: 'Ada Lovelace' };
const TOM: TeamPerson = { id: 2, name: 'Tom Lead' };
const BEA: TeamPerson = { id: 8, name: 'Bea Busy' };
const PEOPLE = [ADA, TOM, BEA];

const item = (kind: CatalogItem['kind'], id: number, name: string): CatalogItem => ({ kind, id, name, archived: false });
const PROJECTS = [item('project', 3, 'Website'), item('project', 9, 'Intranet'), item('project', 10, 'Intranet')];
const CUSTOMERS = [item('customer', 4, 'Acme')];

function web(): AdminTeam {
  return {
    id: 50,
    name: 'Web',
    members: [
      { ...TOM, lead: true },
      { ...ADA, lead: false },
    ],
    access: { customers: [], projects: [{ id: 3, name: 'Website' }], activities: [] },
  };
}

function teamsPart(options: { needsLead?: boolean } = {}): AdminTeamsPart {
  const never = () => Promise.reject(new Error('nothing may be sent'));
  return {
    needsLead: options.needsLead ?? false,
    me: async () => ADA,
    teams: async () => [
      { id: 50, name: 'Web' },
      { id: 51, name: 'Ops' },
    ],
    read: async (id) => (id === 50 ? web() : { id, name: 'Ops', members: [{ ...BEA, lead: true }], access: { customers: [], projects: [], activities: [] } }),
    people: async (words) => words.map((word) => PEOPLE.find((one) => one.name.toLowerCase().startsWith(word.toLowerCase())) ?? ADA),
    create: never,
    rename: never,
    addMembers: never,
    removeMembers: never,
    setLeads: never,
    delete: never,
    grant: never,
    revoke: never,
  };
}

const openTimesheet = useLocalTimesheet({ now: Date.parse('2026-11-18T14:00:00Z'), timezone: 'Europe/Berlin' });

async function teams(options: { needsLead?: boolean } = {}) {
  const local = await openTimesheet();
  const tracker = trackerWithPart(local.tracker, 'admin_teams', teamsPart(options));
  const catalog = { ...tracker.catalog, catalog: async () => ({ customers: CUSTOMERS, projects: PROJECTS, activities: [] }) };
  const context = { ...local.context, tracker: { ...tracker, catalog } };
  return (args: Record<string, unknown>) => said(manageTeams.handler(manageTeams.input.parse(args), context));
}

/** The refusal a call ends in, and its words for each reader. */
async function refused(call: Promise<unknown>) {
  const error = await thrownBy(call, ToolInputError);
  if (!error.refusal) throw new Error(`not a refusal with a code: ${error.message}`);
  return { refusal: error.refusal, text: error.message, people: forPeople(error.refusal) };
}

const WEB = { id: 50, name: 'Web' };

describe('manage_teams refuses with codes and facts', () => {
  it('a team unnamed, unknown, or named by another', async () => {
    const run = await teams();
    expect(await refused(run({ action: 'show' }))).toEqual({
      refusal: { code: 'team_not_named', facts: {} },
      text: 'Name the team (its name or id) as team; action list shows them.',
      people: 'Name the team (its name or id).',
    });
    expect(await refused(run({ action: 'show', team: 'Sales' }))).toEqual({
      refusal: { code: 'team_not_found', facts: { team: 'Sales', close: [], teams: [WEB, { id: 51, name: 'Ops' }] } },
      text: 'There is no team "Sales"; the teams are "Web" (#50), "Ops" (#51).',
      people: 'There is no team "Sales"; the teams are "Web", "Ops".',
    });
    expect((await refused(run({ action: 'show', team: 'we' }))).text).toBe('There is no team "we"; did you mean "Web" (#50)?');
    expect(await refused(run({ action: 'rename', team: 'Web', name: 'ops' }))).toMatchObject({
      refusal: { code: 'team_name_taken', facts: { team: { id: 51, name: 'Ops' } } },
      text: 'Another team is called that: "Ops" (#51). Nothing was changed.',
    });
    expect(await refused(run({ action: 'rename', team: 'Web', name: 'Web' }))).toMatchObject({
      refusal: { code: 'team_name_same', facts: { team: WEB } },
      text: 'The team "Web" (#50) has that name already. Nothing was changed.',
    });
  });

  it("a team's name missing, too short, taken, or without a lead where one is needed", async () => {
    const run = await teams({ needsLead: true });
    expect(await refused(run({ action: 'rename', team: '50' }))).toEqual({
      refusal: { code: 'team_name_missing', facts: { action: 'rename' } },
      text: 'To rename a team, give its new name as name.',
      people: 'To rename a team, give its new name.',
    });
    expect(await refused(run({ action: 'create', name: ' X ' }))).toMatchObject({
      refusal: { code: 'team_name_short', facts: { length: 1 } },
      text: 'A team name is 2 to 100 characters long.',
    });
    expect(await refused(run({ action: 'create', name: 'web' }))).toMatchObject({
      refusal: { code: 'team_exists', facts: { team: WEB } },
      text: 'The team "Web" (#50) exists already. Nothing was created.',
    });
    const noLead = await refused(run({ action: 'create', name: 'Sales', people: ['Bea'] }));
    expect(noLead.refusal).toEqual({ code: 'team_needs_lead', facts: { back_end: 'Local timesheet' } });
    expect(noLead.text).toBe('Local timesheet keeps no team without a lead: name one of the people (or yourself) as lead. Nothing was created.');
  });

  it('members added twice, removed or made leads from outside, leads made twice or removed, a team left empty', async () => {
    const run = await teams();
    expect(await refused(run({ action: 'add_members', team: 'Web' }))).toEqual({
      refusal: { code: 'team_people_missing', facts: { action: 'add_members' } },
      text: 'Name the people (ids, e-mails or names) as people.',
      people: 'Name the people (ids, e-mails or names).',
    });
    expect((await refused(run({ action: 'set_lead', team: 'Web' }))).text).toBe('Name the new lead as lead.');
    expect(await refused(run({ action: 'add_members', team: 'Web', people: ['Ada', 'Tom'] }))).toEqual({
      refusal: { code: 'team_members_already', facts: { team: WEB, people: [ADA, TOM] } },
      text: '"Ada Lovelace" (#1) and "Tom Lead" (#2) are members of the team "Web" (#50) already: leave them out. Nothing was changed.',
      people: '"Ada Lovelace" and "Tom Lead" are members of the team "Web" already: leave them out. Nothing was changed.',
    });
    expect(await refused(run({ action: 'set_lead', team: 'Web', lead: 'Bea' }))).toEqual({
      refusal: { code: 'team_not_members', facts: { team: WEB, people: [BEA], action: 'set_lead' } },
      text: '"Bea Busy" (#8) is not a member of the team "Web" (#50): add them with add_members first. Nothing was changed.',
      people: '"Bea Busy" is not a member of the team "Web": add them to it first. Nothing was changed.',
    });
    expect((await refused(run({ action: 'remove_members', team: 'Web', people: ['Bea'] }))).text).toBe(
      '"Bea Busy" (#8) is not a member of the team "Web" (#50). Nothing was changed.',
    );
    expect(await refused(run({ action: 'set_lead', team: 'Web', lead: 'Tom' }))).toMatchObject({
      refusal: { code: 'team_leads_already', facts: { team: WEB, people: [TOM] } },
      text: '"Tom Lead" (#2) leads the team "Web" (#50) already. Nothing was changed.',
    });
    expect(await refused(run({ action: 'remove_members', team: 'Web', people: ['Tom'] }))).toMatchObject({
      refusal: { code: 'team_lead_not_removable', facts: { team: WEB, people: [TOM], back_end: 'Local timesheet' } },
      text: '"Tom Lead" (#2) leads the team "Web" (#50), and Local timesheet removes no team lead through its API: take the lead away in its Teams page first. Nothing was changed.',
    });
  });

  it('a team left without members', async () => {
    const local = await openTimesheet();
    const part = { ...teamsPart(), read: async () => ({ ...web(), members: [{ ...ADA, lead: false }] }) };
    const context = { ...local.context, tracker: trackerWithPart(local.tracker, 'admin_teams', part) };
    const call = manageTeams.handler(manageTeams.input.parse({ action: 'remove_members', team: 'Web', people: ['Ada'] }), context);
    expect(await refused(call)).toMatchObject({
      refusal: { code: 'team_left_empty', facts: { team: WEB } },
      text: 'That would leave the team "Web" (#50) without members, which it cannot be: delete the team instead. Nothing was changed.',
    });
  });

  it('access unnamed, granted twice, revoked where there is none, to an item unknown or named twice', async () => {
    const run = await teams();
    expect(await refused(run({ action: 'grant', team: 'Web', kind: 'project' }))).toMatchObject({
      refusal: { code: 'team_access_unnamed', facts: { action: 'grant' } },
      text: 'To grant access, name the kind (customer, project or activity) and the item.',
    });
    expect(await refused(run({ action: 'grant', team: 'Web', kind: 'project', item: 'website' }))).toEqual({
      refusal: { code: 'team_access_already', facts: { team: WEB, kind: 'project', item: { id: 3, name: 'Website' } } },
      text: 'The team "Web" (#50) has access to the project "Website" (#3) already. Nothing was changed.',
      people: 'The team "Web" has access to the project "Website" already. Nothing was changed.',
    });
    expect(await refused(run({ action: 'revoke', team: 'Web', kind: 'customer', item: '#4' }))).toMatchObject({
      refusal: { code: 'team_access_none', facts: { team: WEB, kind: 'customer', item: { id: 4, name: 'Acme' } } },
      text: 'The team "Web" (#50) has no access of its own to the customer "Acme" (#4). Nothing was changed.',
    });
    expect(await refused(run({ action: 'grant', team: 'Web', kind: 'project', item: 'intranet' }))).toEqual({
      refusal: {
        code: 'team_item_ambiguous',
        facts: {
          kind: 'project',
          item: 'intranet',
          items: [
            { id: 9, name: 'Intranet' },
            { id: 10, name: 'Intranet' },
          ],
        },
      },
      text: '"intranet" names 2 projects: "Intranet" (#9), "Intranet" (#10). Name it by id.',
      people: '"intranet" names 2 projects. Name it by its number.',
    });
    expect(await refused(run({ action: 'grant', team: 'Web', kind: 'project', item: 'Web' }))).toMatchObject({
      refusal: { code: 'team_item_not_found', facts: { kind: 'project', item: 'Web', close: [{ id: 3, name: 'Website' }] } },
      text: 'There is no project "Web"; did you mean "Website" (#3)? Nothing was changed.',
    });
    expect(await refused(run({ action: 'grant', team: 'Web', kind: 'customer', item: 'Globex' }))).toMatchObject({
      text: 'There is no customer "Globex"; list_catalog shows them. Nothing was changed.',
      people: 'There is no customer "Globex". Nothing was changed.',
    });
  });
});

describe('project_status refuses with a code', () => {
  it('a project named by nothing', async () => {
    const local = await openTimesheet();
    const part: TeamProjectsPart = { projectWork: () => Promise.reject(new Error('nothing may be read')) };
    const context = { ...local.context, tracker: trackerWithPart(local.tracker, 'team_projects', part) };
    const call = projectStatus.handler(projectStatus.input.parse({ project: ' ' }), context);
    expect(await refused(call)).toEqual({
      refusal: { code: 'project_status_unnamed', facts: {} },
      text: 'Name the project, by name or number.',
      people: 'Name the project, by name or number.',
    });
  });
});
