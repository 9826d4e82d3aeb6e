// manage_teams: a team's life as an administrator leads it (docs/tools.md, "Administration"). Every
// check the back end would answer with a bare refusal (a member added twice, a non-member or a lead
// removed, an item granted twice, a team left empty) is made here first, on the team as just read,
// and said in words before anything is sent; every change asks first, naming exactly what changes.
import type { AdminTeam, TeamAccessKind, TeamMember, TeamPerson } from '../domain/admin-teams.ts';
import { ACCESS_LISTS } from '../domain/admin-teams.ts';
import type { CatalogItem } from '../domain/records.ts';
import type { AdminTeamsPart } from '../providers/time-tracker.ts';
import { manageTeamsContract } from '../contract/tools/manage-teams.ts';
import { quoted } from './asking.ts';
import { defineTool } from './define-tool.ts';
import { findCatalogItem } from './shared.ts';
import { ToolInputError } from './tool-input-error.ts';

type Shown = { id: number; name: string; members?: Array<{ id: number; name: string; lead: boolean }>; access?: AdminTeam['access'] };

const shown = (team: AdminTeam): Shown => ({
  id: team.id,
  name: team.name,
  ...(team.members ? { members: team.members.map((member) => ({ id: member.id, name: member.name, lead: member.lead })) } : {}),
  ...(team.access ? { access: team.access } : {}),
});
const label = (team: { id: number; name: string }) => `"${quoted(team.name)}" (#${team.id})`;
const who = (people: readonly { id: number; name: string }[]) => listed(people.map((one) => `${quoted(one.name, 40)} (#${one.id})`));

/** "A", "A and B", "A, B and C". */
function listed(words: readonly string[]): string {
  return words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`;
}

/** A team's name as Kimai takes it: 2 to 100 characters. */
function checkedName(name: string | undefined, action: string): string {
  const trimmed = name?.trim() ?? '';
  if (trimmed === '') throw new ToolInputError(`To ${action} a team, give its ${action === 'rename' ? 'new ' : ''}name as name.`);
  if (trimmed.length < 2) throw new ToolInputError('A team name is 2 to 100 characters long.');
  return trimmed;
}

/** The team a word names: by id ("4", "#4") or by its whole name in any case; else refused, naming the teams. */
async function teamNamed(part: AdminTeamsPart, text: string | undefined): Promise<AdminTeam> {
  const word = text?.trim() ?? '';
  if (word === '') throw new ToolInputError('Name the team (its name or id) as team; action list shows them.');
  const teams = await part.teams();
  const id = /^#?(\d{1,15})$/.exec(word);
  const found = id ? teams.find((team) => team.id === Number(id[1])) : teams.find((team) => team.name.toLowerCase() === word.toLowerCase());
  if (found) return part.read(found.id);
  const close = teams.filter((team) => team.name.toLowerCase().includes(word.toLowerCase())).slice(0, 5);
  const hint =
    close.length > 0
      ? `; did you mean ${close.map(label).join(', ')}?`
      : teams.length > 0
        ? `; the teams are ${teams.slice(0, 10).map(label).join(', ')}.`
        : '; there are no teams yet.';
  throw new ToolInputError(`There is no team ${JSON.stringify(word)}${hint}`);
}

/** The people named, each once, in the order named. */
function distinct(people: readonly TeamPerson[]): TeamPerson[] {
  const seen = new Set<number>();
  return people.filter((one) => !seen.has(one.id) && seen.add(one.id));
}

/** What a question shows of a team: a change to any of it since asks again. */
const state = (team: AdminTeam) => ({
  id: team.id,
  name: team.name,
  members: team.members?.map((member) => [member.id, member.lead]),
  ...(team.outsideLead ? { outsideLead: team.outsideLead.id } : {}),
  access: team.access,
});

/** Who leads the team now: its members who lead it, and one who leads it from outside (Clockodo). */
const leadsOf = (team: AdminTeam): TeamPerson[] => [...(team.members ?? []).filter((member) => member.lead), ...(team.outsideLead ? [team.outsideLead] : [])];

function describe(team: AdminTeam): string {
  const members = team.members ?? [];
  const leads = members.filter((member) => member.lead);
  const others = members.filter((member) => !member.lead);
  const access = team.access;
  const granted = access
    ? (['customer', 'project', 'activity'] as const)
        .map((kind) => {
          const items = access[ACCESS_LISTS[kind]];
          return items.length > 0 ? `${ACCESS_LISTS[kind]}: ${items.map((item) => `${item.name} (#${item.id})`).join(', ')}` : '';
        })
        .filter(Boolean)
    : [];
  const leadWords = [...(leads.length > 0 ? [who(leads)] : []), ...(team.outsideLead ? [`${who([team.outsideLead])}, not a member`] : [])];
  return [
    `Team ${label(team)}: ${members.length} member${members.length === 1 ? '' : 's'}.`,
    `Lead${leadWords.length === 1 && leads.length <= 1 ? '' : 's'}: ${leadWords.length > 0 ? leadWords.join('; ') : 'none'}.`,
    ...(others.length > 0 ? [`Members: ${who(others)}.`] : []),
    granted.length > 0 ? `Access to ${granted.join('; ')}.` : 'Access to no customer, project or activity of its own.',
  ].join('\n');
}

/** The catalog item `text` names (by id or whole name, archived ones too, as the catalog tools resolve them). */
async function itemNamed(items: readonly CatalogItem[], kind: TeamAccessKind, text: string): Promise<CatalogItem> {
  const word = text.trim();
  const exact = items.filter((item) => item.name.toLowerCase() === word.replace(/^#/, '').toLowerCase());
  if (exact.length > 1 && !/^#?\d+$/.test(word)) {
    throw new ToolInputError(
      `"${quoted(word)}" names ${exact.length} ${ACCESS_LISTS[kind]}: ${exact.map((item) => `${quoted(item.name)} (#${item.id})`).join(', ')}. Name it by id.`,
    );
  }
  const found = findCatalogItem(items, word);
  if (found) return found;
  const close = items.filter((item) => item.name.toLowerCase().includes(word.toLowerCase())).slice(0, 5);
  throw new ToolInputError(
    `There is no ${kind} "${quoted(word)}"${close.length > 0 ? `; did you mean ${close.map((item) => `${quoted(item.name)} (#${item.id})`).join(', ')}?` : '; list_catalog shows them.'} Nothing was changed.`,
  );
}

export default defineTool({
  ...manageTeamsContract,
  async handler(args, context) {
    const part = context.tracker.adminTeams;
    const { action } = args;
    const answer = (team: AdminTeam, text: string) => ({ data: { action, teams: [shown(team)] }, text });

    if (action === 'list') {
      const teams = await part.teams();
      return {
        data: { action, teams: teams.map(shown) },
        text: teams.length === 0 ? 'No teams.' : teams.map((team) => `#${team.id} ${team.name}`).join('\n'),
      };
    }

    // What the back end's API cannot do at all (Clockodo's team access) is said before anything is read or sent.
    const refusal = action === 'show' ? null : (part.actionRefusal?.(action, args.kind) ?? null);
    if (refusal) throw new ToolInputError(refusal);

    if (action === 'create') {
      const name = checkedName(args.name ?? args.team, 'create');
      const existing = (await part.teams()).find((team) => team.name.toLowerCase() === name.toLowerCase());
      if (existing) throw new ToolInputError(`The team ${label(existing)} exists already. Nothing was created.`);
      const words = args.people ?? [];
      const named = await part.people([...words, ...(args.lead ? [args.lead] : [])]);
      const lead = args.lead ? named.at(-1) : undefined;
      // Nobody named: the person herself, who then leads it.
      const people = words.length === 0 && !lead ? [await part.me()] : distinct(named);
      const leadId = lead?.id ?? (words.length === 0 ? people[0]?.id : undefined);
      if (part.needsLead && leadId === undefined) {
        throw new ToolInputError(`${context.tracker.label} keeps no team without a lead: name one of the people (or yourself) as lead. Nothing was created.`);
      }
      const members: TeamMember[] = people.map((one) => ({ ...one, lead: one.id === leadId }));
      // One team per person (Clockodo): making the team moves its members, and the question and the answer say from where.
      const moves = part.moves ? ` ${await part.moves({ name }, people)}` : '';
      context.ask.confirm({
        key: 'create',
        message: `Create the team "${quoted(name)}" with ${listed(members.map((member) => `${quoted(member.name, 40)} (#${member.id}${member.lead ? ', lead' : ''})`))}?${moves}`,
        shows: { name, members: members.map((member) => [member.id, member.lead]), ...(moves ? { moves } : {}) },
        unchanged: `The team "${quoted(name)}" was not created`,
      });
      const created = await part.create(
        name,
        members.map((member) => ({ id: member.id, name: member.name, lead: member.lead })),
      );
      return answer(created, `Created the team ${label(created)} with ${who(created.members ?? members)}.${moves}`);
    }

    const team = await teamNamed(part, args.team);
    const members = team.members ?? [];

    if (action === 'show') return answer(team, describe(team));

    if (action === 'rename') {
      const name = checkedName(args.name, 'rename');
      if (name === team.name) throw new ToolInputError(`The team ${label(team)} has that name already. Nothing was changed.`);
      const other = (await part.teams()).find((one) => one.id !== team.id && one.name.toLowerCase() === name.toLowerCase());
      if (other) throw new ToolInputError(`Another team is called that: ${label(other)}. Nothing was changed.`);
      context.ask.confirm({
        key: 'rename',
        message: `Rename the team ${label(team)} to "${quoted(name)}"?`,
        shows: { team: state(team), name },
        unchanged: `The team ${label(team)} was not renamed`,
      });
      const renamed = await part.rename(team, name);
      return answer(renamed, `Renamed the team "${quoted(team.name)}" (#${team.id}) to "${quoted(renamed.name)}".`);
    }

    if (action === 'add_members' || action === 'remove_members' || action === 'set_lead') {
      const words = action === 'set_lead' ? [...(args.lead ? [args.lead] : []), ...(args.people ?? [])] : (args.people ?? []);
      if (words.length === 0)
        throw new ToolInputError(action === 'set_lead' ? 'Name the new lead as lead.' : 'Name the people (ids, e-mails or names) as people.');
      const people = distinct(await part.people(words));
      const memberIds = new Set(members.map((member) => member.id));
      if (action === 'add_members') {
        const already = people.filter((one) => memberIds.has(one.id));
        if (already.length > 0)
          throw new ToolInputError(
            `${who(already)} ${already.length === 1 ? 'is a member' : 'are members'} of the team ${label(team)} already: leave ${already.length === 1 ? 'them' : 'them'} out. Nothing was changed.`,
          );
        // One team per person (Clockodo): adding moves them, and the question and the answer say from where.
        const moves = part.moves ? ` ${await part.moves(team, people)}` : '';
        context.ask.confirm({
          key: 'add',
          message: `Add ${who(people)} to the team ${label(team)}? It has ${members.length} member${members.length === 1 ? '' : 's'} now.${moves}`,
          shows: { team: state(team), people: people.map((one) => one.id), ...(moves ? { moves } : {}) },
          unchanged: `Nobody was added to the team ${label(team)}`,
        });
        const changed = await part.addMembers(team, people);
        return answer(
          changed,
          `Added ${who(people)} to the team ${label(changed)}; it has ${changed.members?.length ?? members.length + people.length} members now.${moves}`,
        );
      }
      const outside = people.filter((one) => !memberIds.has(one.id));
      if (outside.length > 0) {
        throw new ToolInputError(
          `${who(outside)} ${outside.length === 1 ? 'is not a member' : 'are not members'} of the team ${label(team)}${action === 'set_lead' ? ': add them with add_members first' : ''}. Nothing was changed.`,
        );
      }
      const byId = new Map(members.map((member) => [member.id, member]));
      if (action === 'set_lead') {
        const already = people.filter((one) => byId.get(one.id)?.lead);
        if (already.length > 0)
          throw new ToolInputError(`${who(already)} ${already.length === 1 ? 'leads' : 'lead'} the team ${label(team)} already. Nothing was changed.`);
        if (part.oneLead && people.length > 1) throw new ToolInputError(part.oneLead);
        const leads = leadsOf(team);
        // Where a team has one lead (Clockodo), the one named replaces the lead before; elsewhere leads are added.
        const now = part.oneLead
          ? leads.length > 0
            ? `${who(leads)} ${leads.length === 1 ? 'leads' : 'lead'} it now and no longer will.`
            : 'Nobody leads it now.'
          : leads.length > 0
            ? `${who(leads)} ${leads.length === 1 ? 'leads' : 'lead'} it now and stay${leads.length === 1 ? 's' : ''}.`
            : 'Nobody leads it now.';
        context.ask.confirm({
          key: 'lead',
          message: `Make ${who(people)} ${part.oneLead ? 'the lead' : people.length === 1 ? 'a lead' : 'leads'} of the team ${label(team)}? ${now}`,
          shows: { team: state(team), people: people.map((one) => one.id) },
          unchanged: `Nobody was made a lead of the team ${label(team)}`,
        });
        const changed = await part.setLeads(team, people);
        return answer(changed, `${who(people)} now ${people.length === 1 ? 'leads' : 'lead'} the team ${label(changed)}.`);
      }
      const leading = people.filter((one) => byId.get(one.id)?.lead);
      // Clockify takes a lead's role over the group away with them; a back end that cannot (Kimai) refuses it in words.
      const leadsGo = leading.length > 0 && part.leadsLeave ? ` ${part.leadsLeave(team, leading)}` : '';
      if (leading.length > 0 && !leadsGo) {
        throw new ToolInputError(
          `${who(leading)} ${leading.length === 1 ? 'leads' : 'lead'} the team ${label(team)}, and ${context.tracker.label} removes no team lead through its API: take the lead away in its Teams page first. Nothing was changed.`,
        );
      }
      const staying = members.filter((member) => !people.some((one) => one.id === member.id));
      if (staying.length === 0 && part.keepsEmptyTeams !== true)
        throw new ToolInputError(`That would leave the team ${label(team)} without members, which it cannot be: delete the team instead. Nothing was changed.`);
      context.ask.confirm({
        key: 'remove',
        message: `Remove ${who(people)} from the team ${label(team)}? ${staying.length === 0 ? 'Nobody stays in it.' : `${who(staying)} stay${staying.length === 1 ? 's' : ''}.`}${leadsGo}`,
        shows: { team: state(team), people: people.map((one) => one.id) },
        unchanged: `Nobody was removed from the team ${label(team)}`,
      });
      const changed = await part.removeMembers(team, people);
      return answer(changed, `Removed ${who(people)} from the team ${label(changed)}; ${changed.members?.length ?? staying.length} members stay.${leadsGo}`);
    }

    if (action === 'delete') {
      context.ask.confirm({
        key: 'delete',
        message: `Delete the team ${label(team)} and its ${members.length} membership${members.length === 1 ? '' : 's'} (${who(members.slice(0, 5))}${members.length > 5 ? ', …' : ''})? ${part.deleteNote ?? 'Their time entries stay; the access it gave them goes.'}`,
        shows: state(team),
        unchanged: `The team ${label(team)} was not deleted`,
      });
      await part.delete(team);
      return { data: { action, teams: [], deleted: { id: team.id, name: team.name } }, text: `Deleted the team ${label(team)}.` };
    }

    // grant or revoke: a team's access to one customer, project or activity.
    if (!args.kind || !args.item) throw new ToolInputError(`To ${action} access, name the kind (customer, project or activity) and the item.`);
    const kind = args.kind;
    const items = (await context.tracker.catalog.catalog(true, [kind]))[ACCESS_LISTS[kind]];
    const item = await itemNamed(items, kind, args.item);
    const granted = (team.access?.[ACCESS_LISTS[kind]] ?? []).some((one) => one.id === item.id);
    const what = `the ${kind} "${quoted(item.name)}" (#${item.id})`;
    if (action === 'grant') {
      if (granted) throw new ToolInputError(`The team ${label(team)} has access to ${what} already. Nothing was changed.`);
      context.ask.confirm({
        key: 'grant',
        message: `Give the team ${label(team)} access to ${what}? ${part.accessNotes?.grant ?? "Once any team has access to it, only those teams' members (and administrators) see it."}`,
        shows: { team: state(team), kind, item: item.id },
        unchanged: `The team ${label(team)} was given no access`,
      });
      const changed = await part.grant(team, kind, item);
      return answer(changed, `The team ${label(changed)} has access to ${what} now.`);
    }
    if (!granted) throw new ToolInputError(`The team ${label(team)} has no access of its own to ${what}. Nothing was changed.`);
    context.ask.confirm({
      key: 'revoke',
      message: `Take the team ${label(team)}'s access to ${what} away? ${part.accessNotes?.revoke ?? 'Its members lose it unless another team of theirs has it; with no team left on it, everyone sees it again.'}`,
      shows: { team: state(team), kind, item: item.id },
      unchanged: `The team ${label(team)} keeps its access`,
    });
    const changed = await part.revoke(team, kind, item);
    return answer(changed, `The team ${label(changed)} no longer has access to ${what}.`);
  },
});
