// Refusals of the team tools: a team's administration (manage_teams: its name, members, leads and
// access to catalog items), each said before anything is sent, and the team group's (project_status).
// Names in the facts are as the tool quotes them (tools/asking.ts, `quoted`); numbers are the back end's ids.
import { quotedLine } from './quoted-line.ts';
import { type ItemKind, listed, type Named, joined, PLURALS, plainName, quotedName } from './admin.ts';
import { either, forModelOnly, outside, say } from './sentence.ts';
import { refusalFamily } from './wording.ts';

type Team = { team: Named };
type TeamAndPeople = Team & { people: readonly Named[] };
type Access = Team & { kind: ItemKind; item: Named };

const theTeam = (team: Named) => say`the team ${quotedName(team)}`;
const who = (people: readonly Named[]) => listed(people.map(plainName));
const one = (people: readonly unknown[]) => people.length === 1;
/** `the project "Website" (#3)`. */
const theItem = (facts: Access) => say`the ${facts.kind} ${quotedName(facts.item)}`;

export const teamRefusals = refusalFamily({
  /** A team made or renamed without its name. */
  team_name_missing: {
    kind: 'input',
    say: (facts: { action: 'create' | 'rename' }) =>
      say`To ${facts.action} a team, give its ${facts.action === 'rename' ? 'new ' : ''}name${forModelOnly(' as name')}.`,
    example: { action: 'rename' },
  },
  /** A team's name shorter than Kimai takes. */
  team_name_short: {
    kind: 'input',
    say: (_facts: { length: number }) => say`A team name is 2 to 100 characters long.`,
    example: { length: 1 },
  },
  /** An action on a team without naming it. */
  team_not_named: {
    kind: 'input',
    say: () => say`Name the team (its name or id)${forModelOnly(' as team; action list shows them')}.`,
    example: {},
  },
  /** No team by that name or number: the ones it may have meant (`close`), else the first of all of them. */
  team_not_found: {
    kind: 'input',
    say: (facts: { team: string; close: readonly Named[]; teams: readonly Named[] }) => {
      const hint =
        facts.close.length > 0
          ? say`; did you mean ${joined(facts.close.map(quotedName))}?`
          : facts.teams.length > 0
            ? say`; the teams are ${joined(facts.teams.map(quotedName))}.`
            : say`; there are no teams yet.`;
      return say`There is no team ${JSON.stringify(facts.team)}${hint}`;
    },
    example: { team: 'Sales', close: [], teams: [{ id: 50, name: 'Web' }] },
  },
  /** A team made with a name another team has. */
  team_exists: {
    kind: 'input',
    say: (facts: Team) => say`The team ${quotedName(facts.team)} exists already. Nothing was created.`,
    example: { team: { id: 50, name: 'Web' } },
  },
  /** A team made with nobody to lead it, where the back end keeps none without a lead. */
  team_needs_lead: {
    kind: 'input',
    say: (facts: { back_end: string }) =>
      say`${facts.back_end} keeps no team without a lead: name one of the people (or yourself) ${either('as lead', 'to lead it')}. Nothing was created.`,
    example: { back_end: 'Clockodo' },
  },
  /** A team renamed to the name it has. */
  team_name_same: {
    kind: 'input',
    say: (facts: Team) => say`The team ${quotedName(facts.team)} has that name already. Nothing was changed.`,
    example: { team: { id: 50, name: 'Web' } },
  },
  /** A team renamed to another team's name. */
  team_name_taken: {
    kind: 'input',
    say: (facts: Team) => say`Another team is called that: ${quotedName(facts.team)}. Nothing was changed.`,
    example: { team: { id: 51, name: 'Ops' } },
  },
  /** Members added or removed, or a lead set, without naming anyone. */
  team_people_missing: {
    kind: 'input',
    say: (facts: { action: 'add_members' | 'remove_members' | 'set_lead' }) =>
      facts.action === 'set_lead'
        ? say`Name the new lead${forModelOnly(' as lead')}.`
        : say`Name the people (ids, e-mails or names)${forModelOnly(' as people')}.`,
    example: { action: 'add_members' },
  },
  /** People added to a team they are members of. */
  team_members_already: {
    kind: 'input',
    say: (facts: TeamAndPeople) =>
      say`${who(facts.people)} ${one(facts.people) ? 'is a member' : 'are members'} of ${theTeam(facts.team)} already: leave them out. Nothing was changed.`,
    example: { team: { id: 50, name: 'Web' }, people: [{ id: 1, name: 'Ada Lovelace' }] },
  },
  /** People removed from, or made leads of, a team they are not members of. */
  team_not_members: {
    kind: 'input',
    say: (facts: TeamAndPeople & { action: 'remove_members' | 'set_lead' }) =>
      say`${who(facts.people)} ${one(facts.people) ? 'is not a member' : 'are not members'} of ${theTeam(facts.team)}${
        facts.action === 'set_lead' ? either(': add them with add_members first', ': add them to it first') : ''
      }. Nothing was changed.`,
    example: { team: { id: 50, name: 'Web' }, people: [{ id: 8, name: 'Bea Busy' }], action: 'set_lead' },
  },
  /** People made leads of a team they lead. */
  team_leads_already: {
    kind: 'input',
    say: (facts: TeamAndPeople) => say`${who(facts.people)} ${one(facts.people) ? 'leads' : 'lead'} ${theTeam(facts.team)} already. Nothing was changed.`,
    example: { team: { id: 50, name: 'Web' }, people: [{ id: 2, name: 'Tom Lead' }] },
  },
  /** A lead removed from a team where the back end's API removes no lead. */
  team_lead_not_removable: {
    kind: 'input',
    say: (facts: TeamAndPeople & { back_end: string }) =>
      say`${who(facts.people)} ${one(facts.people) ? 'leads' : 'lead'} ${theTeam(facts.team)}, and ${facts.back_end} removes no team lead through its API: take the lead away in its Teams page first. Nothing was changed.`,
    example: { team: { id: 50, name: 'Web' }, people: [{ id: 2, name: 'Tom Lead' }], back_end: 'Kimai' },
  },
  /** Every member removed from a team that cannot be empty. */
  team_left_empty: {
    kind: 'input',
    say: (facts: Team) => say`That would leave ${theTeam(facts.team)} without members, which it cannot be: delete the team instead. Nothing was changed.`,
    example: { team: { id: 50, name: 'Web' } },
  },
  /** Access granted or revoked without the kind or the item. */
  team_access_unnamed: {
    kind: 'input',
    say: (facts: { action: 'grant' | 'revoke' }) => say`To ${facts.action} access, name the kind (customer, project or activity) and the item.`,
    example: { action: 'grant' },
  },
  /** Access granted that the team has. */
  team_access_already: {
    kind: 'input',
    say: (facts: Access) => say`The team ${quotedName(facts.team)} has access to ${theItem(facts)} already. Nothing was changed.`,
    example: { team: { id: 50, name: 'Web' }, kind: 'project', item: { id: 3, name: 'Website' } },
  },
  /** Access revoked that the team does not have of its own. */
  team_access_none: {
    kind: 'input',
    say: (facts: Access) => say`The team ${quotedName(facts.team)} has no access of its own to ${theItem(facts)}. Nothing was changed.`,
    example: { team: { id: 50, name: 'Web' }, kind: 'customer', item: { id: 4, name: 'Acme' } },
  },
  /** A name that several catalog items of the kind have, to grant or revoke access to. */
  team_item_ambiguous: {
    kind: 'input',
    say: (facts: { kind: ItemKind; item: string; items: readonly Named[] }) =>
      say`${outside(facts.item)} names ${facts.items.length} ${PLURALS[facts.kind]}${forModelOnly(`: ${facts.items.map((item) => `${quotedLine(item.name)} (#${item.id})`).join(', ')}`)}. Name it by ${either('id', 'its number')}.`,
    example: {
      kind: 'project',
      item: 'Website',
      items: [
        { id: 3, name: 'Website' },
        { id: 9, name: 'website' },
      ],
    },
  },
  /** No catalog item of the kind by that name or number, to grant or revoke access to. */
  team_item_not_found: {
    kind: 'input',
    say: (facts: { kind: ItemKind; item: string; close: readonly Named[] }) =>
      say`There is no ${facts.kind} ${outside(facts.item)}${
        facts.close.length > 0 ? say`; did you mean ${joined(facts.close.map(plainName))}?` : either('; list_catalog shows them.', '.')
      } Nothing was changed.`,
    example: { kind: 'activity', item: 'Desgin', close: [{ id: 5, name: 'Design' }] },
  },
  /** project_status without a project. */
  project_status_unnamed: {
    kind: 'input',
    say: () => say`Name the project, by name or number.`,
    example: {},
  },
  /**
   * project_status of a project the person's role does not oversee: they see the time of the projects they manage
   * (Toggl's project managers and Project Leads), and nothing of this one was read. One code for every back end.
   */
  project_not_yours: {
    kind: 'denied',
    say: (facts: { back_end: string; project: { id: number; name: string } }) =>
      say`You do not manage the project ${outside(facts.project.name)}${forModelOnly(` (#${facts.project.id})`)} in ${facts.back_end}, so its time is not yours to see here. Nothing was read of it.`,
    example: { back_end: 'Toggl Track', project: { id: 8, name: 'Internal' } },
  },
});
